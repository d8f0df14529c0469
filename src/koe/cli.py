"""The `koe` command: check and scan posts, read rules, validate policies, run the demo.

``check`` and ``scan`` import only the engine (no Django), so they start fast.
Exit codes: 0 nothing found, 1 findings, 2 a usage, input or policy error.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import sys
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from .engine.errors import InputError, KoeError, UsageError
from .engine.report import localize_evidence

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2

LABELS = {
    "en": {"verdict": "verdict", "suggestion": "do this instead", "no_findings":
           "No findings: good to go.", "evidence": "why", "finding": "finding",
           "findings": "findings", "severity": {"minor": "minor", "major": "major"},
           "verdicts": {"ok": "ok", "advise": "advise", "review": "review", "block": "block"},
           "docs": {"what": "What it checks", "why": "Why it matters", "example": "Example",
                    "instead": "Do this instead"}},
    "ja": {"verdict": "判定", "suggestion": "こうしましょう", "no_findings":
           "指摘はありません。このまま投稿できます。", "evidence": "根拠", "finding": "指摘",
           "findings": "指摘", "severity": {"minor": "軽微", "major": "重大"},
           "verdicts": {"ok": "問題なし", "advise": "助言", "review": "要確認", "block": "投稿不可"},
           "docs": {"what": "何を確認するか", "why": "なぜ大切か", "example": "例",
                    "instead": "こうしましょう"}},
}


def default_lang() -> str:
    for var in ("KOE_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var, "")
        if value:
            return "ja" if value.lower().startswith("ja") else "en"
    return "en"


# --------------------------------------------------------------------------- helpers


def _scanner(policy_path: str | None, internal: str | None):
    from .engine import InternalIndex, load_policy
    from .engine.leak import read_documents

    policy = load_policy(policy_path)
    index = None
    if internal:
        index = InternalIndex.from_documents(read_documents(internal))
    return policy.compile(internal_index=index)


def _color(stream: TextIO) -> bool:
    return stream.isatty() and os.environ.get("NO_COLOR") is None


def _highlight(text: str, findings: Sequence[Any], color: bool) -> str:
    """The text with each finding's span marked (colour on a terminal, «…» elsewhere)."""
    marks: list[tuple[int, int, str]] = []
    for f in findings:
        if marks and f.start < marks[-1][1]:  # overlapping: extend the previous mark
            prev = marks[-1]
            marks[-1] = (prev[0], max(prev[1], f.end), "major" if "major" in (prev[2], f.severity)
                         else "minor")
        else:
            marks.append((f.start, f.end, f.severity))
    out, pos = [], 0
    for start, end, severity in marks:
        out.append(text[pos:start])
        if color:
            code = "1;31" if severity == "major" else "1;33"
            out.append(f"\x1b[{code};4m{text[start:end]}\x1b[0m")
        else:
            out.append(f"«{text[start:end]}»")
        pos = end
    out.append(text[pos:])
    return "".join(out)


def render_text(report: Any, lang: str, color: bool) -> str:
    label = LABELS[lang]
    lines = [_highlight(report.text, report.findings, color), ""]
    verdict = label["verdicts"][report.verdict]
    if not report.findings:
        lines.append(f"{label['verdict']}: {verdict}. {label['no_findings']}")
        return "\n".join(lines)
    n = len(report.findings)
    noun = label["finding"] if n == 1 else label["findings"]
    lines.append(f"{label['verdict']}: {verdict} ({n} {noun})")
    for f in report.findings:
        sev = label["severity"][f.severity]
        head = f"{f.rule} {f.name} [{f.category}, {sev}] {f.start}-{f.end} {f.text!r}"
        if color:
            head = f"\x1b[1m{head}\x1b[0m"
        lines += ["", head, f"  {f.message}", f"  {label['suggestion']}: {f.suggestion}",
                  f"  {label['evidence']}: {localize_evidence(f.evidence, lang)}",
                  f"  koe rule {f.rule}"]
    return "\n".join(lines)


