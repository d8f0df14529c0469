"""C101/C103: code names and confidentiality words, judged by their everyday uses."""

import pytest

from .conftest import rules_found, spans

CODE_NAME_EVERYDAY = [
    "ファルコンズ負けた…今年もプレーオフ厳しい",
    "ミレニアムファルコン完成した",
    "ハヤブサって英語でファルコンって言うんだね",
    "ファルコン（ハヤブサ）を撮影できた📷 河川敷にて",
    "Falcon is the name of a web framework in Python, for anyone confused",
]

CODE_NAME_LEAKS = [
    ("ファルコンチームで深夜まで作業", "ファルコン"),
    ("社内のファルコンダッシュボード見たらクエリが速くなってた", "ファルコン"),
    ("アクメファルコンのデモ見た", "ファルコン"),
    # an everyday word in another sentence does not hide it
    ("Falcon beta ships next week. Saw a hawk on the way to the office btw", "Falcon"),
    ("ハヤブサの撮影に行った。ファルコンのリリースは来月", "ファルコン"),
]

CUES_FLAGGED = [
    ("confidential, but Acme Cloud prices go up 12% in May", "confidential"),
    ("極秘プロジェクトに配属された。何やってるかは言えないけど", "極秘"),
    ("don't tell anyone but we're sunsetting the desktop app", "don't tell anyone"),
    ("内緒だけど、うちの本部が来期に別の本部と統合されるっぽい", "内緒だけど"),
    ("「社内限定」って書いてある資料、一部だけ紹介するね", "社内限定"),
    ("pre-announcement: Acme Cloud Pro goes to $10/seat in July, you heard it here first",
     "you heard it here first"),
    ("発表前の新機能、アクメクラウドにAI要約が入るよ。まだ秘密ね", "まだ秘密"),
]

CUES_CLEAN = [
    "ドラマの「極秘任務」回、めっちゃ面白かった",
    "The new Top Secret episode was great",
    "my doctor keeps everything confidential, thankfully",
    "don't tell anyone but I'm throwing a surprise party for my sister",
    "ケーキは内緒で買っておいた。まだ秘密ね",
    "unreleased demo tapes from the band leaked, and they're incredible",
    "社外秘や社内限定の資料はSNSに投稿しないでください",
]


@pytest.mark.parametrize("text", CODE_NAME_EVERYDAY)
def test_a_code_name_in_its_everyday_sense_is_not_a_leak(acme, text):
    assert spans(acme, text, "C101") == []


@pytest.mark.parametrize(("text", "span"), CODE_NAME_LEAKS)
def test_a_code_name_for_the_project_is_flagged(acme, text, span):
    assert spans(acme, text, "C101") == [span]


@pytest.mark.parametrize(("text", "span"), CUES_FLAGGED)
def test_a_confidentiality_cue_in_context_is_flagged(acme, text, span):
    assert span in spans(acme, text, "C103")


@pytest.mark.parametrize("text", CUES_CLEAN)
def test_an_ordinary_use_is_not_flagged(acme, text):
    assert "C103" not in rules_found(acme, text)


# A second organization whose code names are everyday words: a star and a bird.
MINATO_POLICY = """\
extends: default
organization:
  names: ["Minato Credit", "みなと信金"]
  products: ["Minato Pay", "みなとペイ"]
  codenames: ["Sirius", "シリウス", "Kamome", "カモメ"]
"""


@pytest.fixture(scope="module")
def minato():
    from koe.engine import parse_policy

    return parse_policy(MINATO_POLICY, source="minato.yaml").compile()


@pytest.mark.parametrize(("text", "span"), [
    # the code name does work: it ships, slips, has a demo, a standup, a test phase
    ("Sirius slipped to June, QA found a blocker in the payout flow", "Sirius"),
    ("Kamome ships to the first five branches next week", "Kamome"),
    ("stuck in the Kamome standup again, third one today", "Kamome"),
    ("saw the Sirius demo today and it's fast", "Sirius"),
    ("シリウス、来月から支店でテスト中", "シリウス"),
    ("カモメの本番切り替え、週末に決まった", "カモメ"),
    ("シリウスのデモ、役員ウケ良かった", "シリウス"),
    ("カモメの件で今日も残業", "カモメ"),
    ("かもめ開発中の画面ちょっとだけ", "かもめ"),
])
def test_an_everyday_word_code_name_doing_work_is_flagged(minato, text, span):
    assert spans(minato, text, "C101") == [span]


