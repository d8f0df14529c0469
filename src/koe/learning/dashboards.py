"""The training dashboard for managers and the governance team: completion and certification
rates by department and month by month, and who is overdue. Managers see the people who report
to them (directly or further down); ``learning.report`` roles see everyone."""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from koe.accounts.charts import colour
from koe.people.models import Department, User
from koe.people.permissions import can

from .models import Certificate, Course, Enrollment, Track
from .selectors import DepartmentRow, enrolment_counts_by_department

NO_DEPARTMENT = "—"
MAX_CHAIN = 12  # how far down a reporting line the manager's view reaches
MAX_OVERDUE = 5000


def report_ids(manager: User) -> set[int]:
    """Everyone who reports to ``manager``, directly or through other managers."""
    found: set[int] = set()
    level = {manager.pk}
    for _ in range(MAX_CHAIN):
        level = set(User.objects.filter(manager_id__in=level).values_list("pk", flat=True)) - found
        if not level:
            break
        found |= level
    found.discard(manager.pk)
    return found


def people_in_scope(user: User) -> QuerySet[User] | None:
    """Active people whose training ``user`` may see on the dashboard; None when nobody (the
    view answers 403)."""
    people = User.objects.filter(is_active=True)
    if can(user, "learning.report"):
        return people
    ids = report_ids(user)
    return people.filter(pk__in=ids) if ids else None


def month_ends(months: int, today: dt.date) -> list[tuple[str, dt.date]]:
    """("YYYY-MM", last day) of the last ``months`` months, oldest first; this month ends today."""
    out = []
    for back in range(months - 1, -1, -1):
        year, month0 = divmod(today.year * 12 + today.month - 1 - back, 12)
        end = dt.date(year, month0 + 1, calendar.monthrange(year, month0 + 1)[1])
        out.append((f"{year}-{month0 + 1:02d}", min(end, today)))
    return out


def _end_of(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.max))


@dataclass
class Series:
    label: str
    values: list[int]


@dataclass
class TrainingDashboard:
    scope: str                                   # "all" or "team"
    people: int
    completion: list[DepartmentRow]
    tracks: list[Track]
    track: Track | None
    certification: list[tuple[str, int, int]]    # department, people, certified (chosen track)
    months: list[str]
    completion_trend: list[Series] = field(default_factory=list)
    certification_trend: list[Series] = field(default_factory=list)
    overdue: list[dict] = field(default_factory=list)

    @staticmethod
    def rate(part: int, whole: int) -> int:
        return round(100 * part / whole) if whole else 0


def _dept_names() -> dict:
    return {d.pk: d.name for d in Department.objects.all()}


def _sorted_depts(keys, names) -> list:
    return sorted(keys, key=lambda k: (k is None, names.get(k, NO_DEPARTMENT)))


def training_dashboard(user: User, *, department: Department | None = None,
                       course: Course | None = None, track: Track | None = None,
                       months: int = 12, today: dt.date | None = None) -> TrainingDashboard | None:
    """Everything the dashboard shows, for the people ``user`` may see (None: nobody)."""
    today = today or timezone.localdate()
    people = people_in_scope(user)
    if people is None:
        return None
    if department is not None:
        people = people.filter(department=department)
    names = _dept_names()
    enrollments = Enrollment.objects.filter(user__in=people)
    if course is not None:
        enrollments = enrollments.filter(course=course)

    agg = enrolment_counts_by_department(enrollments, today)
    by_dept = {a["user__department"]: a for a in agg}
    completion = [DepartmentRow(names.get(k, NO_DEPARTMENT), by_dept[k]["assigned"],
                                by_dept[k]["completed"], by_dept[k]["overdue"])
                  for k in _sorted_depts(by_dept, names)]

    tracks = list(Track.objects.all())
    if track is None:
        with_certs = (Certificate.objects.filter(user__in=people).values("track")
                      .annotate(n=Count("pk")).order_by("-n").first())
        track = next((t for t in tracks if with_certs and t.pk == with_certs["track"]),
                     tracks[0] if tracks else None)
    headcount = dict(people.values_list("department").annotate(n=Count("pk"))
                     .values_list("department", "n"))

    def certified_on(day: dt.date) -> dict:
        if track is None:
            return {}
        rows = (Certificate.objects.filter(user__in=people, track=track, issued_on__lte=day,
                                           expires_on__gt=day)
                .values("user__department").annotate(n=Count("user", distinct=True)))
        return {r["user__department"]: r["n"] for r in rows}

    now_certified = certified_on(today)
    depts = _sorted_depts(headcount, names)
    certification = [(names.get(k, NO_DEPARTMENT), headcount[k], now_certified.get(k, 0))
                     for k in depts]

    ends = month_ends(months, today)
    out = TrainingDashboard(scope="all" if can(user, "learning.report") else "team",
                            people=sum(headcount.values()), completion=completion,
                            tracks=tracks, track=track, certification=certification,
                            months=[label for label, _ in ends])
    comp: dict = {k: [] for k in _sorted_depts(set(by_dept) | set(headcount), names)}
    cert: dict = {k: [] for k in depts}
    for _label, end in ends:
        moment = _end_of(end)
        rows = {r["user__department"]: r for r in
                enrollments.filter(assigned_at__lte=moment).values("user__department")
                .annotate(total=Count("pk"), done=Count("pk", filter=Q(completed_at__lte=moment)))}
        for k in comp:
            row = rows.get(k)
            comp[k].append(TrainingDashboard.rate(row["done"], row["total"]) if row else 0)
        held = certified_on(end)
        for k in cert:
            cert[k].append(TrainingDashboard.rate(held.get(k, 0), headcount[k]))
    out.completion_trend = [Series(names.get(k, NO_DEPARTMENT), v) for k, v in comp.items()
                            if k in by_dept]
    out.certification_trend = [Series(names.get(k, NO_DEPARTMENT), v) for k, v in cert.items()]
    out.overdue = overdue_rows(people, course=course, today=today)
    return out


