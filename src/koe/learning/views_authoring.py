"""Course authoring (learning.manage): courses, their modules in order, attaching quizzes, and a
preview as a learner sees it. Each view loads with an access check, validates, calls one
service; a service's complaint is shown next to its field with everything typed kept."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from koe.people.permissions import permission_required
from koe.web.errors import ValidationFailed
from koe.web.forms import add_service_error

from . import services
from .forms_authoring import CourseEditForm, CourseForm, ModuleForm
from .models import Course, Module, Quiz
from .rendering import markdown_html
from .video import embed_url


def _course(slug: str) -> Course:
    return get_object_or_404(Course.objects.select_related("track"), slug=slug)


def _save(request, form, template: str, context: dict, call):
    """Validate ``form``, run ``call(cleaned_data)``; on a complaint re-render with status 400."""
    if form.is_valid():
        try:
            return call(form.cleaned_data), 200
        except ValidationFailed as exc:
            if exc.status not in (400, 409):
                raise
            add_service_error(form, exc)
    return render(request, template, {**context, "form": form}, status=400), 400


@permission_required("learning.manage")
def course_list(request):
    return render(request, "learning/author_courses.html", {
        "courses": Course.objects.select_related("track").prefetch_related("modules", "quizzes")})


@permission_required("learning.manage")
def course_new(request):
    if request.method != "POST":
        return render(request, "learning/author_course.html", {"form": CourseForm(), "course": None})

    def create(data):
        course = services.course_create(actor=request.user, **data)
        messages.success(request, _("Course saved. Now add its modules."))
        return redirect("learning:author_course", slug=course.slug)

    response, _status = _save(request, CourseForm(request.POST), "learning/author_course.html",
                              {"course": None}, create)
    return response


def _course_page(request, course, form, status=200):
    modules = list(course.modules.all())
    return render(request, "learning/author_course.html", {
        "course": course, "form": form, "modules": modules,
        "quizzes": list(course.quizzes.select_related("module")),
    }, status=status)


@permission_required("learning.manage")
def course_edit(request, slug):
    course = _course(slug)
    if request.method != "POST":
        return _course_page(request, course, CourseEditForm(initial={
            "track": course.track, "title_en": course.title_en, "title_ja": course.title_ja,
            "summary_en": course.summary_en, "summary_ja": course.summary_ja,
            "is_published": course.is_published}))
    form = CourseEditForm(request.POST)
    if form.is_valid():
        try:
            services.course_update(actor=request.user, course=course, **form.cleaned_data)
        except ValidationFailed as exc:
            if exc.status != 400:
                raise
            add_service_error(form, exc)
        else:
            messages.success(request, _("Course saved."))
            return redirect("learning:author_course", slug=course.slug)
    course.refresh_from_db()
    return _course_page(request, course, form, status=400)


@permission_required("learning.manage")
def module_new(request, slug):
    course = _course(slug)
    context = {"course": course, "module": None}
    if request.method != "POST":
        return render(request, "learning/author_module.html", {**context, "form": ModuleForm()})

    def create(data):
        module = services.module_create(actor=request.user, course=course, **data)
        messages.success(request, _("Module added."))
        return redirect(f"{_course_url(course)}#module-{module.pk}")

    response, _status = _save(request, ModuleForm(request.POST), "learning/author_module.html",
                              context, create)
    return response


def _course_url(course) -> str:
    return reverse("learning:author_course", args=[course.slug])


@permission_required("learning.manage")
def module_edit(request, pk):
    module = get_object_or_404(Module.objects.select_related("course"), pk=pk)
    context = {"course": module.course, "module": module}
    if request.method != "POST":
        form = ModuleForm(initial={k: getattr(module, k) for k in ModuleForm.base_fields})
        return render(request, "learning/author_module.html", {**context, "form": form})

    def update(data):
        services.module_update(actor=request.user, module=module, **data)
        messages.success(request, _("Module saved."))
        return redirect(f"{_course_url(module.course)}#module-{module.pk}")

    response, _status = _save(request, ModuleForm(request.POST), "learning/author_module.html",
                              context, update)
    return response


@require_POST
@permission_required("learning.manage")
def module_move(request, pk):
    module = get_object_or_404(Module.objects.select_related("course"), pk=pk)
    services.module_move(actor=request.user, module=module,
                         up=request.POST.get("direction") == "up")
    return redirect(f"{_course_url(module.course)}#module-{module.pk}")


@require_POST
@permission_required("learning.manage")
def quiz_attach(request, pk):
    quiz = get_object_or_404(Quiz.objects.select_related("course"), pk=pk)
    raw = request.POST.get("module", "")
    module = None
    if raw:
        module = Module.objects.filter(pk=int(raw) if raw.isdigit() else 0).first()
        if module is None:
            raise ValidationFailed("module", "Choose one of the course's modules.",
                                   "コースのモジュールを選んでください。")
    services.quiz_attach(actor=request.user, quiz=quiz, module=module)
    messages.success(request, _("Quiz placed."))
    return redirect(_course_url(quiz.course))


@permission_required("learning.manage")
def course_preview(request, slug):
    """The course as a learner will see it (drafts too), without enrolling anyone."""
    course = _course(slug)
    modules = [(m, markdown_html(m.body), embed_url(m.video_url))
               for m in course.modules.prefetch_related("quizzes")]
    return render(request, "learning/author_preview.html", {
        "course": course, "modules": modules,
        "course_quizzes": course.quizzes.filter(module__isnull=True)})
