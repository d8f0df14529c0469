"""The training dashboard page and its overdue list as CSV. Managers see their reports;
``learning.report`` roles see everyone; anyone else gets 403."""

from __future__ import annotations

import csv

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from koe.people.models import Department
from koe.people.permissions import can

from .charts import bar_chart_svg
from .dashboards import line_chart_svg, overdue_rows, people_in_scope, training_dashboard
from .models import Course, Track


def _filters(request) -> dict:
    """The dashboard's filters from the query string; an unknown one is 404."""
    chosen = {}
    for key, model, field in (("department", Department, "code"), ("course", Course, "slug"),
                              ("track", Track, "code")):
        value = request.GET.get(key, "")[:80]
        if value:
            obj = model.objects.filter(**{field: value}).first()
            if obj is None:
                raise Http404(f"no such {key}")
            chosen[key] = obj
    return chosen


# Not ``permission_required``: who may look is object-level (a manager of someone, or a
# learning.report role), decided by people_in_scope; everyone else gets 403.
@login_required
def dashboard(request):
    filters = _filters(request)
    data = training_dashboard(request.user, **filters)
    if data is None:
        raise PermissionDenied("learning.report")
    return render(request, "learning/dashboard.html", {
        "d": data, "filters": filters, "query": request.GET.urlencode(),
        "departments": Department.objects.all() if data.scope == "all" else [],
        "courses": Course.objects.all(),
        "completion_chart": bar_chart_svg([(r.department, r.rate) for r in data.completion],
                                          title=_("Completion rate by department")),
        "certification_chart": bar_chart_svg(
            [(name, data.rate(n, people)) for name, people, n in data.certification],
            title=_("Certification rate by department")),
        "completion_trend": line_chart_svg(data.months, data.completion_trend,
                                           title=_("Completion rate by department, month by month")),
        "certification_trend": line_chart_svg(
            data.months, data.certification_trend,
            title=_("Certification rate by department, month by month")),
        "can_report": can(request.user, "learning.report"),
    })


@login_required
def overdue_csv(request):
    filters = _filters(request)
    people = people_in_scope(request.user)
    if people is None:
        raise PermissionDenied("learning.report")
    if "department" in filters:
        people = people.filter(department=filters["department"])
    rows = overdue_rows(people, course=filters.get("course"))
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    day = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="overdue-training-{day}.csv"'
    response.write("\ufeff")  # so spreadsheet programs read Japanese names as UTF-8
    writer = csv.writer(response)
    writer.writerow([_("Person"), _("User name"), _("Department"), _("Course"), _("Due"),
                     _("Days overdue")])
    for r in rows:
        writer.writerow([_csv_safe(r["name"]), r["username"], _csv_safe(r["department"]),
                         _csv_safe(r["course"]), r["due_on"].isoformat(), r["days_overdue"]])
    return response


def _csv_safe(text: str) -> str:
    """A cell a spreadsheet will not run as a formula (=, +, -, @ at the start)."""
    return f"'{text}" if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text
