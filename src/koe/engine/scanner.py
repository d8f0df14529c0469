"""A compiled policy: one Hyperscan database and one Aho-Corasick automaton for all rules.

Compile once, scan many. ``Scanner.scan`` builds the normalized views of a post, runs the
database over ``Text.wide`` and the automaton over ``Text.compact`` once each, and hands every
rule's hits to its detector. Nothing is compiled while scanning.

Context words (``trigger=False`` terms) are scanned only for rules that woke up. Rules that
wake on exactly the same trigger terms and patterns (D101 and D102 share theirs) always wake
together, so their context words share one literal set and one scan; a hit carries its rule.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, fields

from .detectors.base import Context, Detector, Hit, Match, Term, detector_class
from .errors import PolicyError, UsageError
from .patterns import Entry, LiteralSet, PatternSet
from .policy import ACCOUNTS, LANGUAGES, VERDICTS, Policy, Rule, default_policy
from .report import Finding, Report
from .text import Text, compact_term, is_latin_word_char

__all__ = ["Scanner"]

_VERDICT_RANK = {v: i for i, v in enumerate(VERDICTS)}
_SENTENCE_END = re.compile(r"[.!?。！？…]\s|\n")
# Every match of _SENTENCE_END holds a character that compact drops (… never reaches wide:
# NFKC spells it "..."), so a term whose wide span has nothing dropped cannot cross one.
_SENTENCE_END_IS_DROPPED = (all(compact_term(c) == "" for c in ".!?。！？\n")
                            and Text("…").wide == "...")


def _span_key(m: Match | Hit) -> tuple[int, int]:
    return m.start, -m.end


def _match_factory() -> Callable[[int, int, int], Match]:
    """``Match(key, start, end)`` without the frozen dataclass's ``__init__``, which sets each
    field through ``object.__setattr__`` (about three times the cost). The scanner makes a
    Match for every hit, so this is on the hot path. Falls back to the class itself if Match
    is ever more than three slots."""
    names = [f.name for f in fields(Match)]
    if names != ["key", "start", "end"] or hasattr(Match, "__post_init__"):
        return Match
    new = object.__new__
    try:
        set_key, set_start, set_end = (Match.key.__set__, Match.start.__set__,
                                       Match.end.__set__)
    except AttributeError:  # not slots
        return Match

    def make(key: int, start: int, end: int) -> Match:
        m = new(Match)
        set_key(m, key)
        set_start(m, start)
        set_end(m, end)
        return m

    probe = make(1, 2, 3)
    return make if probe == Match(1, 2, 3) and hash(probe) == hash(Match(1, 2, 3)) else Match


_new_match = _match_factory()


_LONG_VOWELS = ("ー", "ｰ")


def _with_long_vowel(wide: str, span: tuple[int, int]) -> tuple[int, int]:
    """``span`` extended over the long vowel marks and waves right after it (compact drops
    them, so アスター is found as アスタ and 「アスター〜」 would lose its ending)."""
    end = span[1]
    while end < len(wide) and wide[end] in "ーｰ〜~":
        end += 1
    return span[0], end


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
        self._terms: list[Sequence[Term]] = []  # each rule's terms(), asked for once
        for rule in policy.rules.values():
            if rule.enabled:
                detector = detector_class(rule.detector)(rule.params, context)
                terms = detector.terms()
                if self._can_fire(detector, terms):
                    self._rules.append(_Compiled(rule, detector))
                    self._terms.append(terms)
        self._always = [i for i, c in enumerate(self._rules) if c.detector.runs_on_every_post()]
        self._patterns = self._compile_patterns()
        self._folded: dict[str, str] = {}  # compact_term of each distinct term text
        self._triggers = self._compile_terms(range(len(self._rules)), trigger=True)
        # Context words in literal sets per group of rules that wake together: a post scans
        # only those of the rules it woke up, not every context word of the policy.
        self._context: list[LiteralSet] = []
        self._context_of: dict[int, int] = {}  # rule index -> index into _context
        for members in self._wake_groups():
            lits = self._compile_terms(members, trigger=False)
            if lits is not None:
                for i in members:
                    self._context_of[i] = len(self._context)
                self._context.append(lits)
        del self._folded

    # ------------------------------------------------------------------ compile

    @staticmethod
    def _can_fire(detector: Detector, terms: Sequence[Term] | None = None) -> bool:
        """False for a rule nothing can wake: e.g. the disclosure rule of a policy that names
        no products. Leaving it out saves scanning for its context patterns on every post."""
        return (detector.runs_on_every_post()
                or any(t.trigger for t in (detector.terms() if terms is None else terms))
                or any(p.trigger for p in detector.patterns()))

    def _wake_groups(self) -> list[list[int]]:
        """Rules grouped by what wakes them: the same trigger terms and trigger patterns.

        Only a speed-up: a context hit is kept only for a rule that woke up, so a group that
        wakes partly still gives each rule exactly its own hits.
        """
        groups: dict[tuple, list[int]] = {}
        for i, compiled in enumerate(self._rules):
            detector = compiled.detector
            if detector.runs_on_every_post():
                key: tuple = ("always", i)
            else:
                key = (tuple((t.text, t.word) for t in self._terms[i] if t.trigger),
                       tuple((p.regex, p.caseless) for p in detector.patterns() if p.trigger))
            groups.setdefault(key, []).append(i)
        return list(groups.values())

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
        table: dict[str, list[tuple[int, int, bool, bool, bool]]] = defaultdict(list)
        cache = self._folded
        for rule_index in rule_indexes:
            for key, term in enumerate(self._terms[rule_index]):
                if term.trigger != trigger:
                    continue
                folded = cache.get(term.text)
                if folded is None:
                    folded = cache[term.text] = compact_term(term.text)
                if not folded:
                    continue
                left = term.word and is_latin_word_char(folded[0])
                right = term.word and is_latin_word_char(folded[-1])
                # compact drops the long vowel mark: アスター is found as アスタ, and its span
                # gets the mark back (see _with_long_vowel)
                tail = term.text.endswith(_LONG_VOWELS)
                table[folded].append((rule_index, key, left, right, tail))
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
                          key=_span_key)
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
        new_match = _new_match
        triggered: set[int] = set(self._always)
        pattern_hits: dict[int, list[Match]] = {}
        matched: list[int] = []
        patterns = self._patterns
        if patterns is not None:
            entries = patterns.entries
            matched, found = patterns.scan(t)
            for i in matched:
                if entries[i].trigger:
                    triggered.add(entries[i].rule_index)
            for i, spans in found.items():
                e = entries[i]
                if e.trigger:
                    triggered.add(e.rule_index)
                pattern_hits.setdefault(e.rule_index, []).extend(
                    new_match(e.key, start, end) for start, end in spans)
        term_hits: dict[int, list[Match]] = {}
        bounded = self._bounded
        if self._triggers is not None:
            occurrences = self._triggers.scan(t)
            if occurrences:
                to_wide = t.compact_to_wide
                for cstart, cend, entries_ in occurrences:
                    span = to_wide(cstart, cend)
                    for rule_index, key, left, right, tail in entries_:
                        if (left or right) and not bounded(t, span, left, right,
                                                           cend - cstart):
                            continue
                        triggered.add(rule_index)
                        term_hits.setdefault(rule_index, []).append(
                            new_match(key, *(_with_long_vowel(t.wide, span) if tail else span)))
        if self._context_of:
            context_of = self._context_of
            for group in {context_of[r] for r in triggered if r in context_of}:
                occurrences = self._context[group].scan(t)
                if not occurrences:
                    continue
                to_wide = t.compact_to_wide
                for cstart, cend, entries_ in occurrences:
                    span = None
                    for rule_index, key, left, right, tail in entries_:
                        if rule_index not in triggered:
                            continue
                        if span is None:
                            span = to_wide(cstart, cend)
                        if (left or right) and not bounded(t, span, left, right,
                                                           cend - cstart):
                            continue
                        term_hits.setdefault(rule_index, []).append(
                            new_match(key, *(_with_long_vowel(t.wide, span) if tail else span)))
        for hits in term_hits.values():
            if len(hits) > 1:
                hits.sort(key=_span_key)
        if matched:
            entries = patterns.entries
            for i in matched:
                e = entries[i]
                if e.rule_index in triggered:
                    pattern_hits.setdefault(e.rule_index, []).extend(
                        new_match(e.key, start, end) for start, end in patterns.spans(t, i))
        for rule_index in list(pattern_hits):
            if rule_index not in triggered:
                del pattern_hits[rule_index]
            elif len(hits := pattern_hits[rule_index]) > 1:
                hits.sort(key=_span_key)
        return triggered, pattern_hits, term_hits

    @staticmethod
    def _bounded(t: Text, span: tuple[int, int], left: bool, right: bool,
                 compact_length: int | None = None) -> bool:
        """Word boundaries hold where the term asks for them, and a Latin term spelled across
        separators ("i d i o t") does not run over the end of a sentence ("7. It's").

        ``compact_length`` is the term's length in ``compact``: when the span of ``wide`` is
        no longer, no separator lies inside it, so no sentence can end there."""
        start, end = span
        if left and not t.is_word_start(start):
            return False
        if right and not t.is_word_end(end):
            return False
        if compact_length == end - start and _SENTENCE_END_IS_DROPPED:
            return True
        return not ((left or right) and _SENTENCE_END.search(t.wide, start, end))

    def rules(self) -> list[Rule]:
        return [c.rule for c in self._rules]

