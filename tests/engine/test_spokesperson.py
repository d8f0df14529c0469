"""Rule O101: official statements for the organization from personal accounts, ja and en.

The organization is the test policy's Acme (names Acme, アクメ; products Acme Cloud,
アクメクラウド). Positives cover the ways people speak for a company: representing it, its
name with a company suffix, the company's first person with an official verb, announcement
headers and signatures. Negatives are the same words used by someone who is not speaking for
the company: quoting, reporting, asking, negating, personal news, other organizations.
"""

import pytest

from koe.engine import parse_policy
from koe.engine.detectors.base import Context, Organization, ParamError
from koe.engine.detectors.spokesperson import SpokespersonDetector

from .conftest import ACME_POLICY, spans

# (text, the span that must be reported)
FLAGGED = [
    # representing the organization, its name with a company suffix or as its people
    ("On behalf of Acme Inc., I want to thank our customers for 10 great years.", "On behalf of Acme Inc"),
    ("Speaking on behalf of the Acme team: the outage was caused by a config error.",
     "Speaking on behalf of the Acme team"),
    ("On behalf of all of us at Acme, thank you for your patience during the migration.",
     "On behalf of all of us at Acme"),
    ("As Acme's spokesperson, I can say the merger talks are over.", "As Acme's spokesperson"),
    ("Let me speak for Acme on this one: no customer data was sold.", "speak for Acme"),
    ("I'm authorized to confirm that the Kyoto office will close in June.", "authorized to confirm"),
    ("The official word from Acme: no layoffs this year.", "official word from Acme"),
    ("アクメ社を代表して、ご迷惑をおかけしたことをお詫び申し上げます", "アクメ社を代表して"),
    ("株式会社アクメを代表してご挨拶申し上げます", "株式会社アクメを代表して"),
    ("アクメグループを代表して、新年のご挨拶を申し上げます", "アクメグループを代表して"),
    ("アクメ社として正式にお詫びいたします", "アクメ社として正式に"),
    ("アクメとしての公式見解を申し上げます。値上げの予定はございません", "アクメとしての公式見解"),
    ("弊社の正式な回答としては、ご指摘の事実はございません", "弊社の正式な回答"),
    ("当社の公式見解：買収の噂は誤りです", "当社の公式見解"),
    ("会社を代表して申し上げますが、リストラの予定はありません", "会社を代表して"),
    # the company's own voice with an official act in the same sentence
    ("We at Acme categorically deny the allegations in today's article.", "We at Acme categorically deny"),
    ("Acme hereby withdraws the campaign and apologizes to everyone affected.", "Acme hereby"),
    ("The company hereby announces a full refund for all affected customers.", "The company hereby"),
    ("Acme officially confirms: no customer data was leaked.", "Acme officially confirms"),
    ("We, Acme, are pleased to announce a new data center in Osaka.", "We, Acme, are pleased to announce"),
    ("Acme takes security seriously and the incident has been contained.", "Acme takes security seriously"),
    ("We apologize to all our customers for the outage and will refund everyone.",
     "We apologize to all our customers"),
    ("当社は、この度の不適切な表現について深くお詫び申し上げます", "当社は、この度の不適切な表現について深くお詫び"),
    ("弊社は今回の件を重く受け止め、再発防止に努めてまいります", "弊社は今回の件を重く受け止め"),
    ("アクメは、今回の報道について正式に抗議いたします", "アクメは、今回の報道について正式に"),
    ("弊社としましては、法的措置も含めて厳正に対処いたします", "弊社としましては、法的措置"),
    ("本件について当社からのコメントは差し控えさせていただきます", "当社からのコメントは差し控え"),
    ("当社は今後、値下げを行わない方針であることを正式に表明します",
     "当社は今後、値下げを行わない方針であることを正式に"),
    # the company as the subject of a humble verb
    ("アクメは、対象となるすべてのお客様に全額返金いたします", "アクメは、"),
    ("私たちアクメは、この度の件を重く受け止めております", "私たちアクメは、この度の件を重く受け止め"),
    ("弊社は来月より新料金プランを導入いたします", "弊社は"),
    # announcement headers and signatures
    ("STATEMENT: Acme will not comment on the lawsuit.", "Acme will not comment"),
    ("Official statement: Acme has completed its investigation into the incident.", "Official statement:"),
    ("📢 Announcement: Acme Cloud gets a new region. — Acme team", "Announcement:"),
    ("Dear customers, Acme has fixed the billing issue and overcharges will be refunded.", "Dear customers"),
    ("We sincerely apologize for the outage. We will issue refunds to every customer.\n— The Acme Team",
     "Acme Team"),
    ("【重要なお知らせ】アクメクラウドは6月30日をもって提供を終了いたします。アクメ", "【重要なお知らせ】"),
    ("お客様各位\nアクメクラウドの障害は復旧いたしました。ご迷惑をおかけし申し訳ございません。", "お客様各位"),
    ("この度はご迷惑をおかけし、申し訳ございませんでした。（アクメ広報）", "アクメ広報"),
    ("Thanks for your patience today, we've fixed it and we will refund affected users. -Acme Inc",
     "Acme Inc"),
]

