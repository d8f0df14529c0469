"""Reads of the learning app: my learning, a course with progress, the completion report."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from koe.people.models import Department, User
from koe.people.permissions import can

from .models import Attempt, Certificate, Course, Enrollment, Quiz, Track


def visible_courses(user: User):
    """Published courses; people who manage learning also see drafts."""
    courses = Course.objects.select_related("track")
    if not can(user, "learning.manage"):
        courses = courses.filter(is_published=True)
    return courses


def course_for(user: User, slug: str) -> Course:
    """The course ``slug`` if ``user`` may see it, else 404."""
    course = visible_courses(user).filter(slug=slug).first()
    if course is None:
        raise Http404("no such course")
    return course


def quiz_for(user: User, pk: int) -> Quiz:
    quiz = Quiz.objects.select_related("course", "module").filter(
        pk=pk, course__in=visible_courses(user)).first()
    if quiz is None:
        raise Http404("no such quiz")
    return quiz


def passed_quiz_ids(user: User, quizzes) -> set[int]:
    return set(Attempt.objects.filter(user=user, quiz__in=quizzes, passed=True)
               .values_list("quiz_id", flat=True))


def course_progress(user: User, course: Course) -> int:
    """Percent done: passed quizzes of the course (100 once completed)."""
    enrollment = Enrollment.objects.filter(user=user, course=course).first()
    if enrollment and enrollment.completed_at:
        return 100
    quizzes = list(course.quizzes.all())
    if not quizzes:
        return 0
    return round(100 * len(passed_quiz_ids(user, quizzes)) / len(quizzes))


@dataclass
class MyCourse:
    course: Course
    enrollment: Enrollment | None
    progress: int


@dataclass
class MyLearning:
    assigned: list[MyCourse] = field(default_factory=list)
    other: list[Course] = field(default_factory=list)
    certificates: list[Certificate] = field(default_factory=list)


def my_learning(user: User) -> MyLearning:
    """Courses assigned to (or started by) ``user`` with progress, the rest of the catalogue,
    and their certificates, newest first."""
    enrollments = {e.course_id: e for e in
                   Enrollment.objects.filter(user=user).select_related("course", "course__track")}
    out = MyLearning()
    for course in visible_courses(user):
        if course.pk in enrollments:
            out.assigned.append(MyCourse(course, enrollments[course.pk],
                                         course_progress(user, course)))
        else:
            out.other.append(course)
    out.assigned.sort(key=lambda m: (m.enrollment.completed_at is not None,
                                     m.enrollment.due_on or timezone.localdate().replace(year=9999)))
    out.certificates = list(Certificate.objects.filter(user=user).select_related("track"))
    return out


@dataclass
class DepartmentRow:
    department: str
    assigned: int
    completed: int
    overdue: int

    @property
    def rate(self) -> int:
        return round(100 * self.completed / self.assigned) if self.assigned else 0


def enrolment_counts_by_department(enrollments: QuerySet, today: dt.date) -> QuerySet:
    """Rows of ``user__department`` with the ``assigned``, ``completed`` and ``overdue`` (due
    before ``today``, not completed) counts of ``enrollments``."""
    return (enrollments.values("user__department")
            .annotate(assigned=Count("pk"),
                      completed=Count("pk", filter=Q(completed_at__isnull=False)),
                      overdue=Count("pk", filter=Q(completed_at__isnull=True, due_on__lt=today))))


def completion_by_department(course: Course | None = None) -> list[DepartmentRow]:
    """Assigned, completed and overdue enrolments per department (people without one last)."""
    enrollments = Enrollment.objects.filter(user__is_active=True)
    if course is not None:
        enrollments = enrollments.filter(course=course)
    agg = enrolment_counts_by_department(enrollments, timezone.localdate())
    names = {d.pk: d.name for d in Department.objects.all()}
    rows = [DepartmentRow(names.get(a["user__department"], "—"), a["assigned"], a["completed"],
                          a["overdue"]) for a in agg]
    rows.sort(key=lambda r: (r.department == "—", r.department))
    return rows


def overdue(limit: int = 100):
    return (Enrollment.objects.filter(user__is_active=True, completed_at__isnull=True,
                                      due_on__lt=timezone.localdate())
            .select_related("user", "course", "user__department").order_by("due_on")[:limit])


def has_valid_certificate(user: User, track_code: str, *, on=None) -> bool:
    """True when ``user`` holds a certificate for the track that is still valid ``on`` (today
    by default) — what a brand-account grant can require."""
    day = on or timezone.localdate()
    return Certificate.objects.filter(user=user, track__code=track_code,
                                      issued_on__lte=day, expires_on__gt=day).exists()


@dataclass
class TeamRow:
    person: User
    assigned: int
    completed: int
    overdue: int


def team_progress(manager: User) -> list[TeamRow]:
    """A manager's direct reports with their assigned, completed and overdue courses."""
    today = timezone.localdate()
    people = (User.objects.filter(manager=manager, is_active=True)
              .annotate(assigned=Count("enrollments", distinct=True),
                        completed=Count("enrollments", distinct=True,
                                        filter=Q(enrollments__completed_at__isnull=False)),
                        overdue=Count("enrollments", distinct=True,
                                      filter=Q(enrollments__completed_at__isnull=True,
                                               enrollments__due_on__lt=today)))
              .order_by("username"))
    return [TeamRow(p, p.assigned, p.completed, p.overdue) for p in people]


