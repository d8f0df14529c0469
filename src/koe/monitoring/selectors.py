"""Reads of cases: who sees which case (the object-level rules), the reviewer queue with its
filters, a case's timeline, and the coaching templates."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db.models import Count, Q, QuerySet, TextField
from django.db.models.functions import Cast
from django.http import Http404

from koe.people.choices import Role
from koe.people.models import User
from koe.people.permissions import can

from .choices import CaseStatus, EscalationTarget
from .models import Case, CaseEvent, CoachingReply, CoachingTemplate, Finding

PAGE_SIZE = 25


def reviews(user) -> bool:
    """Reviewers, compliance and admins handle every case."""
    return can(user, "monitoring.cases_review")


def is_manager(user) -> bool:
    """A manager is someone who is at least one active person's ``manager``."""
    if not getattr(user, "is_authenticated", False):
        return False
    cached = getattr(user, "_koe_is_manager", None)
    if cached is None:
        cached = User.objects.filter(manager=user, is_active=True).exists()
        user._koe_is_manager = cached
    return cached


def handles_cases(user) -> bool:
    """May open the case queue at all: reviewers, HR and Legal, and managers."""
    return reviews(user) or can(user, "monitoring.cases_escalated") or is_manager(user)


def _with_targets(qs: QuerySet[Case]) -> QuerySet[Case]:
    # JSON "contains" is not available on SQLite; the list's JSON text works on both databases.
    return qs.annotate(targets_text=Cast("escalated_to", TextField()))


def _escalated_to(target: str) -> Q:
    return Q(escalated_at__isnull=False, targets_text__contains=f'"{target}"')


def _escalated_to_user(user) -> Q:
    """Cases escalated to ``user``: HR and Legal get what names them; a manager gets what is
    escalated to the manager of their reports or of their department."""
    found = Q(pk__in=[])
    if user.has_role(Role.HR):
        found |= _escalated_to(EscalationTarget.HR)
    if user.has_role(Role.LEGAL):
        found |= _escalated_to(EscalationTarget.LEGAL)
    if is_manager(user):
        theirs = Q(person__manager=user)
        if user.department_id:
            theirs |= Q(department_id=user.department_id)
        found |= _escalated_to(EscalationTarget.MANAGER) & theirs
    return found


def _base() -> QuerySet[Case]:
    return Case.objects.select_related("person", "department", "account", "post", "reviewer")


def visible_cases(user) -> QuerySet[Case]:
    """Every case ``user`` may see: their own, what is escalated to them, or all (reviewers)."""
    if reviews(user):
        return _with_targets(_base())
    return _with_targets(_base()).filter(Q(person=user) | _escalated_to_user(user))


def my_cases(user) -> QuerySet[Case]:
    return (_base().filter(person=user)
            .prefetch_related("findings", "messages")
            .annotate(reply_count=Count("replies", distinct=True)))


def my_case(user, pk: int) -> Case:
    """One of ``user``'s own cases, else 404."""
    case = _base().filter(person=user, pk=pk).first()
    if case is None:
        raise Http404("no such case")
    return case


def queue_cases(user) -> QuerySet[Case]:
    """The cases ``user`` handles: all for reviewers; for HR, Legal and managers only those
    escalated to them (never their own)."""
    if reviews(user):
        return _with_targets(_base())
    return _with_targets(_base()).filter(_escalated_to_user(user)).exclude(person=user)


def case_for(user, pk: int) -> Case:
    """A case ``user`` may see (own or handled), else 404."""
    case = visible_cases(user).filter(pk=pk).first()
    if case is None:
        raise Http404("no such case")
    return case


def handled_case(user, pk: int) -> Case:
    """A case in ``user``'s queue, else 404."""
    case = queue_cases(user).filter(pk=pk).first()
    if case is None:
        raise Http404("no such case")
    return case


def may_resolve(user, case: Case) -> bool:
    """Reviewers resolve any case; HR, Legal and managers the cases escalated to them."""
    if reviews(user):
        return True
    return case.person_id != user.pk and queue_cases(user).filter(pk=case.pk).exists()


def finding_for(user, pk: int) -> Finding:
    finding = Finding.objects.select_related("case").filter(pk=pk).first()
    if finding is None or not visible_cases(user).filter(pk=finding.case_id).exists():
        raise Http404("no such finding")
    return finding


