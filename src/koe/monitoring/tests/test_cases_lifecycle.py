"""A case's life after the note: the person's answers, reviewers' decisions, and the clear
refusals of steps the case's state does not allow."""

import pytest

from koe.audit.models import AuditEntry
from koe.monitoring import services
from koe.monitoring.models import Case, CoachingReply
from koe.people.models import Notification
from koe.people.testing import make_person
from koe.web.errors import Conflict, NotAllowed, ValidationFailed

from .cases_util import make_case

pytestmark = pytest.mark.django_db


@pytest.fixture
def coached(django_capture_on_commit_callbacks, mailoutbox):
    person = make_person(language="ja")
    case = make_case(person, category="secret", action="coach")
    with django_capture_on_commit_callbacks(execute=True):
        services.cases_process_new(case_ids=[case.pk])
    case.refresh_from_db()
    return case


@pytest.fixture
def reviewer(db):
    return make_person("reviewer", language="en")


def _fresh(case):
    return Case.objects.get(pk=case.pk)


def test_acknowledging_moves_the_case_and_is_audited(coached):
    services.case_acknowledge(case=coached, actor=coached.person)
    case = _fresh(coached)
    assert case.status == "acknowledged" and case.messages.get().read_at
    assert AuditEntry.objects.filter(action="monitoring.case_acknowledged").exists()
    with pytest.raises(Conflict) as err:
        services.case_acknowledge(case=case, actor=case.person)
    assert "already" in err.value.en and "すでに" in err.value.ja


def test_only_the_person_can_answer_their_case(coached, reviewer):
    with pytest.raises(NotAllowed):
        services.case_reply(case=coached, actor=reviewer, kind="fixed")
    with pytest.raises(NotAllowed):
        services.case_acknowledge(case=coached, actor=make_person())


def test_fixed_acknowledges_and_reaches_the_reviewer(coached, reviewer):
    reply = services.case_reply(case=coached, actor=coached.person, kind="fixed")
    case = _fresh(coached)
    assert case.status == "acknowledged" and reply.kind == "fixed"
    assert list(case.events.values_list("kind", flat=True))[-2:] == ["acknowledged", "reply"]
    note = Notification.objects.get(user=reviewer, kind="case_reply")
    assert note.url == f"/monitoring/cases/{case.pk}/" and "Fixed it" in note.title


def test_disagreeing_without_a_reason_is_refused_in_both_languages(coached):
    with pytest.raises(ValidationFailed) as err:
        services.case_reply(case=coached, actor=coached.person, kind="disagree", reason="  ")
    assert err.value.field == "reason"
    assert "why" in err.value.en and "理由" in err.value.ja
    assert not CoachingReply.objects.exists()
    reply = services.case_reply(case=coached, actor=coached.person, kind="disagree",
                                reason="テスト環境のダミーです")
    assert reply.reason == "テスト環境のダミーです" and _fresh(coached).status == "coaching_sent"


def test_an_unknown_answer_kind_names_the_field(coached):
    with pytest.raises(ValidationFailed) as err:
        services.case_reply(case=coached, actor=coached.person, kind="whatever")
    assert err.value.field == "kind"


def test_a_reviewer_reads_the_answers(coached, reviewer):
    services.case_reply(case=coached, actor=coached.person, kind="question", reason="Why?")
    assert services.case_replies_seen(case=coached, actor=reviewer) == 1
    assert coached.replies.get().seen_at is not None
    assert services.case_replies_seen(case=coached, actor=reviewer) == 0


def test_resolving_closes_and_a_second_resolve_is_a_conflict(coached, reviewer):
    services.case_resolve(case=coached, actor=reviewer, note="talked it through")
    case = _fresh(coached)
    assert case.status == "resolved" and case.resolved_at and not case.is_open
    assert case.events.last().note == "talked it through"
    with pytest.raises(Conflict) as err:
        services.case_resolve(case=case, actor=reviewer)
    assert err.value.status == 409 and "closed" in err.value.en
    with pytest.raises(Conflict):
        services.case_reply(case=case, actor=case.person, kind="fixed")


def test_an_employee_cannot_resolve_or_escalate(coached):
    with pytest.raises(NotAllowed):
        services.case_resolve(case=coached, actor=coached.person)
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.case_escalate(case=coached, actor=coached.person, targets=["hr"])


