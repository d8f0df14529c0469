#!/usr/bin/env python3
"""Split rows.jsonl 50/50 into tune.jsonl and check.jsonl, stratified by category x lang x expect.

Deterministic: a fixed seed and sorted strata. Run from this directory: python3 split.py
"""
import collections
import json
import random

with open("rows.jsonl", encoding="utf-8") as f:
    rows = [json.loads(line) for line in f if line.strip()]
strata = collections.defaultdict(list)
for r in rows:
    strata[(r["category"], r["lang"], r["expect"])].append(r)
rng = random.Random(8088)
tune, check = [], []
flip = 0
for key in sorted(strata, key=str):
    group = sorted(strata[key], key=lambda r: r["id"])
    rng.shuffle(group)
    half = len(group) // 2
    if len(group) % 2:  # alternate which side gets the odd row so both halves stay at 200
        half += flip
        flip ^= 1
    tune += group[:half]
    check += group[half:]
for name, part in (("tune.jsonl", tune), ("check.jsonl", check)):
    with open(name, "w", encoding="utf-8") as f:
        for r in sorted(part, key=lambda r: r["id"]):
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
print(f"tune={len(tune)} check={len(check)}")
