"""Rules are shown by a readable title in the reader's language, not by their identifier."""

from types import SimpleNamespace

from koe.community.services import question_ask
from koe.people.testing import client_for
from koe.policies.titles import rule_title


def test_every_built_in_rule_has_a_title_in_both_languages():
    from koe.engine import default_policy

    for rule in default_policy().rules.values():
        en, ja = rule_title(rule, "en"), rule_title(rule, "ja")
        assert en and ja and en != rule.name, rule.code
        assert ja != en, f"{rule.code} has no Japanese title"


def test_an_organizations_own_rule_is_titled_by_its_first_sentence():
    rule = SimpleNamespace(name="acme-price-list", message={"en": "This quotes our price list. Please don't.",
                                                            "ja": "価格表を引用しています。お控えください。"},
                           text=lambda part, lang: {"en": "This quotes our price list. Please don't.",
                                                    "ja": "価格表を引用しています。お控えください。"}[lang])
    assert rule_title(rule, "en") == "This quotes our price list"
    assert rule_title(rule, "ja") == "価格表を引用しています"


def test_the_rule_page_is_titled_in_the_readers_language(team):
    c = client_for(team["employee"])
    c.cookies["django_language"] = "en"
    body = c.get("/policy/rules/P101/").content.decode()
    assert "<title>E-mail address (P101)" in body and "<h1>E-mail address" in body
    c.cookies["django_language"] = "ja"
    body = c.get("/policy/rules/P101/").content.decode()
    assert "<h1>メールアドレス" in body
    assert 'class="rule-title">メールアドレス' in c.get("/policy/").content.decode()


def test_the_rule_page_lists_the_questions_about_the_rule(team):
    question_ask(author=team["reviewer"], title="Is a work e-mail address personal data?",
                 rule_code="P101")
    question_ask(author=team["reviewer"], title="Can I share an API key in a DM?", rule_code="S101")
    c = client_for(team["employee"])
    c.cookies["django_language"] = "en"
    body = c.get("/policy/rules/P101/").content.decode()
    assert "Is a work e-mail address personal data?" in body
    assert "Can I share an API key in a DM?" not in body
    assert 'href="/community/ask/?rule=P101"' in body
    empty = c.get("/policy/rules/P102/").content.decode()
    assert "Nobody has asked about this rule yet." in empty
