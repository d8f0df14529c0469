"""Table tests for the rules that use the organization's facts: C1xx, D1xx, R1xx, O101."""

import pytest

from .conftest import rules_found, spans

FLAGGED = [
    # code names
    ("C101", "Falcon ships next month, can't wait", "Falcon"),
    ("C101", "Working late on the falcon project again", "falcon"),
    ("C101", "来月ファルコンがついに出る！", "ファルコン"),
    ("C101", "ふぁるこん の開発中の画面だけ見せちゃう", "ふぁるこん"),
    # internal hosts
    ("C102", "the new dashboard at grafana.acme.internal is great", "grafana.acme.internal"),
    ("C102", "社内Wiki (wiki.corp) が落ちてる", "wiki.corp"),
    # confidential cues
    ("C103", "Between you and me, our company is announcing layoffs next week.", "Between you and me"),
    ("C103", "ここだけの話、うちの会社来月リストラするらしい", "ここだけの話"),
    ("C103", "決算発表前だけど、今期はかなり増収です", "決算発表前"),
    ("C103", "Unreleased, but here's a sneak peek of the new phone", "Unreleased"),
    ("C103", "この資料、社外秘なんだけど面白いから見て", "社外秘"),
    ("C103", "Slide deck says INTERNAL USE ONLY lol, posting anyway", "INTERNAL USE ONLY"),
    # disclosure
    ("D101", "Loving the new Acme Cloud dashboard! Try it out", "Acme Cloud"),
    ("D101", "アクメクラウド最高！みんな使ってみて", "アクメクラウド"),
    ("D101", "Get yours: Acme Cloud is on sale this week", "Acme Cloud"),
    ("D102", "アクメクラウドおすすめ！ #クラウド #便利 #仕事効率化 #PR #テック", "#PR"),
    ("D102", "Acme Cloud is amazing, try it! #cloud #saas #tech #ad #devops", "#ad"),
    # claims
    ("R101", "Acme Fund: guaranteed returns and zero risk!", "guaranteed returns"),
    ("R101", "この投資なら元本保証で必ず儲かる", "元本保証"),
    ("R101", "Double your money in a month with this coin", "Double your money"),
    ("R102", "アクメ青汁で糖尿病が治る！", "糖尿病が治る"),
    ("R102", "This tea cures diabetes, my aunt swears by it", "cures diabetes"),
    ("R102", "飲むだけで10キロ痩せる魔法のサプリ", "飲むだけで10キロ痩せ"),
    # spokesperson
    ("O101", "On behalf of Acme, I can confirm we will not raise prices this year.", "On behalf of Acme"),
    ("O101", "アクメを代表して、今回の件をお詫び申し上げます", "アクメを代表して"),
    ("O101", "当社の正式な見解として、報道の内容は事実ではありません", "当社の正式な見解"),
]

CLEAN = [
    ("C101", "I saw a falcon at the zoo today"),
    ("C102", "Our public docs are at docs.acme.example"),
    ("C103", "決算発表前で今週は忙しい"),
    ("C103", "I signed an NDA so I can't talk about it"),
    ("C103", "社外秘の資料はSNSに投稿しないでください"),
    ("C103", "Never post anything marked internal use only"),
    ("C103", "ここだけの話、昨日のラーメンが人生で一番うまかった"),
    ("D101", "#PR Acme Cloud is great, try it!"),
    ("D101", "アクメ社員です。アクメクラウドの新機能、ぜひ使ってみて"),
    ("D101", "I work at Acme and I love the new Acme Cloud dashboard"),
    ("D101", "Acme Cloud had an outage this morning"),
    ("D102", "#ad Acme Cloud is amazing, try it! #cloud #saas #tech #devops"),
    ("R101", "Remember: no investment has guaranteed returns"),
    ("R101", "この商品は元本保証ではありません"),
    ("R102", "This tea does not cure diabetes, but I like it"),
    ("R102", "風邪が治ったので出社しました"),
    ("O101", "Read Acme's official statement here: https://acme.example/news"),
    ("O101", "報道によると、当社の正式な見解は来週発表される"),
    ("O101", "My own view, not my employer's: the keynote was great"),
]


@pytest.mark.parametrize(("rule", "text", "span"), FLAGGED)
def test_it_flags(acme, rule, text, span):
    assert span in spans(acme, text, rule)


@pytest.mark.parametrize(("rule", "text"), CLEAN)
def test_it_leaves_alone(acme, rule, text):
    assert rule not in rules_found(acme, text)


def test_a_code_name_written_exactly_as_listed_counts_even_in_passing(acme):
    assert spans(acme, "Honestly Falcon is the best thing we've built", "C101") == ["Falcon"]
    assert spans(acme, "the falcon was spectacular", "C101") == []


@pytest.mark.parametrize("text", [
    "The Falcon 9 launch last night was beautiful.",
    "ファルコン9の打ち上げ、生で見たかった",
    "The Millennium Falcon model is finally done",
    "ミレニアム・ファルコンのプラモ完成した！",
])
def test_a_code_name_inside_someone_elses_name_is_not_a_leak(acme, text):
    assert spans(acme, text, "C101") == []


@pytest.mark.parametrize(("text", "span"), [
    ("Falcon 2 goes to Acme customers in May", "Falcon"),
    ("Project Falcon slipped again", "Falcon"),
    ("アクメのファルコン9、社内デモ見た", "ファルコン"),
])
def test_a_model_number_does_not_hide_the_organizations_own_project(acme, text, span):
    assert spans(acme, text, "C101") == [span]


@pytest.mark.parametrize("text", [
    "神戸でアクメのユーザー会があるらしい。行ってみようかな。@yamamoto217 おすすめありがとう！",
    "Comparing Acme Cloud with a couple of other providers. Thoughts? Also: best ramen ever.",
    "アクメクラウド、今つながりにくい？\n新しいカフェ最高！",
])
def test_promotion_in_another_sentence_is_not_about_the_product(acme, text):
    assert "D101" not in rules_found(acme, text)


def test_promotion_in_the_same_sentence_still_counts(acme):
    assert spans(acme, "Switched to Acme Cloud last month and I highly recommend it. Bye!",
                 "D101") == ["Acme Cloud"]
