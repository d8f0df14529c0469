"""People: the directory for HR/IT/admins, role changes, and each person's API tokens."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from .forms import RolesForm, TokenForm
from .models import User
from .permissions import can, permission_required, require
from .selectors import people_list
from .services import api_token_create, user_set_roles


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