def queue_page(user, *, status: str = "", category: str = "", severity: str = "",
               department: str = "", attention: str = "", page: int | str = 1) -> Page:
    """One page of the queue, filtered; newest first. ``attention``: "review" (waiting for a
    reviewer) or "replies" (answers nobody has read yet)."""
    qs = queue_cases(user)
    if status in CaseStatus.values:
        qs = qs.filter(status=status)
    elif status == "open":
        qs = qs.exclude(status__in=[CaseStatus.RESOLVED, CaseStatus.DISMISSED])
    if category:
        qs = qs.filter(category=category)
    if severity:
        qs = qs.filter(severity=severity)
    if department:
        qs = qs.filter(department__code=department)
    if attention == "review":
        qs = qs.filter(needs_review=True).exclude(
            status__in=[CaseStatus.RESOLVED, CaseStatus.DISMISSED])
    elif attention == "replies":
        qs = qs.filter(replies__seen_at__isnull=True, replies__isnull=False).distinct()
    qs = qs.annotate(finding_count=Count("findings", distinct=True),
                     unseen_replies=Count("replies", filter=Q(replies__seen_at__isnull=True),
                                          distinct=True))
    return Paginator(qs.order_by("-opened_at", "-pk"), PAGE_SIZE).get_page(page)


def findings_of(case: Case) -> QuerySet[Finding]:
    return case.findings.select_related("dismissed_by")


MASKED = ("secret", "pii")


def masked_post_text(case: Case, findings=None) -> str:
    """The post's text for the people handling the case, with the spans of secret and
    personal-data findings replaced by dots (the case page never shows a password)."""
    if case.post_id is None:
        return ""
    text = case.post.text
    findings = findings if findings is not None else list(case.findings.all())
    spans = sorted((f.start, f.end) for f in findings if f.category in MASKED
                   and 0 <= f.start < f.end <= len(text))
    out, pos = [], 0
    for start, end in spans:
        start = max(start, pos)
        if start >= end:
            continue
        out.append(text[pos:start])
        out.append(text[start:start + 2] + "•" * min(8, end - start - 2) if end - start > 4
                   else "•" * (end - start))
        pos = end
    out.append(text[pos:])
    return "".join(out)


def timeline(case: Case) -> QuerySet[CaseEvent]:
    return case.events.select_related("actor")


def replies_of(case: Case) -> QuerySet[CoachingReply]:
    return case.replies.select_related("author")


def messages_of(case: Case):
    return case.messages.all()


def templates() -> QuerySet[CoachingTemplate]:
    return CoachingTemplate.objects.select_related("updated_by")


def template_for(rule_code: str) -> CoachingTemplate | None:
    return CoachingTemplate.objects.filter(rule_code=rule_code).first()


def escalation_recipients(case: Case, targets, *,
                          role_users: dict | None = None) -> tuple[list[User], list[str]]:
    """The people an escalation to ``targets`` reaches, and the targets nobody stands for
    (a person without a manager; no one with the role). ``role_users``: a dict kept by the
    caller across many cases, so each role's people are read once."""
    people: dict[int, User] = {}
    missing = []
    role_of = {EscalationTarget.HR: Role.HR, EscalationTarget.LEGAL: Role.LEGAL,
               EscalationTarget.COMPLIANCE: Role.COMPLIANCE}
    for target in targets:
        if target == EscalationTarget.MANAGER:
            manager = case.person.manager if case.person_id else None
            found = [manager] if manager is not None and manager.is_active else []
        else:
            if role_users is not None and target in role_users:
                found = list(role_users[target])
            else:
                found = list(User.objects.filter(role_rows__role=role_of[target], is_active=True)
                             .distinct())
                if role_users is not None:
                    role_users[target] = found
        found = [u for u in found if u.pk != case.person_id]
        if not found:
            missing.append(target)
        for u in found:
            people[u.pk] = u
    return list(people.values()), missing


def reviewers_for(case: Case) -> list[User]:
    """Who hears about a reply: the case's reviewer, else every reviewer."""
    if case.reviewer_id and case.reviewer.is_active:
        return [case.reviewer]
    return list(User.objects.filter(role_rows__role=Role.REVIEWER, is_active=True)
                .exclude(pk=case.person_id).distinct())


@dataclass(frozen=True)
class CaseCounts:
    """What the home page says about cases: the person's own open ones and, for those who
    handle cases, the open queue, what waits for a reviewer and answers nobody has read."""

    mine_open: int
    handles: bool
    queue_open: int = 0
    needs_review: int = 0
    unread_replies: int = 0


def case_counts(user) -> CaseCounts:
    closed = [CaseStatus.RESOLVED, CaseStatus.DISMISSED]
    mine = _base().filter(person=user).exclude(status__in=closed).count()
    if not handles_cases(user):
        return CaseCounts(mine_open=mine, handles=False)
    queue = queue_cases(user).exclude(status__in=closed)
    numbers = queue.aggregate(
        open=Count("pk", distinct=True),
        review=Count("pk", filter=Q(needs_review=True), distinct=True),
        replies=Count("replies", filter=Q(replies__seen_at__isnull=True), distinct=True))
    return CaseCounts(mine_open=mine, handles=True, queue_open=numbers["open"],
                      needs_review=numbers["review"], unread_replies=numbers["replies"])