CLEAN = [
    # personal announcements and the same verbs without the company
    "I can officially say I survived my first marathon",
    "I officially announce my retirement from Twitter lol",
    "I hereby declare this weekend a nap weekend",
    "結婚したことを正式に発表します！",
    "広報として働いて3年、いろいろ学んだ",
    "当社比2倍のおいしさ（当社比）",
    # representing something else
    "On behalf of my family, thank you all for the birthday wishes",
    "Accepted the award on behalf of my team at the conference",
    "卒業式でクラスを代表して答辞を読みました",
    # reporting, quoting and linking what the company said
    "アクメが正式に謝罪したらしい",
    "Acme officially announced the Osaka office today 🎉",
    "Acme apologizes for the outage, says CEO",
    'Acme\'s tweet said "Acme hereby apologizes" — too little too late',
    "アクメから「深くお詫び申し上げます」ってメール来た",
    "アクメから深くお詫び申し上げますってメールが来た",
    "Acme denies all allegations, according to Reuters",
    "Acme Corp denies all allegations https://news.example/acme",
    "当社では法的措置を検討しているとの報道があった",
    "アクメの公式見解によると、値上げは来月から",
    "会社として正式に発表されたので、やっと話せる！新オフィスは渋谷です",
    "アクメが新製品を正式に発表しました！楽しみ",
    "アクメのサポートに問い合わせたら「一切ございません」って言われた",
    "Our official statement is out: https://acme.example/news",
    "先方の会社として正式に回答が来た",
    "アクメからのお知らせメールが来た、値上げかよ",
    # opinions, wishes and questions about the company
    "アクメは正式に謝罪すべきだと思う",
    "I wish Acme would officially confirm the release date",
    "Will Acme officially confirm the layoffs?",
    "Is this Acme's official position? Asking for a friend",
    "Still waiting for an official statement from Acme about the outage",
    "Acme takes security seriously? Then why was my account hacked?",
    "アクメの株価、事実無根の噂で下がってて草",
    "our official statement was a mess honestly",
    "弊社としても検討しております、は断り文句の定番",
    "当社の見解を聞かれても、一社員の私にはわかりません",
    # negated or declared personal
    "Acmeを代表して発言しているわけではありません",
    "アクメを代表しての発言ではありません。個人の感想です",
    "I'm not speaking for Acme, but I think the update is great",
    "I don't speak for Acme, just my two cents",
    "Disclaimer: views are my own, not Acme's. On behalf of Acme I love the new office",
    "会社の人間だけど公式回答じゃないよ。個人的には値上げは仕方ないと思う",
    # news about oneself, employees and customers talking about the company
    "Official: I'm joining Acme next month!",
    "【ご報告】アクメ株式会社に転職しました",
    "アクメに入社したことをご報告いたします！",
    "弊社では現在エンジニアを募集しております！",
    "アクメさんには大変お世話になっております",
    "アクメのイベントに参加いたしました！",
    "アクメが好きすぎて毎日使っております",
    "アクメは最高の会社だと思っております",
    "【お知らせ】アクメクラウドが落ちてるっぽいです",
    "STATEMENT: my cat refuses to leave the bed",
    "Big thanks to the Acme team for the swag — love it",
    "we at Acme had an awesome offsite in Hakone 🏔️",
    "弊社の新サービス、ぜひ使ってください！",
]


