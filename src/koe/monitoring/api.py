"""Cases and coaching API: the same selectors (who sees which case) and services as the pages.
Errors: ``{"error", "message", "field"}``; a case you may not see is 404."""

from __future__ import annotations

from datetime import datetime

from ninja import Router, Schema, Status

from koe.people.permissions import require
from koe.web.api import ErrorOut
from koe.web.errors import NotAllowed

from . import selectors, services
from .models import Case

router = Router(tags=["monitoring"])

ERRORS = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut}


class FindingOut(Schema):
    id: int
    rule: str
    category: str
    severity: str
    start: int
    end: int
    excerpt: str
    dismissed: bool
    dismiss_reason: str


class ReplyOut(Schema):
    id: int
    kind: str
    reason: str
    author: str
    created_at: datetime
    seen: bool


class EventOut(Schema):
    kind: str
    actor: str | None
    note: str
    at: datetime


class MessageOut(Schema):
    id: int
    language: str
    subject: str
    body: str
    sent_at: datetime
    emailed: bool


class CaseOut(Schema):
    id: int
    status: str
    person: str | None
    department: str | None
    category: str
    severity: str
    repeat: bool
    action: str
    escalated_to: list[str]
    escalated_at: datetime | None
    needs_review: bool
    opened_at: datetime
    resolved_at: datetime | None
    mine: bool


class CaseDetailOut(CaseOut):
    findings: list[FindingOut]
    replies: list[ReplyOut]
    coaching: list[MessageOut]
    events: list[EventOut]


class CasePage(Schema):
    count: int
    page: int
    pages: int
    results: list[CaseOut]


class ReplyIn(Schema):
    kind: str
    reason: str = ""


class NoteIn(Schema):
    note: str = ""


class EscalateIn(Schema):
    targets: list[str]
    note: str = ""


class DismissReasonIn(Schema):
    reason: str = ""


class TemplateOut(Schema):
    rule_code: str
    subject_en: str
    subject_ja: str
    body_en: str
    body_ja: str
    custom: bool
    updated_at: datetime | None


class TemplateIn(Schema):
    rule_code: str = ""
    subject_en: str
    subject_ja: str
    body_en: str
    body_ja: str


def _case(c: Case, user) -> dict:
    return {"id": c.pk, "status": c.status, "person": c.person.username if c.person else None,
            "department": c.department.code if c.department else None,
            "category": c.category, "severity": c.severity, "repeat": c.repeat,
            "action": c.action, "escalated_to": list(c.escalated_to or []),
            "escalated_at": c.escalated_at, "needs_review": c.needs_review,
            "opened_at": c.opened_at, "resolved_at": c.resolved_at,
            "mine": c.person_id == user.pk}


def _detail(c: Case, user) -> dict:
    handler = c.person_id != user.pk
    return {
        **_case(c, user),
        "findings": [{"id": f.pk, "rule": f.rule_code, "category": f.category,
                      "severity": f.severity, "start": f.start, "end": f.end,
                      "excerpt": f.excerpt, "dismissed": f.dismissed_at is not None,
                      "dismiss_reason": f.dismiss_reason} for f in selectors.findings_of(c)
                     if handler or f.dismissed_at is None],
        "replies": [{"id": r.pk, "kind": r.kind, "reason": r.reason,
                     "author": r.author.username, "created_at": r.created_at,
                     "seen": r.seen_at is not None} for r in selectors.replies_of(c)],
        "coaching": [{"id": m.pk, "language": m.language, "subject": m.subject, "body": m.body,
                      "sent_at": m.sent_at, "emailed": m.emailed}
                     for m in selectors.messages_of(c)],
        # The person sees their notes and answers; the timeline is for those handling it.
        "events": [] if not handler else [
            {"kind": e.kind, "actor": e.actor.username if e.actor else None, "note": e.note,
             "at": e.at} for e in selectors.timeline(c)],
    }


def _handled(request, pk: int) -> Case:
    """A case the caller handles: 404 when they may not see it, 403 for the person's own."""
    case = selectors.case_for(request.user, pk)
    if not selectors.queue_cases(request.user).filter(pk=pk).exists():
        raise NotAllowed(None, "Only the people handling this case can do this.",
                         "この操作はケースの担当者だけができます。")
    return case


@router.get("/cases", response={200: CasePage, **ERRORS},
            summary="Cases you may see: your own, those escalated to you, or all (reviewers)")
def case_list(request, status: str = "", category: str = "", severity: str = "",
              department: str = "", mine: bool = False, page: int = 1):
    require(request.user, "monitoring.cases_mine")
    qs = selectors.visible_cases(request.user)
    if mine:
        qs = qs.filter(person=request.user)
    for field, value in (("status", status), ("category", category), ("severity", severity),
                         ("department__code", department)):
        if value:
            qs = qs.filter(**{field: value[:40]})
    from django.core.paginator import Paginator

    result = Paginator(qs.order_by("-opened_at", "-pk"), 50).get_page(page)
    return {"count": result.paginator.count, "page": result.number,
            "pages": result.paginator.num_pages,
            "results": [_case(c, request.user) for c in result]}


