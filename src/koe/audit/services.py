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
