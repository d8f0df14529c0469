"""Check that two versions of Koe's engine report exactly the same findings.

Meant for changes that should only make the engine faster (scanner, text views, pattern
databases, policy compile): the same inputs are scanned by the code of a *base* tree and by
the code of this tree, each in a subprocess of its own, and every finding is compared
(rule, start, end, severity, evidence, detail, the text it points at) plus each verdict.
Zero differences is the only passing result.

Other engineers change detectors and rule files at the same time, so both sides are built
fresh for each comparison from the same ``src/``: this checkout's working tree (or, with
``--rest-from REV``, a committed revision, for when someone's edit in progress does not load).
The *base* side then gets the engine files under test (``--files``) as they were at
``--commit``, the *this* side gets them from the working tree. Both sides run the same
detectors and the same defaults; only the files under test differ.

    .venv/bin/python bench/equivalence.py --commit <start-commit> [--rest-from HEAD]

Inputs (nothing is printed of them but ids, so the held-out check rows stay unread):

- ``bench/corpus.py`` posts (50,000 by default, seed 7) with the default policy, the Acme
  benchmark policy, the Acme policy with 2,000 internal documents registered (leak rule on)
  and the Acme policy with 10,000 extra lexicon terms (``engine.py``'s watch-list rule);
- every row of ``bench/holdout*/rows.jsonl`` with that set's policy (``*.yaml``) and its
  ``internal.jsonl`` documents, account and language from the row;
- every row of ``../shared/eval/dev.jsonl`` with the default policy.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
ENGINE_FILES = ("src/koe/engine/scanner.py", "src/koe/engine/text.py",
                "src/koe/engine/patterns.py", "src/koe/engine/policy.py")


# --------------------------------------------------------------------------- inputs


def build_inputs(n_posts: int, seed: int, dev: Path) -> dict[str, Any]:
    """Everything both trees scan, as plain JSON: policies, documents and posts per suite."""
    sys.path.insert(0, str(ROOT / "bench"))
    import corpus
    import engine

    docs = corpus.generate_documents(2000, seed)
    posts = [{"id": p["id"], "text": p["text"], "lang": p["lang"], "account": "personal"}
             for p in corpus.generate_posts(n_posts, seed, docs=docs)]
    lexicon = engine.LEXICON_RULE.format(terms=json.dumps(engine.lexicon_terms(10_000, seed),
                                                          ensure_ascii=False))
    suites: list[dict[str, Any]] = [
        {"name": "corpus/default", "policy": None, "docs": None, "posts": posts},
        {"name": "corpus/acme", "policy": engine.ORGANIZATION_YAML, "docs": None, "posts": posts},
        {"name": "corpus/acme+docs", "policy": engine.ORGANIZATION_YAML, "docs": docs,
         "posts": posts},
        {"name": "corpus/acme+lexicon", "policy": engine.ORGANIZATION_YAML + lexicon,
         "docs": None, "posts": posts[:20_000]},
    ]
    for folder in sorted(ROOT.glob("bench/holdout*")):
        rows_path = folder / "rows.jsonl"
        if not rows_path.exists():
            continue
        policies = sorted(folder.glob("*.yaml"))
        internal = folder / "internal.jsonl"
        suites.append({
            "name": f"{folder.name}/rows",
            "policy": policies[0].read_text(encoding="utf-8") if policies else None,
            "docs": _jsonl(internal) if internal.exists() else None,
            "posts": [{"id": r["id"], "text": r["text"], "lang": r.get("lang", "en"),
                       "account": r.get("account", "personal")} for r in _jsonl(rows_path)],
        })
    if dev.exists():
        suites.append({"name": "dev", "policy": None, "docs": None,
                       "posts": [{"id": r["id"], "text": r["text"], "lang": r.get("lang", "en"),
                                  "account": r.get("account", "personal")}
                                 for r in _jsonl(dev)]})
    return {"suites": suites}


def _jsonl(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


# --------------------------------------------------------------------------- one tree


def dump(inputs_path: str, out_path: str) -> None:
    """Scan every suite with the ``koe`` on ``sys.path`` and write one line per post."""
    from koe.engine import InternalIndex, load_policy, parse_policy

    inputs = json.loads(Path(inputs_path).read_text(encoding="utf-8"))
    with open(out_path, "w", encoding="utf-8") as out:
        for suite in inputs["suites"]:
            policy = (load_policy() if suite["policy"] is None
                      else parse_policy(suite["policy"], source=suite["name"]))
            index = None
            if suite["docs"]:
                index = InternalIndex.from_documents((d["id"], d["text"]) for d in suite["docs"])
            scanner = policy.compile(internal_index=index)
            t0 = time.process_time()
            for post in suite["posts"]:
                try:
                    report = scanner.scan(post["text"], account=post["account"],
                                          lang=post["lang"])
                    result: Any = [report.verdict, [
                        [f.rule, f.start, f.end, f.severity, f.evidence, f.detail, f.text]
                        for f in report.findings]]
                except Exception as exc:  # an error must be the same error on both sides
                    result = ["error", type(exc).__name__, str(exc)]
                out.write(json.dumps([suite["name"], post["id"], result], ensure_ascii=False)
                          + "\n")
            print(f"  {suite['name']}: {len(suite['posts']):,} posts in "
                  f"{time.process_time() - t0:.1f} s", file=sys.stderr)


def run_tree(src: Path, inputs_path: str, out_path: str) -> None:
    env = {**os.environ, "PYTHONPATH": str(src), "KOE_CACHE_DIR": tempfile.mkdtemp()}
    code = ("import sys; sys.path.insert(0, sys.argv[1]); "
            "sys.path.insert(0, sys.argv[2]); import equivalence; "
            "equivalence.dump(sys.argv[3], sys.argv[4])")
    subprocess.run([sys.executable, "-c", code, str(src), str(ROOT / "bench"), inputs_path,
                    out_path], env=env, check=True, cwd=str(src.parent))
    shutil.rmtree(env["KOE_CACHE_DIR"], ignore_errors=True)
    # the right tree's package must have been the one imported
    check = subprocess.run([sys.executable, "-c", "import koe.engine.scanner as s; "
                            "print(s.__file__)"], env=env, capture_output=True, text=True,
                           check=True, cwd=str(src.parent))
    if not check.stdout.strip().startswith(str(src)):
        raise SystemExit(f"imported {check.stdout.strip()}, not the tree under {src}")


def make_tree(folder: Path, rest_from: str | None, commit: str | None,
              files: list[str]) -> Path:
    """``src/`` of the working tree (or of ``rest_from``) in ``folder``, with ``files`` as
    they were at ``commit`` (or as they are in the working tree when ``commit`` is None)."""
    if rest_from is None:
        shutil.copytree(ROOT / "src", folder / "src",
                        ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    else:
        folder.mkdir(parents=True, exist_ok=True)
        archive = subprocess.run(["git", "-C", str(ROOT), "archive", rest_from, "src"],
                                 capture_output=True, check=True).stdout
        subprocess.run(["tar", "-x", "-C", str(folder)], input=archive, check=True)
    for name in files:
        if commit is None:
            blob = (ROOT / name).read_bytes()
        else:
            blob = subprocess.run(["git", "-C", str(ROOT), "show", f"{commit}:{name}"],
                                  capture_output=True, check=True).stdout
        (folder / name).write_bytes(blob)
    return folder / "src"


# --------------------------------------------------------------------------- compare


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--commit", required=True, help="the base commit of the engine files")
    ap.add_argument("--files", nargs="*", default=list(ENGINE_FILES),
                    help="the files under test (default: scanner, text, patterns, policy)")
    ap.add_argument("--rest-from", metavar="REV",
                    help="take the rest of src/ from this git revision, not the working tree")
    ap.add_argument("--posts", type=int, default=50_000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--dev", default=str(ROOT.parent / "shared" / "eval" / "dev.jsonl"))
    args = ap.parse_args(argv)

    work = Path(tempfile.mkdtemp(prefix="koe-equiv-"))
    trees = {"base": make_tree(work / "base", args.rest_from, args.commit, args.files),
             "this": make_tree(work / "this", args.rest_from, None, args.files)}
    inputs_path = str(work / "inputs.json")
    Path(inputs_path).write_text(json.dumps(build_inputs(args.posts, args.seed, Path(args.dev)),
                                            ensure_ascii=False), encoding="utf-8")
    results = {}
    for label, src in trees.items():
        print(f"{label}: {src}", file=sys.stderr)
        out = str(work / f"{label}.jsonl")
        run_tree(src, inputs_path, out)
        results[label] = Path(out).read_text(encoding="utf-8").splitlines()

    a, b = results["base"], results["this"]
    differences = 0
    per_suite: dict[str, list[int]] = {}
    for line_a, line_b in zip(a, b, strict=True):
        suite, post_id, found_a = json.loads(line_a)
        suite_b, post_id_b, found_b = json.loads(line_b)
        assert (suite, post_id) == (suite_b, post_id_b)
        counts = per_suite.setdefault(suite, [0, 0, 0])
        counts[0] += 1
        counts[1] += len(found_a[1]) if found_a[0] != "error" else 0
        if found_a != found_b:
            differences += 1
            counts[2] += 1
            if differences <= 20:
                rules_a = [f[0:4] for f in found_a[1]] if found_a[0] != "error" else found_a
                rules_b = [f[0:4] for f in found_b[1]] if found_b[0] != "error" else found_b
                print(f"DIFF {suite} {post_id}: base {rules_a} / this {rules_b}")
    for suite, (posts, findings, diff) in per_suite.items():
        print(f"  {suite:22} {posts:7,} posts {findings:7,} findings  {diff} different")
    digest = hashlib.sha256("\n".join(a).encode()).hexdigest()[:16]
    print(f"{len(a):,} scans compared, {differences} different (base results sha256 {digest})")
    shutil.rmtree(work, ignore_errors=True)
    return 1 if differences else 0


if __name__ == "__main__":
    sys.exit(main())
