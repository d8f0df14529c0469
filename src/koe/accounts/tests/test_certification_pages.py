"""The pages around certificate-gated grants: the account forms set the learning track whose
certificate publishing needs; "My accounts" shows a suspended grant, why, and how to get it
back."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from koe.accounts import services
from koe.accounts.models import SocialAccount
from koe.learning.models import Certificate, Course, Track
from koe.people.testing import client_for, make_person

pytestmark = pytest.mark.django_db


@pytest.fixture
def track():
    track = Track.objects.create(code="brand-publishers", name_en="Brand publishers",
                                 name_ja="ブランド投稿者", validity_months=12)
    Course.objects.create(slug="brand-voice", track=track, title_en="Brand voice",
                          title_ja="ブランドの声", is_published=True)
    Course.objects.create(slug="brand-draft", track=track, title_en="Unpublished",
                          title_ja="未公開", is_published=False)
    return track


def test_a_new_brand_account_can_require_a_track(it_person, track):
    response = client_for(it_person).post("/social/new/", {
        "network": "x", "handle": "@acme_news", "required_track": track.pk})
    assert response.status_code == 302
    assert SocialAccount.objects.get(handle="acme_news").required_track == track


def test_the_form_offers_the_tracks_and_keeps_input_on_a_bad_choice(it_person, track):
    client = client_for(it_person)
    assert "Brand publishers" in client.get("/social/new/").content.decode()
    response = client.post("/social/new/", {"network": "x", "handle": "acme_news",
                                            "required_track": 999})
    body = response.content.decode()
    assert response.status_code == 400 and "acme_news" in body
    assert 'id="id_required_track"' in body and not SocialAccount.objects.exists()


def test_the_account_page_changes_the_required_track(it_person, brand, track):
    client = client_for(it_person)
    data = {"display_name": "Acme", "department": brand.department_id,
            "owner": brand.owner_id, "status": "active", "two_factor_enabled": "on",
            "password_rotated_at": brand.password_rotated_at.isoformat(),
            "required_track": track.pk}
    assert client.post(f"/social/{brand.pk}/posture/", data).status_code == 302
    brand.refresh_from_db()
    assert brand.required_track == track
    page = client.get(f"/social/{brand.pk}/").content.decode()
    assert f'<option value="{track.pk}" selected>' in page
    data["required_track"] = ""
    client.post(f"/social/{brand.pk}/posture/", data)
    brand.refresh_from_db()
    assert brand.required_track is None


@pytest.fixture
def suspended(brand, track, it_person):
    writer = make_person(username="wes", language="ja")
    services.account_update(account=brand, actor=it_person, required_track=track)
    today = timezone.localdate()
    cert = Certificate.objects.create(user=writer, track=track,
                                      issued_on=today - dt.timedelta(days=400),
                                      expires_on=today + dt.timedelta(days=100))
    grant = services.grant_create(account=brand, user=writer, actor=it_person)
    Certificate.objects.filter(pk=cert.pk).update(expires_on=today - dt.timedelta(days=1))
    services.grants_enforce_certificates()
    grant.refresh_from_db()
    assert grant.suspended
    return grant


def test_my_accounts_shows_a_suspended_grant_and_how_to_restore_it(suspended):
    body = client_for(suspended.user).get("/social/mine/").content.decode()
    assert f'data-suspended="{suspended.pk}"' in body
    assert "「ブランド投稿者」の認定証の有効期限が切れているか、まだありません" in body
    assert 'href="/learn/courses/brand-voice/"' in body and "ブランドの声" in body
    assert "brand-draft" not in body  # only courses one can take


def test_an_active_grant_shows_no_suspension(brand, publisher, it_person):
    grant = services.grant_create(account=brand, user=publisher, actor=it_person)
    body = client_for(publisher).get("/social/mine/").content.decode()
    assert f'data-grant="{grant.pk}"' in body and "data-suspended" not in body


def test_the_api_sets_and_reports_the_required_track(it_person, track):
    client = client_for(it_person)
    created = client.post("/api/accounts", {"network": "x", "handle": "acme_api",
                                            "required_track": "brand-publishers"},
                          content_type="application/json")
    assert created.status_code == 201 and created.json()["required_track"] == "brand-publishers"
    unknown = client.post("/api/accounts", {"network": "x", "handle": "acme_two",
                                            "required_track": "nope"},
                          content_type="application/json")
    assert unknown.status_code == 400 and unknown.json()["field"] == "required_track"
    assert not SocialAccount.objects.filter(handle="acme_two").exists()
