"""Patterns that Hyperscan finds by a short anchor and Python's ``re`` confirms in full.

A pattern with long bounded repeats (``[^。]{0,30}``) or many alternatives inside repeats
costs Hyperscan tens to hundreds of milliseconds to compile, and every policy compiles all of
them. For such a pattern the detector gives Hyperscan only an *anchor*: a short regex that
every match of the full pattern contains (a literal, a word list). When the anchor matches,
:meth:`Anchors.verify` finds the full pattern's spans with ``re`` exactly as the scanner
would have (every start, the match ``re`` prefers there), so the detector sees the same
matches as before and the compile gets cheap.

An anchor of a *trigger* pattern can wake a rule where the full pattern does not match. The
rule must then find nothing, as if it had never woken: :meth:`Anchors.verify` returns
``None`` when no trigger pattern or trigger term is left after the check.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Collection, Mapping, Sequence

from ..patterns import regex_spans
from .base import Match, ParamError, Pattern

__all__ = ["Anchors", "read_anchors"]



def _span_key(m: Match) -> tuple[int, int]:
    return m.start, -m.end


class Anchors:
    """The Hyperscan form of a detector's patterns and the full regexes behind its anchors.

    ``anchors`` maps a pattern's index to its anchor regex (Hyperscan syntax, and the same
    ``caseless`` as the pattern). The anchor must match wherever the full pattern matches.
    """

    __slots__ = ("_full", "_trigger_anchor", "_trigger_plain", "patterns")

    def __init__(self, patterns: Sequence[Pattern], anchors: Mapping[int, str]) -> None:
        self.patterns: list[Pattern] = [
            dataclasses.replace(p, regex=anchors[i]) if i in anchors else p
            for i, p in enumerate(patterns)]
        self._full = {i: re.compile(patterns[i].regex,
                                    re.ASCII | (re.IGNORECASE if patterns[i].caseless else 0))
                      for i in anchors}
        self._trigger_anchor = frozenset(i for i in anchors if patterns[i].trigger)
        self._trigger_plain = frozenset(i for i, p in enumerate(patterns)
                                        if p.trigger and i not in anchors)

    def verify(self, wide: str, patterns: list[Match], terms: list[Match],
               trigger_terms: Collection[int] = ()) -> list[Match] | None:
        """The pattern matches with each anchor's replaced by its full pattern's matches;
        ``None`` when only anchors woke the rule and none of them held (``trigger_terms``:
        the keys of the detector's trigger terms)."""
        full = self._full
        keys = {m.key for m in patterns if m.key in full}
        if not keys:
            return patterns
        out = [m for m in patterns if m.key not in full]
        for key in sorted(keys):
            out += [Match(key, start, end) for start, end in regex_spans(full[key], wide)]
        if (keys & self._trigger_anchor
                and not any(m.key in self._trigger_anchor for m in out)
                and not any(m.key in self._trigger_plain for m in out)
                and not any(m.key in trigger_terms for m in terms)):
            return None
        out.sort(key=_span_key)
        return out


def read_anchors(raw: object, key: str = "patterns") -> dict[int, str]:
    """The ``anchor`` of each ``{name, regex, anchor}`` entry of a rule's pattern list."""
    out: dict[int, str] = {}
    if not isinstance(raw, list):
        return out
    for i, item in enumerate(raw):
        if isinstance(item, dict) and "anchor" in item:
            if not isinstance(item["anchor"], str) or not item["anchor"]:
                raise ParamError(key, f"pattern {i + 1}: 'anchor' must be a regular expression")
            out[i] = item["anchor"]
    return out
