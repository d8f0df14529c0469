"""Every page and API route of the learning app: anonymous → sign-in / 401, a person without
the permission → 403, a course they may not see → 404, the right role → what it should."""

from __future__ import annotations

import pytest

from koe.learning.models import Course
from koe.people.testing import assert_api_access, assert_page_access

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(quiz, course):
    draft = Course.objects.create(slug="draft", title_en="Draft", title_ja="下書き",
                                  is_published=False)
    return {"course": course.slug, "quiz": quiz.pk, "draft": draft.slug}


# (method, path, employee status, a role that may, its status)
PAGES = [
    ("get", "/learn/", 200, "employee", 200),
    ("get", "/learn/courses/{course}/", 200, "employee", 200),
    ("get", "/learn/courses/{draft}/", 404, "compliance", 200),
    ("post", "/learn/courses/{course}/start/", 302, "employee", 302),
    ("post", "/learn/courses/{draft}/start/", 404, "hr", 302),
    ("post", "/learn/courses/{course}/done/", 302, "employee", 302),
    ("get", "/learn/quizzes/{quiz}/", 200, "employee", 200),
    ("post", "/learn/quizzes/{quiz}/", 200, "employee", 200),
    ("get", "/learn/manage/assign/", 403, "hr", 200),
    ("post", "/learn/manage/assign/", 403, "compliance", 400),
    ("get", "/learn/manage/quizzes/new/", 403, "compliance", 200),
    ("post", "/learn/manage/quizzes/new/", 403, "admin", 400),
    ("get", "/learn/report/", 403, "hr", 200),
]


@pytest.mark.parametrize(("method", "path", "employee_status", "role", "role_status"), PAGES)
def test_pages_answer_each_kind_of_visitor(world, method, path, employee_status, role,
                                           role_status):
    assert_page_access(method, path.format(**world), employee_status, role, role_status)


API = [
    ("get", "/api/learning/courses", None, 200, "employee", 200),
    ("get", "/api/learning/courses/{course}", None, 200, "employee", 200),
    ("get", "/api/learning/courses/{draft}", None, 404, "compliance", 200),
    ("get", "/api/learning/enrolments", None, 200, "employee", 200),
    ("post", "/api/learning/quizzes/{quiz}/attempts", {"answers": {}}, 201, "employee", 201),
    ("get", "/api/learning/certificates", None, 200, "employee", 200),
    ("post", "/api/learning/assignments", {"course": "basics", "role": "publisher"}, 403,
     "compliance", 201),
    ("get", "/api/learning/report", None, 403, "hr", 200),
]


@pytest.mark.parametrize(("method", "path", "body", "employee_status", "role", "role_status"), API)
def test_api_routes_answer_each_kind_of_caller(world, method, path, body, employee_status, role,
                                               role_status):
    assert_api_access(method, path.format(**world), body, employee_status, role, role_status)


def test_the_routes_are_in_the_openapi_schema(client):
    paths = client.get("/api/openapi.json").json()["paths"]
    for p in ("/api/learning/courses", "/api/learning/enrolments",
              "/api/learning/quizzes/{quiz_id}/attempts", "/api/learning/certificates"):
        assert p in paths
