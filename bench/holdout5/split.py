#!/usr/bin/env python3
"""Split rows.jsonl 50/50 into tune.jsonl and check.jsonl, stratified by category x lang x expect.

Deterministic: each stratum is sorted by id and shuffled with a seed derived from the stratum key;
the first half (rounded up on alternating strata, so totals stay even) goes to tune.
"""
import json
import os
import random

HERE = os.path.dirname(os.path.abspath(__file__))
SEED = 5


def main():
    with open(os.path.join(HERE, "rows.jsonl"), encoding="utf-8") as f:
        rows = [json.loads(line) for line in f if line.strip()]
    strata = {}
    for r in rows:
        strata.setdefault((r["category"], r["lang"], r["expect"]), []).append(r)
    tune_ids, odd = set(), 0
    for key in sorted(strata, key=str):
        group = sorted(strata[key], key=lambda r: r["id"])
        random.Random(f"{SEED}:{key[0]}:{key[1]}:{key[2]}").shuffle(group)
        half = len(group) // 2
        if len(group) % 2:
            half += odd
            odd ^= 1
        tune_ids.update(r["id"] for r in group[:half])
    for name, keep in (("tune.jsonl", True), ("check.jsonl", False)):
        with open(os.path.join(HERE, name), "w", encoding="utf-8") as f:
            for r in rows:
                if (r["id"] in tune_ids) == keep:
                    f.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(f"tune={len(tune_ids)} check={len(rows) - len(tune_ids)}")


if __name__ == "__main__":
    main()
