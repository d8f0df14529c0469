"""A malformed policy gets its line and column, never a 500 (found by fuzzing the API).

YAML reads ``2026-02-31`` as a date and ``!!int abc`` as a number; the loader's ValueError used
to escape the engine's error handling. Nesting hundreds of levels deep overflowed the parser.
"""

import json

import pytest

from koe.people.testing import client_for
from koe.policies.models import PolicyVersion
from koe.policies.services import PolicyYamlInvalid, policy_yaml_check

from .helpers import GOOD_YAML, draft

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("text, line, column", [
    ("9999-99-99", 1, 1),
    ("extends: default\nretention: {posts: 2026-02-31}\n", 2, 20),
    ("extends: default\nname: !!int abc\n", 2, 7),
    ("extends: default\nrules: {P102: {severity: !!float x}}\n", 2, 26),
])
def test_a_value_that_is_no_real_date_or_number_is_reported_where_it_is(text, line, column):
    with pytest.raises(PolicyYamlInvalid) as caught:
        policy_yaml_check(text)
    assert (caught.value.line, caught.value.column) == (line, column)
    assert "cannot read the value" in caught.value.problem


def test_nesting_hundreds_of_levels_deep_is_refused_not_a_crash():
    with pytest.raises(PolicyYamlInvalid) as caught:
        policy_yaml_check("extends: default\nname: " + "[" * 3000 + "]" * 3000 + "\n")
    assert "levels deep" in caught.value.problem and caught.value.line == 2


def test_a_quoted_date_like_text_is_still_fine():
    policy_yaml_check('extends: default\nname: "2026-02-31"\n')


def test_the_api_answers_a_bad_date_with_the_yaml_field(team):
    c = client_for(team["compliance"])
    r = c.post("/api/policies/versions", json.dumps({"title": "x", "yaml": "9999-99-99"}),
               content_type="application/json", HTTP_ACCEPT_LANGUAGE="en")
    assert r.status_code == 400 and r.json()["field"] == "yaml"
    assert r.json()["message"].startswith("Line 1, column 1")
    assert not PolicyVersion.objects.exists()
    v = draft(team)
    r = c.patch(f"/api/policies/versions/{v.number}",
                json.dumps({"yaml": "extends: default\nretention: {posts: 2026-02-31}\n"}),
                content_type="application/json", HTTP_ACCEPT_LANGUAGE="en")
    assert r.status_code == 400 and r.json()["field"] == "yaml"
    v.refresh_from_db()
    assert v.yaml == GOOD_YAML


def test_the_edit_page_keeps_the_text_and_shows_the_line(team):
    bad = "extends: default\nretention: {posts: 2026-02-31}\n"
    r = client_for(team["compliance"]).post("/policy/versions/new/", {"title": "x", "yaml": bad})
    body = r.content.decode()
    assert r.status_code in (200, 400) and "Line 2, column 20" in body
    assert "2026-02-31" in body
    assert not PolicyVersion.objects.exists()
