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


def _runs(sorted_keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Start and length of each run of equal values in a sorted array."""
    if not len(sorted_keys):
        return np.empty(0, np.int64), np.empty(0, np.int64)
    change = np.empty(len(sorted_keys), dtype=bool)
    change[0] = True
    np.not_equal(sorted_keys[1:], sorted_keys[:-1], out=change[1:])
    starts = np.flatnonzero(change)
    return starts, np.diff(np.append(starts, len(sorted_keys)))


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
        self._pending: list[str] = []  # compact views of documents added since the last freeze
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
        self._pending.append(Text(text).compact.replace("\x00", ""))
        self.doc_ids.append(str(doc_id))

    def _fingerprint_batch(self, compacts: list[str], first_doc: int) -> tuple[np.ndarray, np.ndarray]:
        """(hash, document) pairs of many documents in a few vector operations.

        The documents are joined with NUL; shingles that cross a NUL get the largest hash so
        winnowing never picks them, and each kept fingerprint is credited to its document.
        """
        joined = "\x00".join(compacts)
        h = _shingle_hashes(joined, self.k)
        if not len(h):
            return np.empty(0, np.uint64), np.empty(0, np.int32)
        codes = np.frombuffer(joined.encode("utf-32-le"), dtype=np.uint32)
        nul = np.concatenate(([0], np.cumsum(codes == 0)))
        crosses = (nul[self.k:self.k + len(h)] - nul[:len(h)]) > 0
        h[crosses] = np.uint64(0xFFFFFFFFFFFFFFFF)
        if len(h) > self.window:
            windows = np.lib.stride_tricks.sliding_window_view(h, self.window)
            keep = np.unique(np.argmin(windows, axis=1) + np.arange(len(windows)))
        else:
            keep = np.array([int(np.argmin(h))])
        keep = keep[~crosses[keep]]
        doc_starts = np.concatenate(([0], np.cumsum([len(c) + 1 for c in compacts])[:-1]))
        docs = (np.searchsorted(doc_starts, keep, side="right") - 1 + first_doc).astype(np.int32)
        hashes = h[keep]
        pairs = np.unique(np.stack([docs.astype(np.uint64), hashes]), axis=1)  # one per (doc, hash)
        return pairs[1], pairs[0].astype(np.int32)

    def freeze(self, *, batch: int = 4096) -> None:
        """Build the inverted index. Fingerprints found in too many documents are dropped."""
        parts = [self._fingerprint_batch(self._pending[i:i + batch], i)
                 for i in range(0, len(self._pending), batch)]
        self._pending = []
        if parts:
            keys = np.concatenate([h for h, _ in parts])
            docs = np.concatenate([d for _, d in parts])
            del parts
            order = np.argsort(keys, kind="stable")
            keys, docs = keys[order], docs[order]
            del order
            starts, counts = _runs(keys)
            limit = max(2, int(self.max_doc_share * len(self.doc_ids)))
            common = counts > limit
            if common.any():
                keep = ~np.repeat(common, counts)
                keys, docs = keys[keep], docs[keep]
                starts, counts = _runs(keys)
            self._keys = keys[starts]
            self._offsets = np.concatenate([starts, [len(keys)]]).astype(np.int64)
            self._docs = docs
        self._frozen = True

    def query(self, text: Text) -> list[LeakMatch]:
        """Documents that ``text`` reproduces, best first."""
        if not self._frozen:
            self.freeze()
        if not len(self._keys):
            return []
        hashes, positions = self._sampled(text.compact)
        n = len(hashes)
        if n < self.min_shared:
            return []
        idx = np.searchsorted(self._keys, hashes)
        idx[idx >= len(self._keys)] = 0
        hit = np.flatnonzero(self._keys[idx] == hashes)
        if len(hit) < self.min_shared:
            return []
        lo = self._offsets[idx[hit]]
        counts = self._offsets[idx[hit] + 1] - lo
        total = int(counts.sum())
        # every (document, post position) pair, gathered without a Python loop
        flat = np.repeat(lo - np.cumsum(counts) + counts, counts) + np.arange(total)
        docs = self._docs[flat]
        pos = np.repeat(positions[hit], counts)
        uniq, shared = np.unique(docs, return_counts=True)
        out = []
        for d, count in zip(uniq[shared >= self.min_shared].tolist(),
                            shared[shared >= self.min_shared].tolist(), strict=True):
            containment = count / n
            if containment >= self.min_containment or count >= self.long_match:
                mine = pos[docs == d]
                start, end = text.compact_to_wide(int(mine.min()), int(mine.max()) + self.k)
                out.append(LeakMatch(self.doc_ids[d], round(containment, 3), count, start, end))
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