def render_sarif(report: Any, scanner: Any, uri: str) -> dict[str, Any]:
    """One SARIF 2.1.0 log for one checked text."""
    used = sorted({f.rule for f in report.findings})
    rules = []
    for code in used:
        rule = scanner.policy.rule(code)
        rules.append({"id": code, "name": rule.name,
                      "shortDescription": {"text": rule.text("message", "en")},
                      "help": {"text": rule.text("suggestion", "en")},
                      "properties": {"category": rule.category, "severity": rule.severity}})
    results = [{
        "ruleId": f.rule, "ruleIndex": used.index(f.rule),
        "level": "error" if f.severity == "major" else "warning",
        "message": {"text": f"{f.message} {f.suggestion}"},
        "locations": [{"physicalLocation": {"artifactLocation": {"uri": uri},
                       "region": {"charOffset": f.start, "charLength": f.end - f.start,
                                  "snippet": {"text": f.text}}}}],
        "properties": {"category": f.category, "evidence": f.evidence},
    } for f in report.findings]
    return {"$schema": "https://json.schemastore.org/sarif-2.1.0.json", "version": "2.1.0",
            "runs": [{"tool": {"driver": {"name": "koe", "informationUri":
                                          "https://github.com/koe-governance/koe",
                                          "rules": rules}},
                      "results": results}]}


def finding_dict(f: Any) -> dict[str, Any]:
    return {"rule": f.rule, "name": f.name, "category": f.category, "severity": f.severity,
            "start": f.start, "end": f.end, "text": f.text, "message": f.message,
            "suggestion": f.suggestion, "evidence": f.evidence,
            **({"detail": f.detail} if f.detail else {})}


# --------------------------------------------------------------------------- check


def cmd_check(args: argparse.Namespace) -> int:
    if args.text is None or args.text == "-":
        if sys.stdin.isatty() and args.text is None:
            raise UsageError("give the text to check, or '-' to read it from standard input")
        text = sys.stdin.read()
    else:
        text = args.text
    scanner = _scanner(args.policy, args.internal)
    report = scanner.scan(text, account=args.account, lang=args.lang)
    if args.format == "json":
        out = {"verdict": report.verdict, "account": report.account,
               "findings": [finding_dict(f) for f in report.findings]}
        print(json.dumps(out, ensure_ascii=False, indent=2))
    elif args.format == "sarif":
        print(json.dumps(render_sarif(report, scanner, "stdin" if args.text in (None, "-")
                                      else "argument"), ensure_ascii=False, indent=2))
    else:
        print(render_text(report, args.lang, _color(sys.stdout)))
    return EXIT_FINDINGS if report.findings else EXIT_OK


# --------------------------------------------------------------------------- scan


@dataclass(slots=True)
class Post:
    id: str
    text: str
    account: str


@dataclass
class Bad:
    line: int
    problem: str


