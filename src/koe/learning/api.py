"""Learning API (mounted at /api/learning): the catalogue, my enrolments, quiz attempts, my
certificates, assignments and the completion report — with the same permissions as the UI."""

from __future__ import annotations

import datetime as dt

from django.shortcuts import get_object_or_404
from ninja import Router, Schema, Status

from koe.people.models import Department
from koe.people.permissions import require
from koe.web.errors import ValidationFailed

from . import selectors, services, workshops
from .models import Course, Track

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


# ----------------------------------------------------------------------------- workshops

class WorkshopOut(Schema):
    id: int
    title: str
    description: str
    starts_at: dt.datetime
    ends_at: dt.datetime
    time_zone: str
    local_start: str
    local_end: str
    place: str
    online_url: str
    capacity: int
    registered: int
    waiting: int
    seats_left: int
    status: str
    series: int | None
    track: str | None
    course: str | None
    my_status: str | None


class RepeatIn(Schema):
    frequency: str
    count: int | None = None
    until: dt.date | None = None


class WorkshopIn(Schema):
    title_en: str = ""
    title_ja: str = ""
    description_en: str = ""
    description_ja: str = ""
    starts_at: dt.datetime
    ends_at: dt.datetime
    time_zone: str
    place: str = ""
    online_url: str = ""
    capacity: int
    track: str | None = None
    course: str | None = None
    repeat: RepeatIn | None = None


class RegistrationIn(Schema):
    waitlist: bool = False


class RegistrationOut(Schema):
    workshop: int
    status: str
    waiting_position: int | None
    seats_left: int


class AttendanceIn(Schema):
    attendance: dict[str, str]


class AttendanceOut(Schema):
    changed: int


class FeedbackIn(Schema):
    rating: int
    comment: str = ""


class FeedbackOut(Schema):
    workshop: int
    rating: int
    comment: str


def _workshop_out(w, my_status=None) -> dict:
    times = workshops.session_times(w)
    return {"id": w.pk, "title": w.title, "description": w.description,
            "starts_at": w.starts_at, "ends_at": w.ends_at, "time_zone": w.time_zone,
            "local_start": times.session_start, "local_end": times.session_end,
            "place": w.place, "online_url": w.online_url, "capacity": w.capacity,
            "registered": w.taken, "waiting": w.waiting, "seats_left": workshops.seats_left(w),
            "status": w.status, "series": w.series_id,
            "track": w.track.code if w.track else None,
            "course": w.course.slug if w.course else None, "my_status": my_status}


@router.get("/workshops", response=list[WorkshopOut],
            summary="Upcoming workshop sessions with the seats left")
def workshop_list(request):
    require(request.user, "learning.take")
    return [_workshop_out(w, w.my_status) for w in workshops.upcoming_workshops(request.user)]


@router.get("/workshops/{int:workshop_id}", response=WorkshopOut, summary="One workshop session")
def workshop_detail(request, workshop_id: int):
    require(request.user, "learning.take")
    w = workshops.workshop_for(request.user, workshop_id)
    mine = workshops.my_registration(request.user, w)
    return _workshop_out(w, mine.status if mine else None)


@router.post("/workshops", response={201: list[WorkshopOut]},
             summary="Create a session, or a weekly/monthly series (with repeat)")
def workshop_create(request, payload: WorkshopIn):
    require(request.user, "workshops.manage")
    fields = payload.dict(exclude={"starts_at", "ends_at", "repeat", "track", "course"})
    fields["track"] = get_object_or_404(Track, code=payload.track) if payload.track else None
    fields["course"] = get_object_or_404(Course, slug=payload.course) if payload.course else None
    if payload.repeat:
        series = workshops.series_create(
            actor=request.user, starts_at=payload.starts_at, ends_at=payload.ends_at,
            frequency=payload.repeat.frequency, count=payload.repeat.count,
            until=payload.repeat.until, **fields)
        ids = list(series.sessions.values_list("pk", flat=True))
    else:
        ids = [workshops.workshop_create(actor=request.user, starts_at=payload.starts_at,
                                         ends_at=payload.ends_at, **fields).pk]
    return Status(201, [_workshop_out(workshops.workshop_for(request.user, pk)) for pk in ids])


def _registration_out(request, w) -> dict:
    w = workshops.workshop_for(request.user, w.pk)
    mine = workshops.my_registration(request.user, w)
    return {"workshop": w.pk, "status": mine.status if mine else "cancelled",
            "waiting_position": (workshops.waiting_position(mine)
                                 if mine and mine.status == "waiting" else None),
            "seats_left": workshops.seats_left(w)}


@router.post("/workshops/{int:workshop_id}/registrations", response={201: RegistrationOut},
             summary="Register for a session (waitlist=true to join a full session's waiting "
                     "list)")
def registration_create(request, workshop_id: int, payload: RegistrationIn | None = None):
    require(request.user, "learning.take")
    w = workshops.workshop_for(request.user, workshop_id)
    workshops.registration_create(user=request.user, workshop=w,
                                  waitlist=bool(payload and payload.waitlist))
    return Status(201, _registration_out(request, w))


@router.delete("/workshops/{int:workshop_id}/registrations/me", response=RegistrationOut,
               summary="Cancel my registration (the first person waiting gets the seat)")
def registration_cancel(request, workshop_id: int):
    require(request.user, "learning.take")
    w = workshops.workshop_for(request.user, workshop_id)
    workshops.registration_cancel(user=request.user, workshop=w)
    return _registration_out(request, w)


@router.post("/workshops/{int:workshop_id}/attendance", response=AttendanceOut,
             summary="Mark who attended: {username: attended | no_show}")
def attendance_mark(request, workshop_id: int, payload: AttendanceIn):
    require(request.user, "workshops.manage")
    w = workshops.workshop_for(request.user, workshop_id)
    regs = dict(w.registrations.filter(user__username__in=list(payload.attendance))
                .values_list("user__username", "pk"))
    unknown = sorted(set(payload.attendance) - set(regs))
    if unknown:
        raise ValidationFailed("attendance", f"Not registered for this session: "
                               f"{', '.join(unknown)}.",
                               f"このセッションに登録されていません: {', '.join(unknown)}")
    changed = workshops.attendance_mark(
        actor=request.user, workshop=w,
        marks={regs[name]: value for name, value in payload.attendance.items()})
    return {"changed": changed}


@router.post("/workshops/{int:workshop_id}/feedback", response={201: FeedbackOut},
             summary="Rate a session you attended (1–5, with an optional comment)")
def feedback_submit(request, workshop_id: int, payload: FeedbackIn):
    require(request.user, "learning.take")
    w = workshops.workshop_for(request.user, workshop_id)
    fb = workshops.feedback_submit(user=request.user, workshop=w, rating=payload.rating,
                                   comment=payload.comment)
    return Status(201, {"workshop": w.pk, "rating": fb.rating, "comment": fb.comment})
