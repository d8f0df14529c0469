"""Detectors that use what the policy knows about the organization.

Code names, internal host names and confidentiality cues. Undisclosed promotion of the
organization's products is in ``disclosure.py``, official statements from personal accounts in
``spokesperson.py``; both build on :class:`_Tagged` here. Each one reads its word lists
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


def _same_sentence(wide: str, a: Match, b: Match,
                   breaks: re.Pattern[str] = _SENTENCE_BREAK) -> bool:
    """No sentence end (one of ``breaks``) between the two matches (a short post is one
    sentence)."""
    lo, hi = (a, b) if a.start <= b.start else (b, a)
    return breaks.search(wide, lo.end, max(lo.end, hi.start)) is None


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
    rocket, a web server, 「英語で」), unless a ``project`` word is in the same sentence, or
    one whose words show the everyday thing: seen, ridden or photographed ("spotted the Orion
    nebula", 「シリウスが見えた」), with an article ("a swallow"), before another name ("Sirius
    Black"), a title in quotes (「ツバメ」って曲) or "the X <noun>" ("the Tsubame shinkansen") —
    unless a ``context`` word is attached to it ("the Orion demo", 「オリオンのデモ」). A shop
    of that name (「雷神ってラーメン屋」, 「オリオン食堂」) is everyday too.
    Katakana is how Japanese writes a bird or a star, so a kana code name needs a ``context``
    word (テスト中, デモ, の件) just as a lower-case one does; hiragana for a katakana code
    name (つばめ for ツバメ) is the other spelling, like lower case.
    """

    name = "codename"
    GROUPS = ("codenames", "context", "project", "ordinary")
    TRIGGERS = frozenset({"codenames"})

    def add_organization_terms(self, groups: dict[str, list[str]], context: Context) -> None:
        groups["codenames"] = list(context.organization.codenames) + groups["codenames"]
        org = context.organization
        groups["project"] = groups["project"] + list(org.names + org.products)

    def find(self, text: Text, patterns: list[Match], terms: list[Match]) -> Iterable[Hit]:
        wide = text.wide
        tags = self.by_tag(terms)
        contexts = tags.get("context", [])
        project = tags.get("project", [])
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
            work = [c for c in contexts if not _inside(c, [m]) and _same_sentence(wide, c, m)
                    and not _kana_fragment(wide, c, m)]
            if _everyday_use(wide, m.start, m.end, work) or (
                    not _work_attached(wide, m, work) and any(
                        _same_sentence(wide, o, m) for o in tags.get("ordinary", [])
                        if abs(o.start - m.start) <= self.radius)):
                continue
            ctx = near(work, m.start, m.end, self.radius)
            if ctx is not None:
                yield Hit(m.start, m.end, f"code name '{listed}', context word '{self.word(ctx)}'")
            elif written == listed and (listed.isascii() or not _ANY_KANA.search(listed)):
                yield Hit(m.start, m.end, f"code name '{listed}'")


# What may stand between a code name and the work word it names: "Orion demo", 「オリオンのデモ」,
# 「『ツバメ』の検証」; after "the", one more word too ("the Orion steering committee").
_ATTACH_GAP = re.compile(r"[」』\"'”’]?(?:[ \-・]*|の)$")
_ATTACH_GAP_WORD = re.compile(r"\s+[a-z]+\s+$")


def _work_attached(wide: str, m: Match, work: list[Match], loose: bool = False) -> bool:
    """A work word right after the code name: the code name names that work."""
    return any(m.end <= w.start <= m.end + 20 and (
        _ATTACH_GAP.match(wide, m.end, w.start)
        or (loose and _ATTACH_GAP_WORD.match(wide, m.end, w.start))) for w in work)