def read_posts(path: str, fmt: str | None) -> Iterator[Post | Bad]:
    """Posts from JSONL, CSV or plain text. Bad lines come back as :class:`Bad`."""
    from .engine.policy import ACCOUNTS

    if path == "-":
        stream: TextIO = io.TextIOWrapper(sys.stdin.buffer, encoding="utf-8", errors="replace")
        name = "<stdin>"
    else:
        p = Path(path)
        try:
            stream = p.open(encoding="utf-8", errors="replace", newline="")
        except OSError as exc:
            raise InputError(f"{path}: cannot read: {exc.strerror}") from None
        name = path
    first = ""
    if fmt is None:
        suffix = Path(path).suffix.lower() if path != "-" else ""
        fmt = {".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl", ".csv": "csv"}.get(suffix)
        if fmt is None:
            first = stream.readline()
            fmt = "jsonl" if first.lstrip().startswith("{") else "text"
    lines = _chain(first, stream)
    with stream:
        if fmt == "csv":
            reader = csv.DictReader(lines)
            if not reader.fieldnames or "text" not in reader.fieldnames:
                raise InputError(f"{name}:1: a CSV input needs a 'text' column "
                                 f"(found: {', '.join(reader.fieldnames or []) or 'nothing'})")
            for row in reader:
                line = reader.line_num
                text = row.get("text")
                if text is None:
                    yield Bad(line, "this row has no text")
                    continue
                account = (row.get("account") or "personal").strip()
                if account not in ACCOUNTS:
                    yield Bad(line, f"unknown account kind '{account}'")
                    continue
                yield Post(str(row.get("id") or line - 1), text, account)
        elif fmt == "jsonl":
            for number, line in enumerate(lines, 1):
                if not line.strip():
                    continue
                try:
                    row = json.loads(line)
                except ValueError as exc:
                    yield Bad(number, f"not valid JSON ({exc.msg} at column {exc.colno})")
                    continue
                if not isinstance(row, dict) or not isinstance(row.get("text"), str):
                    yield Bad(number, 'each line needs a JSON object with a "text" string')
                    continue
                account = row.get("account") or "personal"
                if account not in ACCOUNTS:
                    yield Bad(number, f"unknown account kind '{account}'")
                    continue
                yield Post(str(row.get("id", number)), row["text"], account)
        else:
            for number, line in enumerate(lines, 1):
                text = line.rstrip("\r\n")
                if text.strip():
                    yield Post(str(number), text, "personal")


def _chain(first: str, stream: TextIO) -> Iterator[str]:
    if first:
        yield first
    yield from stream


class Progress:
    """A one-line progress bar on stderr, only when stderr is a terminal."""

    def __init__(self, total: int | None, enabled: bool):
        self.total = total
        self.enabled = enabled
        self.done = 0
        self.started = time.perf_counter()
        self._last = 0.0

    def step(self, n: int = 1) -> None:
        self.done += n
        now = time.perf_counter()
        if self.enabled and now - self._last > 0.1:
            self._last = now
            self._draw(now)

    def _draw(self, now: float) -> None:
        rate = self.done / max(now - self.started, 1e-9)
        if self.total:
            frac = min(self.done / self.total, 1.0)
            bar = "#" * int(frac * 30)
            sys.stderr.write(f"\r[{bar:<30}] {self.done}/{self.total} {frac:4.0%} {rate:,.0f}/s ")
        else:
            sys.stderr.write(f"\r{self.done} posts {rate:,.0f}/s ")
        sys.stderr.flush()

    def close(self) -> None:
        if self.enabled:
            self._draw(time.perf_counter())
            sys.stderr.write("\n")


_WORKER_SCANNER: Any = None
_WORKER_LANG = "en"


def _scan_chunk(chunk: list[Post]) -> list[tuple[str, str, list[dict[str, Any]]]]:
    out = []
    for post in chunk:
        report = _WORKER_SCANNER.scan(post.text, account=post.account, lang=_WORKER_LANG)
        out.append((post.id, report.verdict, [finding_dict(f) for f in report.findings]))
    return out


def _chunks(items: Iterator[Post | Bad], size: int, bad: list[Bad]) -> Iterator[list[Post]]:
    chunk: list[Post] = []
    for item in items:
        if isinstance(item, Bad):
            bad.append(item)
            continue
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _count_lines(path: str) -> int | None:
    if path == "-":
        return None
    try:
        with open(path, "rb") as fh:
            return sum(chunk.count(b"\n") for chunk in iter(lambda: fh.read(1 << 20), b""))
    except OSError:
        return None


