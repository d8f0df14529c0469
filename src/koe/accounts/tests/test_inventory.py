"""The inventory, the account page, grants, OAuth apps and security posture."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.utils import timezone

from koe.accounts import services
from koe.accounts.models import AccessGrant, SocialAccount
from koe.accounts.selectors import account_inventory, can_publish
from koe.audit.models import AuditEntry
from koe.people.testing import client_for, make_person
from koe.web.errors import ValidationFailed

pytestmark = pytest.mark.django_db

HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def _days_ago(n):
    return timezone.localdate() - dt.timedelta(days=n)


def test_the_inventory_flags_missing_two_factor_and_stale_passwords(it_person, brand, grant):
    weak = services.account_create(actor=it_person, network="bluesky", handle="acme.bsky.social",
                                   two_factor_enabled=False, password_rotated_at=_days_ago(400))
    body = client_for(it_person).get("/social/").content.decode()
    assert "acme.bsky.social" in body and "@acme_jp" in body
    rows = {r.account.pk: r for r in account_inventory()}
    assert rows[weak.pk].has("two_factor_off") and rows[weak.pk].has("password_stale")
    assert rows[weak.pk].password_age_days == 400
    assert not rows[brand.pk].has("two_factor_off") and not rows[brand.pk].has("password_stale")
    assert [u.username for u in rows[brand.pk].publishers] == ["paula"]
    assert 'data-warning="two_factor_off"' in body and "2FA off" in body
    assert "paula" in body  # who may publish


def test_only_accounts_with_warnings_can_be_listed(it_person, brand):
    services.account_update(account=brand, actor=it_person, status="active")
    services.oauth_app_add(account=brand, actor=it_person, name="Old contest app",
                           connected_at=_days_ago(500))
    flagged = account_inventory(warnings_only=True)
    assert [r.account.handle for r in flagged] == ["acme_jp"]
    assert flagged[0].has("oauth_unreviewed") and flagged[0].has("review_missing")


def test_a_manager_adds_an_account_and_it_is_audited(it_person, marketing):
    c = client_for(it_person)
    r = c.post("/social/new/", {"network": "linkedin", "handle": "acme", "department": marketing.pk,
                                "two_factor_enabled": "on", "notes": "vault entry 12"})
    account = SocialAccount.objects.get(handle="acme")
    assert r.status_code == 302 and r["Location"] == f"/social/{account.pk}/"
    assert account.two_factor_enabled and account.department == marketing
    entry = AuditEntry.objects.get(action="account.created")
    assert entry.actor == it_person and entry.object_id == str(account.pk)


@pytest.mark.parametrize("handle", ["acme jp", " acme\tjp", "@acme jp"])
def test_a_handle_with_spaces_is_refused_naming_the_field_and_keeping_the_input(it_person, handle):
    r = client_for(it_person).post("/social/new/", {"network": "x", "handle": handle,
                                                    "notes": "keep me"})
    body = r.content.decode()
    assert r.status_code == 400
    assert "Handle: a handle cannot contain spaces." in body
    assert "keep me" in body  # nothing typed is lost
    assert not SocialAccount.objects.exists()


def test_a_duplicate_account_is_refused_naming_the_field(it_person, brand):
    r = client_for(it_person).post("/social/new/", {"network": "x", "handle": "@ACME_JP"})
    assert r.status_code == 400
    assert "Handle: @ACME_JP on this network is registered already." in r.content.decode()
    assert SocialAccount.objects.count() == 1


def test_the_api_refuses_bad_handles_with_the_field_named(it_person, brand):
    c = client_for(it_person)
    r = c.post("/api/accounts", json.dumps({"network": "x", "handle": "acme jp"}),
               content_type="application/json")
    assert r.status_code == 400 and r.json()["field"] == "handle"
    r = c.post("/api/accounts", json.dumps({"network": "x", "handle": "acme_jp"}),
               content_type="application/json")
    assert r.status_code == 400 and "registered already" in r.json()["message"]
    r = c.post("/api/accounts", json.dumps({"network": "myspace", "handle": "acme"}),
               content_type="application/json")
    assert r.status_code == 400 and r.json()["field"] == "network"


def test_messages_come_in_japanese_for_japanese_readers(brand):
    reader = make_person("it", language="ja")
    r = client_for(reader).post("/api/accounts", json.dumps({"network": "x", "handle": "a b"}),
                                content_type="application/json")
    assert r.json()["message"] == "ハンドル: ハンドルに空白は使えません。"


@pytest.mark.parametrize(("network", "handle", "stored"), [
    ("x", "@Acme_JP", "Acme_JP"),
    ("bluesky", "Acme.BSKY.social", "acme.bsky.social"),
    ("mastodon", "@acme@Mastodon.Social", "acme@mastodon.social"),
    ("linkedin", "acme-corp", "acme-corp"),
])
def test_handles_are_normalized_per_network(network, handle, stored):
    assert services.normalize_handle(network, handle) == stored


@pytest.mark.parametrize(("network", "handle"), [
    ("x", "far_too_long_handle_for_x"), ("bluesky", "acme"), ("mastodon", "acme"),
    ("linkedin", "<b>acme</b>"),
])
def test_handles_that_cannot_exist_are_refused(network, handle):
    with pytest.raises(ValidationFailed) as exc:
        services.normalize_handle(network, handle)
    assert exc.value.field == "handle"


def test_hostile_display_name_and_notes_are_escaped(it_person, marketing):
    account = SocialAccount.objects.create(network="other", handle="evil", display_name=HOSTILE,
                                           notes=HOSTILE, department=marketing)
    for url in ("/social/", f"/social/{account.pk}/"):
        body = client_for(it_person).get(url).content.decode()
        assert "<script>alert" not in body and "<img src=x" not in body, url
        assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in body, url


def test_a_hostile_handle_is_escaped_everywhere_it_is_shown(it_person, employee):
    # Imported data may bypass the form's checks; the pages must still escape it.
    SocialAccount.objects.create(network="other", handle=HOSTILE, kind="personal", owner=employee,
                                 consent_at=timezone.now())
    for client, url in ((client_for(it_person), "/social/"), (client_for(employee), "/social/mine/")):
        body = client.get(url).content.decode()
        assert "<script>alert" not in body and "&lt;script&gt;" in body, url


# ----------------------------------------------------------------------------- grants

def test_a_grants_manager_grants_and_revokes_with_a_reason(reviewer, brand, publisher):
    c = client_for(reviewer)
    r = c.post(f"/social/{brand.pk}/grants/", {"user": publisher.pk, "level": "publish"})
    assert r.status_code == 302
    grant = AccessGrant.objects.get(account=brand, user=publisher)
    assert grant.granted_by == reviewer and can_publish(publisher, brand)
    page = c.get(f"/social/{brand.pk}/").content.decode()
    assert f"by {reviewer}" in page
    r = c.post(f"/social/grants/{grant.pk}/revoke/", {"reason": ""})
    assert r.status_code == 400 and grant.__class__.objects.get(pk=grant.pk).active
    r = c.post(f"/social/grants/{grant.pk}/revoke/", {"reason": "moved to sales"})
    grant.refresh_from_db()
    assert r.status_code == 302 and not grant.active and grant.revoke_reason == "moved to sales"
    assert not can_publish(publisher, brand)
    actions = list(AuditEntry.objects.order_by("seq").values_list("action", flat=True))
    assert actions[-2:] == ["grant.created", "grant.revoked"]


def test_a_deactivated_person_cannot_be_given_access(reviewer, brand):
    gone = make_person("publisher", is_active=False)
    r = client_for(reviewer).post(f"/social/{brand.pk}/grants/", {"user": gone.pk,
                                                                  "level": "publish"})
    assert r.status_code == 400 and not AccessGrant.objects.exists()
    with pytest.raises(ValidationFailed, match="is deactivated"):
        services.grant_create(account=brand, user=gone, actor=reviewer)


def test_publishing_needs_certification_but_drafting_does_not(reviewer, brand, employee):
    r = client_for(reviewer).post(f"/social/{brand.pk}/grants/", {"user": employee.pk,
                                                                  "level": "publish"})
    assert r.status_code == 400 and "not certified to publish" in r.content.decode()
    grant = services.grant_create(account=brand, user=employee, actor=reviewer, level="draft")
    assert grant.active and not can_publish(employee, brand)


def test_a_second_active_grant_is_refused(reviewer, brand, grant, publisher):
    with pytest.raises(ValidationFailed) as exc:
        services.grant_create(account=brand, user=publisher, actor=reviewer)
    assert exc.value.field == "user"


# ----------------------------------------------------------------------------- posture, apps

def test_posture_edits_are_saved_and_audited(it_person, brand):
    c = client_for(it_person)
    r = c.post(f"/social/{brand.pk}/posture/", {
        "display_name": "Acme", "status": "active", "owner": brand.owner.pk,
        "department": brand.department.pk, "password_rotated_at": _days_ago(1).isoformat(),
        "notes": "rotated after the agency left"})  # two_factor unticked → off
    brand.refresh_from_db()
    assert r.status_code == 302 and not brand.two_factor_enabled
    entry = AuditEntry.objects.filter(action="account.updated").get()
    assert set(entry.data["changed"]) == {"two_factor_enabled", "password_rotated_at", "notes"}
    assert entry.data["two_factor_enabled"] is False


def test_a_future_password_date_is_refused_and_the_form_keeps_the_input(it_person, brand):
    future = (timezone.localdate() + dt.timedelta(days=3)).isoformat()
    r = client_for(it_person).post(f"/social/{brand.pk}/posture/", {
        "status": "active", "password_rotated_at": future, "notes": "typed text"})
    body = r.content.decode()
    assert r.status_code == 400 and "Last password rotation: the date cannot be in the future." in body
    assert "typed text" in body


def test_oauth_apps_are_added_reviewed_and_revoked(it_person, brand):
    c = client_for(it_person)
    c.post(f"/social/{brand.pk}/apps/", {"name": "Buffer", "scopes": "post"})
    app = brand.oauth_apps.get()
    assert app.last_reviewed_at is None
    c.post(f"/social/apps/{app.pk}/reviewed/")
    app.refresh_from_db()
    assert app.last_reviewed_at == timezone.localdate()
    c.post(f"/social/apps/{app.pk}/revoke/")
    app.refresh_from_db()
    assert app.revoked_at is not None
    assert account_inventory()[0].apps == []
    assert {"oauth_app.added", "oauth_app.reviewed", "oauth_app.revoked"} <= set(
        AuditEntry.objects.values_list("action", flat=True))
    r = c.post(f"/social/{brand.pk}/apps/", {"name": ""})
    assert r.status_code == 400


def test_the_api_lists_and_details_accounts_with_posture(publisher, brand, grant):
    c = client_for(publisher)
    data = c.get("/api/accounts").json()
    assert data[0]["handle"] == "acme_jp" and data[0]["publishers"] == ["paula"]
    assert {w["code"] for w in data[0]["warnings"]} == {"review_missing"}
    detail = c.get(f"/api/accounts/{brand.pk}").json()
    assert detail["grants"][0]["user"] == "paula" and detail["grants"][0]["granted_by"] == "ivan"
    assert c.get("/api/accounts/999999").status_code == 404
