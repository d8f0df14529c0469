"""Writes of cases and coaching: the ladder's steps for a new case, the person's answers, the
reviewer's decisions, and coaching templates. Every step is a CaseEvent and an audit entry;
mail goes after the commit."""

from __future__ import annotations

import datetime as dt
import json
import logging

from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from koe.accounts.mail import send_to_person
from koe.audit.services import audit_record
from koe.people.permissions import require
from koe.people.services import notification_create
from koe.web.errors import Conflict, NotAllowed, ValidationFailed

from . import coaching, selectors
from .choices import CLOSED_STATUSES, CaseStatus, EscalationTarget, ReplyKind
from .models import Case, CaseEvent, CoachingMessage, CoachingReply, CoachingTemplate, Finding

log = logging.getLogger(__name__)

LIMITS = {"reason": 2000, "note": 2000}
REFRESHER_DAYS = 30  # a refresher assigned by the ladder is due this many days later
# The built-in course that refreshes each category (the learning catalogue's slugs).
REFRESHER_COURSES = {"secret": "security-hygiene", "default": "social-media-dos"}

# Which status may follow which. Closing (resolve, dismiss) is handled apart: any open case.
TRANSITIONS = {
    CaseStatus.NEW: {CaseStatus.COACHING_SENT, CaseStatus.ESCALATED},
    CaseStatus.COACHING_SENT: {CaseStatus.ACKNOWLEDGED, CaseStatus.EDITED, CaseStatus.DELETED,
                               CaseStatus.ESCALATED},
    CaseStatus.ACKNOWLEDGED: {CaseStatus.EDITED, CaseStatus.DELETED, CaseStatus.ESCALATED},
    CaseStatus.EDITED: {CaseStatus.ESCALATED},
    CaseStatus.DELETED: {CaseStatus.ESCALATED},
    CaseStatus.ESCALATED: set(),
}


# ----------------------------------------------------------------------------- helpers

class _Batch:
    """The writes of many new cases' ladder steps, made in a few statements by ``flush``.

    ``cases_process_new`` runs the same steps as the single-case helpers, with this collector
    passed as ``batch``: events, notifications, status changes and audit entries pile up here
    and go to the database in bulk; the audit chain is appended last, so its lock is held
    only for the end of the transaction. E-mails go after the commit on one connection.
    """

    def __init__(self) -> None:
        self.events: list[CaseEvent] = []
        self.audits: list[tuple] = []
        self.notifications: list = []
        self.mails: list[tuple[str, object, dict, int | None]] = []
        self.changed: dict[int, tuple[Case, set[str]]] = {}
        self.trainings: list[tuple[Case, object]] = []
        self.role_users: dict = {}  # escalation recipients by role, read once per batch
        self.courses: dict = {}
        self.now = timezone.now()  # one time for the batch: its status changes share it

    def save(self, case: Case, fields: list[str]) -> None:
        self.changed.setdefault(case.pk, (case, set()))[1].update(fields)

    def flush(self) -> None:
        from koe.audit.services import audit_record_many
        from koe.people.models import Notification

        for case, course in self.trainings:  # (each enrolment audits: the chain lock from here)
            _enrol(case, course, batch=self)
        # cases that changed alike (most of a batch: coached, or escalated to the same
        # people) in one UPDATE each
        alike: dict[str, tuple[dict, list[int]]] = {}
        for case, fields in self.changed.values():
            values = {f: getattr(case, f) for f in sorted(fields)}
            key = json.dumps(values, sort_keys=True, default=str)
            alike.setdefault(key, (values, []))[1].append(case.pk)
        for values, pks in alike.values():
            Case.objects.filter(pk__in=pks).update(**values)
        CaseEvent.objects.bulk_create(self.events, batch_size=1000)
        Notification.objects.bulk_create(self.notifications, batch_size=1000)
        audit_record_many(self.audits)
        if self.mails:
            mails = list(self.mails)
            transaction.on_commit(lambda: _send_mails(mails))


