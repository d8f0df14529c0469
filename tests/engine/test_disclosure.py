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


# A second organization, a brokerage, for the families below (the bench's bank is not used).
NAMI_POLICY = """\
extends: default
organization:
  names: ["Nami Securities", "なみ証券"]
  products: ["Nami Trade", "なみトレード"]
"""


@pytest.fixture(scope="module")
def nami():
    from koe.engine import parse_policy

    return parse_policy(NAMI_POLICY, source="nami.yaml").compile()


FAMILY_PROMOTIONS = [
    # the mention as a slogan: the answer to a question or a claim just before it
    ("旅行の積立ならなみ証券！", "なみ証券"),
    ("Need somewhere cheap to host a side project? Acme Cloud. Thank me later", "Acme Cloud"),
    ("Backups are easier than ever. Acme Cloud, end of story.", "Acme Cloud"),
    # a rhetorical question is still a claim
    ("Did you know Acme Cloud has the best uptime in Asia?", "Acme Cloud"),
    ("なみトレードの手数料が業界最安って知ってました？", "なみトレード"),
    # sign-up rewards, referral links, campaigns
    ("なみトレードで口座開設すると最大3,000円分のポイント！", "なみトレード"),
    ("Sign up for Acme Cloud with my invite link and we both get $20 credit", "Acme Cloud"),
    ("アクメクラウドに登録すると1000円分もらえる", "アクメクラウド"),
    ("Nami Trade: zero commission, 1% back on deposits. What more could you ask for?",
     "Nami Trade"),
    # a word to everyone, to readers who are deciding, a choice said to the reader
    ("なみトレード、みんな入れよ〜", "なみトレード"),
    ("Starting a small online shop? Go with Acme Cloud.", "Acme Cloud"),
    ("アクメクラウドで移行相談したら即解決。迷ってる人は一度問い合わせてみて", "アクメクラウド"),
    # a testimonial headline, a comparison, the company's app by its short name
    ("How I saved 40% on hosting with Acme Cloud (a thread)", "Acme Cloud"),
    ("Acme Cloud >>> every other host I've tried", "Acme Cloud"),
    ("なみのアプリ、使いやすすぎる", "なみのアプリ"),
    ("the Nami app keeps getting better every month", "Nami app"),
    # hashtags only
    ("#AcmeCloud #おすすめ #クラウド", "AcmeCloud"),
]

FAMILY_NOT_PROMOTIONS = [
    # a question or a negation of the same shapes
    "Should I go with Acme Cloud or BigCloud for a small shop?",
    "I would never go with Acme Cloud again after last week.",
    "なみトレードっておすすめ？知ってる人いる？",
    "Is the best hosting app down? Acme Cloud won't even load.",
    "Worst outage this year? Acme Cloud, again.",
    # news, hearsay and complaints about an offer
    "Acme Cloud now offers up to 30% off for nonprofits, TechCrunch reports.",
    "なみ証券が最大5000円のキャンペーンを始めたとニュースで見た",
    "なみトレードの還元率、改悪されて最悪。",
    "なみトレード、みんな使ってるけど私には合わなかった",
    "アクメクラウドの入門書、おすすめありがとう！読んでみる",
    # the short name is an ordinary word by itself
    "波の音が聞こえる。なみの音って最高",
    "Best surf of the year today, the nami (waves) were perfect",
]


@pytest.mark.parametrize(("text", "span"), FAMILY_PROMOTIONS)
def test_a_promotion_family_is_flagged(acme, nami, text, span):
    scanner = nami if "なみ" in text or "Nami" in text else acme
    assert spans(scanner, text, "D101") == [span]


@pytest.mark.parametrize("text", FAMILY_NOT_PROMOTIONS)
def test_the_same_shapes_without_promotion_are_clean(acme, nami, text):
    scanner = nami if "なみ" in text or "Nami" in text else acme
    assert not {"D101", "D102"} & set(rules_found(scanner, text))


