#!/usr/bin/env python3
"""Build the holdout6 evaluation set (Sakura Beauty): internal.jsonl and rows.jsonl.

Hand-written posts; personal data and credentials are generated here with a seeded random
generator (valid Luhn card numbers, IBAN and My Number check digits, tokens of the right
shapes). Run from anywhere: python3 bench/holdout6/build.py
"""
import base64
import json
import os
import random
import string

HERE = os.path.dirname(os.path.abspath(__file__))
R = random.Random(20250606)
ALNUM = string.ascii_letters + string.digits
FW = str.maketrans("0123456789-", "０１２３４５６７８９－")


def rs(n, alphabet=ALNUM):
    return "".join(R.choice(alphabet) for _ in range(n))


def digits(n):
    return "".join(R.choice(string.digits) for _ in range(n))


def luhn(prefix, length):
    body = [int(c) for c in prefix] + [R.randrange(10) for _ in range(length - len(prefix) - 1)]
    total = 0
    for i, d in enumerate(reversed(body)):
        if i % 2 == 0:
            d *= 2
            d = d - 9 if d > 9 else d
        total += d
    return "".join(map(str, body)) + str((10 - total % 10) % 10)


def card(kind="visa", sep=" "):
    if kind == "amex":
        n = luhn(R.choice(["34", "37"]), 15)
        return sep.join([n[:4], n[4:10], n[10:]])
    prefix = {"visa": "4", "mc": str(R.randint(51, 55)), "jcb": "35" + str(R.randint(28, 89))}[kind]
    n = luhn(prefix, 16)
    return sep.join(n[i:i + 4] for i in range(0, 16, 4))


def iban(country):
    if country == "DE":
        bban = digits(18)
    elif country == "GB":
        bban = "".join(R.choice(string.ascii_uppercase) for _ in range(4)) + digits(14)
    else:  # NL
        bban = "".join(R.choice(string.ascii_uppercase) for _ in range(4)) + digits(10)
    num = "".join(str(int(c, 36)) for c in bban + country + "00")
    check = 98 - int(num) % 97
    raw = f"{country}{check:02d}{bban}"
    return " ".join(raw[i:i + 4] for i in range(0, len(raw), 4))


def mynumber(sep=""):
    d = [R.randrange(10) for _ in range(11)]
    s = sum(d[11 - n] * (n + 1 if n <= 6 else n - 5) for n in range(1, 12))
    rem = s % 11
    d.append(0 if rem <= 1 else 11 - rem)
    t = "".join(map(str, d))
    return sep.join([t[:4], t[4:8], t[8:]]) if sep else t


def ssn():
    area = R.choice([a for a in range(101, 899) if a != 666])
    return f"{area:03d}-{R.randint(1, 99):02d}-{R.randint(1, 9999):04d}"


def jp_mobile():
    return f"0{R.choice('789')}0-{digits(4)}-{digits(4)}"


def jp_land():
    return R.choice(["03", "06", "045", "052"]) + "-" + digits(4 if True else 3) + "-" + digits(4)


def us_phone():
    return f"({R.randint(201, 989)}) {R.randint(201, 989)}-{digits(4)}"


def email(name):
    return f"{name}{R.randint(10, 99)}@{R.choice(['gmail.com', 'yahoo.co.jp', 'icloud.com', 'outlook.jp', 'docomo.ne.jp'])}"


def aws_pair():
    return "AKIA" + rs(16, string.ascii_uppercase + "234567"), rs(40, ALNUM + "/+")


def b64u(obj):
    return base64.urlsafe_b64encode(json.dumps(obj, separators=(",", ":")).encode()).rstrip(b"=").decode()


def jwt():
    head = b64u({"alg": "HS256", "typ": "JWT"})
    body = b64u({"sub": f"u{digits(6)}", "name": "ops-bot", "iat": 1736900000 + R.randint(0, 9999999)})
    return f"{head}.{body}.{rs(43, ALNUM + '-_')}"


def private_key():
    lines = [rs(64, ALNUM + "+/") for _ in range(5)]
    return "-----BEGIN RSA PRIVATE KEY-----\nMIIEow" + rs(58, ALNUM + "+/") + "\n" + "\n".join(lines) + "\n-----END RSA PRIVATE KEY-----"


def tags(words, last="#PR"):
    return " ".join("#" + w for w in words) + " " + last


# ---------------------------------------------------------------- internal documents
INTERNAL = [
    ("h6-doc-01", "【#nova-launch】Novaの発売日は2025年3月14日で確定しました。初回ロットは12万本、価格は6,800円で最終調整中です。競合のA社より先に出すため、インフルエンサー施策は2月第2週に前倒しします。発表前なので外部には絶対に出さないでください。質問は商品企画の小野までお願いします。"),
    ("h6-doc-02", "Mochiプロジェクト 処方変更メモ：もち肌クリームの処方を変更し、セラミド配合量を現行の1.5倍に増量する。旧処方で報告された赤みの相談（月42件）は防腐剤フェノキシエタノールが原因の可能性が高い。切り替えは5月出荷分から行い、旧処方の在庫は社販で消化する。パッケージ表記の変更は法務確認後に進めること。"),
    ("h6-doc-03", "インフルエンサー施策ガイドライン（2025年版）：案件投稿は必ず冒頭に【PR】を入れること。ハッシュタグの最後に#PRを入れるだけでは不十分です。報酬はフォロワー1万人につき1投稿3万円、ストーリーズは半額とする。薬機法のNGワード（治る、消える、痩せる）は使用禁止、違反した場合は次回以降の起用を見送る。"),
    ("h6-doc-04", "【#cs-escalation】ハナセラムで肌荒れしたという投稿が拡散中です。現時点で問い合わせは87件。返金は購入証明がなくても全額対応とします。ただし公式見解が出るまで、SNSで個別に謝罪しないでください。広報の佐伯さんが今夜中に声明案を作成し、明朝の役員会で確認します。問い合わせ対応のテンプレートは本日18時までにCSリーダーが更新してください。"),
    ("h6-doc-05", "ペタルファンド運用委員会 議事録（第3期）：第3期の運用成績は年率4.2%だった。社員からの拠出金は総額3億1千万円。次期は海外REITの比率を20%から35%に引き上げる案を審議し、賛成多数で承認。元本保証ではない旨を明記した説明資料を人事部と共同で作成し、6月の説明会で配布する。次回の委員会は9月第2週、議長は財務部の松本が務める。"),
    ("h6-doc-06", "【#finance】Q3の売上は前年比118%、さくらグロウ単体で42億円でした。決算発表は11月8日なので、それまでは社内でも数字の転送は禁止です。IRチェック済みの資料以外は共有しないでください。部門別の内訳は経営企画の共有フォルダにありますが、閲覧権限は課長以上に限定しています。アナリスト向けの想定問答は11月1日までに完成させます。"),
    ("h6-doc-07", "ノヴァ パッケージ仕様（wiki）：ノヴァのボトルは星形のガラスボトルに決定した。金型は台湾の工場で製造し、単価は1本あたり214円。色名は「夜明けピンク」と「星屑ラベンダー」の2色で、限定色は年末に追加する予定。外箱は再生紙100%、印刷は2色刷りでコストを抑える。サンプルは3月上旬に届く予定で、撮影はその翌週に行う。"),
    ("h6-doc-08", "【人事からのお知らせ・限定公開】4月1日付でマーケティング部とEC事業部を統合し、デジタル本部を新設します。本部長は高村さんが兼任します。対象メンバーへの個別面談は3月第1週に実施しますので、それまでは口外しないようお願いします。席替えは4月第2週の週末に行います。新しい評価制度の説明は5月の全体会議で行う予定です。"),
    ("h6-doc-09", "店舗戦略 wiki：渋谷店と心斎橋店は6月末で閉店する予定。理由は賃料の上昇と来店客数の減少（前年比マイナス23%）。スタッフは近隣店舗への異動を基本とし、希望者には早期退職プランを案内する。閉店の告知はお客様向けに5月中旬、取引先には5月上旬に行う。在庫は閉店セールで7割まで消化し、残りは梅田店と表参道店へ移す。"),
    ("h6-doc-10", "CS対応マニュアル（社内）：返品理由が「効果がない」の場合は、まず使用期間を確認し、4週間未満なら継続使用をお願いする。ただし『必ず効果が出る』とは絶対に言わないこと。強い口調のお客様には1,000円分のクーポンを提示してよい。それでも収まらない場合はリーダーに引き継ぐ。通話内容は必ず対応履歴に残し、同じお客様からの三回目の連絡は課長が対応する。"),
    ("h6-doc-11", "Nova seeding plan: we ship PR boxes to 60 creators on Feb 3, under embargo until launch day. Tier A creators (over 500k followers) get $4,000 per Reel plus a 10% affiliate code. Brief them that the serum is 'hydrating' only; no before/after skin claims and no mention of the launch price."),
    ("h6-doc-12", "#qa-mochi: Heads up, the rice ferment supplier for Mochi failed the second microbial test (total count three times over spec). We are pausing the pilot batch and moving to the backup vendor in Niigata. Do not mention this to retailers until QA signs off, probably in two weeks."),
    ("h6-doc-13", "Petal Fund FAQ (internal draft): Petal Fund is an employee investment club, not a savings account. Last year's return was 4.2%, but members can lose money. Contributions are capped at 50,000 yen per month and are matched 10% by the company up to 600,000 yen a year. Withdrawals take two payroll cycles."),
    ("h6-doc-14", "Pricing review, decision log: Sakura Glow goes from $38 to $44 in the US on April 1, while Hana Serum stays at $52. Retail partners will be told on March 10 by their account managers. Keep this in the pricing channel only; the public price list updates on launch morning."),
    ("h6-doc-15", "Postmortem LOY-77: on Jan 12 the loyalty app showed 3,412 customers someone else's order history for about 40 minutes. Root cause was a cache key that ignored the customer ID after the CDN migration. We notified the regulator on Jan 14; customer emails go out after legal review."),
    ("h6-doc-16", "Restructuring plan (HR confidential): the Singapore office closes at the end of Q2 and 28 roles move to Tokyo. Affected staff are told in person on May 6 by their managers. Until then, refer any questions to HR and do not discuss the plan in public channels or with recruiters."),
    ("h6-doc-17", "Creator partnerships wiki, do-not-rebook list: we no longer work with anyone who posted cure claims for Hana Serum in 2024, or with the two accounts that were caught buying followers. Legal asked us to keep this list internal because it names individuals."),
    ("h6-doc-18", "#lab-stability: batch SG-2409 of Sakura Glow shows pH drift to 4.1 after eight weeks at 40°C. It is still within spec, but we will shorten the shelf-life claim from 36 to 24 months on the next print run. No recall is planned."),
    ("h6-doc-19", "Spring campaign brainstorm: a 'Petal Challenge' where customers post their morning routine with our toner. Budget is $120k, with $30k reserved for paid TikTok boosts. We'll reveal the new Mochi packaging as the grand prize in week three."),
    ("h6-doc-20", "Exec offsite notes: the CEO wants to enter the Korean market in 2026 through a distribution partnership rather than a subsidiary. Two candidate partners are shortlisted after the Seoul visits. Board approval is expected in September; nothing is final yet."),
]


