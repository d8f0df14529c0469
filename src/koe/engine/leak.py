"""Leak detection: does a post reproduce a registered private document?

Documents (chat exports, wiki pages) are cut into overlapping character shingles of their
compact view, so spacing, width, case and kana changes do not hide a copy. Winnowing keeps
the shingle with the smallest hash in every window of ``w`` shingles as a fingerprint: any
passage of at least ``k + w - 1`` characters that a post shares with a document contains one
of them. The 64-bit hashes of all fingerprints of all documents are kept in one sorted numpy
array, so a post is checked against 100,000 documents by hashing its shingles (a few vector
operations) and one ``searchsorted``; the few fingerprints it contains lead to their
documents through postings arrays. A post is a leak when enough of the fingerprints it
contains come from one document.

This replaces MinHash-LSH: it measures containment (how much of the post comes from a
document), which is what a copied passage inside a longer post needs, and a post costs one
hash pass and one binary search per shingle, not 128 permutations. Building the index is a
sort of the fingerprint hashes: seconds for 100,000 documents, nothing to compile or cache.
(It used to be a Hyperscan literal database of the fingerprints: the same matches, but a
compile of ~50 s and 2.5 GB for 100,000 documents, and a Python callback per match.)
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .errors import InputError
from .text import Text

__all__ = ["InternalIndex", "LeakMatch", "read_documents"]

_BASE = 0x100000001B3
_MIX = np.uint64(0xFF51AFD7ED558CCD)
_MAX = np.uint64(0xFFFFFFFFFFFFFFFF)
_BATCH = 1024  # documents fingerprinted together


def _kernel(k: int) -> np.ndarray:
    """``MIX * BASE**j`` modulo 2**64 for j < k: the weights of a shingle's characters."""
    weights = np.empty(k, dtype=np.uint64)
    weights[0] = _MIX
    if k > 1:
        np.cumprod(np.full(k - 1, _BASE, dtype=np.uint64), out=weights[1:])  # wraps mod 2**64
        weights[1:] *= _MIX
    return weights


def _shingle_keys(codes: np.ndarray, kernel: np.ndarray) -> np.ndarray:
    """64-bit keys of every ``len(kernel)``-character shingle of ``codes`` (code points).

    A polynomial hash, the same for a shingle wherever it stands: shingle ``i`` is
    ``sum(codes[i + j] * MIX * BASE**j)`` modulo 2**64 (numpy integers wrap silently), all
    shingles in one ``np.correlate``: the one vector operation of a query that touches
    every character.
    """
    return np.correlate(codes, kernel)


def _winnowing_order(keys: np.ndarray) -> np.ndarray:
    """The hashes winnowing compares: keys with their high bits folded into the low ones."""
    return keys ^ (keys >> np.uint64(32))


