"""The dashboard API: managers get their reports, report roles everyone, others 403."""

from __future__ import annotations

import pytest

from koe.people.testing import client_for, make_person

from .test_dashboard import org  # noqa: F401  (the same organization)

pytestmark = pytest.mark.django_db


def test_the_dashboard_api_answers_each_kind_of_caller(client, org, compliance):  # noqa: F811
    for url in ("/api/learning/dashboard", "/api/learning/dashboard/overdue"):
        assert client.get(url).status_code == 401
        assert client_for(org["ana"]).get(url).status_code == 403
        assert client_for(make_person("publisher")).get(url).status_code == 403
        assert client_for(org["lead"]).get(url).status_code == 200
        assert client_for(compliance).get(url).status_code == 200


def test_a_manager_gets_only_their_reports(org):  # noqa: F811
    rows = client_for(org["lead"]).get("/api/learning/dashboard/overdue").json()
    assert [(r["username"], r["department"], r["days_overdue"]) for r in rows] == [
        ("ana", "Sales", 5)]


def test_the_dashboard_has_rates_by_department_and_month(org, compliance):  # noqa: F811
    body = client_for(compliance).get("/api/learning/dashboard", {"months": 3}).json()
    assert body["scope"] == "all" and len(body["months"]) == 3
    completion = {r["department"]: r["rate"] for r in body["completion"]}
    assert completion == {"Sales": 50, "Engineering": 0}
    by_month = {s["department"]: s["rates"] for s in body["completion_by_month"]}
    assert by_month["Sales"][-1] == 50 and len(by_month["Sales"]) == 3
    cert = {r["department"]: (r["certified"], r["rate"]) for r in body["certification"]}
    assert cert["Sales"] == (1, 25)
    assert {r["username"] for r in body["overdue"]} == {"ana", "ben", "zoe"}


def test_an_unknown_filter_is_404(org, compliance):  # noqa: F811
    c = client_for(compliance)
    assert c.get("/api/learning/dashboard", {"department": "nowhere"}).status_code == 404
    assert c.get("/api/learning/dashboard/overdue", {"course": "nope"}).status_code == 404