def _event(case: Case, kind: str, *, actor=None, note: str = "", batch: _Batch | None = None,
           **data) -> CaseEvent:
    event = CaseEvent(case=case, kind=kind, actor=actor if getattr(actor, "pk", None) else None,
                      note=note, data=data, at=timezone.now())
    audit = (actor, f"monitoring.case_{kind}", case,
             {"case": case.pk, "status": case.status, **data,
              **({"note": note[:300]} if note else {})})
    if batch is not None:
        batch.events.append(event)
        batch.audits.append(audit)
        return event
    event.save()
    audit_record(actor=audit[0], action=audit[1], obj=audit[2], data=audit[3])
    return event


def _save(case: Case, fields: list[str], batch: _Batch | None) -> None:
    if batch is not None:
        batch.save(case, fields)
    else:
        case.save(update_fields=fields)


def _notify(*, user, kind: str, title: str, body: str, url: str, batch: _Batch | None) -> None:
    if batch is None:
        notification_create(user=user, kind=kind, title=title, body=body, url=url)
        return
    from koe.people.models import Notification

    # the same row notification_create writes, made with the batch's other rows
    batch.notifications.append(Notification(user=user, kind=kind, title=title[:200], body=body,
                                            url=url[:300]))


def _move(case: Case, status: str, *, actor=None, kind: str | None = None, note: str = "",
          batch: _Batch | None = None, **data) -> None:
    """Change ``case``'s status (checked against TRANSITIONS) and record the step."""
    if status not in TRANSITIONS.get(case.status, set()):
        raise Conflict("status", f"A case that is “{_label(case.status, 'en')}” cannot become "
                                 f"“{_label(status, 'en')}”.",
                       f"「{_label(case.status, 'ja')}」のケースを「{_label(status, 'ja')}」には"
                       "できません。")
    previous = case.status
    case.status = status
    case.updated_at = batch.now if batch is not None else timezone.now()
    _save(case, ["status", "updated_at"], batch)
    _event(case, kind or status, actor=actor, note=note, previous=previous, batch=batch, **data)


def _close(case: Case, status: str, *, actor=None, note: str = "", **data) -> None:
    if case.status in CLOSED_STATUSES and status != CaseStatus.DISMISSED:
        raise _closed_conflict(case)
    previous = case.status
    case.status = status
    case.resolved_at = case.updated_at = timezone.now()
    case.needs_review = False
    case.save(update_fields=["status", "resolved_at", "updated_at", "needs_review",
                             "dismiss_reason"])
    _event(case, status, actor=actor, note=note, previous=previous, **data)


def _label(status: str, lang: str) -> str:
    with translation.override(lang):
        return str(CaseStatus(status).label)


def _closed_conflict(case: Case) -> Conflict:
    return Conflict("status", f"This case is closed already ({_label(case.status, 'en')}).",
                    f"このケースはすでに終了しています（{_label(case.status, 'ja')}）。")


def _locked(case: Case) -> Case:
    """The case's row, locked for this transaction, with the fields the caller may have
    loaded (selectors add annotations, which a locked re-read does not need)."""
    # NO KEY: an event, reply or finding written for the case by a transaction that holds the
    # audit chain is checked against this row at COMMIT; FOR UPDATE would block that check
    # while we wait for the chain — a deadlock. Nothing changes a case's key.
    return (Case.objects.select_for_update(of=("self",), no_key=True)  # not the outer joins
            .select_related("person", "person__manager").get(pk=case.pk))


def _text(field: str, value: str, *, required: bool, en: str, ja: str,
          limit_key: str = "reason") -> str:
    value = (value or "").strip()
    if required and not value:
        raise ValidationFailed(field, en, ja)
    limit = LIMITS[limit_key]
    if len(value) > limit:
        raise ValidationFailed(field, f"That is too long (at most {limit} characters).",
                               f"長すぎます（{limit}文字まで）。")
    return value


def _path(name: str, case: Case) -> str:
    return reverse(name, args=[case.pk])


def _mail_after_commit(template: str, user, context: dict, *, message_id: int | None = None,
                       batch: _Batch | None = None):
    if batch is not None:
        batch.mails.append((template, user, context, message_id))
        return
    transaction.on_commit(lambda: _send_mails([(template, user, context, message_id)]))


