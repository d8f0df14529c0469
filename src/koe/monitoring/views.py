"""Case and coaching pages: "My cases" for everyone, the queue and case page for the people
who handle cases, and the coaching-template editor. Load with an access check, validate, call
one service."""

from __future__ import annotations

from functools import wraps

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from koe.engine import CATEGORIES, SEVERITIES
from koe.people.models import Department
from koe.people.permissions import permission_required
from koe.web.errors import ValidationFailed
from koe.web.forms import add_service_error

from . import coaching, selectors, services
from .choices import CaseStatus, EscalationTarget
from .forms import EscalateForm, NoteForm, ReasonForm, ReplyForm, TemplateForm
from .models import CoachingTemplate


def handler_required(view):
    """Sign-in first; then 403 unless the person handles cases (reviewers, HR, Legal,
    managers). Which cases they see is the selectors' business (others: 404)."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not selectors.handles_cases(request.user):
            raise PermissionDenied("monitoring.cases")
        return view(request, *args, **kwargs)

    return wrapped


# ----------------------------------------------------------------------------- my cases

@permission_required("monitoring.cases_mine")
def my_cases(request):
    cases = list(selectors.my_cases(request.user))
    return render(request, "monitoring/my_cases.html", {
        "open_cases": [c for c in cases if c.is_open],
        "closed_cases": [c for c in cases if not c.is_open]})


@permission_required("monitoring.cases_mine")
def my_case(request, pk: int, reply_form: ReplyForm | None = None, status: int = 200):
    case = selectors.my_case(request.user, pk)
    if status == 200:
        services.coaching_mark_read(case=case, actor=request.user)
    findings = [f for f in selectors.findings_of(case) if f.dismissed_at is None]
    return render(request, "monitoring/case_mine.html", {
        "case": case, "notes": selectors.messages_of(case), "findings": findings,
        "replies": selectors.replies_of(case), "form": reply_form or ReplyForm(),
        "can_answer": case.is_open and case.status != CaseStatus.NEW,
        "can_acknowledge": case.status == CaseStatus.COACHING_SENT,
        "ask_url": _ask_url(findings)}, status=status)


def _ask_url(findings) -> str:
    lead = findings[0] if findings else None
    return coaching.ask_url(lead.rule_code, lead.excerpt, lead.category) if lead else ""


@require_POST
@permission_required("monitoring.cases_mine")
def my_case_reply(request, pk: int):
    case = selectors.my_case(request.user, pk)
    form = ReplyForm(request.POST)
    if form.is_valid():
        try:
            services.case_reply(case=case, actor=request.user, **form.cleaned_data)
        except ValidationFailed as exc:
            add_service_error(form, exc, input_only=True)
        else:
            messages.success(request, _("Thank you — your answer reached the social media team."))
            return redirect("monitoring:my_case", pk=case.pk)
    return my_case.__wrapped__(request, pk, reply_form=form, status=400)


@require_POST
@permission_required("monitoring.cases_mine")
def my_case_acknowledge(request, pk: int):
    case = selectors.my_case(request.user, pk)
    services.case_acknowledge(case=case, actor=request.user)
    messages.success(request, _("Thank you for reading the note."))
    return redirect("monitoring:my_case", pk=case.pk)


# ----------------------------------------------------------------------------- queue

@handler_required
def case_queue(request):
    filters = {k: request.GET.get(k, "")[:40] for k in
               ("status", "category", "severity", "department", "attention")}
    page = selectors.queue_page(request.user, page=request.GET.get("page", 1), **filters)
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "monitoring/cases.html", {
        "page": page, "filters": filters, "query": query.urlencode(),
        "statuses": CaseStatus.choices, "categories": CATEGORIES, "severities": SEVERITIES,
        "departments": Department.objects.all(), "reviews": selectors.reviews(request.user)})


@handler_required
def case_detail(request, pk: int, forms: dict | None = None, status: int = 200):
    case = selectors.handled_case(request.user, pk)
    reviews = selectors.reviews(request.user)
    forms = forms or {}
    findings = list(selectors.findings_of(case))
    return render(request, "monitoring/case.html", {
        "case": case, "findings": findings, "events": selectors.timeline(case),
        "replies": selectors.replies_of(case), "notes": selectors.messages_of(case),
        "reviews": reviews, "may_resolve": selectors.may_resolve(request.user, case),
        "unseen": sum(1 for r in case.replies.all() if r.seen_at is None),
        "resolve_form": forms.get("resolve") or NoteForm(),
        "escalate_form": forms.get("escalate") or EscalateForm(),
        "checked_targets": (forms["escalate"].data.getlist("targets") if forms.get("escalate")
                            else []),
        "post_text": selectors.masked_post_text(case, findings),
        "dismiss_form": forms.get("dismiss") or ReasonForm(),
        "finding_forms": forms.get("findings") or {},
        "finding_form": ReasonForm(), "bad_finding": forms.get("bad_finding"),
        "targets": EscalationTarget.choices}, status=status)


def _case_post(request, pk: int, form_class, key: str, call, done: str):
    case = selectors.handled_case(request.user, pk)
    form = form_class(request.POST)
    if form.is_valid():
        try:
            call(case, form.cleaned_data)
        except ValidationFailed as exc:
            add_service_error(form, exc, input_only=True)
        else:
            messages.success(request, done)
            return redirect("monitoring:case", pk=case.pk)
    return case_detail.__wrapped__(request, pk, forms={key: form}, status=400)


@require_POST
@handler_required
def case_resolve(request, pk: int):
    return _case_post(request, pk, NoteForm, "resolve", lambda case, data: services.case_resolve(
        case=case, actor=request.user, note=data["note"]), _("The case is resolved."))


@require_POST
@handler_required
def case_escalate(request, pk: int):
    return _case_post(request, pk, EscalateForm, "escalate",
                      lambda case, data: services.case_escalate(
                          case=case, actor=request.user, targets=data["targets"],
                          note=data["note"]), _("The case is escalated."))


@require_POST
@handler_required
def case_dismiss(request, pk: int):
    return _case_post(request, pk, ReasonForm, "dismiss", lambda case, data: services.case_dismiss(
        case=case, actor=request.user, reason=data["reason"]),
        _("The case is dismissed as a false positive."))


@require_POST
@handler_required
def case_reopen(request, pk: int):
    case = selectors.handled_case(request.user, pk)
    services.case_reopen(case=case, actor=request.user, note=request.POST.get("note", "")[:2000])
    messages.success(request, _("The case is open again."))
    return redirect("monitoring:case", pk=case.pk)


@require_POST
@handler_required
def case_take(request, pk: int):
    case = selectors.handled_case(request.user, pk)
    services.case_assign(case=case, actor=request.user)
    messages.success(request, _("You are the reviewer of this case."))
    return redirect("monitoring:case", pk=case.pk)


@require_POST
@handler_required
def case_replies_seen(request, pk: int):
    case = selectors.handled_case(request.user, pk)
    services.case_replies_seen(case=case, actor=request.user)
    return redirect("monitoring:case", pk=case.pk)


@require_POST
@handler_required
def finding_dismiss(request, pk: int):
    finding = selectors.finding_for(request.user, pk)
    selectors.handled_case(request.user, finding.case_id)
    form = ReasonForm(request.POST)
    if form.is_valid():
        try:
            services.finding_dismiss(finding=finding, actor=request.user,
                                     reason=form.cleaned_data["reason"])
        except ValidationFailed as exc:
            add_service_error(form, exc, input_only=True)
        else:
            messages.success(request, _("The finding is dismissed as a false positive."))
            return redirect("monitoring:case", pk=finding.case_id)
    return case_detail.__wrapped__(request, finding.case_id,
                                   forms={"findings": {finding.pk: form},
                                          "bad_finding": finding.pk}, status=400)


# ----------------------------------------------------------------------------- templates

def _rules():
    from koe.policies.selectors import current_policy

    return sorted((r for r in current_policy().rules.values() if r.enabled),
                  key=lambda r: r.code)


@permission_required("monitoring.coaching_templates")
def template_list(request):
    saved = {t.rule_code: t for t in selectors.templates()}
    return render(request, "monitoring/coaching_templates.html", {
        "default": saved.get(""), "rules": [(r, saved.get(r.code)) for r in _rules()],
        "orphans": [t for code, t in saved.items() if code and code not in
                    {r.code for r in _rules()}]})


def _code_of(slug: str) -> str:
    return "" if slug == "default" else slug.upper()


@permission_required("monitoring.coaching_templates")
def template_edit(request, code: str):
    rule_code = _code_of(code)
    if rule_code and rule_code not in {r.code for r in _rules()} and not \
            CoachingTemplate.objects.filter(rule_code=rule_code).exists():
        raise Http404("no such rule")
    current = selectors.template_for(rule_code)
    previews = []
    status = 200
    if request.method == "POST":
        form = TemplateForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                if "preview" in request.POST:
                    for lang in ("en", "ja"):
                        previews.append(coaching.preview(
                            rule_code=rule_code, lang=lang, subject=data[f"subject_{lang}"],
                            body=data[f"body_{lang}"], name=str(request.user)))
                else:
                    services.coaching_template_save(actor=request.user, rule_code=rule_code,
                                                    **data)
                    messages.success(request, _("The coaching template is saved."))
                    return redirect("monitoring:coaching_templates")
            except ValidationFailed as exc:
                add_service_error(form, exc, input_only=True)
                status = 400
        else:
            status = 400
    else:
        initial = {}
        for lang in ("en", "ja"):
            subject, body = (
                (getattr(current, f"subject_{lang}"), getattr(current, f"body_{lang}"))
                if current else coaching.template_texts(rule_code, lang))
            initial.update({f"subject_{lang}": subject, f"body_{lang}": body})
        form = TemplateForm(initial=initial)
    return render(request, "monitoring/coaching_template_form.html", {
        "form": form, "rule_code": rule_code, "slug": code, "current": current,
        "previews": previews, "placeholders": coaching.PLACEHOLDERS}, status=status)


@require_POST
@permission_required("monitoring.coaching_templates")
def template_delete(request, code: str):
    template = get_object_or_404(CoachingTemplate, rule_code=_code_of(code))
    services.coaching_template_delete(actor=request.user, template=template)
    messages.success(request, _("The template is removed; the default applies again."))
    return redirect("monitoring:coaching_templates")
