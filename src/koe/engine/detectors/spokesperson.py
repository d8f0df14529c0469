"""Official statements for the organization made from a personal account (rule O101)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from ..text import Text
from .base import Context, Hit, Match, Pattern, near
from .organization import _Tagged


class SpokespersonDetector(_Tagged):
    """A personal account speaking officially for the organization.

    ``statements`` are phrases such as "on behalf of {org}" or 「{org}を代表して」 ({org} is
    replaced by each of the organization's names) and generic ones (当社の正式な見解). A phrase
    is not reported when the post quotes or links to an official statement: a ``quoting`` word
    nearby ("according to", によると, "read") or a link after it.
    """

    name = "spokesperson"
    GROUPS = ("statements", "quoting")
    TRIGGERS = frozenset({"statements"})

    RADIUS = 30

    def add_organization_terms(self, groups: dict[str, list[str]], context: Context) -> None:
        names = list(context.organization.names)
        expanded: list[str] = []
        for phrase in groups["statements"]:
            if "{org}" in phrase:
                expanded += [phrase.replace("{org}", n) for n in names]
            else:
                expanded.append(phrase)
        groups["statements"] = expanded

    def patterns(self) -> Sequence[Pattern]:
        return [Pattern(r"https?://", "link", trigger=False),
                Pattern(r"[「『\"“]", "quote", trigger=False)]

    def find(self, text: Text, patterns: list[Match], terms: list[Match]) -> Iterable[Hit]:
        tags = self.by_tag(terms)
        quoting = tags.get("quoting", [])
        links = [m for m in patterns if m.key == 0]
        quotes = [m for m in patterns if m.key == 1]
        for m in tags.get("statements", []):
            if near(quoting, m.start, m.end, self.radius) is not None:
                continue
            if any(m.end <= link.start <= m.end + 2 * self.radius for link in links):
                continue
            if any(m.start - 12 <= q.start < m.start for q in quotes):
                continue
            yield Hit(m.start, m.end, f"official-statement phrase '{self.word(m)}'")