def test_a_reviewer_escalates_by_hand_and_hr_hears_of_it(coached, reviewer,
                                                         django_capture_on_commit_callbacks,
                                                         mailoutbox):
    hr = make_person("hr", language="ja")
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.case_escalate(case=coached, actor=reviewer, targets=["hr"], note="繰り返し")
    case = _fresh(coached)
    assert case.status == "escalated" and case.escalated_to == ["hr"]
    assert [m.to for m in mailoutbox] == [[hr.email]] and "繰り返し" in mailoutbox[0].body
    with pytest.raises(Conflict):
        services.case_escalate(case=case, actor=reviewer, targets=["hr"])
    with pytest.raises(ValidationFailed) as err:
        services.case_escalate(case=case, actor=reviewer, targets=["ceo"])
    assert err.value.field == "targets" and "ceo" in err.value.en
    with pytest.raises(ValidationFailed):
        services.case_escalate(case=case, actor=reviewer, targets=[])
    services.case_escalate(case=case, actor=reviewer, targets=["legal"])
    assert _fresh(case).escalated_to == ["hr", "legal"]


def test_dismissing_every_finding_dismisses_the_case(reviewer):
    case = make_case(make_person(),
                     text="password: Hunter2-Prod-2026 と 090-1234-5678", action="coach")
    first, second = case.findings.all()
    with pytest.raises(ValidationFailed) as err:
        services.finding_dismiss(finding=first, actor=reviewer, reason="")
    assert err.value.field == "reason" and "理由" in err.value.ja
    services.finding_dismiss(finding=first, actor=reviewer, reason="sample in docs")
    assert _fresh(case).is_open
    with pytest.raises(Conflict):
        services.finding_dismiss(finding=first, actor=reviewer, reason="again")
    services.finding_dismiss(finding=second, actor=reviewer, reason="a fake number")
    case = _fresh(case)
    assert case.status == "dismissed" and case.dismiss_reason == "a fake number"
    first.refresh_from_db()
    assert first.dismissed_by == reviewer and first.dismiss_reason == "sample in docs"


def test_dismissing_a_case_dismisses_its_findings_and_reopening_brings_it_back(coached, reviewer):
    with pytest.raises(ValidationFailed):
        services.case_dismiss(case=coached, actor=reviewer, reason="")
    services.case_dismiss(case=coached, actor=reviewer, reason="test credentials")
    case = _fresh(coached)
    assert case.status == "dismissed"
    assert not case.findings.filter(dismissed_at__isnull=True).exists()
    with pytest.raises(Conflict):
        services.case_dismiss(case=case, actor=reviewer, reason="twice")
    services.case_reopen(case=case, actor=reviewer, note="not a test key after all")
    case = _fresh(case)
    assert case.status == "coaching_sent" and case.resolved_at is None and not case.dismiss_reason
    with pytest.raises(Conflict):
        services.case_reopen(case=case, actor=reviewer)
    kinds = list(case.events.values_list("kind", flat=True))
    assert kinds[-2:] == ["dismissed", "reopened"]


def test_illegal_status_moves_are_conflicts_not_tracebacks(reviewer):
    case = make_case(make_person(), action="coach")  # still new: no note yet
    with pytest.raises(Conflict):
        services.case_acknowledge(case=case, actor=case.person)
    with pytest.raises(Conflict):
        services.case_reply(case=case, actor=case.person, kind="fixed")
    from koe.monitoring.services import _move

    with pytest.raises(Conflict) as err:
        _move(case, "acknowledged")
    assert "New" in err.value.en and "「新規」" in err.value.ja


def test_every_step_is_in_the_audit_log(coached, reviewer):
    services.case_reply(case=coached, actor=coached.person, kind="fixed")
    services.case_resolve(case=coached, actor=reviewer)
    actions = set(AuditEntry.objects.filter(object_id=str(coached.pk),
                                            object_type="monitoring.case")
                  .values_list("action", flat=True))
    assert {"monitoring.case_coaching_sent", "monitoring.case_acknowledged",
            "monitoring.case_reply", "monitoring.case_resolved"} <= actions
