"""A compiled policy: one Hyperscan database and one Aho-Corasick automaton for all rules.

Compile once, scan many. ``Scanner.scan`` builds the normalized views of a post, runs the
database over ``Text.wide`` and the automaton over ``Text.compact`` once each, and hands every
rule's hits to its detector. Nothing is compiled while scanning.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from .detectors.base import Context, Detector, Match, detector_class
from .errors import PolicyError, UsageError
from .patterns import Entry, LiteralSet, PatternSet
from .policy import ACCOUNTS, LANGUAGES, VERDICTS, Policy, Rule, default_policy
from .report import Finding, Report
from .text import Text, compact_term, is_latin_word_char

__all__ = ["Scanner"]

_VERDICT_RANK = {v: i for i, v in enumerate(VERDICTS)}
_SENTENCE_END = re.compile(r"[.!?。！？…]\s|\n")


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
                detector = detector_class(rule.detector)(rule.params, context)
                if self._can_fire(detector):
                    self._rules.append(_Compiled(rule, detector))
        self._always = [i for i, c in enumerate(self._rules) if c.detector.runs_on_every_post()]
        self._patterns = self._compile_patterns()
        self._triggers = self._compile_terms(range(len(self._rules)), trigger=True)
        # Each rule's context words in a literal set of its own: a post scans only those of
        # the rules it woke up, not every context word of the policy.
        self._context = {i: lits for i in range(len(self._rules))
                         if (lits := self._compile_terms([i], trigger=False)) is not None}

    # ------------------------------------------------------------------ compile

    @staticmethod
    def _can_fire(detector: Detector) -> bool:
        """False for a rule nothing can wake: e.g. the disclosure rule of a policy that names
        no products. Leaving it out saves scanning for its context patterns on every post."""
        return (detector.runs_on_every_post()
                or any(t.trigger for t in detector.terms())
                or any(p.trigger for p in detector.patterns()))

    def _compile_patterns(self) -> PatternSet | None:
        entries = [
            Entry(rule_index, key, pattern.regex, pattern.caseless, pattern.trigger,
                  self._trusted(compiled))
            for rule_index, compiled in enumerate(self._rules)
            for key, pattern in enumerate(compiled.detector.patterns())
        ]
        if not entries:
            return None
        return PatternSet(entries, self._pattern_error)

    @staticmethod
    def _trusted(compiled: _Compiled) -> bool:
        """Koe's own detectors, and built-in rules exactly as Koe ships them."""
        if compiled.detector.trusted_patterns:
            return True
        shipped = default_policy().rules.get(compiled.rule.code)
        return (shipped is not None and shipped.detector == compiled.rule.detector
                and shipped.params == compiled.rule.params)

    def _pattern_error(self, entry: Entry, problem: str) -> PolicyError:
        """Name the rule whose pattern Hyperscan refused."""
        rule = self._rules[entry.rule_index].rule
        return PolicyError(
            f"rule {rule.code}: pattern {entry.key + 1} ({entry.regex!r}) cannot be used: "
            f"{problem}", source=self.policy.source,
            fix="patterns use Hyperscan syntax: no look-around or back-references; "
                "split or simplify very large repeats")

    def _compile_terms(self, rule_indexes: Iterable[int], *, trigger: bool) -> LiteralSet | None:
        """The trigger terms (or the other terms) of the given rules as one literal set."""
        table: dict[str, list[tuple[int, int, bool, bool]]] = defaultdict(list)
        for rule_index in rule_indexes:
            for key, term in enumerate(self._rules[rule_index].detector.terms()):
                if term.trigger != trigger:
                    continue
                folded = compact_term(term.text)
                if not folded:
                    continue
                left = term.word and is_latin_word_char(folded[0])
                right = term.word and is_latin_word_char(folded[-1])
                table[folded].append((rule_index, key, left, right))
        if not table:
            return None
        return LiteralSet({lit: tuple(entries) for lit, entries in table.items()})

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
        if not triggered:
            return Report(text=text, account=account, lang=lang, findings=[], verdict="ok")
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
        """Run the patterns and the automaton once; return the triggered rules and their hits.

        A term counts only where its word boundaries hold, and only trigger hits wake a rule;
        the context hits of rules that nothing woke are never mapped back to the text.
        """
        triggered: set[int] = set(self._always)
        pattern_hits: dict[int, list[Match]] = {}
        matched: list[int] = []
        if self._patterns is not None:
            entries = self._patterns.entries
            matched, found = self._patterns.scan(t)
            for i in matched:
                if entries[i].trigger:
                    triggered.add(entries[i].rule_index)
            for i, spans in found.items():
                e = entries[i]
                if e.trigger:
                    triggered.add(e.rule_index)
                pattern_hits.setdefault(e.rule_index, []).extend(
                    Match(e.key, start, end) for start, end in spans)
        term_hits: dict[int, list[Match]] = {}
        if self._triggers is not None:
            for cstart, cend, entries_ in self._triggers.scan(t):
                span = t.compact_to_wide(cstart, cend)
                for rule_index, key, left, right in entries_:
                    if self._bounded(t, span, left, right):
                        triggered.add(rule_index)
                        term_hits.setdefault(rule_index, []).append(Match(key, *span))
        for rule_index in triggered:
            context = self._context.get(rule_index)
            if context is None:
                continue
            for cstart, cend, entries_ in context.scan(t):
                span = t.compact_to_wide(cstart, cend)
                for _, key, left, right in entries_:
                    if self._bounded(t, span, left, right):
                        term_hits.setdefault(rule_index, []).append(Match(key, *span))
        for hits in term_hits.values():
            hits.sort(key=lambda m: (m.start, -m.end))
        if matched:
            entries = self._patterns.entries
            for i in matched:
                e = entries[i]
                if e.rule_index in triggered:
                    pattern_hits.setdefault(e.rule_index, []).extend(
                        Match(e.key, start, end) for start, end in self._patterns.spans(t, i))
        for rule_index in list(pattern_hits):
            if rule_index not in triggered:
                del pattern_hits[rule_index]
            else:
                pattern_hits[rule_index].sort(key=lambda m: (m.start, -m.end))
        return triggered, pattern_hits, term_hits

    @staticmethod
    def _bounded(t: Text, span: tuple[int, int], left: bool, right: bool) -> bool:
        """Word boundaries hold where the term asks for them, and a Latin term spelled across
        separators ("i d i o t") does not run over the end of a sentence ("7. It's")."""
        if left and not t.is_word_start(span[0]):
            return False
        if right and not t.is_word_end(span[1]):
            return False
        return not ((left or right) and _SENTENCE_END.search(t.wide, span[0], span[1]))

    def rules(self) -> list[Rule]:
        return [c.rule for c in self._rules]

