"""Policy files: loading, extending the default, and errors that say where and how to fix."""

import textwrap

import pytest

from koe.engine import PolicyError, default_policy, load_policy, parse_policy
from koe.engine.policy import CATEGORIES, DOC_SECTIONS


def parse(text):
    return parse_policy(textwrap.dedent(text), source="org.yaml")


def error_of(text) -> PolicyError:
    with pytest.raises(PolicyError) as info:
        parse(text)
    return info.value


def test_the_default_policy_covers_every_category_in_both_languages():
    policy = default_policy()
    assert {r.category for r in policy.rules.values()} == set(CATEGORIES)
    for rule in policy.rules.values():
        for part in ("message", "suggestion"):
            assert rule.text(part, "en") and getattr(rule, part).get("ja"), (rule.code, part)
        for section in DOC_SECTIONS:
            assert rule.docs.get(section, {}).get("en"), (rule.code, section)
            assert rule.docs.get(section, {}).get("ja"), (rule.code, section)


def test_the_default_policy_states_the_consequence_ladder():
    ladder = default_policy().consequences
    for severity in ("minor", "major"):
        for step in ("first", "repeat"):
            assert ladder[severity][step]["action"]
            assert ladder[severity][step]["en"] and ladder[severity][step]["ja"]


def test_it_overrides_and_disables_rules_by_code():
    policy = parse("""\
        extends: default
        rules:
          L101: {severity: minor}
          R102: {enabled: false}
        """)
    assert policy.rule("L101").severity == "minor"
    assert policy.rule("L101").message["ja"]  # the rest of the rule is kept
    assert policy.rule("R102").enabled is False
    assert "R102" not in {r.code for r in policy.compile().rules()}


def test_it_adds_an_organization_rule_in_the_built_in_format():
    policy = parse("""\
        extends: default
        rules:
          X101:
            name: project-ticket
            category: confidential
            severity: minor
            detector: regex
            params: {patterns: ["PRJ-[0-9]{4}"]}
            message: {en: "A project ticket id.", ja: "プロジェクトのチケット番号です。"}
            suggestion: {en: "Describe the work instead.", ja: "作業内容を説明しましょう。"}
        """)
    report = policy.compile().scan("see PRJ-1234 for details")
    assert [(f.rule, f.text) for f in report.findings] == [("X101", "PRJ-1234")]


def test_it_follows_redirects_of_renamed_codes():
    policy = parse("""\
        extends: default
        redirects: {L001: L101}
        """)
    assert policy.rule("l001").code == "L101"


@pytest.mark.parametrize(
    ("text", "line", "column", "words"),
    [
        ("extends: default\nrules:\n  L101: {severity: huge}\n", 3, 20, "unknown severity 'huge'"),
        ("extends: default\nrulez: {}\n", 2, 1, "unknown key 'rulez'"),
        ("extends: default\nrules:\n  L101:\n    severity: minor\n  L101: {}\n", 5, 3,
         "appears twice"),
        ("extends: default\nrules:\n  x1: {}\n", 3, 3, "is not a rule code"),
        ("extends: default\nrules:\n  X101: {name: a-b, category: pii}\n", 3, 3, "has no 'severity'"),
        ("extends: default\nrules: [1, 2]\n", 2, 8, "must map rule codes"),
        ("extends: default\norganization:\n  names: Acme\n", 3, 10, "must be a list"),
        ("extends: default\nverdicts:\n  brand: {minor: shout, major: block}\n", 3, 18,
         "unknown verdict 'shout'"),
        ("extends: default\nrules:\n  L101:\n    params: {min_containment: 3}\n", 4, 31,
         "min_containment"),
        ("rules:\n  X101: {\n", 3, 1, "not valid YAML"),
    ],
)
def test_it_names_line_column_and_problem(text, line, column, words):
    err = error_of(text)
    assert (err.line, err.column) == (line, column)
    assert words in str(err)
    assert str(err).startswith(f"org.yaml:{line}:{column}: ")


def test_a_policy_error_offers_a_fix():
    err = error_of("extends: default\nrules:\n  L101: {detector: magic}\n")
    assert "unknown detector 'magic'" in err.problem
    assert "lexicon" in err.fix


def test_a_regex_the_scanner_cannot_run_is_a_policy_error():
    policy = parse("""\
        extends: default
        rules:
          X101:
            name: lookbehind
            category: confidential
            severity: minor
            detector: regex
            params: {patterns: ["(?<=secret)code"]}
            message: {en: m}
            suggestion: {en: s}
        """)
    with pytest.raises(PolicyError) as info:
        policy.compile()
    assert "rule X101: pattern 1" in str(info.value)


def test_a_missing_file_says_how_to_start_one(tmp_path):
    with pytest.raises(PolicyError) as info:
        load_policy(tmp_path / "nope.yaml")
    assert "koe policy init" in str(info.value)


def test_it_extends_another_policy_file(tmp_path):
    (tmp_path / "base.yaml").write_text("extends: default\norganization:\n  names: [Acme]\n")
    (tmp_path / "team.yaml").write_text("extends: base.yaml\nrules:\n  L101: {severity: minor}\n")
    policy = load_policy(tmp_path / "team.yaml")
    assert policy.organization.names == ("Acme",)
    assert policy.rule("L101").severity == "minor"


def test_the_ladder_says_who_receives_an_escalated_case_by_category():
    policy = parse("""\
        extends: default
        consequences:
          major:
            repeat:
              action: escalate
              en: Goes to Legal.
              ja: 法務部に共有されます。
              escalate_to: {default: [manager], secret: [manager, compliance]}
        """)
    assert policy.escalation_targets("major", repeat=True, category="secret") == ("manager", "compliance")
    assert policy.escalation_targets("major", repeat=True, category="claims") == ("manager",)
    assert policy.escalation_targets("major", repeat=False, category="secret") == ()


@pytest.mark.parametrize(("ladder", "says"), [
    ("{major: {repeat: {action: fire, en: x, ja: y}}}", "unknown action 'fire'"),
    ("{major: {repeat: {action: escalate, en: x, ja: y, escalate_to: [ceo]}}}",
     "unknown escalation target 'ceo'"),
    ("{major: {repeat: {action: escalate, en: x, ja: y, escalate_to: {gossip: [hr]}}}}",
     "unknown category 'gossip'"),
])
def test_a_wrong_ladder_step_is_named(ladder, says):
    error = error_of(f"extends: default\nconsequences: {ladder}\n")
    assert says in error.problem and error.line == 2 and error.fix


def test_retention_is_set_in_days_and_checked():
    assert default_policy().retention == {"posts": 365, "cases": 1095}
    assert parse("extends: default\nretention: {posts: 30}\n").retention == {"posts": 30, "cases": 1095}
    error = error_of("extends: default\nretention: {posts: forever}\n")
    assert "whole number of days" in str(error) and ":2:" in str(error)
    assert "unknown retention key 'likes'" in str(error_of("extends: default\nretention: {likes: 3}\n"))


@pytest.mark.parametrize(("text", "says"), [
    ("extends: default\nretention: {posts: 2026-02-31}\n", "day is out of range"),
    ("extends: default\nname: !!int abc\n", "cannot read this value"),
    ("extends: default\nname: " + "[" * 60 + "]" * 60 + "\n", "nested"),
])
def test_a_value_yaml_cannot_build_is_a_policy_error_with_its_place(text, says):
    error = error_of(text)
    assert says in str(error) and error.line == 2 and error.fix
