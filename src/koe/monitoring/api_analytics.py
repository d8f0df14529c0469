"""Analytics API (mounted at /api/monitoring/analytics/…): the same numbers as the pages, with
the same filters (start, end, department code, category) and the same permission."""

from __future__ import annotations

import datetime as dt

from ninja import Query, Router, Schema

from koe.people.permissions import require

from . import analytics

router = Router(tags=["monitoring"])


class Filters(Schema):
    start: str | None = None
    end: str | None = None
    department: str | None = None
    category: str | None = None


class ScopeOut(Schema):
    start: dt.date
    end: dt.date
    department: str | None
    category: str | None


class CountOut(Schema):
    key: str
    label: str
    count: int


class RepeatOut(Schema):
    key: str
    label: str
    cases: int
    repeats: int
    rate: float | None


class ResolutionOut(Schema):
    key: str
    label: str
    resolved: int
    median_hours: float | None
    p90_hours: float | None


class SummaryOut(Schema):
    scope: ScopeOut
    findings: int
    dismissed: int
    cases: int
    repeat_cases: int
    repeat_rate: float | None
    people: int
    people_repeat: int
    people_repeat_rate: float | None
    resolved: int
    median_hours: float | None
    p90_hours: float | None
    by_category: list[CountOut]
    by_rule: list[CountOut]
    by_department: list[CountOut]
    repeats_by_department: list[RepeatOut]
    repeats_by_category: list[RepeatOut]
    resolution_by_category: list[ResolutionOut]


class WeekOut(Schema):
    week: dt.date
    total: int
    by_category: dict[str, int]
    resolved: int
    median_hours: float | None
    p90_hours: float | None


class ByWeekOut(Schema):
    scope: ScopeOut
    weeks: list[WeekOut]


class AreaOut(Schema):
    key: str
    label: str
    category: str
    findings: int
    previous: int
    trend: float | None
    people: int
    per_100: float | None
    cases: int
    repeat_cases: int
    repeat_rate: float | None
    score: float | None


class ProblemAreasOut(Schema):
    scope: ScopeOut
    previous: ScopeOut
    score: str
    rules: list[AreaOut]
    departments: list[AreaOut]


class PrecisionRowOut(Schema):
    rule: str
    label: str
    category: str
    findings: int
    dismissed: int
    precision: float | None
    reasons: dict[str, int]


class PrecisionOut(Schema):
    scope: ScopeOut
    rules: list[PrecisionRowOut]


def _scope(request, filters: Filters) -> analytics.Scope:
    require(request.user, "monitoring.analytics")
    return analytics.analytics_scope(**filters.dict())


def _scope_out(scope: analytics.Scope) -> dict:
    return {"start": scope.start, "end": scope.end,
            "department": scope.department.code if scope.department else None,
            "category": scope.category}


def _repeat(rows) -> list[dict]:
    return [{"key": r.key, "label": r.label, "cases": r.cases, "repeats": r.repeats,
             "rate": r.rate} for r in rows]


@router.get("/analytics/summary", response=SummaryOut)
def summary(request, filters: Query[Filters]):
    """Totals, repeat rates and time to resolution, findings by category, rule and department."""
    scope = _scope(request, filters)
    s = analytics.analytics_summary(scope)
    return {
        "scope": _scope_out(scope), **vars(s),
        "by_category": [vars(r) for r in analytics.findings_by_category(scope)],
        "by_rule": [vars(r) for r in analytics.findings_by_rule(scope)],
        "by_department": [vars(r) for r in analytics.findings_by_department(scope)],
        "repeats_by_department": _repeat(analytics.repeats_by_department(scope)),
        "repeats_by_category": _repeat(analytics.repeats_by_category(scope)),
        "resolution_by_category": [
            {"key": r.key, "label": r.label, "resolved": r.resolved,
             "median_hours": r.median_hours, "p90_hours": r.p90_hours}
            for r in analytics.resolution_by_category(scope)],
    }


@router.get("/analytics/by-week", response=ByWeekOut)
def by_week(request, filters: Query[Filters]):
    """Confirmed findings per week (Monday) by category, and time to resolution of the cases
    opened that week."""
    scope = _scope(request, filters)
    resolution = {r.key: r for r in analytics.resolution_by_week(scope)}
    weeks = []
    for w in analytics.findings_by_week(scope):
        r = resolution.get(w.start)
        weeks.append({"week": w.start, "total": w.total, "by_category": w.by_category,
                      "resolved": r.resolved if r else 0,
                      "median_hours": r.median_hours if r else None,
                      "p90_hours": r.p90_hours if r else None})
    return {"scope": _scope_out(scope), "weeks": weeks}


def _area(a: analytics.ProblemArea) -> dict:
    return {"key": a.key, "label": a.label, "category": a.category, "findings": a.findings,
            "previous": a.previous, "trend": a.trend, "people": a.people, "per_100": a.per_100,
            "cases": a.cases, "repeat_cases": a.repeat_cases, "repeat_rate": a.repeat_rate,
            "score": a.score}


@router.get("/analytics/problem-areas", response=ProblemAreasOut)
def problem_areas(request, filters: Query[Filters]):
    """Rules and departments ranked by score = confirmed findings per 100 people × (1 + repeat
    share); dismissed findings do not count; trend against the period just before."""
    scope = _scope(request, filters)
    return {"scope": _scope_out(scope), "previous": _scope_out(scope.previous()),
            "score": "confirmed findings per 100 people × (1 + share of repeat cases)",
            "rules": [_area(a) for a in analytics.problem_rules(scope)],
            "departments": [_area(a) for a in analytics.problem_departments(scope)]}


@router.get("/analytics/precision", response=PrecisionOut)
def precision(request, filters: Query[Filters]):
    """Per rule: findings, dismissed as false positives (with the reasons), precision in %."""
    scope = _scope(request, filters)
    return {"scope": _scope_out(scope), "rules": [
        {"rule": r.code, "label": r.label, "category": r.category, "findings": r.total,
         "dismissed": r.dismissed, "precision": r.precision, "reasons": dict(r.reasons)}
        for r in analytics.rule_precision(scope)]}
