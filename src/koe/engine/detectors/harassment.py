"""Harassment detectors: abusive words checked the way people really write them, and a model hook.

``harassment`` finds insults, slurs, threats and obscene language. It reads the same word
lists as ``lexicon`` but checks each hit against how the word was written, because in
Japanese the folded text that makes ``ﾊﾞｶ``, ``ＢＡＫＡ`` and ``b a k a`` findable also makes
innocent words look like insults:

- A term written in **katakana** counts only where the post writes those letters in katakana,
  as a whole katakana word: ``バカ`` finds ``ﾊﾞｶ`` and ``バカ`` but not ``ばかり``, ``バカンス``
  or ``バカップル``; ``カス`` is not found in ``カスタム`` or ``フォーカス``. Hiragana in a term
  matches either script.
- A **long-vowel mark** (ー, 〜) must be where the term has one: ``ブス`` is not ``ブース``,
  ``てめー`` is not the ``てめ`` of ``ってめっちゃ``.
- A Latin term written as one word is not put together from pieces of other words, so
  ``spic`` is not found in ``it's pic``; spaced-out letters (``f u c k``) still count.
- ``standalone`` terms count only as a word on their own (``しね``, not ``少しね``), also with
  a sentence-final particle (``ｼﾈよ``, ``しねや``), or glued to a katakana insult that follows
  (``ｼﾈｶｽ``, ``しねゴミ``).
- A Latin term with one inner vowel hidden by ``*``, ``!``, ``?`` or ``_`` counts as the term
  (``st*pid``, ``id!ot``, ``wh_re``); the same letters without the mask do not (``cnt``).
- ``pairs`` find two parts close together in one sentence: a group and a generalization
  about it (``中国人って`` … ``民度が低い``, ``immigrants are`` … ``vermin``), or "you" and
  an insult (``お前`` … ``ゴミ``). A ``first`` word must not be the end of a longer word of
  its script (``女は`` is not found in ``彼女は``). ``via`` words are people a ``first`` group
  word may be narrowed to before its link (``外人の客は``, ``女性の上司って``). A pair without ``then`` words finds each
  ``first`` + ``link`` on its own (``移民`` + ``のくせに``). ``unless`` words between the
  parts, or just after them, undo a pair (``… と言われるが``, ``are not``). Only the
  ``then`` words wake the detector (``trigger: first`` to turn that round), so a common
  word such as ``you`` costs nothing on posts without an insult.
- A word that is **mentioned rather than used** is not a finding: quoted and then talked
  about (「死ね」と書き込んだ男性, 「消えろ」って曲, 上司に「お前は無能」と言われた,
  words like "retard", he said "shut up"), or named as a word without quotes (the word
  retard, 死ねという言葉, バカと書き込まれた, "retard is a slur"), also as one of a list
  (「キモい」「ブス」は使わない, キモい・ブスなどの言葉). A quote on its own
  (「死ね」) or followed by nothing that talks about it is still a finding.
- ``fond_words`` and ``pets`` mark affection: a hit just before a fond word in the same
  sentence (アホかわいい, バカで可愛い) or just after a pet or one's own child (うちの犬アホ,
  my dog is so dumb) is teasing, not an insult.
- ``self_words`` mark the writer talking about themself: a pattern hit right after one, or a
  Japanese term right after one and a topic particle (私ってほんとバカ, 俺バカだから).

.. code-block:: yaml

    detector: harassment
    params:
      terms: [馬鹿, バカ, ばーか, idiot, "piece of shit"]
      standalone: [しね]
      exclude: [親バカ, ばかり]            # phrases that contain a term but are fine
      self_words: [私, 俺]                 # 私ってバカ: the writer about themself
      fond_words: [かわいい, cute]         # アホかわいい: affection
      pets: [うちの犬, "my dog"]           # うちの犬アホ: teasing a pet
      patterns: ["\\\\bi\\\\s+will\\\\s+kill\\\\s+you\\\\b"]   # optional Hyperscan regexes
      # a costly pattern may be written {name, regex, anchor}: Hyperscan then looks only for
      # the anchor (which every match of regex contains) and re checks regex (anchors.py)
      pairs:
        - name: group generalization
          first: [女, 中国人, women]     # combined with each link: 女って, women are …
          links: [って, は, are]
          then: [嘘つき, 民度が低い, vermin]
          unless: [偏見, "not"]          # 「〇〇人は嘘つき」というのは偏見
          via: [客, 患者]                 # 中国人の客は … : the group narrowed to some people
          within: 30                     # characters from the end of first to the cue

``classifier`` is a plug-in point for a statistical model. Its ``model`` names a callable
``score(text) -> float`` (``package.module:function``); a post whose score reaches
``threshold`` is a finding. Koe ships no model and downloads none: the built-in rule H105 is
switched off, with no model, until an organization names its own.
"""

