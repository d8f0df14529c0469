#!/usr/bin/env python3
"""Split rows.jsonl into tune.jsonl and check.jsonl, 50/50, stratified by category x lang x expect.

Deterministic: the same rows.jsonl always gives the same split (fixed seed, strata in sorted
order). Run from anywhere:  python3 bench/holdout/split.py
"""
import collections
import json
import pathlib
import random

SEED = 20261127
HERE = pathlib.Path(__file__).resolve().parent


def main():
    text = (HERE / "rows.jsonl").read_text(encoding="utf-8")
    rows = [json.loads(line) for line in text.splitlines() if line.strip()]
    strata = collections.defaultdict(list)
    for r in rows:
        strata[(r["category"], r["lang"], r["expect"])].append(r)
    rng = random.Random(SEED)
    tune_ids, extra_to_tune = set(), True
    for key in sorted(strata, key=str):
        group = sorted(strata[key], key=lambda r: r["id"])
        rng.shuffle(group)
        n = len(group) // 2
        if len(group) % 2:  # odd strata alternate which side gets the extra row
            n += extra_to_tune
            extra_to_tune = not extra_to_tune
        tune_ids.update(r["id"] for r in group[:n])
    for name, keep in (("tune", True), ("check", False)):
        with open(HERE / f"{name}.jsonl", "w", encoding="utf-8") as f:
            for r in rows:
                if (r["id"] in tune_ids) == keep:
                    f.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(f"tune={len(tune_ids)} check={len(rows) - len(tune_ids)}")


if __name__ == "__main__":
    main()
