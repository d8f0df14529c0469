"""The YAML is checked by the engine on save; a mistake is shown where it is, text kept."""

import pytest

from koe.people.testing import client_for
from koe.policies.models import PolicyVersion
from koe.policies.services import PolicyYamlInvalid, policy_yaml_check

from .helpers import GOOD_YAML, draft

pytestmark = pytest.mark.django_db

BROKEN = GOOD_YAML + "rules:\n  P102: {severity: huge}\n"
UNCLOSED = "extends: default\nrules:\n  P102: {severity: minor\n"


def test_a_broken_yaml_is_shown_with_line_and_column_and_the_text_is_kept(team):
    c = client_for(team["compliance"])
    r = c.post("/policy/versions/new/", {"title": "Mine", "yaml": BROKEN,
                                         "guidance_en": "My careful words <b>here</b>"})
    body = r.content.decode()
    assert r.status_code == 200 and not PolicyVersion.objects.exists()
    assert "Line 6, column 20" in body and "unknown severity &#x27;huge&#x27;" in body
    assert "use minor or major" in body  # the fix
    assert 'data-line="6" data-column="20"' in body
    assert "P102: {severity: huge}" in body  # the text is kept in the textarea
    assert "My careful words &lt;b&gt;here&lt;/b&gt;" in body
    assert 'value="Mine"' in body


def test_a_yaml_syntax_error_names_its_line(team):
    r = client_for(team["compliance"]).post("/policy/versions/new/", {"title": "x", "yaml": UNCLOSED})
    body = r.content.decode()
    assert "Line 4, column 1" in body and "not valid YAML" in body


def test_editing_a_draft_with_broken_yaml_changes_nothing(team):
    v = draft(team)
    r = client_for(team["compliance"]).post(f"/policy/versions/{v.number}/edit/",
                                            {"title": "New title", "yaml": BROKEN})
    assert r.status_code == 200 and "Line 6, column 20" in r.content.decode()
    v.refresh_from_db()
    assert v.yaml == GOOD_YAML and v.title == "Policy"


def test_a_policy_may_only_extend_the_built_in_one():
    with pytest.raises(PolicyYamlInvalid) as caught:
        policy_yaml_check("extends: /etc/passwd\n")
    assert caught.value.line == 1 and caught.value.column == 10
    assert "extends: default" in caught.value.fix


def test_an_alias_bomb_is_refused():
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(24))
    with pytest.raises(PolicyYamlInvalid) as caught:
        policy_yaml_check(bomb)
    assert "aliases" in caught.value.problem


def test_an_empty_yaml_asks_to_start_with_extends_default(team):
    r = client_for(team["compliance"]).post("/policy/versions/new/", {"title": "x", "yaml": "  "})
    assert r.status_code == 200 and "start with `extends: default`" in r.content.decode()
    with pytest.raises(Exception, match="empty"):
        policy_yaml_check("   ")


def test_the_api_reports_the_broken_line_as_an_error_on_the_yaml_field(team):
    import json

    r = client_for(team["compliance"]).post("/api/policies/versions",
                                            json.dumps({"title": "x", "yaml": BROKEN}),
                                            content_type="application/json")
    data = r.json()
    assert r.status_code == 400 and data["error"] == "invalid" and data["field"] == "yaml"
    assert data["message"].startswith("Line 6, column 20")
