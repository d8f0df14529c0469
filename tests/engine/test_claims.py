"""Table tests for the claims rules R101 (promised returns) and R102 (cure claims), ja and en."""

import pytest

from koe.engine import PolicyError, parse_policy

from .conftest import rules_found, spans

# (rule, text, the span that must be reported)
FLAGGED = [
    # R101: phrases that are claims on their own
    ("R101", "【元本保証】年利8%の特別プラン、残りわずか", "元本保証"),
    ("R101", "元本割れは一切ありません、と担当者が断言", None),
    ("R101", "Double your money in 60 days with my signals", "Double your money"),
    # R101: a certainty word with an outcome, in either order, however spelled
    ("R101", "このFXツールなら毎月かならず利益が出ます", "かならず利益"),
    ("R101", "ぜ っ た い 儲かる案件、DMください", None),
    ("R101", "分配金は毎月保証、解約もいつでもOK", None),
    ("R101", "この銘柄は確実に値上がりします", "確実に値上がり"),
    ("R101", "元本は100%戻ってきますのでご安心ください", None),
    ("R101", "不労所得が確実に手に入る仕組みを教えます", None),
    ("R101", "月収50万円を保証します。スマホ1台でOK", None),
    ("R101", "ＧＵＡＲＡＮＴＥＥＤ 20% monthly returns!!", None),
    ("R101", "our bot gives you risk-free gains every week", None),
    ("R101", "turn $1,000 into $10,000 by summer, guaranteed", None),
    ("R101", "earn $400 a day from home, 100% guaranteed", None),
    ("R101", "passive income guaranteed 💰 no skills needed, just DM", None),
    ("R101", "the dividend is guaranteed every quarter, sign up now", None),
    # R101: safety promises about an investment
    ("R101", "this token cannot lose, it only goes up from here", None),
    ("R101", "今この株を買わない理由がない。ノーリスクです", "ノーリスク"),
    ("R101", "利回り12%確定！申込は今週まで", None),
    ("R101", "stake with us: 18% APY, guaranteed", None),
    ("R101", "預けたお金が必ず2倍になって戻ります", None),
    # R102: a cure verb with a disease
    ("R102", "このお茶を毎日飲めば高血圧が必ず治ります", None),
    ("R102", "この水で花粉症が完治しました！", None),
    ("R102", "腰痛が消える魔法のクリーム、今だけ半額", None),
    ("R102", "our oil heals eczema and psoriasis naturally", None),
    ("R102", "this supplement reverses type 2 diabetes in 30 days", None),
    ("R102", "eliminate acne for good with our 3-step serum", None),
    ("R102", "my arthritis is gone thanks to this bracelet", None),
    ("R102", "シミが消えた！このクリームのおかげ", None),
    ("R102", "このサプリ飲み始めてから持病のリウマチが良くなった。薬はもういらない", None),
    ("R102", "Our tea prevents cancer — order now", None),
    ("R102", "このサプリで誰でも必ず痩せる！", None),
    ("R102", "lose 10 lbs in 7 days with this detox juice", None),
    ("R102", "このお茶、花粉症に効くんです。今なら初回500円", None),
    # R101: a promise stated now (約束されています, we promise) with an outcome
    ("R101", "この投資信託なら10年で資産が3倍になることをお約束します", None),
    ("R101", "We promise 12% returns every year, no matter what the market does", None),
    ("R101", "Our members are promised returns of 9% on every deal", None),
    # R101: a deposit is safe only as a deposit: a foreign-currency one, or a high rate, is a claim
    ("R101", "この外貨預金は元本保証で年5%確定！", None),
    ("R101", "定期預金で元本保証、しかも年利10%！今だけ", None),
    ("R101", "this FX deposit is guaranteed to pay 7% a year", None),
    # R102: the disease dies off or shrinks, said of a product
    ("R102", "この酵素ドリンクを飲めば腫瘍が小さくなる", None),
    ("R102", "Rub this oil on daily and your psoriasis just vanishes", None),
    ("R102", "このお茶を飲めばがん細胞が死滅します", None),
    # R102: a marker of a disease brought down by a product (血糖値, blood pressure)
    ("R102", "この青汁を毎朝飲むと血圧が下がります", "血圧が下がります"),
    ("R102", "our cinnamon gummies lowers A1C in weeks, no meds needed", None),
    ("R102", "塗るだけで中性脂肪が下がるジェル、今だけ半額", None),
    # R102: product forms and sales hooks as evidence (extract, ドリンク, ask me how)
    ("R102", "This herbal tincture clears up psoriasis in a month. Ask me how!", None),
    ("R102", "このエキスで不眠が改善しました", None),
    ("R102", "毎日飲むこの健康ドリンクで関節痛が消えた", None),
    ("R102", "clinically proven to lower blood sugar, our new formula", None),
    ("R102", "this energy drink cures hangovers instantly", None),
    # R101: a multiple with money around it (resale, a coin, retirement savings)
    ("R101", "限定フィギュアは転売すれば必ず3倍になる", None),
    ("R101", "put your pension in this and it doubles, guaranteed", None),
    # R101: an amount written with its currency after it, and a loss ruled out
    ("R101", "Guaranteed: you get 50,000 yen a month from this side hustle", None),
    ("R101", "earn 300 dollars per day, guaranteed, just copy my trades", None),
    ("R101", "この積立なら損することは絶対にありません", "損することは絶対にありません"),
    ("R101", "This fund never loses money: 15% a year, guaranteed", None),
    # R102: skin conditions a cosmetic may not claim to treat, removal and fading verbs
    ("R102", "この乳液で酒さが治りました！", None),
    ("R102", "This gel removes age spots in two weeks", None),
    ("R102", "the new lotion erases wrinkles overnight", None),
    ("R102", "この化粧水でシミが薄くなった", None),
    ("R102", "My toner fades melasma, love it", None),
    # R101: money spent that surely comes back (pays for itself, 元が取れる, resale value)
    ("R101", "These heat pumps are guaranteed to pay for themselves in two winters", None),
    ("R101", "この給湯器に替えれば光熱費で必ず元が取れます", None),
    ("R101", "The resale value of this watch is guaranteed to go up, buy two", None),
    ("R101", "限定モデルだから値落ちしない、転売でも損はない", "値落ちしない"),
    # R101: a value that cannot fall, about an asset
    ("R101", "Buy this coin now, its price literally can't go down", "can't go down"),
    # R101: 「みたい」 (like) is no wish: 元本保証みたいなもの is still the claim
    ("R101", "この社債は元本保証みたいなものだから安心して", "元本保証"),
    # R101: beating a deposit is no deposit
    ("R101", "This plan is guaranteed to beat any savings account, you can't lose money", None),
    # R102: more conditions and "no more" medicines
    ("R102", "This cushion heals sciatica, mine is gone", None),
    ("R102", "この枕を使えば坐骨神経痛が治る", None),
    ("R102", "The humidifier cured my kid's asthma. No more inhalers!", None),
]

