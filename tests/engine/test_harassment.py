"""Table tests for the harassment rules H101-H105, in Japanese and English."""

import pytest

from koe.engine import PolicyError, parse_policy
from koe.engine.detectors.base import Context, ParamError
from koe.engine.detectors.harassment import HarassmentDetector

from .conftest import spans

# (rule, text, the span that must be reported)
FLAGGED = [
    # H101 insult: Japanese, with the spellings people use to dodge filters
    ("H101", "いやバカじゃん", "バカじゃん"),
    ("H101", "ﾊﾞｶかよ", "ﾊﾞｶ"),
    ("H101", "ば か じ ゃ な い の", "ば か じ ゃ な い"),
    ("H101", "ばーーーか", "ばーーーか"),
    ("H101", "ＢＡＫＡすぎ", "ＢＡＫＡ"),
    ("H101", "b.a.k.a", "b.a.k.a"),
    ("H101", "この馬鹿野郎！", "馬鹿野郎"),
    ("H101", "消えろカス", "消えろ"),
    ("H101", "消えろカス", "カス"),
    ("H101", "クズ野郎が偉そうに", "クズ野郎"),
    ("H101", "黙れブス", "ブス"),
    ("H101", "キモいんだよ", "キモい"),
    ("H101", "許可取れてるからって所々舐めくさっとるよな", "舐めくさ"),
    ("H101", "新人のくせに口出しするな", "のくせに"),
    ("H101", "お前ほんとゴミだな", "お前ほんとゴミ"),
    ("H101", "あいつマジで無能", "あいつマジで無能"),
    ("H101", "見た目わるい", "見た目わるい"),
    ("H101", "公務員は税金泥棒", "公務員は税金泥棒"),
    ("H101", "政治家ってほんとクズばかり", "政治家ってほんとクズ"),
    # H101 insult: English
    ("H101", "You are such a loser", "You are such a loser"),
    ("H101", "You are such an idiot", "idiot"),
    ("H101", "what an 1d10t", "1d10t"),
    ("H101", "what a m0r0n", "m0r0n"),
    ("H101", "shut up, nobody asked", "shut up"),
    ("H101", "you're so pathetic lol", "you're so pathetic"),
    ("H101", "bye you pathetic loser", "you pathetic"),
    ("H101", "f u c k   y o u", "f u c k   y o u"),
    ("H101", "What a dumb ass", "dumb ass"),
    ("H101", "politicians are all liars", "politicians are all liars"),
    # H102 slur or discrimination
    ("H102", "中国人って素行が悪いからなぁ", "中国人って素行が悪"),
    ("H102", "韓国人は嘘つきばかり", "韓国人は嘘つき"),
    ("H102", "女は感情的だから困る", "女は感情的"),
    ("H102", "女のくせに生意気", "女のくせに"),
    ("H102", "移民のくせに偉そうなんだよ", "移民のくせに"),
    ("H102", "障害者は迷惑", "障害者は迷惑"),
    ("H102", "レズビアンは受け付けない", "レズビアンは受け付けない"),
    ("H102", "お前ガイジかよ", "ガイジ"),
    ("H102", "さっさと国に帰れ", "国に帰れ"),
    ("H102", "Muslims are terrorists", "Muslims are terrorists"),
    ("H102", "immigrants are nothing but vermin", "immigrants are nothing but vermin"),
    ("H102", "women should stay in the kitchen", "women should stay in the kitchen"),
    ("H102", "I hate jews", "I hate jews"),
    ("H102", "go back to your country", "go back to your country"),
    ("H102", "you f4gg0t", "f4gg0t"),
    # H103 threat
    ("H103", "死ね", "死ね"),
    ("H103", "早く死ねよ", "死ね"),
    ("H103", "は？しね", "しね"),
    ("H103", "ﾀﾋね", "ﾀﾋね"),
    ("H103", "お前マジで殺すぞ", "殺すぞ"),
    ("H103", "ぶっ殺してやる", "ぶっ殺してやる"),
    ("H103", "住所特定してやるからな", "住所特定してやる"),
    ("H103", "夜道に気をつけろよ", "夜道に気をつけろ"),
    ("H103", "kill yourself", "kill yourself"),
    ("H103", "k.y.s", "k.y.s"),
    ("H103", "I will kill you", "I will kill you"),
    ("H103", "I'm going to fucking kill you", "I'm going to fucking kill you"),
    ("H103", "I know where you live", "I know where you live"),
    # H104 obscene
    ("H104", "what the fuck", "fuck"),
    ("H104", "holy sh!t", "sh!t"),
    ("H104", "send nudes", "send nudes"),
    ("H104", "ちんちんのちんちん小さそう", "ちんちん"),
    ("H104", "エロい体してる", "エロい体"),
    ("H104", "今日の下着の色教えて", "下着の色"),
    ("H104", "ｴﾛ画像", "ｴﾛ画像"),
    # H101: contempt, dehumanizing comparisons and "you" + insult
    ("H101", "こいつ脳みそ入ってんの？", "脳みそ入ってんの"),
    ("H101", "お前みたいなやつ消えてくれ", "お前みたいなやつ消えてくれ"),
    ("H101", "あんたは豚だよ", "あんたは豚"),
    ("H101", "ゴキブリみたいな連中が集まってる", "ゴキブリみたいな連中"),
    ("H101", "二度と顔見せんな", "二度と顔見せんな"),
    ("H101", "nobody likes you, just leave", "nobody likes you"),
    ("H101", "you filthy rat", "you filthy rat"),
    # H103: threats without a killing word: knowing where someone is, harm promised
    ("H103", "お前の会社に火をつけてやる", "お前の会社に火をつけてやる"),
    ("H103", "てめえの人生めちゃくちゃにしてやるよ", "てめえの人生めちゃくちゃにしてやる"),
    ("H103", "職場も把握してるからな", "職場も把握してるからな"),
    ("H103", "首を洗って待ってろ", "首を洗って待って"),
    ("H103", "ただで済むと思うなよ", "ただで済むと思うな"),
    ("H103", "We know where your daughter goes to school", "We know where your daughter goes to school"),
    ("H103", "i know ur wife's office. see you soon", "i know ur wife's office."),
    ("H103", "I'm going to hunt you down", "I'm going to hunt you down"),
    ("H103", "better watch your back", "watch your back"),
    ("H103", "mark my words, you'll regret this", "you'll regret this"),
    ("H103", "honestly hope you get hit by a bus", "hope you get hit by"),
    ("H103", "do us all a favor and die", "do us all a favor and die"),
    # a letter hidden by a symbol
    ("H101", "what an id*ot", "id*ot"),
    ("H101", "such a wh_re", "wh_re"),
    ("H103", "just go d!e", "go d!e"),
    ("H102", "this r*tard again", "r*tard"),
    # a put-down about a person who is not addressed, and an insult made stronger with another
    ("H101", "She's so ugly lol", "She's so ugly"),
    ("H101", "My new coworker is a worthless loser", "worthless loser"),
    ("H101", "that pathetic creep keeps messaging me", "pathetic creep"),
    ("H101", "あいつの顔見るだけで吐き気がする", "あいつの顔見るだけで吐き気がする"),
    # a group told to keep quiet or to keep out of things
    ("H102", "外国人は黙って従え", "外国人は黙って従え"),
    ("H102", "新人は黙って言われたことだけやってろ", None),
    ("H102", "おばさんは引っ込んでろ", None),
    ("H102", "Immigrants, shut up and work", None),
    ("H102", "Old people are a burden on society", None),
    # a standalone word glued to a katakana insult
    ("H103", "ｼﾈｸｽﾞ", "ｼﾈ"),
    ("H103", "しねゴミ野郎", "しね"),
    # a group narrowed to some of its people before the generalization
    ("H102", "移民の労働者は犯罪者ばかり", "移民の労働者は犯罪者"),
    ("H102", "女性の上司ってほんとヒステリック", "女性の上司ってほんとヒステリック"),
    # telling someone never to come back; algospeak for suicide
    ("H101", "もう二度と来んなよ", "二度と来んな"),
    ("H103", "just unalive yourself already", "unalive yourself"),
    # threats to someone's family or livelihood, to expose them, or to turn up where they are
    ("H103", "I swear I'll come after you and your kids", None),
    ("H103", "we're going to make sure you get fired", None),
    ("H103", "本名と顔写真、掲示板に貼るからな", None),
    ("H103", "お前の住所晒すわ", None),
    ("H103", "実家まで押しかけてやるからな", None),
    ("H103", "hope you get doxxed lol", None),
]

