"""The benchmark keeps working: its corpus has every problem kind and a quick Koe run reports.

No timing assertions: CI machines vary. bench/README.md has the targets.
"""

from __future__ import annotations

import importlib.util
import json
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[2]
BENCH = ROOT / "bench"


def _corpus() -> ModuleType:
    spec = importlib.util.spec_from_file_location("koe_bench_corpus", BENCH / "corpus.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_it_generates_every_problem_category_in_both_languages() -> None:
    corpus = _corpus()
    docs = corpus.generate_documents(50, seed=3)
    posts = corpus.generate_posts(200, seed=3, docs=docs)

    assert len(posts) == 200
    assert {p["kind"] for p in posts} >= set(corpus.KINDS)
    assert {p["category"] for p in posts} - {None} == set(corpus.KINDS.values())
    assert {"clean", "decoy"} <= {p["kind"] for p in posts}
    langs = Counter(p["lang"] for p in posts)
    assert 60 <= langs["ja"] <= 140 and langs["ja"] + langs["en"] == 200
    assert all(0 < len(p["text"]) <= 280 for p in posts)
    doc_ids = {d["id"] for d in docs}
    copies = [p for p in posts if p["kind"] == "internal_copy"]
    assert copies and all(p["doc"] in doc_ids for p in copies)


def test_it_gives_the_same_corpus_for_the_same_seed() -> None:
    corpus = _corpus()
    assert corpus.generate_posts(100, seed=5, docs=20) == corpus.generate_posts(100, seed=5, docs=20)
    assert corpus.generate_posts(100, seed=5, docs=20) != corpus.generate_posts(100, seed=6, docs=20)
    # document i does not depend on how many documents are generated
    assert corpus.generate_documents(10, seed=5)[:5] == corpus.generate_documents(5, seed=5)


def test_it_runs_a_quick_koe_benchmark_and_prints_posts_per_second(tmp_path: Path) -> None:
    out = tmp_path / "bench.json"
    proc = subprocess.run(
        [sys.executable, str(BENCH / "engine.py"), "--quick", "--only", "koe", "--posts", "300",
         "--docs", "300", "--terms", "300", "--no-pin", "--json", str(out)],
        capture_output=True, text=True, timeout=300, cwd=ROOT)

    assert proc.returncode == 0, proc.stderr[-3000:]
    assert re.search(r"koe default\s+[\d,]+ posts/s", proc.stdout), proc.stdout
    assert re.search(r"koe default\+Acme\s+[\d,]+ posts/s", proc.stdout), proc.stdout
    assert "one core" in proc.stdout
    assert "InternalIndex of 300 documents" in proc.stdout
    numbers = json.loads(out.read_text(encoding="utf-8"))
    assert numbers["engines"]["koe default"]["posts"] == 300
    assert numbers["engines"]["koe default"]["posts_per_s"] > 0
    assert "presidio" not in numbers["engines"]
