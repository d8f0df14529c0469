"""Analytics API: 401 without a token, 403 for employees, the same numbers as the pages."""

from __future__ import annotations

import pytest
from django.test import Client

from koe.people.services import api_token_create
from koe.people.testing import make_person

from .analytics_factories import make_world

pytestmark = pytest.mark.django_db

RANGE = {"start": "2026-03-02", "end": "2026-03-15"}
ROUTES = ["summary", "by-week", "problem-areas", "precision"]


@pytest.fixture
def world():
    return make_world()


def get(user, route, params=None):
    headers = {}
    if user is not None:
        _row, token = api_token_create(user=user, name="test")
        headers["HTTP_AUTHORIZATION"] = f"Bearer {token}"
    return Client().get(f"/api/monitoring/analytics/{route}", params or RANGE, **headers)


@pytest.mark.parametrize("route", ROUTES)
def test_who_may_read_each_route(world, route):
    assert get(None, route).status_code == 401
    assert get(make_person(), route).status_code == 403
    assert get(make_person("publisher"), route).status_code == 403
    assert get(world["chie"], route).status_code == 200
    assert get(make_person("hr"), route).status_code == 200


def test_summary_has_the_numbers_of_the_page(world):
    body = get(world["chie"], "summary").json()
    assert body["scope"] == {"start": "2026-03-02", "end": "2026-03-15", "department": None,
                             "category": None}
    assert {k: body[k] for k in ("findings", "dismissed", "cases", "repeat_cases", "repeat_rate",
                                 "people", "people_repeat", "people_repeat_rate", "resolved",
                                 "median_hours", "p90_hours")} == {
        "findings": 5, "dismissed": 2, "cases": 5, "repeat_cases": 3, "repeat_rate": 60.0,
        "people": 4, "people_repeat": 1, "people_repeat_rate": 25.0, "resolved": 4,
        "median_hours": 4.0, "p90_hours": 10.0}
    assert [(r["key"], r["count"]) for r in body["by_rule"]] == [
        ("P101", 2), ("S101", 2), ("R101", 1)]
    assert [(r["key"], r["rate"]) for r in body["repeats_by_department"]] == [
        ("sales", 75.0), ("eng", 0.0)]
    assert {r["key"]: (r["median_hours"], r["p90_hours"])
            for r in body["resolution_by_category"]}["pii"] == (2.0, 4.0)


def test_by_week_lists_every_week_with_categories_and_resolution(world):
    weeks = get(world["chie"], "by-week").json()["weeks"]
    assert weeks == [
        {"week": "2026-03-02", "total": 2, "by_category": {"pii": 2}, "resolved": 2,
         "median_hours": 2.0, "p90_hours": 4.0},
        {"week": "2026-03-09", "total": 3, "by_category": {"secret": 2, "claims": 1},
         "resolved": 2, "median_hours": 6.0, "p90_hours": 10.0}]


def test_problem_areas_rank_with_the_score_of_the_page(world):
    body = get(world["chie"], "problem-areas").json()
    assert body["previous"]["start"] == "2026-02-16" and body["previous"]["end"] == "2026-03-01"
    assert [(a["key"], a["score"], a["trend"]) for a in body["rules"]] == [
        ("S101", 57.1, None), ("P101", 42.9, 100.0), ("R101", 14.3, None)]
    sales = body["departments"][0]
    assert (sales["key"], sales["findings"], sales["people"], sales["per_100"],
            sales["repeat_rate"], sales["score"]) == ("sales", 4, 4, 100.0, 75.0, 175.0)


def test_precision_worst_first_with_reasons(world):
    rules = get(world["chie"], "precision").json()["rules"]
    assert rules[0] == {"rule": "P101", "label": "P101 メールアドレス", "category": "pii",
                        "findings": 4, "dismissed": 2, "precision": 50.0,
                        "reasons": {"not personal data": 1, "test address": 1}}


def test_filters_apply_and_bad_ones_are_400_naming_the_field(world):
    body = get(world["chie"], "summary", {**RANGE, "department": "eng"}).json()
    assert body["findings"] == 1 and body["scope"]["department"] == "eng"
    r = get(world["chie"], "summary", {"start": "03/02/2026"})
    assert r.status_code == 400 and r.json()["field"] == "start"
    assert "2026-04-01" in r.json()["message"]


def test_the_routes_are_in_the_openapi_schema(db):
    paths = Client().get("/api/openapi.json").json()["paths"]
    for route in ROUTES:
        assert f"/api/monitoring/analytics/{route}" in paths
