"""Access reviews: start a campaign, owners keep or revoke each grant, closing dates accounts."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.core import mail
from django.utils import timezone

from koe.accounts import services
from koe.accounts.models import AccessGrant, AccessReview, SocialAccount
from koe.audit.models import AuditEntry
from koe.people.testing import client_for, make_person
from koe.web.errors import Conflict, NotAllowed, ValidationFailed

pytestmark = pytest.mark.django_db


def _due(days=14):
    return (timezone.localdate() + dt.timedelta(days=days)).isoformat()


@pytest.fixture
def setup(brand, grant, it_person, reviewer, marketing):
    """Two accounts: @acme_jp owned by rei (2 grants), acme on LinkedIn owned by olive."""
    owner = make_person(username="olive", department=marketing)
    linkedin = services.account_create(actor=it_person, network="linkedin", handle="acme",
                                       owner=owner)
    drafter = make_person(username="dan")
    second = services.grant_create(account=brand, user=drafter, actor=it_person, level="draft")
    third = services.grant_create(account=linkedin, user=drafter, actor=it_person, level="draft")
    return {"owner": owner, "linkedin": linkedin, "grants": [grant, second, third]}


def test_starting_a_review_creates_one_item_per_active_grant_and_mails_owners(
        setup, it_person, django_capture_on_commit_callbacks):
    services.grant_revoke(grant=setup["grants"][1], actor=it_person, reason="not needed")
    c = client_for(it_person)
    with django_capture_on_commit_callbacks(execute=True):
        r = c.post("/social/reviews/", {"name": "2026 Q2", "due_on": _due()})
    review = AccessReview.objects.get()
    assert r.status_code == 302 and r["Location"] == f"/social/reviews/{review.pk}/"
    assert review.items.count() == 2  # the revoked grant is not in it
    assert AuditEntry.objects.filter(action="access_review.started").exists()
    recipients = sorted(m.to[0] for m in mail.outbox)
    assert recipients == ["olive@example.test", "rei@example.test"]
    assert "2026 Q2" in mail.outbox[0].subject and mail.outbox[0].alternatives


def test_the_owner_keeps_and_revokes_and_closing_sets_the_review_date(setup, it_person, reviewer):
    review = services.access_review_start(actor=it_person, name="Q2", due_on=timezone.localdate())
    c = client_for(reviewer)
    page = c.get(f"/social/reviews/{review.pk}/").content.decode()
    assert "0 of 3 decided" in page
    items = {i.grant_id: i for i in review.items.all()}
    keep, drop, other = (items[g.pk] for g in setup["grants"])
    r = c.post(f"/social/reviews/items/{keep.pk}/decide/", {"decision": "keep"})
    assert r.status_code == 302
    r = c.post(f"/social/reviews/items/{drop.pk}/decide/", {"decision": "revoke",
                                                            "note": "agency contract ended"},
               HTTP_HX_REQUEST="true")
    body = r.content.decode()
    assert r.status_code == 200 and 'data-decision="revoke"' in body
    assert 'hx-swap-oob="true"' in body and "2 of 3 decided" in body
    grant = AccessGrant.objects.get(pk=drop.grant_id)
    assert not grant.active and "agency contract ended" in grant.revoke_reason
    assert AccessGrant.objects.get(pk=keep.grant_id).active
    # The LinkedIn item belongs to olive: rei manages grants, so she may decide it too, but a
    # plain owner of another account may not.
    with pytest.raises(NotAllowed):
        services.access_review_decide(item=keep, actor=setup["owner"], decision="keep")
    c_owner = client_for(setup["owner"])
    owner_page = c_owner.get(f"/social/reviews/{review.pk}/").content.decode()
    assert "@acme_jp" not in owner_page and "LinkedIn @acme" in owner_page
    assert c_owner.post(f"/social/reviews/items/{other.pk}/decide/",
                        {"decision": "keep"}).status_code == 302
    closed = services.access_review_close(review=review, actor=it_person)
    assert closed.accounts_reviewed == 2 and closed.undecided == 0
    for account in SocialAccount.objects.all():
        assert account.last_access_review_at == timezone.localdate()
    decided = AuditEntry.objects.filter(action="access_review.decided")
    assert decided.count() == 3


def test_accounts_with_undecided_items_keep_their_old_review_date(setup, it_person, reviewer):
    review = services.access_review_start(actor=it_person, name="Q2", due_on=timezone.localdate())
    linkedin_item = review.items.get(grant__account=setup["linkedin"])
    services.access_review_decide(item=linkedin_item, actor=setup["owner"], decision="keep")
    r = client_for(it_person).post(f"/social/reviews/{review.pk}/close/")
    assert r.status_code == 302
    setup["linkedin"].refresh_from_db()
    assert setup["linkedin"].last_access_review_at == timezone.localdate()
    assert SocialAccount.objects.get(handle="acme_jp").last_access_review_at is None
    page = client_for(it_person).get(f"/social/reviews/{review.pk}/").content.decode()
    assert "1 of 3 decided" in page and "Close the review" not in page


def test_decisions_are_final_and_closed_reviews_take_none(setup, it_person, reviewer):
    review = services.access_review_start(actor=it_person, name="Q2", due_on=timezone.localdate())
    item = review.items.first()
    services.access_review_decide(item=item, actor=reviewer, decision="keep")
    with pytest.raises(Conflict):
        services.access_review_decide(item=item, actor=reviewer, decision="revoke")
    services.access_review_close(review=review, actor=it_person)
    pending = review.items.filter(decision="pending").first()
    with pytest.raises(Conflict):
        services.access_review_decide(item=pending, actor=reviewer, decision="keep")
    with pytest.raises(Conflict):
        services.access_review_close(review=review, actor=it_person)


def test_bad_review_input_names_the_field(setup, it_person):
    c = client_for(it_person)
    past = (timezone.localdate() - dt.timedelta(days=1)).isoformat()
    r = c.post("/social/reviews/", {"name": "Old", "due_on": past})
    assert r.status_code == 400 and "Due date: the date cannot be in the past." in r.content.decode()
    assert 'value="Old"' in r.content.decode()
    services.access_review_start(actor=it_person, name="Open one", due_on=timezone.localdate())
    r = c.post("/social/reviews/", {"name": "Second", "due_on": _due()})
    assert r.status_code == 409 and "still open" in r.content.decode()
    with pytest.raises(ValidationFailed) as exc:
        services.access_review_decide(item=AccessReview.objects.get().items.first(),
                                      actor=it_person, decision="maybe")
    assert exc.value.field == "decision"


def test_the_api_runs_a_review_end_to_end(setup, it_person, reviewer):
    c = client_for(it_person)
    r = c.post("/api/accounts/reviews", json.dumps({"name": "API", "due_on": _due()}),
               content_type="application/json")
    assert r.status_code == 201 and r.json()["total"] == 3
    review_id = r.json()["id"]
    item = next(i for i in r.json()["items"] if i["user"] == "paula")
    r = client_for(reviewer).post(f"/api/accounts/reviews/items/{item['id']}/decide",
                                  json.dumps({"decision": "revoke", "note": "left team"}),
                                  content_type="application/json")
    assert r.status_code == 200 and r.json()["decision"] == "revoke"
    assert not AccessGrant.objects.get(pk=item["grant_id"]).active
    r = c.post(f"/api/accounts/reviews/{review_id}/close")
    assert r.status_code == 200 and r.json()["review"]["decided"] == 1
    assert r.json()["accounts_reviewed"] == 0 and r.json()["undecided"] == 2


def test_nobody_confirms_their_own_access(setup, it_person, reviewer, brand):
    own = services.grant_create(account=brand, user=reviewer, actor=it_person, level="draft")
    review = services.access_review_start(actor=it_person, name="Q2", due_on=timezone.localdate())
    item = review.items.get(grant=own)
    with pytest.raises(NotAllowed):
        services.access_review_decide(item=item, actor=reviewer, decision="keep")
    page = client_for(reviewer).get(f"/social/reviews/{review.pk}/").content.decode()
    assert "your own access is confirmed by someone else" in page
    services.access_review_decide(item=item, actor=it_person, decision="keep")