# (rule, text): ordinary posts, many with an innocent word that contains a listed one
CLEAN = [
    ("H103", "シネカスタムの新作を観た"),
    ("H102", "高齢者の患者は転倒が多いので注意"),
    ("H102", "外国人の観光客が増えてうれしい"),
    ("H102", "背中をチョンとつついて合図した"),
    ("H102", "チョン、チョンと指でタッチして選ぶ"),
    ("H103", "住所を晒すのは犯罪です"),
    ("H103", "本名晒された、最悪"),
    ("H103", "明日家に行くから待っててね"),
    ("H103", "I'm gonna kill you next round lol"),
    ("H103", "I'll come for you at 7 to pick you up"),
    ("H103", "this course will make sure you lose your fear of heights"),
    ("H101", "バカンスで沖縄に行ってきます"),
    ("H101", "仕事ばかりで疲れた"),
    ("H101", "見ればかなり良い感じ"),
    ("H101", "このカスタムパーツ最高"),
    ("H101", "フォーカスが合わない"),
    ("H101", "展示ブースに来てください"),
    ("H101", "ブーストがかかった"),
    ("H101", "親バカですがうちの子かわいい"),
    ("H101", "このラーメンバカうま"),
    ("H101", "そんなバカな！"),
    ("H101", "天かすをたっぷり入れたうどん"),
    ("H101", "食べカスがついてるよ"),
    ("H101", "ハゲタカファンドのニュース"),
    ("H101", "ゲストに来てもらった"),
    ("H101", "このクセになる味"),
    ("H101", "下手くそですが描いてみました"),
    ("H101", "見た目は悪いけど味は美味しい"),
    ("H101", "お前ら最高！"),
    ("H101", "あいつの最低限の準備はできてる"),
    ("H101", "じゃあほかの店にしよう"),
    ("H101", "ところすでに売り切れ"),
    ("H101", "Our assistant manager is the best"),
    ("H101", "My therapist helped me a lot"),
    ("H101", "Cocktail night at Scunthorpe"),
    ("H101", "Here's pic of my cat"),
    ("H101", "You are amazing"),
    ("H101", "You look great today"),
    ("H101", "Shut up and take my money!"),
    ("H101", "I'm such an idiot, I forgot my wallet"),
    ("H101", "the idiot-proof setup guide"),
    ("H102", "中国人観光客が増えて街がにぎやか"),
    ("H102", "日本人はゴミを持ち帰る"),
    ("H102", "日本人は親切だと言われる"),
    ("H102", "外国人はビザがいらない"),
    ("H102", "彼女は優しい"),
    ("H102", "ネクタイは青にした"),
    ("H102", "男はつらいよを観た"),
    ("H102", "ちびっこ広場で遊んだ"),
    ("H102", "かたわらに猫がいる"),
    ("H102", "ホモ・サピエンスの歴史"),
    ("H102", "アクメクラウドを使ってみた"),
    ("H102", "中国人が犯罪者だというのは偏見だ"),
    ("H102", "Women are underrepresented in tech"),
    ("H102", "Refugees are fleeing violent conflict"),
    ("H102", "Immigrants are not criminals"),
    ("H102", "My Maine Coon is huge"),
    ("H102", "a chink in the armor"),
    ("H102", "homo sapiens evolved in Africa"),
    ("H103", "少しね、疲れたかな"),
    ("H103", "美味しいですしね"),
    ("H103", "必死ねー、みんな"),
    ("H103", "シネマで映画を観る"),
    ("H103", "こころすごい温まった"),
    ("H103", "死んでほしくないよ"),
    ("H103", "夜道に気をつけて帰ってね"),
    ("H103", "住所特定されたかも、怖い"),
    ("H103", "I'll shoot you an email tomorrow"),
    ("H103", "We will find your perfect home"),
    ("H103", "I would never hurt you"),
    ("H103", "This heat is killing me"),
    ("H103", "Kill the lights"),
    ("H104", "ちんちん電車に乗った"),
    ("H104", "赤ちゃんがおっぱいを飲んでくれない"),
    ("H104", "背中出しコーデ"),
    ("H104", "フェラーリかっこいい"),
    ("H104", "スケッチしに行く"),
    ("H104", "She graduated summa cum laude"),
    ("H104", "Shiitake and shitake are the same mushroom"),
    ("H104", "Dick Van Dyke is a legend"),
    # the same kinds of words in ordinary use
    ("H101", "お前がいなくなって寂しいよ"),
    ("H101", "豚肉の生姜焼きを作った"),
    ("H103", "脂肪を燃やしてやる！今日からジム通い"),
    ("H103", "次の試合、あいつら全員ぶっ潰してやる気で練習"),
    ("H103", "家わかってるから迎えに行くね"),
    ("H103", "I know your kid's school has a bake sale on Friday"),
    ("H103", "I'll find you a seat near the front"),
    ("H103", "We have your address on file"),
    ("H103", "You will regret not trying this ramen"),
    ("H103", "office politics here are rough, watch your back around the VP"),
    ("H103", "I hope you get better soon"),
    ("H101", "the cnt column is off by one"),   # the letters of a term without a mask
    ("H101", "He is not a loser, he just lost one match"),
    ("H101", "He's a sore loser, but a great player"),
    ("H101", "He said I'm worthless and I almost believed him"),
    ("H101", "the launch was a pathetic failure, back to the drawing board"),
    ("H101", "He is stupid rich after the IPO"),
    ("H101", "Nobody wants you to fail, we're rooting for you"),
    ("H101", "お前の料理、吐き気がするほど美味い"),
    ("H102", "男は黙ってサッポロビール"),
    ("H102", "母は黙って台所に立っていた"),
    ("H102", "Caring for old people is a burden on families, we need more support"),
]


