"""The ingest API: pushing posts (per-item results, skipped accounts), the archive of posts,
imports with progress, internal spaces — 401 without a token, 403/404 like the pages."""

from __future__ import annotations

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from koe.accounts import services as account_services
from koe.monitoring import ingest
from koe.monitoring.models import ImportJob, InternalSpace, Post
from koe.people.services import api_token_create
from koe.people.testing import client_for, make_person

from .ingest_helpers import CREDENTIAL, HARMLESS, brand_account, enrolled_account

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_spaces():
    ingest.forget_spaces()


def _post(client, url, data):
    return client.post(url, json.dumps(data), content_type="application/json")


def test_every_route_is_401_without_a_token(client):
    for url in ["/api/monitoring/posts", "/api/monitoring/imports", "/api/monitoring/imports/1",
                "/api/monitoring/spaces"]:
        assert client.get(url).status_code == 401, url
    for url in ["/api/monitoring/posts", "/api/monitoring/spaces",
                "/api/monitoring/spaces/1/deactivate"]:
        assert _post(client, url, {}).status_code == 401, url
    assert client.post("/api/monitoring/imports", {}).status_code == 401
    bad = Client(HTTP_AUTHORIZATION="Bearer koe_not-a-token")
    assert bad.get("/api/monitoring/posts").status_code == 401


def test_a_system_pushes_posts_with_a_token_and_gets_a_result_per_item(
        django_capture_on_commit_callbacks):
    it = make_person("it")
    token = _token(it)
    account = enrolled_account()
    c = Client(HTTP_AUTHORIZATION=f"Bearer {token}")
    with django_capture_on_commit_callbacks(execute=True):
        r = _post(c, "/api/monitoring/posts", {
            "network": "bluesky", "handle": "@" + account.handle,
            "posts": [{"id": "a", "text": HARMLESS}, {"id": 7, "text": CREDENTIAL},
                      {"id": "a", "text": "again"}, {"id": "b"}]})
    assert r.status_code == 200, r.content
    body = r.json()
    assert (body["created"], body["duplicates"], body["errors"]) == (2, 1, 1)
    assert [(i["index"], i["status"]) for i in body["items"]] == [
        (0, "created"), (1, "created"), (2, "duplicate"), (3, "error")]
    assert body["items"][3]["reason"].startswith("text:")
    assert body["items"][1]["external_id"] == "7" and body["items"][1]["post_id"]
    assert Post.objects.get(external_id="7").source == "api"


def _token(user) -> str:
    return api_token_create(user=user, name="push")[1]


def test_a_withdrawn_account_is_reported_as_skipped_with_the_reason():
    account = enrolled_account()
    account_services.enrolment_withdraw(account=account, actor=account.owner)
    r = _post(client_for(make_person("compliance")), "/api/monitoring/posts",
              {"account_id": account.pk, "posts": [{"id": "1", "text": HARMLESS}]})
    body = r.json()
    assert r.status_code == 200 and body["skipped"] == 1 and body["skip_reason"] == "withdrawn"
    assert body["items"][0]["status"] == "skipped"
    assert "withdrew" in body["items"][0]["reason"]
    assert not Post.objects.exists()


def test_an_employee_pushes_only_to_their_own_account():
    mine = enrolled_account()
    theirs = enrolled_account()
    brand = brand_account()
    c = client_for(mine.owner)
    ok = _post(c, "/api/monitoring/posts", {"account_id": mine.pk,
                                            "posts": [{"id": "1", "text": HARMLESS}]})
    assert ok.status_code == 200 and ok.json()["created"] == 1
    for account in (theirs, brand):
        r = _post(c, "/api/monitoring/posts", {"account_id": account.pk,
                                               "posts": [{"id": "1", "text": HARMLESS}]})
        assert r.status_code == 404
    r = _post(c, "/api/monitoring/posts", {"posts": []})
    assert r.status_code == 400 and r.json()["field"] == "account_id"


def test_employees_list_only_their_own_posts_and_compliance_all():
    mine, theirs = enrolled_account(), enrolled_account()
    ingest.post_ingest_many(account=mine, source="api", items=[{"id": "m", "text": HARMLESS}])
    ingest.post_ingest_many(account=theirs, source="api", items=[{"id": "t", "text": HARMLESS}])
    own = client_for(mine.owner).get("/api/monitoring/posts").json()
    assert [p["external_id"] for p in own] == ["m"]
    everyone = client_for(make_person("compliance")).get("/api/monitoring/posts").json()
    assert {p["external_id"] for p in everyone} == {"m", "t"}
    assert client_for(mine.owner).get(
        f"/api/monitoring/posts?account_id={theirs.pk}").json() == []


def test_imports_through_the_api_report_progress(django_capture_on_commit_callbacks):
    account = enrolled_account()
    c = client_for(account.owner)
    data = b'{"id": "1", "text": "hi"}\n{"id": 2}\n'
    with django_capture_on_commit_callbacks(execute=True):
        r = c.post("/api/monitoring/imports", {"account_id": account.pk,
                                               "file": SimpleUploadedFile("a.jsonl", data)})
    assert r.status_code == 201, r.content
    job_id = r.json()["id"]
    detail = c.get(f"/api/monitoring/imports/{job_id}").json()
    assert (detail["status"], detail["processed"], detail["created"], detail["error_count"]) == \
        ("done", 2, 1, 1)
    assert detail["errors"] == [{"line": 2, "message": detail["errors"][0]["message"]}]
    assert [j["id"] for j in c.get("/api/monitoring/imports").json()] == [job_id]
    stranger = client_for(make_person())
    assert stranger.get(f"/api/monitoring/imports/{job_id}").status_code == 404
    assert stranger.get("/api/monitoring/imports").json() == []
    r = stranger.post("/api/monitoring/imports", {"account_id": account.pk,
                                                  "file": SimpleUploadedFile("a.jsonl", data)})
    assert r.status_code == 404 and ImportJob.objects.count() == 1


def test_spaces_need_the_ingest_capability():
    employee, compliance = client_for(make_person()), client_for(make_person("compliance"))
    payload = {"title": "Roadmap", "kind": "wiki", "text": "The roadmap for next year is secret."}
    assert _post(employee, "/api/monitoring/spaces", payload).status_code == 403
    assert employee.get("/api/monitoring/spaces").status_code == 403
    r = _post(compliance, "/api/monitoring/spaces", payload)
    assert r.status_code == 201 and r.json()["chars"] == len(payload["text"])
    space_id = r.json()["id"]
    assert [s["title"] for s in compliance.get("/api/monitoring/spaces").json()] == ["Roadmap"]
    assert _post(employee, f"/api/monitoring/spaces/{space_id}/deactivate", {}).status_code == 403
    r = _post(compliance, f"/api/monitoring/spaces/{space_id}/deactivate", {})
    assert r.status_code == 200 and r.json()["active"] is False
    assert _post(compliance, f"/api/monitoring/spaces/{space_id}/deactivate", {}).status_code == 409
    assert not InternalSpace.objects.filter(active=True).exists()
    r = _post(compliance, "/api/monitoring/spaces", {"title": "x", "kind": "wiki", "text": "short"})
    assert r.status_code == 400 and r.json()["field"] == "text"


def test_the_routes_are_in_the_openapi_schema(client):
    paths = client.get("/api/openapi.json").json()["paths"]
    for path in ["/api/monitoring/posts", "/api/monitoring/imports",
                 "/api/monitoring/imports/{job_id}", "/api/monitoring/spaces",
                 "/api/accounts/enrolments"]:
        assert path in paths, path
