"""The API's course authoring and my quiz attempts: 401 without a token, 403 without
learning.manage, 201/200 for authors, JSON errors naming the field, listed in the schema."""

from __future__ import annotations

import json

import pytest

from koe.learning.models import Course, Module
from koe.people.services import api_token_create
from koe.people.testing import client_for, make_person

from .conftest import right_answers

pytestmark = pytest.mark.django_db


def _bearer(user):
    return {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(user=user, name='t')[1]}",
            "HTTP_ACCEPT_LANGUAGE": "en"}


def _send(client, method, url, data, **headers):
    return getattr(client, method)(url, json.dumps(data), content_type="application/json",
                                   **headers)


NEW = {"slug": "sns-101", "title_en": "Social media 101", "title_ja": "SNS 入門",
       "summary_en": "Start here", "track": "all-staff"}


@pytest.fixture
def module(course, compliance):
    from koe.learning import services

    return services.module_create(actor=compliance, course=course, title_en="M1", title_ja="M1")


WRITES = [
    ("post", "/api/learning/authoring/courses", NEW, 201),
    ("patch", "/api/learning/authoring/courses/basics", {"title_en": "Basics 2"}, 200),
    ("post", "/api/learning/authoring/courses/basics/modules", {"title_en": "M2"}, 201),
    ("patch", "/api/learning/authoring/modules/{module}", {"title_en": "M1b"}, 200),
    ("post", "/api/learning/authoring/modules/{module}/move", {"direction": "down"}, 200),
]


@pytest.mark.parametrize(("method", "path", "body", "ok"), WRITES)
def test_authoring_routes_401_403_and_ok(client, track, course, module, method, path, body, ok):
    url = path.format(module=module.pk)
    assert _send(client, method, url, body).status_code == 401
    assert _send(client, method, url, body, **_bearer(make_person())).status_code == 403
    assert _send(client, method, url, body, **_bearer(make_person("publisher"))).status_code == 403
    r = _send(client, method, url, body, **_bearer(make_person("hr")))
    assert r.status_code == ok, r.content


def test_an_author_builds_a_course_by_api(client, track, compliance):
    h = _bearer(compliance)
    r = _send(client, "post", "/api/learning/authoring/courses", NEW, **h)
    assert r.json()["is_published"] is False and r.json()["track"] == "all-staff"
    for title in ("One", "Two"):
        r = _send(client, "post", "/api/learning/authoring/courses/sns-101/modules",
                  {"title_en": title, "title_ja": title, "body_en": f"**{title}**",
                   "video_url": "https://youtu.be/dQw4w9WgXcQ"}, **h)
        assert r.status_code == 201
    two = Module.objects.get(title_en="Two")
    r = _send(client, "post", f"/api/learning/authoring/modules/{two.pk}/move",
              {"direction": "up"}, **h)
    assert [m["title_en"] for m in r.json()["modules"]] == ["Two", "One"]
    r = _send(client, "patch", "/api/learning/authoring/courses/sns-101",
              {**NEW, "is_published": True}, **h)
    assert r.json()["is_published"] is True
    assert client.get("/api/learning/courses/sns-101", **_bearer(make_person())).status_code == 200


@pytest.mark.parametrize(("body", "field", "words"), [
    ({**NEW, "title_en": "", "title_ja": ""}, "title_en", "A course needs a title"),
    ({**NEW, "slug": "Not OK"}, "slug", "lower-case letters"),
    ({**NEW, "track": "nope"}, "track", "No track"),
    ({**NEW, "summary_en": "x" * 2001}, "summary_en", "at most 2000"),
])
def test_bad_course_input_is_a_json_error_naming_the_field(client, track, compliance, body,
                                                           field, words):
    r = _send(client, "post", "/api/learning/authoring/courses", body, **_bearer(compliance))
    assert r.status_code == 400
    assert r.json()["field"] == field and words in r.json()["message"]
    assert not Course.objects.filter(slug="sns-101").exists()


def test_a_taken_short_name_is_409(client, course, compliance):
    r = _send(client, "post", "/api/learning/authoring/courses", {**NEW, "slug": "basics"},
              **_bearer(compliance))
    assert r.status_code == 409 and r.json()["field"] == "slug"


def test_a_bad_video_link_is_a_json_error(client, course, compliance):
    r = _send(client, "post", "/api/learning/authoring/courses/basics/modules",
              {"title_en": "V", "video_url": "javascript:alert(1)"}, **_bearer(compliance))
    assert r.status_code == 400 and r.json()["field"] == "video_url"
    assert not Module.objects.exists()


def test_unknown_courses_and_modules_are_404(client, compliance):
    h = _bearer(compliance)
    assert _send(client, "patch", "/api/learning/authoring/courses/nope", {}, **h).status_code == 404
    assert _send(client, "patch", "/api/learning/authoring/modules/999", {}, **h).status_code == 404


def test_my_attempts_are_listed_and_only_mine(client, quiz, employee):
    c = client_for(employee)
    _send(c, "post", f"/api/learning/quizzes/{quiz.pk}/attempts",
          {"answers": right_answers(quiz)})
    _send(client_for(make_person()), "post", f"/api/learning/quizzes/{quiz.pk}/attempts",
          {"answers": {}})
    assert client.get("/api/learning/attempts").status_code == 401
    rows = c.get("/api/learning/attempts").json()
    assert [(r["quiz"], r["score"], r["passed"], r["course"]) for r in rows] == [
        (quiz.pk, 100, True, "basics")]


def test_the_new_routes_are_in_the_openapi_schema(client):
    paths = client.get("/api/openapi.json").json()["paths"]
    for p in ("/api/learning/attempts", "/api/learning/authoring/courses",
              "/api/learning/authoring/courses/{slug}",
              "/api/learning/authoring/courses/{slug}/modules",
              "/api/learning/authoring/modules/{pk}", "/api/learning/dashboard",
              "/api/learning/dashboard/overdue", "/api/community/documents",
              "/api/community/documents/{pk}/revisions", "/api/community/questions/{pk}",
              "/api/community/answers/{pk}"):
        assert p in paths, p
    assert {"patch", "delete", "get"} <= set(paths["/api/community/questions/{pk}"])