@pytest.mark.parametrize(("rule", "text", "span"), FLAGGED)
def test_it_flags_abusive_language(scanner, rule, text, span):
    found = spans(scanner, text, rule)
    assert found if span is None else span in found


@pytest.mark.parametrize(("rule", "text"), CLEAN)
def test_it_ignores_ordinary_posts(scanner, rule, text):
    findings = scanner.scan(text).findings
    assert [f.text for f in findings if f.category == "harassment"] == []


ORDINARY = [
    "今日はいい天気ですね。散歩に行ってきました。",
    "新しいカフェのパンケーキ、ふわふわで最高でした！",
    "明日は雨らしいので傘を忘れずに",
    "チーム一丸となって頑張ります",
    "新製品のデザインが素晴らしい",
    "日本代表、後半のゴールで逆転勝ち！",
    "Had a great time at the beach today!",
    "This new coffee shop is amazing, highly recommend.",
    "Great match last night, what a comeback",
    "Our quarterly results are out: revenue up 8%",
    "Rain all weekend, perfect for reading",
]


@pytest.mark.parametrize("text", ORDINARY)
def test_it_leaves_everyday_posts_alone(scanner, text):
    assert scanner.scan(text).findings == []


def test_it_reports_severity_by_class(scanner):
    severities = {f.rule: f.severity for f in scanner.scan("バカ。死ね。").findings}
    assert severities == {"H101": "minor", "H103": "major"}


