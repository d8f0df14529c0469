"""Every regular expression of a policy, matched in one pass over a post.

Two Hyperscan databases:

- **Koe's own patterns** (built-in detectors) go into a database compiled without
  start-of-match tracking and with ``SINGLEMATCH``: it only says *which* patterns matched, it
  compiles several times faster than one that tracks starts, and it reports each pattern once.
  Their spans then come from Python's ``re`` on the few patterns that matched. These patterns
  are Koe's own, tested ones, so ``re`` cannot be led into catastrophic backtracking.
- **Organization patterns** (the ``regex`` detector) go into a database that tracks
  ``SOM_LEFTMOST`` and gives spans itself: no backtracking engine ever runs a pattern an
  organization wrote, so none can hang the scanner.

Terms (word lists) are literals: :class:`LiteralSet` matches them on ``Text.compact`` with
Hyperscan's literal compiler, which builds thousands of terms in a fraction of a second.

Compiled databases are cached on disk (``KOE_CACHE_DIR``, default ``~/.cache/koe``), keyed by
the patterns, their flags and the Hyperscan version, so the second compile of the same policy
is a file read.
"""

from __future__ import annotations

import hashlib
import os
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import hyperscan

from .text import Text

__all__ = ["Database", "Entry", "LiteralSet", "PatternSet", "cache_dir", "compile_literals"]

_UTF8 = hyperscan.HS_FLAG_UTF8
_MAX_STARTS = 256  # candidates per pattern per post: bounds the work on hostile input


def _python_syntax(regex: str) -> str:
    """The few Hyperscan/PCRE escapes Python spells differently (``\\z`` is ``\\Z``)."""
    return re.sub(r"(?<!\\)((?:\\\\)*)\\z", r"\1\\Z", regex)
_CASELESS = hyperscan.HS_FLAG_CASELESS


@dataclass(frozen=True, slots=True)
class Entry:
    """One pattern of one rule: ``key`` indexes the detector's ``patterns()``."""

    rule_index: int
    key: int
    regex: str
    caseless: bool
    trigger: bool
    trusted: bool  # Koe's own pattern: its spans may come from Python's re


