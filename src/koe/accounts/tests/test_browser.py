"""In a real browser: a publisher's certificate expires, the daily enforcement suspends their
brand-account grant, "My accounts" shows it suspended with the way back, and passing the
track's quiz again restores it."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from koe.accounts import services, tasks
from koe.accounts.models import AccessGrant
from koe.accounts.selectors import can_publish
from koe.learning import services as learning
from koe.learning.models import Certificate, Course, Track
from koe.people.testing import PASSWORD, make_person
from koe.web.testing import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TOTP = "JBSWY3DPEHPK3PXP"  # make_person's authenticator secret


def test_certificate_expiry_suspends_a_brand_account_grant(page, live_server):
    compliance, it = make_person("compliance"), make_person("it")
    paula = make_person("publisher", username="paula", language="en")
    track = Track.objects.create(code="brand-publishers", name_en="Brand publishers",
                                 name_ja="ブランド投稿者", validity_months=12)
    course = Course.objects.create(slug="brand-voice", track=track, title_en="Brand voice",
                                   title_ja="ブランドの声", is_published=True)
    quiz = learning.quiz_create(
        actor=compliance, course=course, title_en="Brand voice check", title_ja="確認",
        pass_mark=100, max_attempts=3,
        questions=[{"text_en": "Who may post for the brand?", "text_ja": "誰が投稿できる？",
                    "choices": [{"text_en": "Certified publishers", "text_ja": "認定者",
                                 "correct": True},
                                {"text_en": "Anyone", "text_ja": "誰でも", "correct": False}]}])
    account = services.account_create(actor=it, network="x", handle="acme_jp",
                                      required_track=track)
    today = timezone.localdate()
    certificate = Certificate.objects.create(user=paula, track=track,
                                             issued_on=today - dt.timedelta(days=300),
                                             expires_on=today + dt.timedelta(days=65))
    grant = services.grant_create(account=account, user=paula, actor=it)

    # A year on: the certificate has lapsed and the daily task runs.
    Certificate.objects.filter(pk=certificate.pk).update(
        issued_on=today - dt.timedelta(days=366), expires_on=today - dt.timedelta(days=1))
    assert tasks.enforce_certificates.delay().get()["suspended"] == 1

    sign_in(page, live_server, "paula", PASSWORD, totp_secret=TOTP)
    assert int(page.locator("a.bell").get_attribute("data-unread")) >= 1
    page.goto(f"{live_server.url}/social/mine/")
    held = page.locator(f"li[data-grant='{grant.pk}']")
    assert held.get_attribute("data-suspended") == str(grant.pk)
    notice = held.locator(".grant-suspended")
    assert "Suspended since" in notice.inner_text()
    assert "“Brand publishers” certificate has expired" in notice.inner_text()
    assert not can_publish(paula, account)

    # Re-certify: follow the link to the track's course and pass its quiz.
    notice.get_by_role("link", name="Brand voice").click()
    page.wait_for_url(f"**/learn/courses/{course.slug}/")
    page.get_by_role("link", name="Brand voice check").click()
    page.wait_for_url(f"**/learn/quizzes/{quiz.pk}/")
    question = quiz.questions.get()
    right = question.choices.get(correct=True)
    page.locator(f"input[name=q{question.pk}][value='{right.pk}']").check()
    page.get_by_role("button", name="Submit answers").click()
    page.locator("[data-score='100']").wait_for()

    page.goto(f"{live_server.url}/social/mine/")
    held = page.locator(f"li[data-grant='{grant.pk}']")
    assert held.get_attribute("data-suspended") is None
    assert held.locator(".grant-suspended").count() == 0
    grant = AccessGrant.objects.get(pk=grant.pk)
    assert not grant.suspended and can_publish(paula, account)