@pytest.mark.parametrize(("text", "span"), FLAGGED)
def test_it_reports_a_statement_for_the_organization(acme, text, span):
    assert span in spans(acme, text, "O101")


@pytest.mark.parametrize("text", CLEAN)
def test_it_leaves_other_uses_of_the_same_words_alone(acme, text):
    assert spans(acme, text, "O101") == []


def test_brand_accounts_make_official_statements(acme):
    text = "On behalf of Acme, we apologize for yesterday's outage."
    assert spans(acme, text, "O101", account="personal") == ["On behalf of Acme"]
    assert spans(acme, text, "O101", account="brand") == []


def test_the_company_forms_come_from_the_organization_names():
    policy = parse_policy(ACME_POLICY.replace('"Acme", "アクメ"', '"Globex", "グロービクス"'),
                          source="globex.yaml").compile()
    assert spans(policy, "グロービクス社を代表してお詫び申し上げます", "O101") == ["グロービクス社を代表して"]
    assert spans(policy, "on behalf of everyone at Globex Corp, thank you!", "O101") == [
        "on behalf of everyone at Globex"]
    assert spans(policy, "アクメ社を代表してお詫び申し上げます", "O101") == []


def test_an_organization_name_inside_a_product_name_is_not_the_company_speaking(acme):
    assert spans(acme, "【お知らせ】アクメクラウドが新しくなりました！使ってみて", "O101") == []
    assert spans(acme, "【お知らせ】アクメは新料金プランを導入いたします", "O101") != []


def test_company_words_are_a_parameter():
    params = {"company": ["our firm"], "statements": ["on behalf of {org}"]}
    detector = SpokespersonDetector(params, Context(Organization(names=("Acme",))))
    words = {t.text for t in detector.terms()}
    assert {"on behalf of our firm", "on behalf of Acme Inc", "on behalf of Acme"} <= words


def test_it_rejects_an_unknown_parameter():
    with pytest.raises(ParamError):
        SpokespersonDetector({"statments": []}, Context())


# Institutions other than companies speak of themselves as 当行, 弊行, 本学, 当院, 当組合 …
INSTITUTION_FLAGGED = [
    ("当院では、電子カルテの障害について原因を調査しております。", "当院では、"),
    ("本学といたしましては、引き続き地域の教育に貢献してまいります", "本学といたしましては、"),
    ("弊行は、不正送金の被害に遭われたお客様に個別にご連絡いたします", "弊行は、"),
    ("当組合の組合員の皆様にご心配をおかけし、深くお詫び申し上げます", "当組合の組合員の皆様にご心配をおかけし、深くお詫び"),
    ("弊行の行員が関与した事案につき、心よりお詫び申し上げます", "弊行の行員が関与した事案につき、心よりお詫び申し上げ"),
]

# The organization (or "we" talking to its public) as the subject of what an institution says
# of itself, with no header and no signature.
EN_OFFICIAL_FLAGGED = [
    ("Acme has no plans to discontinue the free tier.", "Acme has no plans to"),
    ("Acme is aware of the login problems affecting European accounts.", "Acme is aware of"),
    ("Acme will fully compensate every merchant hit by the billing error.", "Acme will fully compensate"),
    ("We are aware of an incident affecting card payments and are working to restore service.",
     "We are aware of"),
    ("We sincerely apologize to all passengers for the delays on Friday.", "We sincerely apologize"),
    ("Rainy day here.\nWe have launched an internal review of the Acme Cloud pricing change.",
     "We have launched an internal review"),
]

