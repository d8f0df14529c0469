"""Writing to the audit log. Call inside the transaction of the write being recorded."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from .models import AuditEntry

GENESIS = "0" * 64


@transaction.atomic
def audit_record(*, actor: Any, action: str, obj: Any = None,
                 data: dict[str, Any] | None = None) -> AuditEntry:
    """Append one entry, chained to the last one.

    The last entry is locked (PostgreSQL) or the write transaction is exclusive (SQLite's
    IMMEDIATE mode), so two writers cannot both chain to the same predecessor.
    """
    last = AuditEntry.objects.select_for_update().order_by("-seq").only("seq", "hash").first()
    entry = AuditEntry(
        seq=(last.seq + 1) if last else 1,
        created_at=timezone.now(),
        actor=actor if getattr(actor, "pk", None) else None,
        actor_label=str(getattr(actor, "username", "") or "system"),
        action=action,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        object_label=str(obj)[:200] if obj is not None else "",
        data=data or {},
        prev_hash=last.hash if last else GENESIS,
    )
    entry.hash = entry.compute_hash()
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
    last = AuditEntry.objects.select_for_update().order_by("-seq").only("seq", "hash").first()
    seq, prev = (last.seq, last.hash) if last else (0, GENESIS)
    now = timezone.now()
    rows = []
    for actor, action, obj, data in entries:
        seq += 1
        entry = AuditEntry(
            seq=seq, created_at=now,
            actor=actor if getattr(actor, "pk", None) else None,
            actor_label=str(getattr(actor, "username", "") or "system"),
            action=action,
            object_type=obj._meta.label_lower if obj is not None else "",
            object_id=str(obj.pk) if obj is not None else "",
            object_label=str(obj)[:200] if obj is not None else "",
            data=data or {}, prev_hash=prev)
        entry.hash = prev = entry.compute_hash()
        rows.append(entry)
    return AuditEntry.objects.bulk_create(rows, batch_size=1000)