def cmd_scan(args: argparse.Namespace) -> int:
    global _WORKER_SCANNER, _WORKER_LANG
    if args.workers < 1:
        raise UsageError("--workers must be at least 1")
    scanner = _scanner(args.policy, args.internal)
    _WORKER_SCANNER, _WORKER_LANG = scanner, args.lang
    bad: list[Bad] = []
    items = read_posts(args.input, args.input_format)
    total = _count_lines(args.input) if sys.stderr.isatty() else None
    progress = Progress(total, sys.stderr.isatty() and not args.quiet)
    out_stream = _open_output(args.output)
    counts: Counter[str] = Counter()
    verdicts: Counter[str] = Counter()
    rules: Counter[str] = Counter()
    posts = flagged = 0
    writer = _Writer(args.format, out_stream)
    started = time.perf_counter()
    try:
        chunks = _chunks(items, 256, bad)
        if args.workers > 1:
            import multiprocessing

            ctx = multiprocessing.get_context("fork")
            with ctx.Pool(args.workers) as pool:
                results = pool.imap(_scan_chunk, chunks)
                for batch in results:
                    for item in batch:
                        writer.write(*item)
                    posts, flagged = _tally(batch, posts, flagged, verdicts, counts, rules)
                    progress.step(len(batch))
        else:
            for chunk in chunks:
                batch = _scan_chunk(chunk)
                for item in batch:
                    writer.write(*item)
                posts, flagged = _tally(batch, posts, flagged, verdicts, counts, rules)
                progress.step(len(batch))
    finally:
        progress.close()
    elapsed = time.perf_counter() - started
    for b in bad:
        print(f"koe scan: {args.input}:{b.line}: {b.problem}; skipped", file=sys.stderr)
    if args.format == "summary":
        writer.summary(posts, flagged, verdicts, counts, rules, len(bad), elapsed)
    if out_stream is not sys.stdout:
        out_stream.close()
    elif bad and args.format != "summary":
        print(f"koe scan: {posts} posts scanned, {len(bad)} bad lines skipped", file=sys.stderr)
    return EXIT_FINDINGS if flagged else EXIT_OK


def _tally(batch, posts, flagged, verdicts, counts, rules):
    for _, verdict, findings in batch:
        posts += 1
        verdicts[verdict] += 1
        if findings:
            flagged += 1
        for f in findings:
            counts[f["category"]] += 1
            rules[f["rule"]] += 1
    return posts, flagged


def _open_output(path: str | None) -> TextIO:
    if not path or path == "-":
        return sys.stdout
    try:
        return open(path, "w", encoding="utf-8", newline="")
    except OSError as exc:
        raise UsageError(f"{path}: cannot write: {exc.strerror}") from None


class _Writer:
    CSV_FIELDS = ["id", "verdict", "rule", "category", "severity", "start", "end", "text",
                  "message", "suggestion"]

    def __init__(self, fmt: str, stream: TextIO):
        self.fmt = fmt
        self.stream = stream
        if fmt == "csv":
            self.csv = csv.writer(stream)
            self.csv.writerow(self.CSV_FIELDS)

    def write(self, post_id: str, verdict: str, findings: list[dict[str, Any]]) -> None:
        if self.fmt == "jsonl":
            self.stream.write(json.dumps({"id": post_id, "verdict": verdict,
                                          "findings": findings}, ensure_ascii=False) + "\n")
        elif self.fmt == "csv":
            if not findings:
                self.csv.writerow([post_id, verdict] + [""] * 8)
            for f in findings:
                self.csv.writerow([post_id, verdict] + [f[k] for k in self.CSV_FIELDS[2:]])

    def summary(self, posts, flagged, verdicts, categories, rules, bad, elapsed) -> None:
        w = self.stream.write
        rate = posts / elapsed if elapsed else 0.0
        w(f"posts scanned:    {posts}\n")
        w(f"with findings:    {flagged} ({flagged / posts:.1%})\n" if posts else
          "with findings:    0\n")
        w(f"bad lines skipped: {bad}\n")
        w("verdicts:         " + ", ".join(f"{v} {n}" for v, n in verdicts.most_common()) + "\n")
        if categories:
            w("findings by category:\n")
            for cat, n in categories.most_common():
                w(f"  {cat:<14}{n:>8}\n")
            w("top rules:\n")
            for rule, n in rules.most_common(10):
                w(f"  {rule:<14}{n:>8}\n")
        w(f"time:             {elapsed:.2f} s ({rate:,.0f} posts/s)\n")


# --------------------------------------------------------------------------- rules & policy