# A notice's title on a line of its own, in the formal register of a notice.
TITLE_FLAGGED = [
    ("料金改定のお知らせ\nアクメクラウドは4月1日より月額料金を改定いたします。", "料金改定のお知らせ"),
    ("個人情報の取り扱いに関するお詫び\nアクメのサービスでご心配をおかけしております。",
     "個人情報の取り扱いに関するお詫び"),
    ("Notice regarding the March outage\nAcme Cloud was unavailable for two hours. "
     "We are sorry for the inconvenience and will credit affected accounts.", "Notice regarding"),
]

TITLE_CLEAN = [
    "新作のお知らせ\nアクメのカフェで新メニュー出てた！おいしかった",
    "引っ越しのお知らせ\n来月から大阪に住みます。アクメの大阪支店の近く",
    "Notice about my cat\nshe has decided Acme Cloud boxes are her home now",
    "メンテナンスのお知らせ\nって件名のメール、アクメを名乗る詐欺なので開かないで",
    "引っ越しのお知らせ\n来月から大阪です。アクメの大阪支店の近くです。よろしくお願いいたします",
    "結婚のご報告\nアクメの同期と入籍いたしました。今後ともよろしくお願いいたします",
    "Announcement about our wedding\nWe are aware of how lucky we are, and Acme gave us the day off.",
    "We are aware of how lucky we are to have Acme Cloud credits for the hackathon.",
]

EN_OFFICIAL_CLEAN = [
    "Acme will probably reimburse you if you call support",
    "Heard Acme is investigating the leak, hope it is nothing",
    "Acme is aware of the bug? I reported it months ago",
    "We are aware of how lucky we are to live by the sea",
    "We're aware of the outage at Acme, switching to the backup for now",
    "My landlord has no plans to fix the heating, great",
    "Acme will reimburse the fees, according to the support forum",
    "Acme has no plans to open in Osaka, says the CEO",
    "Apparently Acme will compensate everyone affected",
    "基本学習からやり直します。毎日努めてまいります",
    "取引先の会社から正式にお詫びがありました",
    "当院で無事に出産しました、と先生が話していました",
]

BANK_POLICY = """\
extends: default
organization:
  names: ["Minami Bank", "みなみ銀行"]
  products: ["Minami Pay"]
"""
UNIVERSITY_POLICY = """\
extends: default
organization:
  names: ["Northwind University"]
"""


@pytest.mark.parametrize(("text", "span"), INSTITUTION_FLAGGED + EN_OFFICIAL_FLAGGED)
def test_it_reports_an_institution_speaking_of_itself(acme, text, span):
    assert span in spans(acme, text, "O101")


@pytest.mark.parametrize(("text", "span"), TITLE_FLAGGED)
def test_it_reports_a_notice_with_a_title_line(acme, text, span):
    assert span in spans(acme, text, "O101")


@pytest.mark.parametrize("text", TITLE_CLEAN + EN_OFFICIAL_CLEAN)
def test_it_leaves_talk_about_the_institution_alone(acme, text):
    assert spans(acme, text, "O101") == []


def test_an_institution_names_itself_by_the_noun_of_its_name():
    bank = parse_policy(BANK_POLICY, source="bank.yaml").compile()
    assert spans(bank, "Our bank will compensate every depositor affected by the error.", "O101") == [
        "Our bank will compensate"]
    assert spans(bank, "The bank's official position: no branch will close this year.", "O101") == [
        "The bank's official position"]
    assert spans(bank, "We have no plans to visit the bank this weekend", "O101") == []
    assert spans(bank, "I went to the bank and they will not refund me", "O101") == []
    university = parse_policy(UNIVERSITY_POLICY, source="uni.yaml").compile()
    assert spans(university, "The university will fully cooperate with the investigation.", "O101") == [
        "The university will fully cooperate"]
    # "the university" is only its own word where the name ends in University
    assert spans(bank, "The university will fully cooperate with the investigation.", "O101") == []


