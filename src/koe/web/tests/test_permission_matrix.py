"""One table-driven test: every page guarded by the matrix answers each role as the matrix says.

It walks the URL configuration, so a new page is covered as soon as it is added with
``permission_required``. Pages that need an object in the URL are covered by their app's tests.
"""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from koe.people.choices import Role
from koe.people.permissions import MATRIX
from koe.people.testing import client_for, make_person

pytestmark = pytest.mark.django_db


def _guarded_pages():
    found = []

    def walk(patterns, prefix):
        for p in patterns:
            if isinstance(p, URLResolver):
                walk(p.url_patterns, prefix + str(p.pattern))
            elif isinstance(p, URLPattern):
                perm = getattr(p.callback, "koe_permission", None)
                route = prefix + str(p.pattern)
                if perm and "<" not in route:
                    found.append(("/" + route.lstrip("^").rstrip("$"), perm))

    walk(get_resolver().url_patterns, "")
    return sorted(set(found))


PAGES = _guarded_pages()


def test_the_walk_finds_the_core_pages():
    paths = {p for p, _ in PAGES}
    assert {"/check/", "/audit/", "/people/"} <= paths


@pytest.mark.parametrize("role", [r.value for r in Role])
def test_each_role_gets_exactly_what_the_matrix_says(role):
    client = client_for(make_person(role))
    wrong = []
    for path, perm in PAGES:
        status = client.get(path).status_code
        expected = 200 if role in MATRIX[perm] else 403
        if status != expected:
            wrong.append(f"{path} ({perm}): {status}, expected {expected}")
    assert wrong == []


def test_anonymous_visitors_are_sent_to_sign_in(client):
    for path, _ in PAGES:
        response = client.get(path)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], path


def test_a_sensitive_role_without_two_factor_is_sent_to_set_it_up():
    client = client_for(make_person("compliance", mfa=False))
    response = client.get("/audit/")
    assert response.status_code == 302 and "/accounts/2fa/totp/activate" in response["Location"]
    assert client_for(make_person(mfa=False)).get("/check/").status_code == 200
