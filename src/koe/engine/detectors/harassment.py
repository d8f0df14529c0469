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
- ``standalone`` terms count only as a word on their own (``しね``, not ``少しね``).
- ``pairs`` find two parts close together in one sentence: a group and a generalization
  about it (``中国人って`` … ``民度が低い``, ``immigrants are`` … ``vermin``), or "you" and
  an insult (``お前`` … ``ゴミ``). A ``first`` word must not be the end of a longer word of
  its script (``女は`` is not found in ``彼女は``). A pair without ``then`` words finds each
  ``first`` + ``link`` on its own (``移民`` + ``のくせに``). ``unless`` words between the
  parts, or just after them, undo a pair (``… と言われるが``, ``are not``). Only the
  ``then`` words wake the detector (``trigger: first`` to turn that round), so a common
  word such as ``you`` costs nothing on posts without an insult.

.. code-block:: yaml

    detector: harassment
    params:
      terms: [馬鹿, バカ, ばーか, idiot, "piece of shit"]
      standalone: [しね]
      exclude: [親バカ, ばかり]            # phrases that contain a term but are fine
      patterns: ["\\\\bi\\\\s+will\\\\s+kill\\\\s+you\\\\b"]   # optional Hyperscan regexes
      pairs:
        - name: group generalization
          first: [女, 中国人, women]     # combined with each link: 女って, women are …
          links: [って, は, are]
          then: [嘘つき, 民度が低い, vermin]
          unless: [偏見, "not"]          # 「〇〇人は嘘つき」というのは偏見
          within: 30                     # characters from the end of first to the cue