# The everyday thing, by the words around it: "a swallow", "spotted the Orion nebula",
# "riding the Tsubame shinkansen", "the Orion constellation", 「ツバメ」って曲, 「シリウスが見えた」.
_ARTICLE_BEFORE = re.compile(r"(?i)(?:^|[^\w])(?:a|an)\s+$")
_SEEN_BEFORE = re.compile(
    r"(?i)(?:^|[^\w])(?:see|saw|seen|seeing|spot|spotted|spotting|watch|watched|watching"
    r"|rewatch|rewatched|rewatching|binge|binged|bingeing"
    r"|photograph|photographed|photographing|shoot|shot|ride|rides|riding|rode|ridden|take|took"
    r"|taking|catch|caught|board|boarded|boarding|look(?:ed|ing)? at|listen(?:ed|ing)? to"
    r"|observe|observed|observing|feed|fed|feeding)\s+(?:the\s+)?$")
_THE_BEFORE = re.compile(r"(?i)(?:^|[^\w])the\s+$")
_NAME_AFTER = re.compile(r" [A-Z][a-z]{2,}")  # "Sirius Black", "Orion Health": another name
_NOUN_AFTER = re.compile(r"\s+[a-z]")
_QUOTED_TITLE = re.compile(r"[」』\"'”’]\s*(?:って|という|っていう|とは|\s+by\s)")
_OPEN_QUOTE = re.compile(r"[「『\"'“‘]$")
_SEEN_AFTER = re.compile(r"(?:を|が|は|も)?(?:見(?!せ)|観(?!点)|撮|眺|目撃|撮影|観察|観測|聴)"
                         r"|(?:に|で)乗")
# A name given to someone or something: "our goldfish is named Kohaku", "I named my main
# Yuzu", "Aster is a lovely name".
_NAMED_BEFORE = re.compile(r"(?i)(?:^|[^\w])(?:named|nicknamed|name is|name's)\s+(?:[a-z]+\s+){0,2}$")
_A_NAME_AFTER = re.compile(r"(?i)\s+(?:is|was|'s)\s+(?:a|an|such a|the)\s+(?:[a-z]+\s+){0,2}name\b")
# "Moonfall (2022)", 「アスター（1998）」: the year of a film, a book or an album.
_YEAR_AFTER = re.compile(r"\s*[(（]\s*(?:19|20)[0-9]{2}\s*[)）]")
# 「雷神ってラーメン屋」, 「ホタルというカフェ」, 「オリオン食堂」: a shop or a restaurant of that name.
_SHOP_AFTER = re.compile(r"(?:って|という|っていう|と言う)?(?:ラーメン屋|ラーメン|お店|店|カフェ|食堂"
                         r"|居酒屋|レストラン|喫茶|パン屋|バー|定食屋|寿司屋|旅館|ホテル)")


def _everyday_use(wide: str, start: int, end: int, work: list[Match]) -> bool:
    """Words around the code name that show the everyday thing, unless a work word is
    attached to it ("saw the Orion demo")."""
    m = Match(0, start, end)
    before = wide[max(0, start - 30):start]
    if _THE_BEFORE.search(before) and _NOUN_AFTER.match(wide, end):
        return not _work_attached(wide, m, work, loose=True)
    if _work_attached(wide, m, work):
        return False
    return bool(_ARTICLE_BEFORE.search(before) or _SEEN_BEFORE.search(before)
                or _NAMED_BEFORE.search(before) or _A_NAME_AFTER.match(wide, end)
                or _NAME_AFTER.match(wide, end) or _SEEN_AFTER.match(wide, end)
                or _YEAR_AFTER.match(wide, end) or _SHOP_AFTER.match(wide, end)
                or (_OPEN_QUOTE.search(before) and _QUOTED_TITLE.match(wide, end)))


# "Falcon 9", "Falcon-9", "ファルコン9", "Kestrel X2": a model of something else.
_MODEL_AFTER = re.compile(r"[ \-]?(?:[0-9]|[A-Z]{1,2}[0-9])")
# "Millennium Falcon", "SpaceX Falcon", "ミレニアム・ファルコン": another name ending in it.
_NAME_BEFORE = re.compile(r"[A-Z][A-Za-z0-9]*[ \-]$")
_KANA_NAME_BEFORE = re.compile(r"[\u30a1-\u30fa\u30fc]+[・･]$")
_SENTENCE_START = re.compile(r"(?:^|[.!?。！？]\s*)$")


_KANA = re.compile(r"[\u30a1-\u30fa\u30fc]")