@pytest.mark.parametrize("text", [
    # seen, ridden, photographed; with an article; another name; a title in quotes
    "Spotted a Kamome at the harbour stealing fries",
    "Took the Kamome ferry to the island, calm sea today",
    "We watched the Sirius satellite radio ad, so cheesy",
    "the Kamome express to Nagasaki was packed",
    "Sirius Black is my favourite character",
    "シリウスが見えた！双眼鏡持ってきてよかった",
    "シリウスを撮影した、冬の大三角きれい",
    "「カモメ」って歌、母がよく歌ってた",
    # the bird and the star themselves, and the other script of the kana
    "カモメが防波堤に並んでてかわいい",
    "港のカモメにパン取られた",
    "冬の夜空にシリウスが輝いてる",
    "特急かもめで長崎へ",
    "かもめ食堂、また観たくなった",
    # a katakana work word inside a longer word is not a work word (バグ in ハンバーグ)
    "かもめグリルのハンバーグ最高",
])
def test_an_everyday_word_code_name_in_its_everyday_sense_is_clean(minato, text):
    assert spans(minato, text, "C101") == []


@pytest.mark.parametrize(("text", "span"), [
    ("ナイショだよ、来月から手数料が上がるんだ", "ナイショだよ"),
    ("内緒ですが、みなとペイのポイント還元が終わります", "内緒ですが"),
    ("Between you and me, our quarterly numbers look bad", "Between you and me"),
    ("Off the record: the Q3 figures are ugly and we're freezing hiring", "Off the record"),
])
def test_a_secrecy_cue_about_the_business_is_flagged(minato, text, span):
    assert span in spans(minato, text, "C103")


@pytest.mark.parametrize("text", [
    # someone else's news
    "Apple's unreleased iPhone leaked online, but the photos look fake",
    "Rumor has it Google has an unannounced phone, here's the leak",
    "他社の未発表モデルがリークされてるけど、本当かな",
    "Netflix's confidential memo leaked, here's what it says",
    # general advice and the legal term
    "Always treat customer data as confidential at work",
    "機密保持契約のテンプレート、便利だった",
])
def test_a_cue_about_others_or_in_advice_is_clean(minato, text):
    assert "C103" not in rules_found(minato, text)


def test_the_organizations_own_unreleased_news_still_counts_next_to_another_name(minato):
    assert spans(minato, "Minato Pay's unreleased feature, but here's a sneak peek",
                 "C103") == ["unreleased"]


# A third organization: a code name in kana that ends in a long vowel (グライダー) and one
# that is an everyday word written in hiragana (さくら).
HOSHINO_POLICY = """\
extends: default
organization:
  names: ["Hoshino Foods", "ほしの食品"]
  products: ["Hoshino Bento", "ほしの弁当"]
  codenames: ["Glider", "グライダー", "Sakura", "さくら"]
"""


@pytest.fixture(scope="module")
def hoshino():
    from koe.engine import parse_policy

    return parse_policy(HOSHINO_POLICY, source="hoshino.yaml").compile()


@pytest.mark.parametrize(("text", "span"), [
    # the long vowel mark at the end belongs to the code name
    ("グライダーの定例、また延びた", "グライダー"),
    ("グライダーのレビュー、金曜までに終わらせる", "グライダー"),
    # hiragana with a work word, and a suffix that says what something is for
    ("さくらのデモ、役員会で好評だった", "さくら"),
    ("さくら用の検証環境、本番と分けておいた", "さくら"),
    # English with the same capitals and a build or a trial
    ("Sakura alpha build is on the test phones now", "Sakura"),
])
def test_a_kana_or_hiragana_code_name_doing_work_is_flagged(hoshino, text, span):
    assert spans(hoshino, text, "C101") == [span]


