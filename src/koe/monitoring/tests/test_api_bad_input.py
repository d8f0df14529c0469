"""Hostile query values to the monitoring API get an answer, not a 500 (found by fuzzing)."""

from __future__ import annotations

import pytest
from django.test import Client

from koe.people.services import api_token_create
from koe.people.testing import make_person

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("offset", [2**63, 10**30])
def test_an_offset_past_any_database_integer_is_an_empty_page(offset):
    employee = make_person(mfa=False)
    token = api_token_create(user=employee, name="t")[1]
    r = Client().get("/api/monitoring/posts", {"offset": offset, "limit": 10},
                     HTTP_AUTHORIZATION=f"Bearer {token}")
    assert r.status_code == 200, r.content
    assert r.json() == []