def _winnow(h: np.ndarray, w: int) -> np.ndarray:
    """Positions of the smallest hash of every window of ``w`` hashes (ties: all of them)."""
    n = len(h)
    if n <= w:
        return np.flatnonzero(h == h.min()) if n else np.empty(0, dtype=np.intp)
    m = n - w + 1
    wmin = h[:m].copy()
    for d in range(1, w):
        np.minimum(wmin, h[d:d + m], out=wmin)
    chosen = np.zeros(n, dtype=bool)
    for d in range(w):
        chosen[d:d + m] |= wmin == h[d:d + m]
    return np.flatnonzero(chosen)


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
    containment: float  # share of the post's fingerprints found in the document
    shared: int  # how many fingerprints the post shares with it
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
                 max_postings: int = 1000, min_shared: int = 3, min_containment: float = 0.5,
                 long_match: int = 12):
        self.k = k
        self.window = window
        self.max_doc_share = max_doc_share  # a fingerprint in more documents is boilerplate …
        self.max_postings = max_postings  # … and so is one in more than this many
        self.min_shared = min_shared
        self.min_containment = min_containment
        self.long_match = long_match
        self.doc_ids: list[str] = []
        self._pending: list[str] = []  # compact views of documents not yet fingerprinted
        self._parts: list[tuple[np.ndarray, np.ndarray]] = []  # (keys, documents) per batch
        self._keys = np.empty(0, dtype=np.uint64)  # sorted keys of the fingerprints
        # A bit per bucket of keys (their top bits): a cheap first test before the search.
        self._buckets = np.zeros(1, dtype=bool)
        self._shift = np.uint64(63)
        self._doc_mask = np.uint64(0)  # the low bits of a key that sorting gave to documents
        self._kernel = _kernel(k)
        self._offsets = np.zeros(1, dtype=np.int64)  # key i → self._docs[offsets[i]:offsets[i+1]]
        self._docs = np.empty(0, dtype=np.int32)
        self._frozen = False

    def __len__(self) -> int:
        return len(self.doc_ids)

    def add(self, doc_id: str, text: str) -> None:
        """Register one document. Call :meth:`freeze` after the last one."""
        if self._frozen:
            raise RuntimeError("the index is frozen; build a new one to add documents")
        self._pending.append(Text(text).compact)
        self.doc_ids.append(str(doc_id))
        if len(self._pending) >= _BATCH:
            self._fingerprint_pending()

    def _fingerprint_pending(self) -> None:
        """Fingerprint the documents added since the last batch and let go of their text."""
        if self._pending:
            first = len(self.doc_ids) - len(self._pending)
            self._parts.append(self._fingerprints(self._pending, first))
            self._pending = []

    def _fingerprints(self, compacts: list[str], first_doc: int) -> tuple[np.ndarray, np.ndarray]:
        """(fingerprint key, document) pairs of many documents in a few vector operations.

        The documents are joined with NUL; shingles that cross a NUL get the largest hash
        so winnowing never keeps them, and each kept shingle is credited to its document.
        """
        joined = "\x00".join(compacts)
        codes = np.frombuffer(joined.encode("utf-32-le"), dtype=np.uint32)
        if len(codes) < self.k:
            return np.empty(0, np.uint64), np.empty(0, np.int32)
        keys = _shingle_keys(codes, self._kernel)
        h = _winnowing_order(keys)
        nul = np.concatenate(([0], np.cumsum(codes == 0)))  # NULs before each position
        crosses = (nul[self.k:] - nul[:-self.k]) > 0
        h[crosses] = _MAX
        keep = _winnow(h, self.window)
        keep = keep[~crosses[keep]]
        doc_starts = np.concatenate(([0], np.cumsum([len(c) + 1 for c in compacts])[:-1]))
        docs = (np.searchsorted(doc_starts, keep, side="right") - 1 + first_doc).astype(np.int32)
        return keys[keep], docs

    def freeze(self) -> None:
        """Build the index. Fingerprints found in too many documents are dropped.

        The (key, document) pairs are sorted as one array of integers: a key's lowest bits
        give way to the document number, which leaves keys of 64 - log2(documents) bits
        (47 for 100,000 documents: still no chance collision between shingles in practice).
        """
        self._fingerprint_pending()
        parts, self._parts = self._parts, []
        self._frozen = True
        if not parts:
            return
        doc_bits = max(1, (len(self.doc_ids) - 1).bit_length())
        self._doc_mask = np.uint64((1 << doc_bits) - 1)
        pairs = np.empty(sum(len(keys) for keys, _ in parts), dtype=np.uint64)
        filled = 0
        parts.reverse()
        while parts:  # each batch is let go of as soon as it is copied
            keys, docs = parts.pop()
            end = filled + len(keys)
            np.bitwise_and(keys, ~self._doc_mask, out=pairs[filled:end])
            pairs[filled:end] |= docs.astype(np.uint64)
            filled = end
        del keys, docs
        pairs.sort()  # by key, then document
        repeat = np.zeros(len(pairs), dtype=bool)  # the same fingerprint twice in one document
        np.equal(pairs[1:], pairs[:-1], out=repeat[1:])
        pairs = pairs[~repeat]
        del repeat
        docs = (pairs & self._doc_mask).astype(np.int32)
        keys = pairs
        keys &= ~self._doc_mask
        starts, counts = _runs(keys)
        limit = min(max(2, int(self.max_doc_share * len(self.doc_ids))), self.max_postings)
        common = counts > limit
        if common.any():
            keep = ~np.repeat(common, counts)
            keys, docs = keys[keep], docs[keep]
            starts, counts = _runs(keys)
        self._keys = keys[starts]
        self._offsets = np.append(starts, len(keys)).astype(np.int64)
        self._docs = docs
        # about 32 buckets per key (at most 2**27 bytes): most shingles of a post that is not
        # a copy fall in an empty bucket and never reach the binary search
        bits = min(27, max(10, int(len(self._keys) * 32).bit_length()))
        self._shift = np.uint64(64 - bits)
        self._buckets = np.zeros(1 << bits, dtype=bool)
        self._buckets[self._keys >> self._shift] = True

    def query(self, text: Text) -> list[LeakMatch]:
        """Documents that ``text`` reproduces, best first."""
        if not self._frozen:
            self.freeze()
        keys = self._keys
        k = self.k
        compact = text.compact
        if not len(keys) or len(compact) < k + self.min_shared - 1:
            return []  # too short to hold min_shared fingerprints
        # Containment is measured against the fingerprints winnowing keeps for the post: at
        # least one in every window of shingles, so that many is the least a leak can share.
        # A document shares at most one fingerprint per matching shingle of the post, so a
        # post with fewer matching shingles than a leak needs cannot be one.
        least = max(1.0, (len(compact) - k + 1) / self.window)
        need = max(self.min_shared, min(math.floor(self.min_containment * least),
                                        self.long_match))
        shingles = _shingle_keys(np.frombuffer(compact.encode("utf-32-le"), dtype=np.uint32),
                                 self._kernel)
        h = shingles
        maybe = self._buckets[(h >> self._shift).view(np.int64)]  # a view: no index cast
        if np.count_nonzero(maybe) < need:
            return []
        positions = np.flatnonzero(maybe)
        h = h[positions] & ~self._doc_mask
        lit = keys.searchsorted(h)
        lit[lit == len(keys)] = 0
        hit = keys[lit] == h
        positions = positions[hit]  # every shingle of the post that is a fingerprint
        if len(positions) < need:
            return []
        lit = lit[hit]
        lo = self._offsets[lit]
        counts = self._offsets[lit + 1] - lo
        total = int(counts.sum())
        # every (document, post position) pair, gathered without a Python loop
        flat = np.repeat(lo - np.cumsum(counts) + counts, counts) + np.arange(total)
        docs = self._docs[flat]
        pos = np.repeat(positions, counts)
        uniq, shared = np.unique(docs, return_counts=True)
        # The post's own fingerprints, counted only for the few posts that get this far: an
        # estimate of their number misjudges short posts by a fifth either way.
        n = max(1.0, float(len(_winnow(_winnowing_order(shingles), self.window))))
        # A post made of common phrases shares a few fingerprints with hundreds of documents:
        # judge them all at once, and build a match only for the few that pass.
        containment = np.minimum(1.0, shared / n)
        leaked = (shared >= self.min_shared) & ((containment >= self.min_containment)
                                                | (shared >= self.long_match))
        out = []
        for d, count, share in zip(uniq[leaked].tolist(), shared[leaked].tolist(),
                                   containment[leaked].tolist(), strict=True):
            mine = pos[docs == d]
            start, end = text.compact_to_wide(int(mine.min()), int(mine.max()) + k)
            out.append(LeakMatch(self.doc_ids[d], round(share, 3), count, start, end))
        out.sort(key=lambda m: (-m.shared, m.doc_id))
        return out

    def memory_bytes(self) -> int:
        """Bytes held by the fingerprint, bucket and postings arrays."""
        return int(self._keys.nbytes + self._buckets.nbytes + self._offsets.nbytes
                   + self._docs.nbytes)

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
