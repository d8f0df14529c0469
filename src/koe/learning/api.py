"""Learning API (mounted at /api/learning): the catalogue, my enrolments, quiz attempts, my
certificates, assignments and the completion report — with the same permissions as the UI."""

from __future__ import annotations

import datetime as dt

from django.shortcuts import get_object_or_404
from ninja import Router, Schema, Status

from koe.people.models import Department
from koe.people.permissions import require
from koe.web.errors import ValidationFailed

from . import selectors, services
from .models import Course

router = Router(tags=["learning"])


class ModuleOut(Schema):
    order: int
    title: str
    body_markdown: str
    video_url: str


class QuizOut(Schema):
    id: int
    title: str
    module: int | None
    pass_mark: int
    max_attempts: int | None


class CourseOut(Schema):
    slug: str
    title: str
    summary: str
    track: str | None


class CourseDetailOut(CourseOut):
    modules: list[ModuleOut]
    quizzes: list[QuizOut]


class EnrollmentOut(Schema):
    course: str
    title: str
    due_on: dt.date | None
    completed_at: dt.datetime | None
    progress: int
    overdue: bool


class AttemptIn(Schema):
    answers: dict[str, list[int]]


class ResultOut(Schema):
    question: int
    correct: bool
    right_choices: list[int]
    explanation: str


class AttemptOut(Schema):
    id: int
    score: int
    passed: bool
    attempts_left: int | None
    results: list[ResultOut]


class CertificateOut(Schema):
    track: str
    name: str
    issued_on: dt.date
    expires_on: dt.date
    valid: bool


class AssignIn(Schema):
    course: str
    role: str | None = None
    department: str | None = None
    due_on: dt.date | None = None


class AssignOut(Schema):
    people: int


class RowOut(Schema):
    department: str
    assigned: int
    completed: int
    overdue: int
    rate: int


def _course_out(c: Course) -> dict:
    return {"slug": c.slug, "title": c.title, "summary": c.summary,
            "track": c.track.code if c.track else None}


@router.get("/courses", response=list[CourseOut], summary="The course catalogue")
def course_list(request):
    require(request.user, "learning.take")
    return [_course_out(c) for c in selectors.visible_courses(request.user)]


@router.get("/courses/{slug}", response=CourseDetailOut, summary="One course with its modules")
def course_detail(request, slug: str):
    require(request.user, "learning.take")
    course = selectors.course_for(request.user, slug)
    return {**_course_out(course),
            "modules": [{"order": m.order, "title": m.title, "body_markdown": m.body,
                         "video_url": m.video_url} for m in course.modules.all()],
            "quizzes": [{"id": q.pk, "title": q.title, "module": q.module_id,
                         "pass_mark": q.pass_mark, "max_attempts": q.max_attempts}
                        for q in course.quizzes.all()]}


@router.get("/enrolments", response=list[EnrollmentOut], summary="My courses")
def enrollment_list(request):
    require(request.user, "learning.take")
    return [{"course": m.course.slug, "title": m.course.title, "due_on": m.enrollment.due_on,
             "completed_at": m.enrollment.completed_at, "progress": m.progress,
             "overdue": m.enrollment.is_overdue}
            for m in selectors.my_learning(request.user).assigned]


@router.post("/quizzes/{int:quiz_id}/attempts", response={201: AttemptOut},
             summary="Submit a quiz attempt")
def attempt_create(request, quiz_id: int, payload: AttemptIn):
    require(request.user, "learning.take")
    quiz = selectors.quiz_for(request.user, quiz_id)
    attempt = services.attempt_submit(user=request.user, quiz=quiz, answers=payload.answers)
    results = []
    for q in quiz.questions.prefetch_related("choices"):
        right = sorted(c.pk for c in q.choices.all() if c.correct)
        results.append({"question": q.pk, "right_choices": right, "explanation": q.explanation,
                        "correct": sorted(attempt.answers.get(str(q.pk), [])) == right})
    return Status(201, {"id": attempt.pk, "score": attempt.score, "passed": attempt.passed,
                        "attempts_left": services.attempts_left(user=request.user, quiz=quiz),
                        "results": results})


@router.get("/certificates", response=list[CertificateOut], summary="My certificates")
def certificate_list(request):
    require(request.user, "learning.take")
    return [{"track": c.track.code, "name": c.track.name, "issued_on": c.issued_on,
             "expires_on": c.expires_on, "valid": c.is_valid}
            for c in selectors.my_learning(request.user).certificates]


@router.post("/assignments", response={201: AssignOut},
             summary="Assign a course by role and/or department")
def assignment_create(request, payload: AssignIn):
    require(request.user, "learning.manage")
    course = get_object_or_404(Course, slug=payload.course)
    department = None
    if payload.department:
        department = Department.objects.filter(code=payload.department).first()
        if department is None:
            raise ValidationFailed("department", f"No department {payload.department!r}.",
                                   f"部署 {payload.department!r} はありません。")
    count = services.course_assign(actor=request.user, course=course, due_on=payload.due_on,
                                   role=payload.role, department=department)
    return Status(201, {"people": count})


@router.get("/report", response=list[RowOut], summary="Completion by department")
def report(request, course: str | None = None):
    require(request.user, "learning.report")
    chosen = get_object_or_404(Course, slug=course) if course else None
    return [{"department": r.department, "assigned": r.assigned, "completed": r.completed,
             "overdue": r.overdue, "rate": r.rate}
            for r in selectors.completion_by_department(chosen)]