def test_a_disclosure_among_hashtags_that_end_a_paragraph_is_buried(acme, nami):
    text = ("Acme Cloud is the best host I've used, try it #cloud #devops #ad #hosting\n\n"
            "In other news my cat learned to open doors")
    assert spans(acme, text, "D102") == ["#ad"]
    text = "なみトレード最高！ #投資 #NISA #PR #資産運用\n\n明日は早起きしないと"
    assert spans(nami, text, "D102") == ["#PR"]
    assert "D101" not in rules_found(nami, text)
    # the same pile before the post's text is a disclosure up front
    assert rules_found(nami, "#PR #投資 #NISA #資産運用\nなみトレード最高！") == []


# A studio whose name ends in a kind (スタジオ, Studios) and whose products are games.
KUMO_POLICY = """\
extends: default
organization:
  names: ["Kumo Studios", "くもスタジオ"]
  products: ["Kumo Quest", "くもクエスト", "Kumo Pass", "くもパス"]
"""


@pytest.fixture(scope="module")
def kumo():
    from koe.engine import parse_policy

    return parse_policy(KUMO_POLICY, source="kumo.yaml").compile()


ROUND3_PROMOTIONS = [
    # a teaser that opens onto the mention
    ("知ってた？なみトレードなら米国株も1株から買えるんだよ", "なみトレード"),
    ("Fun fact: Kumo Pass gets you every expansion on day one", "Kumo Pass"),
    # the company's app by its short name when the name ends in a kind (スタジオ, Studios)
    ("くものアプリ、ログボ豪華すぎ！みんな入れて！", "くものアプリ"),
    ("Kumo app finally has cross-save and it's the best thing ever", "Kumo app"),
    # a word to everyone that holds the mention itself
    ("みんなアクメクラウド使って！", "アクメクラウド"),
    ("皆さんくもクエスト遊んでね！", "くもクエスト"),
    # a comparison with all the others
    ("Nami Trade > any other broker app, don't @ me", "Nami Trade"),
    ("アクメクラウド＞他の全部", "アクメクラウド"),
    ("We host everything on Acme Cloud now, faster than anywhere else we tried", "Acme Cloud"),
    # a question about what the reader needs, answered by the mention alone
    ("Tired of grinding for skins? Kumo Pass.", "Kumo Pass"),
    ("積立の口座探してる？なみ証券。", "なみ証券"),
    # a perk for signing up without a number
    ("アクメクラウドに登録すると特典もらえるよ", "アクメクラウド"),
    ("Pre-register for Kumo Quest and get an exclusive mount", "Kumo Quest"),
    # trying it, said to the reader; codes handed out on stream
    ("You gotta try Acme Cloud's new edge functions", "Acme Cloud"),
    ("なみトレード、やってみて損はないよ", "なみトレード"),
    ("Live now with Kumo Quest, dropping Kumo Pass codes in chat all night", "Kumo Quest"),
    ("今夜のくもクエスト配信でくもパスのコード配布します", "くもクエスト"),
    # a story with an outcome, a wish it had come sooner
    ("Moved our backups to Acme Cloud last spring and honestly wish I'd found it sooner",
     "Acme Cloud"),
    ("なみトレードで積立始めたけど、もっと早く始めればよかった", "なみトレード"),
    # praise in the next sentence about the people or the app of the mention
    ("Renewed my Kumo Pass today. The devs are amazing, every update is better", "Kumo Pass"),
    ("なみ証券で口座開設した！サポートの方が丁寧で最高でした", "なみ証券"),
]

ROUND3_NOT_PROMOTIONS = [
    # a teaser about an outage, hearsay or a negation
    "Did you know Acme Cloud was down for six hours on Friday?",
    "知ってた？なみトレード、来月から手数料値上げらしい",
    "PSA: Kumo Quest doesn't support controllers yet",
    # asking for a recommendation, trying it oneself
    "なみトレード使ってる人のおすすめ銘柄教えて",
    "Thanks @ren for the Acme Cloud tip, I'm going to try it tonight",
    # the need question asks the reader
    "Looking for a host that isn't Acme Cloud? Any ideas?",
    # the next sentence is about something else
    "Played Kumo Quest all night. The pizza after was amazing",
    "なみ証券に行ってきた。帰りのカフェが最高だった",
    "アクメの新しいCM、音楽がいいね。ジムに通い始めた。もっと早く行けばよかった",
    # a clear label or staff disclosure
    "※案件です※ くもクエストの新シーズン、みんな遊んでね！",
    "【提供：くもスタジオ】くもクエスト最高！今なら無料",
    "Sponsored by Kumo Studios: giving away Kumo Pass codes in chat tonight",
    "Employee here: Acme Cloud's free tier just doubled, go grab it",
    "なみ証券で働いています。なみトレードの新機能、ぜひ使ってみてください",
]


