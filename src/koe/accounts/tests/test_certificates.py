"""Brand-account grants need a valid certificate for the account's track: refused without
one, suspended when it expires (with a notice 30 days before), restored on re-certification."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from koe.accounts import services, tasks
from koe.accounts.models import AccessGrant
from koe.accounts.selectors import account_inventory, can_publish
from koe.audit.models import AuditEntry
from koe.learning.models import Certificate, Course, Enrollment, Track
from koe.learning.services import track_check_certificate
from koe.people.testing import client_for, make_person
from koe.web.errors import ValidationFailed

pytestmark = pytest.mark.django_db


@pytest.fixture
def track():
    return Track.objects.create(code="brand-publishers", name_en="Brand publishers",
                                name_ja="ブランド投稿者", validity_months=12)


@pytest.fixture
def certified_brand(brand, track, it_person):
    services.account_update(account=brand, actor=it_person, required_track=track)
    brand.refresh_from_db()
    return brand


@pytest.fixture
def writer(marketing):
    return make_person(username="wes", department=marketing, language="ja",
                       email="wes@example.com")


def _certify(user, track, *, days_left=200):
    today = timezone.localdate()
    return Certificate.objects.create(user=user, track=track, issued_on=today - dt.timedelta(days=100),
                                      expires_on=today + dt.timedelta(days=days_left))


def test_granting_publish_without_a_certificate_is_refused_naming_the_track(
        certified_brand, writer, publisher, it_person):
    for person in (writer, publisher):  # the publisher role no longer stands in here
        with pytest.raises(ValidationFailed) as info:
            services.grant_create(account=certified_brand, user=person, actor=it_person)
        assert info.value.field == "level"
        assert "Brand publishers" in info.value.en and "ブランド投稿者" in info.value.ja
    assert not AccessGrant.objects.exists()
    # Draft-only needs no certificate.
    services.grant_create(account=certified_brand, user=writer, actor=it_person, level="draft")


def test_the_refusal_reaches_the_form(certified_brand, writer, it_person):
    response = client_for(it_person).post(f"/social/{certified_brand.pk}/grants/",
                                          {"user": writer.pk, "level": "publish"})
    assert response.status_code in (200, 400) and "Brand publishers" in response.content.decode()
    api = client_for(it_person).post(f"/api/accounts/{certified_brand.pk}/grants",
                                     {"user": writer.username, "level": "publish"},
                                     content_type="application/json")
    assert api.status_code == 400 and "Brand publishers" in api.content.decode()
    assert not AccessGrant.objects.filter(user=writer).exists()


def test_with_a_valid_certificate_the_grant_works(certified_brand, writer, track, it_person):
    _certify(writer, track)
    grant = services.grant_create(account=certified_brand, user=writer, actor=it_person)
    assert grant.level == "publish" and can_publish(writer, certified_brand)


def test_accounts_without_a_track_keep_the_role_stand_in(brand, writer, publisher, it_person):
    services.grant_create(account=brand, user=publisher, actor=it_person)
    with pytest.raises(ValidationFailed):
        services.grant_create(account=brand, user=writer, actor=it_person)


def test_expiry_suspends_and_recertifying_restores(certified_brand, writer, track, it_person):
    certificate = _certify(writer, track)
    grant = services.grant_create(account=certified_brand, user=writer, actor=it_person)
    today = timezone.localdate()
    Certificate.objects.filter(pk=certificate.pk).update(
        issued_on=today - dt.timedelta(days=400), expires_on=today - dt.timedelta(days=1))
    mail.outbox.clear()

    assert tasks.enforce_certificates.delay().get() == {"suspended": 1, "noticed": 0,
                                                        "restored": 0}
    grant.refresh_from_db()
    assert grant.suspended and grant.revoked_at is None
    assert not can_publish(writer, certified_brand)
    assert AuditEntry.objects.filter(action="grant.suspended").count() == 1
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["wes@example.com"]
    assert "ブランド投稿者" in mail.outbox[0].body  # in the person's language
    posture = {r.account.pk: r for r in account_inventory()}[certified_brand.pk]
    assert writer not in posture.publishers
    # Running again changes nothing and sends nothing.
    assert tasks.enforce_certificates.delay().get()["suspended"] == 0 and len(mail.outbox) == 1
    # The account page shows the suspension; the API reports it.
    page = client_for(it_person).get(f"/social/{certified_brand.pk}/").content.decode()
    assert f'data-suspended="{grant.pk}"' in page
    api = client_for(it_person).get(f"/api/accounts/{certified_brand.pk}/grants")
    assert api.status_code == 200 and api.json()[0]["suspended_at"]

    # Re-certifying (the learning service issues the certificate) restores the grant.
    course = Course.objects.create(slug="brand-voice", track=track, title_en="Brand voice",
                                   title_ja="ブランドの声", is_published=True)
    Enrollment.objects.create(user=writer, course=course, completed_at=timezone.now())
    assert track_check_certificate(user=writer, track=track) is not None
    grant.refresh_from_db()
    assert not grant.suspended and can_publish(writer, certified_brand)
    assert AuditEntry.objects.filter(action="grant.restored").count() == 1


def test_the_daily_task_also_restores(certified_brand, writer, track, it_person):
    _certify(writer, track)
    grant = services.grant_create(account=certified_brand, user=writer, actor=it_person)
    services.grant_suspend(grant=grant, actor=None, reason="test")
    assert tasks.enforce_certificates.delay().get()["restored"] == 1
    grant.refresh_from_db()
    assert grant.suspended_at is None


def test_the_30_day_notice_is_sent_once(certified_brand, writer, track, it_person, smtp_server):
    certificate = _certify(writer, track, days_left=20)
    grant = services.grant_create(account=certified_brand, user=writer, actor=it_person)
    assert tasks.enforce_certificates.delay().get()["noticed"] == 1
    assert tasks.enforce_certificates.delay().get()["noticed"] == 0
    notice = smtp_server.wait_for("wes@example.com")
    assert len(smtp_server.messages) == 1
    # Over real SMTP, in the holder's language (Japanese), the subject decodes intact.
    when = certificate.expires_on.isoformat()
    assert notice.subject == f"「ブランド投稿者」の認定証は {when} に有効期限が切れます"
    grant.refresh_from_db()
    assert grant.expiry_notice_for == certificate.expires_on and not grant.suspended
    # Far from expiry: no notice at all.
    other = make_person("publisher", username="otto", email="otto@example.com")
    _certify(other, track, days_left=200)
    services.grant_create(account=certified_brand, user=other, actor=it_person)
    assert tasks.enforce_certificates.delay().get()["noticed"] == 0
    assert len(smtp_server.messages) == 1


def test_the_suspension_email_arrives_over_smtp_in_the_holders_language(
        certified_brand, writer, track, it_person, smtp_server):
    certificate = _certify(writer, track)
    services.grant_create(account=certified_brand, user=writer, actor=it_person)
    Certificate.objects.filter(pk=certificate.pk).update(
        expires_on=timezone.localdate() - dt.timedelta(days=1))
    assert tasks.enforce_certificates.delay().get()["suspended"] == 1
    received = smtp_server.wait_for("wes@example.com")
    assert received.subject.endswith("@acme_jp への投稿権限が停止されました")
    assert "ブランド投稿者" in received.text() and "/learn/" in received.text()
    assert "ブランド投稿者" in received.text("html")
