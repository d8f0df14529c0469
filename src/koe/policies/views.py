"""Policy pages: the published policy for everyone, its rules, slides and downloads; versions,
review and sign-off for the policy team; acknowledgements and the report on them."""

from __future__ import annotations

from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from koe.engine import PolicyError
from koe.people.permissions import can, permission_required
from koe.web.errors import ValidationFailed
from koe.web.forms import add_service_error

from . import selectors, services
from .choices import ArtifactKind, VersionState, stakeholder_label
from .content import DEFAULT_GUIDANCE, starter_yaml
from .forms import SignOffForm, VersionForm
from .models import PolicyArtifact, PolicyVersion
from .rendering import policy_document, reader_lang, rule_view
from .source import yaml_excerpt


def _flags(user) -> dict:
    return {"can_manage": can(user, "policy.manage"), "can_publish": can(user, "policy.publish"),
            "can_signoff": can(user, "policy.signoff"), "can_report": can(user, "policy.ack_report"),
            "sees_unpublished": selectors.sees_unpublished(user)}


def _downloads(version: PolicyVersion | None, *, token: str | None = None) -> list[dict]:
    if version is None or version.state not in selectors.VISIBLE_TO_ALL:
        return []
    ready = selectors.artifacts_of(version)
    out = []
    for kind, kind_label in ArtifactKind.choices:
        for lang, lang_label in (("en", "English"), ("ja", "日本語")):
            url = (reverse("policies:public_download", args=[token, kind, lang]) if token else
                   reverse("policies:download", args=[version.number, kind, lang]))
            out.append({"kind": kind, "kind_label": kind_label, "lang": lang,
                        "lang_label": lang_label, "url": url, "ready": (kind, lang) in ready})
    return out


def _policy_page(request, version: PolicyVersion | None, *, public_token: str | None = None,
                 preview: bool = False):
    q = request.GET.get("q", "")[:200]
    doc = policy_document(version, reader_lang(), query=q)
    user = request.user
    ctx = {"doc": doc, "version": version, "q": q, "public_token": public_token,
           "preview": preview, "downloads": _downloads(version, token=public_token),
           "slides_url": (reverse("policies:public_slides", args=[public_token]) if public_token
                          else reverse("policies:version_slides", args=[version.number])
                          if version else reverse("policies:slides"))}
    if public_token is None:
        ctx.update(_flags(user))
        ctx["ack"] = selectors.acknowledgement_of(user, version)
        ctx["can_ack"] = (version is not None and version.state == VersionState.PUBLISHED
                          and can(user, "policy.acknowledge"))
        ctx["waiting"] = selectors.versions_waiting_for(user)
        if version is not None and version.public and version.state == VersionState.PUBLISHED:
            ctx["public_url"] = request.build_absolute_uri(
                reverse("policies:public", args=[version.public_token]))
    return render(request, "policies/current.html", ctx)


# ----------------------------------------------------------------------------- everyone

@permission_required("policy.view")
def current(request):
    return _policy_page(request, selectors.published_version())


@permission_required("policy.view")
def rule(request, code: str):
    policy = selectors.current_policy()
    try:
        found = policy.rule(code)
    except KeyError:
        raise Http404("no such rule") from None
    if found.code != code:
        return redirect("policies:rule", code=found.code)
    lang = reader_lang()
    version = selectors.published_version()
    view = rule_view(found, lang)
    step = next((s for s in policy_document(version, lang).ladder if s.severity == found.severity),
                None)
    asks = can(request.user, "qa.ask")
    questions = []
    if asks:
        from koe.community.selectors import visible_questions

        questions = list(visible_questions(request.user)
                         .filter(rule_code__iexact=found.code, removed_at__isnull=True)
                         .order_by("-created_at")[:5])
    return render(request, "policies/rule.html", {"rule": view, "step": step, "version": version,
                                                  "asks": asks, "questions": questions})


@permission_required("policy.view")
def slides(request):
    version = selectors.published_version()
    return _slides(request, version, back=reverse("policies:current"))