CLEAN = [
    # R101: education, warnings, negation, questions, other guarantees
    ("R101", "「月利10%保証」みたいな話は詐欺なので絶対に乗らないでください"),
    ("R101", "元本保証型の商品は安心だけど、利回りが低いのがデメリット"),
    ("R101", "投資で確実に儲かる方法なんてない"),
    ("R101", "株は必ず上がるとは限らない。分散しよう"),
    ("R101", "必ず利益が出る投資ってある？"),
    ("R101", "no investment can promise guaranteed returns, read the prospectus"),
    ("R101", "Returns are not guaranteed and you may lose money."),
    ("R101", "If someone promises guaranteed profits, it's a scam."),
    ("R101", "money-back guarantee if you're not happy with the course"),
    ("R101", "guaranteed delivery within a month or shipping is free"),
    ("R101", "Free returns guaranteed on all orders over $50"),
    ("R101", "we can't lose this match, the team is on fire"),
    ("R101", "絶対に勝てる試合だった。悔しい"),
    ("R101", "今期は確実に利益を出したい。がんばるぞ"),
    ("R101", "100% of the profit goes to the animal shelter"),
    ("R101", "品質保証のため、出荷前に全数検査しています"),
    ("R101", "no risk, no reward — that's investing"),
    ("R101", "このラーメン屋、絶対儲かってるよね"),
    ("R101", "アクメ株式会社のライブ、テンション絶対上がる"),
    ("R101", "貸した漫画は必ず返ってくると信じてる"),
    ("R101", "確実な収入が欲しいから資格の勉強中"),
    ("R101", "利益確定売りで日経平均は反落"),
    ("R101", "確定申告で医療費控除を受けたら還付金が返ってきた"),
    ("R101", "配当の権利確定日は今月末"),
    ("R101", "this workout will earn your trust, guaranteed"),
    ("R101", "I'm looking for guaranteed income after retirement, any tips for annuities?"),
    # R101: someone else's claim, quoted and reported (a DM saying '…', 「…」という勧誘)
    ("R101", "Got an email claiming \"guaranteed returns of 30%\" lol, deleted"),
    ("R101", "知らない番号から「必ず儲かる副業」というSMSが届いた"),
    ("R101", "父に「絶対損しない」とか言ってくる営業が来たのでブロックした"),
    # R101: a bank deposit's fixed principal and rate are facts, not promised returns
    ("R101", "定期預金は元本保証ですが、インフレには弱いです"),
    ("R101", "預金保険で、預金は元本1,000万円まで保護されています"),
    ("R101", "The 1-year CD rate is fixed at 0.25% and guaranteed until maturity"),
    ("R101", "guaranteed 4.5% APY on savings, FDIC insured"),
    ("R101", "住宅ローンの金利、固定にするか変動にするか絶対迷う"),
    ("R101", "The senator promised lower interest rates for students"),
    ("R101", "政府は賃上げで収入を増やすと約束した"),
    # R102: personal recovery, doctors, regulation, other meanings of the words
    ("R102", "インフルエンザ、病院で薬もらってやっと治った"),
    ("R102", "医師の指示どおり治療を続けたら喘息が良くなった"),
    ("R102", "腰痛がなかなか治らない。整体行こうかな"),
    ("R102", "健康食品で「がんが治る」と広告するのは薬機法違反です"),
    ("R102", "がんばれば何とかなる！"),
    ("R102", "しみじみ良い映画だった"),
    ("R102", "サプリで病気が治るわけではありません"),
    ("R102", "chemo worked and my cancer is in remission, thank you doctors"),
    ("R102", "researchers say a cure for Alzheimer's is still years away"),
    ("R102", "there is no cure for the common cold, just rest"),
    ("R102", "this playlist cured my Monday blues"),
    ("R102", "let the resin cure for 24 hours before sanding"),
    ("R102", "the FDA warns that no supplement can cure diabetes"),
    ("R102", "did the new treatment help with your migraines?"),
    ("R102", "早く病気が治るといいね、お大事に"),
    ("R102", "hope your flu heals up fast!"),
    ("R102", "マッサージ行ったら肩こりが治った"),
    ("R102", "I want to lose 5 kg in 8 weeks, wish me luck"),
    ("R102", "ダイエット中だけど、絶対痩せるとは思えない"),
    ("R102", "The tumor shrank after six rounds of chemo, the doctors were amazed"),
    ("R102", "my anxiety just disappears when I'm hiking"),
    ("R102", "飲めばがんばれる気がする、コーヒー最高"),
    # R102: clinicians explaining care: habits, frequency, screening, caveats
    ("R102", "帯状疱疹は通常2〜4週間で治ることが多いです"),
    ("R102", "Shingles usually heals in two to four weeks."),
    ("R102", "不眠は生活リズムを整えると改善します"),
    ("R102", "ACE inhibitors lower blood pressure, but side effects happen; ask your doctor"),
    ("R102", "降圧薬で血圧が下がりすぎることがあります。主治医と相談してください"),
    ("R102", "インフルの薬を飲んで熱が下がった、助かった"),
    ("R102", "the eye drops cleared up my pink eye"),
    # R101: multiples in games and sales, not money promises
    ("R101", "guaranteed 2x XP weekend starts Friday"),
    ("R101", "ログインボーナスが2倍になる確定イベント開催中"),
    ("R101", "the raid boss is guaranteed to drop double loot tonight"),
    # the clinician did the treating; the product is for something else
    ("R102", "My dermatologist cleared my acne with antibiotics; this lotion is just for dryness"),
    ("R102", "皮膚科でアトピーが良くなった。今は化粧水で保湿だけしています"),
    # a warning about such claims, in English
    ("R102", "Be careful with creams that say they heal psoriasis"),
    ("R102", "Shampoo brands can't legally claim they reverse hair loss"),
    ("R102", "This remover removes waterproof mascara in one swipe"),
    ("R101", "No investment is risk-free; you could lose money, so never invest what you need"),
    # a warranty's mileage is no amount of money; grades and admissions are no returns
    ("R101", "冷蔵庫の保証は3年、コンプレッサーは年5万時間の耐久試験済みで10年保証です"),
    ("R101", "駆動用モーターは8年16万km保証です"),
    ("R101", "合格保証コース、必ず合格させます"),
    ("R101", "Guaranteed job interview for every graduate of the bootcamp"),
    ("R101", "Solar panels may pay for themselves in about 10 years, depending on usage"),
    ("R101", "まとめ買いで元が取れるとは限らないので試算してから"),
    # not health: a machine's trouble, a figure of speech
    ("R102", "This fuel additive cures engine knock for good"),
    # a class explaining why such claims are unlawful
    ("R102", "Pharmacy law lecture: why 'heals eczema' on a soap box is illegal"),
    ("R102", "広告論の授業で「がんが治る」と書いた健康食品の事例を学んだ"),
]