@pytest.mark.parametrize("text", [
    # hiragana is how the word is written: no work word, no finding
    "さくら咲いたね、お花見いこ",
    "娘の名前、さくらにしようか迷ってる",
    # part of a longer word: a compound with a kanji, a hiragana word around it
    "さくら餅、会議のお茶菓子に出てきた",
    "グライダー部の練習スケジュールが決まった",
    # a film by its year, watched again, a pet, an emulator
    "Glider (1994) still holds up, what an ending",
    "binged Glider over the weekend, no regrets",
    "Our dog Sakura turned five today 🎂",
    "Sakura was my favourite emulator back in the day",
])
def test_a_code_name_in_its_everyday_sense_is_clean(hoshino, text):
    assert spans(hoshino, text, "C101") == []


@pytest.mark.parametrize(("text", "span"), [
    # internal documents quoted as the source
    ("社内資料だけど、来期のボーナスは減るらしい", "社内資料"),
    ("internal memo: the Osaka office closes in March", "internal memo"),
    # the zipped-mouth emoji keeps a secret, like 🤫
    ("the merger announcement is on Friday 🤐", "🤐"),
    ("ほしの弁当の値上げ、来週発表🤐", "🤐"),
])
def test_internal_documents_and_secrecy_emoji_are_cues(hoshino, text, span):
    assert span in spans(hoshino, text, "C103")


@pytest.mark.parametrize("text", [
    # players dug it out of the released files: public, even about the organization's own app
    "leak via dataminers: unreleased Hoshino Bento themes found in the app files",
    "データマイナーが見つけた未発表のほしの弁当コラボ、けど本当に来るのかな",
    # a question about the word itself
    "オフレコって何の意味？上司がよく言うんだけど",
    "「極秘」ってどういう意味？会社の書類に書いてあった",
    # advice about internal documents, and a secret that is not about work
    "社内資料の作り方のコツ、研修で教わった",
    "🤐 my lips are sealed about the surprise party",
])
def test_public_leaks_and_questions_about_the_word_are_clean(hoshino, text):
    assert "C103" not in rules_found(hoshino, text)


@pytest.mark.parametrize("text", [
    # a name given to a pet, a bike or a child
    "I named my bike Glider because it's silent downhill",
    "Sakura is such a pretty name for a girl",
])
def test_a_code_name_given_as_a_name_is_clean(hoshino, text):
    assert spans(hoshino, text, "C101") == []


@pytest.mark.parametrize(("text", "span"), [
    # the organization's own news next to "not announced yet" is the reveal itself
    ("Hoshino Bento goes up to 800 yen in May, not announced yet", "not announced yet"),
    ("ほしの食品が九州に工場を建てる話、まだ公表されていない", "公表されていない"),
    # more ways to ask for secrecy
    ("誰にも言えないけど、部署ごと大阪に異動になる", "誰にも言えない"),
    ("the layoff list is final, keep it on the down low", "on the down low"),
])
def test_untold_news_of_the_organization_is_flagged(hoshino, text, span):
    assert span in spans(hoshino, text, "C103")


@pytest.mark.parametrize("text", [
    # a customer asking or guessing about what has not been announced
    "Hoshino Bento's summer menu isn't announced yet, I hope it's eel",
    "ほしの弁当の秋の新作、発表前だから予想してみた",
    # a leak that is already going around
    "ほしの弁当の未発表メニュー、リーク画像が出回ってるけど本当に出るの",
])
def test_guesses_and_leaks_already_going_around_are_clean(hoshino, text):
    assert "C103" not in rules_found(hoshino, text)


# Public-sector families: markings of any office, news described as not yet public, budgets,
# bids and personnel notices told in secret.
@pytest.mark.parametrize(("text", "span"), [
    # 〇外秘 / 〇内限り for an office other than 社
    ("局外秘のメモ、ちょっとだけ見せるね", "局外秘"),
    ("課内限りの連絡だけど、来月から窓口の受付時間が短くなる", "課内限り"),
    # a not-yet cue that describes the work thing itself
    ("公表前の入札結果、B社が一番安かった", "公表前"),
    ("議決前の予算、道路の補修費が半分に削られてる", "議決前"),
    ("Pre-council numbers for the parks budget: two pools close next summer", "Pre-council"),
    ("非公表の人事、総務部長が交代するらしい", "非公表"),
    # secrecy about a bid or a transfer; a hush next to "not announced yet"
    ("between you and me, the tender went to the lowest bidder by a mile", "between you and me"),
    ("ここだけの話、4月の内示で係長が3人も本庁に戻るらしい", "ここだけの話"),
    ("the new parking fees are not announced yet, shh", "not announced yet"),
    # a personnel notice, and "I can't say the details" about a deal
    ("内示出たけど、4月から財政課に異動です", "内示"),
    ("新しい取引先の詳細は言えないけど、かなり大きい案件", "詳細は言えない"),
])
def test_public_sector_news_not_yet_public_is_flagged(hoshino, text, span):
    assert span in spans(hoshino, text, "C103")


