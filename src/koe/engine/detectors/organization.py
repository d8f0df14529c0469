"""Detectors that use what the policy knows about the organization.

Code names, internal host names, confidentiality cues and undisclosed promotion of the
organization's products (official statements from personal accounts: ``spokesperson.py``). Each one reads its word lists
from the rule's ``params`` (so an organization can extend them) and the organization's names,
products and code names from the policy's ``organization`` section.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from ..text import Text
from .base import Context, Detector, Hit, Match, ParamError, Pattern, Term, near


class _Tagged(Detector):
    """A detector whose terms come in named groups (``params`` lists plus organization facts).

    Subclasses list their groups in ``GROUPS``; each is read from ``params[group]``. Matches
    come back to ``find`` sorted into ``self.by_tag(terms)``.
    """

    GROUPS: tuple[str, ...] = ()
    RADIUS = 40  # default of the `radius` parameter: how near context words must be
    TRIGGERS: frozenset[str] = frozenset()  # groups whose hits wake the detector up
    WORD: frozenset[str] = frozenset()  # groups matched with word boundaries

    def __init__(self, params: Mapping[str, Any], context: Context) -> None:
        super().__init__(params, context)
        known = set(self.GROUPS) | set(self.extra_params()) | {"radius"}
        for key in params:
            if key not in known:
                raise ParamError(key, f"unknown parameter '{key}' for detector '{self.name}'",
                                 "use: " + ", ".join(sorted(known)))
        self.radius = self.param_int("radius", self.RADIUS, high=1000)
        self.groups: dict[str, list[str]] = {g: self.param_list(g) for g in self.GROUPS}
        self.add_organization_terms(self.groups, context)
        self._terms: list[Term] = []
        self._tags: list[str] = []
        self._words: list[str] = []
        for tag, words in self.groups.items():
            for w in words:
                self._terms.append(Term(w, tag, word=tag in self.WORD or not self.WORD,
                                        trigger=tag in self.TRIGGERS))
                self._tags.append(tag)
                self._words.append(w)

    def extra_params(self) -> Sequence[str]:
        return ()

    def add_organization_terms(self, groups: dict[str, list[str]], context: Context) -> None:
        """Add terms drawn from the organization section. Override where needed."""

    def terms(self) -> Sequence[Term]:
        return self._terms

    def by_tag(self, terms: list[Match]) -> dict[str, list[Match]]:
        out: dict[str, list[Match]] = {}
        for m in terms:
            out.setdefault(self._tags[m.key], []).append(m)
        return out

    def word(self, m: Match) -> str:
        return self._words[m.key]


_HASHTAG = re.compile(r"#[^\s#]+")


def _inside(m: Match, others: Iterable[Match]) -> bool:
    return any(o.start <= m.start and m.end <= o.end for o in others)


# Where a sentence ends in a post: punctuation, a line break, an emoji, a link, or a reply that
# turns to someone else (" @emma …").
_SENTENCE_BREAK = re.compile("[。！？!?\n\u2600-\u27bf\U0001f300-\U0001faff]|\\.(?:\\s|$)|\\s@\\w"
                             "|https?://")


def _same_sentence(wide: str, a: Match, b: Match) -> bool:
    """No sentence end between the two matches (a short post is one sentence)."""
    lo, hi = (a, b) if a.start <= b.start else (b, a)
    return _SENTENCE_BREAK.search(wide, lo.end, max(lo.end, hi.start)) is None


class CodenameDetector(_Tagged):
    """Unreleased project code names (``organization.codenames``).

    A code name that is also an ordinary word (Falcon, Phoenix) is reported when it is written
    with the same capitals as in the policy, or with a work word nearby ("project", "launch",
    "プロジェクト", "新サービス"); "a falcon at the zoo" is not a leak. Nor is a code name that is
    only part of someone else's name: followed by a model number ("Falcon 9", 「ファルコン9」) or
    after another name joined to it ("Millennium Falcon", 「ミレニアム・ファルコン」), unless the
    organization itself or a ``project`` word (project, code name, プロジェクト) is nearby. A
    code name in kana is the same: 「ファルコンズ」 and 「ミレニアムファルコン」 are other words.
    Nor is a code name next to an ``ordinary`` word that shows its everyday sense (a bird, a
    rocket, a web server, 「英語で」), unless a ``project`` word is in the same sentence.
    """

    name = "codename"
    GROUPS = ("codenames", "context", "project", "ordinary")
    TRIGGERS = frozenset({"codenames"})

    def add_organization_terms(self, groups: dict[str, list[str]], context: Context) -> None:
        groups["codenames"] = list(context.organization.codenames) + groups["codenames"]
        org = context.organization
        groups["project"] = groups["project"] + list(org.names + org.products)

    def find(self, text: Text, patterns: list[Match], terms: list[Match]) -> Iterable[Hit]:
        tags = self.by_tag(terms)
        contexts = tags.get("context", [])
        project = tags.get("project", [])
        wide = text.wide
        for m in tags.get("codenames", []):
            listed = self.word(m)
            written = wide[m.start:m.end]
            own = near([p for p in project if not _inside(p, [m])
                        and _same_sentence(wide, p, m)], m.start, m.end, self.radius)
            if own is not None:
                yield Hit(m.start, m.end, f"code name '{listed}', context word '{self.word(own)}'")
                continue
            if _part_of_other_name(wide, m.start, m.end) or (
                    not listed.isascii() and _inside_kana_word(wide, m, contexts + project)):
                continue
            if any(_same_sentence(wide, o, m)
                   for o in tags.get("ordinary", []) if abs(o.start - m.start) <= self.radius):
                continue
            ctx = near(contexts, m.start, m.end, self.radius)
            if ctx is not None:
                yield Hit(m.start, m.end, f"code name '{listed}', context word '{self.word(ctx)}'")
            elif written == listed or not listed.isascii() or not listed.isalpha():
                yield Hit(m.start, m.end, f"code name '{listed}'")


# "Falcon 9", "Falcon-9", "ファルコン9", "Kestrel X2": a model of something else.
_MODEL_AFTER = re.compile(r"[ \-]?(?:[0-9]|[A-Z]{1,2}[0-9])")
# "Millennium Falcon", "SpaceX Falcon", "ミレニアム・ファルコン": another name ending in it.
_NAME_BEFORE = re.compile(r"[A-Z][A-Za-z0-9]*[ \-]$")
_KANA_NAME_BEFORE = re.compile(r"[\u30a1-\u30fa\u30fc]+[・･]$")
_SENTENCE_START = re.compile(r"(?:^|[.!?。！？]\s*)$")


_KANA = re.compile(r"[\u30a1-\u30fa\u30fc]")


_KANA_TAIL = re.compile(r"[\u30a1-\u30fa\u30fc]{1,2}(?![\u30a1-\u30fa\u30fc])")


def _inside_kana_word(wide: str, m: Match, known: list[Match]) -> bool:
    """A kana code name that is part of a longer katakana word: after more katakana
    (「ミレニアムファルコン」) or with a short ending of its own (「ファルコンズ」). A compound
    with a whole word (「ファルコンダッシュボード」) is still the code name."""
    if m.start and _KANA.match(wide, m.start - 1):
        return not any(k.end == m.start for k in known)
    return bool(_KANA_TAIL.match(wide, m.end)) and not any(k.start == m.end for k in known)


def _part_of_other_name(wide: str, start: int, end: int) -> bool:
    if _MODEL_AFTER.match(wide, end):
        return True
    lo = max(0, start - 40)
    before = wide[lo:start]
    if _KANA_NAME_BEFORE.search(before):
        return True
    found = _NAME_BEFORE.search(before)
    if found is None:
        return False
    # "Honestly Falcon is…": a capital that only starts the sentence does not make a name
    return not _SENTENCE_START.search(wide, lo if found.start() else 0, lo + found.start())


class InternalDomainDetector(_Tagged):
    """Internal host names: the organization's ``internal_domains`` and intranet-only suffixes."""

    name = "internal_domain"
    GROUPS = ("domains",)
    TRIGGERS = frozenset({"domains"})

    def extra_params(self) -> Sequence[str]:
        return ("suffixes",)

    def __init__(self, params: Mapping[str, Any], context: Context) -> None:
        super().__init__(params, context)
        suffixes = self.param_list("suffixes")
        self._patterns = [
            Pattern(r"\b[a-z0-9][a-z0-9.-]*\.(?:"
                    + "|".join(re.escape(s.strip(".")) for s in suffixes) + r")\b",
                    "intranet host name", caseless=True)
        ] if suffixes else []

    def add_organization_terms(self, groups: dict[str, list[str]], context: Context) -> None:
        groups["domains"] = list(context.organization.internal_domains) + groups["domains"]

    def patterns(self) -> Sequence[Pattern]:
        return self._patterns

    def find(self, text: Text, patterns: list[Match], terms: list[Match]) -> Iterable[Hit]:
        for m in patterns:
            domain = next((t for t in terms if m.start <= t.start and t.end <= m.end), None)
            yield Hit(m.start, m.end, f"internal domain '{self.word(domain)}'" if domain
                      else "intranet host name")
        for t in terms:
            if not any(m.start <= t.start and t.end <= m.end for m in patterns):
                yield Hit(t.start, t.end, f"internal domain '{self.word(t)}'")