def test_it_reports_one_finding_for_one_insult(scanner):
    found = [f.text for f in scanner.scan("バカじゃないの").findings if f.rule == "H101"]
    assert found == ["バカじゃない"]


def test_it_explains_a_pair_with_both_parts(scanner):
    (finding,) = [f for f in scanner.scan("中国人って民度が低い").findings if f.rule == "H102"]
    assert "中国人って" in finding.evidence and "民度が低" in finding.evidence


def test_it_speaks_to_the_writer_in_their_language(scanner):
    (finding,) = scanner.scan("黙れ", lang="ja").findings
    assert finding.suggestion.startswith("人ではなく意見に")
    (finding,) = scanner.scan("shut up", lang="en").findings
    assert finding.suggestion.startswith("Take on the idea")


# ---------------------------------------------------------------- the detector itself


def detector(**params):
    return HarassmentDetector(params, Context())


def test_it_rejects_unknown_parameters():
    with pytest.raises(ParamError) as exc:
        detector(terms=["x"], radius=3)
    assert exc.value.key == "radius"


def test_it_needs_something_to_look_for():
    with pytest.raises(ParamError):
        detector(exclude=["x"])


def test_it_rejects_a_pair_without_first_words():
    with pytest.raises(ParamError):
        detector(pairs=[{"then": ["x"]}])


def test_it_points_at_a_bad_pair_in_a_policy_file():
    text = """\
extends: default
rules:
  X101:
    name: my-insults
    category: harassment
    severity: minor
    detector: harassment
    params:
      pairs:
        - {first: [you], then: [x], within: 999}
    message: {en: "m", ja: "m"}
    suggestion: {en: "s", ja: "s"}
"""
    with pytest.raises(PolicyError) as exc:
        parse_policy(text, source="org.yaml")
    assert exc.value.line == 10


