"""Hostile input to the API and to pages: a 4xx naming what and where, never a 500.

Found by fuzzing the OpenAPI schema (schemathesis) against a demo server on PostgreSQL, which
refuses NUL in text: each request below used to end in a traceback.
"""

from __future__ import annotations

import json

import pytest
from django.test import Client

from koe.people.services import api_token_create
from koe.people.testing import client_for, make_person

pytestmark = pytest.mark.django_db


def _bearer(user):
    return {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(user=user, name='t')[1]}",
            "HTTP_ACCEPT_LANGUAGE": "en"}


@pytest.fixture
def compliance():
    return make_person("compliance", "admin")


def test_nul_in_a_query_parameter_is_refused_naming_the_parameter(compliance):
    r = Client().get("/api/audit/entries", {"action": "policy\x00.published", "limit": -10**19},
                     **_bearer(compliance))
    assert r.status_code == 400
    body = r.json()
    assert body["error"] == "invalid" and body["field"] == "action"
    assert "NUL" in body["message"]


def test_nul_in_a_query_parameter_name_is_refused(compliance):
    r = Client().get("/api/learning/dashboard?tr%00ack=x&months=3", **_bearer(compliance))
    assert r.status_code == 400
    assert r.json()["field"] == "tr\\x00ack"


def test_nul_in_a_learning_dashboard_filter_is_refused(compliance):
    r = Client().get("/api/learning/dashboard", {"track": "all\x00", "months": 144},
                     **_bearer(compliance))
    assert r.status_code == 400
    assert r.json()["field"] == "track"


@pytest.mark.parametrize("value, word", [("Intro\x00", "NUL"), ("Intro\ud800", "surrogate")])
def test_unstorable_characters_in_a_json_body_are_refused_naming_the_field(compliance, value,
                                                                           word):
    from koe.learning.models import Course

    course = Course.objects.create(slug="sns-101", title_en="SNS 101", title_ja="SNS 入門")
    # json.dumps writes a lone surrogate as the escape "\ud800", as a hostile client would.
    r = Client().patch(f"/api/learning/authoring/courses/{course.slug}",
                       json.dumps({"summary_en": value, "title_en": "x"}),
                       content_type="application/json", **_bearer(compliance))
    assert r.status_code == 400, r.content
    body = r.json()
    assert body["field"] == "summary_en" and word in body["message"]
    course.refresh_from_db()
    assert course.title_en == "SNS 101"


def test_a_nested_json_field_is_named_with_its_path(compliance):
    r = Client().post("/api/check", json.dumps({"text": "ok", "extra": [{"a": "b"}, {"c": "\x00"}]}),
                      content_type="application/json", **_bearer(compliance))
    assert r.status_code == 400
    assert r.json()["field"] == "extra.1.c"


def test_a_body_that_is_not_json_gets_a_json_error_with_the_position(compliance):
    r = Client().post("/api/check", b'{"text": "hi",}', content_type="application/json",
                      **_bearer(compliance))
    assert r.status_code == 400
    body = r.json()
    assert body["error"] == "invalid" and "line 1" in body["message"]


def test_multipart_without_a_boundary_gets_a_json_error(compliance):
    r = Client().post("/api/monitoring/imports", b"--x\r\n", content_type="multipart/form-data",
                      **_bearer(compliance))
    assert r.status_code == 400
    assert r.json()["error"] == "invalid"


def test_nul_in_a_page_query_string_gets_the_error_page_not_a_500():
    r = client_for(make_person(mfa=False)).get("/community/", {"q": "hello\x00"})
    assert r.status_code == 400
    assert b"NUL" in r.content


def test_ordinary_requests_still_pass(compliance):
    r = Client().get("/api/audit/entries", {"action": "policy.published", "limit": 5},
                     **_bearer(compliance))
    assert r.status_code == 200
    r = Client().post("/api/check", json.dumps({"text": "Great talk today — 素晴らしい 😀"}),
                      content_type="application/json", **_bearer(compliance))
    assert r.status_code == 200


def test_every_schema_name_in_the_openapi_document_is_one_class():
    """Two apps' ``FindingOut`` (or ``ModuleOut``, ``ReasonIn``) share one component in the
    OpenAPI document, so one of them is described wrongly to every client."""
    import typing
    from collections import defaultdict

    from pydantic import BaseModel

    import koe.web.api_urls  # noqa: F401  (mounts every app's router)
    from koe.web.api import api

    def collect(tp, found):
        if isinstance(tp, type) and issubclass(tp, BaseModel) and tp not in found:
            found.add(tp)
            for field in tp.model_fields.values():
                collect(field.annotation, found)
        for arg in typing.get_args(tp):
            collect(arg, found)

    found: set = set()
    for _, router in api._routers:
        for path_view in router.path_operations.values():
            for operation in path_view.operations:
                for model in [*operation.response_models.values(), *operation.models]:
                    collect(model, found)
    names = defaultdict(set)
    for model in found:
        names[model.__name__].add(f"{model.__module__}.{model.__qualname__}")
    assert {name: sorted(where) for name, where in names.items() if len(where) > 1} == {}


def test_the_check_response_is_described_as_it_is_sent(client):
    schema = client.get("/api/openapi.json").json()
    out = schema["paths"]["/api/check"]["post"]["responses"]["200"]["content"]["application/json"]
    check_out = schema["components"]["schemas"][out["schema"]["$ref"].rsplit("/", 1)[1]]
    finding = schema["components"]["schemas"][
        check_out["properties"]["findings"]["items"]["$ref"].rsplit("/", 1)[1]]
    assert {"rule", "evidence", "suggestion"} <= set(finding["properties"])


@pytest.mark.parametrize("url", ["/policy/public/%00/", "/api/learning/courses/intro%00"])
def test_nul_in_the_path_is_refused_not_a_500(url, compliance):
    r = client_for(make_person(mfa=False)).get(url, **_bearer(compliance))
    assert r.status_code == 400
    assert "NUL" in r.content.decode()