@pytest.mark.parametrize(("text", "span"), ROUND3_PROMOTIONS)
def test_a_round3_promotion_family_is_flagged(acme, nami, kumo, text, span):
    scanner = (nami if "なみ" in text or "Nami" in text
               else kumo if "くも" in text or "Kumo" in text else acme)
    assert spans(scanner, text, "D101") == [span]


@pytest.mark.parametrize("text", ROUND3_NOT_PROMOTIONS)
def test_round3_shapes_without_promotion_are_clean(acme, nami, kumo, text):
    scanner = (nami if "なみ" in text or "Nami" in text
               else kumo if "くも" in text or "Kumo" in text else acme)
    assert not {"D101", "D102"} & set(rules_found(scanner, text))


def _pick(acme, nami, kumo, text):
    return (nami if "なみ" in text or "Nami" in text
            else kumo if "くも" in text or "Kumo" in text else acme)


ROUND4_PROMOTIONS = [
    # an invitation to come to the organization's event or shop
    ("Stop by the Kumo Studios booth at Tokyo Game Show, free stickers all day!", "Kumo Studios"),
    ("なみ証券の投資セミナー、土曜に渋谷でやります。みんな来てね✨", "なみ証券"),
    # the reader asked to pass it on
    ("Acme Cloud just doubled the free tier. Tell your friends!", "Acme Cloud"),
    ("くもクエストの新イベント始まった！友達にも教えてね", "くもクエスト"),
    # the reader who does not use it yet
    ("If you haven't tried Nami Trade, today is the day. Zero fees on your first trade",
     "Nami Trade"),
    ("アクメクラウドまだ使ってない人、人生損してる", "アクメクラウド"),
    # a limited-time price, a link handed over
    ("くもパスが今だけ半額", "くもパス"),
    ("なみトレードの口座、リンク貼っておきます", "なみトレード"),
    # a label that says it is not one is no label
    ("Acme Cloud is the best host ever, not sponsored, just a fan. Sign up!", "Acme Cloud"),
    ("なみトレード最高すぎ！みんな使って！#PRじゃないよ", "なみトレード"),
]

ROUND4_NOT_PROMOTIONS = [
    # praise conceded before a complaint
    "Acme Cloud's dashboard is amazing but the billing page is a maze.",
    "なみトレード、手数料は最高だけどアプリが重すぎる",
    # someone else's invitation, the poster's own plans
    "I'll stop by the Acme Cloud meetup if I finish work early",
    "友達にくもクエスト教えてもらった。週末やってみる",
    # the same words as news or a question
    "If you're not using Acme Cloud, which host do you use?",
    "広告なしプランのくもパス、値上げらしい",
]


@pytest.mark.parametrize(("text", "span"), ROUND4_PROMOTIONS)
def test_a_round4_promotion_family_is_flagged(acme, nami, kumo, text, span):
    assert spans(_pick(acme, nami, kumo, text), text, "D101") == [span]


@pytest.mark.parametrize("text", ROUND4_NOT_PROMOTIONS)
def test_round4_shapes_without_promotion_are_clean(acme, nami, kumo, text):
    assert not {"D101", "D102"} & set(rules_found(_pick(acme, nami, kumo, text), text))


