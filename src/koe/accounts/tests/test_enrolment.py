"""Enrolment of personal accounts: explicit, informed consent; withdraw at any time."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.utils import timezone

from koe.accounts import services
from koe.accounts.models import SocialAccount
from koe.accounts.tasks import purge_withdrawn_enrolments
from koe.audit.models import AuditEntry
from koe.people.testing import client_for, make_person

pytestmark = pytest.mark.django_db


def test_the_page_explains_what_is_watched_who_sees_what_and_how_long(employee):
    body = client_for(employee).get("/social/mine/").content.decode()
    assert "What is watched" in body and "Who sees what" in body and "How long it is kept" in body
    assert f"for {services.FINDINGS_KEPT_DAYS} days" in body
    assert 'type="checkbox" name="consent"' in body


def test_enrolment_without_the_checkbox_keeps_the_input_and_says_why(employee):
    r = client_for(employee).post("/social/mine/", {"network": "bluesky",
                                                    "handle": "emma.bsky.social",
                                                    "display_name": "Emma writes"})
    body = r.content.decode()
    assert r.status_code == 400
    assert "Consent: tick the box to confirm you have read" in body
    assert 'value="emma.bsky.social"' in body and 'value="Emma writes"' in body
    assert '<option value="bluesky" selected>' in body
    assert not SocialAccount.objects.exists()


def test_enrolment_with_consent_records_when_and_which_terms(employee):
    r = client_for(employee).post("/social/mine/", {"network": "bluesky", "consent": "on",
                                                    "handle": "@Emma.bsky.social"})
    assert r.status_code == 302
    account = SocialAccount.objects.get()
    assert account.kind == "personal" and account.owner == employee and account.is_enrolled
    assert account.handle == "emma.bsky.social" and account.consent_version == services.CONSENT_VERSION
    assert account.department == employee.department
    entry = AuditEntry.objects.get(action="enrolment.created")
    assert entry.actor == employee and entry.data["consent_version"] == services.CONSENT_VERSION
    page = client_for(employee).get("/social/mine/").content.decode()
    assert "emma.bsky.social" in page and "Withdraw" in page


def test_withdrawing_stops_at_once_and_re_enrolling_asks_again(employee, enrolment):
    c = client_for(employee)
    assert c.post(f"/social/mine/{enrolment.pk}/withdraw/").status_code == 302
    enrolment.refresh_from_db()
    assert not enrolment.is_enrolled and enrolment.withdrawn_at is not None
    # Managers no longer see it in the inventory.
    assert "emma.bsky.social" not in client_for(make_person("it")).get("/social/").content.decode()
    assert AuditEntry.objects.filter(action="enrolment.withdrawn").exists()
    r = c.post("/social/mine/", {"network": "bluesky", "handle": "emma.bsky.social"})
    assert r.status_code == 400  # no consent, no enrolment
    r = c.post("/social/mine/", {"network": "bluesky", "handle": "emma.bsky.social",
                                 "consent": "on"})
    enrolment.refresh_from_db()
    assert r.status_code == 302 and enrolment.is_enrolled


def test_someone_elses_account_cannot_be_enrolled(employee, enrolment, brand):
    other = make_person(username="eve")
    for network, handle in (("bluesky", "emma.bsky.social"), ("x", "acme_jp")):
        with pytest.raises(services.ValidationFailed) as exc:
            services.enrolment_create(user=other, network=network, handle=handle, consent=True)
        assert exc.value.field == "handle"


def test_the_api_requires_consent_true(employee):
    c = client_for(employee)
    r = c.post("/api/accounts/enrolments", json.dumps({"network": "x", "handle": "emma_x"}),
               content_type="application/json")
    assert r.status_code == 400 and r.json()["field"] == "consent"
    r = c.post("/api/accounts/enrolments", json.dumps({"network": "x", "handle": "emma_x",
                                                       "consent": True}),
               content_type="application/json")
    assert r.status_code == 201 and r.json()["enrolled"] is True
    pk = r.json()["id"]
    assert [e["handle"] for e in c.get("/api/accounts/enrolments").json()] == ["emma_x"]
    r = c.post(f"/api/accounts/enrolments/{pk}/withdraw")
    assert r.status_code == 200 and r.json()["enrolled"] is False
    assert c.post(f"/api/accounts/enrolments/{pk}/withdraw").status_code == 409


def test_withdrawn_enrolments_are_deleted_after_the_promised_days(employee, enrolment):
    services.enrolment_withdraw(account=enrolment, actor=employee)
    assert purge_withdrawn_enrolments.delay().get() == 0
    SocialAccount.objects.filter(pk=enrolment.pk).update(
        withdrawn_at=timezone.now() - dt.timedelta(days=services.WITHDRAWN_KEPT_DAYS + 1))
    assert purge_withdrawn_enrolments.delay().get() == 1
    assert not SocialAccount.objects.exists()
    assert AuditEntry.objects.filter(action="enrolment.purged").exists()


def test_managers_cannot_edit_a_personal_account(enrolment):
    manager = make_person("it")
    page = client_for(manager).get(f"/social/{enrolment.pk}/").content.decode()
    assert "Enrolled with consent on" in page and "Edit details and security posture" not in page
    r = client_for(manager).post(f"/social/{enrolment.pk}/posture/", {"status": "active",
                                                                      "notes": "watch this one"})
    enrolment.refresh_from_db()
    assert r.status_code == 409 and enrolment.notes == ""
