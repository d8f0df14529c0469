#!/usr/bin/env python3
"""Split rows.jsonl 50/50 into tune.jsonl and check.jsonl, stratified by category x lang x expect.

Deterministic: a fixed seed shuffles each stratum (sorted by id first); odd strata alternate
which half gets the extra row. Run: python3 bench/holdout6/split.py
"""
import collections
import json
import os
import random

HERE = os.path.dirname(os.path.abspath(__file__))
SEED = 6606


def main():
    with open(os.path.join(HERE, "rows.jsonl"), encoding="utf-8") as f:
        rows = [json.loads(line) for line in f if line.strip()]
    strata = collections.defaultdict(list)
    for r in rows:
        strata[(r["category"], r["lang"], r["expect"])].append(r)
    rng = random.Random(SEED)
    tune, check = [], []
    extra_to_tune = False
    for key in sorted(strata, key=str):
        group = sorted(strata[key], key=lambda r: r["id"])
        rng.shuffle(group)
        half = len(group) // 2
        if len(group) % 2:
            half += extra_to_tune
            extra_to_tune = not extra_to_tune
        tune += group[:half]
        check += group[half:]
    for name, part in (("tune.jsonl", tune), ("check.jsonl", check)):
        with open(os.path.join(HERE, name), "w", encoding="utf-8") as f:
            for r in sorted(part, key=lambda r: r["id"]):
                f.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(f"tune={len(tune)} check={len(check)}")


if __name__ == "__main__":
    main()
