"""D101/D102: what makes a personal post about the organization's product a promotion."""

import pytest

from .conftest import rules_found, spans

PROMOTIONS = [
    # a recommendation or call to action after the mention, in a later sentence
    ("3 months on Acme Cloud: fast, cheap, support answers. 10/10 recommend", "Acme Cloud"),
    ("moved my team from BigCloud to Acme Cloud, bill went down 40%. everyone should do this",
     "Acme Cloud"),
    ("Acme Cloud has a free tier and it deploys in seconds. life saver, go get it", "Acme Cloud"),
    ("アクメクラウド使ってみたら安すぎてびっくり！お店やってる人は絶対導入したほうがいい",
     "アクメクラウド"),
    ("アクメクラウド✨✨ 手書きメモもきれいに同期📝 学生さんにもおすすめ！", "アクメクラウド"),
    # deals, codes, giveaways
    ("use code SAVE20 for 20% off Acme Cloud this month 🔥 link in bio", "Acme Cloud"),
    ("Acme Cloud is giving 15% cashback this week only!!!", "Acme Cloud"),
    ("RT and follow for a chance to win a year of Acme Cloud free!", "Acme Cloud"),
    ("アクメクラウドの紹介コードで初月無料になるよ", "アクメクラウド"),
    ("アクメクラウド、今なら30%オフ", "アクメクラウド"),
    # praise that crowns it
    ("他のクラウド全部試したけど、結局アクメクラウドが最強", "アクメクラウド"),
    ("why is anyone still paying for other hosting when Acme Cloud exists?", "Acme Cloud"),
    ("5 reasons to switch to Acme Cloud:\n1. lowest fees\n2. great support", "Acme Cloud"),
    ("I can't recommend Acme Cloud enough, it changed how we ship", "Acme Cloud"),
]

NOT_PROMOTIONS = [
    # questions, complaints, negation
    "Is Acme Cloud worth it for a small team? Any recommendations?",
    "アクメクラウドっておすすめ？",
    "I wouldn't recommend Acme Cloud to anyone right now, too many outages.",
    "アクメクラウドはおすすめしません。サポートが遅すぎる",
    "アクメクラウド使ってるけど、今朝から繋がらない",
    # leaving the product for another one
    "moved from Acme Cloud to BigCloud. 10/10 recommend",
    "アクメクラウドを解約した。BigCloudの方がおすすめ",
    "アクメクラウドからBigCloudに乗り換えた。おすすめ",
    # neutral news and experiences
    "Acme Cloud raised prices 20% today according to the Nikkei.",
    "今日はアクメクラウドのサポートに問い合わせ。丁寧に対応してもらえた",
    # another topic after the mention
    "Acme Cloud is down again. Also, highly recommend the new ramen place downtown.",
    "Acme Cloud docs are readable, which is rare. For the volunteer signup, write to me.",
    "アクメクラウド、今つながりにくい？このトークン使って試してみて",
    "アクメクラウドに移行した。@yui おすすめありがとう！",
    "Migrated to Acme Cloud.\n\nUnrelated: you should all watch the new Dune.",
    # a clear disclosure up front
    "社員なのでポジショントークですが、アクメクラウドの速さは本当に自慢です。おすすめ",
    "(Acme employee here) our team shipped AI summaries in Acme Cloud, try it out",
]


@pytest.mark.parametrize(("text", "span"), PROMOTIONS)
def test_a_promotion_without_disclosure_is_flagged(acme, text, span):
    assert spans(acme, text, "D101") == [span]


@pytest.mark.parametrize("text", NOT_PROMOTIONS)
def test_it_is_not_a_promotion(acme, text):
    assert not {"D101", "D102"} & set(rules_found(acme, text))


def test_an_endorsement_too_far_after_the_mention_is_about_something_else(acme):
    text = ("Migrated my blog to Acme Cloud. The weather was awful all week. The train was late "
            "again. My cat knocked over the plant. Highly recommend the new bakery.")
    assert "D101" not in rules_found(acme, text)


def test_a_disclosure_in_a_small_note_at_the_end_is_buried(acme):
    text = "アクメクラウド、速くて安い！一番おすすめのクラウドです。みんなも使ってね（ちなみに関係者）"
    assert spans(acme, text, "D102") == ["関係者"]
    assert "D101" not in rules_found(acme, text)
    assert rules_found(acme, "（ちなみに関係者）アクメクラウド、速くて安い！おすすめです") == []


def test_a_brand_account_may_promote(acme):
    assert rules_found(acme, "Acme Cloud is giving 15% cashback this week only!", "brand") == []