# Round 3 families: the company's own word with a plain declarative verb, "we" announcing or
# deciding, compensation handed to every user, "X's position is that … we", a header naming the
# organization, a product notice with an apology to the public, the organization introducing itself.
ANNOUNCEMENT_FLAGGED = [
    ("弊社は来年度から全拠点で週休3日制を試行します", "弊社は"),
    ("当社は4月1日をもって大阪営業所を閉鎖します。", "当社は"),
    ("当院では土曜日の午後の診療を休診とさせていただきます", "当院では"),
    ("We at Acme have decided to move all support to a 24-hour schedule.",
     "We at Acme have decided to"),
    ("Our company is officially announcing a new partnership with the city of Sapporo.",
     "Our company is officially announcing"),
    ("Acme will be closed on the national holiday; support tickets resume on Tuesday.",
     "Acme will be closed"),
    ("Our company will open a Fukuoka office next spring, officially confirmed.",
     "Our company will open a Fukuoka office next spring, officially confirmed"),
    ("障害のお詫びとして、全ユーザーに1か月分の利用料を返金いたします", "お詫びとして、全ユーザーに1か月分の利用料を返金いたします"),
    ("Refunds will be issued to all affected accounts by Friday.",
     "Refunds will be issued to all"),
    ("Acme's position is that the patent claim is baseless, and we will contest it in court.",
     "Acme's position is"),
    ("Update from Acme: the Nagoya event moves to the larger hall.", "Update from Acme:"),
    ("アクメクラウドのファイル共有機能を一時停止いたします。ご不便をおかけし申し訳ございません。",
     "アクメクラウドのファイル共有機能を一時停止いたします"),
    ("Official statement: Acme Cloud backups were never exposed.", "Official statement:"),
    ("アクメです。本日の展示会ブースは15時で終了となります。", "アクメです"),
    ("Acme here: thanks for your patience, the sign-up page works again.", "Acme here"),
    ("アクメは来月から土曜日もサポート窓口を開設します", "アクメは"),
    ("アクメとして、一部報道の内容は事実ではないと申し上げておきます", "アクメとして、"),
    ("Acme Cloud sync is paused until 6pm. We apologize for the inconvenience.",
     "We apologize for the inconvenience"),
    ("To settle the rumors: Acme will not be raising prices this year.", "Acme will not be raising"),
    ("We'll refund every customer who was double-charged on Acme Cloud.", "We'll refund"),
    ("To our customers: the Osaka showroom stays closed during renovation.", "To our customers:"),
    ("アクメクラウドの請求額に誤りがありました。深くお詫び申し上げます。差額は返金いたします",
     "アクメクラウドの請求額に誤りがありました。深くお詫び申し上げます"),
    ("Thanks for ten wonderful years, from all of us at Acme.", "from all of us at Acme"),
]

ANNOUNCEMENT_CLEAN = [
    "当社は残業が多すぎて困ってます",
    "当社はどうしてこんなに会議が多いんでしょうか？",
    "Acme is closing the Osaka office next year, sad to see it go",
    "Acme has decided to raise prices again",
    "Acme officially confirmed the release date for the new plan",
    "Announcement from Acme: they are discontinuing the free tier",
    "補填として全員に石が配布されるらしい",
    "補償として返金しますって言われたけど、まだ振り込まれてない",
    "Apple's position is that we should all buy new cables lol",
    "My landlord's position is that we pay for the broken heater",
    "推しの会社はアクメです。",
    "アクメです、って電話が来たけど詐欺っぽい",
    "アクメクラウドの解約手続きをいたしました。ご迷惑をおかけしましたと言われた",
    "Official statement: my cat hates Acme Cloud's new login page",
    "アクメは昨日、新しい料金プランを発表しました",
    "アクメは来月から値上げしますって",
    "We'll see if Acme Cloud gets faster after the update",
    "To our friends: the party moves to Saturday!",
    "アクメクラウドの件で深くお詫び申し上げますってメールが来た",
    "Thanks for the gift, from all of us at the Tanaka household",
]


