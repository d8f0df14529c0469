"""Learning API, second router (mounted at /api/learning too): my quiz attempts, course
authoring (learning.manage) and the training dashboard (managers for their reports,
learning.report for everyone). Errors: ``{"error", "message", "field"}``."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from ninja import Router, Schema, Status

from koe.people.models import Department
from koe.people.permissions import require
from koe.web.api import ErrorOut
from koe.web.errors import ValidationFailed

from . import services
from .dashboards import overdue_rows, people_in_scope, training_dashboard
from .models import Attempt, Course, Module, Track

router = Router(tags=["learning"])

ERRORS = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut}


class AttemptRowOut(Schema):
    id: int
    quiz: int
    quiz_title: str
    course: str
    score: int
    passed: bool
    at: dt.datetime


class AuthoredModuleOut(Schema):
    id: int
    order: int
    title_en: str
    title_ja: str
    body_en: str
    body_ja: str
    video_url: str


class AuthoredCourseOut(Schema):
    slug: str
    track: str | None
    title_en: str
    title_ja: str
    summary_en: str
    summary_ja: str
    is_published: bool
    modules: list[AuthoredModuleOut]


class CourseIn(Schema):
    title_en: str = ""
    title_ja: str = ""
    summary_en: str = ""
    summary_ja: str = ""
    track: str | None = None
    is_published: bool = False


class CourseCreateIn(CourseIn):
    slug: str


class ModuleIn(Schema):
    title_en: str = ""
    title_ja: str = ""
    body_en: str = ""
    body_ja: str = ""
    video_url: str = ""


class MoveIn(Schema):
    direction: str  # "up" or "down"


class OverdueOut(Schema):
    username: str
    name: str
    department: str
    course: str
    due_on: dt.date
    days_overdue: int


class RateOut(Schema):
    department: str
    assigned: int
    completed: int
    overdue: int
    rate: int


class CertRateOut(Schema):
    department: str
    people: int
    certified: int
    rate: int


class SeriesOut(Schema):
    department: str
    rates: list[int]


class DashboardOut(Schema):
    scope: str
    people: int
    track: str | None
    months: list[str]
    completion: list[RateOut]
    certification: list[CertRateOut]
    completion_by_month: list[SeriesOut]
    certification_by_month: list[SeriesOut]
    overdue: list[OverdueOut]


def _track(code: str | None) -> Track | None:
    if not code:
        return None
    track = Track.objects.filter(code=code).first()
    if track is None:
        raise ValidationFailed("track", f"No track {code!r}.", f"トラック {code!r} はありません。")
    return track


def _authored(course: Course) -> dict:
    return {"slug": course.slug, "track": course.track.code if course.track else None,
            "title_en": course.title_en, "title_ja": course.title_ja,
            "summary_en": course.summary_en, "summary_ja": course.summary_ja,
            "is_published": course.is_published,
            "modules": [{"id": m.pk, "order": m.order, "title_en": m.title_en,
                         "title_ja": m.title_ja, "body_en": m.body_en, "body_ja": m.body_ja,
                         "video_url": m.video_url} for m in course.modules.all()]}


@router.get("/attempts", response={200: list[AttemptRowOut], **ERRORS},
            summary="My quiz attempts, newest first")
def attempt_list(request):
    require(request.user, "learning.take")
    rows = Attempt.objects.filter(user=request.user).select_related("quiz", "quiz__course")[:500]
    return [{"id": a.pk, "quiz": a.quiz_id, "quiz_title": a.quiz.title,
             "course": a.quiz.course.slug, "score": a.score, "passed": a.passed, "at": a.at}
            for a in rows]


@router.post("/authoring/courses", response={201: AuthoredCourseOut, **ERRORS},
             summary="Create a course (a draft unless is_published)")
def course_create(request, payload: CourseCreateIn):
    require(request.user, "learning.manage")
    data = payload.dict()
    data["track"] = _track(data["track"])
    return Status(201, _authored(services.course_create(actor=request.user, **data)))


@router.get("/authoring/courses/{slug}", response={200: AuthoredCourseOut, **ERRORS},
            summary="A course with both languages of every module (drafts too)")
def course_get(request, slug: str):
    require(request.user, "learning.manage")
    return _authored(get_object_or_404(Course, slug=slug))


@router.patch("/authoring/courses/{slug}", response={200: AuthoredCourseOut, **ERRORS},
              summary="Change a course's titles, summaries, track or publication")
def course_update(request, slug: str, payload: CourseIn):
    require(request.user, "learning.manage")
    course = get_object_or_404(Course, slug=slug)
    data = payload.dict()
    data["track"] = _track(data["track"])
    return _authored(services.course_update(actor=request.user, course=course, **data))


@router.post("/authoring/courses/{slug}/modules", response={201: AuthoredModuleOut, **ERRORS},
             summary="Add a module (Markdown in both languages, optional https video link)")
def module_create(request, slug: str, payload: ModuleIn):
    require(request.user, "learning.manage")
    course = get_object_or_404(Course, slug=slug)
    m = services.module_create(actor=request.user, course=course, **payload.dict())
    return Status(201, {"id": m.pk, "order": m.order, "title_en": m.title_en,
                        "title_ja": m.title_ja, "body_en": m.body_en, "body_ja": m.body_ja,
                        "video_url": m.video_url})


@router.patch("/authoring/modules/{int:pk}", response={200: AuthoredModuleOut, **ERRORS},
              summary="Change a module")
def module_update(request, pk: int, payload: ModuleIn):
    require(request.user, "learning.manage")
    m = services.module_update(actor=request.user, module=get_object_or_404(Module, pk=pk),
                               **payload.dict())
    return {"id": m.pk, "order": m.order, "title_en": m.title_en, "title_ja": m.title_ja,
            "body_en": m.body_en, "body_ja": m.body_ja, "video_url": m.video_url}


@router.post("/authoring/modules/{int:pk}/move", response={200: AuthoredCourseOut, **ERRORS},
             summary="Move a module up or down; returns the course in its new order")
def module_move(request, pk: int, payload: MoveIn):
    require(request.user, "learning.manage")
    module = get_object_or_404(Module.objects.select_related("course"), pk=pk)
    if payload.direction not in ("up", "down"):
        raise ValidationFailed("direction", "The direction is up or down.",
                               "方向は up か down です。")
    services.module_move(actor=request.user, module=module, up=payload.direction == "up")
    return _authored(module.course)


def _filter(model, field: str, value: str | None):
    if not value:
        return None
    obj = model.objects.filter(**{field: value}).first()
    if obj is None:
        raise Http404(value)
    return obj


@router.get("/dashboard", response={200: DashboardOut, **ERRORS},
            summary="Completion and certification by department and by month, and who is "
                    "overdue (managers: their reports; learning.report: everyone)")
def dashboard(request, department: str | None = None, course: str | None = None,
              track: str | None = None, months: int = 12):
    d = training_dashboard(request.user, department=_filter(Department, "code", department),
                           course=_filter(Course, "slug", course),
                           track=_filter(Track, "code", track), months=max(1, min(months, 36)))
    if d is None:
        raise PermissionDenied("learning.report")
    return {"scope": d.scope, "people": d.people, "track": d.track.code if d.track else None,
            "months": d.months,
            "completion": [{"department": r.department, "assigned": r.assigned,
                            "completed": r.completed, "overdue": r.overdue, "rate": r.rate}
                           for r in d.completion],
            "certification": [{"department": name, "people": people, "certified": n,
                               "rate": d.rate(n, people)} for name, people, n in d.certification],
            "completion_by_month": [{"department": s.label, "rates": s.values}
                                    for s in d.completion_trend],
            "certification_by_month": [{"department": s.label, "rates": s.values}
                                       for s in d.certification_trend],
            "overdue": d.overdue}


@router.get("/dashboard/overdue", response={200: list[OverdueOut], **ERRORS},
            summary="Who is overdue: person, department, course, due date, days overdue")
def overdue(request, department: str | None = None, course: str | None = None):
    people = people_in_scope(request.user)
    if people is None:
        raise PermissionDenied("learning.report")
    chosen = _filter(Department, "code", department)
    if chosen is not None:
        people = people.filter(department=chosen)
    return overdue_rows(people, course=_filter(Course, "slug", course))