def _send_mails(mails: list[tuple[str, object, dict, int | None]]) -> None:
    """Send after the commit, on one connection; a coaching note that went out is marked
    ``emailed``. A failed mail is logged and does not stop the others (nor undo the case)."""
    from django.core.mail import get_connection

    connection = get_connection()
    sent_notes: list[int] = []
    try:
        connection.open()
    except Exception:
        log.exception("could not open the mail connection")
    try:
        for template, user, context, message_id in mails:
            try:
                sent = send_to_person(template, user, context, connection=connection)
            except Exception:  # a mail server outage must not undo the case
                log.exception("could not send %s to %s", template, user.pk)
                continue
            if sent and message_id:
                sent_notes.append(message_id)
    finally:
        connection.close()
    if sent_notes:
        CoachingMessage.objects.filter(pk__in=sent_notes).update(emailed=True)


# ----------------------------------------------------------------------------- the ladder

LADDER_BATCH = 500  # new cases carried out per transaction


def cases_process_new(*, case_ids: list[int]) -> None:
    """Carry out the ladder step of each new case: coach (and assign a refresher, or ask a
    reviewer), or escalate. A case that is no longer new is left alone, so a retried task does
    nothing twice.

    Cases go in batches of LADDER_BATCH, each in one transaction with a few statements
    whatever its size (rows locked, findings and templates read once, notes, events,
    notifications and audit entries written in bulk); e-mail goes after the commit.
    """
    ids = sorted(set(case_ids))
    for i in range(0, len(ids), LADDER_BATCH):
        with transaction.atomic():
            cases = list(Case.objects.select_for_update(of=("self",), no_key=True)  # _locked
                         .select_related("person", "person__manager")
                         .prefetch_related("findings")
                         .filter(pk__in=ids[i:i + LADDER_BATCH], status=CaseStatus.NEW)
                         .order_by("pk"))
            if cases:
                _process_many(cases)


def _process_many(cases: list[Case]) -> None:
    from koe.policies.selectors import current_scanner

    batch = _Batch()
    policy = current_scanner().policy
    templates = coaching.templates_by_rule()
    coached = [c for c in cases if c.person is not None]
    notes = {c.pk: coaching.render_note(c, c.person.language, policy=policy,
                                        templates=templates) for c in coached}
    messages = CoachingMessage.objects.bulk_create(
        [CoachingMessage(case=c, language=notes[c.pk].language, subject=notes[c.pk].subject,
                         body=notes[c.pk].body) for c in coached], batch_size=500)
    by_case = {m.case_id: m for m in messages}
    for case in cases:
        _process(case, batch=batch, note=notes.get(case.pk), message=by_case.get(case.pk))
    batch.flush()


def _process(case: Case, *, batch: _Batch, note: coaching.Note | None,
             message: CoachingMessage | None) -> None:
    action = case.action or "coach"
    if case.person is None:
        # Nobody to coach (e.g. a brand account without an owner): a reviewer takes it.
        case.needs_review = True
        _save(case, ["needs_review"], batch)
        _event(case, "review_requested", note="no person to coach", action=action, batch=batch)
        if action == "escalate":
            _escalate(case, actor=None, targets=case.escalated_to or [EscalationTarget.MANAGER],
                      batch=batch)
        return
    _coach(case, note=note, message=message, batch=batch)
    if action == "coach_and_training":
        _assign_refresher(case, batch=batch)
    elif action == "coach_and_review":
        case.needs_review = True
        _save(case, ["needs_review"], batch)
        _event(case, "review_requested", action=action, batch=batch)
    elif action == "escalate":
        _escalate(case, actor=None, targets=case.escalated_to or [EscalationTarget.MANAGER],
                  batch=batch)
    elif action != "coach":
        _event(case, "unknown_action", note=f"unknown ladder step {action!r}; coached only",
               batch=batch)


