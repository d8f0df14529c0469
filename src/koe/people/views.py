"""People: the directory for HR/IT/admins, role changes, each person's API tokens and
in-app notifications."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .forms import RolesForm, TokenForm
from .models import User
from .permissions import can, permission_required, require
from .selectors import notification_for, notifications_of, people_list
from .services import api_token_create, notifications_mark_read, user_set_roles


@permission_required("people.view")
def person_list(request):
    return render(request, "people/list.html", {"people": people_list(active=None)})


@permission_required("people.view")
def person_detail(request, pk: int):
    person = get_object_or_404(User, pk=pk)
    form = RolesForm(initial={"roles": sorted(person.roles - {"employee"})})
    if request.method == "POST":
        require(request.user, "people.manage")
        form = RolesForm(request.POST)
        if form.is_valid():
            user_set_roles(user=person, roles=form.cleaned_data["roles"], actor=request.user)
            messages.success(request, _("Roles saved."))
            return redirect("people:detail", pk=person.pk)
    return render(request, "people/detail.html", {
        "person": person, "form": form, "can_manage": can(request.user, "people.manage"),
        "can_offboard": can(request.user, "people.offboard")})


@login_required
def my_tokens(request):
    new_token = None
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        _row, new_token = api_token_create(user=request.user, name=form.cleaned_data["name"])
    return render(request, "people/tokens.html", {
        "form": form, "new_token": new_token, "tokens": request.user.api_tokens.all()})


@login_required
def notifications(request):
    return render(request, "people/notifications.html",
                  {"notifications": notifications_of(request.user)})


@require_POST
@login_required
def notification_open(request, pk: int):
    """Mark one notification read, then go to what it is about (or back to the list)."""
    note = notification_for(request.user, pk)
    if note is None:
        raise Http404
    notifications_mark_read(user=request.user, ids=[note.pk])
    if request.POST.get("go") and url_has_allowed_host_and_scheme(
            note.url, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return redirect(note.url)
    return redirect("people:notifications")


@require_POST
@login_required
def notifications_read_all(request):
    count = notifications_mark_read(user=request.user)
    if count:
        messages.success(request, _("All notifications are marked read."))
    return redirect("people:notifications")
