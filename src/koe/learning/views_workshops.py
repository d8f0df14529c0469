"""Workshop pages: the list of upcoming sessions, a session (register, join the waiting list,
cancel, rate it; for organizers the roster, attendance and feedback), the .ics invitation,
and creating or editing sessions and series. Each view loads with an access check, validates,
and calls one service; a service's error is shown with what was typed kept."""

from __future__ import annotations

import datetime as dt
import zoneinfo

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from koe.people.permissions import can, permission_required
from koe.web.errors import ValidationFailed
from koe.web.forms import add_service_error

from . import workshops as ws
from .choices import Attendance, RegistrationStatus
from .models import WorkshopSeries
from .workshop_forms import TIME_ZONES, FeedbackForm, WorkshopForm


@require_GET
@permission_required("learning.take")
def workshop_list(request):
    sessions = ws.upcoming_workshops(request.user)
    can_manage = can(request.user, "workshops.manage")
    return render(request, "learning/workshops.html", {
        "sessions": [(w, ws.session_times(w), ws.seats_left(w)) for w in sessions],
        "can_manage": can_manage,
        "recent": ws.recent_workshops() if can_manage else [],
    })


def _detail(request, workshop, *, error=None, feedback_form=None, status=200):
    can_manage = can(request.user, "workshops.manage")
    mine = ws.my_registration(request.user, workshop)
    return render(request, "learning/workshop.html", {
        "workshop": workshop, "times": ws.session_times(workshop),
        "seats_left": ws.seats_left(workshop), "mine": mine,
        "position": ws.waiting_position(mine) if mine and mine.status == "waiting" else None,
        "error": error, "can_manage": can_manage,
        "roster": ws.roster(workshop) if can_manage else None,
        "attendance_choices": Attendance.choices,
        "summary": ws.feedback_summary(workshop) if can_manage else None,
        "feedback_form": feedback_form or (FeedbackForm() if ws.can_give_feedback(
            request.user, workshop) else None),
        "now": timezone.now(),
    }, status=status)


@require_GET
@permission_required("learning.take")
def workshop_detail(request, pk):
    return _detail(request, ws.workshop_for(request.user, pk))


@require_POST
@permission_required("learning.take")
def workshop_register(request, pk):
    workshop = ws.workshop_for(request.user, pk)
    try:
        reg = ws.registration_create(user=request.user, workshop=workshop,
                                     waitlist=request.POST.get("waitlist") == "1")
    except ValidationFailed as exc:
        return _detail(request, ws.workshop_for(request.user, pk), error=exc, status=exc.status)
    if reg.status == RegistrationStatus.REGISTERED:
        messages.success(request, _("You are registered. A confirmation with a calendar "
                                    "invitation is on its way by e-mail."))
    else:
        messages.info(request, _("You are on the waiting list (number %(n)d). If a seat frees "
                                 "up, it is yours and we tell you.")
                      % {"n": ws.waiting_position(reg)})
    return redirect("learning:workshop", pk=pk)


@require_POST
@permission_required("learning.take")
def workshop_unregister(request, pk):
    workshop = ws.workshop_for(request.user, pk)
    try:
        ws.registration_cancel(user=request.user, workshop=workshop)
    except ValidationFailed as exc:
        return _detail(request, ws.workshop_for(request.user, pk), error=exc, status=exc.status)
    messages.success(request, _("Your registration is cancelled."))
    return redirect("learning:workshop", pk=pk)