_KANA_TAIL = re.compile(r"[\u30a1-\u30fa\u30fc]{1,2}(?![\u30a1-\u30fa\u30fc])")


_ANY_KANA = re.compile(r"[\u3041-\u3096\u30a1-\u30fa\u30fc]")
_HIRA = re.compile(r"[\u3041-\u3096]")
# Hiragana that may follow or precede a word: particles and endings (ゆずの, ゆずって, のゆず).
_HIRA_AFTER_WORD = frozenset("のがはをにでともやへっかまよねさじだなけしぞわ")
_HIRA_BEFORE_WORD = frozenset("のはがをにでともやへねよ")
# A kanji straight after a kana word makes a compound (コハク酸, ゆず茶, コハク色), except the
# suffixes that name what the word is for or belongs to (コハク用, ゆず版, アスター側).
_KANJI_AFTER = re.compile(r"[\u4e00-\u9fff々]")
_KANJI_SUFFIX = frozenset("用向側版系組班的内")


def _inside_kana_word(wide: str, m: Match, known: list[Match]) -> bool:
    """A kana code name that is part of a longer word: after more katakana
    (「ミレニアムファルコン」), with a short ending of its own (「ファルコンズ」), before a kanji
    (「コハク酸」, 「ゆず茶」), or, written in hiragana, inside a hiragana word (「ゆずる」). A
    compound with a whole known word (「ファルコンダッシュボード」, 「ゆず開発」) is still the
    code name."""
    after_known = any(k.start == m.end for k in known)
    if m.start and _KANA.match(wide, m.start - 1):
        return not any(k.end == m.start for k in known)
    if _KANJI_AFTER.match(wide, m.end) and wide[m.end] not in _KANJI_SUFFIX:
        return not after_known
    if _HIRA.match(wide, m.start):
        if m.start and _HIRA.match(wide, m.start - 1) and wide[m.start - 1] not in _HIRA_BEFORE_WORD:
            return True
        if _HIRA.match(wide, m.end) and wide[m.end] not in _HIRA_AFTER_WORD:
            return not after_known
    return bool(_KANA_TAIL.match(wide, m.end)) and not after_known


def _kana_fragment(wide: str, c: Match, m: Match) -> bool:
    """A katakana work word inside a longer katakana word (バグ in 「ハンバーグ」), unless it is
    joined to the code name itself (「ファルコンデモ」)."""
    if not _KANA.match(wide, c.start):
        return False
    return bool((c.start and c.start != m.end and _KANA.match(wide, c.start - 1))
                or _KANA.match(wide, c.end))


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


# "Apple's unreleased …", "Netflix's confidential memo", 「他社の未発表…」, 「Googleの未発表…」:
# a cue that belongs to another name (the organization's own names count as their own).
_OTHERS_BEFORE = re.compile(r"(?:[A-Z][\w&.\-]*(?:'s|’s)|[A-Za-z][\w&.\-]*の|[\u30a1-\u30fa\u30fc]{2,}の)"
                            r"\s*$")


# The word itself asked about: 「NDAって何の略？」, 「未発表ってどういう意味」, "NDA stands for".
_WORD_QUESTION = re.compile(r"[」』\"”]?\s*(?:(?:って|とは|という|っていう)[^。！!\n]{0,24}?"
                            r"(?:何|なに|意味|略|どういう|[?？])|\s+(?:stands? for|means)\b)")


_QUESTION = re.compile(r"[?？]|かな|かも|予想|希望|hope|wish|maybe|probably|guess|when\b")


# Between a not-yet cue and the thing it describes: 「議会前の予算案」, "pre-council budget".
_ATTACHED_THING = re.compile(r"の|[ \-]|")


def _asks(wide: str, m: Match) -> bool:
    """The sentence around the cue asks or guesses rather than tells."""
    lo = max(0, m.start - 60)
    breaks = [b.end() for b in _SENTENCE_BREAK.finditer(wide, lo, m.start)]
    end = _SENTENCE_BREAK.search(wide, m.end)
    hi = end.end() if end else len(wide)
    return _QUESTION.search(wide, breaks[-1] if breaks else lo, hi) is not None