def cmd_rules(args: argparse.Namespace) -> int:
    from .engine import load_policy

    policy = load_policy(args.policy)
    rules = sorted(policy.rules.values(), key=lambda r: r.code)
    if args.format == "json":
        print(json.dumps([{"code": r.code, "name": r.name, "category": r.category,
                           "severity": r.severity, "enabled": r.enabled,
                           "message": r.text("message", args.lang)} for r in rules],
                         ensure_ascii=False, indent=2))
        return EXIT_OK
    for r in rules:
        off = "" if r.enabled else "  (off)"
        sev = LABELS[args.lang]["severity"][r.severity]
        print(f"{r.code}  {r.name:<30} {r.category:<13} {sev:<6} {r.text('message', args.lang)}"
              f"{off}")
    return EXIT_OK


def rule_doc(rule: Any, lang: str) -> str:
    """The docs page of a rule as text: the same source as the web page and the message."""
    label = LABELS[lang]
    sev = label["severity"][rule.severity]
    lines = [f"{rule.code} {rule.name}", f"{rule.category} · {sev}", "",
             rule.text("message", lang), ""]
    for section in ("what", "why", "example", "instead"):
        text = rule.doc(section, lang)
        if section == "instead" and not text:
            text = rule.text("suggestion", lang)
        if text:
            lines += [f"## {label['docs'][section]}", text, ""]
    return "\n".join(lines).rstrip() + "\n"


def cmd_rule(args: argparse.Namespace) -> int:
    from .engine import load_policy

    policy = load_policy(args.policy)
    try:
        rule = policy.rule(args.code)
    except KeyError:
        raise UsageError(f"no rule '{args.code}': `koe rules` lists them") from None
    if args.format == "json":
        print(json.dumps(rule.to_dict(), ensure_ascii=False, indent=2))
    else:
        if rule.code != args.code.upper():
            print(f"({args.code.upper()} is now {rule.code})\n")
        sys.stdout.write(rule_doc(rule, args.lang))
    return EXIT_OK


STARTER_POLICY = """\
# Your organization's social media policy for Koe. It builds on Koe's built-in policy:
# override a rule by its code, switch one off, or add your own. `koe rules` lists the codes;
# `koe rule CODE` explains one. Check this file with `koe policy validate {path}`.
extends: default
name: "{name} social media policy"
organization:
  names: ["{name}"]              # how people write the organization's name
  products: []                   # e.g. ["{name} Cloud"]
  codenames: []                  # unreleased projects: confidential
  internal_domains: []           # e.g. ["{domain}"]
rules:
  # P102: {{severity: major}}     # make phone numbers a major finding
  # H104: {{enabled: false}}      # switch a rule off
verdicts:
  brand: {{minor: review, major: block}}
"""


def cmd_policy(args: argparse.Namespace) -> int:
    from .engine import load_policy

    if args.action == "init":
        path = Path(args.file or "koe-policy.yaml")
        if path.exists() and not args.force:
            raise UsageError(f"{path} exists already: pass --force to overwrite it")
        name = args.name or "Acme"
        domain = f"{name.lower().replace(' ', '')}.internal"
        path.write_text(STARTER_POLICY.format(path=path, name=name, domain=domain),
                        encoding="utf-8")
        print(f"wrote {path}: edit it, then run `koe policy validate {path}`")
        return EXIT_OK
    policy = load_policy(args.file)
    if args.action == "validate":
        scanner = policy.compile()  # compiling checks every pattern too
        enabled = len(scanner.rules())
        print(f"{policy.source}: ok — {len(policy.rules)} rules ({enabled} enabled)")
        return EXIT_OK
    data = policy.to_dict()
    if args.format == "json":
        print(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        import yaml

        print(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100), end="")
    return EXIT_OK


# --------------------------------------------------------------------------- demo