# ---------------------------------------------------------------- rows
# (lang, account, expect, text, note)
P, B, D, INT = "personal", "brand", "direct", "internal"

PII = [
    # positives, ja
    ("ja", B, True, f"@yuki_cosme8 お問い合わせありがとうございます🌸 ご登録のメールアドレス {email('yuki.cosme')} とお電話 {jp_mobile()} 宛にご連絡いたしましたのでご確認ください🙇‍♀️", "brand support reply publishes the customer's e-mail and mobile"),
    ("ja", P, True, f"今日の神対応報告🌸 お客様の山本さん（{jp_mobile()}）から直接お礼のお電話いただいた…泣いた😭 #さくらビ #接客 #販売員の日常", "employee posts a customer's phone number"),
    ("ja", P, True, "返品の送り先これで合ってるか誰か見て〜🙏 東京都世田谷区桜新町2丁目14番7号 ハイツ桜203 田中美咲様", "customer's street address pasted by support staff"),
    ("ja", P, True, f"お客様からDMでカード番号そのまま届いたんだけどどうしよw {card('jcb')} 有効期限 09/27 って…", "card number (valid Luhn, JCB) of a customer"),
    ("ja", P, True, f"会員登録の本人確認にマイナンバー送ってくる人いた…😇 個人番号 {mynumber(' ')} ってそのまま書いてある", "My Number with valid check digit"),
    ("ja", P, True, f"プレゼント当選者さまのご連絡先です→ 佐藤様 {jp_mobile().translate(FW)} 発送前に確認お願いします！", "full-width mobile number of a winner"),
    ("ja", P, True, f"返金先きたのでメモ📝 みずほ銀行 渋谷支店 普通 口座番号 {digits(7)} 名義 スズキ ハナコ", "bank account number with context"),
    ("ja", P, True, f"このクレームの人しつこすぎる… {email('mika.kobayashi')} 毎日5通送ってくる。ブロックでいいよね？", "customer's e-mail address"),
    ("ja", P, True, f"サンプル送付先 〒530-0001 大阪府大阪市北区梅田3丁目1-5 グランドメゾン1102 森 理沙 様 📦 {jp_land()}", "address and phone of a creator"),
    ("ja", P, True, f"インフルエンサーのりなちゃんの連絡先共有しとく〜 +81 90 {digits(4)} {digits(4)} LINEもこれで出るよ", "international-format Japanese mobile"),
    ("ja", D, True, f"先ほどのお客様情報です。氏名：中村 彩 メール：{email('aya.n')} 電話：{jp_mobile()} 住所：神奈川県横浜市港北区日吉本町4-12-3", "customer record pasted in a DM"),
    ("ja", P, True, f"海外ツアー参加者のパスポート番号控え：高橋 結衣 様 旅券番号 T{R.choice('KRZ')}{digits(7)}", "passport number with context"),
    ("ja", P, True, f"お客様のカード情報（決済エラーの件）：{card('visa', '').translate(FW)} 名義 KENTA ISHII", "full-width card number (valid Luhn)"),
    # positives, en
    ("en", P, True, f"Customer says her Hana Serum order never arrived: Jessica Moore, {email('jess.moore')}, {us_phone()}. Can someone at the warehouse check? #customerservice", "customer e-mail and phone"),
    ("en", B, True, f"@glowwithjess So sorry about that! We've refunded the card you gave us ({card('mc')}), it should show up in 5-7 days 💕", "brand account repeats a customer's full card number"),
    ("en", P, True, f"Influencer W-9 finally came in, her SSN is {ssn()} — forwarding to finance now 🙃", "US SSN"),
    ("en", P, True, f"Refund for our UK customer goes to IBAN {iban('GB')}, account name Olivia Hart. Can finance push it today?", "valid GB IBAN"),
    ("en", P, True, f"German stockist wants the deposit back: IBAN {iban('DE')} (Lena Vogel). posting here so I don't lose it lol", "valid DE IBAN"),
    ("en", P, True, f"PR box for Amelia goes to her mum's place, ring her on +44 7{digits(3)} {digits(6)} before 6pm 📦✨", "UK mobile of a creator"),
    ("en", P, True, f"Ship the Sakura Glow PR box to Madison Lee, 2417 Larchmont Ave Apt 3B, Los Angeles CA 90027, cell {us_phone()} 🌸", "home address and phone of a creator"),
    ("en", P, True, f"For the Seoul trip booking: Chloe Park, passport number {R.randint(5, 6)}{digits(8)}, DOB 04/11/1996. Please book the 9am flight.", "passport number with context"),
    ("en", P, True, f"Angry customer keeps calling, here's her number if anyone wants to deal with it: {us_phone()} (Karen D.) 🙄 #retaillife", "customer phone"),
    ("en", D, True, f"Hi! Here's the customer whose refund bounced: Priya Shah, {email('priya.shah')}, Amex {card('amex')}", "customer e-mail and Amex (valid Luhn)"),
    ("en", P, True, f"Dutch customer's bank details for the chargeback: {iban('NL')} — name on account S. de Vries", "valid NL IBAN"),
    ("en", P, True, f"This is the girl who's been leaving fake reviews: {email('sophie.wren')}. Her number's {us_phone()}. do what you want with that 👀", "someone's e-mail and phone posted"),
    # negatives, ja
    ("ja", B, False, "お問い合わせはフォームまたはカスタマーセンターまでお願いいたします🙏 個人情報はコメント欄に書かないでくださいね", "no personal data, a warning"),
    ("ja", P, False, "電話番号は 090-XXXX-XXXX みたいにハイフン入れて入力するとエラーにならないよ", "placeholder phone"),
    ("ja", B, False, "カード番号下4桁が 4821 のお支払いで間違いないでしょうか？（**** **** **** 4821）", "masked card"),
    ("ja", P, False, "注文番号 SB-20250314-0042 で問い合わせたら30分で返信きた！対応神すぎ✨", "order number"),
    ("ja", P, False, "ハナセラム 30mL 6,800円（税込7,480円）で2本セットだと12,000円！ #コスメ購入品", "prices"),
    ("ja", P, False, "フォロワー12,345人ありがとうございます🥹💕 これからも正直レビューがんばる！", "follower count"),
    ("ja", P, False, "マイナンバーカードの更新やっと終わった〜 役所めっちゃ混んでた😮‍💨", "mentions My Number card, no number"),
    ("ja", P, False, "さくらビの新宿店、東京都新宿区の駅ビルに入ってるから雨の日でも行きやすい☔️", "city-level store location, no street address"),
    ("ja", P, False, "ロット番号 2409-118-22 の箱だけデザイン違うの気づいた？ レア感ある🫶", "lot number"),
    ("ja", P, False, "みんな個人情報はDMで送らないでね！メアドも電話番号も絶対コメントに書いちゃダメ🙅‍♀️", "warning without data"),
    ("ja", P, False, "JANコード 4912345678904 で検索したら楽天で最安だった🛒", "barcode number"),
    ("ja", P, False, "2025/03/14 10:00〜 先行予約スタート！ 1人2点まで🌸", "date and time"),
    # negatives, en
    ("en", P, False, "PSA: never post your card number in the comments. Sakura Beauty will never ask for it by DM 🙅‍♀️", "warning, no data"),
    ("en", B, False, "When you sign up, use an address like name@example.com format — no spaces!", "placeholder e-mail"),
    ("en", P, False, "Order #100482913 shipped today!! Hana Serum restock finally 🥹", "order number"),
    ("en", B, False, "We've refunded the card ending in 4242 — it may take 5–7 business days to appear 💕", "masked card (last four only)"),
    ("en", P, False, "Batch SG-2409, expires 09/2027, 30 ml. Honestly the best toner I've bought this year", "batch and expiry"),
    ("en", P, False, f"Tracking number 1Z{rs(6, string.ascii_uppercase + string.digits)}{digits(10)} says out for delivery 📦 come to mama", "parcel tracking number"),
    ("en", P, False, "Just hit 48,210 followers!! thank you all for 3 years of skincare chaos 🌸", "follower count"),
    ("en", P, False, "The Sakura Beauty flagship is in Omotesando, Tokyo — go on a weekday, less crowded", "city-level location"),
    ("en", P, False, "Reminder that an SSN is not something any brand ever needs for a giveaway. If they ask, it's a scam.", "talks about SSNs, no number"),
    ("en", P, False, "2 for $90 on Sakura Glow this weekend, normally $44 each 👀", "prices"),
    ("en", P, False, "My phone number changed so DM me on IG instead of texting, friends 💌", "mentions phone number, no data"),
    ("en", P, False, "Call me at 3 lol — no wait, call me after 5:30, I'm filming until then 🎥", "times, no phone number"),
    ("en", P, False, "Skin diary day 14/30: 2 pumps morning, 3 pumps night, 1 mask a week. 10/10 routine", "numbers that are not personal data"),
]

