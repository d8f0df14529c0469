"""Leak detection: does a post reproduce a registered private document?

Documents (chat exports, wiki pages) are cut into overlapping character shingles of their
compact view, so spacing, width, case and kana changes do not hide a copy. Each shingle is
hashed with a vectorized rolling hash, and winnowing keeps the smallest hash of every window of
``w`` shingles: any passage of at least ``k + w - 1`` characters shared by a post and a
document is guaranteed to share a kept hash, however short the post. The kept hashes go into a
sorted array with postings, an inverted index that answers a post with one ``searchsorted``
call. A post is a leak when enough of its fingerprints come from one document.

This replaces MinHash-LSH: it measures containment (how much of the post comes from a
document), which is what a copied passage inside a longer post needs, and it does a few
vector operations per post instead of 128 permutations.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .errors import InputError
from .text import Text

__all__ = ["InternalIndex", "LeakMatch", "read_documents"]

_MASK64 = np.uint64(0xFFFFFFFFFFFFFFFF)
_BASE = np.uint64(0x100000001B3)
_MIX1 = np.uint64(0xFF51AFD7ED558CCD)
_MIX2 = np.uint64(0xC4CEB9FE1A85EC53)


def _shingle_hashes(compact: str, k: int) -> np.ndarray:
    """Mixed 64-bit hashes of every ``k``-character shingle, in order of position."""
    n = len(compact) - k + 1
    if n <= 0:
        return np.empty(0, dtype=np.uint64)
    codes = np.frombuffer(compact.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    h = codes[:n].copy()
    with np.errstate(over="ignore"):
        for j in range(1, k):
            h *= _BASE
            h += codes[j:j + n]
        h ^= h >> np.uint64(33)
        h *= _MIX1
        h ^= h >> np.uint64(33)
        h *= _MIX2
        h ^= h >> np.uint64(33)
    return h


@dataclass(frozen=True, slots=True)
class LeakMatch:
    """A post that reproduces a document: which one, how much, and where in the post."""

    doc_id: str
    containment: float  # share of the post's samples found in the document
    shared: int  # how many samples the post shares with it
    start: int  # span of the shared part, in Text.wide coordinates
    end: int


class InternalIndex:
    """Private documents registered for leak detection.

    >>> index = InternalIndex()
    >>> index.add("chat-42", "来週の値上げは全社で15%、発表は月曜の朝に行う予定です。外には出さないこと。")
    >>> index.freeze()
    >>> [m.doc_id for m in index.query(Text("来週の値上げは全社で15%、発表は月曜の朝に行う予定らしい"))]
    ['chat-42']
    """

    def __init__(self, *, k: int = 8, window: int = 4, max_doc_share: float = 0.01,
                 min_shared: int = 3, min_containment: float = 0.5, long_match: int = 12):
        self.k = k
        self.window = window
        self.max_doc_share = max_doc_share
        self.min_shared = min_shared
        self.min_containment = min_containment
        self.long_match = long_match
        self.doc_ids: list[str] = []
        self._parts: list[tuple[np.ndarray, int]] = []
        self._keys = np.empty(0, dtype=np.uint64)
        self._offsets = np.zeros(1, dtype=np.int64)
        self._docs = np.empty(0, dtype=np.int32)
        self._frozen = False

    def __len__(self) -> int:
        return len(self.doc_ids)

    def _sampled(self, compact: str) -> tuple[np.ndarray, np.ndarray]:
        """Winnowed fingerprints of ``compact`` and their positions."""
        h = _shingle_hashes(compact, self.k)
        if len(h) <= self.window:
            if not len(h):
                return h, np.empty(0, dtype=np.intp)
            i = int(np.argmin(h))
            return h[i:i + 1], np.array([i])
        windows = np.lib.stride_tricks.sliding_window_view(h, self.window)
        keep = np.unique(np.argmin(windows, axis=1) + np.arange(len(windows)))
        return h[keep], keep

    def add(self, doc_id: str, text: str) -> None:
        """Register one document. Call :meth:`freeze` after the last one."""
        if self._frozen:
            raise RuntimeError("the index is frozen; build a new one to add documents")
        hashes, _ = self._sampled(Text(text).compact)
        self._parts.append((np.unique(hashes), len(self.doc_ids)))
        self.doc_ids.append(str(doc_id))

    def freeze(self) -> None:
        """Build the inverted index. Shingles found in too many documents are dropped."""
        if self._parts:
            keys = np.concatenate([h for h, _ in self._parts])
            docs = np.concatenate([np.full(len(h), d, dtype=np.int32) for h, d in self._parts])
            order = np.argsort(keys, kind="stable")
            keys, docs = keys[order], docs[order]
            uniq, starts, counts = np.unique(keys, return_index=True, return_counts=True)
            limit = max(2, int(self.max_doc_share * len(self.doc_ids)))
            common = counts > limit
            if common.any():
                drop = np.repeat(common, counts)
                keys, docs = keys[~drop], docs[~drop]
                uniq, starts, counts = np.unique(keys, return_index=True, return_counts=True)
            self._keys = uniq
            self._offsets = np.concatenate([starts, [len(keys)]]).astype(np.int64)
            self._docs = docs
        self._parts = []
        self._frozen = True

    def query(self, text: Text) -> list[LeakMatch]:
        """Documents that ``text`` reproduces, best first."""
        if not self._frozen:
            self.freeze()
        if not len(self._keys):
            return []
        compact = text.compact
        hashes, positions = self._sampled(compact)
        n = len(hashes)
        if n < self.min_shared:
            return []
        idx = np.searchsorted(self._keys, hashes)
        idx[idx >= len(self._keys)] = 0
        found = self._keys[idx] == hashes
        if found.sum() < self.min_shared:
            return []
        per_doc: dict[int, list[int]] = {}
        for i in np.flatnonzero(found):
            key = idx[i]
            for d in self._docs[self._offsets[key]:self._offsets[key + 1]]:
                per_doc.setdefault(int(d), []).append(int(positions[i]))
        out = []
        for d, pos in per_doc.items():
            shared = len(set(pos))
            containment = shared / n
            if shared >= self.min_shared and (containment >= self.min_containment
                                              or shared >= self.long_match):
                first, last = min(pos), max(pos)
                start, end = text.compact_to_wide(first, last + self.k)
                out.append(LeakMatch(self.doc_ids[d], round(containment, 3), shared, start, end))
        out.sort(key=lambda m: (-m.shared, m.doc_id))
        return out

    def memory_bytes(self) -> int:
        return int(self._keys.nbytes + self._offsets.nbytes + self._docs.nbytes)

    @classmethod
    def from_documents(cls, docs: Iterable[tuple[str, str]], **options: object) -> InternalIndex:
        index = cls(**options)  # type: ignore[arg-type]
        for doc_id, text in docs:
            index.add(doc_id, text)
        index.freeze()
        return index


def read_documents(path: str | Path) -> Iterator[tuple[str, str]]:
    """Read ``{"id", "text"}`` lines. A bad line raises :class:`InputError` with its number."""
    p = Path(path)
    try:
        handle = p.open(encoding="utf-8")
    except OSError as exc:
        raise InputError(f"{p}: cannot read internal documents: {exc.strerror}") from None
    with handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                doc_id, text = row["id"], row["text"]
                if not isinstance(text, str):
                    raise TypeError
            except (ValueError, KeyError, TypeError):
                raise InputError(f"{p}:{number}: each line must be a JSON object "
                                 "with \"id\" and \"text\"") from None
            yield str(doc_id), text
