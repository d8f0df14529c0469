"""Pages: my learning, a course with its modules, a quiz (submit → score and explanations),
assigning courses, building a quiz, and the completion report. Each view loads with an access
check, validates, and calls one service; a service's error is shown with what was typed kept."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from koe.people.permissions import can, permission_required
from koe.web.errors import ValidationFailed
from koe.web.forms import add_service_error

from . import selectors, services
from .charts import bar_chart_svg
from .forms import AssignForm, QuizForm, parse_questions
from .models import Course, Enrollment
from .rendering import markdown_html
from .video import embed_url


def _posted(request):
    return request.POST if request.method == "POST" else None


@permission_required("learning.take")
def mine(request):
    return render(request, "learning/mine.html", {
        "learning": selectors.my_learning(request.user),
        "can_manage": can(request.user, "learning.manage"),
        "can_report": can(request.user, "learning.report"),
        "team": selectors.team_progress(request.user),
    })


@permission_required("learning.take")
def course_detail(request, slug):
    course = selectors.course_for(request.user, slug)
    modules = [(m, markdown_html(m.body)) for m in course.modules.all()]
    for m, _body in modules:
        m.embed = embed_url(m.video_url)
    quizzes = list(course.quizzes.all())
    passed = selectors.passed_quiz_ids(request.user, quizzes)
    return render(request, "learning/course.html", {
        "course": course, "modules": modules,
        "quizzes": [(q, q.pk in passed) for q in quizzes],
        "enrollment": Enrollment.objects.filter(user=request.user, course=course).first(),
        "progress": selectors.course_progress(request.user, course),
    })


@require_POST
@permission_required("learning.take")
def course_start(request, slug):
    course = selectors.course_for(request.user, slug)
    services.enrollment_create(user=request.user, course=course, actor=request.user)
    return redirect("learning:course", slug=course.slug)


@require_POST
@permission_required("learning.take")
def course_done(request, slug):
    course = selectors.course_for(request.user, slug)
    if course.quizzes.exists():
        messages.info(request, _("This course is completed by passing its quizzes."))
    else:
        services.course_check_complete(user=request.user, course=course, read=True)
        messages.success(request, _("Course completed."))
    return redirect("learning:course", slug=course.slug)


def _answers_from(request, quiz) -> dict[str, list[str]]:
    return {str(q.pk): request.POST.getlist(f"q{q.pk}") for q in quiz.questions.all()}


@permission_required("learning.take")
def quiz(request, pk):
    quiz = selectors.quiz_for(request.user, pk)
    questions = list(quiz.questions.prefetch_related("choices"))
    context = {"quiz": quiz, "questions": questions, "attempt": None, "error": None,
               "picked": set()}
    status = 200
    if request.method == "POST":
        answers = _answers_from(request, quiz)
        context["picked"] = {int(v) for vs in answers.values() for v in vs if v.isdigit()}
        try:
            context["attempt"] = services.attempt_submit(user=request.user, quiz=quiz,
                                                         answers=answers)
        except ValidationFailed as exc:
            context["error"], status = str(exc), exc.status
    context["attempts_left"] = services.attempts_left(user=request.user, quiz=quiz)
    context["results"] = _results(questions, context["attempt"])
    if request.headers.get("HX-Request"):
        # htmx swaps only 2xx answers; the fragment shows the error in place of the form.
        return render(request, "learning/_quiz_body.html", context)
    return render(request, "learning/quiz.html", context, status=status)


def _results(questions, attempt):
    """Per question: was it right, which choices were right, the explanation."""
    if attempt is None:
        return None
    rows = []
    for q in questions:
        right = {c.pk for c in q.choices.all() if c.correct}
        picked = set(attempt.answers.get(str(q.pk), []))
        rows.append({"question": q, "ok": picked == right, "right": right, "picked": picked})
    return rows


@permission_required("learning.manage")
def assign(request):
    form = AssignForm(_posted(request))
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                count = services.course_assign(
                    actor=request.user, course=form.cleaned_data["course"],
                    due_on=form.cleaned_data["due_on"], role=form.cleaned_data["role"] or None,
                    department=form.cleaned_data["department"])
            except ValidationFailed as exc:
                add_service_error(form, exc)
                status = exc.status
            else:
                messages.success(request, _("Assigned to %(n)d people.") % {"n": count})
                return redirect("learning:assign")
        else:
            status = 400
    return render(request, "learning/assign.html", {"form": form}, status=status)


@permission_required("learning.manage")
def quiz_new(request):
    chosen = Course.objects.filter(slug=request.GET.get("course", "")[:80]).first()
    form = QuizForm(_posted(request), initial={"course": chosen})
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                quiz = services.quiz_create(
                    actor=request.user, course=data["course"], title_en=data["title_en"],
                    title_ja=data["title_ja"], questions=parse_questions(data["questions"]),
                    pass_mark=data["pass_mark"], max_attempts=data["max_attempts"])
            except ValidationFailed as exc:
                add_service_error(form, exc)
                status = exc.status
            else:
                messages.success(request, _("Quiz saved."))
                return redirect("learning:quiz", pk=quiz.pk)
        else:
            status = 400
    return render(request, "learning/quiz_new.html", {"form": form}, status=status)


@permission_required("learning.report")
def report(request):
    course = None
    if request.GET.get("course"):
        course = Course.objects.filter(slug=request.GET["course"]).first()
    rows = selectors.completion_by_department(course)
    tracks, cert_rows = selectors.certification_by_department()
    return render(request, "learning/report.html", {
        "tracks": tracks, "cert_rows": cert_rows,
        "rows": rows, "courses": Course.objects.all(), "course": course,
        "chart": bar_chart_svg([(r.department, r.rate) for r in rows],
                               title=_("Completion rate by department")),
        "overdue": selectors.overdue(),
        "trend": bar_chart_svg(selectors.completion_over_time(),
                               title=_("Completion rate at the end of each month")),
    })
