"""The personal dashboard on the home page: my training with due dates and progress, my
certificates with expiry, my policy acknowledgement, my questions and followed questions with
new answers."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from koe.community import services as qa
from koe.learning import services as learning
from koe.learning.models import Certificate, Course, Track
from koe.people.testing import client_for, make_person
from koe.policies.choices import VersionState
from koe.policies.models import PolicyVersion
from koe.policies.services import acknowledgement_create
from koe.web.dashboard import personal_dashboard

pytestmark = pytest.mark.django_db


@pytest.fixture
def me():
    return make_person(username="emma")


@pytest.fixture
def track():
    return Track.objects.create(code="all-staff", name_en="All staff", name_ja="全社員")


@pytest.fixture
def course(track):
    return Course.objects.create(slug="basics", track=track, title_en="Basics", title_ja="基本")


@pytest.fixture
def policy():
    return PolicyVersion.objects.create(number=3, title="Policy", yaml="extends: default\n",
                                        state=VersionState.PUBLISHED, published_at=timezone.now())


def _home(user, **headers):
    r = client_for(user).get("/", **headers)
    assert r.status_code == 200
    return r.content.decode()


def test_my_training_shows_due_dates_progress_and_overdue(me, course):
    learning.enrollment_create(user=me, course=course,
                               due_on=timezone.localdate() - dt.timedelta(days=1))
    html = _home(me)
    assert 'data-course="basics"' in html and "Basics" in html
    assert "1 overdue" in html and "1 course to complete" in html
    assert f"due {(timezone.localdate() - dt.timedelta(days=1)).isoformat()}" in html


def test_certificates_show_their_expiry_and_warn_before_it(me, track):
    today = timezone.localdate()
    Certificate.objects.create(user=me, track=track, issued_on=today - dt.timedelta(days=350),
                               expires_on=today + dt.timedelta(days=12))
    html = _home(me)
    assert "(in 12 days) — take the refresher" in html
    Certificate.objects.all().update(expires_on=today + dt.timedelta(days=200))
    assert f"valid until {(today + dt.timedelta(days=200)).isoformat()}" in _home(me)
    Certificate.objects.all().update(issued_on=today - dt.timedelta(days=400),
                                     expires_on=today - dt.timedelta(days=3))
    assert f"expired on {(today - dt.timedelta(days=3)).isoformat()}" in _home(me)


def test_the_policy_acknowledgement_status(me, policy):
    assert "Version 3 is waiting for your confirmation." in _home(me)
    acknowledgement_create(user=me)
    assert "You confirmed version 3 on" in _home(me)


def test_no_published_policy_says_so(me):
    assert "No policy is published yet." in _home(me)


def test_my_questions_and_new_answers_on_followed_questions(me):
    colleague = make_person()
    mine = qa.question_ask(author=me, title="Can I like a competitor's post?")
    theirs = qa.question_ask(author=colleague, title="Hashtags for events?")
    qa.follow_set(user=me, question=theirs)
    assert personal_dashboard(me).followed_news == []
    qa.answer_post(question=mine, author=colleague, body="Yes, be kind.")
    qa.answer_post(question=theirs, author=colleague, body="#AcmeLive")
    qa.answer_post(question=theirs, author=make_person(), body="And #PR if paid")
    news = {q.pk: q.new_answers for q in personal_dashboard(me).followed_news}
    assert news == {mine.pk: 1, theirs.pk: 2}
    html = _home(me)
    assert "2 new answers" in html and "Can I like a competitor&#x27;s post?" in html
    client_for(me).get(f"/community/questions/{theirs.pk}/")  # reading clears the news
    assert [q.pk for q in personal_dashboard(me).followed_news] == [mine.pk]


def test_my_own_answers_and_removed_answers_are_not_news(me):
    colleague = make_person()
    q = qa.question_ask(author=colleague, title="Q")
    qa.follow_set(user=me, question=q)
    qa.answer_post(question=q, author=me, body="my own")
    spam = qa.answer_post(question=q, author=colleague, body="spam")
    qa.answer_delete(answer=spam, actor=make_person("compliance"), reason="spam")
    assert personal_dashboard(me).followed_news == []


def test_a_question_i_can_no_longer_see_is_not_news(me):
    colleague = make_person()
    q = qa.question_ask(author=colleague, title="Q")
    qa.follow_set(user=me, question=q)
    qa.answer_post(question=q, author=make_person(), body="a")
    q.visibility = "governance"
    q.save()
    assert personal_dashboard(me).followed_news == []


def test_the_dashboard_is_in_japanese_for_japanese_readers(course):
    taro = make_person(language="ja")
    learning.enrollment_create(user=taro, course=course)
    html = _home(taro, HTTP_ACCEPT_LANGUAGE="ja")
    assert "基本" in html and "自分の研修" in html


def test_managers_and_report_roles_get_a_link_to_the_training_dashboard(me):
    assert "/learn/dashboard/" not in _home(me)
    make_person(manager=me)
    assert "/learn/dashboard/" in _home(me)
    assert "/learn/dashboard/" in _home(make_person("hr"))