def test_a_disclosure_last_of_three_trailing_hashtags_is_buried(acme, nami):
    text = "Acme Cloud deploys in seconds, you need it ✨ #cloud #devops #ad"
    assert spans(acme, text, "D102") == ["#ad"]
    assert "D101" not in rules_found(acme, text)
    text = "なみトレード、おすすめ！ #投資 #NISA #提供"
    assert spans(nami, text, "D102") == ["#提供"]
    # the label first of three is not hidden behind the others
    assert rules_found(acme, "Acme Cloud deploys in seconds, you need it ✨ #ad #cloud #devops") == []


# Round 5 families: a perk for closing a deal, a word to everyone to try it, where to sign up
# or ask (a link, a DM), a showroom or class to book, and the product as the smart choice.
ROUND5_PROMOTIONS = [
    ("アクメクラウド、今月中に契約すると特典つくよ。気になる人はDMで", "アクメクラウド"),
    ("なみトレードの体験講座、受講するとポイントもらえるらしいよ！みんなも受けてみて", "なみトレード"),
    ("くもクエスト、週末ずっと遊んでた。みんなも試してみて！", "くもクエスト"),
    ("なみトレードの新しい積立プラン、手数料ほぼゼロ。詳しくはプロフのリンクから", "なみトレード"),
    ("Acme Cloud's new team plan went live this morning. DM me for details.", "Acme Cloud"),
    ("Nami Trade is the easiest way to start investing. Zero down, small monthly amounts.",
     "Nami Trade"),
    ("Kumo Pass has every game I play. Go try it tonight, you'll see.", "Kumo Pass"),
    # a sales push: seats running out, doors open
    ("なみ証券の資産運用セミナー、残りわずか！土曜の午後です", "なみ証券"),
    ("くもスタジオの新作体験会、週末ご来場お待ちしてます🎮", "くもスタジオ"),
    ("The Acme Cloud workshop is in two weeks. Seats are limited, register now.", "Acme Cloud"),
]

ROUND5_NOT_PROMOTIONS = [
    # the poster's own plans and questions
    "Does Acme Cloud have a free tier in Asia? Checking before I sign up.",
    "Is Nami Trade any good? Reading reviews until I buy.",
    "なみトレードの講座を受講すると何がもらえるの？",
    # a student or graduate who says so up front
    "アクメの卒業生です。アクメクラウド、使ってみたら本当に便利でおすすめ",
    "As an Acme alum I still use Acme Cloud daily, highly recommend it.",
    # the same push about something else, or asked about
    "Acme Cloud helped me move the club site. The ramen festival: seats are limited, book now!",
    "なみトレードのセミナーってまだ受付中？",
    "Acme Cloud's pricing page confuses me. Could someone who knows DM me for details?",
]


@pytest.mark.parametrize(("text", "span"), ROUND5_PROMOTIONS)
def test_a_round5_promotion_family_is_flagged(acme, nami, kumo, text, span):
    assert spans(_pick(acme, nami, kumo, text), text, "D101") == [span]


@pytest.mark.parametrize("text", ROUND5_NOT_PROMOTIONS)
def test_round5_shapes_without_promotion_are_clean(acme, nami, kumo, text):
    assert not {"D101", "D102"} & set(rules_found(_pick(acme, nami, kumo, text), text))


def test_a_disclosure_deep_in_a_pile_that_opens_the_post_is_buried(acme, nami):
    text = "#cloud #devops #saas #ad #hosting Acme Cloud is the best host I've used"
    assert spans(acme, text, "D102") == ["#ad"]
    assert "D101" not in rules_found(acme, text)
    text = "#投資 #NISA #資産運用 #広告 なみトレード、本当におすすめ"
    assert spans(nami, text, "D102") == ["#広告"]
    # the first two hashtags are still read up front
    assert rules_found(acme, "#cloud #ad #devops #saas Acme Cloud is the best host") == []
    assert rules_found(nami, "#PR #投資 #NISA #資産運用 なみトレード最高！") == []


