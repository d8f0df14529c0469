"""Ingest pages: archive imports with a live progress bar, and internal spaces.
Each view loads with an access check, validates, and calls one service."""

from __future__ import annotations

from pathlib import PurePath

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from koe.people.permissions import can, permission_required
from koe.web.errors import ValidationFailed
from koe.web.forms import add_service_error

from . import imports as import_services
from . import ingest
from . import selectors_ingest as selectors
from .forms_ingest import ImportForm, SpaceForm

MAX_SPACE_UPLOAD = 8 * 1024 * 1024



# ----------------------------------------------------------------------------- imports

@permission_required("accounts.enroll")
def import_list(request):
    """Everyone may import their own enrolled account's archive; monitoring.ingest any."""
    accounts = selectors.importable_accounts(request.user)
    form = ImportForm(request.POST or None, request.FILES or None, accounts=accounts)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                job = import_services.import_create(actor=request.user,
                                                    account=form.cleaned_data["account"],
                                                    upload=form.cleaned_data.get("file"))
            except ValidationFailed as exc:
                add_service_error(form, exc, input_only=True)
            else:
                messages.success(request, _("The archive is uploaded; the import has started."))
                return redirect("monitoring:import", pk=job.pk)
        status = 400
    return render(request, "monitoring/imports.html", {
        "form": form, "has_accounts": accounts.exists(),
        "can_manage_spaces": can(request.user, "monitoring.ingest"),
        "jobs": selectors.imports_visible_to(request.user)[:50]}, status=status)


@permission_required("accounts.enroll")
def import_detail(request, pk: int):
    job = selectors.import_for(request.user, pk)
    return render(request, "monitoring/imports_detail.html", {"job": job})


@permission_required("accounts.enroll")
def import_progress(request, pk: int):
    """The progress fragment the job page polls (htmx) until the import ends."""
    job = selectors.import_for(request.user, pk)
    return render(request, "monitoring/imports_progress.html", {"job": job})


# ----------------------------------------------------------------------------- internal spaces

def _space_text(form) -> str:
    upload = form.cleaned_data.get("file")
    text = form.cleaned_data.get("text") or ""
    if upload is None:
        return text
    if PurePath(upload.name).suffix.lower() not in (".txt", ".md", ".markdown"):
        raise ValidationFailed("file", "File: upload a .txt or .md file.",
                               "ファイル: .txt か .md のファイルをアップロードしてください。")
    if upload.size > MAX_SPACE_UPLOAD:
        raise ValidationFailed("file", "File: at most 8 MB; split the export.",
                               "ファイル: 8 MB までです。分割してください。")
    try:
        return upload.read().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValidationFailed("file", "File: the file is not UTF-8 text.",
                               "ファイル: UTF-8 のテキストではありません。") from None


@permission_required("monitoring.ingest")
def space_list(request):
    form = SpaceForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                space = ingest.space_register(actor=request.user,
                                              title=form.cleaned_data["title"],
                                              kind=form.cleaned_data["kind"],
                                              text=_space_text(form))
            except ValidationFailed as exc:
                add_service_error(form, exc, input_only=True)
            else:
                messages.success(request, _("“%(title)s” is registered. Posts that copy it "
                                            "become leak findings.") % {"title": space.title})
                return redirect("monitoring:spaces")
        status = 400
    return render(request, "monitoring/spaces.html", {
        "form": form, "spaces": selectors.space_list()}, status=status)


@require_POST
@permission_required("monitoring.ingest")
def space_deactivate(request, pk: int):
    space = selectors.space_detail(pk)
    ingest.space_deactivate(space=space, actor=request.user)
    messages.success(request, _("“%(title)s” is no longer checked.") % {"title": space.title})
    return redirect("monitoring:spaces")
