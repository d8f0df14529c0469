"""Undisclosed promotion of the organization's products from a personal account (D101, D102)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from ..text import Text
from .base import Context, Hit, Match, Pattern
from .organization import _HASHTAG, _SENTENCE_BREAK, _same_sentence, _Tagged

# A sentence that turns a promotion word into a question ("is Acme Cloud worth it?").
_QUESTION_END = re.compile("[。！？!?\n]|\\.(?:\\s|$)|https?://")
# Negation just before a promotion word ("wouldn't recommend", "not the best") …
_NOT_BEFORE = re.compile(r"\b(?:not|never|no longer|don'?t|doesn'?t|didn'?t|wouldn'?t|won'?t|"
                         r"can'?t|cannot|isn'?t|wasn'?t|aren'?t)\b[\w' ]{0,12}$", re.IGNORECASE)
_ENOUGH = re.compile(r"[\w' ]{0,25}\benough\b", re.IGNORECASE)  # "can't recommend it enough"
# … or right after it in Japanese (おすすめしない, 最高じゃない, おすすめはできません).
_NOT_AFTER = re.compile("[はも]?(?:し|でき|出来|じゃ|では|で)?(?:ない|ません|なかった|かねる|づらい)")
# A promotion in a later sentence that opens on another topic ("Also: best ramen ever").
_TOPIC_SHIFT = re.compile(r"\s*(?:also|btw|by the way|p\.?s\.?|unrelated|anyway|ところで|それと|"
                          r"別件|話(?:は)?変わ)", re.IGNORECASE)
# A reply to someone else (" @emma thanks for the tip") or a new paragraph ends the topic.
_TURN = re.compile(r"(?<!\w)@\w|\n\s*\n")
# A later sentence about something else of its own: "This token …", 「このトークン…」.
_OWN_SUBJECT = re.compile(r"\b(?:the|this|that|these|those)\s+(?!link\b|code\b)\w"
                          r"|(?:この|その|あの)(?!リンク|コード|URL)\w", re.IGNORECASE)
_LATER_SENTENCES = 2  # how many sentences after the mention an endorsement may come
# A product the poster is leaving: "moved from Acme Cloud to …", 「アクメクラウドから乗り換えた」.
_LEFT_BEFORE = re.compile(r"\b(?:from|away from|instead of|rather than)\s+$", re.IGNORECASE)
_LEFT_AFTER = re.compile("から[^。！？!?\n]{0,20}?(?:乗り換|移行|移っ|移し|変え)|を(?:解約|やめ|辞め|退会)")
# A short note in brackets that ends the post: "（ちなみに関係者）", "(I work there)".
_TRAILING_NOTE = re.compile(r"[(（][^()（）]{1,40}[)）][\s\W]*$")


class DisclosureDetector(_Tagged):
    """A personal post that promotes the organization's products without saying so clearly.

    Japan's stealth-marketing rule (景品表示法, from 2023-10-01) and the FTC's endorsement guides
    ask that a reader can tell at a glance that a post is an advertisement or comes from an
    employee. The detector looks for a ``brands`` mention (the organization's names and
    products) that the post promotes, then for a ``markers`` disclosure (#PR, 広告,
    "I work at …", 社員です).

    What counts as promoting the mention:

    - a ``promotion`` word (praise: 最高, "love", "the best") in the same sentence;
    - an ``endorsement`` word (a recommendation, a call to action or a deal: おすすめ,
      "10/10 recommend", "use code …", "chance to win", 導入したほうがいい) in the same
      sentence, or after the mention within ``after`` characters ("3 months on Acme Cloud:
      fast, cheap. 10/10 recommend"), unless a reply to someone else (" @emma"), a blank line
      or a new topic ("Also: …", ところで) comes between; a percentage off or cash back and a
      "10/10" rating count as endorsements;
    - a ``crowning`` phrase written around the product (templates with ``{brand}``: "when
      {brand} exists", 「{brand}一択」).

    A promotion or endorsement word in a question ("is Acme Cloud worth it?") or negated
    ("wouldn't recommend", おすすめしない) does not count. A marker that only appears inside a
    trailing pile of at least ``hashtag_pile`` hashtags, or in a short bracketed note that
    ends the post (「（ちなみに関係者）」), is reported as buried (``buried: true`` in params
    selects that rule's half). ``employee_markers`` are templates with ``{org}``.
    """

    name = "disclosure"
    GROUPS = ("brands", "promotion", "endorsement", "crowning", "leaving", "markers")
    TRIGGERS = frozenset({"brands"})
    WORD = frozenset(GROUPS)
    AFTER = 80  # default of the `after` parameter

    def extra_params(self) -> Sequence[str]:
        return ("buried", "hashtag_pile", "employee_markers", "after")

    def __init__(self, params: Mapping[str, Any], context: Context) -> None:
        self._employee = params.get("employee_markers", [])
        super().__init__(params, context)
        self.buried = bool(params.get("buried", False))
        self.pile = self.param_int("hashtag_pile", 4, low=2, high=50)
        self.after = self.param_int("after", self.AFTER, high=280)

    def add_organization_terms(self, groups: dict[str, list[str]], context: Context) -> None:
        org = context.organization
        brands = list(org.names + org.products)
        groups["brands"] = groups["brands"] + brands
        groups["crowning"] = [t.replace("{brand}", b) for t in groups["crowning"]
                              if "{brand}" in t for b in brands]
        templates = self._employee if isinstance(self._employee, list) else []
        groups["markers"] = groups["markers"] + [
            t.replace("{org}", name) for t in templates if isinstance(t, str)
            for name in org.names]

    def patterns(self) -> Sequence[Pattern]:
        return [
            # Only the first character after '#': one Hyperscan match per hashtag, not one
            # per character; find() extends it to the whole tag.
            Pattern(r"#[^\s#]", "hashtag", trigger=False),
            Pattern(r"\d\s?[%％]\s?(?:off\b|オフ|引き|割引|cash\s?back\b|キャッシュバック|還元)",
                    "percentage off", caseless=True, trigger=False),
            Pattern(r"(?:^|[^\d/])(?:10|5)/(?:10|5)(?:[^\d/]|$)", "rating", trigger=False),
        ]

    def find(self, text: Text, patterns: list[Match], terms: list[Match]) -> Iterable[Hit]:
        tags = self.by_tag(terms)
        brands = tags.get("brands")
        markers = tags.get("markers", [])
        if not brands or (self.buried and not markers):
            return
        wide = text.wide
        pile = note = None
        if markers:  # a disclosure up front ends it; one only at the end is buried
            hashtags = [Match(m.key, m.start, _HASHTAG.match(wide, m.start).end())
                        for m in patterns if m.key == 0]
            pile = self._trailing_pile(text, hashtags)
            note = _TRAILING_NOTE.search(wide)
            if any(not (pile and pile[0] <= m.start) and not (note and note.start() <= m.start)
                   for m in markers):
                return
        why = self._promotion(wide, tags, patterns, brands)
        if why is None:
            return
        if markers:
            if not self.buried:
                return  # D102's finding
            m = markers[0]
            where = (f"among {pile[2]} hashtags at the end" if pile and pile[0] <= m.start
                     else "in a note at the end")
            yield Hit(m.start, m.end, f"disclosure '{self.word(m)}' is buried {where}")
        elif not self.buried:
            first = min(brands, key=lambda m: (m.start, -m.end))
            yield Hit(first.start, first.end, f"mentions '{self.word(first)}' with promotion "
                                              f"{why} and no disclosure")

    def _promotion(self, wide: str, tags: dict[str, list[Match]], patterns: list[Match],
                   brands: list[Match]) -> str | None:
        """What makes the post promote one of the ``brands`` mentions, or None."""
        crowning = tags.get("crowning")
        if crowning:
            return f"'{self.word(crowning[0])}'"
        # "Acme" inside "Acme Cloud" is the same mention
        brands = [b for b in brands if not any(o.start <= b.start and b.end <= o.end
                                               and o.end - o.start > b.end - b.start
                                               for o in brands)]
        leaving = tags.get("leaving", [])
        kept = [b for b in brands if not _LEFT_BEFORE.search(wide, max(0, b.start - 12), b.start)
                and not _LEFT_AFTER.match(wide, b.end)
                and not any(_same_sentence(wide, b, x) for x in leaving)]
        if not kept:
            return None
        deals = [Match(-1, m.start, m.end) for m in patterns if m.key > 0]
        for p, strong in ([(p, False) for p in tags.get("promotion", [])]
                          + [(p, True) for p in tags.get("endorsement", [])]
                          + [(p, True) for p in deals]):
            if self._promotes(wide, p, strong, kept):
                return (f"'{self.word(p)}'" if p.key >= 0
                        else f"'{wide[p.start:p.end].strip()}'")
        return None

    def _promotes(self, wide: str, p: Match, strong: bool, brands: list[Match]) -> bool:
        """Whether promotion word ``p`` is about one of the brand mentions."""
        if not any(not (b.start < p.end and p.start < b.end)  # the same words read as both
                   and (_same_sentence(wide, b, p)
                        or (strong and b.end <= p.start <= b.end + self.after
                            and not _TURN.search(wide, b.end, p.start)
                            and self._follows(wide, b.end, p.start)))
                   for b in brands):
            return False
        if _NOT_BEFORE.search(wide, max(0, p.start - 30), p.start) and not _ENOUGH.match(
                wide, p.end):
            return False
        if _NOT_AFTER.match(wide, p.end):
            return False
        end = _QUESTION_END.search(wide, p.end)
        return end is None or end.group() not in "?？"

    @staticmethod
    def _follows(wide: str, lo: int, hi: int) -> bool:
        """The sentence holding ``hi`` goes on about what ``lo`` ended: one of the next
        sentences, not opening on another topic ("Also: …", ところで) or on a thing of its own
        ("the volunteer signup", 「このトークン」)."""
        start, breaks = lo, 0
        for brk in _SENTENCE_BREAK.finditer(wide, lo, hi):
            if wide[start:brk.start()].strip():
                breaks += 1
            start = brk.end()
        if breaks > _LATER_SENTENCES:
            return False
        return not (_TOPIC_SHIFT.match(wide, start) or _OWN_SUBJECT.search(wide, start, hi))

    def _trailing_pile(self, text: Text, hashtags: list[Match]) -> tuple[int, int, int] | None:
        """(start, end, count) of a run of hashtags that ends the post, if it is a pile."""
        if len(hashtags) < self.pile:
            return None
        tags = sorted(hashtags, key=lambda m: m.start)
        tail = text.wide.rstrip()
        if tags[-1].end < len(tail):
            return None
        run = [tags[-1]]
        for m in reversed(tags[:-1]):
            if text.wide[m.end:run[0].start].strip():
                break
            run.insert(0, m)
        return (run[0].start, run[-1].end, len(run)) if len(run) >= self.pile else None
