"""Reading and checking the audit log."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass

from django.db.models import QuerySet

from .models import AuditEntry
from .services import GENESIS


@dataclass(frozen=True)
class ChainProblem:
    seq: int
    problem: str


def audit_entries(*, action: str | None = None, object_type: str | None = None) -> QuerySet:
    qs = AuditEntry.objects.select_related("actor")
    if action:
        qs = qs.filter(action__startswith=action)
    if object_type:
        qs = qs.filter(object_type=object_type)
    return qs.order_by("-seq")


def audit_verify() -> tuple[int, list[ChainProblem]]:
    """Walk the chain from the start. Returns (entries checked, problems found)."""
    problems: list[ChainProblem] = []
    prev_hash, expected_seq, count = GENESIS, 1, 0
    for entry in AuditEntry.objects.order_by("seq").iterator(chunk_size=2000):
        count += 1
        if entry.seq != expected_seq:
            problems.append(ChainProblem(expected_seq, f"entries {expected_seq}–{entry.seq - 1} "
                                                       "are missing (deleted)"))
        if entry.prev_hash != prev_hash:
            problems.append(ChainProblem(entry.seq, "does not chain to the entry before it"))
        if entry.compute_hash() != entry.hash:
            problems.append(ChainProblem(entry.seq, "its content was changed after it was written"))
        prev_hash, expected_seq = entry.hash, entry.seq + 1
    return count, problems


def audit_export_lines() -> Iterator[str]:
    """The whole log as JSONL, oldest first, with each entry's prev_hash and hash."""
    for entry in AuditEntry.objects.order_by("seq").iterator(chunk_size=2000):
        row = entry.payload() | {"prev_hash": entry.prev_hash, "hash": entry.hash}
        yield json.dumps(row, ensure_ascii=False, sort_keys=True) + "\n"
