"""Offboarding: the person is deactivated, every grant revoked, enrolments withdrawn, audited."""

from __future__ import annotations

import json

import pytest

from koe.accounts import services
from koe.accounts.models import AccessGrant, SocialAccount
from koe.audit.models import AuditEntry
from koe.people.testing import client_for, make_person

pytestmark = pytest.mark.django_db


@pytest.fixture
def leaver(brand, it_person, marketing):
    person = make_person("publisher", username="lea", department=marketing)
    other = services.account_create(actor=it_person, network="bluesky", handle="acme.bsky.social",
                                    owner=person)
    services.grant_create(account=brand, user=person, actor=it_person)
    services.grant_create(account=other, user=person, actor=it_person, level="draft")
    services.enrolment_create(user=person, network="x", handle="lea_private", consent=True)
    return person


def test_offboarding_revokes_every_grant_and_is_audited(hr, leaver, grant):
    c = client_for(hr)
    confirm = c.get(f"/social/offboard/{leaver.pk}/").content.decode()
    assert "@acme_jp" in confirm and "lea_private" in confirm and "acme.bsky.social" in confirm
    r = c.post(f"/social/offboard/{leaver.pk}/", {"reason": "left the company on 31 March"})
    body = r.content.decode()
    assert r.status_code == 200
    assert "was deactivated and all access was revoked" in body
    leaver.refresh_from_db()
    assert not leaver.is_active
    assert not AccessGrant.objects.filter(user=leaver, revoked_at__isnull=True).exists()
    assert AccessGrant.objects.filter(user=leaver).count() == 2
    assert all(g.revoke_reason.startswith("Offboarding:") and g.revoked_by == hr
               for g in AccessGrant.objects.filter(user=leaver))
    # Someone else's access is untouched.
    assert AccessGrant.objects.get(pk=grant.pk).active
    assert not SocialAccount.objects.get(handle="lea_private").is_enrolled
    entry = AuditEntry.objects.get(action="person.offboarded")
    assert entry.actor == hr and entry.object_id == str(leaver.pk)
    assert entry.data["reason"] == "left the company on 31 March"
    assert len(entry.data["grants_revoked"]) == 2
    assert entry.data["owned_brand_accounts"] == ["Bluesky @acme.bsky.social"]
    assert AuditEntry.objects.filter(action="grant.revoked").count() == 2
    # The account they owned now shows that its owner left.
    inventory = client_for(make_person("it")).get("/social/?warnings=1").content.decode()
    assert 'data-warning="owner_inactive"' in inventory


def test_offboarding_needs_a_reason_and_keeps_the_person_active(hr, leaver):
    r = client_for(hr).post(f"/social/offboard/{leaver.pk}/", {"reason": "  "})
    leaver.refresh_from_db()
    assert r.status_code == 400 and leaver.is_active
    assert "Reason" in r.content.decode()


def test_offboarding_twice_says_so_without_an_error_page(hr, leaver):
    services.person_offboard(person=leaver, actor=hr, reason="left")
    r = client_for(hr).post(f"/social/offboard/{leaver.pk}/", {"reason": "again"})
    assert r.status_code == 409 and "deactivated already" in r.content.decode()
    assert AuditEntry.objects.filter(action="person.offboarded").count() == 1


def test_nobody_offboards_themselves(hr):
    r = client_for(hr).post(f"/social/offboard/{hr.pk}/", {"reason": "bye"})
    hr.refresh_from_db()
    assert r.status_code == 400 and hr.is_active


def test_an_offboarded_person_can_no_longer_use_the_api(hr, leaver):
    from django.test import Client

    from koe.people.services import api_token_create

    _row, token = api_token_create(user=leaver, name="laptop")
    assert Client().get("/api/accounts", HTTP_AUTHORIZATION=f"Bearer {token}").status_code == 200
    r = client_for(hr).post(f"/api/accounts/people/{leaver.pk}/offboard",
                            json.dumps({"reason": "left"}), content_type="application/json")
    assert r.status_code == 200 and len(r.json()["grants_revoked"]) == 2
    assert Client().get("/api/accounts", HTTP_AUTHORIZATION=f"Bearer {token}").status_code == 401


def test_offboarding_closes_pending_review_items_of_the_revoked_grants(hr, leaver, it_person):
    import datetime as dt

    from django.utils import timezone

    review = services.access_review_start(actor=it_person, name="Q3",
                                          due_on=timezone.localdate() + dt.timedelta(days=7))
    services.person_offboard(person=leaver, actor=hr, reason="left")
    decided = review.items.filter(grant__user=leaver)
    assert decided.count() == 2 and all(i.decision == "revoke" for i in decided)


def test_an_offboarded_persons_open_session_stops_working(hr, leaver):
    session = client_for(leaver)
    assert session.get("/social/mine/").status_code == 200
    services.person_offboard(person=leaver, actor=hr, reason="left")
    r = session.get("/social/mine/")
    assert r.status_code == 302 and "/accounts/login/" in r["Location"]