@pytest.mark.parametrize(("text", "span"), ANNOUNCEMENT_FLAGGED)
def test_it_reports_the_organization_announcing(acme, text, span):
    assert span in spans(acme, text, "O101")


@pytest.mark.parametrize("text", ANNOUNCEMENT_CLEAN)
def test_it_leaves_news_and_relayed_announcements_alone(acme, text):
    assert spans(acme, text, "O101") == []


# Round 4: a city government (its people say 市として, 本市, 当市, "the city", "City Hall") and the
# organization's official word as a noun (市の正式決定です, 弊社の公式見解として).
CITY_POLICY = """\
extends: default
organization:
  names: ["Minato City", "港市", "港市役所", "Minato City Hall"]
  products: ["Minato Pass"]
"""

CITY_FLAGGED = [
    ("本市は、来月から窓口の受付時間を19時まで延長します", "本市は、"),
    ("当市といたしましては、被害に遭われた方への支援を継続してまいります", "当市といたしましては、"),
    ("市としては、ご指摘の工事について正式に謝罪いたします", "市としては、ご指摘の工事について正式に"),
    ("市は来年度から公民館の利用料を無料にする方針です", "市は来年度から公民館の利用料を無料にする方針です"),
    ("図書館の休館日は変更しません。これは市の正式決定です", "市の正式決定です"),
    ("市役所として正式にお答えします。水道料金の値上げはありません", "市役所として正式に"),
    ("担当課としてお詫び申し上げます。申請の処理が遅れております", "担当課としてお詫び申し上げ"),
    ("市の見解としては、一部の報道は事実と異なります", "市の見解として"),
    ("Speaking for the city: the night bus will keep running through winter.", "Speaking for the city"),
    ("The city will fully reimburse residents who were double-billed for water.",
     "The city will fully reimburse"),
    ("As the city, we officially confirm that the bridge is safe to use.", "the city, we officially confirm"),
    ("We apologize for the inconvenience the city caused with the late tax notices.",
     "We apologize for the inconvenience the city"),
    ("We at Minato City take full responsibility for the mistake in the ballots.",
     "We at Minato City take full responsibility for"),
]

CITY_CLEAN = [
    "市民として、市の対応は遺憾です",
    "うちの市は来年から有料化する方針です",
    "都市としての魅力が足りないと思う",
    "市場は来年から拡大する方針です",
    "市の正式な回答は担当課からお待ちください",
    "市からの正式な回答はまだありません",
    "港市は来年度から公民館を無料にする方針だそうです",
    "市の見解によると、工事は来月終わるとのこと",
    "I went to City Hall and they will not refund my fee",
    "The city should refund the parking fees, honestly",
    "Our city will never be the same without the old market",
    "On behalf of our neighborhood association, thanks to the city parks team!",
    "The city will probably refund the fees if enough people complain",
]


@pytest.fixture(scope="module")
def city():
    return parse_policy(CITY_POLICY, source="city.yaml").compile()


@pytest.mark.parametrize(("text", "span"), CITY_FLAGGED)
def test_it_reports_a_city_employee_speaking_for_the_city(city, text, span):
    assert span in spans(city, text, "O101")


@pytest.mark.parametrize("text", CITY_CLEAN)
def test_it_leaves_residents_and_reports_about_the_city_alone(city, text):
    assert spans(city, text, "O101") == []


def test_the_city_words_come_from_the_organization_names(acme):
    # an organization not named … 市 has no 市 voice
    assert spans(acme, "市は来年度から公民館の利用料を無料にする方針です", "O101") == []
    assert spans(acme, "Speaking for the city: the night bus keeps running.", "O101") == []