DEMO_POSTS = [
    ("personal", "Loving the new Acme Cloud dashboard! Try it out: https://acme.example/cloud"),
    ("personal", "新しいアクメクラウド、本当に便利！みんなも使ってみて #PR #アクメ社員"),
    ("personal", "Call me at 090-1234-5678 or mail taro.yamada@example.co.jp about the meetup"),
    ("direct", "The staging password is Tr0ub4dor&3, and the key is AKIAIOSFODNN7EXAMPLE"),
    ("personal", "ここだけの話、来月ファルコンっていう新サービスが出るらしい"),
    ("personal", "Acme Cloud に投資すれば元本保証で必ず儲かる！"),
    ("personal", "On behalf of Acme, I can confirm we will not raise prices this year."),
    ("personal", "Great talk at the conference today. Thanks to everyone who came!"),
    ("personal", "お前ほんとバカだな、二度と来るな"),
]

DEMO_POLICY = """\
extends: default
name: Acme social media policy (demo)
organization:
  names: ["Acme", "アクメ"]
  products: ["Acme Cloud", "アクメクラウド"]
  codenames: ["Falcon", "ファルコン"]
  internal_domains: ["acme.internal"]
"""


def cmd_try(args: argparse.Namespace) -> int:
    """The engine on example posts, in the terminal (no web app, no database)."""
    from .engine import parse_policy

    scanner = parse_policy(DEMO_POLICY, source="<demo policy>").compile()
    color = _color(sys.stdout)
    print("Koe (声) — the built-in policy with Acme's facts, on example posts.\n")
    for account, text in DEMO_POSTS:
        report = scanner.scan(text, account=account, lang=args.lang)
        print(f"— {account} —")
        print(render_text(report, args.lang, color))
        print()
    print("Try your own: .venv/bin/koe check \"your post\"   ·   rules: .venv/bin/koe rules")
    return EXIT_OK


# --------------------------------------------------------------------------- web


def _django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "koe.web.settings")
    import django

    django.setup()


def cmd_demo(args: argparse.Namespace) -> int:
    _django()
    from django.core.management import call_command

    from .web.demo import load_demo

    call_command("migrate", verbosity=0, interactive=False)
    summary = load_demo()
    print(summary)
    return EXIT_OK


def cmd_serve(args: argparse.Namespace) -> int:
    host, _, port = args.address.rpartition(":")
    host = host or "127.0.0.1"
    # Links in e-mails and notes point where this server listens, unless set explicitly; the
    # worker started below inherits it.
    shown = "127.0.0.1" if host in ("0.0.0.0", "::", "[::]") else host
    os.environ.setdefault("KOE_SITE_URL", f"http://{shown}:{port}")
    _django()
    import subprocess

    from django.conf import settings
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    if args.demo:
        from .web.demo import load_demo

        print(load_demo())
    worker = None
    if not args.no_worker:
        worker = subprocess.Popen([sys.executable, "-m", "koe.cli", "worker", "--quiet", "--beat"])
    print(f"Koe is running on http://{host}:{port} "
          f"(database: {settings.DATABASES['default']['ENGINE'].rsplit('.', 1)[-1]}, "
          f"data: {settings.DATA_DIR}). Stop with Ctrl-C.", flush=True)
    try:
        _gunicorn(f"{host}:{port}", workers=args.workers, threads=args.threads)
    finally:
        if worker is not None:
            worker.terminate()
            worker.wait(timeout=10)
    return EXIT_OK


def _gunicorn(bind: str, *, workers: int, threads: int) -> None:
    """Serve the WSGI app with gunicorn (the same server as in production)."""
    from gunicorn.app.base import BaseApplication

    from .web.wsgi import application

    class _App(BaseApplication):
        def load_config(self):
            self.cfg.set("bind", bind)
            self.cfg.set("workers", workers)
            self.cfg.set("threads", threads)
            self.cfg.set("worker_class", "gthread" if threads > 1 else "sync")
            self.cfg.set("accesslog", None)
            self.cfg.set("loglevel", "warning")
            self.cfg.set("keepalive", 5)
            self.cfg.set("graceful_timeout", 5)

        def load(self):
            return application

    _App().run()


