"""Cases and findings made straight with the models, for the analytics tests (no ingest)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from koe.monitoring.choices import CaseStatus
from koe.monitoring.models import Case, Finding


def at(day: str, hour: int = 12) -> dt.datetime:
    """An aware local time on ``day`` (YYYY-MM-DD)."""
    return timezone.make_aware(dt.datetime.combine(dt.date.fromisoformat(day), dt.time(hour)))


def make_case(*, person=None, department=None, category="pii", severity="minor", repeat=False,
              opened: str = "2026-03-02", hour: int = 12, resolved_after_hours: float | None = None,
              status: str | None = None, findings=()) -> Case:
    """A case and its findings: each finding is (rule, category) or (rule, category, reason)
    — a reason marks it dismissed as a false positive."""
    opened_at = at(opened, hour)
    resolved_at = (opened_at + dt.timedelta(hours=resolved_after_hours)
                   if resolved_after_hours is not None else None)
    case = Case.objects.create(
        person=person, department=department if department is not None else (
            person.department if person else None),
        category=category, severity=severity, repeat=repeat, action="coach",
        opened_at=opened_at, resolved_at=resolved_at,
        status=status or (CaseStatus.RESOLVED if resolved_at else CaseStatus.COACHING_SENT))
    Finding.objects.bulk_create([
        Finding(case=case, rule_code=f[0], category=f[1], severity=severity, start=0, end=4,
                excerpt="····", created_at=opened_at,
                dismissed_at=opened_at + dt.timedelta(hours=1) if len(f) > 2 else None,
                dismiss_reason=f[2] if len(f) > 2 else "")
        for f in findings])
    return case
