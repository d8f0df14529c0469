"""Analytics pages: the charts, the problem areas (with guidance and training started from a
row) and the per-rule precision of the detectors."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from koe.engine import CATEGORIES
from koe.people.models import Department
from koe.people.permissions import can, permission_required, require
from koe.web.errors import ValidationFailed
from koe.web.forms import add_service_error

from . import analytics, services_analytics
from .analytics_charts import bars, colour, week_columns
from .forms_analytics import GuidanceForm, TrainingForm


def _filters(request) -> tuple[analytics.Scope | None, dict]:
    """The scope from the query string, and what the filter form shows (input kept, error
    named)."""
    typed = {k: request.GET.get(k, "") for k in ("start", "end", "department", "category")}
    ctx = {"typed": typed, "error": None,
           "departments": Department.objects.order_by("code"),
           "categories": [(c, analytics.category_label(c)) for c in CATEGORIES]}
    try:
        scope = analytics.analytics_scope(**typed)
    except ValidationFailed as exc:
        ctx["error"] = {"field": exc.field, "message": str(exc)}
        return None, ctx
    ctx["scope"] = scope
    ctx["query"] = urlencode(scope.as_query())
    if not typed["start"]:
        typed["start"] = scope.start.isoformat()
    if not typed["end"]:
        typed["end"] = scope.end.isoformat()
    return scope, ctx


def _rows_chart(rows, *, limit: int | None = None):
    rows = rows[:limit] if limit else rows
    return bars([(r.label, r.count) for r in rows])


@permission_required("monitoring.analytics")
def analytics_page(request):
    scope, ctx = _filters(request)
    if scope is None:
        return render(request, "monitoring/analytics.html", ctx, status=400)
    by_category = analytics.findings_by_category(scope)
    by_rule = analytics.findings_by_rule(scope)
    by_department = analytics.findings_by_department(scope)
    weeks = analytics.findings_by_week(scope)
    series = [c for c in CATEGORIES if any(w.by_category.get(c) for w in weeks)]
    week_series = [(c, analytics.category_label(c)) for c in series]
    week_chart = week_columns([(f"{w.start.month}/{w.start.day}", w.by_category) for w in weeks],
                              series=week_series, width=900)
    repeat_departments = analytics.repeats_by_department(scope)
    repeat_categories = analytics.repeats_by_category(scope)
    resolution_categories = analytics.resolution_by_category(scope)
    resolution_weeks = analytics.resolution_by_week(scope)
    ctx.update({
        "summary": analytics.analytics_summary(scope),
        "by_category": by_category, "category_chart": _rows_chart(by_category),
        "by_rule": by_rule, "rule_chart": _rows_chart(by_rule, limit=15),
        "by_department": by_department, "department_chart": _rows_chart(by_department),
        "weeks": weeks, "week_chart": week_chart,
        "week_rows": [(w, [w.by_category.get(c, 0) for c in series]) for w in weeks],
        "week_legend": [(colour(i), analytics.category_label(c)) for i, c in enumerate(series)],
        "week_series": week_series,
        "repeat_departments": repeat_departments,
        "repeat_department_chart": bars([(r.label, r.rate) for r in repeat_departments],
                                        maximum=100),
        "repeat_categories": repeat_categories,
        "repeat_category_chart": bars([(r.label, r.rate) for r in repeat_categories],
                                      maximum=100),
        "resolution_categories": resolution_categories,
        "resolution_chart": bars([(r.label, r.median_hours) for r in resolution_categories]),
        "resolution_weeks": resolution_weeks,
    })
    return render(request, "monitoring/analytics.html", ctx)


@permission_required("monitoring.analytics")
def problem_areas(request):
    scope, ctx = _filters(request)
    if scope is None:
        return render(request, "monitoring/problem_areas.html", ctx, status=400)
    areas = analytics.problem_areas(scope)
    ctx.update({
        "rules": areas["rules"], "departments": areas["departments"],
        "previous": scope.previous(),
        "can_write_guidance": can(request.user, "library.manage"),
        "can_assign_training": can(request.user, "learning.manage"),
    })
    return render(request, "monitoring/problem_areas.html", ctx)


@permission_required("monitoring.analytics")
def precision(request):
    scope, ctx = _filters(request)
    if scope is None:
        return render(request, "monitoring/precision.html", ctx, status=400)
    rows = analytics.rule_precision(scope)
    ctx.update({"rows": rows, "chart": bars([(r.label, r.precision) for r in rows], maximum=100)})
    return render(request, "monitoring/precision.html", ctx)


@permission_required("monitoring.analytics")
def guidance_new(request, code: str):
    require(request.user, "library.manage")
    try:
        draft = services_analytics.guidance_draft(code)
    except ValidationFailed:
        raise Http404(f"no rule {code}") from None
    rule_code = code.upper()
    form = GuidanceForm(request.POST if request.method == "POST" else None, initial=draft)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                doc = services_analytics.problem_area_guidance_create(
                    actor=request.user, rule_code=rule_code, **form.cleaned_data)
            except ValidationFailed as exc:
                add_service_error(form, exc)
                status = exc.status
            else:
                messages.success(request, _("The guidance article is in the brand library."))
                return redirect("community:document", pk=doc.pk)
        else:
            status = 400
    return render(request, "monitoring/problem_areas_guidance.html",
                  {"form": form, "code": rule_code}, status=status)


@permission_required("monitoring.analytics")
def training_new(request, code: str):
    require(request.user, "learning.manage")
    department = get_object_or_404(Department, code=code)
    form = TrainingForm(request.POST if request.method == "POST" else None,
                        initial={"due_on": services_analytics.default_due_on()})
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                count = services_analytics.problem_area_training_assign(
                    actor=request.user, department=department, **form.cleaned_data)
            except ValidationFailed as exc:
                add_service_error(form, exc)
                status = exc.status
            else:
                messages.success(request, _("“%(course)s” assigned to %(n)d people in %(dept)s.")
                                 % {"course": form.cleaned_data["course"], "n": count,
                                    "dept": department.name})
                return redirect(reverse("monitoring:problem_areas") + f"#dept-{department.code}")
        else:
            status = 400
    return render(request, "monitoring/problem_areas_training.html",
                  {"form": form, "department": department}, status=status)