def _coach(case: Case, *, note: coaching.Note, message: CoachingMessage,
           batch: _Batch) -> CoachingMessage:
    person = case.person
    _move(case, CaseStatus.COACHING_SENT, kind="coaching_sent", message=message.pk,
          language=note.language, rule=note.rule_code, batch=batch)
    url = _path("monitoring:my_case", case)
    with translation.override(note.language):
        body = _("A private note with a better way to say it. Open it to read it and answer.")
    _notify(user=person, kind="coaching", title=note.subject, body=body, url=url, batch=batch)
    _mail_after_commit("coaching-note", person, {
        "case": case, "subject": note.subject, "note": note.body,
        "case_url": coaching.absolute(url)}, message_id=message.pk, batch=batch)
    return message


def _assign_refresher(case: Case, *, batch: _Batch) -> None:
    from koe.learning.models import Course

    slug = REFRESHER_COURSES.get(case.category, REFRESHER_COURSES["default"])
    if slug not in batch.courses:
        batch.courses[slug] = Course.objects.filter(slug=slug, is_published=True).first()
    course = batch.courses[slug]
    if course is None:
        _event(case, "training_skipped", note="no refresher course for this category",
               course=slug, batch=batch)
        return
    batch.trainings.append((case, course))  # enrolled by flush(), next to the audit append


def _enrol(case: Case, course, *, batch: _Batch) -> None:
    from koe.learning.services import enrollment_create

    enrollment = enrollment_create(user=case.person, course=course,
                                   due_on=timezone.localdate() + dt.timedelta(days=REFRESHER_DAYS))
    _event(case, "training_assigned", course=course.slug, enrollment=enrollment.pk, batch=batch)


def _escalate(case: Case, *, actor, targets, note: str = "", batch: _Batch | None = None) -> None:
    targets = list(dict.fromkeys(str(t) for t in targets))
    roles = batch.role_users if batch is not None else None
    recipients, missing = selectors.escalation_recipients(case, targets, role_users=roles)
    if (missing and not recipients) or EscalationTarget.MANAGER in missing:
        # Nobody stands for a target (no manager on record): compliance makes sure it is seen.
        extra, _none = selectors.escalation_recipients(case, [EscalationTarget.COMPLIANCE],
                                                       role_users=roles)
        known = {u.pk for u in recipients}
        recipients += [u for u in extra if u.pk not in known]
    case.escalated_to = list(dict.fromkeys([*case.escalated_to, *targets]))
    case.escalated_at = case.escalated_at or (batch.now if batch is not None else timezone.now())
    _save(case, ["escalated_to", "escalated_at"], batch)
    if case.status != CaseStatus.ESCALATED:
        _move(case, CaseStatus.ESCALATED, actor=actor, kind="escalated", note=note,
              targets=targets, recipients=[u.username for u in recipients], missing=missing,
              batch=batch)
    else:
        _event(case, "escalated", actor=actor, note=note, targets=targets,
               recipients=[u.username for u in recipients], missing=missing, batch=batch)
    url = _path("monitoring:case", case)
    for user in recipients:
        with translation.override(user.language or "ja"):
            title = _("A case was escalated to you: %(category)s (%(severity)s)") % {
                "category": case.category, "severity": case.severity}
            body = _("Please read it and decide the next step privately.")
        _notify(user=user, kind="case_escalated", title=title, body=body, url=url, batch=batch)
        _mail_after_commit("case-escalated", user, {
            "case": case, "targets": targets, "note": note, "case_url": coaching.absolute(url),
            "subject_person": case.person}, batch=batch)


def case_post_changed(*, case: Case, change: str, findings_remain: bool) -> Case:
    """The post was edited or deleted on the network. Deleted, or edited so that no finding
    remains: the case resolves. Edited with findings left: it stays open, with an event.
    An escalated or closed case only records the change (the people handling it decide)."""
    if change not in ("edited", "deleted"):
        raise ValidationFailed("change", "The change is “edited” or “deleted”.",
                               "変更は「edited」か「deleted」です。")
    with transaction.atomic():
        case = _locked(case)
        kind = f"post_{change}"
        if case.status in CLOSED_STATUSES or case.status == CaseStatus.ESCALATED or (
                change == "edited" and findings_remain):
            _event(case, kind, findings_remain=findings_remain)
            return case
        status = CaseStatus.DELETED if change == "deleted" else CaseStatus.EDITED
        if case.status == CaseStatus.NEW:
            # Changed before any coaching went out: record it and close, nothing to say.
            _event(case, kind, findings_remain=findings_remain, before_coaching=True)
        else:
            _move(case, status, kind=kind, findings_remain=findings_remain)
        _close(case, CaseStatus.RESOLVED,
               note="post deleted" if change == "deleted" else "post edited, nothing left")
    return case


