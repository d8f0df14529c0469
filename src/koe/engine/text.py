"""Normalized views of one post, each with a map back to the original text.

Detectors never see the raw post. They see three views, all built once per post:

``wide``
    NFKC applied (full-width ``ＡＢＣ１２３`` becomes ``ABC123``, half-width ``ｶﾀｶﾅ`` becomes
    ``カタカナ``), case kept. Structured detectors (phone numbers, keys, cards) match here.
``folded``
    ``wide`` with case folded, katakana turned into hiragana and leetspeak digits turned into
    letters (``1d10t`` → ``idiot``). Same length as ``wide``: index *i* of one is index *i* of
    the other.
``compact``
    ``folded`` without spaces, zero-width characters and the punctuation people put between
    letters to dodge filters (``p a s s``, ``p.a.s.s``, ``ば　か``). Lexicon terms match here.

Every detector reports spans in ``wide`` coordinates; :meth:`Text.original_span` turns them into
spans of the original text, so a finding always points at what the person wrote.

Most posts take the fast path: when NFKC cannot change the length of anything in the post,
``wide`` is one ``str.translate`` away and the map is the identity.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from itertools import compress

import numpy as np

__all__ = ["Text", "compact_term", "fold_term", "is_latin_word_char"]

# Characters dropped from the compact view: spaces, zero-width characters and the
# punctuation people put between letters to dodge word filters.
_SEPARATORS = (
    " \t\r\n\x0b\x0c\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008"
    "\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
    "\u200b\u200c\u200d\u2060\ufeff\u00ad"
    ".-_*~'\"`^·•・‐‑‒–—―ー〜～_"
    "。、，．,!?！？「」『』（）()【】"
)
_LEET = {"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", "$": "s"}


def _build_tables() -> tuple[list[str], list[str], list[str], re.Pattern[str], frozenset[str]]:
    """Return the wide, folded and compact tables and the characters that need the slow path.

    The tables are lists indexed by code point because ``str.translate`` is several times
    faster with a list than with a dict that mostly misses. Astral characters fall off the
    end of the lists and stay as they are; the few that NFKC changes take the slow path.
    """
    wide = [chr(cp) for cp in range(0x10000)]
    for cp in range(0xD800, 0xE000):
        wide[cp] = "\ufffd"  # lone surrogates cannot be encoded; keep the length
    slow_bmp: list[int] = []
    slow_astral: list[int] = []
    for cp in range(0x80, sys.maxunicode + 1):
        if 0xD800 <= cp <= 0xDFFF:
            continue
        ch = chr(cp)
        if unicodedata.category(ch) == "Cn":
            continue
        norm = unicodedata.normalize("NFKC", ch)
        if cp >= 0x10000:
            if norm != ch:
                slow_astral.append(cp)
        elif len(norm) != 1 or unicodedata.combining(norm) or 0x1160 <= cp <= 0x11FF:
            slow_bmp.append(cp)
        elif norm != ch:
            wide[cp] = norm
    compact = list(wide)
    for cp in range(0x10000):
        low = compact[cp].casefold()
        if len(low) == 1:
            compact[cp] = low
    for cp in range(0x30A1, 0x30F7):  # katakana → hiragana
        compact[cp] = chr(cp - 0x60)
    for cp, ch in enumerate(compact):
        if 0x30A1 <= ord(ch) < 0x30F7:  # half-width katakana widened above
            compact[cp] = chr(ord(ch) - 0x60)
    for src, dst in _LEET.items():
        compact[ord(src)] = dst
    folded = list(compact)
    for ch in _SEPARATORS:
        compact[ord(ch)] = ""
    return wide, folded, compact, re.compile(f"[{_ranges(slow_bmp)}]"), frozenset(map(chr, slow_astral))


def _ranges(cps: list[int]) -> str:
    parts: list[str] = []
    start = prev = None
    for cp in cps + [-2]:
        if start is None:
            start = prev = cp
        elif cp == prev + 1:
            prev = cp
        else:
            parts.append(re.escape(chr(start)) if start == prev
                         else f"{re.escape(chr(start))}-{re.escape(chr(prev))}")
            start = prev = cp
    return "".join(parts)


_WIDE, _FOLD, _COMPACT, _SLOW_BMP, _SLOW_ASTRAL = _build_tables()
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


# Every BMP character that the wide view does not keep as it is: what NFKC changes in length
# (the slow path) and what the wide table maps to something else. A post with none of them
# and no astral character is its own wide view, with no translate at all (about half the
# Japanese posts). Astral characters stay out of the class: with them ``re`` can no longer
# test a character with one table lookup.
_CHANGED = re.compile("[" + _ranges(sorted(
    {cp for cp in range(0x10000) if _WIDE[cp] != chr(cp) and not 0xD800 <= cp < 0xE000}
    | {cp for cp in range(0x80, 0x10000)
       if not 0xD800 <= cp < 0xE000 and _SLOW_BMP.match(chr(cp))})) + "\ud800-\udfff]")


def _needs_slow_path(text: str) -> bool:
    """True when NFKC could change the length of something in ``text``."""
    if _SLOW_BMP.search(text):
        return True
    if _ASTRAL.search(text) is None:
        return False
    return any(m.group() in _SLOW_ASTRAL for m in _ASTRAL.finditer(text))


class _cached:
    """``functools.cached_property`` without its lock (Python 3.11 takes one on every first
    read): a ``Text`` belongs to one scan in one thread."""

    __slots__ = ("fn", "name")

    def __init__(self, fn):  # type: ignore[no-untyped-def]
        self.fn = fn
        self.name = fn.__name__

    def __get__(self, instance, owner=None):  # type: ignore[no-untyped-def]
        if instance is None:
            return self
        value = instance.__dict__[self.name] = self.fn(instance)
        return value


# Which characters of wide are kept in compact, as tables: 1 kept, 0 dropped.
# Astral characters are never dropped (they fall off the end of the list and stay as they are).
_KEPT_BYTES = bytes(0 if _COMPACT[b] == "" else 1 for b in range(256))
# The same flags as a numpy table. U+FFFF is kept, so clipping astral code points to it keeps
# them too; one table lookup per character is faster than str.translate on a non-ASCII post.
_KEPT_NP = np.array([ch != "" for ch in _COMPACT], dtype=np.bool_)
# Plain-ASCII posts (most English ones) fold with bytes.translate: same result, a tenth the time.
_ASCII_FOLD = bytes((ord(_COMPACT[b]) if len(_COMPACT[b]) == 1 and ord(_COMPACT[b]) < 128 else b)
                    for b in range(256))
_ASCII_DROP = bytes(b for b in range(128) if _COMPACT[b] == "")


def _is_joiner(ch: str) -> bool:
    """True for a character NFKC may merge into the character before it."""
    cp = ord(ch)
    return bool(unicodedata.combining(ch)) or cp in (0xFF9E, 0xFF9F) or 0x1160 <= cp <= 0x11FF


def fold_term(term: str) -> str:
    """Fold a lexicon term the way :class:`Text` folds a post.

    >>> fold_term("ＢＡＫＡ")
    'baka'
    """
    return Text(term).folded


def compact_term(term: str) -> str:
    """Fold a term and drop separators: the form terms take in the automaton.

    >>> compact_term("ここだけの 話")
    'ここだけの話'
    """
    return Text(term).compact


def is_latin_word_char(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


# Characters of ``wide`` whose folded form is a Latin letter or digit: a word boundary test
# looks at one character without folding the whole post. (Astral characters fold to
# themselves and are never Latin.)
_FOLDS_TO_WORD_CHAR = frozenset(cp for cp in range(0x10000) if is_latin_word_char(_FOLD[cp]))


class Text:
    """One post and its normalized views.

    >>> t = Text("ﾊﾟｽﾜｰﾄﾞは ＡＢＣ")
    >>> t.wide
    'パスワードは ABC'
    >>> t.original_span(7, 10)  # "ABC" in wide is "ＡＢＣ" at 9-12 in the original
    (9, 12)
    """

    __slots__ = ("__dict__", "_ends", "_starts", "compact", "original", "wide", "wide_bytes")

    def __init__(self, original: str) -> None:
        self.original = original
        if original.isascii():
            self.wide = original
            self._starts = self._ends = None
            self.wide_bytes = original.encode("ascii")
            self.compact = self.wide_bytes.translate(_ASCII_FOLD, _ASCII_DROP).decode("ascii")
            return
        self._starts = self._ends = None
        if _CHANGED.search(original) is None and _ASTRAL.search(original) is None:
            self.wide = original
        elif _needs_slow_path(original):
            self._slow_path(original)
        else:
            self.wide = original.translate(_WIDE)
        self.wide_bytes = self.wide.encode("utf-8")
        self.compact = self.wide.translate(_COMPACT)

    def _slow_path(self, original: str) -> None:
        """NFKC where it can change lengths, ``str.translate`` everywhere else.

        Only the clusters around characters that NFKC expands, contracts or merges (…, ㈱,
        a base letter and its combining marks) go through ``unicodedata``; the runs between
        them are translated whole, so an ellipsis in a long post costs almost nothing.
        """
        out: list[str] = []
        starts: list[int] = []
        ends: list[int] = []
        n = len(original)
        pos = 0
        hits = sorted([m.start() for m in _SLOW_BMP.finditer(original)]
                      + [m.start() for m in _ASTRAL.finditer(original)
                         if m.group() in _SLOW_ASTRAL])
        for i in hits:
            if i < pos:
                continue  # already inside the previous cluster
            if i > pos and _is_joiner(original[i]):
                i -= 1  # a mark belongs to the character before it
            j = i + 1
            while j < n and _is_joiner(original[j]):
                j += 1
            if i > pos:
                out.append(original[pos:i].translate(_WIDE))
                starts.extend(range(pos, i))
                ends.extend(range(pos + 1, i + 1))
            seg = unicodedata.normalize("NFKC", original[i:j]).translate(_WIDE)
            out.append(seg)  # may be empty: a lone mark that normalizes to nothing
            starts.extend([i] * len(seg))
            ends.extend([j] * len(seg))
            pos = j
        if pos < n:
            out.append(original[pos:].translate(_WIDE))
            starts.extend(range(pos, n))
            ends.extend(range(pos + 1, n + 1))
        self.wide = "".join(out)
        self._starts = starts
        self._ends = ends

    @_cached
    def folded(self) -> str:
        return self.wide.translate(_FOLD)

    @_cached
    def compact_bytes(self) -> bytes:
        return self.compact.encode("utf-8")

    @_cached
    def _compact_byte_starts(self) -> np.ndarray:
        codes = np.frombuffer(self.compact.encode("utf-32-le"), dtype=np.uint32)
        sizes = 1 + (codes >= 0x80) + (codes >= 0x800) + (codes >= 0x10000)
        return np.concatenate(([0], np.cumsum(sizes)))

    def compact_char(self, byte_offset: int) -> int:
        """Turn a UTF-8 byte offset into ``compact`` into a character offset."""
        if "_compact_byte_starts" in self.__dict__ or byte_offset > 512:
            return int(np.searchsorted(self._compact_byte_starts, byte_offset))
        return len(self.compact_bytes[:byte_offset].decode("utf-8", "replace"))

    @_cached
    def _codes(self) -> np.ndarray:
        return np.frombuffer(self.wide.encode("utf-32-le"), dtype=np.uint32)

    @_cached
    def _compact_index(self) -> list[int]:
        """Where in ``wide`` each character of ``compact`` comes from."""
        wide = self.wide
        if wide.isascii():
            return list(compress(range(len(wide)), self.wide_bytes.translate(_KEPT_BYTES)))
        codes = np.frombuffer(wide.encode("utf-32-le"), dtype=np.uint32)
        return np.flatnonzero(_KEPT_NP.take(codes, mode="clip")).tolist()

    @_cached
    def _byte_starts(self) -> np.ndarray:
        codes = self._codes
        sizes = 1 + (codes >= 0x80) + (codes >= 0x800) + (codes >= 0x10000)
        return np.concatenate(([0], np.cumsum(sizes)))

    def byte_to_wide(self, offset: int) -> int:
        """Turn a UTF-8 byte offset into ``wide`` into a character offset."""
        if self.wide.isascii():
            return offset
        return int(np.searchsorted(self._byte_starts, offset))

    def compact_to_wide(self, start: int, end: int) -> tuple[int, int]:
        """Turn a span of ``compact`` into a span of ``wide``."""
        index = self._compact_index
        return index[start], index[end - 1] + 1

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """Turn a span of ``wide`` into a span of the original text."""
        if self._starts is None:
            return start, end
        if start >= len(self._starts):
            return len(self.original), len(self.original)
        if end <= start:
            pos = self._starts[start]
            return pos, pos
        return self._starts[start], self._ends[end - 1]

    def is_word_start(self, pos: int) -> bool:
        """True when ``wide[pos]`` does not continue a Latin word from the left."""
        return pos == 0 or ord(self.wide[pos - 1]) not in _FOLDS_TO_WORD_CHAR

    def is_word_end(self, pos: int) -> bool:
        """True when a Latin word does not go on at ``wide[pos]``."""
        return pos >= len(self.wide) or ord(self.wide[pos]) not in _FOLDS_TO_WORD_CHAR
