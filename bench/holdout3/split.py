#!/usr/bin/env python3
"""Split rows.jsonl 50/50 into tune.jsonl and check.jsonl, stratified by category x lang x expect.

Deterministic: rows are grouped, sorted by id, shuffled with a fixed seed; the first half of each
group (rounded alternately up and down across groups) goes to tune, the rest to check."""
import collections
import json
import random
from pathlib import Path

HERE = Path(__file__).resolve().parent
SEED = 3303


def main():
    with open(HERE / "rows.jsonl", encoding="utf-8") as f:
        rows = [json.loads(line) for line in f if line.strip()]
    groups = collections.defaultdict(list)
    for r in rows:
        groups[(r["category"], r["lang"], r["expect"])].append(r)
    rng = random.Random(SEED)
    tune, check = [], []
    extra_to_tune = True
    for key in sorted(groups, key=str):
        g = sorted(groups[key], key=lambda r: r["id"])
        rng.shuffle(g)
        half = len(g) // 2
        if len(g) % 2:
            half += 1 if extra_to_tune else 0
            extra_to_tune = not extra_to_tune
        tune += g[:half]
        check += g[half:]
    for name, part in (("tune.jsonl", tune), ("check.jsonl", check)):
        part.sort(key=lambda r: r["id"])
        with open(HERE / name, "w", encoding="utf-8") as f:
            for r in part:
                f.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(f"tune={len(tune)} check={len(check)}")


if __name__ == "__main__":
    main()
