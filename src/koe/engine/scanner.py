"""A compiled policy: one Hyperscan database and one Aho-Corasick automaton for all rules.

Compile once, scan many. ``Scanner.scan`` builds the normalized views of a post, runs the
database over ``Text.wide`` and the automaton over ``Text.compact`` once each, and hands every
rule's hits to its detector. Nothing is compiled while scanning.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import ahocorasick
import hyperscan

from .detectors.base import Context, Detector, Match, detector_class
from .errors import PolicyError, UsageError
from .policy import ACCOUNTS, LANGUAGES, VERDICTS, Policy, Rule
from .report import Finding, Report
from .text import Text, compact_term, is_latin_word_char

__all__ = ["Scanner"]

_HS_FLAGS = hyperscan.HS_FLAG_SOM_LEFTMOST | hyperscan.HS_FLAG_UTF8
_VERDICT_RANK = {v: i for i, v in enumerate(VERDICTS)}


@dataclass(slots=True)
class _Compiled:
    rule: Rule
    detector: Detector


class Scanner:
    """Scans texts against one compiled policy.

    >>> from koe.engine import load_policy
    >>> scanner = load_policy().compile()
    >>> report = scanner.scan("my password is hunter2", account="personal")
    >>> [f.rule for f in report.findings]
    ['S103']
    """

    def __init__(self, policy: Policy, context: Context) -> None:
        self.policy = policy
        self.context = context
        self._rules: list[_Compiled] = []
        for rule in policy.rules.values():
            if rule.enabled:
                self._rules.append(_Compiled(rule, detector_class(rule.detector)(rule.params,
                                                                                context)))
        self._always = [i for i, c in enumerate(self._rules) if c.detector.always]
        self._pattern_ids: list[tuple[int, int, bool]] = []  # rule, key, trigger
        self._db = self._compile_patterns()
        self._automaton = self._compile_terms()

    # ------------------------------------------------------------------ compile

    def _compile_patterns(self) -> hyperscan.Database | None:
        expressions: list[bytes] = []
        flags: list[int] = []
        for rule_index, compiled in enumerate(self._rules):
            for key, pattern in enumerate(compiled.detector.patterns()):
                expressions.append(pattern.regex.encode("utf-8"))
                flags.append(_HS_FLAGS | (hyperscan.HS_FLAG_CASELESS if pattern.caseless else 0))
                self._pattern_ids.append((rule_index, key, pattern.trigger))
        if not expressions:
            return None
        db = hyperscan.Database(mode=hyperscan.HS_MODE_BLOCK)
        try:
            db.compile(expressions=expressions, ids=list(range(len(expressions))),
                       elements=len(expressions), flags=flags)
        except hyperscan.error:
            self._explain_pattern_error(expressions, flags)
            raise
        return db

    def _explain_pattern_error(self, expressions: list[bytes], flags: list[int]) -> None:
        """Find the pattern Hyperscan refused and name its rule."""
        for i, (expr, flag) in enumerate(zip(expressions, flags, strict=True)):
            try:
                hyperscan.Database().compile(expressions=[expr], ids=[0], elements=1, flags=[flag])
            except hyperscan.error as exc:
                rule_index, key, _ = self._pattern_ids[i]
                rule = self._rules[rule_index].rule
                raise PolicyError(
                    f"rule {rule.code}: pattern {key + 1} ({expr.decode()!r}) cannot be used: "
                    f"{exc}", source=self.policy.source,
                    fix="patterns use Hyperscan syntax: no look-around or back-references; "
                        "split or simplify very large repeats") from None

    def _compile_terms(self) -> ahocorasick.Automaton | None:
        table: dict[str, list[tuple[int, int, bool, bool, bool]]] = defaultdict(list)
        for rule_index, compiled in enumerate(self._rules):
            for key, term in enumerate(compiled.detector.terms()):
                folded = compact_term(term.text)
                if not folded:
                    continue
                left = term.word and is_latin_word_char(folded[0])
                right = term.word and is_latin_word_char(folded[-1])
                table[folded].append((rule_index, key, left, right, term.trigger))
        if not table:
            return None
        automaton = ahocorasick.Automaton()
        for folded, entries in table.items():
            automaton.add_word(folded, (len(folded), tuple(entries)))
        automaton.make_automaton()
        return automaton

    # ------------------------------------------------------------------ scan

    def scan(self, text: str, *, account: str = "personal", lang: str = "en") -> Report:
        """Check one text as posted from an account of kind ``account``."""
        if account not in ACCOUNTS:
            raise UsageError(f"unknown account kind '{account}': use " + ", ".join(ACCOUNTS))
        if lang not in LANGUAGES:
            raise UsageError(f"unknown language '{lang}': use en or ja")
        if not isinstance(text, str):
            raise UsageError("the text to check must be a string")
        t = Text(text)
        triggered, pattern_hits, term_hits = self._match(t)
        findings: list[Finding] = []
        for rule_index in sorted(triggered):
            compiled = self._rules[rule_index]
            rule = compiled.rule
            if account not in rule.accounts:
                continue
            hits = sorted(compiled.detector.find(t, pattern_hits.get(rule_index, []),
                                                 term_hits.get(rule_index, [])),
                          key=lambda h: (h.start, -h.end))
            covered = -1
            for hit in hits:
                if hit.end <= covered:  # inside a longer hit of the same rule
                    continue
                covered = hit.end
                start, end = t.original_span(hit.start, hit.end)
                findings.append(Finding(
                    rule=rule.code, name=rule.name, category=rule.category,
                    severity=hit.severity or rule.severity, start=start, end=end,
                    text=text[start:end], evidence=hit.evidence, detail=hit.detail,
                    message=rule.text("message", lang), suggestion=rule.text("suggestion", lang)))
        findings.sort(key=lambda f: (f.start, f.end, f.rule))
        return Report(text=text, account=account, lang=lang, findings=findings,
                      verdict=self.verdict(findings, account))

    def scan_many(self, texts: Iterable[str], *, account: str = "personal",
                  lang: str = "en") -> list[Report]:
        return [self.scan(t, account=account, lang=lang) for t in texts]

    def verdict(self, findings: list[Finding], account: str) -> str:
        table = self.policy.verdicts[account]
        worst = "ok"
        for f in findings:
            v = table[f.severity]
            if _VERDICT_RANK[v] > _VERDICT_RANK[worst]:
                worst = v
        return worst

    def _match(self, t: Text) -> tuple[set[int], dict[int, list[Match]], dict[int, list[Match]]]:
        """Run the database and the automaton once; return the triggered rules and their hits.

        Hits of rules that nothing triggered are dropped before their spans are mapped.
        """
        triggered: set[int] = set(self._always)
        raw_patterns: dict[tuple[int, int], int] = {}
        if self._db is not None:

            def on_match(pid: int, start: int, end: int, flags: int, ctx: Any) -> None:
                k = (pid, start)
                if raw_patterns.get(k, -1) < end:
                    raw_patterns[k] = end  # keep the longest match from each start

            self._db.scan(t.wide_bytes, match_event_handler=on_match)
            for pid, _ in raw_patterns:
                rule_index, _, trigger = self._pattern_ids[pid]
                if trigger:
                    triggered.add(rule_index)
        raw_terms: list[tuple[int, int, tuple]] = []
        if self._automaton is not None:
            for end, (length, entries) in self._automaton.iter(t.compact):
                raw_terms.append((end - length + 1, end + 1, entries))
                for entry in entries:
                    if entry[4]:
                        triggered.add(entry[0])
        pattern_hits: dict[int, list[Match]] = {}
        for (pid, start), end in raw_patterns.items():
            rule_index, key, _ = self._pattern_ids[pid]
            if rule_index in triggered:
                pattern_hits.setdefault(rule_index, []).append(
                    Match(key, t.byte_to_wide(start), t.byte_to_wide(end)))
        for hits in pattern_hits.values():
            hits.sort(key=lambda m: (m.start, -m.end))
        term_hits: dict[int, list[Match]] = {}
        for cstart, cend, entries in raw_terms:
            span = None
            for rule_index, key, left, right, _ in entries:
                if rule_index not in triggered:
                    continue
                if span is None:
                    span = t.compact_to_wide(cstart, cend)
                start, stop = span
                if left and not t.is_word_start(start):
                    continue
                if right and not t.is_word_end(stop):
                    continue
                term_hits.setdefault(rule_index, []).append(Match(key, start, stop))
        return triggered, pattern_hits, term_hits

    def rules(self) -> list[Rule]:
        return [c.rule for c in self._rules]