from __future__ import annotations

import dataclasses
import functools
import importlib
import logging
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ..text import _SEPARATORS, Text
from .anchors import Anchors, read_anchors
from .base import Context, Detector, Hit, Match, ParamError, Pattern, Term, read_patterns

__all__ = ["ClassifierDetector", "HarassmentDetector"]

_STRETCH = frozenset("ー〜～")  # long-vowel marks people use to stretch a word: ばーか, ば〜か
_DROP = frozenset(_SEPARATORS) - _STRETCH
_SKIP_AFTER = _STRETCH | frozenset("ッっ")  # バカッ, しねーっ: still the same word
_LAUGH = frozenset("wｗ笑")
_FINAL_PARTICLE = frozenset("よやぞ")
_BREAKS = frozenset("。．.!！?？\n,，;；")  # a pair does not reach across these
_NON_LATIN_PIECE = re.compile(r"[^0-9a-z]+")
_ASCII_WORD = re.compile(r"^[0-9A-Za-z]+$")


def _is_katakana(ch: str) -> bool:
    return "\u30a1" <= ch <= "\u30fa"


def _is_hiragana(ch: str) -> bool:
    return "\u3041" <= ch <= "\u3096"


def _is_kanji(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf" or ch in "々〆"


def _script(ch: str) -> str:
    if _is_katakana(ch) or ch == "ー":
        return "katakana"
    if _is_hiragana(ch):
        return "hiragana"
    if _is_kanji(ch):
        return "kanji"
    return "other"


def _shape(s: str) -> str:
    """``s`` without separators and with each run of long-vowel marks as one ``ー``."""
    out: list[str] = []
    for ch in s:
        if ch in _STRETCH:
            ch = "ー"
            if out and out[-1] == "ー":
                continue
        elif ch in _DROP:
            continue
        out.append(ch)
    return "".join(out)


@dataclass(frozen=True, slots=True)
class _Entry:
    """One string given to the automaton, and how a hit of it is checked."""

    text: str
    kind: str  # term | standalone | exclude | first | then | self | fond | pet
    pair: int = -1
    trigger: bool = True  # a hit of this entry alone wakes the detector
    shape: str = ""
    latin_word: bool = False  # a single Latin word: reject hits glued from pieces of words
    masked: str = ""  # the term this masked spelling stands for (st*pid for stupid)


@functools.lru_cache(maxsize=65536)
def _entry(text: str, kind: str, pair: int = -1, trigger: bool = True, masked: str = "") -> _Entry:
    wide = Text(text).wide
    return _Entry(text, kind, pair, trigger, _shape(wide), bool(_ASCII_WORD.match(wide)), masked)


_VOWELS = frozenset("aeiou")
_MASKS = frozenset("*!?_")  # what people put for a letter they hide: st*pid, b!tch, f_ck
_LATIN_TERM = re.compile(r"^[a-z][a-z' ]+[a-z]$")


def _masked(terms: Iterable[str], kind: str) -> list[_Entry]:
    """Each Latin term with one inner vowel hidden (``st*pid``, ``id*ot``, ``go d!e``)."""
    out: list[_Entry] = []
    seen = dict.fromkeys(terms)  # in the policy's order, so the compiled database is stable
    for term in seen:
        if not _LATIN_TERM.match(term) or len(term) < 4:
            continue
        for i in range(1, len(term) - 1):
            if term[i] in _VOWELS and term[i - 1].isalpha() and term[i + 1].isalpha():
                variant = term[:i] + "*" + term[i + 1:]
                if variant not in seen:
                    out.append(_entry(variant, kind, masked=term))
    return out


@dataclass(frozen=True, slots=True)
class _Pair:
    name: str
    within: int
    alone: bool  # no 'then' words: first + link is enough (女のくせに)
    unless: re.Pattern[str] | None  # words between the parts (or just after) that undo it
    via: re.Pattern[str] | None = None  # の + a person word + a link, after a group word


_UNLESS_AFTER = 12  # how far past the cue an "unless" word still counts: 〜と言われるが


class HarassmentDetector(Detector):
    """Abusive words and phrases, checked against how the post writes them."""

    name = "harassment"

    def __init__(self, params: Mapping[str, Any], context: Context) -> None:
        super().__init__(params, context)
        unknown = set(params) - {"terms", "standalone", "exclude", "patterns", "pairs",
                                 "self_words", "fond_words", "pets"}
        if unknown:
            key = sorted(unknown)[0]
            raise ParamError(key, f"unknown parameter '{key}' for detector 'harassment'",
                             "use terms, standalone, exclude, patterns, pairs, self_words, "
                             "fond_words or pets")
        entries = [_entry(t, "term") for t in self.param_list("terms")]
        entries += [_entry(t, "standalone") for t in self.param_list("standalone")]
        entries += _masked(self.param_list("terms"), "term")
        entries += [_entry(t, "exclude", trigger=False) for t in self.param_list("exclude")]
        entries += [dataclasses.replace(e, trigger=False)
                    for e in _masked(self.param_list("exclude"), "exclude")]
        self._pairs: list[_Pair] = []
        raw_pairs = params.get("pairs") or []
        if not isinstance(raw_pairs, list):
            raise ParamError("pairs", "'pairs' must be a list of {name, first, links, then, within}")
        for i, raw in enumerate(raw_pairs):
            entries += self._pair_entries(i, raw)
        self._patterns = read_patterns(params.get("patterns"))
        self._anchors = Anchors(self._patterns, read_anchors(params.get("patterns")))
        entries += [_entry(t, "self", trigger=False) for t in self.param_list("self_words")]
        entries += [_entry(t, "fond", trigger=False) for t in self.param_list("fond_words")]
        entries += [_entry(t, "pet", trigger=False) for t in self.param_list("pets")]
        self._entries = entries
        self._trigger_terms = frozenset(i for i, e in enumerate(entries) if e.trigger)
        if not any(e.kind in ("term", "standalone", "first") for e in entries) and not self._patterns:
            raise ParamError("terms", "the harassment detector needs terms, standalone terms, "
                             "pairs or patterns")

    def _pair_entries(self, i: int, raw: Any) -> list[_Entry]:
        if not isinstance(raw, dict):
            raise ParamError("pairs", f"pair {i + 1} must be a mapping with first, then and within")
        unknown = set(raw) - {"name", "first", "links", "then", "within", "unless", "trigger", "via"}
        if unknown:
            raise ParamError("pairs", f"pair {i + 1}: unknown key '{sorted(unknown)[0]}'",
                             "use name, first, links, then, within, unless, trigger and via")
        trigger = raw.get("trigger", "then")
        if trigger not in ("first", "then"):
            raise ParamError("pairs", f"pair {i + 1}: 'trigger' must be first or then")
        lists = {}
        for key in ("first", "links", "then", "unless", "via"):
            value = raw.get(key, [])
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise ParamError("pairs", f"pair {i + 1}: '{key}' must be a list of strings")
            lists[key] = value
        if not lists["first"]:
            raise ParamError("pairs", f"pair {i + 1} needs 'first' words")
        within = raw.get("within", 30)
        if not isinstance(within, int) or isinstance(within, bool) or not 0 <= within <= 200:
            raise ParamError("pairs", f"pair {i + 1}: 'within' must be a whole number from 0 to 200")
        via = None
        if lists["via"]:
            if not lists["then"]:
                raise ParamError("pairs", f"pair {i + 1}: 'via' needs 'then' words")
            via = re.compile("の(?:" + "|".join(re.escape(Text(v).wide) for v in lists["via"])
                             + ")(?:たち|達|ども|共)?(?:" + "|".join(
                                 re.escape(Text(link).wide) for link in lists["links"] or [""])
                             + ")")
        self._pairs.append(_Pair(str(raw.get("name", f"pair {i + 1}")), within, not lists["then"],
                                 _unless_regex(lists["unless"]), via))
        firsts = [_join(f, link) for f in lists["first"] for link in lists["links"] or [""]]
        # Only one part of a pair needs to wake the detector: by default the rarer 'then' words.
        first_wakes = trigger == "first" or not lists["then"]
        # A group narrowed to some of its people (外人の客は): the group word alone, and the
        # rest is read in Python when the pair's 'then' words have woken the detector.
        vias = [_entry(f, "via", i, False) for f in dict.fromkeys(lists["first"])] if via else []
        return ([_entry(f, "first", i, first_wakes) for f in dict.fromkeys(firsts)]
                + [_entry(t, "then", i, not first_wakes) for t in lists["then"]] + vias)

    def patterns(self) -> Sequence[Pattern]:
        return self._anchors.patterns

    def terms(self) -> Sequence[Term]:
        return [Term(e.text, e.kind, word=e.kind != "exclude", trigger=e.trigger)
                for e in self._entries]

    # ------------------------------------------------------------------ find

    def find(self, text: Text, patterns: list[Match], terms: list[Match]) -> Iterable[Hit]:
        entries = self._entries
        checked = self._anchors.verify(text.wide, patterns, terms, self._trigger_terms)
        if checked is None:
            return []  # only an anchor woke the rule, and its full pattern does not match
        patterns = checked
        excludes = [m for m in terms if entries[m.key].kind == "exclude"]
        found: list[Hit] = []
        firsts: dict[int, list[Match]] = {}
        thens: dict[int, list[Match]] = {}
        for m in terms:
            e = entries[m.key]
            if e.kind in _CONTEXT_KINDS or _inside(m, excludes) or not _written_as(text, m, e):
                continue
            if e.masked and not any(ch in _MASKS for ch in text.wide[m.start:m.end]):
                continue
            if e.kind == "term":
                found.append(Hit(m.start, m.end, f"term '{e.text}'"))
            elif e.kind == "standalone":
                if _stands_alone(text, m):
                    found.append(Hit(m.start, m.end, f"term '{e.text}'"))
            elif e.kind == "first":
                if not _glued_left(text, m):
                    firsts.setdefault(e.pair, []).append(m)
            elif e.kind == "via":
                via = self._pairs[e.pair].via
                v = via.match(text.wide, m.end, m.end + 12) if via is not None else None
                if v is not None and not _glued_left(text, m):
                    firsts.setdefault(e.pair, []).append(Match(m.key, m.start, v.end()))
            else:
                thens.setdefault(e.pair, []).append(m)
        for i, fs in firsts.items():
            found.extend(self._pair_hits(text, i, fs, thens.get(i, [])))
        selves = [m for m in terms if entries[m.key].kind == "self"]
        for m in patterns:
            if _inside(m, excludes):
                continue
            if any(s.end <= m.start <= s.end + _SELF_GAP for s in selves):
                continue  # 私は才能がない: the writer about themself, not an insult
            found.append(Hit(m.start, m.end, f"pattern '{self._patterns[m.key].name}'"))
        fonds = [m for m in terms if entries[m.key].kind == "fond"]
        pets = [m for m in terms if entries[m.key].kind == "pet"]
        wide = text.wide
        out = []
        for h in _outermost(found):
            if _mentioned(text, h.start, h.end):
                continue  # 「死ね」と書き込んだ男性, words like "retard": talked about, not said
            if fonds and any(_fond(wide, h, f) for f in fonds):
                continue  # アホかわいい: affection
            if pets and any(0 <= h.start - p.end <= _PET_GAP and _one_clause(wide, p.end, h.start)
                            for p in pets):
                continue  # うちの犬アホ: teasing a pet
            if selves and any(_self_talk(wide, s, h, entries[s.key].text) for s in selves):
                continue  # 私ってほんとバカ: the writer about themself
            out.append(h)
        return out

    def _pair_hits(self, text: Text, i: int, firsts: list[Match],
                   thens: list[Match]) -> Iterator[Hit]:
        pair = self._pairs[i]
        if pair.alone:
            for f in firsts:
                yield Hit(f.start, f.end, f"{pair.name}: '{self._entries[f.key].text}'")
            return
        for f in firsts:
            for t in thens:
                if t.start < f.end or t.start - f.end > pair.within:
                    continue
                if any(ch in _BREAKS for ch in text.wide[f.end:t.start]):
                    continue
                if pair.unless is not None and pair.unless.search(
                        text.folded[f.end:_sentence_end(text.wide, t.end, _UNLESS_AFTER)]):
                    continue
                yield Hit(f.start, t.end, f"{pair.name}: '{self._entries[f.key].text}' … "
                                          f"'{self._entries[t.key].text}'")
                break


class ClassifierDetector(Detector):
    """Asks an organization's own model how abusive a post is.

    .. code-block:: yaml

        detector: classifier
        params:
          model: "acme_models.toxicity:score"   # score(text: str) -> float from 0 to 1
          threshold: 0.8

    The function is imported when the policy is loaded, so a wrong name is reported with the
    policy's file and line; the module should load its weights lazily. With ``model`` empty
    the detector finds nothing: that is how the built-in rule H105 ships. A model that fails
    on one post yields no finding for that post rather than stopping the scan.
    """

    name = "classifier"
    always = True

    def __init__(self, params: Mapping[str, Any], context: Context) -> None:
        super().__init__(params, context)
        unknown = set(params) - {"model", "threshold"}
        if unknown:
            key = sorted(unknown)[0]
            raise ParamError(key, f"unknown parameter '{key}' for detector 'classifier'",
                             "use model and threshold")
        model = params.get("model") or ""
        if not isinstance(model, str) or (model and not _DOTTED.match(model)):
            raise ParamError("model", "'model' must name a function as package.module:function",
                             "e.g. model: \"acme_models.toxicity:score\"")
        self.model = model
        self.threshold = self.param_float("threshold", 0.8)
        self.score: Callable[[str], float] | None = _import_callable(model) if model else None

    def find(self, text: Text, patterns: list[Match], terms: list[Match]) -> Iterable[Hit]:
        if self.score is None or not text.wide.strip():
            return
        try:
            value = float(self.score(text.original))
        except Exception as exc:  # one post must not stop a scan of thousands
            _log.warning("toxicity model %s failed on a post: %s", self.model, exc)
            return
        if value >= self.threshold:
            yield Hit(0, len(text.wide), f"model score {value:.2f} ≥ {self.threshold:.2f}")


def _import_callable(path: str) -> Callable[[str], float]:
    module_name, _, attr = path.replace(":", ".").rpartition(".")
    try:
        func = getattr(importlib.import_module(module_name), attr)
    except (ImportError, AttributeError) as exc:
        raise ParamError("model", f"cannot load the model function '{path}': {exc}",
                         "install the package that provides it, or fix the name") from None
    if not callable(func):
        raise ParamError("model", f"'{path}' is not a function")
    return func


_log = logging.getLogger(__name__)
_DOTTED = re.compile(r"^[A-Za-z_][\w.]*[:.][A-Za-z_]\w*$")


# --------------------------------------------------------------------------- helpers


_SELF_GAP = 4  # characters between a self word and a pattern hit: 私には|才能が…
_CONTEXT_KINDS = frozenset({"exclude", "self", "fond", "pet"})
_FOND_GAP = 6  # アホ|かわいい, バカだけど|可愛い
_PET_GAP = 12  # うちの犬|ほんとアホ
# Between a Japanese self word and a term: a topic particle and an intensifier at most.
_SELF_FILLER = re.compile(r"(?:って|は|も|が|、|,|\s)*(?:ほんと(?:う)?に?|本当に?|マジで?|まじで?|"
                          r"ほんまに?|めっちゃ|超|ちょー)?(?:\s)*")

# A quotation that encloses a hit, and what is said around it that makes it a mention.
_QUOTES = {"「": "」", "『": "』", "\"": "\"", "“": "”", "‘": "’", "《": "》", "【": "】"}
_QUOTE_REACH = 60  # characters from a hit to its quotation marks
_QUOTED_BEFORE = re.compile(
    r"(?:\b(?:words?|terms?|slurs?|phrases?|like|as|saying|says|said|called|calling|call|wrote|"
    r"writes?|written|posted|tweeted|commented|replied|reply|typed|using|use|used|yelled|"
    r"shouted|screamed|texted|messaged|told\s+(?:me|him|her|them|us)|titled|named|songs?|"
    r"lyrics?|spray-?painted|chanting|chanted)|言われた|言われて|書かれた|書き込まれた|曲名|"
    r"タイトル|題名|言葉|ワード|単語|コメント|リプ|落書き)\s*[:：,、]?\s*$", re.IGNORECASE)
_QUOTED_AFTER = re.compile(
    r"^\s*(?:って|っつ|と|という|とか|など|なんて|みたいな|の|は|を|が|も|で|"
    r"(?:is|are|was|were|isn't|aren't|means|hurts?|has|have|as)\b)", re.IGNORECASE)
_UNQUOTED_BEFORE = re.compile(
    r"\b(?:words?\s+like|the\s+(?:word|term|slur|phrase|insult)|stop\s+saying|saying|said|"
    r"stop\s+using|using\s+the\s+word|"
    r"(?:call|calls|called|calling)\s+(?:people|someone|somebody|others|kids|him|her|them|me|us)"
    r"(?:\s+(?:a|an))?)\s*$", re.IGNORECASE)
_UNQUOTED_AFTER = re.compile(
    r"^(?:\s*(?:is|are)\s+(?:a\s+|an\s+)?(?:slurs?|offensive|hurtful|ableist|racist|sexist|"
    r"homophobic|transphobic|derogatory|not\s+ok(?:ay)?|never\s+ok(?:ay)?|a\s+bad\s+word|"
    r"an\s+insult)\b|(?:って|という|っていう)(?:言葉|単語|表現|ワード|フレーズ|悪口|暴言|言い方)|"
    r"と[^。．.!！?？\n]{0,12}?(?:書き込|投稿|発言|ツイート|言われ|送られ|送りつけ|送り付け|罵ら|"
    r"連呼|落書き|叫ば|言い放)|って言(?:うな|っちゃ|ったら(?:ダメ|だめ|いけない))|"
    r"(?:は|も)(?:差別|侮辱|禁句|NG|放送禁止))", re.IGNORECASE)


# More quoted words after a quoted one: 「キモい」「ブス」, "moron", "idiot".
_MORE_QUOTES = re.compile(r"(?:\s*(?:[、・,，/／]|や|とか|and|or)?\s*[「『“\"][^」』”\"\n]{1,16}[」』”\"])+")
# A word named as one of a list of words: キモい、ブスなどの言葉, バカ・アホ等の暴言.
_LISTED = re.compile(
    r"(?:\s*(?:[、・,，/／]|や|とか)\s*[^\s、・,，/／。．.!！?？\n「」『』]{1,10}?)*\s*"
    r"(?:など|なんか|等|とか)の?(?:言葉|表現|ワード|単語|悪口|暴言|言い方|発言|呼び方|NGワード|禁止用語|差別語)")


def _mentioned(text: Text, start: int, end: int) -> bool:
    """True when the post talks about the words at ``start:end`` instead of saying them."""
    wide = text.wide  # the regexes ignore case; katakana must stay katakana
    quote = _enclosing_quote(wide, start, end)
    if quote is not None:
        left, right = quote
        if _QUOTED_BEFORE.search(wide[max(0, left - 30):left]):
            return True
        more = _MORE_QUOTES.match(wide, right + 1, right + 60)  # 「キモい」「ブス」は…
        after = more.end() if more else right + 1
        if _QUOTED_AFTER.match(wide[after:after + 16]):
            return True
    if _UNQUOTED_BEFORE.search(wide[max(0, start - 30):start]):
        return True
    if _UNQUOTED_AFTER.match(wide[end:end + 24]):
        return True
    return _LISTED.match(wide, end, end + 48) is not None  # キモい、ブスなどの言葉


def _enclosing_quote(wide: str, start: int, end: int) -> tuple[int, int] | None:
    """The positions of the quotation marks around ``start:end``, if there are any."""
    for i in range(start - 1, max(-1, start - _QUOTE_REACH), -1):
        ch = wide[i]
        if ch == "\n":
            return None
        close = _QUOTES.get(ch)
        if close is None:
            if ch in "」』”’》】":
                return None
            continue
        j = wide.find(close, end, end + _QUOTE_REACH)
        if j < 0 or "\n" in wide[end:j]:
            return None
        return i, j
    return None


_NOT_FOND = re.compile(r"^\s*(?:と思|って思|ぶ|こぶ|子ぶ|ふり|フリ|つもり|アピ|気取)")


def _fond(wide: str, h: Hit, f: Match) -> bool:
    """True when fond word ``f`` follows hit ``h`` closely and is meant (not 〜のくせにかわいいと思ってる)."""
    if not 0 <= f.start - h.end <= _FOND_GAP or not _one_clause(wide, h.end, f.start):
        return False
    if "くせ" in wide[h.start:f.start] or "癖" in wide[h.start:f.start]:
        return False
    return not _NOT_FOND.match(wide[f.end:f.end + 4])


def _one_clause(wide: str, a: int, b: int) -> bool:
    return not any(ch in _BREAKS for ch in wide[a:b])


def _self_talk(wide: str, s: Match, h: Hit, word: str) -> bool:
    """True when a Japanese self word is followed, after a particle at most, by the hit."""
    if word.isascii() or not 0 <= h.start - s.end <= 8:
        return False
    if s.start > 0 and _script(wide[s.start - 1]) == _script(wide[s.start]) != "other":
        return False  # the end of a longer word
    return _SELF_FILLER.fullmatch(wide[s.end:h.start]) is not None


def _unless_regex(words: list[str]) -> re.Pattern[str] | None:
    """One regex for a pair's ``unless`` words; Latin words only match as whole words."""
    if not words:
        return None
    parts = []
    for w in words:
        folded = Text(w).folded
        core = re.escape(folded).replace("\\ ", r"\s+")
        left = r"\b" if folded[:1].isascii() and folded[:1].isalnum() else ""
        right = r"\b" if folded[-1:].isascii() and folded[-1:].isalnum() else ""
        parts.append(left + core + right)
    return re.compile("|".join(parts))


def _sentence_end(wide: str, start: int, limit: int) -> int:
    """The end of the sentence that goes on at ``start``, looking at most ``limit`` further."""
    stop = min(len(wide), start + limit)
    for j in range(start, stop):
        if wide[j] in _BREAKS:
            return j
    return stop


def _join(first: str, link: str) -> str:
    if not link:
        return first
    if first[-1:].isascii() and link[:1].isascii():
        return f"{first} {link}"
    return first + link


def _inside(m: Match, excludes: list[Match]) -> bool:
    return any(ex.start <= m.start and m.end <= ex.end for ex in excludes)


def _written_as(text: Text, m: Match, e: _Entry) -> bool:
    """True when the post writes the hit the way the term is written (see the module doc)."""
    wide = text.wide
    hit = _shape(wide[m.start:m.end])
    if e.latin_word:
        pieces = [p for p in _NON_LATIN_PIECE.split(text.folded[m.start:m.end]) if p]
        return len(pieces) < 2 or all(len(p) <= 2 for p in pieces)
    if len(hit) != len(e.shape):
        return False  # a long-vowel mark the term does not have, or the other way round
    for a, b in zip(e.shape, hit, strict=True):
        if (a == "ー") != (b == "ー"):
            return False
        if _is_katakana(a) and not _is_katakana(b):
            return False
    # A word the post writes in katakana must be a whole katakana word, whether the term is
    # written in katakana (カス, not カスタム) or in hiragana (めくら, not アクメクラウド).
    if _is_katakana(hit[0]) and m.start > 0 and _script(wide[m.start - 1]) == "katakana":
        return False  # the end of a longer katakana word: フォーカス, not カス
    if _is_katakana(hit[-1]):
        j = m.end
        while j < len(wide) and wide[j] in _SKIP_AFTER:
            j += 1
        if j < len(wide) and _is_katakana(wide[j]) and not (
                e.kind == "standalone" and _INSULT_TAIL.match(wide, j, j + 5)):
            return False  # the start of a longer katakana word: バカンス, カスタム (not ｼﾈｶｽ)
    return True


# Insults written glued to a standalone word: ｼﾈｶｽ, しねゴミ. Katakana only, so しねかす
# (a verb and かす) is not one.
_INSULT_TAIL = re.compile(r"(?:カス|クズ|ゴミ|ボケ|バカ|アホ|ブス|ハゲ|デブ|ザコ|ks)(?![ァ-ヺ])")


def _stands_alone(text: Text, m: Match) -> bool:
    wide = text.wide
    if m.start > 0 and wide[m.start - 1].isalnum():
        return False
    j = m.end
    while j < len(wide) and (wide[j] in _SKIP_AFTER or wide[j] in _LAUGH):
        j += 1
    if j < len(wide) and _INSULT_TAIL.match(wide, j, j + 5):
        return True
    if j < len(wide) and wide[j] in _FINAL_PARTICLE:
        j += 1  # ｼﾈよ, しねや: a sentence-final particle still ends the word
        while j < len(wide) and (wide[j] in _SKIP_AFTER or wide[j] in _LAUGH):
            j += 1
    return j >= len(wide) or not wide[j].isalnum()


def _glued_left(text: Text, m: Match) -> bool:
    """True when the hit continues a word of the same script: 女 in 彼女, タイ in ネクタイ."""
    if m.start == 0:
        return False
    script = _script(text.wide[m.start])
    return script != "other" and _script(text.wide[m.start - 1]) == script


def _outermost(hits: list[Hit]) -> list[Hit]:
    """Drop hits inside a longer hit, so one insult is one finding."""
    hits.sort(key=lambda h: (h.start, -h.end))
    out: list[Hit] = []
    for h in hits:
        if out and h.end <= out[-1].end:
            continue
        out.append(h)
    return out
