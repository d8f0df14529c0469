"""Goals: organizational goals mapped to social engagement goals with measurable targets."""

from __future__ import annotations

import json

import pytest

from koe.accounts import services
from koe.accounts.models import Goal, GoalMeasurement
from koe.accounts.selectors import goal_progress
from koe.people.testing import client_for

pytestmark = pytest.mark.django_db

GOAL = {"org_goal_en": "Shorten the sales cycle", "org_goal_ja": "商談期間を短くする",
        "social_goal_en": "Reps talk with prospects on LinkedIn",
        "social_goal_ja": "営業が LinkedIn で見込み客と対話する",
        "metric_en": "Conversations per month", "metric_ja": "月間の対話数",
        "baseline": "10", "target": "60", "unit": ""}


def test_a_manager_adds_a_goal_and_records_measurements(compliance, employee):
    c = client_for(compliance)
    assert c.post("/social/goals/", GOAL).status_code == 302
    goal = Goal.objects.get()
    for value in ("20", "35"):
        r = c.post(f"/social/goals/{goal.pk}/measure/", {f"m{goal.pk}-value": value})
        assert r.status_code == 302
    progress = goal_progress(goal)
    assert progress.latest == 35 and progress.percent == 50
    body = client_for(employee).get("/social/goals/").content.decode()
    assert "Reps talk with prospects on LinkedIn" in body
    assert '<progress value="50" max="100"' in body and "<polyline" in body
    assert "Record a measurement" not in body  # employees only read


def test_a_negative_target_is_refused_naming_the_field(compliance):
    r = client_for(compliance).post("/social/goals/", GOAL | {"target": "-5"})
    body = r.content.decode()
    assert r.status_code == 400 and "Target: the number cannot be negative." in body
    assert 'value="Shorten the sales cycle"' in body and not Goal.objects.exists()
    r = client_for(compliance).post("/api/accounts/goals", json.dumps(GOAL | {"target": -5}),
                                    content_type="application/json")
    assert r.status_code == 400 and r.json()["field"] == "target"


@pytest.mark.parametrize(("field", "value", "message"), [
    ("target", "lots", "Target: enter a number"),
    ("target", "10", "Target: it must differ from the baseline"),
    ("baseline", "-1", "Baseline: the number cannot be negative."),
    ("metric_ja", "", "Metric (Japanese)"),
])
def test_other_bad_goal_input_names_the_field(compliance, field, value, message):
    r = client_for(compliance).post("/social/goals/", GOAL | {field: value})
    assert r.status_code == 400 and message in r.content.decode()


def test_a_negative_or_future_measurement_is_refused(compliance):
    goal = services.goal_create(actor=compliance, **(GOAL | {"target": 60, "baseline": 10}))
    c = client_for(compliance)
    r = c.post(f"/social/goals/{goal.pk}/measure/", {f"m{goal.pk}-value": "-3"})
    assert r.status_code == 400 and "Value: the number cannot be negative." in r.content.decode()
    r = c.post(f"/social/goals/{goal.pk}/measure/", {f"m{goal.pk}-value": "3",
                                                     f"m{goal.pk}-measured_on": "2999-01-01"})
    assert r.status_code == 400 and "Measured on: the date cannot be in the future." in r.content.decode()
    assert not GoalMeasurement.objects.exists()


def test_progress_works_when_lower_is_better(compliance):
    goal = services.goal_create(actor=compliance, **(GOAL | {"baseline": 48, "target": 24}))
    services.goal_measurement_record(goal=goal, actor=compliance, value=36)
    assert goal_progress(goal).percent == 50


def test_the_api_lists_goals_with_progress(compliance, employee):
    goal = services.goal_create(actor=compliance, **(GOAL | {"target": 60, "baseline": 10}))
    r = client_for(compliance).post(f"/api/accounts/goals/{goal.pk}/measurements",
                                    json.dumps({"value": 60}), content_type="application/json")
    assert r.status_code == 201 and r.json()["percent"] == 100
    data = client_for(employee).get("/api/accounts/goals").json()
    assert data[0]["social_goal"] == GOAL["social_goal_en"] and data[0]["latest"] == 60