def overdue_rows(people: QuerySet[User], *, course: Course | None = None,
                 today: dt.date | None = None, limit: int = MAX_OVERDUE) -> list[dict]:
    """Open enrolments past their due date: person, department, course, due date, days overdue
    (most overdue first)."""
    today = today or timezone.localdate()
    qs = (Enrollment.objects.filter(user__in=people, completed_at__isnull=True, due_on__lt=today)
          .select_related("user", "user__department", "course").order_by("due_on", "user__username"))
    if course is not None:
        qs = qs.filter(course=course)
    return [{"person": e.user, "username": e.user.username,
             "name": e.user.get_full_name() or e.user.username,
             "department": e.user.department.name if e.user.department else NO_DEPARTMENT,
             "course": e.course.title, "course_slug": e.course.slug, "due_on": e.due_on,
             "days_overdue": (today - e.due_on).days} for e in qs[:limit]]


def line_chart_svg(months: list[str], series: list[Series], *, title: str,
                   width: int = 560, height: int = 220) -> SafeString:
    """Lines of percentages (0–100 %) over months, one colour per series, with a legend; every
    label is escaped.

    >>> "<b>" in line_chart_svg(["2026-01"], [Series("<b>", [50])], title="t")
    False
    """
    left, right, top, bottom = 36, 12, 10, 28
    inner_w, inner_h = width - left - right, height - top - bottom
    step = inner_w / (len(months) - 1) if len(months) > 1 else 0

    def xy(i: int, v: int) -> tuple[float, float]:
        x = left + (i * step if len(months) > 1 else inner_w / 2)
        return round(x, 1), round(top + inner_h * (1 - max(0, min(100, v)) / 100), 1)

    grid = format_html_join("", '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="#ccd"/>'
                            '<text x="{}" y="{}" text-anchor="end" font-size="11">{}%</text>',
                            ((left, xy(0, p)[1], width - right, xy(0, p)[1], left - 4,
                              xy(0, p)[1] + 4, p) for p in (0, 50, 100)))
    ticks = format_html_join("", '<text x="{}" y="{}" text-anchor="middle" font-size="11">{}</text>',
                             ((xy(i, 0)[0], height - 8, m[2:]) for i, m in enumerate(months)
                              if i % max(1, len(months) // 6) == 0 or i == len(months) - 1))
    lines = format_html_join("", '<polyline fill="none" stroke="{}" stroke-width="2" points="{}">'
                             '<title>{}</title></polyline>', (
        (colour(n), " ".join(f"{x},{y}" for x, y in (xy(i, v) for i, v in enumerate(s.values))),
         s.label) for n, s in enumerate(series)))
    dots = format_html_join("", '<circle cx="{}" cy="{}" r="3" fill="{}"><title>{} {}: {}%</title>'
                            '</circle>', (
        (*xy(i, v), colour(n), s.label, months[i], v)
        for n, s in enumerate(series) for i, v in enumerate(s.values)))
    legend = format_html_join("", '<li><span style="background:{}"></span>{}</li>',
                              ((colour(n), s.label) for n, s in enumerate(series)))
    return format_html(
        '<figure class="learning-line"><svg role="img" aria-label="{}" viewBox="0 0 {} {}" '
        'width="100%" xmlns="http://www.w3.org/2000/svg"><title>{}</title>{}{}{}{}</svg>'
        '<figcaption><ul class="legend">{}</ul></figcaption></figure>',
        title, width, height, title, grid, ticks, lines, dots, legend)
