"""Two audited writes at once on PostgreSQL get two answers, not a deadlock.

A transaction that holds the audit chain (an advisory lock, until COMMIT) checks its new rows'
foreign keys at COMMIT, which takes FOR KEY SHARE on each parent row. A version locked FOR
UPDATE by a transaction that then waits for the chain blocks that check: a deadlock. The
services lock FOR NO KEY UPDATE, which still serializes writers but lets the check through."""

from __future__ import annotations

import pytest
from django.db import connection

from koe.audit.testing import while_holding_the_chain
from koe.policies.choices import VersionState
from koe.policies.models import Acknowledgement, PolicyVersion
from koe.policies.services import (
    acknowledgement_create,
    version_publish,
    version_set_public,
    version_submit,
)

from .helpers import approve_all, draft, published

pytestmark = [pytest.mark.django_db(transaction=True),
              pytest.mark.skipif(connection.vendor != "postgresql",
                                 reason="SQLite serializes writers itself")]


def test_publishing_the_next_version_while_someone_acknowledges_does_not_deadlock(team):
    """The acknowledgement points at the published version; publishing the next one locks it
    (to supersede it) first."""
    current = published(team)
    following = draft(team, title="Policy, second edition")
    version_submit(version=following, actor=team["compliance"])
    approve_all(team, following)
    errors = while_holding_the_chain(
        lambda: acknowledgement_create(user=team["employee"], version=current),
        lambda: version_publish(version=following, actor=team["compliance"]))
    assert errors == []
    assert Acknowledgement.objects.filter(version=current, user=team["employee"]).exists()
    assert PolicyVersion.objects.get(pk=current.pk).state == VersionState.SUPERSEDED
    assert PolicyVersion.objects.get(pk=following.pk).state == VersionState.PUBLISHED


def test_sharing_the_public_link_while_someone_acknowledges_does_not_deadlock(team):
    current = published(team)
    errors = while_holding_the_chain(
        lambda: acknowledgement_create(user=team["employee"], version=current),
        lambda: version_set_public(version=current, actor=team["compliance"], public=True))
    assert errors == []
    assert Acknowledgement.objects.filter(version=current, user=team["employee"]).exists()
    assert PolicyVersion.objects.get(pk=current.pk).public is True