aws_id, aws_sec = aws_pair()
aws_id2, aws_sec2 = aws_pair()
SECRET = [
    # positives, ja
    ("ja", P, True, f"検証環境のAWSキー貼っとくね〜 アクセスキー {aws_id} シークレット {aws_sec} 明日消すから！", "AWS key pair"),
    ("ja", P, True, f"Slack連携できた🎉 ボットのトークンこれ xoxb-{digits(12)}-{digits(13)}-{rs(24)} で動いてるよ", "Slack bot token"),
    ("ja", P, True, f"GitHubのトークン期限切れてたから新しいのにした→ ghp_{rs(36)}", "GitHub classic token"),
    ("ja", P, True, "共有アカウントのログイン、パスワードは Mochi#2025sakura です。変えないでね🙏", "password in prose"),
    ("ja", P, True, "インスタ公式のパスワード変えました！新しいのは Hana!Glow0314 です、みんなメモしといて", "password in prose"),
    ("ja", P, True, f"ECサイトの決済止まってたの、Stripeのキーが古かっただけだった😇 sk_live_{rs(24)} に差し替え済み", "Stripe live secret key"),
    ("ja", P, True, f"店舗マップ用のGoogle APIキー AIza{rs(35, ALNUM + '-_')} これ使っていいよ〜", "Google API key"),
    ("ja", INT, True, f"翻訳ボットのOpenAIキーです sk-proj-{rs(64, ALNUM + '-_')}", "OpenAI project key"),
    ("ja", P, True, "オフィスのWi-Fiのパスワードは sakura-lab-7731 だよ〜 来客用じゃない方ね", "office Wi-Fi password"),
    ("ja", P, True, "ペタルファンドの管理画面 ID: petal_admin / PW: Petal2025!fund ログインできない人いたら言って", "admin password"),
    ("ja", P, True, f"GitLabのデプロイ用トークン glpat-{rs(20, ALNUM + '_-')} 期限は来月末まで", "GitLab token"),
    ("ja", P, True, f"在庫APIのJWTこれで叩けるよ {jwt()}", "JWT"),
    ("ja", D, True, "ラボのPCのパスワード、tanaka0917 のままだった😂 誰でも入れるやん", "password in prose"),
    # positives, en
    ("en", P, True, f"Staging creds for the Hana Serum microsite, rotate after the demo pls: {aws_id2} / {aws_sec2}", "AWS key pair"),
    ("en", P, True, f"npm publish kept failing, turns out the token was wrong. new one: npm_{rs(36)}", "npm token"),
    ("en", P, True, f"PyPI upload token for the internal skin-analysis lib: pypi-AgEIcHlwaS5vcmc{rs(60, ALNUM + '-_')}", "PyPI token"),
    ("en", P, True, f"here's the deploy key, don't share 🤫\n{private_key()}", "private key block"),
    ("en", P, True, "the shared TikTok account password is glowgirl_2025! — please don't change it again 😭", "password in prose"),
    ("en", P, True, f"Fine-grained PAT for the lab repo: github_pat_{rs(22)}_{rs(59)}", "GitHub fine-grained token"),
    ("en", P, True, f"Slack webhook bot for #drops is live! token xoxb-{digits(11)}-{digits(12)}-{rs(24)}", "Slack token"),
    ("en", INT, True, f"OpenAI key for the caption generator: sk-{rs(20)}T3BlbkFJ{rs(20)}", "OpenAI legacy key"),
    ("en", P, True, f"Stripe restricted key for the popup shop tablet: rk_live_{rs(24)}", "Stripe restricted live key"),
    ("en", P, True, "Wifi at the Sakura Glow launch venue: network SB-Guest, password petalsparkle88 ✨", "Wi-Fi password in prose"),
    ("en", P, True, f"Maps embed on the store locator uses AIza{rs(35, ALNUM + '-_')} if anyone needs it", "Google API key"),
    ("en", D, True, "my login for the creator portal is mia.rose / Cherry*blossom21, can you post the draft for me?", "password in prose"),
    # negatives, ja
    ("ja", P, False, "APIキーは <YOUR_API_KEY> の部分を自分のに置き換えてね", "placeholder"),
    ("ja", P, False, "設定例： アクセスキー AKIAXXXXXXXXXXXXXXXX （ここは自分のキー）", "placeholder key"),
    ("ja", P, False, "パスワードは8文字以上で、英数字と記号を1つ以上含めてください", "password rule"),
    ("ja", P, False, "パスワード忘れてさくらビの会員ページ入れない😭 再設定メールも来ない", "talks about a password"),
    ("ja", P, False, "クーポンコード SAKURA20 で20%オフになるよ〜🌸", "coupon code"),
    ("ja", P, False, "美肌の秘密は睡眠と保湿！これだけは譲れない😴💧", "'秘密' in everyday use"),
    ("ja", P, False, "合言葉は『もち肌』！ライブで言ってくれた人の中から抽選でプレゼント🎁", "giveaway keyword"),
    ("ja", P, False, "トークンは ******** で伏せてあります、スクショ貼るときは気をつけて", "masked token"),
    ("ja", P, False, "パスワードの使い回しはやめよう！ログイン通知をオンにするのもおすすめ🔐", "advice, no password"),
    ("ja", INT, False, "Stripeのキーは sk_live_ で始まるから、絶対にチャットに貼らないでね", "describes a key prefix only"),
    ("ja", P, False, "コミット 3f9a2c1 で決済画面のバグ直ったっぽい！", "short commit hash"),
    ("ja", P, False, "二段階認証の設定したらログインが安心になった🙆‍♀️", "no credential"),
    # negatives, en
    ("en", P, False, "Replace ghp_<your token here> with your own token before running the script", "placeholder"),
    ("en", P, False, "Passwords must be at least 12 characters and include a symbol. Yes, even for the creator portal.", "password rule"),
    ("en", P, False, "forgot my password AGAIN and now I'm locked out of my Sakura Beauty rewards 😩", "talks about a password"),
    ("en", P, False, "My skincare secret? Double cleanse, SPF, sleep. That's it. That's the post.", "'secret' in everyday use"),
    ("en", P, False, "sk_live_xxxxxxxxxxxxxxxxxxxxxxxx goes in your .env, never in the code", "placeholder key"),
    ("en", P, False, "What's the password? jk, I'd never tell you 😂 #girlcode", "no password given"),
    ("en", P, False, "Use code GLOW15 at checkout for 15% off — valid till Sunday!", "coupon code"),
    ("en", P, False, "Order ID 7c9e6679-7425-40de-944b-e07fc1f90ae7, still waiting on my refund", "UUID order id"),
    ("en", P, False, "Reminder: the most common password in 2024 was still 123456. Please use a password manager 🙏", "statistic about passwords"),
    ("en", INT, False, "API token: **** (ask IT for yours, don't paste it here)", "masked"),
    ("en", P, False, "Token of appreciation for my followers: a Hana Serum giveaway! 🌸", "'token' in everyday use"),
    ("en", P, False, "set your AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY as env vars, not in the repo", "variable names only"),
    ("en", P, False, "Password reset worked, thank you support team 💕", "no credential"),
]