class ConfidentialCueDetector(_Tagged):
    """Words that mark information as confidential, judged by what is around them.

    - ``markings`` (社外秘, "internal use only") are findings on their own, unless ``advice``
      words around them show the post is about handling such information ("never post …").
    - ``generic`` markings (極秘, "confidential") are everyday words too: they count like
      secrecy cues, with a ``work`` word or a ``reveal`` word nearby.
    - ``secrecy`` cues (ここだけの話, "between you and me") count with a ``work`` word nearby or a
      mention of the organization, its products or code names.
    - ``embargo`` cues (未発表, 決算発表前, "unreleased", NDA) count when a ``reveal`` word is
      nearby ("but", けど, "sneak peek", 教えちゃう): "before the earnings call I'm busy" is fine,
      "before the earnings call, but here are the numbers" is not.

    Generic markings, secrecy and embargo cues next to an ``ordinary`` word (a drama, a film,
    a band: 「ドラマの『極秘任務』回」, "unreleased demo tapes") are about that, unless the
    organization, its products or code names are nearby.
    """

    name = "confidential_cue"
    GROUPS = ("markings", "generic", "secrecy", "embargo", "work", "reveal", "advice", "ordinary")
    TRIGGERS = frozenset({"markings", "generic", "secrecy", "embargo"})


    def add_organization_terms(self, groups: dict[str, list[str]], context: Context) -> None:
        org = context.organization
        self._own = len(groups["work"])  # work terms from here on are the organization's
        groups["work"] = groups["work"] + list(org.names + org.products + org.codenames)

    def find(self, text: Text, patterns: list[Match], terms: list[Match]) -> Iterable[Hit]:
        tags = self.by_tag(terms)
        advice = tags.get("advice", [])
        r = self.radius
        for m in tags.get("markings", []):
            if near(advice, m.start, m.end, r) is None:
                yield Hit(m.start, m.end, f"confidentiality marking '{self.word(m)}'")
        work = tags.get("work", [])
        ordinary = tags.get("ordinary", [])
        own = [w for w in work if self._is_own(w)] if ordinary else []
        reveal = tags.get("reveal", [])

        def everyday(m: Match) -> bool:
            return (bool(ordinary) and near(ordinary, m.start, m.end, r) is not None
                    and near(own, m.start, m.end, r + 20) is None)

        for m in tags.get("generic", []):
            cue = (near([x for x in work if not _inside(x, [m])], m.start, m.end, r)
                   or near([x for x in reveal if not _inside(x, [m])], m.start, m.end, r // 2))
            if (cue is not None and near(advice, m.start, m.end, r) is None
                    and not everyday(m)):
                yield Hit(m.start, m.end,
                          f"confidentiality word '{self.word(m)}', context '{self.word(cue)}'")
        for m in tags.get("secrecy", []):
            w = near([x for x in work if not _inside(x, [m])], m.start, m.end, r + 20)
            if (w is not None and near(advice, m.start, m.end, r // 2) is None
                    and not everyday(m)):
                yield Hit(m.start, m.end,
                          f"secrecy cue '{self.word(m)}', work word '{self.word(w)}'")
        for m in tags.get("embargo", []):
            rv = near([x for x in reveal if not _inside(x, [m])], m.start, m.end, r // 2)
            if (rv is not None and near(advice, m.start, m.end, r // 2) is None
                    and not everyday(m)):
                yield Hit(m.start, m.end,
                          f"embargo cue '{self.word(m)}', reveal word '{self.word(rv)}'")

    def _is_own(self, m: Match) -> bool:
        """A work word that is the organization's own name, product or code name."""
        return m.key - self._tags.index("work") >= self._own


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
