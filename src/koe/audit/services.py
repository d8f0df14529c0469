"""Writing to the audit log. Call inside the transaction of the write being recorded."""

from __future__ import annotations

from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from .models import AuditEntry

GENESIS = "0" * 64
CHAIN_LOCK = 0x6B6F6561  # "koea": the advisory lock that serializes appends on PostgreSQL


def _chain_head() -> tuple[int, str]:
    """Lock the chain for this transaction and return (last seq, last hash).

    PostgreSQL: a transaction-scoped advisory lock, then a fresh read. (Locking the last row
    with FOR UPDATE is not enough: a writer that waited for it still sees the row it waited
    on, not the one the other writer appended, and both would take the same seq.)
    SQLite: write transactions are exclusive (IMMEDIATE mode), so the read is current.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [CHAIN_LOCK])
    last = AuditEntry.objects.order_by("-seq").only("seq", "hash").first()
    return (last.seq, last.hash) if last else (0, GENESIS)


def _entry(*, seq: int, created_at, actor: Any, action: str, obj: Any,
           data: dict[str, Any] | None, prev_hash: str) -> AuditEntry:
    """An unsaved entry chained to ``prev_hash``, its own hash computed."""
    entry = AuditEntry(
        seq=seq,
        created_at=created_at,
        actor=actor if getattr(actor, "pk", None) else None,
        actor_label=str(getattr(actor, "username", "") or "system"),
        action=action,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        object_label=str(obj)[:200] if obj is not None else "",
        data=data or {},
        prev_hash=prev_hash,
    )
    entry.hash = entry.compute_hash()
    return entry


@transaction.atomic
def audit_record(*, actor: Any, action: str, obj: Any = None,
                 data: dict[str, Any] | None = None) -> AuditEntry:
    """Append one entry, chained to the last one.

    The chain is locked until the transaction ends (see ``_chain_head``), so two writers
    cannot both chain to the same predecessor.
    """
    seq, prev = _chain_head()
    entry = _entry(seq=seq + 1, created_at=timezone.now(), actor=actor, action=action, obj=obj,
                   data=data, prev_hash=prev)
    entry.save()
    return entry


@transaction.atomic
def audit_record_many(entries: list[tuple[Any, str, Any, dict[str, Any] | None]]) -> list[AuditEntry]:
    """Append many entries ``(actor, action, obj, data)`` in one insert, chained in order.

    For bulk work (a scan chunk that opens thousands of cases): one lock on the last entry,
    hashes computed in memory, one ``bulk_create``. The chain is the same as from
    ``audit_record`` called once per entry.
    """
    if not entries:
        return []
    seq, prev = _chain_head()
    now = timezone.now()
    rows = []
    for actor, action, obj, data in entries:
        seq += 1
        entry = _entry(seq=seq, created_at=now, actor=actor, action=action, obj=obj, data=data,
                       prev_hash=prev)
        prev = entry.hash
        rows.append(entry)
    return AuditEntry.objects.bulk_create(rows, batch_size=1000)