CONFIDENTIAL = [
    # positives, ja
    ("ja", P, True, "Novaの試作品きた〜！まだ発表前だから写真は載せられないけど、テクスチャ最高すぎる🤫✨ #さくらビ社員", "code name Nova of an unreleased product"),
    ("ja", P, True, "今日はずっとMochiプロジェクトの会議…処方が決まるまであと少し！社外秘だから詳細は言えないの🙏", "code name Mochi + 社外秘"),
    ("ja", P, True, "ここだけの話、さくらグロウ春から値上げするらしいから今のうちに買っといて👀", "ここだけの話 about the organization's pricing"),
    ("ja", P, True, "決算発表前だから数字は言えないけど、うちの部署今期めちゃくちゃ良かった🥂 #さくらビューティー", "決算発表前 with the organization"),
    ("ja", P, True, "ノヴァのボトル、星形でほんとに可愛いの…！まだ内緒だけど年内には出せるはず🌟", "ノヴァ as an unreleased project"),
    ("ja", P, True, "もちの最終処方、来週決まる！社内の評判めっちゃいいから期待してて🍡 #さくらビ #中の人", "もち as the project code name (staff context)"),
    ("ja", P, True, "NDA結んでるから詳しく言えないけど、さくらビューティーの新作の撮影行ってきた📸 まだ未発表のやつ！", "NDA + unreleased product"),
    ("ja", P, True, "社内限定の資料に載ってたハナセラムの新色、やばかった…公開されたらみんな驚くよ", "internal-only document contents"),
    ("ja", P, True, "まだオフレコでお願いしたいんだけど、さくらビ韓国進出するかも🇰🇷", "off-the-record news about the organization"),
    ("ja", P, True, "Novaチームに異動になりました！来春発売に向けてがんばります（プロジェクト内容はまだ秘密）💪", "code name Nova in work context"),
    ("ja", P, True, "Mochiの原料サプライヤーの件、まだ公表されてないから取引先には言っちゃダメだよね？", "Mochi + not public"),
    ("ja", P, True, "未発表のノヴァのサンプル、友達にちょっとだけ見せちゃった😝 内緒ね", "unreleased ノヴァ"),
    ("ja", P, True, "社外秘って言われたけど言いたい…！ペタルファンド、来期から海外REIT増やすんだって", "社外秘 with the organization's product"),
    # positives, en
    ("en", P, True, "Working on Project Nova at Sakura Beauty and I can't say much yet, but the bottle is GORGEOUS ✨ #worklife", "code name Nova, unreleased"),
    ("en", P, True, "Mochi pilot batch is in the lab today 🧪 can't post pics, it's all under NDA but trust me", "code name Mochi + NDA"),
    ("en", P, True, "Not supposed to say this but Sakura Glow is getting a price bump in April 👀 stock up", "secrecy cue + organization pricing"),
    ("en", P, True, "Internal only deck was on my screen during the live, oops 🙈 Nova launch is closer than you think", "internal only + Nova"),
    ("en", P, True, "Spotted an unreleased Sakura Glow shade on my manager's desk and I'm obsessed. can't tell you the name 🤐", "unreleased product of the organization"),
    ("en", P, True, "Between us: Sakura Beauty is closing the Singapore office. Heard it in a meeting today.", "between us + organization news"),
    ("en", P, True, "The Nova team just hit its final formula milestone 🎉 still hush-hush until launch day", "Nova project, hush-hush"),
    ("en", P, True, "Mochi packaging reveal is gonna break the internet. That's all I'm allowed to say for now 😇 #sakurabeauty", "Mochi, unreleased"),
    ("en", P, True, "Confidential, but: Q3 numbers at Sakura Beauty are insane. Can't wait for the earnings call 📈", "confidential before earnings"),
    ("en", P, True, "Off the record, Hana Serum is getting reformulated. You didn't hear it from me 🤫", "off the record + product"),
    ("en", P, True, "Day 1 on the Nova launch squad!! Embargo until spring so no spoilers from me 🌟", "Nova + embargo"),
    ("en", P, True, "Just signed another NDA for a Sakura Beauty collab that hasn't been announced yet 🙊", "NDA + unannounced collab"),
    # negatives, ja
    ("ja", P, False, "もち肌になりたくてパック毎日してる🧖‍♀️ 保湿大事！", "もち肌 = soft skin"),
    ("ja", P, False, "お正月のお餅食べすぎた…もち3個はやりすぎた😂 #正月太り", "もち = rice cake"),
    ("ja", P, False, "超新星（ノヴァ）の写真撮れた🔭 天体観測たのしすぎる", "ノヴァ = nova star"),
    ("ja", P, False, "NOVAで英会話習ってた頃が懐かしい〜 駅前留学ってまだあるのかな", "NOVA the language school"),
    ("ja", P, False, "ここだけの話、昨日のドラマで号泣した😭 誰にも言わないでw", "ここだけの話 in ordinary use"),
    ("ja", P, False, "NDAって何の略？転職の面接で聞かれて焦った💦", "NDA as a general question"),
    ("ja", P, False, "もちもちのお肌になれる保湿クリーム、冬の救世主すぎる☃️", "もちもち = texture"),
    ("ja", P, False, "さくらグロウ、全国のドラッグストアで発売中！やっと近所でも買える🎉", "public product"),
    ("ja", P, False, "うちの猫の名前はモチです🐱 白くてまるいから", "pet name"),
    ("ja", P, False, "社外秘の書類はシュレッダーへ、って研修で習った。どこの会社も同じだね", "general training talk"),
    ("ja", P, False, "シボレー・ノヴァのレストア完了🚗 70年代の車はやっぱりかっこいい", "ノヴァ = car"),
    ("ja", P, False, "大福とおもち、どっちが好き？私はきなこもち派🍡", "もち = food"),
    # negatives, en
    ("en", P, False, "Took my '72 Chevy Nova out for a drive today, she still purrs 🚗", "Nova = car"),
    ("en", P, False, "Caught a nova in Cassiopeia through my telescope last night!! 🔭✨", "nova = star"),
    ("en", P, False, "Mochi ice cream is my weakness, the matcha one especially 🍡", "mochi = food"),
    ("en", P, False, "Bossa nova playlist + sheet mask = perfect Sunday night 🎶", "bossa nova music"),
    ("en", P, False, "My dog Mochi just ate my Hana Serum box. Not the serum. Just the box 😭", "pet name"),
    ("en", P, False, "That movie is still unreleased in Japan and I'm so jealous of everyone in the US", "unreleased movie"),
    ("en", P, False, "Just between us, I cried at the end of the finale. Don't judge me", "secrecy phrase, ordinary use"),
    ("en", P, False, "Sakura Glow is officially out now in all Sakura Beauty stores! 🌸", "public release"),
    ("en", P, False, "What's an NDA and should I sign one for a brand deal? asking for a friend", "NDA as a general question"),
    ("en", P, False, "mochi skin = that bouncy, soft look. Hydration is the secret 💧", "mochi skin beauty term"),
    ("en", P, False, "Supernova eyeshadow palette from another brand is gorgeous btw", "nova inside a product word"),
    ("en", P, False, "Rice cakes, mochi, and tea at the Kyoto market today 🍵", "mochi = food"),
    ("en", P, False, "Confidential?? No, my skincare routine is an open book lol. Here it is 👇", "confidential in ordinary use"),
]