@pytest.mark.parametrize(("rule", "text", "span"), FLAGGED)
def test_it_flags(scanner, rule, text, span):
    found = spans(scanner, text, rule)
    assert found, f"{rule} not reported for {text!r}"
    if span is not None:
        assert span in found


@pytest.mark.parametrize(("rule", "text"), CLEAN)
def test_it_stays_quiet(scanner, rule, text):
    assert rule not in rules_found(scanner, text)


def test_an_organization_product_is_evidence_for_a_cure_claim():
    policy = parse_policy("extends: default\norganization:\n  products: [Zenbrew]\n")
    text = "Zenbrew fixed my eczema in a week"
    assert "R102" in rules_found(policy.compile(), text)
    assert "R102" not in rules_found(parse_policy("extends: default\n").compile(), text)


def test_a_product_is_a_topic_for_no_more_medicine_and_a_clinic_service_is_care():
    policy = parse_policy("extends: default\norganization:\n  names: [Hinata Clinic]\n"
                          "  products: [ひなたティー, Hinata Scan]\n").compile()
    assert "R102" in rules_found(policy, "ひなたティーを飲めば薬はもういらない")
    assert "R101" not in rules_found(policy, "Try Hinata Scan risk-free for a month")
    assert "R102" not in rules_found(
        policy, "Hinata Scan screening helps prevent colon cancer by finding polyps early")
    assert "R102" in rules_found(policy, "Hinata Scan prevents colon cancer, order now")