def cmd_worker(args: argparse.Namespace) -> int:
    _django()
    from django.conf import settings

    from .web.celery import app

    argv = ["worker", "--pool=solo" if args.concurrency == 1 else "--pool=prefork",
            f"--concurrency={args.concurrency}", "--loglevel=WARNING" if args.quiet else "--loglevel=INFO"]
    if args.beat:
        # Periodic work (reminders, purges) in the same process: fine for one machine; run
        # `celery beat` once, separately, when there are several workers.
        argv += ["--beat", f"--schedule={settings.DATA_DIR / 'celerybeat-schedule'}"]
    app.worker_main(argv)
    return EXIT_OK


def cmd_audit(args: argparse.Namespace) -> int:
    _django()
    from .audit.selectors import audit_export_lines, audit_verify

    if args.action == "verify":
        checked, problems = audit_verify()
        if problems:
            for p in problems:
                print(f"koe audit: entry {p.seq}: {p.problem}", file=sys.stderr)
            print(f"{checked} entries checked, {len(problems)} problems: the log was altered")
            return EXIT_FINDINGS
        print(f"{checked} entries checked: the chain is intact")
        return EXIT_OK
    out = _open_output(args.output)
    for line in audit_export_lines():
        out.write(line)
    if out is not sys.stdout:
        out.close()
    return EXIT_OK


def cmd_connect(args: argparse.Namespace) -> int:
    """Follow watched accounts on a network until Ctrl-C or SIGTERM (resumes from its cursor)."""
    _django()
    import signal
    import threading

    from .integrations.base import ConnectorError, connector_for, run_until_stopped

    options = {name: getattr(args, name) for name in ("firehose", "service")
               if getattr(args, name)}
    try:
        connector = connector_for(args.network, **options)
        connector.follow()
    except ConnectorError as exc:
        print(f"koe connect: {exc.message}", file=sys.stderr)
        return EXIT_ERROR
    stop = threading.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: stop.set())
    cursor = connector.state().cursor
    print(f"Following {len(connector.followed)} accounts on {args.network} from "
          f"{'event ' + str(cursor) if cursor is not None else 'now'}. Stop with Ctrl-C.",
          flush=True)
    ok = run_until_stopped(connector, stop,
                           report=lambda message: print(f"koe connect: {message}",
                                                        file=sys.stderr, flush=True))
    stats = getattr(connector, "stats", None)
    if stats is not None:
        print(f"Stopped at event {connector.state().cursor}: {stats.created} new posts, "
              f"{stats.edited} edited, {stats.deleted} deleted since the last start.")
    return EXIT_OK if ok else EXIT_ERROR


def cmd_manage(args: argparse.Namespace) -> int:
    _django()
    from django.core.management import execute_from_command_line

    execute_from_command_line(["koe manage", *args.rest])
    return EXIT_OK


# --------------------------------------------------------------------------- main


