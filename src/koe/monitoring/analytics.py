"""Monitoring analytics (read side): findings by category, rule, department and week; repeat
rates; time to resolution; problem areas; per-rule precision.

Every number is aggregated by the database — one query per chart, no Python loop over cases —
with the same SQL on SQLite and PostgreSQL (TruncWeek, window functions, filtered counts).
Charts count *confirmed* findings: a finding dismissed as a false positive counts only in the
precision view.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace

from django.db.models import (
    Count,
    DurationField,
    ExpressionWrapper,
    F,
    Max,
    Q,
    QuerySet,
    Window,
)
from django.db.models.functions import RowNumber, TruncWeek
from django.db.models.lookups import GreaterThanOrEqual, LessThan
from django.utils import timezone
from django.utils.translation import gettext as _

from koe.audit.models import AuditEntry
from koe.engine import CATEGORIES
from koe.people.models import Department, User
from koe.policies.choices import CATEGORY_LABELS
from koe.web.errors import ValidationFailed

from .choices import CaseStatus
from .models import Case, Finding

DEFAULT_WEEKS = 12
MAX_DAYS = 3 * 366  # a wider range makes week charts unreadable
PERCENTILES = (50, 90)
GUIDANCE_ACTION = "monitoring.guidance_create"
TRAINING_ACTION = "monitoring.training_assign"


# ----------------------------------------------------------------------------- scope

@dataclass(frozen=True)
class Scope:
    """What the analytics look at: ``start``..``end`` (local dates, both included), optionally
    one department and one category."""

    start: dt.date
    end: dt.date
    department: Department | None = None
    category: str | None = None

    @property
    def start_at(self) -> dt.datetime:
        return _local_midnight(self.start)

    @property
    def end_at(self) -> dt.datetime:
        """The first moment after the range (midnight after ``end``)."""
        return _local_midnight(self.end + dt.timedelta(days=1))

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def previous(self) -> Scope:
        """The period of the same length just before this one."""
        return replace(self, start=self.start - dt.timedelta(days=self.days),
                       end=self.start - dt.timedelta(days=1))

    def as_query(self) -> dict[str, str]:
        out = {"start": self.start.isoformat(), "end": self.end.isoformat()}
        if self.department:
            out["department"] = self.department.code
        if self.category:
            out["category"] = self.category
        return out


def _local_midnight(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def _parse_date(field_name: str, value: str | None, en_name: str, ja_name: str) -> dt.date | None:
    value = (value or "").strip()
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ValidationFailed(
            field_name, f"The {en_name} date “{value}” is not a date: write it as 2026-04-01.",
            f"{ja_name}「{value}」は日付として読めません。2026-04-01 の形で入力してください。",
        ) from None


def analytics_scope(*, start: str | None = None, end: str | None = None,
                    department: str | None = None, category: str | None = None,
                    today: dt.date | None = None) -> Scope:
    """The scope from query parameters (strings as typed); bad input raises ValidationFailed
    naming the parameter. Without dates: the last twelve weeks, starting on a Monday."""
    today = today or timezone.localdate()
    end_day = _parse_date("end", end, "end", "終了日") or today
    start_day = _parse_date("start", start, "start", "開始日")
    if start_day is None:
        monday = end_day - dt.timedelta(days=end_day.weekday())
        start_day = monday - dt.timedelta(weeks=DEFAULT_WEEKS - 1)
    if start_day > end_day:
        raise ValidationFailed("start", "The start date is after the end date.",
                               "開始日が終了日より後になっています。")
    if (end_day - start_day).days >= MAX_DAYS:
        raise ValidationFailed("start", "Choose a range of at most three years.",
                               "期間は最長 3 年までにしてください。")
    dept = None
    if department:
        dept = Department.objects.filter(code=department.strip()).first()
        if dept is None:
            raise ValidationFailed("department", f"There is no department “{department}”.",
                                   f"部署「{department}」はありません。")
    category = (category or "").strip() or None
    if category and category not in CATEGORIES:
        raise ValidationFailed("category", f"There is no category “{category}”.",
                               f"カテゴリ「{category}」はありません。")
    return Scope(start=start_day, end=end_day, department=dept, category=category)


def _findings(scope: Scope, *, confirmed: bool = True) -> QuerySet[Finding]:
    qs = Finding.objects.filter(created_at__gte=scope.start_at, created_at__lt=scope.end_at)
    if confirmed:
        qs = qs.filter(dismissed_at__isnull=True)
    if scope.department:
        qs = qs.filter(case__department=scope.department)
    if scope.category:
        qs = qs.filter(category=scope.category)
    return qs.order_by()


def _cases(scope: Scope) -> QuerySet[Case]:
    """Cases opened in the scope; a case dismissed as a false positive is no case."""
    qs = (Case.objects.filter(opened_at__gte=scope.start_at, opened_at__lt=scope.end_at)
          .exclude(status=CaseStatus.DISMISSED))
    if scope.department:
        qs = qs.filter(department=scope.department)
    if scope.category:
        qs = qs.filter(category=scope.category)
    return qs.order_by()


# ----------------------------------------------------------------------------- labels

def category_label(code: str) -> str:
    return str(CATEGORY_LABELS.get(code, code))


def current_rules() -> dict:
    """The published policy's rules by code (the compiled scanner's policy: cached)."""
    from koe.policies.selectors import current_scanner

    return current_scanner().policy.rules


def _rule_names() -> dict[str, str]:
    """Readable rule titles in the reader's language, by code."""
    from koe.policies.titles import rule_title

    return {code: rule_title(rule) for code, rule in current_rules().items()}