``classifier`` is a plug-in point for a statistical model. Its ``model`` names a callable
``score(text) -> float`` (``package.module:function``); a post whose score reaches
``threshold`` is a finding. Koe ships no model and downloads none: the built-in rule H105 is
switched off, with no model, until an organization names its own.
"""

from __future__ import annotations

import functools
import importlib
import logging
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ..text import _SEPARATORS, Text
from .base import Context, Detector, Hit, Match, ParamError, Pattern, Term

__all__ = ["ClassifierDetector", "HarassmentDetector"]

_STRETCH = frozenset("ー〜～")  # long-vowel marks people use to stretch a word: ばーか, ば〜か
_DROP = frozenset(_SEPARATORS) - _STRETCH
_SKIP_AFTER = _STRETCH | frozenset("ッっ")  # バカッ, しねーっ: still the same word
_LAUGH = frozenset("wｗ笑")
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
    kind: str  # term | standalone | exclude | first | then | self
    pair: int = -1
    trigger: bool = True  # a hit of this entry alone wakes the detector
    shape: str = ""
    latin_word: bool = False  # a single Latin word: reject hits glued from pieces of words


@functools.lru_cache(maxsize=65536)
def _entry(text: str, kind: str, pair: int = -1, trigger: bool = True) -> _Entry:
    wide = Text(text).wide
    return _Entry(text, kind, pair, trigger, _shape(wide), bool(_ASCII_WORD.match(wide)))


@dataclass(frozen=True, slots=True)
class _Pair:
    name: str
    within: int
    alone: bool  # no 'then' words: first + link is enough (女のくせに)
    unless: re.Pattern[str] | None  # words between the parts (or just after) that undo it


_UNLESS_AFTER = 12  # how far past the cue an "unless" word still counts: 〜と言われるが


class HarassmentDetector(Detector):
    """Abusive words and phrases, checked against how the post writes them."""

    name = "harassment"

    def __init__(self, params: Mapping[str, Any], context: Context) -> None:
        super().__init__(params, context)
        unknown = set(params) - {"terms", "standalone", "exclude", "patterns", "pairs",
                                 "self_words"}
        if unknown:
            key = sorted(unknown)[0]
            raise ParamError(key, f"unknown parameter '{key}' for detector 'harassment'",
                             "use terms, standalone, exclude, patterns, pairs or self_words")
        entries = [_entry(t, "term") for t in self.param_list("terms")]
        entries += [_entry(t, "standalone") for t in self.param_list("standalone")]
        entries += [_entry(t, "exclude", trigger=False) for t in self.param_list("exclude")]
        self._pairs: list[_Pair] = []
        raw_pairs = params.get("pairs") or []
        if not isinstance(raw_pairs, list):
            raise ParamError("pairs", "'pairs' must be a list of {name, first, links, then, within}")
        for i, raw in enumerate(raw_pairs):
            entries += self._pair_entries(i, raw)
        self._patterns = _read_patterns(params.get("patterns"))
        entries += [_entry(t, "self", trigger=False) for t in self.param_list("self_words")]
        self._entries = entries
        if not any(e.kind in ("term", "standalone", "first") for e in entries) and not self._patterns:
            raise ParamError("terms", "the harassment detector needs terms, standalone terms, "
                             "pairs or patterns")

    def _pair_entries(self, i: int, raw: Any) -> list[_Entry]:
        if not isinstance(raw, dict):
            raise ParamError("pairs", f"pair {i + 1} must be a mapping with first, then and within")
        unknown = set(raw) - {"name", "first", "links", "then", "within", "unless", "trigger"}
        if unknown:
            raise ParamError("pairs", f"pair {i + 1}: unknown key '{sorted(unknown)[0]}'",
                             "use name, first, links, then, within, unless and trigger")
        trigger = raw.get("trigger", "then")
        if trigger not in ("first", "then"):
            raise ParamError("pairs", f"pair {i + 1}: 'trigger' must be first or then")
        lists = {}
        for key in ("first", "links", "then", "unless"):
            value = raw.get(key, [])
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise ParamError("pairs", f"pair {i + 1}: '{key}' must be a list of strings")
            lists[key] = value
        if not lists["first"]:
            raise ParamError("pairs", f"pair {i + 1} needs 'first' words")
        within = raw.get("within", 30)
        if not isinstance(within, int) or isinstance(within, bool) or not 0 <= within <= 200:
            raise ParamError("pairs", f"pair {i + 1}: 'within' must be a whole number from 0 to 200")
        self._pairs.append(_Pair(str(raw.get("name", f"pair {i + 1}")), within, not lists["then"],
                                 _unless_regex(lists["unless"])))
        firsts = [_join(f, link) for f in lists["first"] for link in lists["links"] or [""]]
        # Only one part of a pair needs to wake the detector: by default the rarer 'then' words.
        first_wakes = trigger == "first" or not lists["then"]
        return ([_entry(f, "first", i, first_wakes) for f in dict.fromkeys(firsts)]
                + [_entry(t, "then", i, not first_wakes) for t in lists["then"]])

    def patterns(self) -> Sequence[Pattern]:
        return self._patterns

    def terms(self) -> Sequence[Term]:
        return [Term(e.text, e.kind, word=e.kind != "exclude", trigger=e.trigger)
                for e in self._entries]

    # ------------------------------------------------------------------ find

    def find(self, text: Text, patterns: list[Match], terms: list[Match]) -> Iterable[Hit]:
        entries = self._entries
        excludes = [m for m in terms if entries[m.key].kind == "exclude"]
        found: list[Hit] = []
        firsts: dict[int, list[Match]] = {}
        thens: dict[int, list[Match]] = {}
        for m in terms:
            e = entries[m.key]
            if e.kind in ("exclude", "self") or _inside(m, excludes) or not _written_as(text, m, e):
                continue
            if e.kind == "term":
                found.append(Hit(m.start, m.end, f"term '{e.text}'"))
            elif e.kind == "standalone":
                if _stands_alone(text, m):
                    found.append(Hit(m.start, m.end, f"term '{e.text}'"))
            elif e.kind == "first":
                if not _glued_left(text, m):
                    firsts.setdefault(e.pair, []).append(m)
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
        return _outermost(found)

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


def _read_patterns(raw: Any) -> list[Pattern]:
    if raw is None:
        return []
    if not isinstance(raw, list):
        raise ParamError("patterns", "'patterns' must be a list of regular expressions")
    out: list[Pattern] = []
    for i, item in enumerate(raw):
        if isinstance(item, str):
            out.append(Pattern(item, f"pattern {i + 1}"))
        elif isinstance(item, dict) and isinstance(item.get("regex"), str):
            out.append(Pattern(item["regex"], str(item.get("name", f"pattern {i + 1}")),
                               bool(item.get("caseless", False))))
        else:
            raise ParamError("patterns", f"pattern {i + 1} must be a string or "
                             "{name: ..., regex: ..., caseless: true|false}")
    return out


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
        if j < len(wide) and _is_katakana(wide[j]):
            return False  # the start of a longer katakana word: バカンス, カスタム
    return True


def _stands_alone(text: Text, m: Match) -> bool:
    wide = text.wide
    if m.start > 0 and wide[m.start - 1].isalnum():
        return False
    j = m.end
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