def regex_spans(regex: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    """Non-empty matches of ``regex`` in ``text`` looked for at every start (like Hyperscan's
    start-of-match mode, so overlapping candidates all come back), at most ``_MAX_STARTS``."""
    search = regex.search
    out: list[tuple[int, int]] = []
    pos = 0
    for _ in range(_MAX_STARTS):
        m = search(text, pos)
        if m is None:
            break
        if m.end() > m.start():
            out.append((m.start(), m.end()))
        pos = m.start() + 1
    return out


def cache_dir() -> Path | None:
    raw = os.environ.get("KOE_CACHE_DIR")
    if raw == "":
        return None
    if raw:
        return Path(raw)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "koe"


class Database:
    """A compiled Hyperscan database that any number of threads may scan at once.

    Hyperscan needs a scratch space per concurrent scan; each thread gets its own, made on
    its first scan (the web app serves with threads).
    """

    __slots__ = ("_db", "_local")

    def __init__(self, db: hyperscan.Database):
        self._db = db
        self._local = threading.local()

    def scan(self, data: bytes, handler: Callable[..., Any]) -> None:
        scratch = getattr(self._local, "scratch", None)
        if scratch is None:
            scratch = self._local.scratch = hyperscan.Scratch(self._db)
        self._db.scan(data, match_event_handler=handler, scratch=scratch)

    def size(self) -> int:
        return self._db.size()


def _compile_db(expressions: list[bytes], flags: list[int], *,
                literal: bool = False) -> Database:
    return Database(_compile_raw(expressions, flags, literal=literal))


def _compile_raw(expressions: list[bytes], flags: list[int], *,
                 literal: bool = False) -> hyperscan.Database:
    """Compile (or load from the cache) one block-mode database."""
    digest = hashlib.sha256()
    digest.update(f"{getattr(hyperscan, '__version__', '')}|{len(expressions)}|{literal}".encode())
    for expr, flag in zip(expressions, flags, strict=True):
        digest.update(flag.to_bytes(4, "little") + len(expr).to_bytes(4, "little") + expr)
    folder = cache_dir()
    path = folder / f"hs-{digest.hexdigest()[:32]}.db" if folder else None
    if path is not None and path.exists():
        try:
            db = hyperscan.loadb(path.read_bytes(), mode=hyperscan.HS_MODE_BLOCK)
            db.scratch = hyperscan.Scratch(db)  # a loaded database comes without scratch space
            return db
        except (hyperscan.error, OSError, TypeError):
            pass  # a stale or foreign file: compile afresh
    db = hyperscan.Database(mode=hyperscan.HS_MODE_BLOCK)
    db.compile(expressions=expressions, ids=list(range(len(expressions))),
               elements=len(expressions), flags=flags, literal=literal)
    if path is not None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(f".{os.getpid()}.tmp")
            tmp.write_bytes(hyperscan.dumpb(db))
            tmp.replace(path)
        except OSError:
            pass  # no cache where we cannot write: still correct, only slower next time
    return db


def compile_literals(literals: list[bytes]) -> Database:
    """A literal database (cached on disk like the others): id ``i`` is ``literals[i]``."""
    return _compile_db(literals, [0] * len(literals), literal=True)


class PatternSet:
    """Matches all entries against ``Text.wide`` and returns spans per entry."""

    def __init__(self, entries: list[Entry], explain: Callable[[Entry, str], Exception]):
        self.entries = entries
        self._fast: list[int] = []  # entry indexes in the fast database, by database id
        self._som: list[int] = []
        self._py: dict[int, re.Pattern[str]] = {}
        for i, e in enumerate(entries):
            compiled = None
            if e.trusted:
                try:
                    compiled = re.compile(_python_syntax(e.regex),
                                          re.ASCII | (re.IGNORECASE if e.caseless else 0))
                except re.error:
                    compiled = None  # Hyperscan-only syntax: let Hyperscan find the span
            if compiled is not None:
                self._py[i] = compiled
                self._fast.append(i)
            else:
                self._som.append(i)
        self._fast_db = self._build(self._fast, hyperscan.HS_FLAG_SINGLEMATCH, explain)
        self._som_db = self._build(self._som, hyperscan.HS_FLAG_SOM_LEFTMOST, explain)

    def _build(self, members: list[int], extra: int,
               explain: Callable[[Entry, str], Exception]) -> Database | None:
        if not members:
            return None
        expressions = [self.entries[i].regex.encode("utf-8") for i in members]
        flags = [_UTF8 | extra | (_CASELESS if self.entries[i].caseless else 0) for i in members]
        try:
            return _compile_db(expressions, flags)
        except hyperscan.error:
            for i, expr, flag in zip(members, expressions, flags, strict=True):
                try:
                    hyperscan.Database().compile(expressions=[expr], ids=[0], elements=1,
                                                 flags=[flag])
                except hyperscan.error as exc:
                    raise explain(self.entries[i], str(exc)) from None
            raise

    def scan(self, t: Text) -> tuple[list[int], dict[int, list[tuple[int, int]]]]:
        """Match ``t.wide`` once.

        Returns the entries of the fast database that matched (their spans come from
        :meth:`spans`, asked only for entries whose rule woke up) and the spans of the entries
        of the start-tracking database.
        """
        matched: list[int] = []
        if self._fast_db is not None:
            fast = self._fast

            def on_fast(db_id: int, start: int, end: int, flags: int, ctx: Any) -> None:
                matched.append(fast[db_id])

            self._fast_db.scan(t.wide_bytes, on_fast)
        found: dict[int, list[tuple[int, int]]] = {}
        if self._som_db is not None:
            longest: dict[tuple[int, int], int] = {}

            def on_som(db_id: int, start: int, end: int, flags: int, ctx: Any) -> None:
                k = (db_id, start)
                if longest.get(k, -1) < end:
                    longest[k] = end  # keep the longest match from each start

            self._som_db.scan(t.wide_bytes, on_som)
            for (db_id, start), end in longest.items():
                found.setdefault(self._som[db_id], []).append(
                    (t.byte_to_wide(start), t.byte_to_wide(end)))
            for spans in found.values():
                spans.sort(key=lambda s: (s[0], -s[1]))
        return matched, found

    def spans(self, t: Text, i: int) -> list[tuple[int, int]]:
        """Spans of fast-database entry ``i`` in ``t.wide``, found by Python's ``re``.

        Like Hyperscan's start-of-match mode, a match is looked for at every start, so
        overlapping candidates (a phone number inside a longer digit run) all reach the detector.
        """
        return regex_spans(self._py[i], t.wide)


class LiteralSet:
    """Literal terms matched on ``Text.compact`` by one Hyperscan literal database.

    Each literal carries the (rule, key, word-boundary) entries of every rule that uses it.
    Hyperscan reports the end of each occurrence; the start follows from the literal's length.
    """

    def __init__(self, table: dict[str, tuple]):
        self.literals = list(table)
        self.payload = [table[lit] for lit in self.literals]
        encoded = [lit.encode("utf-8") for lit in self.literals]
        self.byte_lengths = [len(b) for b in encoded]
        self.char_lengths = [len(lit) for lit in self.literals]
        self._db = compile_literals(encoded)

    def scan(self, t: Text) -> list[tuple[int, int, tuple]]:
        """(compact start, compact end, entries) for every occurrence, in order of end."""
        raw: list[tuple[int, int]] = []

        def on_match(lit_id: int, start: int, end: int, flags: int, ctx: Any) -> None:
            raw.append((lit_id, end))

        data = t.compact_bytes
        self._db.scan(data, on_match)
        if not raw:
            return []
        out = []
        if len(data) == len(t.compact):  # ASCII: bytes are characters
            for lit_id, end in raw:
                out.append((end - self.char_lengths[lit_id], end, self.payload[lit_id]))
        else:
            for lit_id, end in raw:
                cend = t.compact_char(end)
                out.append((cend - self.char_lengths[lit_id], cend, self.payload[lit_id]))
        return out