# ----------------------------------------------------------------------------- the person

def _own(case: Case, actor) -> None:
    if case.person_id != actor.pk:
        raise NotAllowed(None, "Only the person the case is about can answer it.",
                         "返信できるのはケースの本人だけです。")


@transaction.atomic
def case_acknowledge(*, case: Case, actor) -> Case:
    """The person has read the note."""
    require(actor, "monitoring.cases_mine")
    _own(case, actor)
    case = _locked(case)
    if case.status in CLOSED_STATUSES:
        raise _closed_conflict(case)
    if case.status == CaseStatus.NEW:
        raise Conflict("status", "There is no note to acknowledge yet.",
                       "確認するお知らせはまだありません。")
    if case.status == CaseStatus.ACKNOWLEDGED:
        raise Conflict("status", "You acknowledged this case already.",
                       "このケースはすでに確認済みです。")
    CoachingMessage.objects.filter(case=case, read_at__isnull=True).update(read_at=timezone.now())
    if case.status == CaseStatus.COACHING_SENT:
        _move(case, CaseStatus.ACKNOWLEDGED, actor=actor, kind="acknowledged")
    else:
        _event(case, "acknowledged", actor=actor)
    return case


@transaction.atomic
def case_reply(*, case: Case, actor, kind: str, reason: str = "") -> CoachingReply:
    """The person answers: fixed it, thinks the finding is wrong (reason required), or asks a
    question. It reaches the reviewer; "fixed" also acknowledges the note."""
    require(actor, "monitoring.cases_mine")
    _own(case, actor)
    if kind not in ReplyKind.values:
        raise ValidationFailed("kind", "Choose an answer: fixed, I think this is wrong, or a "
                                       "question.",
                               "返信の種類（修正した・誤りだと思う・質問）を選んでください。")
    reason = _text("reason", reason, required=kind in (ReplyKind.DISAGREE, ReplyKind.QUESTION),
                   en=("Please say why you think this is wrong — the reviewer reads it."
                       if kind == ReplyKind.DISAGREE else "Please write your question."),
                   ja=("誤りだと思う理由を書いてください。担当者が読みます。"
                       if kind == ReplyKind.DISAGREE else "質問を書いてください。"))
    case = _locked(case)
    if case.status in CLOSED_STATUSES:
        raise _closed_conflict(case)
    if case.status == CaseStatus.NEW:
        raise Conflict("status", "There is no note to answer yet.",
                       "返信するお知らせはまだありません。")
    reply = CoachingReply.objects.create(case=case, author=actor, kind=kind, reason=reason)
    CoachingMessage.objects.filter(case=case, read_at__isnull=True).update(read_at=timezone.now())
    if kind == ReplyKind.FIXED and case.status == CaseStatus.COACHING_SENT:
        _move(case, CaseStatus.ACKNOWLEDGED, actor=actor, kind="acknowledged", reply=reply.pk)
    _event(case, "reply", actor=actor, note=reason, reply=reply.pk, reply_kind=kind)
    url = _path("monitoring:case", case)
    for reviewer in selectors.reviewers_for(case):
        with translation.override(reviewer.language or "ja"):
            title = _("%(person)s answered case #%(case)s: %(answer)s") % {
                "person": actor, "case": case.pk, "answer": ReplyKind(kind).label}
        notification_create(user=reviewer, kind="case_reply", title=title, body=reason[:500],
                            url=url)
    return reply