def test_an_organization_can_add_its_own_harassment_words():
    text = """\
extends: default
rules:
  X101:
    name: team-nickname
    category: harassment
    severity: minor
    detector: harassment
    params:
      terms: [ポンコツ, "dead weight"]
      exclude: [ポンコツ車]
    message: {en: "Please be kind.", ja: "やさしい言葉で。"}
    suggestion: {en: "Say what went wrong.", ja: "何が問題か伝えましょう。"}
"""
    scanner = parse_policy(text).compile()
    assert spans(scanner, "あいつはポンコツ", "X101") == ["ポンコツ"]
    assert spans(scanner, "ﾎﾟﾝｺﾂ", "X101") == ["ﾎﾟﾝｺﾂ"]
    assert spans(scanner, "ポンコツ車で旅行", "X101") == []
    assert spans(scanner, "he is d e a d  w e i g h t", "X101") == ["d e a d  w e i g h t"]


# ---------------------------------------------------------------- the classifier plug-in


def fake_score(text: str) -> float:
    """A stand-in for a toxicity model: the share of exclamation marks, scaled."""
    if "boom" in text:
        raise RuntimeError("the model fell over")
    return min(1.0, text.count("!") / 3)


def classifier_policy(model: str, threshold: float = 0.6):
    return f"""\
extends: default
rules:
  H105:
    enabled: true
    params: {{model: "{model}", threshold: {threshold}}}
"""


def test_the_toxicity_model_is_off_by_default(scanner):
    assert "H105" not in {r.code for r in scanner.rules()}


def test_it_flags_a_post_the_model_scores_high():
    scanner = parse_policy(classifier_policy(f"{__name__}:fake_score")).compile()
    (finding,) = scanner.scan("you again!!!").findings
    assert (finding.rule, finding.start, finding.end) == ("H105", 0, len("you again!!!"))
    assert "1.00" in finding.evidence


def test_it_ignores_a_post_the_model_scores_low():
    scanner = parse_policy(classifier_policy(f"{__name__}:fake_score")).compile()
    assert scanner.scan("see you tomorrow!").findings == []


def test_a_failing_model_does_not_stop_the_scan():
    scanner = parse_policy(classifier_policy(f"{__name__}:fake_score")).compile()
    assert scanner.scan("boom!!!").findings == []


def test_it_reports_a_model_that_cannot_be_imported():
    with pytest.raises(PolicyError) as exc:
        parse_policy(classifier_policy("no_such_package.toxicity:score"))
    assert "no_such_package" in str(exc.value)


def test_it_rejects_a_threshold_out_of_range():
    with pytest.raises(PolicyError):
        parse_policy(classifier_policy(f"{__name__}:fake_score", threshold=3))


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("全く男として見ていない", "H102"),
        ("女としてもう終わってる", "H102"),
        ("あいつ才能ないな", "H101"),
        ("性格悪すぎでしょ", "H101"),
        ("He is not a real man", "H102"),
    ],
)
def test_it_flags_put_downs_of_ability_and_gender(scanner, text, rule):
    assert rule in {f.rule for f in scanner.scan(text).findings}


@pytest.mark.parametrize(
    "text",
    ["私は才能がないけど頑張る", "自分センスないなー", "時間がなさすぎる", "このビールはキレがある",
     "男として生きるとは何か考えた"],
)
def test_it_leaves_alone_self_talk_and_ordinary_lack(scanner, text):
    assert not [f for f in scanner.scan(text).findings if f.category == "harassment"]


# Words talked about rather than said: quoted or named, then reported, discussed or titled.
MENTIONED = [
    "「死ね」とDMで送ってきた人を通報しました",
    "上司に「お前は無能だ」と言われて泣いた",
    "「バカ」って言葉、子どもに使わせたくない",
    "曲名「消えろ」が好きでよく聴く",
    "『クズ』というタイトルのドラマ、面白かった",
    "死ねと書き込んだ男が書類送検",
    "バカという言葉は人を傷つける",
    'Please stop using words like "retard", they hurt people',
    'he literally said "shut up" to his own mother',
    "the word retard is a slur, please don't use it",
    "my coworker called me an idiot in the meeting",
    'a song titled "Fuck You" was on the radio',
    # one of a list of words named
    "研修では「デブ」「ハゲ」は絶対に使わないと教わった",
    "バカ・アホなどの暴言はやめましょう",
]