def test_a_buried_ad_label_beside_the_brand_needs_no_praise(acme, nami):
    text = "Weekend hike 🌲 #hiking #nature #acme #outdoors #ad #mountains"
    assert spans(acme, text, "D102") == ["#ad"]
    text = "今日のランチ🍜 #ランチ #なみ証券 #週末 #PR #ラーメン"
    assert spans(nami, text, "D102") == ["#PR"]
    # a staff tag or no label at all: nothing to move up front
    assert rules_found(acme, "Weekend hike 🌲 #hiking #nature #acme #outdoors #mountains") == []
    assert rules_found(nami, "今日のランチ🍜 #ランチ #なみ証券 #週末 #社員 #ラーメン") == []


# A clinic/gym-like organization with courses, for the round-6 families below.
KAMO_POLICY = """\
extends: default
organization:
  names: ["Kamo Fitness", "かもフィット"]
  products: ["Kamo Gym", "かもジム", "Kamo Online", "かもオンライン"]
"""


@pytest.fixture(scope="module")
def kamo():
    from koe.engine import parse_policy

    return parse_policy(KAMO_POLICY, source="kamo.yaml").compile()


ROUND6_PROMOTIONS = [
    # praise without a praise word, then a bare imperative to the reader
    ("Tried Kamo Gym for a month. The trainers there genuinely care. Go.", "Kamo Gym"),
    ("Kamo Gym changed my mornings. Just go, seriously.", "Kamo Gym"),
    ("Opened a Nami Trade account last week. Do it, you won't look back.", "Nami Trade"),
    ("かもジムに通い始めて3ヶ月。スタッフさんが本当に親身。迷ってる人は行って", "かもジム"),
    ("かもジムのヨガ、最高だった。絶対行って！", "かもジム"),
    ("かもオンラインで毎朝ヨガしてる。みんな入って", "かもオンライン"),
    # "our new …" states no role: a reader cannot tell the poster works there
    ("Our new Kamo Online course starts in May, sign up!", "Kamo Online"),
    ("Our new Acme Cloud dashboard is the best, try it out", "Acme Cloud"),
    # a pointer that opens its sentence is about the mention
    ("Kamo Gym's new pool opened. Anyone curious? DM me for details.", "Kamo Gym"),
    ("かもジムの新プラン始まりました。気になる人はDMで", "かもジム"),
    ("かもジムの体験、めっちゃ良かった。予約はプロフのリンクから", "かもジム"),
]

ROUND6_NOT_PROMOTIONS = [
    # "go" that is no push
    "Kamo Gym was closed today. Go figure.",
    "Kamo Gym is near the station. Go left at the bakery.",
    "Nami Trade crashed again. Go home, Nami, you're drunk.",
    "Acme Cloud was down for an hour. Go.",
    "Signed up for Kamo Online. Just do it already, said my wife, so I did.",
    "かもジムに行って。って母に言われた",
    "かもジムの帰りに雨。行ってらっしゃいって言われた",
    # a tie said with the organization's name, a label, a launch
    "Our team at Acme shipped a new Acme Cloud feature, try it out",
    "#ad Our new Kamo Online course starts in May, sign up!",
    "We launched Acme Cloud edge today, give it a try",
    # a pointer about what its own sentence says
    "なみトレードで口座作った。引っ越しの手伝い募集中、気になる人はDMで",
    "Acme Cloud is fine. My band plays Friday at the Blue Note, DM me for details.",
    "なみトレードで積立してる。推し活グッズ譲ります、詳しくはプロフのリンクから",
    "Ran past Kamo Gym this morning. Road closures downtown today, full map link in bio.",
]


def _pick6(acme, nami, kamo, text):
    return (nami if "なみ" in text or "Nami" in text
            else kamo if "かも" in text or "Kamo" in text else acme)


@pytest.mark.parametrize(("text", "span"), ROUND6_PROMOTIONS)
def test_a_round6_promotion_family_is_flagged(acme, nami, kamo, text, span):
    assert spans(_pick6(acme, nami, kamo, text), text, "D101") == [span]


@pytest.mark.parametrize("text", ROUND6_NOT_PROMOTIONS)
def test_round6_shapes_without_promotion_are_clean(acme, nami, kamo, text):
    assert not {"D101", "D102"} & set(rules_found(_pick6(acme, nami, kamo, text), text))
