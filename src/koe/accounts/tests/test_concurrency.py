"""Two audited writes at once on PostgreSQL get two answers, not a deadlock.

A transaction that holds the audit chain (an advisory lock, until COMMIT) checks its new rows'
foreign keys at COMMIT, which takes FOR KEY SHARE on each parent row. A parent locked FOR UPDATE
by a transaction that then waits for the chain blocks that check: a deadlock. The services lock
FOR NO KEY UPDATE, which still serializes writers but lets the check through."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.utils import timezone

from koe.accounts import services
from koe.accounts.models import AccessGrant, AccessReviewItem, SocialAccount
from koe.audit.testing import while_holding_the_chain

pytestmark = [pytest.mark.django_db(transaction=True),
              pytest.mark.skipif(connection.vendor != "postgresql",
                                 reason="SQLite serializes writers itself")]


def _due():
    return timezone.localdate() + dt.timedelta(days=14)


def test_revoking_a_grant_while_an_access_review_starts_does_not_deadlock(grant, it_person):
    """The review's items point at the grant; the revocation locks the grant first."""
    errors = while_holding_the_chain(
        lambda: services.access_review_start(actor=it_person, name="2026 Q2", due_on=_due()),
        lambda: services.grant_revoke(grant=grant, actor=it_person, reason="moved team"))
    assert errors == []
    grant.refresh_from_db()
    assert grant.revoked_at is not None
    # the revocation came second: it closed the item the review had just opened
    item = AccessReviewItem.objects.get(grant=grant)
    assert item.decision == "revoke" and item.decided_by == it_person


def test_deciding_a_review_item_while_its_holder_does_something_audited_does_not_deadlock(
        grant, publisher, reviewer, it_person):
    """Deciding used to lock the grant's holder FOR UPDATE (a join of the locked query); the
    holder's own audited write points its entry at their row."""
    review = services.access_review_start(actor=it_person, name="2026 Q2", due_on=_due())
    item = review.items.get(grant=grant)
    errors = while_holding_the_chain(
        lambda: services.enrolment_create(user=publisher, network="bluesky",
                                          handle="paula.bsky.social", consent=True),
        lambda: services.access_review_decide(item=item, actor=reviewer, decision="keep"))
    assert errors == []
    item.refresh_from_db()
    assert item.decision == "keep" and item.decided_by == reviewer
    assert SocialAccount.objects.filter(owner=publisher, handle="paula.bsky.social").exists()


def test_offboarding_while_the_person_does_something_audited_does_not_deadlock(
        grant, publisher, hr):
    """Their enrolment's entry points at the person; offboarding locks the person first."""
    errors = while_holding_the_chain(
        lambda: services.enrolment_create(user=publisher, network="bluesky",
                                          handle="paula.bsky.social", consent=True),
        lambda: services.person_offboard(person=publisher, actor=hr, reason="left in March"))
    assert errors == []
    publisher.refresh_from_db()
    assert not publisher.is_active
    assert not AccessGrant.objects.filter(user=publisher, revoked_at__isnull=True).exists()