def _department_label(code: str | None, name_en: str | None, name_ja: str | None) -> str:
    if code is None:
        return _("No department")
    from koe.policies.rendering import reader_lang

    return (name_ja or name_en or code) if reader_lang() == "ja" else (name_en or name_ja or code)


def percent(part: int, whole: int) -> float | None:
    """``part`` of ``whole`` in percent, one decimal (None when there is nothing to divide).

    >>> percent(3, 4)
    75.0
    """
    return round(100 * part / whole, 1) if whole else None


# ----------------------------------------------------------------------------- findings

@dataclass
class Row:
    key: str
    label: str
    count: int


def findings_by_category(scope: Scope) -> list[Row]:
    rows = (_findings(scope).values("category").annotate(n=Count("pk"))
            .order_by("-n", "category"))
    return [Row(r["category"], category_label(r["category"]), r["n"]) for r in rows]


def findings_by_rule(scope: Scope) -> list[Row]:
    names = _rule_names()
    rows = (_findings(scope).values("rule_code").annotate(n=Count("pk"))
            .order_by("-n", "rule_code"))
    return [Row(r["rule_code"], f"{r['rule_code']} {names.get(r['rule_code'], '')}".strip(),
                r["n"]) for r in rows]


def findings_by_department(scope: Scope) -> list[Row]:
    rows = (_findings(scope)
            .values("case__department__code", "case__department__name_en",
                    "case__department__name_ja")
            .annotate(n=Count("pk")).order_by("-n", "case__department__code"))
    return [Row(r["case__department__code"] or "",
                _department_label(r["case__department__code"], r["case__department__name_en"],
                                  r["case__department__name_ja"]), r["n"]) for r in rows]