@dataclass
class CertificationRow:
    department: str
    people: int
    certified: dict[str, int]
    rates: list[int] = field(default_factory=list)  # in the order of the tracks returned

    def rate(self, code: str) -> int:
        return round(100 * self.certified.get(code, 0) / self.people) if self.people else 0


def certification_by_department(tracks=None) -> tuple[list[Track], list[CertificationRow]]:
    """Per department: how many active people hold a valid certificate of each track."""
    today = timezone.localdate()
    tracks = list(tracks if tracks is not None else Track.objects.filter(certificates__isnull=False)
                  .distinct())
    headcount = dict(User.objects.filter(is_active=True).values_list("department")
                     .annotate(n=Count("pk")).values_list("department", "n"))
    valid = (Certificate.objects.filter(user__is_active=True, issued_on__lte=today,
                                        expires_on__gt=today)
             .values("user__department", "track__code").annotate(n=Count("user", distinct=True)))
    certified: dict = {}
    for row in valid:
        certified.setdefault(row["user__department"], {})[row["track__code"]] = row["n"]
    names = {d.pk: d.name for d in Department.objects.all()}
    rows = [CertificationRow(names.get(dept, "—"), n, certified.get(dept, {}))
            for dept, n in headcount.items()]
    for row in rows:
        row.rates = [row.rate(t.code) for t in tracks]
    rows.sort(key=lambda r: (r.department == "—", r.department))
    return tracks, rows


def completion_over_time(months: int = 12, *, today=None) -> list[tuple[str, int]]:
    """The completion rate (completed ÷ assigned so far) at the end of each of the last
    ``months`` months, oldest first, as ("YYYY-MM", percent)."""
    import calendar
    import datetime as dt

    today = today or timezone.localdate()
    out = []
    for back in range(months - 1, -1, -1):
        month0 = today.year * 12 + today.month - 1 - back
        year, month = divmod(month0, 12)
        month += 1
        end = dt.date(year, month, calendar.monthrange(year, month)[1])
        end = min(end, today)
        moment = timezone.make_aware(dt.datetime.combine(end, dt.time.max))
        assigned = Enrollment.objects.filter(assigned_at__lte=moment)
        total = assigned.count()
        done = assigned.filter(completed_at__lte=moment).count()
        out.append((f"{year}-{month:02d}", round(100 * done / total) if total else 0))
    return out