class ConfidentialCueDetector(_Tagged):
    """Words that mark information as confidential, judged by what is around them.

    - ``markings`` (関係者外秘, "internal use only") are findings on their own, unless ``advice``
      words around them show the post is about handling such information ("never post …").
      So are 〇外秘, 〇内限定 and 〇内限り for each of the ``offices``
      (社外秘, 庁外秘, 部外秘, 社内限定; not 店内限定, an in-store offer).
    - ``generic`` markings (極秘, "confidential") are everyday words too: they count like
      secrecy cues, with a ``work`` word or a ``reveal`` word nearby.
    - ``secrecy`` cues (ここだけの話, "between you and me") count with a ``work`` word nearby or a
      mention of the organization, its products or code names.
    - ``embargo`` cues (未発表, 決算発表前, "unreleased", NDA) count when a ``reveal`` word is
      nearby ("but", けど, "sneak peek", 教えちゃう): "before the earnings call I'm busy" is fine,
      "before the earnings call, but here are the numbers" is not. ``notyet`` cues ("not
      announced yet", 発表前, 公表されてない) are embargo cues that also count next to the
      organization's own names, products or code names, unless their sentence asks or guesses
      ("…not announced yet, when?", 「発表前だけど予想してみた」 is a fan's), and right before
      the ``work`` thing they describe (「議会前の予算案」, 「公表前の入札結果」, "pre-council
      budget"). ``hush`` words, a request to keep it quiet (keep it to yourself, ここだけにして,
      オフレコで), are reveal words anywhere within the radius, and farther in the same sentence.
    - A secrecy cue whose only work words are ``setting`` words (the office, 上司: where it
      happened) with a ``gossip`` word beside them (birthday cake, ラーメン屋) is about the
      gossip: "between you and me, my boss's birthday cake was awful" is fine.

    Generic markings, secrecy and embargo cues next to an ``ordinary`` word (a drama, a film,
    a band: 「ドラマの『極秘任務』回」, "unreleased demo tapes") are about that, unless the
    organization, its products or code names are nearby. So are cues that belong to someone
    else: another name's ("Apple's unreleased …", 「他社の未発表…」) or news with an ``others``
    word (competitor, 報道, "rumor has it"). 機密 inside a longer cue (機密保持契約) is that cue.
    A ``public`` word nearby (datamined, リーク情報, leakers) means players already dug it out
    of released files: that is public, even about the organization's own game. Nor is a
    question about the word itself (「NDAって何の略？」, "NDA stands for …") a leak.
    """

    name = "confidential_cue"
    GROUPS = ("markings", "generic", "secrecy", "embargo", "work", "reveal", "advice", "ordinary",
              "others", "public", "notyet", "hush", "gossip")
    TRIGGERS = frozenset({"markings", "generic", "secrecy", "embargo", "notyet"})

    def extra_params(self) -> Sequence[str]:
        return ("offices", "setting")

    def __init__(self, params: Mapping[str, Any], context: Context) -> None:
        super().__init__(params, context)
        self._setting = {w.casefold() for w in self.param_list("setting")}
        offices = [o for o in self.param_list("offices") if o]
        # 社外秘 / 庁外秘 / 部外秘, 社内限定 / 庁内限り: a marking for any office in ``offices``
        self._patterns = [
            Pattern("(?:" + "|".join(re.escape(o) for o in offices)
                    + ")(?:外秘|内限定|内限り)", "confidentiality marking")
        ] if offices else []

    def patterns(self) -> Sequence[Pattern]:
        return self._patterns

    def add_organization_terms(self, groups: dict[str, list[str]], context: Context) -> None:
        org = context.organization
        self._own = len(groups["work"])  # work terms from here on are the organization's
        groups["work"] = groups["work"] + list(org.names + org.products + org.codenames)

    def find(self, text: Text, patterns: list[Match], terms: list[Match]) -> Iterable[Hit]:
        tags = self.by_tag(terms)
        advice = tags.get("advice", [])
        r = self.radius
        wide = text.wide
        for m in tags.get("markings", []):
            if near(advice, m.start, m.end, r) is None:
                yield Hit(m.start, m.end, f"confidentiality marking '{self.word(m)}'")
        for m in patterns:
            if near(advice, m.start, m.end, r) is None and not any(
                    _inside(m, [x]) for x in tags.get("markings", [])):
                yield Hit(m.start, m.end, f"confidentiality marking '{wide[m.start:m.end]}'")
        work = tags.get("work", [])
        ordinary = tags.get("ordinary", [])
        others = tags.get("others", [])
        own = [w for w in work if self._is_own(w)]
        reveal = tags.get("reveal", [])
        notyet = tags.get("notyet", [])
        longer = tags.get("markings", []) + tags.get("embargo", []) + notyet

        public = tags.get("public", [])

        def everyday(m: Match) -> bool:
            """About a film or a band, or about someone else's news, not the organization's;
            or about the word itself (「NDAって何？」), or about what players dug out of the
            released files, which is public even when it is the organization's."""
            if _WORD_QUESTION.match(wide, m.end) or near(public, m.start, m.end, r) is not None:
                return True
            if near(own, m.start, m.end, r + 20) is not None:
                return False
            return (near(ordinary, m.start, m.end, r) is not None
                    or near(others, m.start, m.end, r) is not None
                    or _OTHERS_BEFORE.search(wide, max(0, m.start - 30), m.start) is not None)

        for m in tags.get("generic", []):
            if any(_inside(m, [x]) and (x.start, x.end) != (m.start, m.end) for x in longer):
                continue  # 機密 in 機密保持契約: the longer cue decides
            cue = (near([x for x in work if not _inside(x, [m])], m.start, m.end, r)
                   or near([x for x in reveal if not _inside(x, [m])], m.start, m.end, r // 2))
            if (cue is not None and near(advice, m.start, m.end, r) is None
                    and not everyday(m)):
                yield Hit(m.start, m.end,
                          f"confidentiality word '{self.word(m)}', context '{self.word(cue)}'")
        gossip = tags.get("gossip", [])
        for m in tags.get("secrecy", []):
            ws = [x for x in work if not _inside(x, [m])
                  and x.end >= m.start - r - 20 and x.start <= m.end + r + 20]
            if ws and all(self.word(x).casefold() in self._setting for x in ws) and any(
                    _same_sentence(wide, g, m) or _same_sentence(wide, g, x)
                    for g in gossip if not _inside(g, [m]) for x in ws
                    if abs(g.start - x.start) <= r):
                continue  # the office or the boss is only where harmless gossip happens
            w = ws[0] if ws else None
            if (w is not None and near(advice, m.start, m.end, r // 2) is None
                    and not everyday(m)):
                yield Hit(m.start, m.end,
                          f"secrecy cue '{self.word(m)}', work word '{self.word(w)}'")
        hush = tags.get("hush", [])
        for m in tags.get("embargo", []) + notyet:
            # the organization's own news next to "not announced yet" is the reveal itself,
            # unless the sentence asks or guesses ("…not announced yet, when?")
            rv = (near([x for x in reveal if not _inside(x, [m])], m.start, m.end, r // 2)
                  or near([x for x in hush if not _inside(x, [m])], m.start, m.end, r)
                  or near([x for x in hush if not _inside(x, [m])
                           and _same_sentence(wide, x, m)], m.start, m.end, 2 * r))
            if rv is None and m in notyet and not _asks(wide, m):
                rv = near([x for x in own if not _inside(x, [m])], m.start, m.end, r)
            if rv is None and m in notyet:
                # the cue describes a work thing: 「議会前の予算案」, "pre-council budget"
                rv = next((w for w in work if m.end <= w.start <= m.end + 3
                           and _ATTACHED_THING.fullmatch(wide, m.end, w.start)), None)
            if (rv is not None and near(advice, m.start, m.end, r // 2) is None
                    and not everyday(m)):
                yield Hit(m.start, m.end,
                          f"embargo cue '{self.word(m)}', reveal word '{self.word(rv)}'")

    def _is_own(self, m: Match) -> bool:
        """A work word that is the organization's own name, product or code name."""
        return m.key - self._tags.index("work") >= self._own