def build_parser() -> argparse.ArgumentParser:
    lang = default_lang()
    parser = argparse.ArgumentParser(prog="koe", description="Koe (声): social media governance.")
    parser.add_argument("--version", action="version", version="koe 0.1.0")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    def common(p: argparse.ArgumentParser, *, internal: bool = True) -> None:
        p.add_argument("--policy", metavar="P", help="policy YAML (default: built-in policy)")
        p.add_argument("--lang", choices=["en", "ja"], default=lang,
                       help="language of messages (default from KOE_LANG or LANG)")
        if internal:
            p.add_argument("--internal", metavar="DOCS.jsonl",
                           help="private documents ({id, text} per line) for leak detection")

    p = sub.add_parser("check", help="check one post")
    p.add_argument("text", nargs="?", help="the post, or - for standard input")
    common(p)
    p.add_argument("--account", choices=["personal", "brand", "direct", "internal"],
                   default="personal")
    p.add_argument("--format", choices=["text", "json", "sarif"], default="text")
    p.set_defaults(func=cmd_check)

    p = sub.add_parser("scan", help="scan many posts (JSONL, CSV or text lines)")
    p.add_argument("input", help="input file, or - for standard input")
    common(p)
    p.add_argument("--format", choices=["jsonl", "csv", "summary"], default="jsonl")
    p.add_argument("--input-format", choices=["jsonl", "csv", "text"], default=None,
                   help="default: from the file name, or sniffed")
    p.add_argument("--workers", type=int, default=1, help="processes (default 1)")
    p.add_argument("-o", "--output", help="write here instead of standard output")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    p.set_defaults(func=cmd_scan)

    p = sub.add_parser("rules", help="list the rules of a policy")
    common(p, internal=False)
    p.add_argument("--format", choices=["text", "json"], default="text")
    p.set_defaults(func=cmd_rules)

    p = sub.add_parser("rule", help="explain one rule")
    p.add_argument("code")
    common(p, internal=False)
    p.add_argument("--format", choices=["text", "json"], default="text")
    p.set_defaults(func=cmd_rule)

    p = sub.add_parser("policy", help="validate, show or start a policy file")
    p.add_argument("action", choices=["validate", "show", "init"])
    p.add_argument("file", nargs="?", help="policy YAML (show: default policy when omitted)")
    p.add_argument("--format", choices=["yaml", "json"], default="yaml")
    p.add_argument("--name", help="init: the organization's name")
    p.add_argument("--force", action="store_true", help="init: overwrite an existing file")
    p.set_defaults(func=cmd_policy)

    p = sub.add_parser("try", help="show the engine on example posts in the terminal")
    p.add_argument("--lang", choices=["en", "ja"], default=lang)
    p.set_defaults(func=cmd_try)

    p = sub.add_parser("demo", help="load the demo organization (Acme) into the database")
    p.set_defaults(func=cmd_demo)

    p = sub.add_parser("serve", help="migrate and run the web app")
    p.add_argument("address", nargs="?", default="127.0.0.1:8000")
    p.add_argument("--demo", action="store_true", help="load the demo organization first")
    p.add_argument("--no-worker", action="store_true", help="do not start a background worker")
    p.add_argument("--workers", type=int, default=2, help="web processes (default 2)")
    p.add_argument("--threads", type=int, default=8, help="threads per process (default 8)")
    p.set_defaults(func=cmd_serve)

    p = sub.add_parser("worker", help="run a Celery worker for background work")
    p.add_argument("--concurrency", type=int, default=1)
    p.add_argument("--quiet", action="store_true")
    p.add_argument("--beat", action="store_true", help="also run the periodic tasks")
    p.set_defaults(func=cmd_worker)

    p = sub.add_parser("audit", help="verify or export the audit log")
    p.add_argument("action", choices=["verify", "export"])
    p.add_argument("-o", "--output", help="export: write here instead of standard output")
    p.set_defaults(func=cmd_audit)

    p = sub.add_parser("connect", help="follow watched accounts on a network (runs until stopped)")
    p.add_argument("network", nargs="?", default="bluesky", choices=["bluesky"])
    p.add_argument("--firehose", metavar="URL",
                   help="bluesky: firehose XRPC base (default KOE_BLUESKY_FIREHOSE, "
                        "wss://bsky.network/xrpc)")
    p.add_argument("--service", metavar="URL",
                   help="bluesky: server that resolves handles (default KOE_BLUESKY_SERVICE)")
    p.set_defaults(func=cmd_connect)

    p = sub.add_parser("manage", help="Django management commands (migrate, createsuperuser …)")
    p.add_argument("rest", nargs=argparse.REMAINDER)
    p.set_defaults(func=cmd_manage)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return EXIT_ERROR
    if args.command == "policy" and args.action == "validate" and not args.file:
        parser.error("policy validate needs a FILE")
    try:
        return args.func(args)
    except KoeError as exc:
        print(f"koe: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except BrokenPipeError:
        return EXIT_OK
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # never a traceback for a person; KOE_DEBUG=1 shows it
        if os.environ.get("KOE_DEBUG"):
            raise
        print(f"koe: internal error: {type(exc).__name__}: {exc}\n"
              "  please report it; KOE_DEBUG=1 shows the details", file=sys.stderr)
        return EXIT_ERROR


if __name__ == "__main__":
    sys.exit(main())
