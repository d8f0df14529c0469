"""The ladder's steps for a new case (what ingest calls), and what a changed post does."""

import pytest

from koe.audit.models import AuditEntry
from koe.learning.models import Enrollment
from koe.monitoring import services
from koe.monitoring.models import Case, CoachingMessage
from koe.people.models import Notification
from koe.people.testing import make_person
from koe.policies.selectors import current_policy

from .cases_util import make_case

pytestmark = pytest.mark.django_db


@pytest.fixture
def run(django_capture_on_commit_callbacks):
    def process(*cases):
        with django_capture_on_commit_callbacks(execute=True):
            services.cases_process_new(case_ids=[c.pk for c in cases])
        for c in cases:
            c.refresh_from_db()
    return process


def _kinds(case):
    return list(case.events.values_list("kind", flat=True))


def test_coaching_reaches_a_japanese_reader_in_japanese_by_mail_and_in_the_app(run, mailoutbox):
    taro = make_person(language="ja")
    case = make_case(taro, category="secret", action="coach")
    run(case)
    assert case.status == "coaching_sent"
    note = CoachingMessage.objects.get(case=case)
    assert note.language == "ja" and note.emailed
    assert "S103" in note.subject and "投稿についてのお知らせ" in note.subject
    assert "より良い伝え方" in note.body and "/policy/rules/S103/" in note.body
    assert "/community/ask/?rule=S103" in note.body
    assert "Hunter2" not in note.body  # the secret itself never goes into the note
    assert "Hunter2" not in note.body.split("ask/?")[-1]
    [mail] = mailoutbox
    assert mail.to == [taro.email] and mail.subject == note.subject
    assert "返信" in mail.body and f"/monitoring/my-cases/{case.pk}/" in mail.body
    html = mail.alternatives[0][0]
    assert "あなたとソーシャルメディア担当だけ" in html
    notification = Notification.objects.get(user=taro, kind="coaching")
    assert notification.url == f"/monitoring/my-cases/{case.pk}/" and "お知らせ" in notification.body
    assert _kinds(case) == ["coaching_sent"]
    assert AuditEntry.objects.filter(action="monitoring.case_coaching_sent",
                                     object_id=str(case.pk)).exists()


def test_the_note_says_what_the_policys_ladder_says_happens_now(run):
    policy = current_policy()
    first = make_case(make_person(language="en"), category="pii", severity="minor")
    again = make_case(make_person(language="ja"), category="pii", severity="major", repeat=True)
    run(first)
    run(again)
    minor_first = policy.consequence("minor", repeat=False)
    major_repeat = policy.consequence("major", repeat=True)
    assert minor_first["en"] in first.messages.get().body
    body = again.messages.get().body
    assert major_repeat["ja"] in body and minor_first["ja"] not in body  # no "nothing on record"


def test_coaching_reaches_an_english_reader_in_english(run, mailoutbox):
    emma = make_person(language="en")
    case = make_case(emma, category="pii", action="coach")
    run(case)
    note = case.messages.get()
    assert note.language == "en" and note.subject.startswith("A friendly note")
    assert "A better way to say it:\nMove the conversation to direct messages" in note.body
    assert "Why it matters:\nA phone number reaches a person directly" in note.body
    assert "090-1234-5678" not in note.body  # personal data: not copied into the ask link
    assert mailoutbox[0].subject == note.subject and "Answer here" in mailoutbox[0].body


def test_a_repeat_minor_finding_also_assigns_the_refresher_course(run, mailoutbox):
    from koe.learning.demo import load_catalogue

    load_catalogue()
    emma = make_person(language="en")
    case = make_case(emma, category="secret", action="coach_and_training")
    run(case)
    enrollment = Enrollment.objects.get(user=emma)
    assert enrollment.course.slug == "security-hygiene" and enrollment.due_on
    assert _kinds(case) == ["coaching_sent", "training_assigned"]
    assert case.status == "coaching_sent"


def test_training_without_a_course_just_coaches(run, mailoutbox):
    case = make_case(make_person(), category="harassment", action="coach_and_training")
    run(case)
    assert case.status == "coaching_sent" and not Enrollment.objects.exists()
    assert _kinds(case) == ["coaching_sent", "training_skipped"]