@pytest.mark.parametrize("text", MENTIONED)
def test_it_leaves_alone_words_that_are_mentioned_not_used(scanner, text):
    assert [f.text for f in scanner.scan(text).findings if f.category == "harassment"] == []


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("「死ね」", "H103"),                        # a quote on its own is said, not talked about
        ("あいつに言いたい。「消えろ」", "H101"),
        ('"shut up" you idiot', "H101"),          # the insult outside the quote still counts
        ("死ねって言ってんだよ", "H103"),            # って with no word about words: said in anger
    ],
)
def test_a_quote_alone_is_still_said(scanner, text, rule):
    assert rule in {f.rule for f in scanner.scan(text).findings}


@pytest.mark.parametrize(
    "text",
    ["うちの犬アホかわいい", "うちの猫ほんとバカで可愛い", "アホすぎてかわいい、うちのインコ", "愛犬がアホすぎる",
     "my dog is such an idiot lol", "our cat is a dumbass, ate a sock again",
     "私ってほんとバカ", "俺バカだから説明お願い", "自分アホすぎて笑う"],
)
def test_it_leaves_alone_affection_and_self_talk(scanner, text):
    assert [f.text for f in scanner.scan(text).findings if f.category == "harassment"] == []


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("うちの上司ほんとバカ", "バカ"),              # a boss is not a pet
        ("ブスのくせにかわいいと思ってる", "ブス"),    # "thinks she is cute" is not affection
        ("my idiot boss again", "idiot"),           # "my" before an insult is not self-talk
        ("あいつアホだし全然かわいくない", "あいつアホ"),
    ],
)
def test_affection_and_self_talk_need_the_real_thing(scanner, text, span):
    assert span in spans(scanner, text, "H101")


# Threats said sideways, to public servants and influencers alike: fire promised after fuel,
# a found address, a remembered face, a warning to watch one's back, ｼﾈよ.
@pytest.mark.parametrize(
    ("text", "rule", "span"),
    [
        ("ガソリンかけて燃やすぞ", "H103", "ガソリンかけて燃やすぞ"),
        ("あの店に灯油撒いて火をつけてやる", "H103", None),
        ("議員の事務所に火つけてやる", "H103", None),
        ("お前の実家、もう特定したから", "H103", None),
        ("あの受付の顔覚えたからな", "H103", "あの受付の顔覚えたからな"),
        ("せいぜい背後には気をつけることだ", "H103", "背後には気をつけることだ"),
        ("ｼﾈよ", "H103", "ｼﾈ"),
        ("Drop dead, every one of you", "H103", "Drop dead"),
        ("I'd pay to see him in his underwear lol", "H104", "pay to see him in his underwear"),
        ("新しい受付の子の裸見たい", "H104", "裸見たい"),
        ("dumb bureaucrats never read a single email", "H101", "dumb bureaucrats"),
        ("beauty influencers are parasites, all of them", "H101", None),
        ("お前の顔汚すぎ", "H101", None),
        ("整形顔で美容語るなよ", "H101", "整形顔"),
        ("市役所燃やしたろかな", "H103", None),
        ("Someone should torch that ward office", "H103", None),
        ("今度会ったらぶん殴るからな", "H103", None),
        ("That streamer is so ugly, how does she have fans", "H101", None),
        ("Imagine being this hideous and giving dating advice", "H101", None),
        ("ugly ass clerk at the counter again", "H101", "ugly ass clerk"),
        ("ブスがかわいい子ぶるなよ", "H101", "ブス"),
    ],
)
def test_it_flags_sideways_threats_and_put_downs(scanner, text, rule, span):
    found = spans(scanner, text, rule)
    assert found if span is None else span in found


@pytest.mark.parametrize(
    "text",
    ["天ぷら油をかけて火をつけると危ないので注意", "バグの原因はもう特定したから安心して",
     "雪なので帰り道は気をつけてね", "店員さんの顔覚えたよ、また行くね", "少しねようかな",
     "That dress is drop dead gorgeous", "The drop dead date for the bid is Friday",
     "I'd love to see the naked truth about this budget", "裸の王様みたいな話だね",
     "civil servants are the backbone of this city", "Stupid question: where do I renew my permit?",
     "I'm going to burn the midnight oil on this report", "燃やす脂肪が多すぎて困る", "会ったら相談するね",
     "This logo is so ugly, can we try another font?", "うちの犬アホかわいい"],
)
def test_it_leaves_alone_the_everyday_side_of_those_words(scanner, text):
    assert [f.text for f in scanner.scan(text).findings if f.category == "harassment"] == []