LEAK = [
    # positives, ja (copy 1-3 sentences of an internal doc, lightly edited)
    ("ja", P, True, "え、Novaの発売日2025年3月14日で確定したって！初回ロットは12万本、価格は6,800円で最終調整中らしい😳", "copies h6-doc-01"),
    ("ja", P, True, "もち肌クリームの処方を変更し、セラミド配合量を現行の1.5倍に増量するんだって。旧処方で報告された赤みの相談は防腐剤が原因の可能性が高いらしい…", "copies h6-doc-02"),
    ("ja", P, True, "案件投稿は必ず冒頭に【PR】を入れること。ハッシュタグの最後に#PRを入れるだけでは不十分です。報酬はフォロワー1万人につき1投稿3万円、だってさ💰", "copies h6-doc-03"),
    ("ja", P, True, "ハナセラムで肌荒れしたという投稿が拡散中、問い合わせは87件。返金は購入証明がなくても全額対応とします、って社内で回ってきた", "copies h6-doc-04"),
    ("ja", P, True, "ペタルファンド第3期の運用成績は年率4.2%。社員からの拠出金は総額3億1千万円！次期は海外REITの比率を20%から35%に引き上げるらしい", "copies h6-doc-05"),
    ("ja", P, True, "Q3の売上は前年比118%、さくらグロウ単体で42億円でした。決算発表は11月8日なので、それまでは内緒ね🤫", "copies h6-doc-06"),
    ("ja", P, True, "ノヴァのボトルは星形のガラスボトルに決定。金型は台湾の工場で製造、単価は1本あたり214円なんだって⭐️", "copies h6-doc-07"),
    ("ja", P, True, "4月1日付でマーケティング部とEC事業部を統合し、デジタル本部を新設します。本部長は高村さんが兼任…まじか", "copies h6-doc-08"),
    ("ja", P, True, "渋谷店と心斎橋店は6月末で閉店する予定。理由は賃料の上昇と来店客数の減少（前年比マイナス23%）。悲しい😢", "copies h6-doc-09"),
    ("ja", P, True, "返品理由が「効果がない」の場合は、まず使用期間を確認し、4週間未満なら継続使用をお願いする。強い口調のお客様には1,000円分のクーポンを提示してよい←これ社内マニュアルw", "copies h6-doc-10"),
    ("ja", D, True, "色名は「夜明けピンク」と「星屑ラベンダー」の2色で、限定色は年末に追加する予定。外箱は再生紙100%だって", "copies h6-doc-07"),
    ("ja", P, True, "公式見解が出るまで、SNSで個別に謝罪しないでください。広報の佐伯さんが今夜中に声明案を作成し、明朝の役員会で確認します←って言われてるから謝れないの", "copies h6-doc-04"),
    # positives, en
    ("en", P, True, "lol we ship PR boxes to 60 creators on Feb 3, under embargo until launch day. Tier A creators (over 500k followers) get $4,000 per Reel plus a 10% affiliate code 💸", "copies h6-doc-11"),
    ("en", P, True, "Yikes: the rice ferment supplier for Mochi failed the second microbial test (total count three times over spec). They're pausing the pilot batch and moving to the backup vendor in Niigata.", "copies h6-doc-12"),
    ("en", P, True, "Petal Fund is an employee investment club, not a savings account. Contributions are capped at 50,000 yen per month and are matched 10% by the company up to 600,000 yen a year. Just so you all know 🌸", "copies h6-doc-13"),
    ("en", P, True, "Sakura Glow goes from $38 to $44 in the US on April 1, while Hana Serum stays at $52. Retail partners get told on March 10.", "copies h6-doc-14"),
    ("en", P, True, "On Jan 12 the loyalty app showed 3,412 customers someone else's order history for about 40 minutes. Root cause was a cache key that ignored the customer ID 🤦‍♀️", "copies h6-doc-15"),
    ("en", P, True, "the Singapore office closes at the end of Q2 and 28 roles move to Tokyo. Affected staff are told in person on May 6. Feeling for my SG friends 💔", "copies h6-doc-16"),
    ("en", P, True, "Apparently we no longer work with anyone who posted cure claims for Hana Serum in 2024, or with the two accounts that were caught buying followers 👀", "copies h6-doc-17"),
    ("en", P, True, "Batch SG-2409 of Sakura Glow shows pH drift to 4.1 after eight weeks at 40°C. Still within spec, but they'll shorten the shelf-life claim from 36 to 24 months.", "copies h6-doc-18"),
    ("en", P, True, "Spring campaign is a 'Petal Challenge' where customers post their morning routine with our toner. Budget is $120k, with $30k reserved for paid TikTok boosts!!", "copies h6-doc-19"),
    ("en", P, True, "the CEO wants to enter the Korean market in 2026 through a distribution partnership rather than a subsidiary. Two candidate partners are shortlisted 🇰🇷", "copies h6-doc-20"),
    ("en", D, True, "Brief them that the serum is 'hydrating' only; no before/after skin claims and no mention of the launch price. that's what the Nova plan says", "copies h6-doc-11"),
    ("en", P, True, "We'll reveal the new Mochi packaging as the grand prize in week three of the Petal Challenge. Budget is $120k 🎉", "copies h6-doc-19"),
    ("en", P, True, "Legal asked us to keep this list internal because it names individuals: anyone who posted cure claims for Hana Serum in 2024 is off the roster.", "copies h6-doc-17"),
    # negatives, ja (same topics in own words, or public information)
    ("ja", P, False, "新作楽しみすぎる〜！春ごろ何か出るって噂だけど、何が出るのかな？🌸", "vague anticipation, no document text"),
    ("ja", P, False, "もち肌クリーム使ってて赤みが出たことあるけど、パッチテストしてから使えば大丈夫だった", "same topic, own words"),
    ("ja", P, False, "PR投稿は冒頭に【PR】って書くのが誠実だと思う。最後のハッシュタグに紛れ込ませるのはずるい", "opinion on disclosure, own words"),
    ("ja", P, False, "ハナセラムで肌荒れした人、公式の問い合わせ窓口に連絡したら丁寧に対応してくれたよ", "customer experience"),
    ("ja", P, False, "社員向けの投資クラブって面白い制度だね。うちの会社にもほしい", "generic comment"),
    ("ja", P, False, "決算発表は来月かな？株主として楽しみにしてる📈", "public schedule question"),
    ("ja", P, False, "星形のボトルのコスメって可愛いよね、ドレッサーに並べたくなる⭐️", "generic comment"),
    ("ja", P, False, "組織変更の季節だね〜 異動する人たちおつかれさま🌸", "generic"),
    ("ja", P, False, "渋谷店よく行ってたから、もしなくなったら寂しいな…", "speculation, own words"),
    ("ja", P, False, "返品の相談したら、もう少し使ってみてくださいって言われた。まあ確かに2週間しか使ってなかった", "customer's own experience"),
    ("ja", P, False, "【公式発表】渋谷店は6月30日をもって閉店いたします、って公式サイトに出てた。長い間ありがとう", "quoting public announcement"),
    ("ja", P, False, "ガラスボトルって重いけど高級感あるから好き。詰め替えできたら最高", "generic"),
    # negatives, en
    ("en", P, False, "Got a PR box from a skincare brand today, so excited to try everything 📦", "generic"),
    ("en", P, False, "Is the Mochi thing people keep mentioning a new product? Can't find anything online", "question, no document text"),
    ("en", P, False, "Employee investment clubs are interesting — anyone here in one? How do the returns compare to an index fund?", "generic"),
    ("en", P, False, "Prices go up everywhere in April it seems. Stocking up on my favorites now.", "generic"),
    ("en", P, False, "Got an email from Sakura Beauty about the app glitch. Appreciate them being upfront about it.", "customer's own words about public notice"),
    ("en", P, False, "Sad to hear about office closures in tech and retail this year. Hugs to everyone affected.", "generic"),
    ("en", P, False, "I stopped working with brands that make cure claims. Not worth it.", "creator's own stance"),
    ("en", P, False, "Does pH matter for toners? I keep hearing about it in skincare videos.", "generic question"),
    ("en", P, False, "My morning routine challenge: toner, serum, SPF. Show me yours!", "generic"),
    ("en", P, False, "K-beauty and J-beauty brands teaming up would be iconic honestly 🇰🇷🇯🇵", "generic"),
    ("en", P, False, "Sakura Beauty's public press release says Sakura Glow will be priced at $44 from April (link in bio).", "public press release"),
    ("en", P, False, "Creators: a 10% affiliate code is pretty standard. Don't accept less than your worth.", "generic"),
    ("en", P, False, "Hydrating serums are my favorite category. No before/after photos from me though, my lighting is bad lol", "shares a few words, own words"),
]