@permission_required("policy.view")
def version_slides(request, number: int):
    version = selectors.version_for(request.user, number)
    return _slides(request, version, back=reverse("policies:version_preview", args=[number]))


def _slides(request, version, *, back: str):
    return render(request, "policies/slides.html",
                  {"doc": policy_document(version, reader_lang()), "back_url": back})


@permission_required("policy.view")
def download(request, number: int, kind: str, lang: str):
    version = selectors.version_for(request.user, number)
    return _download(version, kind, lang)


def _download(version: PolicyVersion, kind: str, lang: str):
    if (kind not in ArtifactKind.values or lang not in services.LANGS
            or version.state not in selectors.VISIBLE_TO_ALL):
        raise Http404("no such download")
    artifact = PolicyArtifact.objects.filter(version=version, kind=kind, lang=lang).first()
    if artifact is None or not artifact.file.storage.exists(artifact.file.name):
        artifact = services.artifact_render(version=version, kind=kind, lang=lang)
    content_type = "application/pdf" if kind == ArtifactKind.PDF else "application/epub+zip"
    return FileResponse(artifact.file.open("rb"), content_type=content_type,
                        as_attachment=kind != ArtifactKind.PDF,
                        filename=f"policy-v{version.number}-{lang}.{kind}")


@permission_required("policy.acknowledge")
def acknowledge(request):
    """GET: a page with just the confirmation (the link in reminders); POST: confirm."""
    if request.method != "POST":
        version = selectors.published_version()
        return render(request, "policies/acknowledge.html", {
            "version": version, "ack": selectors.acknowledgement_of(request.user, version)})
    ack, created = services.acknowledgement_create(user=request.user)
    if created:
        messages.success(request, _("Thank you — you confirmed version %(number)s of the policy.")
                         % {"number": ack.version.number})
    else:
        messages.info(request, _("You already confirmed version %(number)s. Nothing more to do.")
                      % {"number": ack.version.number})
    return redirect("policies:current")


# ----------------------------------------------------------------------------- public link

def public(request, token: str):
    version = selectors.public_version(token)
    if version is None:
        newer = selectors.public_successor(token)
        if newer is None:
            raise Http404("no public policy here")
        return redirect("policies:public", token=newer.public_token)
    return _policy_page(request, version, public_token=token)


def public_slides(request, token: str):
    version = selectors.public_version(token)
    if version is None:
        raise Http404("no public policy here")
    return _slides(request, version, back=reverse("policies:public", args=[token]))


def public_download(request, token: str, kind: str, lang: str):
    version = selectors.public_version(token)
    if version is None:
        raise Http404("no public policy here")
    return _download(version, kind, lang)


# ----------------------------------------------------------------------------- the policy team

@permission_required("policy.manage")
def version_list(request):
    versions = list(selectors.version_list())
    published = next((v for v in versions if v.state == VersionState.PUBLISHED), None)
    return render(request, "policies/list.html", {"versions": versions, "published": published,
                                                  **_flags(request.user)})


def _yaml_error(form, exc) -> dict | None:
    if isinstance(exc, services.PolicyYamlInvalid):
        return {"line": exc.line, "column": exc.column, "problem": exc.problem, "fix": exc.fix,
                "excerpt": yaml_excerpt(form.data.get("yaml", ""), exc.line, exc.column)}
    return None


@permission_required("policy.manage")
def version_create(request):
    yaml_error = None
    if request.method == "POST":
        form = VersionForm(request.POST)
        if form.is_valid():
            try:
                version = services.version_create_draft(actor=request.user, **form.cleaned_data)
            except ValidationFailed as exc:
                add_service_error(form, exc, input_only=True)
                yaml_error = _yaml_error(form, exc)
            else:
                messages.success(request, _("Draft v%(number)s saved.") % {"number": version.number})
                return redirect("policies:detail", number=version.number)
    else:
        form = VersionForm(initial=_initial_draft())
    return render(request, "policies/edit.html", {"form": form, "version": None,
                                                  "yaml_error": yaml_error})