@pytest.mark.parametrize("text", [
    # in-store and in-hospital only: offers, not markings
    "店内限定メニュー、今日までだって",
    "院内限定のカフェ、意外とおいしい",
    # the council building, a public budget, a bid that was published
    "議会前で予算削減に反対するデモがあった",
    "The budget passed after the council vote; the minutes are on the city site",
    "Bid results for the bridge repair were published today",
    # a hush that is not about work; refusing to say; news not out yet, told as personal news
    "shh, the baby is finally asleep",
    "shh don't tell my boss I'm napping",
    "予算の話は議会前だから、まだ何も言えないです",
    "議会前の静けさ。今日は早く帰れそう",
    "来週内示だから緊張する",
    "ドラマの内容は詳しくは言えないけど最高だった",
])
def test_public_sector_words_in_public_or_everyday_use_are_clean(hoshino, text):
    assert "C103" not in rules_found(hoshino, text)


def test_a_code_name_with_a_plan_is_the_project(hoshino):
    assert spans(hoshino, "さくら計画の第2段階、来週から", "C101") == ["さくら"]
    assert spans(hoshino, "Glider計画の打ち合わせ、また延びた", "C101") == ["Glider"]


TSUBAKI_POLICY = """\
extends: default
organization:
  names: ["Tsubaki Gakuen", "椿学園"]
  products: ["Tsubaki Learn"]
  codenames: ["Fujin", "風神", "白虎"]
"""


@pytest.fixture(scope="module")
def tsubaki():
    from koe.engine import parse_policy

    return parse_policy(TSUBAKI_POLICY, source="tsubaki.yaml").compile()


@pytest.mark.parametrize("text", [
    # a god, a mythical beast, a shrine: the everyday sense of a kanji code name
    "風神雷神図屏風の風神、神様の絵なのに表情がすごく豊か",
    "白虎は西を守る神獣で、四神のひとつです",
    "Fujin is the Japanese wind god; the shrine near the station has a statue of him",
    # a shop of the same name; a fighting-game character
    "白虎って居酒屋、駅前にできたらしい。唐揚げが安い",
    "風神食堂の定食、ボリュームすごかった",
    "Fujin has been my main since the first fighting game I played",
])
def test_a_kanji_code_name_as_a_god_a_shop_or_a_character_is_clean(tsubaki, text):
    assert "C101" not in rules_found(tsubaki, text)


@pytest.mark.parametrize(("text", "span"), [
    ("白虎の進捗、来週の定例で報告します", "白虎"),
    ("白虎プロジェクトの予算、また削られた", "白虎"),
    ("Fujin beta slipped to June, the crunch is real", "Fujin"),
])
def test_a_kanji_code_name_at_work_is_still_flagged(tsubaki, text, span):
    assert span in spans(tsubaki, text, "C101")


@pytest.mark.parametrize(("text", "span"), [
    # the polite "I can't say much" about the business
    ("取引先の件なのであまり言えませんが、来期の価格はかなり上がります", "あまり言えません"),
    ("詳しくは言えませんが、来年の入試問題は大きく変わります", "詳しくは言えません"),
    # an embargo cue and a request to keep it quiet: passing it on
    ("Results are under embargo, so keep it quiet: the new alloy is 30% lighter", "under embargo"),
    ("未発表なので内緒で。新しい合金は30%軽いです", "未発表"),
    ("unpublished, keep this quiet: our survey found half the staff plan to leave", "unpublished"),
    # a maker's recall, a school's grading and admissions before release, a confidential draft
    ("ここだけの話、来月ブレーキのリコールが出るかも", "ここだけの話"),
    ("between you and me, the grading rubric for the final changes next term", "between you and me"),
    ("ここだけの話、今年の合格者数は去年より200人少ないらしい", "ここだけの話"),
    ("Confidential draft of the supplier contract is already on the group chat", "Confidential"),
])
def test_school_and_maker_secrets_are_flagged(tsubaki, text, span):
    assert span in spans(tsubaki, text, "C103")


