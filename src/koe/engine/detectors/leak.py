"""The near-duplicate detector: a post that reproduces a registered internal document."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from ..text import Text
from .base import Context, Detector, Hit, Match


class NearDuplicateDetector(Detector):
    """Asks the :class:`~koe.engine.leak.InternalIndex` whether a post copies a document.

    Without registered documents it finds nothing. ``min_containment`` (0–1) is the share of
    the post that must come from one document; ``long_match`` is a number of shared samples
    that counts as a leak whatever the share (a long passage pasted into a longer post).
    """

    name = "near_duplicate"
    always = True

    def __init__(self, params: Mapping[str, Any], context: Context) -> None:
        super().__init__(params, context)
        self.min_containment = self.param_float("min_containment", 0.5)
        self.long_match = self.param_int("long_match", 12, low=1)
        index = context.internal_index
        if index is not None:
            index.min_containment = self.min_containment
            index.long_match = self.long_match

    def runs_on_every_post(self) -> bool:
        index = self.context.internal_index
        return index is not None and len(index) > 0

    def find(self, text: Text, patterns: list[Match], terms: list[Match]) -> Iterable[Hit]:
        index = self.context.internal_index
        if index is None or not len(index):
            return
        for m in index.query(text)[:1]:
            yield Hit(m.start, m.end,
                      f"{m.containment:.0%} of the post matches internal document '{m.doc_id}'",
                      detail=m.doc_id)