@router.get("/cases/{pk}", response={200: CaseDetailOut, **ERRORS},
            summary="A case with its findings, coaching notes, answers and (for handlers) timeline")
def case_detail(request, pk: int):
    require(request.user, "monitoring.cases_mine")
    return _detail(selectors.case_for(request.user, pk), request.user)


@router.post("/cases/{pk}/replies", response={201: ReplyOut, **ERRORS},
             summary="Answer the coaching of your own case: fixed, disagree (with a reason) or "
                     "question")
def case_reply(request, pk: int, payload: ReplyIn):
    require(request.user, "monitoring.cases_mine")
    case = selectors.case_for(request.user, pk)
    reply = services.case_reply(case=case, actor=request.user, kind=payload.kind,
                                reason=payload.reason)
    return Status(201, {"id": reply.pk, "kind": reply.kind, "reason": reply.reason,
                        "author": request.user.username, "created_at": reply.created_at,
                        "seen": False})


@router.post("/cases/{pk}/acknowledge", response={200: CaseOut, **ERRORS},
             summary="Acknowledge the coaching note of your own case")
def case_acknowledge(request, pk: int):
    require(request.user, "monitoring.cases_mine")
    case = selectors.case_for(request.user, pk)
    return _case(services.case_acknowledge(case=case, actor=request.user), request.user)


@router.post("/cases/{pk}/resolve", response={200: CaseOut, **ERRORS},
             summary="Resolve a case (reviewers; HR, Legal and managers for cases escalated to "
                     "them)")
def case_resolve(request, pk: int, payload: NoteIn):
    case = _handled(request, pk)
    return _case(services.case_resolve(case=case, actor=request.user, note=payload.note),
                 request.user)


@router.post("/cases/{pk}/escalate", response={200: CaseOut, **ERRORS},
             summary="Escalate a case to manager, hr, legal and/or compliance (reviewers)")
def case_escalate(request, pk: int, payload: EscalateIn):
    case = _handled(request, pk)
    return _case(services.case_escalate(case=case, actor=request.user, targets=payload.targets,
                                        note=payload.note), request.user)


@router.post("/cases/{pk}/dismiss", response={200: CaseOut, **ERRORS},
             summary="Dismiss a case as a false positive, with a reason (reviewers)")
def case_dismiss(request, pk: int, payload: DismissReasonIn):
    case = _handled(request, pk)
    return _case(services.case_dismiss(case=case, actor=request.user, reason=payload.reason),
                 request.user)


@router.post("/cases/{pk}/reopen", response={200: CaseOut, **ERRORS},
             summary="Reopen a closed case (reviewers)")
def case_reopen(request, pk: int, payload: NoteIn):
    case = _handled(request, pk)
    return _case(services.case_reopen(case=case, actor=request.user, note=payload.note),
                 request.user)


@router.post("/cases/{pk}/replies/seen", response={200: CaseOut, **ERRORS},
             summary="Mark the person's answers as read")
def case_replies_seen(request, pk: int):
    case = _handled(request, pk)
    services.case_replies_seen(case=case, actor=request.user)
    return _case(case, request.user)


@router.post("/findings/{pk}/dismiss", response={200: FindingOut, **ERRORS},
             summary="Dismiss one finding as a false positive, with a reason (reviewers)")
def finding_dismiss(request, pk: int, payload: DismissReasonIn):
    finding = selectors.finding_for(request.user, pk)
    _handled(request, finding.case_id)
    f = services.finding_dismiss(finding=finding, actor=request.user, reason=payload.reason)
    return {"id": f.pk, "rule": f.rule_code, "category": f.category, "severity": f.severity,
            "start": f.start, "end": f.end, "excerpt": f.excerpt, "dismissed": True,
            "dismiss_reason": f.dismiss_reason}


def _template(rule_code: str) -> dict:
    from . import coaching

    row = selectors.template_for(rule_code)
    if row is not None:
        return {"rule_code": row.rule_code, "subject_en": row.subject_en,
                "subject_ja": row.subject_ja, "body_en": row.body_en, "body_ja": row.body_ja,
                "custom": True, "updated_at": row.updated_at}
    en, ja = coaching.template_texts(rule_code, "en"), coaching.template_texts(rule_code, "ja")
    return {"rule_code": rule_code, "subject_en": en[0], "subject_ja": ja[0], "body_en": en[1],
            "body_ja": ja[1], "custom": False, "updated_at": None}


@router.get("/coaching-templates", response={200: list[TemplateOut], **ERRORS},
            summary="The coaching templates: the default (rule_code \"\") and each rule's own")
def template_list(request):
    require(request.user, "monitoring.coaching_templates")
    saved = [t.rule_code for t in selectors.templates()]
    return [_template("")] + [_template(code) for code in saved if code]


@router.put("/coaching-templates", response={200: TemplateOut, **ERRORS},
            summary="Create or change a rule's coaching template (rule_code \"\" = the default); "
                    "placeholders: {name} {rule} {rule_name} {excerpt} {message} {why} "
                    "{suggestion} {rule_url} {ask_url} {case_url}")
def template_put(request, payload: TemplateIn):
    require(request.user, "monitoring.coaching_templates")
    t = services.coaching_template_save(actor=request.user, **payload.dict())
    return _template(t.rule_code)