@pytest.mark.parametrize("text", [
    "ここだけの話、昨日のカレーは辛すぎた",
    "between you and me, the cafeteria ramen is better than the one downtown",
    "The recall notice for the kettle is on the maker's site, check your model number",
    "入試問題の過去問は図書館で誰でも閲覧できます",
    "あまり言えませんが、映画のラストは泣けました",
    "The paper was published today and the data are open on the repository",
])
def test_everyday_secrets_and_public_school_news_are_clean(tsubaki, text):
    assert "C103" not in rules_found(tsubaki, text)


# Round 6: a request to keep it quiet reaches farther; gossip at the office is not a work secret;
# a possessive before the everyday thing ("Orion's belt") is the star.
ORION_POLICY = """\
extends: default
organization:
  names: ["Minato Credit", "みなと信金"]
  products: ["Minato Pay", "みなとペイ"]
  codenames: ["Orion", "オリオン"]
"""


@pytest.fixture(scope="module")
def orion():
    from koe.engine import parse_policy

    return parse_policy(ORION_POLICY, source="orion.yaml").compile()


@pytest.mark.parametrize(("text", "span"), [
    ("The results are under embargo until the conference next month, so keep it quiet",
     "under embargo"),
    ("Unreleased, and the rollout is weeks away from what I hear, so keep it to yourself",
     "Unreleased"),
    ("発表前の数字なんだけど、今期は前年の倍くらいいきそう。ここだけにしてね", "発表前"),
    ("未発表の話をちょっと長めに書くと、春に大きく変わる予定。他言無用でお願いします", "未発表"),
])
def test_a_request_to_keep_quiet_reveals_an_embargo_farther_away(orion, text, span):
    assert span in spans(orion, text, "C103")


@pytest.mark.parametrize("text", [
    # not asked to keep anything quiet: a plan, a wish
    "The results are under embargo until the conference next month, can't wait to present",
    "未発表の作品を書き溜めてる。いつか本にしたいな",
])
def test_an_embargo_with_nothing_passed_on_is_clean(orion, text):
    assert "C103" not in rules_found(orion, text)


@pytest.mark.parametrize("text", [
    "Between you and me, my boss's birthday cake was awful",
    "between you and me the office coffee is terrible",
    "don't tell anyone but my manager sang karaoke at the office party",
    "ここだけの話、上司の誕生日ケーキまずかった",
    "内緒だけど、会社の近くのラーメン屋が美味い",
    "ここだけの話、部長の親父ギャグが今日も寒かった",
])
def test_a_secret_about_office_gossip_is_clean(orion, text):
    assert "C103" not in rules_found(orion, text)


@pytest.mark.parametrize(("text", "span"), [
    # the work word is what is told, even with gossip words around
    ("Between you and me, the office party is off because layoffs start Monday",
     "Between you and me"),
    ("between you and me my manager is getting fired next month", "between you and me"),
    ("ここだけの話、上司が来月異動になる", "ここだけの話"),
    ("内緒だけど、忘年会の前に部署の統合が発表される", "内緒だけど"),
])
def test_a_secret_about_the_work_itself_is_flagged(orion, text, span):
    assert span in spans(orion, text, "C103")


@pytest.mark.parametrize("text", [
    "Orion's belt was so clear tonight",
    "Orion's sword is a fuzzy patch, that's where the nebula is",
    "Orion's belt looked amazing from the office roof",
])
def test_a_possessive_before_the_everyday_thing_is_clean(orion, text):
    assert spans(orion, text, "C101") == []


@pytest.mark.parametrize("text", [
    "Orion's payout flow is broken again",
    "Orion's launch slipped to June",
])
def test_a_possessive_before_the_work_is_flagged(orion, text):
    assert spans(orion, text, "C101") == ["Orion"]