HARASSMENT = [
    # positives, ja
    ("ja", P, True, "このインフルエンサーまじでブス、顔面事故すぎて美容語る資格ないわ", "insult, body shaming"),
    ("ja", P, True, "デブが美容語るなよw 鏡見てから投稿しろ", "fat shaming"),
    ("ja", P, True, "お前の住所もう特定したから。次の撮影の日、覚悟しとけよ", "threat to an influencer"),
    ("ja", P, True, "ブ ス す ぎ て 草 、 加 工 や め ろ", "spaced-out insult"),
    ("ja", P, True, "キモいババアがギャルぶってて痛すぎる、消えろ", "ageist insult"),
    ("ja", P, True, "整形モンスターは二度と出てくんな、まじで氏ね", "obfuscated 死ね"),
    ("ja", P, True, "次ポップアップ来たら刺しに行くからな", "violent threat"),
    ("ja", P, True, "ｼﾈよ、お前の肌汚すぎて見てて吐きそう", "half-width シネ"),
    ("ja", P, True, "こんな肌でよく顔出しできるね、生きてて恥ずかしくないの？", "degrading attack"),
    ("ja", P, True, "黙れクソ女、二度とレビューすんな", "insult"),
    ("ja", P, True, "このガイジみたいな喋り方なんなん？", "ableist slur"),
    ("ja", P, True, "ﾌﾞｽのくせにコスメ紹介とか笑わせんな", "half-width ブス"),
    ("ja", P, True, "豚みたいな体型でさくらビのアンバサダーとか、ブランドの恥", "body shaming"),
    # positives, en
    ("en", P, True, "you're so fat no serum on earth can fix that face 🤢", "fat shaming"),
    ("en", P, True, "ugly b*tch stop posting your crusty skin", "obfuscated slur"),
    ("en", P, True, "k y s, nobody wants to watch your routine", "spaced 'kill yourself'"),
    ("en", P, True, "I know where you live. Watch your back at the next meet and greet.", "threat"),
    ("en", P, True, "f4t pig pretending to be a beauty guru lmao", "leetspeak insult"),
    ("en", P, True, "what a r3tard, imagine believing a serum fixes your personality", "leetspeak slur"),
    ("en", P, True, "shut up you stupid cow, nobody asked", "insult"),
    ("en", P, True, "I'm going to find you and make you regret every post", "threat"),
    ("en", P, True, "nobody wants to see your disgusting acne face, just go die", "body shaming + death wish"),
    ("en", P, True, "she's such a wh0re for brand deals, absolute trash", "leetspeak slur"),
    ("en", P, True, "ｕｇｌｙ ｆａｔ loser, delete your account", "full-width insult"),
    ("en", P, True, "your face looks like a melted candle, pathetic ugly freak", "insult"),
    # negatives, ja
    ("ja", P, False, "死ぬほど可愛い😭💕 このカラー天才すぎる", "hyperbole"),
    ("ja", P, False, "やばい、このツヤ肌えぐい…語彙力消えた", "slang praise"),
    ("ja", P, False, "ふてくされてブスっとしてる猫がかわいすぎる🐱", "'ぶすっと' = sulky"),
    ("ja", P, False, "殺人的な可愛さのパッケージ、買うしかない", "hyperbole"),
    ("ja", P, False, "デブ活してきた🍰（もちろん自分のことw）明日から保湿と運動がんばる", "self-deprecating"),
    ("ja", P, False, "ニキビで悩んでた頃、自分の顔が嫌いだった。今は少し好きになれた🌸", "personal story"),
    ("ja", B, False, "コメント欄での誹謗中傷は通報・ブロックの対象です。みんなが安心できる場所にしましょう🙏", "anti-harassment notice"),
    ("ja", P, False, "爆笑した、この動画天才すぎる😂", "praise"),
    ("ja", P, False, "キモかわいいキャラのポーチ買っちゃった", "'キモかわいい' = creepy-cute"),
    ("ja", P, False, "ギャル最強！今日のメイク盛れすぎてしぬ〜💅", "gyaru hyperbole"),
    ("ja", P, False, "このリップ、鬼リピ確定🔥", "slang praise"),
    ("ja", P, False, "肌荒れひどくて落ち込んでたけど、コメントで励ましてもらえて泣いた😢ありがとう", "gratitude"),
    # negatives, en
    ("en", P, False, "this serum is absolutely killing it on my dry patches", "idiom"),
    ("en", P, False, "I'd die for this glow honestly 😍", "hyperbole"),
    ("en", P, False, "ugly crying at this before/after of my own skin journey", "'ugly crying' idiom"),
    ("en", P, False, "Finally a fat-free moisturizer that doesn't feel greasy", "'fat-free'"),
    ("en", P, False, "this lipstick slaps, no notes", "slang praise"),
    ("en", B, False, "Please be kind in the comments. Bullying and body shaming aren't welcome here 💕", "anti-harassment notice"),
    ("en", P, False, "stupidly good value for a 30ml bottle", "intensifier"),
    ("en", P, False, "my skin was a total disaster last week lol, stress breakout", "self-talk"),
    ("en", P, False, "drop dead gorgeous look for the Sakura Glow launch party 💫", "idiom"),
    ("en", P, False, "shoot, I forgot my sunscreen again", "interjection"),
    ("en", P, False, "killer eyeliner tutorial coming tomorrow!", "idiom"),
    ("en", P, False, "Beast mode workout then a sheet mask. Balance.", "idiom"),
    ("en", P, False, "Reported an account that was leaving cruel comments on my friend's posts. Please don't engage with trolls.", "reporting harassment, no insult"),
]

T15 = ["コスメ", "スキンケア", "美容好きさんと繋がりたい", "コスメ好きさんと繋がりたい", "ハナセラム", "さくらビューティー",
       "美肌", "保湿", "垢抜け", "ギャル", "今日のメイク", "購入品", "おすすめコスメ", "美容垢"]
T15E = ["skincare", "glowyskin", "beautyblogger", "kbeauty", "jbeauty", "skincareroutine", "HanaSerum", "SakuraBeauty",
        "selfcare", "glow", "dewyskin", "makeup", "beautytok", "musthave"]
DISCLOSURE = [
    # positives, ja
    ("ja", P, True, "ハナセラム使い始めて2週間、肌のツヤが別人級✨ みんなも絶対使って！\n" + tags(T15), "#PR buried at the end of 15 hashtags"),
    ("ja", P, True, "さくらグロウ最高すぎん？？毎朝これないと無理🥹 リンクはプロフから飛べるよ〜\n" + tags(T15[:8] + ["さくらグロウ", "朝活", "美肌ケア", "肌ケア", "コスメレビュー", "ツヤ肌"], "#pr"), "lowercase #pr buried"),
    ("ja", P, True, "うちの新作のハナセラム、ほんとにいいからみんな買って〜！今ならポイント10倍だよ🌸 #さくらビ", "employee promotes without saying so"),
    ("ja", P, True, "ギャルもすっぴん大事〜💅 さくらグロウで毎日ツヤ肌キープ！クーポンコード MIKA15 で15%オフ✨", "affiliate code, no disclosure"),
    ("ja", P, True, "【正直レビュー】ハナセラムがガチで神。今まで使った美容液の中で1番。迷ってる人は今すぐ買うべき！", "'正直レビュー' without disclosure of a paid deal (code in bio)"),
    ("ja", P, True, "さくらビューティーのポップアップ、明日から表参道で開催〜！限定セットもあるからみんな来てね🌸 私も店頭にいます！", "staff promotes an event without saying they work there"),
    ("ja", P, True, "えっ待って、ハナセラム今だけ2本で12,000円なんだけど！？リンク貼っとく👇 https://sakurabeauty.co.jp/shop/hana", "promotion with shop link, no disclosure"),
    ("ja", P, True, "TikTokで話題のさくらグロウ\nほんとに\nツヤが\n止まらない\n今すぐポチって🛒\n#さくらグロウ #垢抜け #fyp #おすすめ #コスメ #ツヤ肌 #美容 #メイク #ギャル #スキンケア #購入品 #神コスメ #毎日メイク #美容垢 #PR", "TikTok-style, #PR last of 15"),
    ("ja", P, True, "ペタルファンド、社員じゃなくても聞いてほしい！積立で資産づくりできるのほんとおすすめ💰 気になる人はDMして〜", "promotes the organization's service without disclosure"),
    ("ja", P, True, "ハナセラムのおかげで毎日の鏡が楽しい🪞✨ 全人類にすすめたい、マジで。#ハナセラム #美容液 #さくらビューティー", "promotion, no disclosure"),
    ("ja", P, True, "ご褒美コスメ買うならさくらグロウ一択🌸 みんなのカートにも入れて〜！ #コスメ購入品 #さくらグロウ #提供", "#提供 buried at the end"),
    ("ja", P, True, "冬の乾燥肌にはハナセラムしか勝たん！このうるおい、一回使えばわかる💧 今なら公式で送料無料だよ〜", "promotion, no disclosure"),
    ("ja", P, True, "新生活のお供にさくらビューティーのスキンケアセット🎁 プレゼントにも最高だからぜひ〜 #ad感ゼロの本気推し", "'ad感ゼロ' is not a disclosure"),
    # positives, en
    ("en", P, True, "My holy grail for dewy skin 🌸 Hana Serum, every single morning. Link in bio!\n" + tags(T15E), "#PR buried at the end of 15 hashtags"),
    ("en", P, True, "Sakura Glow is SO good, you guys need this in your life. Code JESS20 for 20% off 💕", "affiliate code, no disclosure"),
    ("en", P, True, "POV: you finally found a toner that works\nSakura Glow\nthat's it\nthat's the post\n#skincare #glow #beautytok #fyp #sakuraglow #toner #dewy #viral #musthave #selfcare #morningroutine #beauty #makeup #glowup #ad", "TikTok-style, #ad buried last"),
    ("en", P, True, "Go grab Hana Serum before the restock sells out again!! Trust me on this one 🏃‍♀️💨", "promotion, no disclosure"),
    ("en", P, True, "Come visit the Sakura Beauty pop-up in SoHo this weekend! Free mini facials and I'll be there doing makeup 💄", "staff promotes, no disclosure"),
    ("en", P, True, "If you're not using Sakura Glow yet, what are you even doing? Best $44 I ever spent ✨ #sakuraglow #glowyskin #sponsored", "#sponsored buried at the end"),
    ("en", P, True, "Petal Fund is honestly the best way to start investing, everyone should look into it 💰 DM me for details!", "promotes the organization's service"),
    ("en", P, True, "Skincare shelfie 🧴 star of the show: Hana Serum. Obsessed is an understatement. Shop via my link 👆", "promotion with link"),
    ("en", P, True, "3 reasons Hana Serum lives on my nightstand: texture, glow, that scent 🌸 you need it. Link below!", "promotion"),
    ("en", P, True, "Best gift for your bestie? Sakura Beauty's spring set. Buy two, seriously. #giftideas #beauty #skincare #collab", "#collab buried at end"),
    ("en", P, True, "Sakura Glow restock is LIVE 🚨 go go go, use my code for free shipping ✨", "promotion with code"),
    ("en", P, True, "Hana Serum + Sakura Glow combo = glass skin. Get both through my link while the bundle lasts! #glassskin #jbeauty #partner", "#partner buried"),
    # negatives, ja
    ("ja", P, False, "【PR】さくらビューティー様からハナセラムをご提供いただきました。2週間使った感想をまとめます🌸", "clear 【PR】 up front"),
    ("ja", P, False, "【広告】さくらグロウのキャンペーンに参加しています！保湿力すごいので乾燥肌さんにおすすめ💧", "clear 【広告】 up front"),
    ("ja", P, False, "社員です！自社製品なので贔屓目ありますが、ハナセラムは本気で推してます🙏 #さくらビ社員", "clear employee disclosure"),
    ("ja", P, False, "自腹で買ったハナセラムの正直レビュー。テクスチャは好き、でも香りは少し強めかな。星3.5⭐️", "self-purchased honest review"),
    ("ja", B, False, "新作さくらグロウ、本日発売🌸 全国のドラッグストアとオンラインストアでお求めいただけます", "brand account"),
    ("ja", P, False, "ハナセラム、私には合わなかった…肌がピリピリしたので使うのやめました", "negative review, not promotion"),
    ("ja", P, False, "#PR #提供 さくらビューティーさんのイベントにお招きいただきました✨ 新作のうるおい感すごかった", "disclosure up front"),
    ("ja", P, False, "他社の美容液も比べてみたけど、結局プチプラのやつが一番肌に合ってた", "not the organization's product"),
    ("ja", P, False, "プロモーションを含みます｜さくらグロウ1ヶ月使ってみた結果を正直に話します", "clear disclosure up front"),
    ("ja", P, False, "さくらビの店舗、店員さんがすごく丁寧だった。買わなかったけど気持ちよく見られた😊", "customer experience"),
    ("ja", P, False, "私はさくらビューティーで働いています。その上で言うと、ハナセラムは乾燥肌さんに特におすすめです", "clear employment disclosure"),
    ("ja", P, False, "ハナセラムって実際どうなの？使ってる人いたら教えてほしい🙏", "question"),
    # negatives, en
    ("en", P, False, "#ad Sakura Beauty sent me Hana Serum to try. Here's my honest take after 14 days 👇", "clear #ad up front"),
    ("en", P, False, "Ad | Partnered with Sakura Beauty for this one. Sakura Glow is hydrating and lightweight 💧", "clear disclosure"),
    ("en", P, False, "I work at Sakura Beauty, so I'm biased, but Hana Serum genuinely changed my routine", "clear employment disclosure"),
    ("en", P, False, "Not sponsored, bought it myself: Sakura Glow is nice but pricey. 3/5.", "self-purchased honest review"),
    ("en", B, False, "Hana Serum is back in stock! 🌸 Shop now on our website.", "brand account"),
    ("en", P, False, "Tried Hana Serum for two weeks. Didn't notice much difference honestly. Returning it.", "negative review"),
    ("en", P, False, "Paid partnership with Sakura Beauty ✨ Their spring set is out today and the packaging is so cute", "clear disclosure up front"),
    ("en", P, False, "My favorite drugstore toner right now is from a totally different brand lol", "not the organization's product"),
    ("en", P, False, "Has anyone tried Sakura Glow? Worth $44?", "question"),
    ("en", P, False, "[Sponsored] Sakura Beauty invited me to their pop-up — here's what I tried", "clear disclosure up front"),
    ("en", P, False, "Sakura Beauty employee here 👋 (opinions my own) — Hana Serum is great for dry skin", "clear employment disclosure"),
    ("en", P, False, "Went to the Sakura Beauty pop-up as a customer, it was packed! Didn't buy anything though", "customer experience"),
    ("en", B, False, "Our Petal Fund info session for employees is on June 12. Details on the intranet.", "brand account"),
]