def coaching_mark_read(*, case: Case, actor) -> int:
    """The person opened their case: the notes count as read (not audited: nothing decided)."""
    if case.person_id != actor.pk:
        return 0
    return CoachingMessage.objects.filter(case=case, read_at__isnull=True).update(
        read_at=timezone.now())


# ----------------------------------------------------------------------------- reviewers

@transaction.atomic
def case_replies_seen(*, case: Case, actor) -> int:
    """A reviewer (or whoever handles the case) has read the person's answers."""
    if not selectors.may_resolve(actor, case):
        raise NotAllowed(None, "Only the people handling this case can mark answers read.",
                         "返信を既読にできるのはケースの担当者だけです。")
    count = case.replies.filter(seen_at__isnull=True).update(seen_at=timezone.now())
    if count:
        _event(case, "replies_seen", actor=actor, count=count)
    return count


@transaction.atomic
def case_resolve(*, case: Case, actor, note: str = "") -> Case:
    if not selectors.may_resolve(actor, case):
        raise NotAllowed(None, "Only the people handling this case can resolve it.",
                         "ケースを解決にできるのは担当者だけです。")
    note = _text("note", note, required=False, en="", ja="", limit_key="note")
    case = _locked(case)
    if case.status in CLOSED_STATUSES:
        raise _closed_conflict(case)
    _close(case, CaseStatus.RESOLVED, actor=actor, note=note)
    return case


@transaction.atomic
def case_escalate(*, case: Case, actor, targets: list[str], note: str = "") -> Case:
    """A reviewer escalates by hand to the manager, HR, Legal or Compliance."""
    require(actor, "monitoring.cases_review")
    targets = [str(t).strip().lower() for t in (targets or []) if str(t).strip()]
    if not targets:
        raise ValidationFailed("targets", "Choose who receives the case (manager, HR, Legal or "
                                          "Compliance).",
                               "ケースの共有先（上長・人事・法務・コンプライアンス）を選んでください。")
    unknown = [t for t in targets if t not in EscalationTarget.values]
    if unknown:
        raise ValidationFailed("targets", f"Unknown recipient: {unknown[0]}. Choose from "
                                          "manager, hr, legal, compliance.",
                               f"共有先「{unknown[0]}」は選べません。manager, hr, legal, "
                               "compliance から選んでください。")
    note = _text("note", note, required=False, en="", ja="", limit_key="note")
    case = _locked(case)
    if case.status in CLOSED_STATUSES:
        raise _closed_conflict(case)
    if case.status == CaseStatus.ESCALATED and set(targets) <= set(case.escalated_to):
        raise Conflict("targets", "The case is escalated to them already.",
                       "このケースはすでにその共有先に共有されています。")
    _escalate(case, actor=actor, targets=targets, note=note)
    return case


def _reason(reason: str) -> str:
    return _text("reason", reason, required=True,
                 en="Say why this is a false positive — it improves the rule.",
                 ja="誤検知と判断した理由を書いてください。ルールの改善に使われます。")[:300]


@transaction.atomic
def finding_dismiss(*, finding: Finding, actor, reason: str) -> Finding:
    """A reviewer marks one finding a false positive (it counts against the rule's precision).
    When no finding of the case is left, the case is dismissed."""
    require(actor, "monitoring.cases_review")
    reason = _reason(reason)
    case = _locked(finding.case)
    finding = Finding.objects.select_for_update().get(pk=finding.pk)
    if finding.dismissed_at is not None:
        raise Conflict("finding", "This finding is dismissed already.",
                       "この検出はすでに誤検知として処理されています。")
    finding.dismissed_at, finding.dismissed_by, finding.dismiss_reason = (
        timezone.now(), actor, reason)
    finding.save(update_fields=["dismissed_at", "dismissed_by", "dismiss_reason"])
    _event(case, "finding_dismissed", actor=actor, note=reason, finding=finding.pk,
           rule=finding.rule_code)
    if case.status != CaseStatus.DISMISSED and not case.findings.filter(
            dismissed_at__isnull=True).exists():
        case.dismiss_reason = reason
        _close(case, CaseStatus.DISMISSED, actor=actor, note=reason, last_finding=finding.pk)
    return finding


