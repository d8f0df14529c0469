"""Accuracy floors: the engine must not get worse on the labelled sets it was measured on.

``bench/holdout*`` are Koe's own ja/en sets for all eight categories, each with an organization
policy and internal documents (see their READMEs); ``../shared/eval/dev.jsonl`` is the upstream set whose
targets the engine issue sets (pii and secret F1 >= 0.95, harassment >= 0.70). Scoring follows
``score.py``: a row is a hit when the scan reports any finding of the row's category.

The floors sit a little under what the engine measured when they were set, so a change that
makes a category clearly worse fails here, with the rows it got wrong.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from koe.engine import InternalIndex, default_policy, load_policy
from koe.engine.leak import read_documents

ROOT = Path(__file__).resolve().parents[2]
DEV = ROOT.parent / "shared" / "eval" / "dev.jsonl"


def _rows(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def _score(scanner, rows):
    """{category: (f1, tp, fp, fn)} and the rows that went wrong."""
    tally: dict[str, Counter] = {}
    wrong = []
    for row in rows:
        report = scanner.scan(row["text"], account=row.get("account", "personal"))
        hit = any(f.category == row["category"] for f in report.findings)
        key = ("tp" if row["expect"] else "fp") if hit else ("fn" if row["expect"] else "tn")
        tally.setdefault(row["category"], Counter())[key] += 1
        if key in ("fp", "fn"):
            wrong.append(f"{key} {row['category']}: {row['text'][:90]!r}")
    out = {}
    for category, c in tally.items():
        p = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 1.0
        r = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else 1.0
        out[category] = (2 * p * r / (p + r) if p + r else 0.0, c["tp"], c["fp"], c["fn"])
    return out, wrong


def _check(scores, wrong, floors):
    low = {c: round(scores[c][0], 3) for c, floor in floors.items() if scores[c][0] < floor}
    assert not low, (f"F1 below the floor: {low} (floors {floors})\n"
                     + "\n".join(w for w in wrong if w.split()[1].rstrip(":") in low))


# F1 per category on all rows (tune + check) of each of Koe's own sets: eight organizations
# (a cloud company, a bank, a clinic chain, a game studio, a city, a cosmetics brand, a car
# maker, a university), each written by someone who had not read the detectors.
SETS = {
    "holdout": ("acme.yaml", 640, {
        "pii": 0.95, "secret": 0.93, "confidential": 0.87, "leak": 0.97,
        "harassment": 0.91, "disclosure": 0.91, "claims": 0.90, "spokesperson": 0.88}),
    "holdout2": ("org.yaml", 480, {
        "pii": 0.95, "secret": 0.93, "confidential": 0.81, "leak": 0.97,
        "harassment": 0.89, "disclosure": 0.87, "claims": 0.94, "spokesperson": 0.89}),
    "holdout3": ("org.yaml", 400, {
        "pii": 0.96, "secret": 0.94, "confidential": 0.94, "leak": 0.97,
        "harassment": 0.94, "disclosure": 0.87, "claims": 0.83, "spokesperson": 0.89}),
    "holdout4": ("org.yaml", 400, {
        "pii": 0.96, "secret": 0.96, "confidential": 0.88, "leak": 0.94,
        "harassment": 0.90, "disclosure": 0.89, "claims": 0.91, "spokesperson": 0.84}),
    "holdout5": ("org.yaml", 400, {
        "pii": 0.92, "secret": 0.94, "confidential": 0.85, "leak": 0.94,
        "harassment": 0.94, "disclosure": 0.92, "claims": 0.96, "spokesperson": 0.89}),
    "holdout6": ("org.yaml", 400, {
        "pii": 0.94, "secret": 0.96, "confidential": 0.88, "leak": 0.94,
        "harassment": 0.92, "disclosure": 0.92, "claims": 0.92, "spokesperson": 0.92}),
    "holdout7": ("org.yaml", 400, {
        "pii": 0.94, "secret": 0.90, "confidential": 0.90, "leak": 0.97,
        "harassment": 0.83, "disclosure": 0.92, "claims": 0.85, "spokesperson": 0.85}),
    "holdout8": ("org.yaml", 400, {
        "pii": 0.94, "secret": 0.94, "confidential": 0.82, "leak": 0.97,
        "harassment": 0.84, "disclosure": 0.86, "claims": 0.87, "spokesperson": 0.78}),
}


@pytest.mark.parametrize("name", sorted(SETS))
def test_each_holdout_set_stays_above_its_floors(name):
    folder = ROOT / "bench" / name
    policy, size, floors = SETS[name]
    index = InternalIndex.from_documents(read_documents(str(folder / "internal.jsonl")))
    scanner = load_policy(str(folder / policy)).compile(internal_index=index)
    tune = _rows(folder / "tune.jsonl")
    rows = tune + _rows(folder / "check.jsonl")
    assert len(rows) == size and {r["category"] for r in rows} == set(floors)
    scores, _ = _score(scanner, rows)
    _, wrong_in_tune = _score(scanner, tune)  # check rows are not shown, only scored
    _check(scores, wrong_in_tune, floors)


@pytest.mark.skipif(not DEV.exists(), reason=f"the upstream eval set is not at {DEV}")
def test_the_upstream_dev_set_meets_the_issue_targets():
    scores, wrong = _score(default_policy().compile(), _rows(DEV))
    _check(scores, wrong, {"pii": 0.95, "secret": 0.95, "harassment": 0.70})