def weeks_of(scope: Scope) -> list[dt.date]:
    """The Mondays of the weeks the scope touches."""
    monday = scope.start - dt.timedelta(days=scope.start.weekday())
    return [monday + dt.timedelta(weeks=n) for n in range((scope.end - monday).days // 7 + 1)]


@dataclass
class Week:
    start: dt.date
    total: int
    by_category: dict[str, int] = field(default_factory=dict)


def findings_by_week(scope: Scope) -> list[Week]:
    """Confirmed findings per week (weeks start on Monday, in the site's time zone), split by
    category; weeks without findings are there with zero."""
    rows = (_findings(scope).annotate(week=TruncWeek("created_at")).values("week", "category")
            .annotate(n=Count("pk")).order_by("week"))
    weeks = {monday: Week(start=monday, total=0) for monday in weeks_of(scope)}
    for r in rows:
        week = weeks.setdefault(_as_date(r["week"]), Week(start=_as_date(r["week"]), total=0))
        week.by_category[r["category"]] = r["n"]
        week.total += r["n"]
    return [weeks[k] for k in sorted(weeks)]


def _as_date(value) -> dt.date:
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value


# ----------------------------------------------------------------------------- summary

@dataclass
class Summary:
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


def _people_with_cases(qs: QuerySet[Case]) -> tuple[int, int]:
    """(people with a case, people with more than one), counted in one query."""
    totals = (qs.filter(person__isnull=False).values("person").annotate(n=Count("pk"))
              .aggregate(people=Count("person"), multi=Count("person", filter=Q(n__gt=1))))
    return totals["people"] or 0, totals["multi"] or 0


def analytics_summary(scope: Scope) -> Summary:
    found = _findings(scope, confirmed=False).aggregate(
        confirmed=Count("pk", filter=Q(dismissed_at__isnull=True)),
        dismissed=Count("pk", filter=Q(dismissed_at__isnull=False)))
    cases = _cases(scope).aggregate(total=Count("pk"), repeats=Count("pk", filter=Q(repeat=True)))
    people, multi = _people_with_cases(_cases(scope))
    overall = resolution_times(_cases(scope), key=None).get(None)
    return Summary(
        findings=found["confirmed"], dismissed=found["dismissed"], cases=cases["total"],
        repeat_cases=cases["repeats"], repeat_rate=percent(cases["repeats"], cases["total"]),
        people=people, people_repeat=multi, people_repeat_rate=percent(multi, people),
        resolved=overall.resolved if overall else 0,
        median_hours=overall.median_hours if overall else None,
        p90_hours=overall.p90_hours if overall else None)


# ----------------------------------------------------------------------------- repeats

@dataclass
class RepeatRow:
    key: str
    label: str
    cases: int
    repeats: int

    @property
    def rate(self) -> float | None:
        return percent(self.repeats, self.cases)


def repeats_by_department(scope: Scope) -> list[RepeatRow]:
    rows = (_cases(scope).values("department__code", "department__name_en", "department__name_ja")
            .annotate(total=Count("pk"), repeats=Count("pk", filter=Q(repeat=True)))
            .order_by("department__code"))
    out = [RepeatRow(r["department__code"] or "",
                     _department_label(r["department__code"], r["department__name_en"],
                                       r["department__name_ja"]), r["total"], r["repeats"])
           for r in rows]
    return sorted(out, key=lambda r: (-(r.rate or 0), -r.cases, r.label))


def repeats_by_category(scope: Scope) -> list[RepeatRow]:
    rows = (_cases(scope).values("category")
            .annotate(total=Count("pk"), repeats=Count("pk", filter=Q(repeat=True)))
            .order_by("category"))
    out = [RepeatRow(r["category"], category_label(r["category"]), r["total"], r["repeats"])
           for r in rows]
    return sorted(out, key=lambda r: (-(r.rate or 0), -r.cases, r.label))


# ----------------------------------------------------------------------------- resolution

@dataclass
class Resolution:
    key: object
    label: str
    resolved: int
    median_hours: float | None
    p90_hours: float | None


def _hours(value: dt.timedelta | None) -> float | None:
    return None if value is None else round(value.total_seconds() / 3600, 1)


def _nearest_rank(percentile: int, n: int) -> int:
    """The 1-based rank of the ``percentile`` in ``n`` sorted values (nearest-rank method).

    >>> _nearest_rank(50, 4), _nearest_rank(90, 4), _nearest_rank(50, 1)
    (2, 4, 1)
    """
    return max(1, -(-percentile * n // 100))


def resolution_times(cases: QuerySet[Case], *, key) -> dict[object, Resolution]:
    """Median and 90th percentile of resolved − opened, per ``key`` (an expression; None: all
    cases together), by the nearest-rank method: the value itself, no interpolation.

    One query: a window numbers each group's resolved cases by duration, and only the rows at
    the percentiles' ranks come back.
    """
    duration = ExpressionWrapper(F("resolved_at") - F("opened_at"), output_field=DurationField())
    qs = (cases.filter(status=CaseStatus.RESOLVED, resolved_at__isnull=False)
          .annotate(k=key if key is not None else F("severity"), d=duration))
    partition = [F("k")] if key is not None else []
    qs = qs.annotate(rn=Window(RowNumber(), partition_by=partition,
                               order_by=[F("d").asc(), F("pk").asc()]),
                     n=Window(Count("pk"), partition_by=partition))
    at_rank = Q()
    for p in PERCENTILES:
        at_rank |= Q(GreaterThanOrEqual(F("rn") * 100, F("n") * p),
                     LessThan((F("rn") - 1) * 100, F("n") * p))
    out: dict[object, Resolution] = {}
    for k, rn, n, d in qs.filter(at_rank).values_list("k", "rn", "n", "d"):
        group = None if key is None else k
        res = out.setdefault(group, Resolution(key=group, label="", resolved=n, median_hours=None,
                                               p90_hours=None))
        if rn == _nearest_rank(50, n):
            res.median_hours = _hours(d)
        if rn == _nearest_rank(90, n):
            res.p90_hours = _hours(d)
    return out


def resolution_by_category(scope: Scope) -> list[Resolution]:
    rows = resolution_times(_cases(scope), key=F("category"))
    for k, res in rows.items():
        res.label = category_label(k)
    return sorted(rows.values(), key=lambda r: (-(r.median_hours or 0), r.label))


def resolution_by_week(scope: Scope) -> list[Resolution]:
    """Time to resolution of the cases opened in each week (weeks with none resolved: empty)."""
    found = {_as_date(k): res for k, res in
             resolution_times(_cases(scope), key=TruncWeek("opened_at")).items()}
    out = []
    for monday in weeks_of(scope):
        res = found.get(monday) or Resolution(key=monday, label="", resolved=0, median_hours=None,
                                              p90_hours=None)
        res.key, res.label = monday, monday.isoformat()
        out.append(res)
    return out


# ----------------------------------------------------------------------------- problem areas

@dataclass
class ProblemArea:
    """One rule or department, scored: findings per 100 people × (1 + repeat share)."""

    kind: str  # "rule" | "department"
    key: str
    label: str
    findings: int
    previous: int
    people: int  # the people the rate is per (the department's, or everyone's in scope)
    cases: int
    repeat_cases: int
    category: str = ""
    actions: list[dict] = field(default_factory=list)

    @property
    def per_100(self) -> float | None:
        return round(self._rate(), 1) if self.people else None

    def _rate(self) -> float:
        return 100 * self.findings / self.people

    @property
    def repeat_rate(self) -> float | None:
        return percent(self.repeat_cases, self.cases)

    @property
    def score(self) -> float | None:
        if not self.people:
            return None
        repeats = self.repeat_cases / self.cases if self.cases else 0
        return round(self._rate() * (1 + repeats), 1)

    @property
    def trend(self) -> float | None:
        """Change against the previous period in percent; None when there was nothing before."""
        return round(100 * (self.findings - self.previous) / self.previous, 1) if self.previous else None


def _problem_counts(scope: Scope, group: str) -> list[dict]:
    """Confirmed findings of this and the previous period per ``group``, in one query."""
    prev = scope.previous()
    current = Q(created_at__gte=scope.start_at)
    qs = Finding.objects.filter(dismissed_at__isnull=True, created_at__gte=prev.start_at,
                                created_at__lt=scope.end_at)
    if scope.department:
        qs = qs.filter(case__department=scope.department)
    if scope.category:
        qs = qs.filter(category=scope.category)
    return list(qs.order_by().values(*group.split(",")).annotate(
        findings=Count("pk", filter=current),
        previous=Count("pk", filter=~current),
        cases=Count("case", distinct=True, filter=current),
        repeat_cases=Count("case", distinct=True, filter=current & Q(case__repeat=True))))


def _headcounts() -> dict[int | None, int]:
    rows = User.objects.filter(is_active=True).order_by().values("department").annotate(
        n=Count("pk"))
    return {r["department"]: r["n"] for r in rows}


def _ranked(rows: list[ProblemArea]) -> list[ProblemArea]:
    return sorted(rows, key=lambda a: (a.score is None, -(a.score or 0), -a.findings, a.key))


def problem_rules(scope: Scope) -> list[ProblemArea]:
    """Rules ranked by confirmed findings per 100 people in scope, weighted by repeats."""
    heads = _headcounts()
    people = heads.get(scope.department.pk, 0) if scope.department else sum(heads.values())
    rules = current_rules()
    names = _rule_names()
    areas = []
    for r in _problem_counts(scope, "rule_code,category"):
        if not r["findings"] and not r["previous"]:
            continue
        code = r["rule_code"]
        areas.append(ProblemArea(
            kind="rule", key=code, label=f"{code} {names.get(code, '')}".strip(),
            findings=r["findings"], previous=r["previous"], people=people, cases=r["cases"],
            repeat_cases=r["repeat_cases"],
            category=rules[code].category if code in rules else r["category"]))
    # one rule may appear under two categories if a policy moved it: keep the counts together
    merged: dict[str, ProblemArea] = {}
    for a in areas:
        if a.key in merged:
            m = merged[a.key]
            m.findings, m.previous = m.findings + a.findings, m.previous + a.previous
            m.cases, m.repeat_cases = m.cases + a.cases, m.repeat_cases + a.repeat_cases
        else:
            merged[a.key] = a
    return _ranked(list(merged.values()))


def problem_departments(scope: Scope) -> list[ProblemArea]:
    """Departments ranked by confirmed findings per 100 of their people, weighted by repeats."""
    heads = _headcounts()
    areas = []
    group = "case__department,case__department__code,case__department__name_en,case__department__name_ja"
    for r in _problem_counts(scope, group):
        if r["case__department"] is None or (not r["findings"] and not r["previous"]):
            continue
        areas.append(ProblemArea(
            kind="department", key=r["case__department__code"],
            label=_department_label(r["case__department__code"], r["case__department__name_en"],
                                    r["case__department__name_ja"]),
            findings=r["findings"], previous=r["previous"],
            people=heads.get(r["case__department"], 0), cases=r["cases"],
            repeat_cases=r["repeat_cases"]))
    return _ranked(areas)


def problem_area_actions(limit: int = 300) -> dict[tuple[str, str], list[dict]]:
    """What the governance team did from the problem areas (guidance written, training
    assigned), newest first, keyed by ("rule", code) or ("department", code). The audit log
    is the record: each action writes one entry with the area it came from."""
    out: dict[tuple[str, str], list[dict]] = {}
    entries = (AuditEntry.objects.filter(action__in=[GUIDANCE_ACTION, TRAINING_ACTION])
               .order_by("-seq").values("action", "created_at", "actor_label", "data")[:limit])
    for e in entries:
        data = e["data"] or {}
        kind = "rule" if e["action"] == GUIDANCE_ACTION else "department"
        key = data.get("rule") if kind == "rule" else data.get("department")
        if key:
            out.setdefault((kind, key), []).append({**data, "action": e["action"],
                                                    "at": e["created_at"],
                                                    "actor": e["actor_label"]})
    return out


def problem_areas(scope: Scope) -> dict[str, list[ProblemArea]]:
    actions = problem_area_actions()
    rules, departments = problem_rules(scope), problem_departments(scope)
    for area in [*rules, *departments]:
        area.actions = actions.get((area.kind, area.key), [])
    return {"rules": rules, "departments": departments}


# ----------------------------------------------------------------------------- precision

@dataclass
class RulePrecision:
    code: str
    label: str
    category: str
    total: int
    dismissed: int
    reasons: list[tuple[str, int]] = field(default_factory=list)

    @property
    def precision(self) -> float | None:
        """1 − dismissed / total, in percent."""
        return round(100 * (1 - self.dismissed / self.total), 1) if self.total else None


def rule_precision(scope: Scope) -> list[RulePrecision]:
    """Per rule: findings, how many were dismissed as false positives (and why), precision;
    worst precision first."""
    names = _rule_names()
    findings = _findings(scope, confirmed=False)
    rows = {r["rule_code"]: RulePrecision(
        code=r["rule_code"], label=f"{r['rule_code']} {names.get(r['rule_code'], '')}".strip(),
        category=r["category"], total=r["total"], dismissed=r["dismissed"])
        for r in findings.values("rule_code").annotate(
            total=Count("pk"), dismissed=Count("pk", filter=Q(dismissed_at__isnull=False)),
            category=Max("category"))}
    reasons = (findings.filter(dismissed_at__isnull=False).values("rule_code", "dismiss_reason")
               .annotate(n=Count("pk")).order_by("rule_code", "-n", "dismiss_reason"))
    for r in reasons:
        rows[r["rule_code"]].reasons.append((r["dismiss_reason"] or "—", r["n"]))
    return sorted(rows.values(), key=lambda r: (r.precision, -r.total, r.code))