@transaction.atomic
def case_dismiss(*, case: Case, actor, reason: str) -> Case:
    """A reviewer dismisses the whole case as a false positive: every finding still standing is
    dismissed with the same reason."""
    require(actor, "monitoring.cases_review")
    reason = _reason(reason)
    case = _locked(case)
    if case.status == CaseStatus.DISMISSED:
        raise _closed_conflict(case)
    now = timezone.now()
    standing = list(case.findings.filter(dismissed_at__isnull=True).values_list(
        "pk", "rule_code"))
    case.findings.filter(dismissed_at__isnull=True).update(
        dismissed_at=now, dismissed_by=actor, dismiss_reason=reason)
    case.dismiss_reason = reason
    _close(case, CaseStatus.DISMISSED, actor=actor, note=reason,
           findings=[pk for pk, _rule in standing], rules=sorted({r for _pk, r in standing}))
    return case


@transaction.atomic
def case_reopen(*, case: Case, actor, note: str = "") -> Case:
    """Open a closed case again (a reviewer): back to escalated if it was, else to where the
    coaching stood. Dismissed findings stay dismissed."""
    require(actor, "monitoring.cases_review")
    note = _text("note", note, required=False, en="", ja="", limit_key="note")
    case = _locked(case)
    if case.status not in CLOSED_STATUSES:
        raise Conflict("status", "This case is open.", "このケースは対応中です。")
    previous = case.status
    if case.escalated_at:
        status = CaseStatus.ESCALATED
    elif case.messages.exists():
        status = CaseStatus.COACHING_SENT
    else:
        status = CaseStatus.NEW
    case.status, case.resolved_at, case.dismiss_reason = status, None, ""
    case.updated_at = timezone.now()
    case.save(update_fields=["status", "resolved_at", "dismiss_reason", "updated_at"])
    _event(case, "reopened", actor=actor, note=note, previous=previous)
    return case


@transaction.atomic
def case_assign(*, case: Case, actor, reviewer=None) -> Case:
    """Take a case (``reviewer`` None: the actor takes it)."""
    require(actor, "monitoring.cases_review")
    reviewer = reviewer or actor
    require(reviewer, "monitoring.cases_review")
    case = _locked(case)
    case.reviewer = reviewer
    case.save(update_fields=["reviewer"])
    _event(case, "assigned", actor=actor, reviewer=reviewer.username)
    return case


# ----------------------------------------------------------------------------- templates

def _rule_code(code: str) -> str:
    from koe.policies.selectors import current_policy

    code = (code or "").strip().upper()
    if not code:
        return ""
    try:
        return current_policy().rule(code).code
    except KeyError:
        raise ValidationFailed("rule_code", f"There is no rule {code} in the published policy.",
                               f"公開中のポリシーにルール {code} はありません。") from None


@transaction.atomic
def coaching_template_save(*, actor, rule_code: str, subject_en: str, subject_ja: str,
                           body_en: str, body_ja: str) -> CoachingTemplate:
    """Create or change the coaching template of a rule ("" = the default for all rules)."""
    require(actor, "monitoring.coaching_templates")
    code = _rule_code(rule_code)
    texts = coaching.validate_template(subject_en=subject_en, subject_ja=subject_ja,
                                       body_en=body_en, body_ja=body_ja)
    template, created = CoachingTemplate.objects.select_for_update().get_or_create(
        rule_code=code, defaults={**texts, "updated_by": actor})
    if not created:
        for field, value in texts.items():
            setattr(template, field, value)
        template.updated_by, template.updated_at = actor, timezone.now()
        template.save()
    audit_record(actor=actor, action="monitoring.coaching_template_save", obj=template,
                 data={"rule_code": code, "created": created})
    return template


@transaction.atomic
def coaching_template_delete(*, actor, template: CoachingTemplate) -> None:
    """Go back to the default for this rule (or to the built-in text for the default row)."""
    require(actor, "monitoring.coaching_templates")
    audit_record(actor=actor, action="monitoring.coaching_template_delete", obj=template,
                 data={"rule_code": template.rule_code})
    template.delete()
