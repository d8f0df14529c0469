#!/usr/bin/env python3
"""Deterministic seeded 50/50 split of rows.jsonl into tune.jsonl and check.jsonl,
stratified by category x lang x expect."""
import collections
import json
import os
import random

HERE = os.path.dirname(os.path.abspath(__file__))


def main():
    with open(os.path.join(HERE, "rows.jsonl"), encoding="utf-8") as f:
        rows = [json.loads(line) for line in f if line.strip()]
    strata = collections.defaultdict(list)
    for r in rows:
        strata[(r["category"], r["lang"], r["expect"])].append(r)
    rng = random.Random(77)
    tune, check = [], []
    flip = 0
    for key in sorted(strata, key=str):
        group = sorted(strata[key], key=lambda r: r["id"])
        rng.shuffle(group)
        half = len(group) // 2
        if len(group) % 2:  # alternate which side gets the odd row
            half += flip
            flip ^= 1
        tune += group[:half]
        check += group[half:]
    for name, part in (("tune.jsonl", tune), ("check.jsonl", check)):
        part.sort(key=lambda r: r["id"])
        with open(os.path.join(HERE, name), "w", encoding="utf-8") as f:
            for r in part:
                f.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(f"tune={len(tune)} check={len(check)}")


if __name__ == "__main__":
    main()