def _initial_draft() -> dict:
    published = selectors.published_version()
    if published is not None:
        return {"title": published.title, "yaml": published.yaml,
                "guidance_en": published.guidance_en, "guidance_ja": published.guidance_ja}
    try:
        org = selectors.current_policy().organization
        facts = {k: getattr(org, k) for k in ("names", "products", "codenames", "internal_domains")}
    except PolicyError:
        facts = {}
    return {"title": _("Social media policy"), "yaml": starter_yaml(facts),
            "guidance_en": DEFAULT_GUIDANCE["en"], "guidance_ja": DEFAULT_GUIDANCE["ja"]}


@permission_required("policy.manage")
def version_edit(request, number: int):
    version = selectors.version_for(request.user, number)
    if version.state != VersionState.DRAFT:
        messages.warning(request, _("Only a draft can be edited. Withdraw it from review first."))
        return redirect("policies:detail", number=number)
    yaml_error = None
    if request.method == "POST":
        form = VersionForm(request.POST)
        if form.is_valid():
            try:
                services.version_update(version=version, actor=request.user, **form.cleaned_data)
            except ValidationFailed as exc:
                add_service_error(form, exc, input_only=True)
                yaml_error = _yaml_error(form, exc)
            else:
                messages.success(request, _("Draft saved."))
                return redirect("policies:detail", number=number)
    else:
        form = VersionForm(initial={f: getattr(version, f) for f in services.TEXT_FIELDS})
    return render(request, "policies/edit.html", {"form": form, "version": version,
                                                  "yaml_error": yaml_error})


def _staff_version(request, number: int) -> PolicyVersion:
    """A version for the review pages: people outside the policy team only know published ones."""
    version = selectors.version_for(request.user, number)
    if not selectors.sees_unpublished(request.user):
        raise Http404("review pages are for the policy team")
    return version


@permission_required("policy.view")
def version_detail(request, number: int, signoff_forms: dict | None = None, status: int = 200):
    version = _staff_version(request, number)
    user = request.user
    roles = [r for r in services.required_roles() if user.has_role(r)]
    status_rows = selectors.signoff_status(version)
    done = {row.role for row in status_rows if row.signoff}
    forms = {}
    if version.state == VersionState.IN_REVIEW and can(user, "policy.signoff"):
        for role in roles:
            if role not in done:
                forms[role] = (signoff_forms or {}).get(role) or SignOffForm(role=role)
    yaml_problem = None
    try:
        selectors.version_policy(version)
    except PolicyError as exc:
        yaml_problem = str(exc)
    others = [v for v in selectors.version_list() if v.pk != version.pk]
    return render(request, "policies/detail.html", {
        "version": version, "status_rows": status_rows, "history": selectors.signoff_history(version),
        "signoff_forms": forms, "yaml_problem": yaml_problem, "others": others,
        "downloads": _downloads(version), **_flags(user),
        "public_url": request.build_absolute_uri(reverse("policies:public",
                                                         args=[version.public_token])),
    }, status=status)


@permission_required("policy.view")
def version_preview(request, number: int):
    version = selectors.version_for(request.user, number)
    return _policy_page(request, version, preview=version.state != VersionState.PUBLISHED)


@permission_required("policy.manage")
@require_POST
def version_submit(request, number: int):
    version = selectors.version_for(request.user, number)
    version = services.version_submit(version=version, actor=request.user)
    messages.success(request, _("v%(number)s is in review (round %(round)s).")
                     % {"number": version.number, "round": version.review_round})
    return redirect("policies:detail", number=number)


@permission_required("policy.manage")
@require_POST
def version_withdraw(request, number: int):
    version = selectors.version_for(request.user, number)
    services.version_withdraw(version=version, actor=request.user)
    messages.success(request, _("v%(number)s is a draft again.") % {"number": number})
    return redirect("policies:detail", number=number)