@require_GET
@permission_required("learning.take")
def workshop_ics(request, pk):
    workshop = ws.workshop_for(request.user, pk)
    response = HttpResponse(ws.workshop_ics(workshop), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="workshop-{workshop.pk}.ics"'
    return response


@require_POST
@permission_required("learning.take")
def workshop_feedback(request, pk):
    workshop = ws.workshop_for(request.user, pk)
    form = FeedbackForm(request.POST)
    if not form.is_valid():
        return _detail(request, workshop, feedback_form=form, status=400)
    try:
        ws.feedback_submit(user=request.user, workshop=workshop,
                           rating=form.cleaned_data["rating"],
                           comment=form.cleaned_data["comment"])
    except ValidationFailed as exc:
        add_service_error(form, exc)
        return _detail(request, workshop, feedback_form=form, status=exc.status)
    messages.success(request, _("Thank you for your feedback."))
    return redirect("learning:workshop", pk=pk)


@require_POST
@permission_required("workshops.manage")
def workshop_attendance(request, pk):
    workshop = ws.workshop_for(request.user, pk)
    marks = {key.removeprefix("r"): value for key, value in request.POST.items()
             if key.startswith("r") and key[1:].isdigit()}
    try:
        changed = ws.attendance_mark(actor=request.user, workshop=workshop, marks=marks)
    except ValidationFailed as exc:
        return _detail(request, workshop, error=exc, status=exc.status)
    messages.success(request, _("Attendance saved (%(n)d changed).") % {"n": changed})
    return redirect("learning:workshop", pk=pk)


@require_POST
@permission_required("workshops.manage")
def workshop_cancel(request, pk):
    workshop = ws.workshop_for(request.user, pk)
    try:
        told = ws.workshop_cancel(actor=request.user, workshop=workshop)
    except ValidationFailed as exc:
        return _detail(request, workshop, error=exc, status=exc.status)
    messages.success(request, _("Session cancelled; %(n)d people were told.") % {"n": told})
    return redirect("learning:workshop", pk=pk)


def _fields(data) -> dict:
    return {name: data[name] for name in (
        "title_en", "title_ja", "description_en", "description_ja", "time_zone", "place",
        "online_url", "capacity", "track", "course")}


@permission_required("workshops.manage")
def workshop_new(request):
    form = WorkshopForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                if data["frequency"]:
                    series = ws.series_create(
                        actor=request.user, starts_at=data["starts_at"], ends_at=data["ends_at"],
                        frequency=data["frequency"], count=data["count"], until=data["until"],
                        **_fields(data))
                    first = series.sessions.order_by("position").first()
                    messages.success(request, _("Series saved with %(n)d sessions.")
                                     % {"n": series.sessions.count()})
                    return redirect("learning:workshop", pk=first.pk)
                workshop = ws.workshop_create(actor=request.user, starts_at=data["starts_at"],
                                              ends_at=data["ends_at"], **_fields(data))
            except ValidationFailed as exc:
                add_service_error(form, exc)
                status = exc.status
            else:
                messages.success(request, _("Workshop saved."))
                return redirect("learning:workshop", pk=workshop.pk)
        else:
            status = 400
    return render(request, "learning/workshop_form.html",
                  {"form": form, "time_zones": TIME_ZONES, "series": None}, status=status)


@permission_required("workshops.manage")
def series_edit(request, pk):
    series = get_object_or_404(WorkshopSeries, pk=pk)
    tz = zoneinfo.ZoneInfo(series.time_zone)
    first = series.first_start.astimezone(tz)
    initial = {**{name: getattr(series, name) for name in (
        "title_en", "title_ja", "description_en", "description_ja", "time_zone", "place",
        "online_url", "capacity", "track", "course", "frequency", "count", "until")},
        "starts_at": first.replace(tzinfo=None),
        "ends_at": (first + dt.timedelta(minutes=series.duration_minutes))
        .replace(tzinfo=None)}
    form = WorkshopForm(request.POST if request.method == "POST" else None, initial=initial,
                        series=True)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            times = ({"starts_at": data["starts_at"], "ends_at": data["ends_at"]}
                     if "starts_at" in form.changed_data or "ends_at" in form.changed_data
                     else {})
            try:
                counts = ws.series_update(actor=request.user, series=series,
                                          frequency=data["frequency"], count=data["count"],
                                          until=data["until"], **times, **_fields(data))
            except ValidationFailed as exc:
                add_service_error(form, exc)
                status = exc.status
            else:
                messages.success(request, _(
                    "Series saved: %(updated)d sessions updated, %(created)d added, "
                    "%(cancelled)d cancelled.") % counts)
                return redirect("learning:series_edit", pk=series.pk)
        else:
            status = 400
    return render(request, "learning/workshop_form.html", {
        "form": form, "time_zones": TIME_ZONES, "series": series,
        "sessions": [(w, ws.session_times(w)) for w in series.sessions.all()],
    }, status=status)