def test_a_finding_says_which_words_made_it():
    report = parse_policy("extends: default\n").compile().scan("配当は毎月必ず出ます")
    (finding,) = [f for f in report.findings if f.rule == "R101"]
    assert finding.text == "配当は毎月必ず" and "'必ず' with '配当'" in finding.evidence


def test_an_unknown_parameter_is_refused_with_its_name():
    with pytest.raises(PolicyError, match="unknown parameter 'certainty_words'"):
        parse_policy("extends: default\nrules:\n  X100:\n    name: x\n    category: claims\n"
                     "    severity: minor\n    detector: claim\n"
                     "    params: {certainty_words: [a]}\n"
                     "    message: {en: x, ja: x}\n    suggestion: {en: x, ja: x}\n")


@pytest.mark.parametrize(("text", "flagged"), [
    # a question that sells: it asks what the reader wants, and the post says how to get it
    ("Want guaranteed returns? DM me for the group link", True),
    ("必ず儲かる副業したくない？LINE追加で教えます", True),
    ("元本保証の投資、興味ある？詳しくはDMで", True),
    # a question that asks, or a teaser that is debunked
    ("元本保証って本当？詳しい人DMください", False),
    ("Want guaranteed returns? Sorry, no such thing. DM me if you want to talk index funds", False),
    ("必ず儲かる副業したくない？←これ詐欺の典型。DMで来ても無視して", False),
])
def test_a_sales_question_is_a_claim_and_a_real_question_is_not(scanner, text, flagged):
    assert ("R101" in {f.rule for f in scanner.scan(text).findings}) is flagged