def test_coach_and_review_puts_the_case_in_the_reviewer_queue(run, mailoutbox):
    case = make_case(make_person(), category="secret", action="coach_and_review")
    run(case)
    assert case.needs_review and case.status == "coaching_sent" and len(mailoutbox) == 1
    assert _kinds(case) == ["coaching_sent", "review_requested"]


def test_escalation_notifies_the_manager_and_legal_but_nobody_else(run, mailoutbox):
    boss = make_person(language="ja")
    person = make_person(language="en", manager=boss)
    legal, hr, bystander = make_person("legal"), make_person("hr"), make_person()
    case = make_case(person, category="pii", severity="major", repeat=True)
    assert case.action == "escalate" and case.escalated_to == ["manager", "legal"]
    run(case)
    assert case.status == "escalated" and case.escalated_at
    assert _kinds(case) == ["coaching_sent", "escalated"]
    to = sorted(m.to[0] for m in mailoutbox)
    assert to == sorted([person.email, boss.email, legal.email])
    boss_mail = next(m for m in mailoutbox if m.to == [boss.email])
    assert "エスカレーション" in boss_mail.subject or "共有" in boss_mail.subject
    assert f"/monitoring/cases/{case.pk}/" in boss_mail.body
    assert "090-1234-5678" not in boss_mail.body  # the details stay on the case page
    assert Notification.objects.filter(user=legal, kind="case_escalated").exists()
    assert not Notification.objects.filter(user__in=[hr, bystander]).exists()
    event = case.events.get(kind="escalated")
    assert sorted(event.data["recipients"]) == sorted([boss.username, legal.username])


def test_harassment_escalates_to_hr_and_without_a_manager_compliance_steps_in(run, mailoutbox):
    person = make_person()
    hr, compliance = make_person("hr"), make_person("compliance")
    case = make_case(person, category="harassment", severity="major", repeat=True)
    assert case.escalated_to == ["manager", "hr"]
    run(case)
    event = case.events.get(kind="escalated")
    assert event.data["missing"] == ["manager"]
    assert sorted(event.data["recipients"]) == sorted([hr.username, compliance.username])


def test_processing_a_case_twice_sends_one_note(run, mailoutbox):
    case = make_case(make_person())
    run(case)
    run(case)
    assert case.messages.count() == 1 and len(mailoutbox) == 1


def test_a_deleted_post_resolves_the_case(run, mailoutbox):
    case = make_case(make_person(), action="coach")
    run(case)
    services.case_post_changed(case=case, change="deleted", findings_remain=False)
    case.refresh_from_db()
    assert case.status == "resolved" and case.resolved_at
    assert _kinds(case) == ["coaching_sent", "post_deleted", "resolved"]


def test_an_edit_that_removes_the_findings_resolves_the_case(run, mailoutbox):
    case = make_case(make_person(), action="coach")
    run(case)
    services.case_post_changed(case=case, change="edited", findings_remain=False)
    case.refresh_from_db()
    assert case.status == "resolved"
    assert _kinds(case) == ["coaching_sent", "post_edited", "resolved"]
    assert case.events.get(kind="post_edited").data["previous"] == "coaching_sent"


def test_an_edit_that_keeps_a_finding_leaves_the_case_open(run, mailoutbox):
    case = make_case(make_person(), action="coach")
    run(case)
    services.case_post_changed(case=case, change="edited", findings_remain=True)
    case.refresh_from_db()
    assert case.status == "coaching_sent" and case.is_open
    assert _kinds(case) == ["coaching_sent", "post_edited"]


def test_an_escalated_case_stays_with_the_people_handling_it_when_the_post_goes(run, mailoutbox):
    boss = make_person()
    case = make_case(make_person(manager=boss), category="secret", severity="major",
                     repeat=True)
    run(case)
    services.case_post_changed(case=case, change="deleted", findings_remain=False)
    case.refresh_from_db()
    assert case.status == "escalated" and _kinds(case)[-1] == "post_deleted"


def test_a_bad_change_kind_is_refused_clearly():
    case = make_case(make_person())
    from koe.web.errors import ValidationFailed

    with pytest.raises(ValidationFailed) as err:
        services.case_post_changed(case=case, change="moved", findings_remain=False)
    assert err.value.field == "change"
    assert Case.objects.get(pk=case.pk).status == "new"