CLAIMS = [
    # positives, ja
    ("ja", P, True, "ハナセラム使ったらシミが消えた😳 1ヶ月で完全に消えるからまじで試して！", "シミが消える (drug claim for a cosmetic)"),
    ("ja", P, True, "さくらグロウでアトピーが治りました。ステロイドもう要らない🙌", "アトピーが治る"),
    ("ja", P, True, "飲むだけで痩せる！さくらビのサプリで1ヶ月マイナス5kg、運動ゼロ🏃‍♀️❌", "飲むだけで痩せる"),
    ("ja", P, True, "ペタルファンドは元本保証で年利10%確実！銀行に預けてる場合じゃないよ💰", "guaranteed principal and return"),
    ("ja", P, True, "ニキビが3日で完治した…ハナセラム神すぎる", "acne cure in 3 days"),
    ("ja", P, True, "このクリーム塗るだけでシワが消える✨ 40代の母もびっくり", "シワが消える"),
    ("ja", P, True, "ペタルファンドに入れば絶対に損しない！去年入った人みんな儲かってる📈", "no-loss promise"),
    ("ja", P, True, "さくらグロウで花粉症の肌荒れも治るし、肌の炎症にも効くよ", "cure/treatment claim"),
    ("ja", P, True, "ハナセラムでニキビ跡が完全に治る！皮膚科行くより早い", "cure claim"),
    ("ja", P, True, "毎月5%の配当保証♡ ペタルファンドで不労所得デビューしよ", "guaranteed monthly dividend"),
    ("ja", P, True, "ハナセラムは肝斑にも効く！シミの原因から根本治療できちゃう", "treatment claim"),
    ("ja", P, True, "さくらビのサプリで血糖値が下がった！糖尿病の人にもおすすめ", "disease claim"),
    ("ja", P, True, "ペタルファンド、1年で資産2倍確定ってマジ？確定なら全額入れる〜 ってか先輩が絶対2倍になるって言ってた", "promised doubling"),
    # positives, en
    ("en", P, True, "Hana Serum clears acne in 3 days, guaranteed. I've never seen anything like it 😱", "acne cure in 3 days"),
    ("en", P, True, "Sakura Glow cured my eczema. Literally gone. Throw out your prescriptions.", "cure claim"),
    ("en", P, True, "Drink this Sakura Beauty supplement and lose 5kg without dieting, no exercise needed ✨", "weight-loss claim"),
    ("en", P, True, "Petal Fund: guaranteed 15% annual return, zero risk. Best decision I ever made 💸", "guaranteed return"),
    ("en", P, True, "Put $1,000 in Petal Fund and it'll double in a year, guaranteed. Easy money.", "promised doubling"),
    ("en", P, True, "Hana Serum permanently removes dark spots. One bottle and they're gone forever.", "permanent removal claim"),
    ("en", P, True, "This toner heals rosacea, my redness is cured 🌸 #sakuraglow", "cure claim"),
    ("en", P, True, "Sakura Beauty's scalp serum reverses hair loss in 2 weeks, no joke", "treatment claim"),
    ("en", P, True, "You literally cannot lose money with Petal Fund. Risk-free 12% every year.", "risk-free promise"),
    ("en", P, True, "Hana Serum treats psoriasis better than my steroid cream did", "treatment claim"),
    ("en", P, True, "Sakura Glow gets rid of wrinkles for good. 100% results or your money back 💯", "wrinkle removal claim"),
    ("en", P, True, "Petal Fund pays a guaranteed 8% monthly dividend, sign up before it closes!!", "guaranteed dividend"),
    # negatives, ja
    ("ja", P, False, "ハナセラム、保湿力がすごい！うるおいが夜まで続く💧", "allowed cosmetic claim (保湿, うるおい)"),
    ("ja", P, False, "乾燥による小じわを目立たなくする（効能評価試験済み）って書いてあって安心感ある", "allowed 化粧品 efficacy wording"),
    ("ja", P, False, "「シミが消える」って書いてる広告は薬機法違反だから気をつけてね⚠️", "warns about a claim"),
    ("ja", P, False, "ペタルファンド、去年は4.2%だったけど元本割れもあり得るからよく考えてね", "risk disclosed"),
    ("ja", P, False, "治るわけじゃないけど、使ってから肌が落ち着いてる気がする。個人の感想です", "explicitly not a cure"),
    ("ja", P, False, "コンシーラーでシミを隠す方法まとめました💄", "makeup cover-up"),
    ("ja", P, False, "SPF50+ PA++++で紫外線をしっかり防いでくれる日焼け止め☀️", "allowed sunscreen wording"),
    ("ja", P, False, "ニキビは皮膚科で治療中。ハナセラムは保湿用に使ってます", "medical treatment elsewhere"),
    ("ja", P, False, "メイクでもち肌に見せるコツ💡 ハイライトは頬の高い位置に", "makeup tip"),
    ("ja", P, False, "本当に飲むだけで痩せるサプリなんてあるの？怪しくない？", "skeptical question"),
    ("ja", P, False, "投資に絶対はないって、ペタルファンドの説明会でも言われた", "risk disclosed"),
    ("ja", P, False, "キメを整えて肌にハリを与える化粧水、毎朝のルーティンに入れてる", "allowed cosmetic wording"),
    # negatives, en
    ("en", P, False, "Hana Serum is so hydrating and lightweight, my skin feels plump all day 💧", "allowed cosmetic claim"),
    ("en", P, False, "Petal Fund returned 4.2% last year, but past performance doesn't guarantee future results.", "risk disclosed"),
    ("en", P, False, "Does this actually clear acne? Asking before I buy 🤔", "question"),
    ("en", P, False, "My dermatologist treated my acne with prescription meds; I use Hana Serum just for moisture", "medical treatment elsewhere"),
    ("en", P, False, "Results vary, patch test first! Sakura Glow gave me a nice glow but nothing miraculous", "moderate review"),
    ("en", P, False, "Be careful with any product claiming it 'cures' eczema. Cosmetics can't legally say that.", "warns about claims"),
    ("en", P, False, "Helps reduce the look of dryness and leaves skin soft. That's all I need from a serum.", "allowed cosmetic wording"),
    ("en", P, False, "Investing always involves risk, including Petal Fund. Only put in what you can afford to lose.", "risk disclosure"),
    ("en", P, False, "Covered my dark spots with concealer for the shoot, the lighting did the rest 📸", "makeup cover-up"),
    ("en", P, False, "SPF 50 helps prevent sunburn, reapply every 2 hours ☀️", "allowed sunscreen wording"),
    ("en", P, False, "Doubled my skincare routine from 3 steps to 6 and honestly my bank account cried 😂", "'doubled' in everyday use"),
    ("en", P, False, "This mask gives an instant glow for makeup prep, the effect lasts a few hours.", "temporary cosmetic effect"),
    ("en", P, False, "No product can guarantee clear skin overnight. Consistency + SPF + sleep.", "negated guarantee"),
]