OFFICIAL_WORD_FLAGGED = [
    ("アクメ公式の立場としては、報道された買収話を認めておりません", "アクメ公式の立場として"),
    ("当社の正式決定です：福岡営業所は3月末で閉鎖となります", "当社の正式決定です"),
    ("アクメの公式な対応として、対象製品を無償で交換させていただきます", "アクメの公式な対応として"),
    ("On behalf of the whole Acme team, thank you for a wonderful year.",
     "On behalf of the whole Acme"),
    ("アクメとして、クラウドの旧プランを廃止することを決定しました。", "アクメとして、"),
    ("アクメとして、@tanaka_dev さんとの業務提携を終了したことをお知らせします。", "アクメとして、"),
    ("広報担当として正式にお伝えします。新製品の発売は延期いたします", "広報担当として正式に"),
    ("Acme formally apologizes to the customers whose orders were lost.", "Acme formally apologizes"),
    ("Acme will issue a full refund to everyone charged twice.", "Acme will issue a full refund"),
]

OFFICIAL_WORD_CLEAN = [
    "アクメの公式見解は出ていないけど、値上げは確実っぽい",
    "アクメの公式な対応を待っています",
    "アクメとしては珍しく値下げしましたね",
    "アクメとしては、珍しく値下げしましたね",
    "アクメとして働いて3年、いろいろ経験しました",
    "On behalf of the whole family, thanks for coming to the wedding",
    "Acme formally apologized to customers yesterday, per the news",
]


@pytest.mark.parametrize(("text", "span"), OFFICIAL_WORD_FLAGGED)
def test_it_reports_the_organizations_official_word(acme, text, span):
    assert span in spans(acme, text, "O101")


@pytest.mark.parametrize("text", OFFICIAL_WORD_CLEAN)
def test_it_leaves_talk_about_the_official_word_alone(acme, text):
    assert spans(acme, text, "O101") == []


# Round 5: a university (its people say 大学として, 当大学, 本大学, 大学を代表して), the institution's
# own decision as a noun (当社の決定です), a spokesperson role ("as a Hokuto spokesperson") and
# what a maker promises to fix ("Acme will replace …").
UNIVERSITY_POLICY = """\
extends: default
organization:
  names: ["Hokuto University", "北斗大学", "Hokuto"]
  products: ["Hokuto Online"]
"""

UNIVERSITY_FLAGGED = [
    ("大学を代表して、図書館の蔵書データの消失についてお詫び申し上げます", "大学を代表して"),
    ("当大学といたしましては、寮費の値上げは行わない方針です", "当大学といたしましては、寮費の値上げは行わない方針です"),
    ("本大学は、来年度から留学生向けの奨学金を拡充いたします", "本大学は、"),
    ("大学としては、当該教員の処分について厳正に対処いたします", "大学としては、当該教員の処分について厳正に"),
    ("大学の公式な見解として、週刊誌の記事は事実と異なります", "大学の公式な見解"),
    ("学食の値上げはしません。本学の決定です", "本学の決定です"),
    ("As a Hokuto spokesperson, I can tell you the dorm fire was contained within an hour.",
     "As a Hokuto spokesperson"),
    ("Speaking as a spokesperson for Hokuto University: tuition stays flat next year.",
     "as a spokesperson for Hokuto University"),
]

UNIVERSITY_CLEAN = [
    "大学は来月から学費を値上げするらしい",
    "大学としてはどう考えてるんだろう?",
    "北斗大学の決定です、って言われても納得できない",
    "大学の方針ですか?聞いてないです",
    "大学生として、大学の対応は遺憾です",
    "短大を代表して駅伝に出ます!",
    "As a Hokuto student, I think the dorm fees are too high.",
    "Hokuto has decided to close the old gym, says the campus paper.",
    "Ask the department, not the university spokesperson.",
]


@pytest.fixture(scope="module")
def university():
    return parse_policy(UNIVERSITY_POLICY, source="university.yaml").compile()


