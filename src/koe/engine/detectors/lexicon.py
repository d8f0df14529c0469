"""Declarative detectors: word lists and regular expressions, with context and exclusions.

These are what an organization writes in its own policy; the built-in harassment, claims and
spokesperson rules use the same format.

.. code-block:: yaml

    detector: lexicon
    params:
      terms: ["guaranteed returns", "元本保証"]
      context: ["invest", "投資"]      # optional: only count a term with one of these nearby
      radius: 40                       # how near, in characters (default 40)
      exclude: ["not guaranteed"]      # phrases that contain a term but are fine
      negations: ["no", "not", "ではない"]  # a hit with one of these close by does not count
      negation_radius: 15
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from ..text import Text
from .base import Context, Detector, Hit, Match, ParamError, Pattern, Term, near

TERM, CONTEXT, EXCLUDE, NEGATION = "term", "context", "exclude", "negation"


class _ContextMixin:
    """Context words, exclusions and negations shared by the lexicon and regex detectors.

    The detector's own terms come first in ``terms()``; then ``context``, ``exclude`` and
    ``negations`` words, in that order, starting at ``self.context_offset``.
    """

    params: Mapping[str, Any]
    OPTIONS = ("context", "exclude", "negations", "radius", "negation_radius")

    def _read_options(self: Any) -> None:
        self.context = self.param_list("context")
        self.exclude = self.param_list("exclude")
        self.negations = self.param_list("negations")
        self.radius = self.param_int("radius", 40, high=1000)
        self.negation_radius = self.param_int("negation_radius", 15, high=1000)

    def _context_terms(self) -> list[Term]:
        out = [Term(w, CONTEXT, trigger=False) for w in self.context]
        out += [Term(w, EXCLUDE, word=False, trigger=False) for w in self.exclude]
        out += [Term(w, NEGATION, trigger=False) for w in self.negations]
        return out

    def _split(self, terms: list[Match]) -> tuple[list[Match], list[Match], list[Match]]:
        c0 = self.context_offset
        c1 = c0 + len(self.context)
        c2 = c1 + len(self.exclude)
        contexts = [m for m in terms if c0 <= m.key < c1]
        excludes = [m for m in terms if c1 <= m.key < c2]
        negations = [m for m in terms if m.key >= c2]
        return contexts, excludes, negations

    def _accept(self, hit: Match, terms: list[Match]) -> str | None:
        """Return the context evidence for ``hit``, '' when no context is needed, None to drop."""
        contexts, excludes, negations = self._split(terms)
        for ex in excludes:
            if ex.start <= hit.start and hit.end <= ex.end:
                return None
        outside = [n for n in negations if n.end <= hit.start or n.start >= hit.end]
        if near(outside, hit.start, hit.end, self.negation_radius) is not None:
            return None
        if not self.context:
            return ""
        found = near(contexts, hit.start, hit.end, self.radius)
        if found is None:
            return None
        return f", context word '{self.context[found.key - self.context_offset]}'"


class LexiconDetector(_ContextMixin, Detector):
    """Finds listed words and phrases in folded, de-spaced text."""

    name = "lexicon"

    def __init__(self, params: Mapping[str, Any], context: Context) -> None:
        super().__init__(params, context)
        self.words = self.param_list("terms", required=True)
        self._read_options()
        self.context_offset = len(self.words)
        unknown = set(params) - {"terms", *self.OPTIONS}
        if unknown:
            key = sorted(unknown)[0]
            raise ParamError(key, f"unknown parameter '{key}' for detector 'lexicon'",
                             "use: terms, " + ", ".join(self.OPTIONS))

    def terms(self) -> Sequence[Term]:
        return [Term(w) for w in self.words] + self._context_terms()

    def find(self, text: Text, patterns: list[Match], terms: list[Match]) -> Iterable[Hit]:
        n = len(self.words)
        for m in terms:
            if m.key >= n:
                continue
            why = self._accept(m, terms)
            if why is not None:
                yield Hit(m.start, m.end, f"term '{self.words[m.key]}'{why}")


class RegexDetector(_ContextMixin, Detector):
    """Finds regular expressions (Hyperscan syntax: no backtracking, so no hanging).

    .. code-block:: yaml

        detector: regex
        params:
          patterns:
            - "PRJ-[0-9]{4}"
            - {name: ticket, regex: "TICKET-[0-9]+", caseless: true}
          context: ["ticket", "チケット"]
    """

    name = "regex"
    trusted_patterns = False

    def __init__(self, params: Mapping[str, Any], context: Context) -> None:
        super().__init__(params, context)
        raw = params.get("patterns")
        if not isinstance(raw, list) or not raw:
            raise ParamError("patterns", "'patterns' must list at least one regular expression")
        self._patterns: list[Pattern] = []
        for i, item in enumerate(raw):
            if isinstance(item, str):
                self._patterns.append(Pattern(item, f"pattern {i + 1}"))
            elif isinstance(item, dict) and isinstance(item.get("regex"), str):
                self._patterns.append(Pattern(item["regex"], str(item.get("name", f"pattern {i + 1}")),
                                              bool(item.get("caseless", False))))
            else:
                raise ParamError("patterns", f"pattern {i + 1} must be a string or "
                                 "{name: ..., regex: ..., caseless: true|false}")
        self._read_options()
        self.context_offset = 0
        unknown = set(params) - {"patterns", *self.OPTIONS}
        if unknown:
            key = sorted(unknown)[0]
            raise ParamError(key, f"unknown parameter '{key}' for detector 'regex'",
                             "use: patterns, " + ", ".join(self.OPTIONS))

    def patterns(self) -> Sequence[Pattern]:
        return self._patterns

    def terms(self) -> Sequence[Term]:
        return self._context_terms()

    def find(self, text: Text, patterns: list[Match], terms: list[Match]) -> Iterable[Hit]:
        for m in patterns:
            why = self._accept(m, terms)
            if why is not None:
                yield Hit(m.start, m.end, f"pattern '{self._patterns[m.key].name}'{why}")