SPOKESPERSON = [
    # positives, ja
    ("ja", P, True, "【ご報告】さくらビューティーとして、ハナセラムの一部ロットを自主回収することを決定いたしました。ご迷惑をおかけし申し訳ございません。", "personal account announces a recall for the company"),
    ("ja", P, True, "弊社の公式見解として、今回の肌荒れ報告とハナセラムの因果関係はないと判断しております。", "personal account gives the official position"),
    ("ja", P, True, "さくらビューティーを代表して、この度の配送遅延についてお詫び申し上げます。全額返金にて対応いたします。", "speaks on behalf of the company"),
    ("ja", P, True, "当社は本日、渋谷店を6月末で閉店することを正式に決定しましたのでお知らせします。", "official announcement from a personal account"),
    ("ja", P, True, "さくらビとして、@rina_glow さんとの契約は本日をもって終了したことをお知らせします。", "official partnership statement"),
    ("ja", P, True, "会社としての回答です：個人情報の流出はなく、決済情報も安全です。ご安心ください。", "official reply for the company"),
    ("ja", P, True, "広報担当として正式にコメントします。ペタルファンドの運用に問題はございません。", "claims the press role on a personal account"),
    ("ja", P, True, "さくらビューティーは、誹謗中傷を行うアカウントに対して法的措置を取ることを決定しました。（社員アカウントより）", "official legal-action announcement"),
    ("ja", P, True, "弊社としましては、さくらグロウの価格改定を4月1日より実施いたします。何卒ご理解ください。", "official pricing announcement"),
    ("ja", P, True, "本件について当社からの正式なお詫びです。不快な思いをさせてしまったお客様に深くお詫び申し上げます。", "official apology"),
    ("ja", P, True, "さくらビューティー公式の立場としては、該当インフルエンサーの投稿内容を一切認めておりません。", "official position from a personal account"),
    ("ja", P, True, "弊社は新製品の発売延期を決定いたしました。新しい発売日は追ってお知らせいたします。", "official product-delay announcement"),
    ("ja", P, True, "会社を代表して申し上げます。アプリの不具合は本日復旧いたしました。", "speaks for the company"),
    # positives, en
    ("en", P, True, "On behalf of Sakura Beauty, I apologize to every customer affected by the shipping delay. We will refund everyone in full.", "on behalf of the company"),
    ("en", P, True, "Sakura Beauty has decided to end our partnership with @glowbyamber, effective today.", "official partnership statement"),
    ("en", P, True, "Speaking for the company: the loyalty app incident did not expose any payment data.", "speaks for the company"),
    ("en", P, True, "Official statement from Sakura Beauty: Hana Serum is safe and no recall will take place.", "issues an official statement"),
    ("en", P, True, "We at Sakura Beauty are announcing that our Singapore office will close at the end of Q2.", "official announcement"),
    ("en", P, True, "As Sakura Beauty's spokesperson, I can confirm that Petal Fund is operating normally.", "claims spokesperson role"),
    ("en", P, True, "Sakura Beauty officially denies the rumors about animal testing. Our company position is clear.", "official denial"),
    ("en", P, True, "The company's official response: we are investigating the reports and will compensate affected customers.", "official response"),
    ("en", P, True, "Sakura Beauty will take legal action against accounts spreading false reviews. This is our formal position.", "formal position"),
    ("en", P, True, "I'm authorized to announce that Sakura Glow's price will increase to $44 on April 1.", "authorized announcement"),
    ("en", P, True, "On behalf of the entire Sakura Beauty team, we are sorry. A full refund is on its way to everyone.", "on behalf of the company"),
    ("en", P, True, "Sakura Beauty formally apologizes for the insensitive campaign. It has been withdrawn.", "formal apology"),
    # negatives, ja
    ("ja", B, False, "【お詫び】ハナセラムの一部ロットにつきまして自主回収を実施いたします。詳細は公式サイトをご覧ください。", "brand account"),
    ("ja", P, False, "公式の声明はこちら→ https://www.sakurabeauty.co.jp/news/2025/0312 社員として私も真摯に受け止めています", "links the official statement"),
    ("ja", P, False, "これは個人の見解で、会社の公式見解ではありません。でも配送遅れは本当に申し訳ない気持ち", "personal view, explicitly not official"),
    ("ja", P, False, "さくらビューティーから正式に発表がありましたね。詳細は公式サイトへ https://www.sakurabeauty.co.jp/news", "refers to the official announcement"),
    ("ja", P, False, "公式発表によると「渋谷店は6月30日をもって閉店」とのこと。https://www.sakurabeauty.co.jp/news/shop 寂しい", "quotes with link"),
    ("ja", P, False, "他社さんが自主回収を発表してた。うちも気をつけないと", "other company's statement"),
    ("ja", P, False, "ハナセラム回収の件、会社がどう対応するか気になる…", "speculation, no statement"),
    ("ja", B, False, "さくらビューティーは誹謗中傷に対して法的措置を検討しています。詳しくはプレスリリースをご覧ください。", "brand account"),
    ("ja", P, False, "私は広報じゃないので何も言えません、ごめんね🙏 公式の発表を待ってね", "refuses to speak for the company"),
    ("ja", P, False, "社長のインタビュー記事、すごく良かった。リンク貼っときます https://news.example.jp/sakura-ceo", "shares an interview"),
    ("ja", P, False, "お客様からの質問、公式サポートに回しました。回答が来たらお知らせしますね", "redirects to official channel"),
    ("ja", P, False, "配送遅延のお知らせ、公式アカウントから出てたよ。みんなチェックしてね→ @sakurabeauty_official", "points to official account"),
    # negatives, en
    ("en", B, False, "We apologize for the shipping delays. All affected customers will receive a full refund. 🌸", "brand account"),
    ("en", P, False, "Sakura Beauty's official statement is here: https://www.sakurabeauty.co.jp/en/news/0312 — please read it before speculating.", "links the official statement"),
    ("en", P, False, "Opinions are my own and not my employer's. That said, I love working at Sakura Beauty.", "disclaimer"),
    ("en", P, False, "As the company said in its statement (link below), no payment data was exposed. https://www.sakurabeauty.co.jp/en/news/loyalty", "quotes with link"),
    ("en", P, False, "I'm not a spokesperson so I can't comment, but HR is answering questions on the intranet.", "declines to speak"),
    ("en", P, False, "Another beauty brand just announced a recall. Check your shelves, friends.", "other company's statement"),
    ("en", P, False, "Wonder how Sakura Beauty will respond to the rumors. Waiting for something official.", "speculation"),
    ("en", B, False, "Official statement: Hana Serum is safe. Full details on our website.", "brand account"),
    ("en", P, False, "Per Sakura Beauty's press release today, Sakura Glow goes to $44 in April. Source: https://www.sakurabeauty.co.jp/en/press", "quotes with link"),
    ("en", P, False, "Great interview with our CEO in Vogue Japan, worth a read 👉 https://vogue.example/sakura-ceo", "shares an interview"),
    ("en", P, False, "Forwarded your complaint to the official support team, they'll reply by email ✉️", "redirects to official channel"),
    ("en", P, False, "Personal take, not official: I think the new packaging is the best we've ever done", "personal opinion with disclaimer"),
    ("en", P, False, "The official Sakura Beauty account just posted an update on the delay, go check @sakurabeauty", "points to official account"),
]

CATS = [("pii", PII), ("secret", SECRET), ("confidential", CONFIDENTIAL), ("leak", LEAK),
        ("harassment", HARASSMENT), ("disclosure", DISCLOSURE), ("claims", CLAIMS), ("spokesperson", SPOKESPERSON)]


def main():
    with open(os.path.join(HERE, "internal.jsonl"), "w", encoding="utf-8") as f:
        for doc_id, text in INTERNAL:
            f.write(json.dumps({"id": doc_id, "text": text}, ensure_ascii=False) + "\n")
    n = 0
    with open(os.path.join(HERE, "rows.jsonl"), "w", encoding="utf-8") as f:
        for cat, rows in CATS:
            assert len(rows) == 50, (cat, len(rows))
            assert sum(r[2] for r in rows) == 25, cat
            for lang, account, expect, text, note in rows:
                n += 1
                f.write(json.dumps({"id": f"h6-{n:04d}", "text": text, "account": account, "category": cat,
                                    "expect": expect, "lang": lang, "note": note, "source": "koe-holdout6"},
                                   ensure_ascii=False) + "\n")
    print(f"wrote {len(INTERNAL)} documents and {n} rows")


if __name__ == "__main__":
    main()