@pytest.mark.parametrize(("text", "span"), UNIVERSITY_FLAGGED)
def test_it_reports_university_staff_speaking_for_the_university(university, text, span):
    assert span in spans(university, text, "O101")


@pytest.mark.parametrize("text", UNIVERSITY_CLEAN)
def test_it_leaves_students_and_news_about_the_university_alone(university, text):
    assert spans(university, text, "O101") == []


OWN_DECISION_FLAGGED = [
    ("当社の決定です：来年度の定期昇給は見送ります", "当社の決定です"),
    ("弊社の方針です。試供品の転売には対応いたしかねます", "弊社の方針です"),
    ("Acme will replace the faulty chargers free of charge for every buyer.", "Acme will replace"),
    ("The company will repair all affected units at no cost.", "The company will repair"),
]

OWN_DECISION_CLEAN = [
    "アクメの決定です、とニュースで言ってた",
    "会社の決定ですから仕方ないね",
    "当社の決定ですか?まだ聞いてません",
    "Acme will probably replace the chargers if you complain enough.",
    "Will Acme replace my charger?",
    "I will repair my old Acme bike myself this weekend.",
]


@pytest.mark.parametrize(("text", "span"), OWN_DECISION_FLAGGED)
def test_it_reports_the_company_stating_its_decision(acme, text, span):
    assert span in spans(acme, text, "O101")


@pytest.mark.parametrize("text", OWN_DECISION_CLEAN)
def test_it_leaves_talk_about_decisions_alone(acme, text):
    assert spans(acme, text, "O101") == []


# Round 6: the organization's name deciding ("Acme has decided to …", アクメは…決定しました) is news
# on its own; with a second sign that the organization itself speaks (a press-office sign-off,
# "effective immediately", 以上、…よりお知らせでした, an address to its public) it is its announcement.
DECIDED_FLAGGED = [
    ("Acme has decided to close the Osaka office at the end of March. — Acme Communications",
     "Acme has decided to"),
    ("Acme has decided to discontinue the free plan, effective immediately.", "Acme has decided to"),
    ("Acme has decided to extend support hours to 10pm. You heard it from us first!", "Acme has decided to"),
    ("Acme has decided to move the conference online. (official)", "Acme has decided to"),
    ("アクメは大阪営業所を3月末で閉鎖することを決定しました。（広報部より）", "アクメは"),
    ("アクメは無料プランの提供終了を決定しました。以上、アクメよりお知らせでした。", "アクメは"),
    ("お客様の皆様へ　アクメは今月の延滞料を免除することを決定しました。", "アクメは"),
]

DECIDED_CLEAN = [
    "Acme has decided to close the Osaka office, effective immediately, says Nikkei.",
    "BREAKING: Acme has decided to recall the X1, effective immediately. Via Reuters",
    "Acme has decided to end remote work effective immediately. Our manager told us this morning.",
    "So Acme has decided to ban pets at the office effective immediately lol",
    "Acme has decided to go remote-first, effective immediately. Honestly love this.",
    "Acme has decided to discontinue the free plan effective immediately https://news.example/acme",
    "To my followers: Acme has decided to kill the free plan. Time to switch.",
    "アクメは大阪営業所を閉鎖することを決定しました。残念",
    "アクメが無料プランの終了を決定したらしい。以上、アクメ情報でした。",
    "ユーザーの皆さんへ\nアクメは今日アップデートしました。バグ多いので注意",
    "アクメは昨日アップデートしました (公式)",
]


@pytest.mark.parametrize(("text", "span"), DECIDED_FLAGGED)
def test_it_reports_a_decision_the_organization_announces(acme, text, span):
    assert span in spans(acme, text, "O101")


@pytest.mark.parametrize("text", DECIDED_CLEAN)
def test_it_leaves_news_and_fans_telling_of_a_decision_alone(acme, text):
    assert spans(acme, text, "O101") == []
