"""Cases and findings made straight with the models, for the analytics tests (no ingest)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from koe.monitoring.choices import CaseStatus
from koe.monitoring.models import Case, Finding
from koe.people.testing import DepartmentFactory, make_person


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


def make_world() -> dict:
    """Sales (4 active people) and Engineering (2); five real cases in the two weeks, one
    dismissed case, one case the week before and one after."""
    sales = DepartmentFactory(code="sales", name_en="Sales", name_ja="営業部")
    eng = DepartmentFactory(code="eng", name_en="Engineering", name_ja="開発部")
    gov = DepartmentFactory(code="gov", name_en="Governance", name_ja="ガバナンス部")
    alice, bob, carol, erin = (make_person(username=n, department=sales)
                               for n in ("alice", "bob", "carol", "erin"))
    make_person(username="frank", department=sales, is_active=False)
    dave, gina = (make_person(username=n, department=eng) for n in ("dave", "gina"))
    chie = make_person("compliance", username="chie", department=gov)
    make_case(person=alice, opened="2026-03-02", resolved_after_hours=2,
              findings=[("P101", "pii")])
    make_case(person=alice, repeat=True, opened="2026-03-03", resolved_after_hours=4,
              findings=[("P101", "pii"), ("P101", "pii", "test address")])
    make_case(person=bob, category="secret", severity="major", repeat=True, opened="2026-03-10",
              resolved_after_hours=10, findings=[("S101", "secret")])
    make_case(person=carol, category="secret", severity="major", repeat=True,
              opened="2026-03-11", findings=[("S101", "secret")])
    make_case(person=dave, opened="2026-03-12", resolved_after_hours=1,
              status=CaseStatus.DISMISSED, findings=[("P101", "pii", "not personal data")])
    make_case(person=dave, category="claims", opened="2026-03-12", hour=9,
              resolved_after_hours=6, findings=[("R101", "claims")])
    make_case(person=erin, opened="2026-02-20", resolved_after_hours=3,
              findings=[("P101", "pii")])
    make_case(person=gina, opened="2026-03-20", findings=[("P102", "pii")])
    return {"sales": sales, "eng": eng, "gov": gov, "chie": chie}
