"""The policies API: the same lifecycle and permissions as the pages, JSON errors."""

import json

import pytest

from koe.people.services import api_token_create
from koe.people.testing import client_for, make_person
from koe.policies.models import PolicyVersion

from .helpers import GOOD_YAML, draft, published

pytestmark = pytest.mark.django_db


def _post(c, url, body=None, **extra):
    return c.post(url, json.dumps(body or {}), content_type="application/json", **extra)


def test_the_lifecycle_through_the_api_with_tokens(team, client):
    tokens = {k: api_token_create(user=team[k], name="t")[1] for k in team}

    def call(who, method, url, body=None):
        auth = {"HTTP_AUTHORIZATION": f"Bearer {tokens[who]}", "HTTP_ACCEPT_LANGUAGE": "en"}
        if method == "get":
            return client.get(url, **auth)
        return _post(client, url, body, **auth)

    r = call("compliance", "post", "/api/policies/versions", {"title": "API draft"})
    assert r.status_code == 201, r.json()
    number = r.json()["number"]
    assert "extends: default" in r.json()["yaml"] and r.json()["state"] == "draft"

    r = client.patch(f"/api/policies/versions/{number}", json.dumps({"guidance_en": "Be kind."}),
                     content_type="application/json",
                     HTTP_AUTHORIZATION=f"Bearer {tokens['compliance']}")
    assert r.status_code == 200 and r.json()["guidance_en"] == "Be kind."

    r = call("compliance", "post", f"/api/policies/versions/{number}/submit")
    assert r.json()["state"] == "in_review" and r.json()["review_round"] == 1

    r = call("legal", "post", f"/api/policies/versions/{number}/signoffs",
             {"role": "it", "decision": "approve", "comment": "ok"})
    assert r.status_code == 403 and r.json()["field"] == "role"

    r = call("legal", "post", f"/api/policies/versions/{number}/signoffs",
             {"role": "legal", "decision": "approve", "comment": ""})
    assert r.status_code == 400 and r.json() == {
        "error": "invalid", "field": "comment",
        "message": "Please add a comment: what you checked, or what to change."}

    for role in ("legal", "it", "hr", "reviewer"):
        r = call(role, "post", f"/api/policies/versions/{number}/signoffs",
                 {"role": role, "decision": "approve", "comment": f"{role} ok"})
        assert r.status_code == 201
    assert r.json()["state"] == "approved" and len(r.json()["signoffs"]) == 4

    r = call("employee", "post", f"/api/policies/versions/{number}/publish")
    assert r.status_code == 403 and r.json()["error"] == "forbidden"
    r = call("compliance", "post", f"/api/policies/versions/{number}/publish")
    assert r.status_code == 200 and r.json()["state"] == "published"

    r = call("employee", "post", "/api/policies/acknowledgements")
    assert r.status_code == 201 and r.json()["created"] is True
    r = call("employee", "post", "/api/policies/acknowledgements")
    assert r.status_code == 200 and r.json()["created"] is False

    r = call("employee", "get", "/api/policies/acknowledgements/rates")
    assert r.status_code == 403
    r = call("hr", "get", "/api/policies/acknowledgements/rates")
    data = r.json()
    assert r.status_code == 200 and data["version"] == number
    assert data["acknowledged"] == 1 and data["total"] == 6


def test_rejecting_through_the_api_returns_the_version_to_draft(team):
    v = draft(team)
    _post(client_for(team["compliance"]), f"/api/policies/versions/{v.number}/submit")
    r = _post(client_for(team["hr"]), f"/api/policies/versions/{v.number}/signoffs",
              {"role": "hr", "decision": "reject", "comment": "Say what happens on a repeat."})
    assert r.status_code == 201 and r.json()["state"] == "draft"


def test_listing_versions_is_for_the_policy_team(team):
    draft(team)
    assert client_for(team["employee"]).get("/api/policies/versions").status_code == 403
    r = client_for(team["compliance"]).get("/api/policies/versions")
    assert r.status_code == 200 and [v["number"] for v in r.json()] == [1]


def test_an_employee_reads_a_published_version_with_its_yaml_but_not_a_draft(team):
    v1 = published(team)
    draft(team)
    c = client_for(team["employee"])
    r = c.get(f"/api/policies/versions/{v1.number}")
    assert r.status_code == 200 and r.json()["yaml"] == GOOD_YAML
    r = c.get("/api/policies/versions/2")
    assert r.status_code == 404 and r.json()["error"] == "not_found"


def test_an_employee_cannot_create_a_draft(team):
    r = _post(client_for(team["employee"]), "/api/policies/versions", {"title": "x"})
    assert r.status_code == 403 and not PolicyVersion.objects.exists()


def test_publishing_a_draft_is_a_conflict(team):
    v = draft(team)
    r = _post(client_for(team["compliance"]), f"/api/policies/versions/{v.number}/publish")
    assert r.status_code == 409 and r.json()["error"] == "conflict"


def test_the_public_switch_through_the_api(team):
    v = published(team)
    r = _post(client_for(team["compliance"]), f"/api/policies/versions/{v.number}/public",
              {"public": True})
    assert r.status_code == 200 and r.json()["public_url"].endswith(f"/policy/public/{v.public_token}/")
    r = _post(client_for(make_person("legal")), f"/api/policies/versions/{v.number}/public",
              {"public": False})
    assert r.status_code == 403