@permission_required("policy.signoff")
@require_POST
def version_signoff(request, number: int):
    version = selectors.version_for(request.user, number)
    role = request.POST.get("role", "")
    services.signoff_role_check(actor=request.user, role=role)
    form = SignOffForm(request.POST, role=role)
    if form.is_valid():
        try:
            services.version_sign_off(version=version, actor=request.user, role=role,
                                      decision=form.cleaned_data["decision"],
                                      comment=form.cleaned_data["comment"])
        except ValidationFailed as exc:
            add_service_error(form, exc, input_only=True)
        else:
            messages.success(request, _("Your sign-off as %(role)s is recorded.")
                             % {"role": stakeholder_label(role)})
            return redirect("policies:detail", number=number)
    return version_detail(request, number, signoff_forms={role: form}, status=400)


@permission_required("policy.publish")
@require_POST
def version_publish(request, number: int):
    version = selectors.version_for(request.user, number)
    services.version_publish(version=version, actor=request.user)
    messages.success(request, _("v%(number)s is published. Everyone is asked to read and "
                                "confirm it; the PDF and EPUB are being prepared.")
                     % {"number": number})
    return redirect("policies:detail", number=number)


@permission_required("policy.publish")
@require_POST
def version_public(request, number: int):
    version = selectors.version_for(request.user, number)
    on = request.POST.get("public") == "on"
    services.version_set_public(version=version, actor=request.user, public=on)
    messages.success(request, _("The public link is on.") if on else _("The public link is off."))
    return redirect("policies:detail", number=number)


@permission_required("policy.review")
def version_diff(request):
    versions = list(selectors.version_list())
    a = b = None
    if request.GET.get("a") and request.GET.get("b"):
        try:
            a_num, b_num = int(request.GET["a"]), int(request.GET["b"])
        except ValueError:
            raise Http404("choose two versions") from None
        a = selectors.version_for(request.user, a_num)
        b = selectors.version_for(request.user, b_num)
    return render(request, "policies/diff.html", {
        "a": a, "b": b, "versions": versions,
        "parts": selectors.version_diff(a, b) if a and b else []})


# ----------------------------------------------------------------------------- acknowledgement report

CHART = {"width": 640, "label": 200, "bar": 22, "gap": 10, "top": 8}


def _chart(rows) -> dict:
    area = CHART["width"] - CHART["label"] - 70
    bars = []
    for i, row in enumerate(rows):
        y = CHART["top"] + i * (CHART["bar"] + CHART["gap"])
        bars.append({"row": row, "y": y, "text_y": y + CHART["bar"] * 0.72,
                     "width": round(area * row.rate, 1), "full": area,
                     "value_x": CHART["label"] + round(area * row.rate, 1) + 6})
    height = CHART["top"] * 2 + len(rows) * (CHART["bar"] + CHART["gap"])
    return {"bars": bars, "height": height, **CHART, "area": area}


@permission_required("policy.ack_report")
def ack_report(request):
    """The confirmation rate by department; POST sends reminders to those who have not."""
    if request.method == "POST":
        count = services.ack_reminders_send(actor=request.user)
        if count:
            messages.success(request, _("Reminders are on their way to %(count)s people.")
                             % {"count": count})
        else:
            messages.info(request, _("Nobody to remind: everyone has confirmed, or was reminded "
                                     "in the last day."))
        return redirect("policies:acks")
    version = selectors.published_version()
    rows = selectors.ack_rates_by_department(version)
    total = sum(r.total for r in rows)
    acked = sum(r.acknowledged for r in rows)
    ctx = {"version": version, "rows": rows, "chart": _chart(rows), "total": total, "acked": acked,
           "percent": round(100 * acked / total) if total else 0}
    if version is not None:
        ctx["pending"] = selectors.pending_people(version)[:200]
        ctx["pending_count"] = total - acked
        ctx["reminders"] = selectors.last_reminders(version)
    return render(request, "policies/acks.html", ctx)
