"""Every sender that e-mails a person also leaves an in-app notification, in that person's
language: training reminders, refreshers, certificate notices, grant suspension and restore,
policy reminders and new answers to followed questions."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from koe.accounts import services as accounts
from koe.community import services as community
from koe.learning import services as learning
from koe.learning import tasks as learning_tasks
from koe.learning.models import Certificate, Course, Track
from koe.people.models import Notification
from koe.people.testing import make_person

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


def _notes(user, kind):
    return list(Notification.objects.filter(user=user, kind=kind).values_list("title", "url"))


@pytest.fixture
def taro():
    return make_person(username="taro", language="ja", email="taro@example.test")


@pytest.fixture
def track():
    track = Track.objects.create(code="brand-publishers", name_en="Brand publishers",
                                 name_ja="ブランド投稿者", validity_months=12)
    Course.objects.create(slug="brand-voice", track=track, title_en="Brand voice",
                          title_ja="ブランドの声", is_published=True)
    return track


def _certificate(user, track, days_left):
    return Certificate.objects.create(user=user, track=track,
                                      issued_on=TODAY() - dt.timedelta(days=300),
                                      expires_on=TODAY() + dt.timedelta(days=days_left))


@pytest.fixture
def brand_grant(taro, track):
    it = make_person("it")
    account = accounts.account_create(actor=it, network="x", handle="acme_jp",
                                      required_track=track)
    _certificate(taro, track, days_left=200)
    return accounts.grant_create(account=account, user=taro, actor=it)


def test_a_training_reminder_is_also_in_the_app(taro, track):
    learning.enrollment_create(user=taro, course=track.courses.get(),
                               due_on=TODAY() + dt.timedelta(days=3))
    learning_tasks.remind_due()
    assert _notes(taro, "learning_reminder") == [("Koe：1 件のコースの期限が近づいています",
                                                  "/learn/")]


def test_a_reminder_reaches_people_without_an_email_address_in_the_app(track):
    nomail = make_person(email="")
    learning.enrollment_create(user=nomail, course=track.courses.get(),
                               due_on=TODAY() + dt.timedelta(days=3))
    assert learning_tasks.remind_due() == 1 and _notes(nomail, "learning_reminder")


def test_the_refresher_opening_is_noticed_in_the_app(taro, track):
    cert = _certificate(taro, track, days_left=10)
    learning.refreshers_start()
    when = cert.expires_on.isoformat()
    assert _notes(taro, "refresher") == [(f"「ブランド投稿者」の認定証は {when} に有効期限が切れます",
                                          "/learn/")]


def test_the_certificate_expiry_notice_is_in_the_app(taro, track, brand_grant):
    Certificate.objects.filter(user=taro).update(expires_on=TODAY() + dt.timedelta(days=20))
    accounts.grants_enforce_certificates()
    note = Notification.objects.get(user=taro, kind="certificate_expiring")
    assert "X (Twitter) @acme_jp への投稿を続けるには" in note.body and note.url == "/social/mine/"


def test_a_suspension_is_in_the_app_with_how_to_restore_it(taro, track, brand_grant):
    Certificate.objects.filter(user=taro).update(expires_on=TODAY() - dt.timedelta(days=1))
    accounts.grants_enforce_certificates()
    note = Notification.objects.get(user=taro, kind="grant_suspended")
    assert (note.title, note.body) == ("X (Twitter) @acme_jp への投稿権限が停止されました",
                                       "「ブランド投稿者」トラックをもう一度修了すると、権限が元に戻ります。")


def test_a_restore_is_in_the_app(taro, track, brand_grant):
    accounts.grant_suspend(grant=brand_grant, actor=None, reason="test")
    accounts.grant_restore(grant=brand_grant, actor=None)
    assert _notes(taro, "grant_restored") == [("X (Twitter) @acme_jp への投稿権限が元に戻りました",
                                               "/social/mine/")]


def test_a_policy_reminder_is_in_the_app(settings, taro):
    from koe.policies.services import ack_reminders_send
    from koe.policies.tests.helpers import published

    settings.KOE_SIGNOFF_ROLES = ["legal", "it", "hr", "reviewer"]
    team = {role: make_person(role) for role in ("compliance", "legal", "it", "hr", "reviewer")}
    version = published(team)
    ack_reminders_send(actor=team["hr"])
    assert _notes(taro, "policy_reminder") == [
        (f"ソーシャルメディアポリシー（第 {version.number} 版）を読んで確認してください",
         "/policy/acknowledge/")]


def test_a_new_answer_is_in_the_followers_app(taro, django_capture_on_commit_callbacks):
    asker, colleague = make_person(), make_person()
    question = community.question_ask(author=asker, title="写真は？", body="?")
    community.follow_set(user=taro, question=question)
    with django_capture_on_commit_callbacks(execute=True):
        answer = community.answer_post(question=question, author=colleague, body="Ask first.")
    assert _notes(taro, "qa_answer") == [
        ("新しい回答：写真は？", f"/community/questions/{question.pk}/#answer-{answer.pk}")]
    assert not _notes(colleague, "qa_answer")  # not the answer's writer
