"""The OpenAPI schema describes every app's routes, and the API answers in its error shape."""

import pytest

from koe.people.testing import client_for, make_person

pytestmark = pytest.mark.django_db


def test_the_schema_lists_every_apps_routes(client):
    schema = client.get("/api/openapi.json").json()
    paths = set(schema["paths"])
    assert "/api/check" in paths
    for prefix in ("/api/policies/", "/api/accounts/", "/api/audit/"):
        assert any(p.startswith(prefix) for p in paths), prefix
    assert {"BearerToken", "TokenHeader"} <= set(schema["components"]["securitySchemes"])


def test_a_token_from_the_tokens_page_authenticates_the_api():
    person = make_person()
    page = client_for(person).post("/people/me/tokens/", {"name": "laptop"})
    token = page.context["new_token"]
    from django.test import Client

    anonymous = Client()
    r = anonymous.post("/api/check", {"text": "元本保証"}, content_type="application/json",
                       HTTP_AUTHORIZATION=f"Bearer {token}")
    assert r.status_code == 200 and r.json()["findings"][0]["rule"] == "R101"
    bad = anonymous.post("/api/check", {"text": "x"}, content_type="application/json",
                         HTTP_AUTHORIZATION="Bearer koe_not-a-token")
    assert bad.status_code == 401 and bad.json()["error"] == "unauthorized"


def test_invalid_json_bodies_name_the_field():
    r = client_for(make_person()).post("/api/check", {"account": "personal"},
                                       content_type="application/json")
    assert r.status_code == 422 and r.json()["field"] == "text"
