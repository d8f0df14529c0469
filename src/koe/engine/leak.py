"""Leak detection: does a post reproduce a registered private document?

Documents (chat exports, wiki pages) are cut into overlapping character shingles of their
compact view, so spacing, width, case and kana changes do not hide a copy. Winnowing keeps
the shingle with the smallest hash in every window of ``w`` shingles as a fingerprint: any
passage of at least ``k + w - 1`` characters that a post shares with a document contains one
of them. All fingerprints of all documents go into one Hyperscan literal database, so a post
is checked against 100,000 documents in one pass over its compact view; the few fingerprints
it contains lead to their documents through postings arrays. A post is a leak when enough of
the fingerprints it contains come from one document.

This replaces MinHash-LSH: it measures containment (how much of the post comes from a
document), which is what a copied passage inside a longer post needs, and a post costs one
Hyperscan scan, not 128 permutations. The database is compiled once per set of documents and
cached on disk like the policy's (``KOE_CACHE_DIR``).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .errors import InputError
from .patterns import compile_literals
from .text import Text

__all__ = ["InternalIndex", "LeakMatch", "read_documents"]

_BASE = 0x100000001B3  # odd, so it has an inverse modulo 2**64
_BASE_INV = pow(_BASE, -1, 1 << 64)
_MIX = np.uint64(0xFF51AFD7ED558CCD)
_MAX = np.uint64(0xFFFFFFFFFFFFFFFF)


def _powers(n: int) -> tuple[np.ndarray, np.ndarray]:
    """BASE**i and BASE**-i modulo 2**64 for i < n."""
    pw = np.ones(n, dtype=np.uint64)
    inv = np.ones(n, dtype=np.uint64)
    if n > 1:
        with np.errstate(over="ignore"):  # products wrap modulo 2**64, as they should
            np.cumprod(np.full(n - 1, _BASE, dtype=np.uint64), out=pw[1:])
            np.cumprod(np.full(n - 1, _BASE_INV, dtype=np.uint64), out=inv[1:])
    return pw, inv


def _shingle_hashes(codes: np.ndarray, k: int, pw: np.ndarray, inv: np.ndarray) -> np.ndarray:
    """Deterministic 64-bit hashes of every ``k``-character shingle of ``codes`` (code points).

    A polynomial hash from prefix sums: shingle ``i`` is ``(P[i+k] - P[i]) * BASE**-i``, with
    ``P`` the running sum of ``code * BASE**position``, all modulo 2**64.
    """
    n = len(codes) - k + 1
    with np.errstate(over="ignore"):
        prefix = np.zeros(len(codes) + 1, dtype=np.uint64)
        np.cumsum(codes.astype(np.uint64) * pw[: len(codes)], out=prefix[1:])
        h = (prefix[k:] - prefix[:n]) * inv[:n]
        h *= _MIX
        h ^= h >> np.uint64(32)
    return h


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
        self._pending: list[str] = []  # compact views of documents added since the last freeze
        self._literals: list[str] = []
        self._db = None  # Hyperscan literal database of every fingerprint
        self._pw, self._inv = _powers(0)
        self._offsets = np.zeros(1, dtype=np.int64)
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

    def _fingerprints(self, compacts: list[str], first_doc: int) -> tuple[list[str], np.ndarray]:
        """(fingerprint, document) pairs of many documents in a few vector operations.

        The documents are joined with NUL; shingles that cross a NUL get the largest hash so
        winnowing never keeps them, and each kept shingle is credited to its document.
        """
        joined = "\x00".join(compacts)
        codes = np.frombuffer(joined.encode("utf-32-le"), dtype=np.uint32)
        if len(codes) < self.k:
            return [], np.empty(0, np.int32)
        pw, inv = self._powers_for(len(codes) + 1)
        h = _shingle_hashes(codes, self.k, pw, inv)
        nul = np.concatenate(([0], np.cumsum(codes == 0)))
        crosses = (nul[self.k:self.k + len(h)] - nul[: len(h)]) > 0
        h[crosses] = _MAX
        keep = _winnow(h, self.window)
        keep = keep[~crosses[keep]]
        doc_starts = np.concatenate(([0], np.cumsum([len(c) + 1 for c in compacts])[:-1]))
        docs = (np.searchsorted(doc_starts, keep, side="right") - 1 + first_doc).astype(np.int32)
        k = self.k
        return [joined[i:i + k] for i in keep.tolist()], docs

    def _powers_for(self, n: int) -> tuple[np.ndarray, np.ndarray]:
        if len(self._pw) < n:
            self._pw, self._inv = _powers(max(n, 2 * len(self._pw)))
        return self._pw, self._inv

    def freeze(self, *, batch: int = 4096) -> None:
        """Build the index. Fingerprints found in too many documents are dropped."""
        texts: list[str] = []
        doc_parts: list[np.ndarray] = []
        for i in range(0, len(self._pending), batch):
            shingles, docs = self._fingerprints(self._pending[i:i + batch], i)
            texts.extend(shingles)
            doc_parts.append(docs)
        self._pending = []
        self._frozen = True
        if not texts:
            return
        number: dict[str, int] = {}
        ids = np.fromiter((number.setdefault(t, len(number)) for t in texts), dtype=np.int64,
                          count=len(texts))
        literals = list(number)
        del texts, number
        docs = np.concatenate(doc_parts)
        order = np.lexsort((docs, ids))  # by fingerprint, then document
        ids, docs = ids[order], docs[order]
        repeat = np.zeros(len(ids), dtype=bool)  # the same fingerprint twice in one document
        repeat[1:] = (ids[1:] == ids[:-1]) & (docs[1:] == docs[:-1])
        ids, docs = ids[~repeat], docs[~repeat]
        starts, counts = _runs(ids)
        limit = min(max(2, int(self.max_doc_share * len(self.doc_ids))), self.max_postings)
        common = counts > limit
        if common.any():
            keep = ~np.repeat(common, counts)
            ids, docs = ids[keep], docs[keep]
            starts, counts = _runs(ids)
        kept = ids[starts].tolist()
        self._literals = [literals[i] for i in kept]
        ids = np.repeat(np.arange(len(kept)), counts)  # renumber: literal i of the database
        self._offsets = np.concatenate([starts, [len(ids)]]).astype(np.int64)
        self._docs = docs
        self._db = compile_literals([lit.encode("utf-8") for lit in self._literals])

    def query(self, text: Text) -> list[LeakMatch]:
        """Documents that ``text`` reproduces, best first."""
        if not self._frozen:
            self.freeze()
        if self._db is None:
            return []
        found: list[tuple[int, int]] = []

        def on_match(lit_id: int, start: int, end: int, flags: int, ctx: object) -> None:
            found.append((lit_id, end))

        data = text.compact_bytes
        self._db.scan(data, on_match)
        if len(found) < self.min_shared:
            return []
        ascii_ = len(data) == len(text.compact)
        k = self.k
        positions = np.fromiter(((end if ascii_ else text.compact_char(end)) - k
                                 for _, end in found), dtype=np.int64, count=len(found))
        lit = np.fromiter((i for i, _ in found), dtype=np.int64, count=len(found))
        # Containment is measured against the fingerprints winnowing would keep for the post.
        n = max(1.0, (len(text.compact) - k + 1) * 2 / (self.window + 1))
        lo = self._offsets[lit]
        counts = self._offsets[lit + 1] - lo
        total = int(counts.sum())
        # every (document, post position) pair, gathered without a Python loop
        flat = np.repeat(lo - np.cumsum(counts) + counts, counts) + np.arange(total)
        docs = self._docs[flat]
        pos = np.repeat(positions, counts)
        uniq, shared = np.unique(docs, return_counts=True)
        out = []
        strong = shared >= self.min_shared
        for d, count in zip(uniq[strong].tolist(), shared[strong].tolist(), strict=True):
            containment = min(1.0, count / n)
            if containment >= self.min_containment or count >= self.long_match:
                mine = pos[docs == d]
                start, end = text.compact_to_wide(int(mine.min()), int(mine.max()) + k)
                out.append(LeakMatch(self.doc_ids[d], round(containment, 3), count, start, end))
        out.sort(key=lambda m: (-m.shared, m.doc_id))
        return out

    def memory_bytes(self) -> int:
        """Bytes held by the postings arrays and the Hyperscan database."""
        size = self._offsets.nbytes + self._docs.nbytes
        if self._db is not None:
            size += self._db.size()
        return int(size)

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
