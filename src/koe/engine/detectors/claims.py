"""Promissory claims: a certainty word with an outcome (必ず + 儲かる, cures + diabetes), checked in context.

``claim`` finds what the financial-promotion and health-advertising rules forbid: a profit or
a cure stated as certain. Word lists alone miss most of these (``配当は毎月保証``, ``確実に利益が
出ます``, ``reverse and cure type 2 diabetes``) and catch too much (``we can't lose tonight``,
``元本保証の商品は利回りが低い``), so the detector reads structure:

- ``phrases`` are claims on their own (``元本保証``, ``double your money``).
- ``topical`` phrases are claims only when a ``topics`` word is in the post: ``can't lose`` is a
  promise next to ``coin`` or ``投資``, not next to a basketball lineup. With
  ``product_topics: true`` the organization's products count as topics as well
  (``{product}を飲めば薬はいらない``); the money rule leaves it off, since ``try {product}
  risk-free`` is a trial offer, not a promise of returns.
- A ``certainty`` word and an ``outcomes`` word in one sentence, at most ``within`` characters
  apart, in either order: ``guaranteed`` … ``returns``, ``コロナが`` … ``治る``.
- A ``close`` word (one of the certainty or weak words) pairs only with an outcome at most
  two characters away (``血糖値が下がる``, ``lowers blood sugar``), so ``インフルの薬で熱が
  下がった`` does not pair ``下がった`` with ``インフル``.
- A multiple (``2x``, ``doubles``, ``倍になる``) is an outcome only in a post with a ``topics``
  word: ``guaranteed 2x XP`` is a game event, ``guaranteed 2x on this coin`` a promise.
- A ``weak`` word with an outcome counts only when ``evidence`` (a product: ``この石鹸で``,
  ``this tea``, or one of the organization's products) is in its sentence or the next or
  previous one: ``風邪が治った`` is a
  person getting better, ``この石鹸でアトピーが治りました`` is an advertisement. ``medical``
  words in the sentence (``doctor``, ``病院``, ``screening``, ``usually``) undo a weak hit that
  has no evidence, and undo a ``certainty`` hit too when the sentence names no product
  (``手術すれば治る``); the organization's own product names alone do not hold against them,
  since a clinic's product may be the care itself (``{product}の健診で生活習慣病を予防``).
  A medical word right before the claim (a particle at most between) is the one who did the
  curing, product or not: ``my dermatologist treated my acne; I use {product} for moisture``.
- ``patterns`` (Hyperscan regexes on the NFKC text) are claims on their own;
  ``outcome_patterns`` are outcomes written as amounts (``into $5,000``, ``月利3%``); one
  followed by another unit (``8年16万km保証``, a warranty's mileage; ``月10万人``) is no
  amount of money.

Every hit is then checked against its context. It does not count when:

- a negation or a wish governs it: Japanese ``ない/ません/なんて/たい/といい`` right after it
  (``儲かるとは限らない``, ``早く治るといいね``), English ``not/no/never/n't/hope/want`` in the
  three words before it or ``not/n't`` between its parts
  (``no investment has guaranteed returns``, ``returns are not guaranteed``), except a
  negated loss, itself a promise (``never loses money — 12% a year, guaranteed``);
- its sentence is a question (``元本保証って本当？``);
- the post has a ``cancel`` word: a warning, a regulation or an explanation about such claims
  (``詐欺``, ``金融庁``, ``scam``, ``FTC``, ``リスクがある``). ``not a scam`` / ``詐欺じゃない``
  do not cancel;
- it lies inside an ``exclude`` phrase;
- it is quoted as what someone else said: inside quotation marks introduced by a reporting
  word (``a DM saying 'risk-free 20% returns'``, ``「元本保証で月利5%」というDM``);
- its sentence names a ``safe`` product, one whose principal and rate really are fixed (a bank
  deposit: ``定期預金は元本保証``, ``deposits are insured, principal and interest``), with no
  ``unsafe`` word (``外貨預金``, ``FX deposit``) and no rate above ``safe_rate``.

An annual rate of ``safe_rate`` percent or less (``年0.3%``, ``4.5% APY``) is ordinary deposit
interest, not an outcome: ``guaranteed 4.5% APY`` is a bank's fixed rate, ``guaranteed 18% APY``
and ``月利3%保証`` are promised returns.

Kana words of three letters or fewer (``がん``, ``しみ``, ``うつ``) count only as words of their
own, so ``がんばる``, ``しみじみ`` and ``うつる`` are not diseases.

.. code-block:: yaml

    detector: claim
    params:
      phrases: [元本保証, "double your money"]
      topical: ["can't lose", ノーリスク]
      topics: [投資, stock, coin]
      certainty: [必ず, 確実に, guaranteed]
      outcomes: [儲かる, 利益, returns, profit]
      weak: []                    # certainty words that need evidence
      evidence: []                # product words; the organization's products always count
      medical: []                 # words of medical care that undo weak hits
      wake: certainty             # which list wakes the detector: certainty or outcomes
      within: 20                  # characters between a certainty word and an outcome
      cancel: [詐欺, scam]
      exclude: ["money back"]
      patterns: [{name: effortless, regex: "飲むだけで.{0,12}痩せ"}]
      outcome_patterns: ["月利[0-9.]+%"]   # regexes that count as outcomes (an amount earned)
      safe: [預金, deposit]       # products whose principal and rate are fixed by contract
      unsafe: [外貨, FX]           # words that make a safe product risky again
      safe_rate: 5                # an annual rate (%) at or below this is ordinary interest
      product_topics: false       # the organization's products count as topics too
      close: []                   # certainty/weak words that must touch their outcome
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from ..text import Text
from .base import Context, Detector, Hit, Match, ParamError, Pattern, Term, read_patterns

__all__ = ["ClaimDetector"]

LISTS = ("phrases", "topical", "topics", "certainty", "outcomes", "weak", "evidence", "medical",
         "cancel", "exclude", "safe", "unsafe")
_TRIGGERS = {"phrases", "topical", "certainty", "weak"}  # and outcomes with wake: outcomes

_SENTENCE = re.compile(r"[。！？!?\n]+|\.(?=\s|$)")
_KANA = re.compile(r"^[\u3041-\u3096\u30a1-\u30faー]{1,3}$")
_KANA_CHAR = re.compile(r"[\u3041-\u3096\u30a1-\u30faー]")
_PARTICLES = frozenset("がもをにはのでとやへまっ")
# Before a word a conditional or a te-form may end too: 飲めばがんが, 飲んでがん, 塗ったらシミが.
_BEFORE_WORD = _PARTICLES | frozenset("ばてら")
# Japanese: a negation, a doubt or a wish attached to the claim (儲かるとは限らない, 儲けたい).
_JA_AFTER = re.compile(r"^[^、,。！？!?\s]{0,8}?(ない|無い|ません|なし|無し|なんて|とは限|わけでは|"
                       r"訳では|はずが|(?<!み)たい|欲し|ほしい|ず[、。]|ず$)"
                       r"|^(といい|といいな|ように|まで|かな|のを|ればいい|のかな)")
# English: a negation shortly before the claim, or between its two parts.
_EN_BEFORE = re.compile(r"\b(no|not|never|nothing|without|nor|isn't|aren't|don't|doesn't|won't|"
                        r"can't|cannot|couldn't|shouldn't|wasn't|weren't|didn't|hardly|"
                        r"hope|hoping|wish|pray|praying|want|wants|need|looking\s+for)"
                        r"((\s+\S+){0,3})\s*$", re.IGNORECASE)
# A negated loss is a promise, not a negation: never loses money, no risk, zero downside.
_NO_LOSS = re.compile(r"\s+(lose|loses|losing|lost|loss|losses|risk|downside)\b", re.IGNORECASE)
_EN_BETWEEN = re.compile(r"\b(not|never|no|isn't|aren't|don't|doesn't|won't|can't|cannot)\b",
                         re.IGNORECASE)
_JA_BETWEEN = re.compile(r"(ない|ません|無い)")
_EN_AFTER = re.compile(r"^\W{0,3}(is|are|was|were)?\s*(not|never|n't|a myth|a lie|a scam|"
                       r"a red flag|fake)\b|^\s*(don't|doesn't|do not|does not)\s+exist",
                       re.IGNORECASE)
# "not a scam", "詐欺じゃない": the cancel word itself is denied.
_DENIED_BEFORE = re.compile(r"\b(not|no|never|isn't|ain't)\s+(an?\s+)?$", re.IGNORECASE)
_DENIED_AFTER = re.compile(r"^(じゃな|ではな|ではありません|でもな|なし|無し|ゼロ)")
# Someone else's words, quoted: a reporting word before the opening quote (saying '…') or,
# in Japanese, after the closing one (「…」というDM, 「…」と言われた).
_OPEN_QUOTES = "「『\"“‘'"
_CLOSE_QUOTES = {"「": "」", "『": "』", '"': '"', "“": "”", "‘": "’", "'": "'"}
_REPORTED_BEFORE = re.compile(
    r"\b(saying|says|said|say|claiming|claims|claimed|promising|promises|promised|offering|"
    r"offered|advertising|advertised|pitching|pitched|titled|reading|reads|read|told\s+(me|us|him|her|them)|"
    r"asking|subject(\s+line)?|like)\s*:?\s*$", re.IGNORECASE)
_REPORTED_AFTER = re.compile(r"^\s*(という|といった|とか|と言われ|って言われ|と言って|って言って|と書いて|"
                             r"って書いて|と書かれ|って書かれ|と謳|とうた|と勧誘|って勧誘|みたいな|なんて)")
# A medical word right before a claim is its subject or its place: my dermatologist treated,
# 皮膚科でニキビが治った; the claim is about the care, whatever product the sentence names.
_CLINICIAN_GAP = re.compile(r"\s*[がはにでも]?\s*")
# A count of something else, not money: 8年16万km (a warranty's mileage), 年5万時間, 月10万人.
_UNIT = re.compile(r"\s?(km|キロ|マイル|miles?\b|kilomet|時間|hours?\b|人|件|回|台|個|本|枚)",
                   re.IGNORECASE)
# A multiple of something: 2x, doubles, 倍になる, 3倍に.
_MULTIPLE = re.compile(r"^[0-9]+x$|倍|doubl|tripl", re.IGNORECASE)
# An annual rate: 年0.3%, 年利1.2%, 4.5% APY, 2% a year.
_RATE = re.compile(r"([0-9]+(?:[.,][0-9]+)?)\s?%")
_ANNUAL = re.compile(r"年|apy|apr|annual|per\s+annum|a\s+year|per\s+year|every\s+year|interest",
                     re.IGNORECASE)


class ClaimDetector(Detector):
    """A promise of profit or of a cure, read with its sentence and its post."""

    name = "claim"

    def __init__(self, params: Mapping[str, Any], context: Context) -> None:
        super().__init__(params, context)
        allowed = {*LISTS, "wake", "within", "patterns", "outcome_patterns", "safe_rate",
                   "product_topics", "close"}
        unknown = set(params) - allowed
        if unknown:
            key = sorted(unknown)[0]
            raise ParamError(key, f"unknown parameter '{key}' for detector 'claim'",
                             "use: " + ", ".join(sorted(allowed)))
        self.lists = {key: self.param_list(key) for key in LISTS}
        self._products = frozenset(context.organization.products)
        self.lists["evidence"] = self.lists["evidence"] + list(context.organization.products)
        product_topics = params.get("product_topics", False)
        if not isinstance(product_topics, bool):
            raise ParamError("product_topics", "'product_topics' must be true or false")
        if product_topics:
            self.lists["topics"] = self.lists["topics"] + list(context.organization.products)
        wake = params.get("wake", "certainty")
        if wake not in ("certainty", "outcomes"):
            raise ParamError("wake", "'wake' must be certainty or outcomes")
        self.triggers = _TRIGGERS | ({"outcomes"} if wake == "outcomes" else set())
        if wake == "outcomes":
            self.triggers -= {"certainty", "weak"}
        self.within = self.param_int("within", 20, high=200)
        self.close = frozenset(self.param_list("close"))
        self.safe_rate = self.param_int("safe_rate", 0, high=100)
        self._patterns = read_patterns(params.get("patterns"), "patterns")
        self._claim_patterns = len(self._patterns)
        self._patterns += [Pattern(p.regex, p.name, p.caseless, trigger=False)
                           for p in read_patterns(params.get("outcome_patterns"),
                                                   "outcome_patterns")]
        self._terms: list[Term] = []
        self._kinds: list[str] = []
        for kind in LISTS:
            for word in self.lists[kind]:
                self._terms.append(Term(word, kind, word=kind != "exclude",
                                        trigger=kind in self.triggers))
                self._kinds.append(kind)
        if not (self.lists["phrases"] or self.lists["topical"] or self._claim_patterns
                or (self.lists["certainty"] and self.lists["outcomes"])):
            raise ParamError("phrases", "the claim detector needs phrases, topical phrases, "
                             "patterns, or certainty words with outcomes")

    def patterns(self) -> Sequence[Pattern]:
        return self._patterns

    def terms(self) -> Sequence[Term]:
        return self._terms

    # ------------------------------------------------------------------ find

    def find(self, text: Text, patterns: list[Match], terms: list[Match]) -> Iterable[Hit]:
        wide = text.wide
        excludes = [m for m in terms if self._kinds[m.key] == "exclude"]
        by_kind: dict[str, list[Match]] = {kind: [] for kind in LISTS}
        for m in terms:
            kind = self._kinds[m.key]
            if kind == "exclude" or not _stands_alone(wide, m, self._terms[m.key].text):
                continue
            if kind != "cancel" and any(e.start <= m.start and m.end <= e.end for e in excludes):
                continue  # "returns" in "free returns", "100%" in "100% of"
            by_kind[kind].append(m)
        if self._cancelled(wide, by_kind["cancel"]):
            return
        bounds = _sentences(wide)
        candidates: list[tuple[str, Match, Match | None, str]] = []
        for m in by_kind["phrases"]:
            candidates.append(("phrases", m, None, f"phrase '{self._word(m)}'"))
        outcomes = [o for o in by_kind["outcomes"]
                    if not _MULTIPLE.search(self._word(o)) or self._about(o, by_kind["topics"])]
        for m in patterns:
            if m.key < self._claim_patterns:
                candidates.append(("patterns", m, None,
                                   f"pattern '{self._patterns[m.key].name}'"))
            elif not self._ordinary_rate(wide[m.start:m.end]) and not _UNIT.match(
                    wide, m.end) and (
                    not _MULTIPLE.search(wide[m.start:m.end]) or self._about(m, by_kind["topics"])):
                outcomes.append(m)
        if by_kind["topics"]:
            topic = self._word(by_kind["topics"][0])
            for m in by_kind["topical"]:
                candidates.append(("topical", m, None, f"'{self._word(m)}' about '{topic}'"))
        for kind in ("certainty", "weak"):
            for c in by_kind[kind]:
                for o in outcomes:
                    if self._paired(wide, bounds, c, o):
                        candidates.append((kind, c, o, f"'{self._word(c)}' with "
                                                          f"'{wide[o.start:o.end]}'"))
        taken: list[tuple[int, int]] = []  # a phrase wins over a pair on the same words
        for kind, first, second, why in candidates:
            start = min(first.start, second.start) if second else first.start
            end = max(first.end, second.end) if second else first.end
            sentence = _sentence_of(bounds, start)
            if any(ex.start <= start and end <= ex.end for ex in excludes):
                continue
            question = _is_question(wide, sentence, end)
            if question and _sales_teaser(wide, sentence):
                pass  # "Want guaranteed returns? DM me": the wish is the reader's, the offer real
            elif question or self._negated(wide, start, end, sentence, second is not None):
                continue
            around = _around(bounds, sentence)
            in_sentence = [m for m in by_kind["evidence"] if around[0] <= m.start < around[1]]
            medical = [m for m in by_kind["medical"] if sentence[0] <= m.start < sentence[1]]
            if kind == "weak" and not in_sentence:
                continue
            if kind in ("weak", "certainty") and any(
                    _CLINICIAN_GAP.fullmatch(wide, m.end, start) for m in medical
                    if m.end <= start):
                continue  # the clinician did it: 皮膚科でニキビが治った, my dermatologist treated my acne
            if kind in ("weak", "certainty") and medical and not any(
                    self._word(m) not in self._products for m in in_sentence):
                continue  # care described by a clinician, or by a clinic naming its service
            if _reported(wide, start, end):
                continue  # a DM saying 'risk-free 20% returns': someone else's words
            if self._safe_product(wide, sentence, by_kind):
                continue  # 定期預金は元本保証: a deposit's fixed principal is a fact
            if any(start < e and s < end for s, e in taken):
                continue
            taken.append((start, end))
            yield Hit(start, end, why)

    def _ordinary_rate(self, amount: str) -> bool:
        """An annual rate no higher than ``safe_rate``: 年0.3%, 4.5% APY (ordinary interest)."""
        if not self.safe_rate or not _ANNUAL.search(amount) or "月" in amount:
            return False
        rate = _RATE.search(amount)
        return rate is not None and float(rate.group(1).replace(",", ".")) <= self.safe_rate

    def _safe_product(self, wide: str, sentence: tuple[int, int],
                      by_kind: dict[str, list[Match]]) -> bool:
        """The sentence is about a deposit (safe, not unsafe) and states no higher rate."""
        def inside(kind: str) -> bool:
            return any(sentence[0] <= m.start < sentence[1] for m in by_kind[kind])
        if not inside("safe") or inside("unsafe"):
            return False
        for rate in _RATE.finditer(wide, sentence[0], sentence[1]):
            if float(rate.group(1).replace(",", ".")) > self.safe_rate:
                return False
        return True

    @staticmethod
    def _about(outcome: Match, topics: list[Match]) -> bool:
        """A topics word elsewhere in the post than the outcome itself (10x is both)."""
        return any(t.end <= outcome.start or t.start >= outcome.end for t in topics)

    def _word(self, m: Match) -> str:
        return self._terms[m.key].text

    def _paired(self, wide: str, bounds: list[tuple[int, int]], c: Match, o: Match) -> bool:
        if c.start < o.end and o.start < c.end:
            return False  # the same characters: 保証 inside 配当保証 is a phrase's job
        gap = o.start - c.end if o.start >= c.end else c.start - o.end
        if gap > (2 if self._word(c) in self.close else self.within):
            return False
        return _sentence_of(bounds, c.start) == _sentence_of(bounds, o.start)

    @staticmethod
    def _negated(wide: str, start: int, end: int, sentence: tuple[int, int], pair: bool) -> bool:
        after = wide[end:sentence[1]]
        if _JA_AFTER.search(after) or _EN_AFTER.search(after):
            return True
        before = _EN_BEFORE.search(wide[sentence[0]:start])
        if before and not _NO_LOSS.match(before.group(2)):
            return True
        if not pair:
            return False
        between = wide[start:end]
        return bool(_EN_BETWEEN.search(between) or _JA_BETWEEN.search(between))

    def _cancelled(self, wide: str, cancels: list[Match]) -> bool:
        """A warning or explanation about such claims, unless it is denied (not a scam)."""
        for m in cancels:
            if _DENIED_BEFORE.search(wide[max(0, m.start - 8):m.start]):
                continue
            if _DENIED_AFTER.match(wide[m.end:m.end + 6].lstrip()):
                continue
            return True
        return False


def _stands_alone(wide: str, m: Match, term: str) -> bool:
    """A short kana word is not the start or end of a longer kana word (がん in がんばる)."""
    if not _KANA.match(term):
        return True
    before = wide[m.start - 1] if m.start else ""
    after = wide[m.end] if m.end < len(wide) else ""
    if after and _KANA_CHAR.match(after) and after not in _PARTICLES:
        return False
    return not (before and _KANA_CHAR.match(before) and before not in _BEFORE_WORD)


def _reported(wide: str, start: int, end: int) -> bool:
    """The claim sits inside quotation marks that report what someone else wrote or said."""
    line_start = wide.rfind("\n", 0, start) + 1
    for i in range(start - 1, max(line_start, start - 40) - 1, -1):
        ch = wide[i]
        if ch not in _OPEN_QUOTES:
            continue
        if ch == "'" and i and wide[i - 1].isalnum():
            continue  # an apostrophe: don't, it's
        close = wide.find(_CLOSE_QUOTES[ch], end)
        if close < 0 or "\n" in wide[end:close] or close - end > 40:
            return False
        return bool(_REPORTED_BEFORE.search(wide[max(0, i - 30):i])
                    or _REPORTED_AFTER.match(wide[close + 1:close + 12]))
    return False


def _sentences(wide: str) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    pos = 0
    for m in _SENTENCE.finditer(wide):
        out.append((pos, m.end()))
        pos = m.end()
    if pos < len(wide):
        out.append((pos, len(wide)))
    return out or [(0, 0)]


def _sentence_of(bounds: list[tuple[int, int]], pos: int) -> tuple[int, int]:
    for b in bounds:
        if b[0] <= pos < b[1]:
            return b
    return bounds[-1]


def _around(bounds: list[tuple[int, int]], sentence: tuple[int, int]) -> tuple[int, int]:
    """The sentence with the one before and the one after (シミが消えた！このクリームのおかげ)."""
    i = bounds.index(sentence)
    return bounds[max(0, i - 1)][0], bounds[min(len(bounds) - 1, i + 1)][1]


def _is_question(wide: str, sentence: tuple[int, int], end: int) -> bool:
    return wide[end:sentence[1]].rstrip().endswith(("?", "？"))


# A question that sells instead of asks: "Want guaranteed returns? DM me", 「元本保証の投資、
# 興味ある？詳しくはDMで」. It asks what the reader wants, and the post says how to get it.
_TEASER = re.compile(r"^\W*(?:want|wanna|looking for|need|tired of|who wants|how would you like)\b"
                     r"|興味(?:ある|あり|ない)|(?:したく|欲しく|ほしく|なりたく)ない|知りたくない",
                     re.IGNORECASE)
_SOLICIT = re.compile(r"\bdm (?:me|us)\b|\bmessage me\b|link in (?:my )?(?:bio|profile)|\bjoin (?:my|our|the)\b"
                      r"|\bsign up\b|詳しくは|DM(?:で|ください|して|まで)|LINE(?:追加|登録|で)|プロフ(?:の)?リンク"
                      r"|連絡(?:ください|して|を)|限定\d+名", re.IGNORECASE)


_DEBUNK = re.compile(r"no such thing|(?:does|do)n'?t exist|there(?:'s| is) no|\bscam|\bfraud"
                     r"|そんな(?:もの|の|話)は(?:ない|ありません)|存在しない|詐欺", re.IGNORECASE)


def _sales_teaser(wide: str, sentence: tuple[int, int]) -> bool:
    return (_TEASER.search(wide, sentence[0], sentence[1]) is not None
            and _SOLICIT.search(wide) is not None and _DEBUNK.search(wide) is None)
