#!/usr/bin/env python3
"""Build the Aozora City held-out set (holdout5): internal.jsonl and rows.jsonl.

Posts are hand-written; personal data and credentials are fake values generated here with a
fixed seed (valid Luhn card numbers, IBAN and My Number check digits, random tokens of the
right shapes). Run from anywhere: python3 bench/holdout5/build.py
"""
import base64
import json
import os
import random
import string

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = "koe-holdout5"
R = random.Random(20250505)

UP = string.ascii_uppercase
ALNUM = string.ascii_letters + string.digits
B64URL = ALNUM + "-_"


def rs(chars, n):
    return "".join(R.choice(chars) for _ in range(n))


def digits(n, first_nonzero=True):
    s = str(R.randint(1, 9)) if first_nonzero else str(R.randint(0, 9))
    return s + "".join(str(R.randint(0, 9)) for _ in range(n - 1))


# ---------------------------------------------------------------- personal data
def luhn_complete(prefix, length):
    body = prefix + digits(length - len(prefix) - 1, first_nonzero=False)
    total = 0
    for i, ch in enumerate(reversed(body)):
        d = int(ch)
        if i % 2 == 0:  # these positions are doubled once the check digit is appended
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return body + str((10 - total % 10) % 10)


def card(kind="visa", sep=" "):
    if kind == "visa":
        n = luhn_complete("4", 16)
    elif kind == "mc":
        n = luhn_complete("5" + str(R.randint(1, 5)), 16)
    elif kind == "jcb":
        n = luhn_complete("35" + str(R.randint(28, 89)), 16)
    else:  # amex, 15 digits 4-6-5
        n = luhn_complete("3" + R.choice("47"), 15)
        return sep.join([n[:4], n[4:10], n[10:]])
    return sep.join(n[i:i + 4] for i in range(0, 16, 4))


def iban(country="DE"):
    lengths = {"DE": 18, "FR": 23, "GB": None, "NL": None}
    if country == "GB":
        bban = rs(UP, 4) + digits(14, first_nonzero=False)
    elif country == "NL":
        bban = rs(UP, 4) + digits(10, first_nonzero=False)
    else:
        bban = digits(lengths[country], first_nonzero=False)
    rearranged = bban + country + "00"
    num = "".join(str(int(c, 36)) for c in rearranged)
    check = 98 - int(num) % 97
    raw = f"{country}{check:02d}{bban}"
    return " ".join(raw[i:i + 4] for i in range(0, len(raw), 4))


def my_number(sep=""):
    body = digits(11)
    # P_n is the n-th digit from the right of the 11-digit body; Q_n = n+1 (n<=6), n-5 (n>=7)
    s = sum(int(body[11 - n]) * (n + 1 if n <= 6 else n - 5) for n in range(1, 12))
    r = s % 11
    check = 0 if r <= 1 else 11 - r
    n = body + str(check)
    return sep.join([n[:4], n[4:8], n[8:]]) if sep else n


def ssn():
    area = R.choice([i for i in range(1, 666)])
    return f"{area:03d}-{R.randint(1, 99):02d}-{R.randint(1, 9999):04d}"


def jp_mobile(sep="-"):
    return sep.join([R.choice(["090", "080", "070"]), digits(4), digits(4)])


def jp_land():
    return f"042-{digits(3)}-{digits(4)}"


FW = str.maketrans("0123456789-", "０１２３４５６７８９－")


def fullwidth(s):
    return s.translate(FW)


def email(user):
    return f"{user}{R.randint(10, 99)}@{R.choice(['gmail.com', 'yahoo.co.jp', 'outlook.jp', 'icloud.com'])}"


# ---------------------------------------------------------------- credentials
def aws_id():
    return "AKIA" + rs(UP + "234567", 16)


def aws_secret():
    return rs(ALNUM + "/+", 40)


def ghp():
    return "ghp_" + rs(ALNUM, 36)


def github_pat():
    return "github_pat_" + rs(ALNUM, 22) + "_" + rs(ALNUM, 59)


def glpat():
    return "glpat-" + rs(ALNUM + "_-", 20)


def xoxb():
    return f"xoxb-{digits(11)}-{digits(13)}-{rs(ALNUM, 24)}"


def slack_hook():
    return f"https://hooks.slack.com/services/T{rs(UP + string.digits, 8)}/B{rs(UP + string.digits, 10)}/{rs(ALNUM, 24)}"


def stripe(prefix="sk_live_"):
    return prefix + rs(ALNUM, 34)


def google_key():
    return "AIza" + rs(B64URL, 35)


def openai_proj():
    return "sk-proj-" + rs(B64URL, 64) + "T3BlbkFJ" + rs(B64URL, 64)


def openai_legacy():
    return "sk-" + rs(ALNUM, 20) + "T3BlbkFJ" + rs(ALNUM, 20)


def npm_tok():
    return "npm_" + rs(ALNUM, 36)


def pypi_tok():
    return "pypi-AgEIcHlwaS5vcmc" + rs(B64URL, 70)


def b64u(obj):
    return base64.urlsafe_b64encode(json.dumps(obj, separators=(",", ":")).encode()).rstrip(b"=").decode()


def jwt():
    head = b64u({"alg": "HS256", "typ": "JWT"})
    body = b64u({"sub": digits(7), "name": "aozora-kiosk", "iat": 1740000000 + R.randint(0, 9999999)})
    return f"{head}.{body}.{rs(B64URL, 43)}"


def pem(kind="RSA PRIVATE KEY", lines=6):
    body = "\n".join(rs(ALNUM + "+/", 64) for _ in range(lines))
    return f"-----BEGIN {kind}-----\nMIIEow{rs(ALNUM, 58)}\n{body}\n-----END {kind}-----"


# ---------------------------------------------------------------- internal documents
INTERNAL = [
    ("i01", "【財政課チャット】来年度当初予算案、子育て応援給付の単価は1人あたり3万円で最終調整中。議会提出は2月20日、それまで数字は絶対に外に出さないこと。市長レク資料は共有フォルダの/予算/R7/に置いた。質問は今週中に係長まで。なお、ふるさと納税の寄附見込額は前年比12%減で置いている。議員からの個別の問い合わせには財政課長が対応する。"),
    ("i02", "【企画課Wiki】プロジェクト「ひばり」概要：あおぞらペイに地域通貨の自動チャージ機能と高齢者見守り通知を追加する計画。実証実験は緑町地区の300世帯を対象に秋から開始予定。委託先候補は3社、プロポーザル審査は非公開で実施する。庁外への説明は企画課長の了承を得てから。見守り通知の対象者名簿は福祉課から提供を受けるが、個人情報保護の審議会にはまだ諮っていない。"),
    ("i03", "【人事課】4月の異動内示は3月14日。福祉課の課長ポストは現・市民課の田村補佐が昇任で内定。内示前に本人以外に話さないよう各部長に徹底をお願いします。内示後も正式発表の3月24日までは、SNSへの投稿は控えるよう周知してください。再任用職員と会計年度任用職員の配置は別途、3月17日に各課へ通知する予定です。"),
    ("i04", "【情報政策課Wiki】キリン計画（庁内限定）：市役所本庁舎の窓口予約をAozora Connectに統合し、2026年度中に紙の整理券を廃止する。初期費用は約1億2千万円を見込むが、財政課とはまだ協議中。窓口職員向けの説明会は来年1月に予定。市民課と税務課から先行導入し、支所への展開は2027年度以降とする。議会への説明時期は未定。"),
    ("i05", "【契約課】庁舎空調更新工事の予定価格は4,850万円（税抜）。最低制限価格は予定価格の88%で設定済み。公告日まで絶対に口外しないでください。業者からの問い合わせには「公告をお待ちください」とだけ答えること。設計書の閲覧は公告後に契約課の窓口でのみ行う。予定価格調書は課長の金庫で保管し、コピーは取らないこと。"),
    ("i06", "【情報政策課 障害報告】3/2 10:14〜11:02 あおぞらペイの決済APIがタイムアウト。原因はDB接続プールの枯渇。影響件数は約1,200件、二重決済は確認されていない。再発防止として接続上限を200に引き上げる。市民向けのお知らせ文は広報課と調整中。加盟店からの問い合わせは商工観光課のコールセンターで受け、個別の補償はしない方針。"),
    ("i07", "【広報課Wiki】SNS炎上時の初動：1) 事実確認が終わるまで個人アカウントでの言及は禁止。2) 公式見解は広報課長の承認後に公式アカウントからのみ発信する。3) 記者からの問い合わせは広報課に一本化。4) 対応記録は当日中に共有シートへ。5) 職員個人が攻撃を受けた場合は、本人に返信させず、人事課と連携して保護を優先する。"),
    ("i08", "【商工観光課チャット】青空ポイントの年末キャンペーン、還元率は15%で決裁が下りた。ただし発表は12月1日の市長定例会見まで伏せておくこと。加盟店への事前案内は11月25日以降。予算上限は8,000万円で、達した時点で終了。不正なポイント取得への対策として、1人あたりの付与上限は月3,000ptにする。"),
    ("i09", "【市民課チャット】緑町の窓口に毎週来る男性の件、昨日は職員に大声で詰め寄って30分ほど業務が止まった。次回は警備員を呼ぶ判断でいい、と課長了承済み。対応した職員は今日は休みを取っているので、フォローをお願いします。経緯は時系列でまとめて、係長経由で課長に提出してください。警察への相談は現時点では見送る。"),
    ("i10", "【危機管理課Wiki】避難所開設訓練の改善点：受付の名簿記入に時間がかかりすぎた。次回はAozora ConnectのQRコード受付を試行し、紙名簿は予備にする。備蓄の毛布は第3倉庫に残り412枚。発電機の燃料は来月補充。要配慮者の受付は別レーンにし、通訳ボランティアの連絡網も更新すること。次回訓練は11月。"),
    ("e01", "[IT Division chat] Hibari pilot: the auto top-up service for Aozora Pay goes into closed beta with 50 staff households on 10 June. Vendor shortlist is Sora Systems and Nishikaze Tech; the scoring sheet stays on the shared drive. Do not mention the vendor names outside the team."),
    ("e02", "[International Residents Desk wiki] Interpreter roster: Portuguese on Tuesdays, Vietnamese on Thursdays, Nepali by phone only. When a resident brings a residence card, never photocopy both sides; scan the front only and shred any copies at the end of the day."),
    ("e03", "[Kirin steering group] Decision: Kirin will replace the counter ticket machines at the main building with reservations in Aozora Connect. Launch target is October, but the mayor wants to announce it himself at the November press conference, so keep it internal until then."),
    ("e04", "[Security wiki] Staff laptops must use the VPN profile intra.city.aozora.example before opening the payroll system. Shared accounts are forbidden. If a USB stick is lost, report it to the CISO office within one hour, even at night."),
    ("e05", "[Finance team chat] The draft budget cuts the community bus subsidy from 38 million yen to 29 million. Council members have not seen it yet; the committee briefing is on 18 February. Please do not discuss the numbers with anyone outside finance."),
    ("e06", "[Aozora Pay ops] Root cause of Saturday's outage: a certificate on the payment gateway expired at 00:00 and auto-renewal was disabled after the migration. About 3,400 transactions failed. Refunds are automatic; no card data was exposed."),
    ("e07", "[HR wiki] Personnel transfer notices (naiji) are handed out individually on 14 March. Until the official announcement on 24 March, managers may not share names with their teams, and staff may not post about their own transfer online."),
    ("e08", "[Procurement chat] Bids for the school lunch delivery contract closed today. Three companies applied; Hoshino Foods came in lowest at 212 million yen. The evaluation committee meets on Friday, and results stay confidential until the public notice."),
    ("e09", "[Tourism team chat] The fireworks sponsor pulled out last night, so we are 6 million yen short. Options: cut the show to 20 minutes or ask Aozora Pay merchants for a joint campaign. Please hold off on any posts about the program until we decide."),
    ("e10", "[Welfare section wiki] Home visit checklist: confirm the resident's emergency contact, check medicine stock, and note any signs of isolation. Visit records are entered into the case system the same day and must never be sent by personal email or LINE."),
]


# ---------------------------------------------------------------- rows
# (expect, lang, text, note, account)
def T(lang, text, note, account="personal"):
    return (True, lang, text, note, account)


def F(lang, text, note, account="personal"):
    return (False, lang, text, note, account)


PII = [
    T("ja", f"今日窓口で対応した方のマイナンバー、{my_number()} の最後の数字が手書きで読めなくて3回確認した😅 手書きの申請書は大変", "resident's My Number (valid check digit) posted by staff"),
    T("ja", f"@aozora_kujou 騒音の件、隣の家の人の携帯 {jp_mobile()} です。直接言ってやってください", "neighbour's mobile number"),
    T("ja", f"青空駅で財布拾いました！中のクレカに ヤマグチ ケンタ {card('visa')} ってある。心当たりある人いたら交番へ", "someone else's card number (Luhn-valid)"),
    T("ja", f"転入届の方 グエン・ヴァン・アン様の連絡先 {email('nguyen.van.an')} です、控えを送っておいてください🙏", "resident's e-mail in a staff DM", "direct"),
    T("ja", "例の市役所で怒鳴ってたおっさん、住所晒しとくわ。東京都青空市緑町3丁目12番5号 堀田", "doxxing: street address"),
    T("ja", f"DMで教えてもらった田中さんの携帯、{fullwidth(jp_mobile())} だって。みんなで応援メッセージ送ろう📣", "full-width mobile number of a third party"),
    T("ja", f"給付金の振込先確認お願いします。佐々木様の口座 青空信用金庫 中央支店 普通 口座番号 {digits(7)}", "bank account number with context", "direct"),
    T("ja", f"転出する留学生の方のパスポート番号 T{R.choice('KRZ')}{digits(7)}、入力ミスしてたので修正しました。本人に連絡済み", "passport number with context"),
    T("ja", f"自治会の名簿、回覧の代わりに写真で上げます→ 鈴木一郎 青空市本町3-5-12 TEL {jp_land()}", "address and landline of a resident"),
    T("ja", f"申請者さんのマイナンバー控えとして送ります　{fullwidth(my_number(sep='-'))}", "full-width My Number in a staff DM", "direct"),
    T("ja", f"青空ポイントの問い合わせ、この方のカード番号 {card('jcb', '-')} で残高が反映されないそうです。誰か見てもらえますか", "resident's JCB number in a DM", "direct"),
    T("ja", f"選挙ポスター剥がした犯人の家ここ→ 青空市桜台4丁目2-19 田所方。電話は {jp_land()}", "doxxing: address and phone"),
    T("ja", f"保育園の申込み、お母さんのメール {email('m.kobayashi')} に届かないって連絡来た。誰か再送できる？", "parent's e-mail"),
    T("en", f"The guy who yelled at the clerk today? His email is {email('hiro.takeda')} — go tell him what you think.", "doxxing an e-mail address"),
    T("en", f"Found a wallet near Aozora Station. ID says Maria Santos, card {card('mc')}. DM me if you know her!", "someone else's Mastercard number"),
    T("en", f"Can someone from the International Desk call Mr. Okafor back? His number is +44 7{digits(3)} {digits(6, False)}.", "UK mobile of a resident"),
    T("en", f"Forwarding the refund request: account holder Lucas Meyer, IBAN {iban('DE')}.", "IBAN with check digits", "direct"),
    T("en", f"Helped my neighbour with her My Number card application today — her number is {my_number(sep=' ')}, hope the office is quick!", "neighbour's My Number"),
    T("en", f"Posting this so the landlord can't hide: Kenji Hara, 2-14-7 Midori-cho, Aozora City, Tokyo, phone +81 42 {digits(3)} {digits(4)}", "doxxing: address and phone"),
    T("en", f"the resident's SSN from the US tax form is {ssn()}, do we need it for the pension transfer?", "US SSN in a staff DM", "direct"),
    T("en", f"Passport number for the exchange student Emily Clark is {digits(9)} — we need it for the homestay list by Friday.", "passport number with context"),
    T("en", f"Reminder to self: call back Mrs. Tanaka at {jp_mobile(' ')} about the missed garbage pickup.", "resident's mobile on a public post"),
    T("en", f"Whoever keeps parking in front of the hydrant on Sakura-dori: I know it's you, Daisuke Mori, {email('d.mori')}. Move it.", "doxxing a name and e-mail"),
    T("en", f"Exchange student paperwork: Nguyen Thi Lan, phone +84 9{digits(8, False)}, email {email('lan.nguyen')}", "phone and e-mail of a resident"),
    T("en", f"Refund for the cancelled festival booth goes to Sophie Laurent, IBAN {iban('FR')}, thanks!", "French IBAN"),
    F("ja", "市役所の代表電話は公式サイトに載っています。個人のアカウントではなく、そちらにお問い合わせください🙏", "no number"),
    F("ja", "マイナンバーカードの出張申請窓口、今週土曜に青空市民会館で開催します（予約不要・写真撮影無料）", "My Number card event, no number"),
    F("ja", "電話番号は 090-XXXX-XXXX の形式で入力してください、という説明が分かりにくいと苦情あり。改善します", "placeholder number"),
    F("ja", "住民票の写しは1通300円。コンビニ交付だとマイナンバーカードと暗証番号（4桁）が必要です", "fees and rules"),
    F("ja", "今日の会議は 13:30〜15:00、第3会議室。参加者 12名、資料は 2025-04-18 版です", "times and dates"),
    F("ja", "メールアドレスや電話番号をSNSに書き込まないでください、という注意喚起ポスターを作りました✍️", "talks about PII, contains none"),
    F("ja", "「受付番号58番の方どうぞ〜」って今日1日で300回くらい言った気がする", "queue number"),
    F("ja", "青空ポイント、残高 12,450 ポイントになった！冬の灯油代にします", "point balance"),
    F("ja", "詐欺に注意：市職員を名乗って口座番号や暗証番号を聞くことは絶対にありません（市公式の注意喚起より）", "scam warning, no data"),
    F("ja", "イベント会場：青空市民会館 大ホール（駅から徒歩5分）入場無料です。詳しくは市の公式サイトで", "public venue"),
    F("ja", "速報：本市の人口は 218,403 人（4月1日現在）、世帯数は 101,227 でした", "statistics"),
    F("ja", "内線 3315 が粗大ごみ受付の新しい番号です、庁内のみなさんお間違えなく", "office extension, not personal"),
    F("en", "Reminder: the city will never ask for your My Number or card PIN by phone or LINE. Hang up and call the official number.", "scam warning"),
    F("en", "Our form asks for phone numbers in the format +81-XX-XXXX-XXXX — several residents found that confusing, we're fixing the hint.", "placeholder format"),
    F("en", "Ticket #20931 closed. The route 7 bus timetable change starts on 1 April.", "ticket number"),
    F("en", "Please contact the International Residents Desk through the city website, not by DM — we can't handle personal info here.", "no data"),
    F("en", "Population of Aozora City: 218,403 as of April 1. Households: 101,227.", "statistics"),
    F("en", "Aozora Pay top-up limit is 50,000 yen per day and 200,000 yen per month.", "amounts"),
    F("en", "The new bin collection calendar is out: burnables Mon/Thu, plastics Wed. PDF on the city site.", "schedule"),
    F("en", "Aozora Spring Festival: 12–13 April, 10:00–16:00, Central Park. Free entry, bring a picnic!", "event info"),
    F("en", "My phone died at 3% after 14 hours of vote counting. 58,112 ballots, 0 errors 😴", "counts"),
    F("en", "The IBAN field on the refund form is only for residents with overseas accounts; domestic accounts use branch and account number.", "mentions IBAN, no value"),
    F("en", "Version 2.4.1 of Aozora Connect fixes the login bug on Android 14.", "version number"),
    F("en", "Never post a passport number or residence card number online — not even your own. Today's privacy training in one line.", "advice, no data"),
    F("en", "Room 402 is the new desk for waste collection questions, 2nd floor, open 8:30–17:15.", "room number and hours"),
]

SECRET = [
    T("ja", f"研修用のAWSアカウント、アクセスキー {aws_id()} / シークレット {aws_secret()} で入れます。明日までに触っておいてね", "AWS key pair", "direct"),
    T("ja", f"あおぞらペイ検証環境のStripeキーこれ→ {stripe()} 本番じゃないから大丈夫…だよね？", "Stripe live secret key"),
    T("ja", "庁内Wi-Fiのパスワード変わったよ。新しいのは Aozora#2025wifi です", "password in prose", "direct"),
    T("ja", "共有PCのログインパスワードは hb0412kobo ね、付箋に書くのはもうやめよう笑", "password in prose"),
    T("ja", f"GitHubのトークン貼っとく {ghp()} オープンデータのリポジトリ用", "GitHub classic token"),
    T("ja", f"Slack連携のボットトークン {xoxb()}、これで障害通知が飛ぶはず", "Slack bot token", "direct"),
    T("ja", f"避難所マップのGoogle Maps APIキー {google_key()}、使いすぎ注意でお願いします", "Google API key"),
    T("ja", f"npm publish用のトークン {npm_tok()} 、CIのシークレットに入れといてください", "npm token", "direct"),
    T("ja", "施設予約の管理画面、ID: admin / パスワード: Kz8#vQ2m!Lp で入れます", "password in prose"),
    T("ja", f"OpenAIのAPIキー {openai_proj()} 、市民問い合わせチャットボットの試作用です", "OpenAI project key"),
    T("ja", f"キオスク端末のトークン、こんな感じで返ってくる {jwt()} デコードするとユーザーIDが見えるよ", "JWT"),
    T("ja", f"サーバーの秘密鍵これです、ログインできなかったら言ってください\n{pem('OPENSSH PRIVATE KEY', 4)}", "private key block", "direct"),
    T("ja", f"GitLabのアクセストークン {glpat()} を発行しました。有効期限は来月末です", "GitLab PAT"),
    T("en", f"Here's the PyPI token for the open data package: {pypi_tok()}", "PyPI token"),
    T("en", f"AWS creds for the open data bucket — key {aws_id()}, secret {aws_secret()}. Rotate after the hackathon.", "AWS key pair"),
    T("en", "the shared mailbox password is Sakura!2025 — please don't change it without telling me", "password in prose", "direct"),
    T("en", f"Slack webhook for #aozora-alerts: {slack_hook()}", "Slack webhook URL"),
    T("en", f"Stripe restricted key for the festival ticket shop: {stripe('rk_live_')}", "Stripe restricted key"),
    T("en", f"GitHub fine-grained token for the bus data repo, expires Friday: {github_pat()}", "GitHub fine-grained PAT"),
    T("en", f"Maps key for the evacuation map embed: {google_key()} (restrict it later)", "Google API key"),
    T("en", f"Deploy key for the kiosk, don't lose it:\n{pem('RSA PRIVATE KEY', 5)}", "RSA private key block", "direct"),
    T("en", "Wifi at the Midori community center: network AozoraStaff, password 7hY!q2Kw9zR", "password in prose"),
    T("en", "The login for the parking permit admin is parking_admin and the password is Tomato_Soup_88", "password in prose"),
    T("en", f"OpenAI key for the chatbot demo: {openai_legacy()}", "OpenAI legacy key"),
    T("en", f"Authorization: Bearer {jwt()} — that's what the kiosk sends, valid for 24h", "JWT bearer"),
    F("ja", "パスワードは12文字以上、英大文字・小文字・数字・記号を組み合わせてください（情報政策課より）", "password rule"),
    F("ja", "APIキーは <YOUR_API_KEY> の部分を自分のものに置き換えてね。絶対にチャットに貼らないこと", "placeholder"),
    F("ja", "AKIAXXXXXXXXXXXXXXXX みたいな形式の文字列を見つけたらすぐ情報政策課へ連絡を", "placeholder key"),
    F("ja", "パスワードを付箋に書いてモニターに貼るのはやめましょう、と研修で100回言われた", "talks about passwords"),
    F("ja", "あおぞらペイのパスワードを忘れたら、アプリの「パスワード再設定」から変更できます", "reset instructions"),
    F("ja", "トークンの有効期限が切れたので再発行しました（中身はもちろん載せません）", "no value"),
    F("ja", "今日の研修テーマは「秘密鍵の管理」。鍵ファイルを共有フォルダに置かない、が結論でした", "topic only"),
    F("ja", "スクショに password: ******** って写ってたけど、ちゃんと伏せ字になってた、セーフ", "masked"),
    F("ja", "Wi-Fiのパスワードは各施設の受付で確認してください。SNSには掲載しません", "no value"),
    F("ja", "コミット 3f9a2c1 でQRリーダーの不具合が直ったよ、お疲れさまでした", "short commit hash"),
    F("ja", "二要素認証、設定した？市の業務アカウントは来月から必須です", "2FA reminder"),
    F("ja", "sk_live_xxxxxxxxxxxxxxxxxxxx ← 本物はこういう形だから貼っちゃダメ、という例で説明しました", "placeholder Stripe shape"),
    F("en", "Password rules for Aozora Connect: at least 12 characters, no reuse of your last 5 passwords.", "password rule"),
    F("en", "Set OPENAI_API_KEY=<your key> in the .env file and never commit it.", "placeholder"),
    F("en", "Token: ghp_XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX — this is what a leaked token looks like; report it if you see one.", "placeholder token"),
    F("en", "Forgot your Aozora Pay password? Use 'Reset password' in the app — staff can't see it.", "reset instructions"),
    F("en", "We rotated all the API keys after the audit. No, I'm not posting them 😅", "no value"),
    F("en", "Security training today: private keys go in the vault, not in chat.", "topic only"),
    F("en", "AWS_SECRET_ACCESS_KEY=**** in the screenshot — good, it's masked.", "masked"),
    F("en", "Passphrase tip: four random words beat one clever word. Let your password manager generate them.", "advice"),
    F("en", "Bearer tokens expire after 24 hours in the new API; use the refresh endpoint to get a new one.", "describes tokens"),
    F("en", "The Wi-Fi password for the festival is on the sign at the info tent — ask there!", "no value"),
    F("en", "Docs should only ever show example keys like AKIAIOSFODNN7EXAMPLE, never real ones.", "documentation example key"),
    F("en", "JWT = header.payload.signature. The payload is only base64, not encrypted, so keep personal data out of it.", "explains JWT"),
    F("en", "Commit a1b2c3d fixed the QR reader on the kiosks. Great work, team!", "short commit hash"),
]

CONFIDENTIAL = [
    T("ja", "ひばり、秋から緑町で実証始まるらしい。まだ発表前だから内緒ね🤫", "code name + not announced"),
    T("ja", "キリン計画で紙の整理券なくなるって。庁内限定の話だけど、窓口の人は楽になるかも", "code name + internal only"),
    T("ja", "ここだけの話、来年度の予算案で子育て給付が増額されるっぽい。議会前だから詳しくは言えないけど", "pre-council budget"),
    T("ja", "うちの課長、4月から福祉課に行くって聞いた…まだ内示前だから誰にも言えないけど", "personnel transfer before naiji"),
    T("ja", "空調工事の入札、予定価格が5千万弱らしい。公告前だけどね", "bid information before notice"),
    T("ja", "#ひばり プロジェクト、委託先候補3社まで絞ったって。非公開審査だからまだ言えないけど楽しみ", "code name + closed review"),
    T("ja", "庁外秘の資料、今日の会議で配られた。キリンの初期費用がすごい額でびっくり", "code name + secret document"),
    T("ja", "Hibariのベータ、職員の家庭で先行テストするらしい。まだ誰にも言っちゃダメなやつ", "code name + secrecy"),
    T("ja", "議会前の予算案見ちゃった。コミュニティバスの補助、けっこう削られてる…", "pre-council budget"),
    T("ja", "青空ポイント年末キャンペーンの還元率、もう決まってるけど市長会見まで非公表。楽しみにしてて", "undisclosed campaign decision"),
    T("ja", "給食配送の入札、3社応募で1社だけかなり安かった。結果公表前だから社名は言えないけど", "bid information"),
    T("ja", "内部資料によると、キリンは来年10月リリース予定。発表は11月の会見でって話", "code name + internal document"),
    T("ja", "NDA結んだ業者さんとのひばり打ち合わせ、今日も長かった…詳細は言えない", "code name + NDA"),
    T("en", "Can't say much, but Kirin is going to change how the city hall counters work. Launch is months away — internal only for now.", "code name + internal only"),
    T("en", "Spent all day on Hibari. Closed beta in June, vendor still secret 🤐", "code name + secret"),
    T("en", "Just between us: the draft budget cuts the community bus subsidy. Council hasn't seen it yet.", "pre-council budget"),
    T("en", "Heard my transfer notice early — moving to the welfare section in April. Not official until the 24th, so shh.", "personnel transfer before announcement"),
    T("en", "Bid results for the school lunch contract are in and the lowest is way below the others. Can't say who until the public notice.", "bid information"),
    T("en", "Kirin steering meeting again. It's unannounced, so I'll just say: goodbye ticket machines 👋", "code name + unannounced"),
    T("en", "Working on something called Hibari for Aozora Pay. It's unreleased, so that's all I can share!", "code name + unreleased"),
    T("en", "The confidential memo on my desk says the fireworks sponsor pulled out. Oops, did I say that?", "confidential document content"),
    T("en", "NDA-bound meeting with the Kirin vendor today. Long day, can't say more.", "code name + NDA"),
    T("en", "Internal only, but the year-end points campaign rate is already decided and it's generous.", "internal-only decision"),
    T("en", "The pre-council budget draft is sitting in my inbox and wow, library hours are getting cut.", "pre-council budget"),
    T("en", "ひばり project update (not public yet): auto top-up finally works in testing!", "code name + not public"),
    F("ja", "今朝、河川敷でひばりが鳴いてた。春だなぁ🐦", "skylark"),
    F("ja", "美空ひばりの「川の流れのように」、市民会館のカラオケ大会で歌ってくれたおじいちゃん最高だった", "singer"),
    F("ja", "青空動物園のキリンの赤ちゃん、名前を募集中だそうです（市公式サイトより）", "giraffe"),
    F("ja", "仕事終わりのキリン一番搾り🍺 今日もおつかれさまでした", "beer"),
    F("ja", "来年度予算案が本日の市議会で可決されました。詳しくは市ホームページへ https://www.city.aozora.example/budget", "public budget"),
    F("ja", "庁舎空調更新工事の入札結果が市HPで公表されてます。落札額も載ってた", "published bid results"),
    F("ja", "4月の人事異動が新聞に載ってた。同期が課長になっててびっくり", "published transfers"),
    F("ja", "「ここだけの話」って言いながら全員に言う課長、うちだけ？笑", "cue phrase as a joke, no secret"),
    F("ja", "キリンのぬいぐるみ、子どもが寝るときも離さない🦒", "toy giraffe"),
    F("ja", "ひばりヶ丘まで自転車で行ってきた。坂がきつい", "place name"),
    F("ja", "NDAって何の略か新人研修で聞かれて答えられなかった（秘密保持契約です）", "NDA explained"),
    F("ja", "あおぞらペイの自動チャージ、市の公式発表どおり来月から使えるみたい！", "public announcement"),
    F("en", "A skylark — hibari in Japanese — was singing over the rice fields this morning. Spring is here.", "skylark"),
    F("en", "Kirin Ichiban after a 12-hour election shift. Earned it 🍺", "beer"),
    F("en", "Took the kids to see the giraffes. The Japanese word is kirin, same as the beer — my son was very confused lol", "giraffe"),
    F("en", "The budget was approved by the council today; full documents are on the city website.", "public budget"),
    F("en", "Bid results for the HVAC project were published this morning. Transparency 👍", "published bids"),
    F("en", "Personnel changes for April were announced today. Congrats to everyone moving!", "announced transfers"),
    F("en", "Watching old Misora Hibari clips with my mother-in-law. What a voice.", "singer"),
    F("en", "Our training today covered what counts as confidential under the 2013 social media guidance. Useful session.", "talks about confidentiality"),
    F("en", "Internal combustion engines are banned from the festival plaza this year — only EV food trucks!", "'internal' in everyday use"),
    F("en", "The NDA template for vendors is published on the procurement page, anyone can download it.", "public NDA template"),
    F("en", "Unreleased demo tracks from a local band at the festival tonight — free concert!", "'unreleased' in everyday use"),
    F("en", "Kirin the giraffe at Aozora Zoo turns 10 today! 🎂", "zoo animal"),
    F("en", "Hibari Hills community center reopens on Monday after the renovation.", "place name"),
]

LEAK = [
    T("ja", "聞いて。来年度当初予算案、子育て応援給付の単価は1人あたり3万円で最終調整中なんだって。議会提出は2月20日らしい", "copies i01"),
    T("ja", "プロジェクト「ひばり」は、あおぞらペイに地域通貨の自動チャージ機能と高齢者見守り通知を追加する計画。実証実験は緑町地区の300世帯を対象に秋から開始予定。", "copies i02"),
    T("ja", "4月の異動内示は3月14日。福祉課の課長ポストは現・市民課の田村補佐が昇任で内定。…まじか", "copies i03"),
    T("ja", "キリン計画：市役所本庁舎の窓口予約をAozora Connectに統合し、2026年度中に紙の整理券を廃止する。初期費用は約1億2千万円を見込む、とのこと", "copies i04"),
    T("ja", "庁舎空調更新工事の予定価格は4,850万円（税抜）、最低制限価格は予定価格の88%で設定済みだって", "copies i05"),
    T("ja", "3/2 10:14〜11:02、あおぞらペイの決済APIがタイムアウト。原因はDB接続プールの枯渇。影響件数は約1,200件。", "copies i06"),
    T("ja", "事実確認が終わるまで個人アカウントでの言及は禁止。公式見解は広報課長の承認後に公式アカウントからのみ発信する。…ってWikiにあるけど守られてる？", "copies i07"),
    T("ja", "青空ポイントの年末キャンペーン、還元率は15%で決裁が下りた！発表は12月1日の市長定例会見まで伏せておくこと、らしい", "copies i08"),
    T("ja", "緑町の窓口に毎週来る男性の件、昨日は職員に大声で詰め寄って30分ほど業務が止まった。次は警備員を呼ぶ判断でいいって課長了承済み", "copies i09"),
    T("ja", "避難所開設訓練、受付の名簿記入に時間がかかりすぎた。次回はAozora ConnectのQRコード受付を試行し、紙名簿は予備にする。備蓄の毛布は第3倉庫に残り412枚。", "copies i10"),
    T("ja", "ひばり、委託先候補は3社で、プロポーザル審査は非公開で実施するんだって。庁外への説明は企画課長の了承を得てから、だそうです", "copies i02"),
    T("ja", "市長レク資料は共有フォルダの/予算/R7/に置いた、議会提出までそれまで数字は絶対に外に出さないこと…ってチャットに流れてきた", "copies i01"),
    T("ja", "原因はDB接続プールの枯渇。二重決済は確認されていない。再発防止として接続上限を200に引き上げる、だそうです", "copies i06"),
    T("en", "Hibari pilot: the auto top-up service for Aozora Pay goes into closed beta with 50 staff households on 10 June. Vendor shortlist is Sora Systems and Nishikaze Tech.", "copies e01"),
    T("en", "Interpreter roster at our desk: Portuguese on Tuesdays, Vietnamese on Thursdays, Nepali by phone only. When a resident brings a residence card, never photocopy both sides.", "copies e02"),
    T("en", "So Kirin will replace the counter ticket machines at the main building with reservations in Aozora Connect. Launch target is October, but the mayor wants to announce it himself.", "copies e03"),
    T("en", "Staff laptops must use the VPN profile intra.city.aozora.example before opening the payroll system. If a USB stick is lost, report it to the CISO office within one hour, even at night.", "copies e04"),
    T("en", "The draft budget cuts the community bus subsidy from 38 million yen to 29 million. Council members haven't seen it yet; the committee briefing is on 18 February.", "copies e05"),
    T("en", "Root cause of Saturday's outage: a certificate on the payment gateway expired at midnight and auto-renewal was disabled after the migration. About 3,400 transactions failed.", "copies e06"),
    T("en", "Transfer notices are handed out individually on 14 March. Until the official announcement on 24 March, managers may not share names with their teams.", "copies e07"),
    T("en", "Bids for the school lunch delivery contract closed today. Three companies applied; Hoshino Foods came in lowest at 212 million yen.", "copies e08"),
    T("en", "ugh. The fireworks sponsor pulled out last night, so we're 6 million yen short. Options: cut the show to 20 minutes or ask Aozora Pay merchants for a joint campaign.", "copies e09"),
    T("en", "Home visit checklist: confirm the resident's emergency contact, check medicine stock, and note any signs of isolation. Visit records must never be sent by personal email or LINE.", "copies e10"),
    T("en", "lol our ops chat today: \"About 3,400 transactions failed. Refunds are automatic; no card data was exposed.\" what a weekend", "copies e06"),
    T("en", "Kirin steering group decision: Kirin will replace the counter ticket machines with reservations in Aozora Connect, so keep it internal until the November press conference.", "copies e03"),
    F("ja", "予算の時期で財政課の友達が毎晩遅くまで残業してる。体に気をつけてね", "topic of i01 in own words"),
    F("ja", "あおぞらペイ、新しい機能が増えるといいなあ。高齢の親でも使いやすいと嬉しい", "topic of i02 in own words"),
    F("ja", "異動の季節が近づいてきてソワソワ。どこに行っても頑張ろう", "topic of i03 in own words"),
    F("ja", "窓口の整理券、紙じゃなくてスマホで取れたら便利なのにね", "topic of i04 in own words"),
    F("ja", "庁舎の空調、古くて夏は本当に暑い。早く直してほしい〜", "topic of i05 in own words"),
    F("ja", "先週あおぞらペイが1時間くらい使えなかったらしいね。現金持っててよかった", "topic of i06 in own words"),
    F("ja", "炎上したときは個人アカウントで反応しない、って研修で習った。大事", "topic of i07 in own words"),
    F("ja", "青空ポイントの年末キャンペーン、今年もあるといいな", "topic of i08 in own words"),
    F("ja", "窓口で大声を出す人、たまにいて怖い。警備の人がいると安心する", "topic of i09 in own words"),
    F("ja", "防災訓練おつかれさまでした！受付ちょっと混んでたけど、次はもっとスムーズにしたい", "topic of i10 in own words"),
    F("ja", "プロポーザル審査って何するの？と家族に聞かれて説明に困った", "topic of i02 in own words"),
    F("ja", "予算書って分厚いよね。議会前は本当に大変", "topic of i01 in own words"),
    F("en", "Auto top-up would be so handy in payment apps. Hope Aozora Pay gets one someday.", "topic of e01 in own words"),
    F("en", "Shoutout to our interpreters at the International Desk — they make such a difference.", "topic of e02 in own words"),
    F("en", "Ticket machines at city hall feel so 2005. Can't wait for something better.", "topic of e03 in own words"),
    F("en", "Always use the VPN, folks. Security training was actually interesting this year.", "topic of e04 in own words"),
    F("en", "Budget season means long nights for the finance folks. Bring them snacks 🍙", "topic of e05 in own words"),
    F("en", "Aozora Pay was down on Saturday. Annoying, but it came back. Paid cash at the bakery.", "topic of e06 in own words"),
    F("en", "Transfer season is stressful. Wherever I end up, I'll be fine.", "topic of e07 in own words"),
    F("en", "School lunch is one of the things this city does really well, honestly.", "topic of e08 in own words"),
    F("en", "Hope the fireworks go ahead this year, it's the best night of summer.", "topic of e09 in own words"),
    F("en", "Home visits to elderly residents are the most meaningful part of my job.", "topic of e10 in own words"),
    F("en", "Certificates expiring at midnight: a classic IT horror story 👻", "topic of e06 in own words"),
    F("en", "Procurement rules are strict for a reason — fair bidding matters.", "topic of e08 in own words"),
    F("en", "Lost a USB stick once. Never again. Everything lives in the approved cloud now.", "topic of e04 in own words"),
]

HARASSMENT = [
    T("ja", "市民課の窓口のババア、マジで無能。税金泥棒はさっさと辞めろ", "insult"),
    T("ja", "@aozora_staff お前みたいな役人は死ね", "death wish"),
    T("ja", "し ね よ 役 所 の ク ズ ど も", "spaced insult"),
    T("ja", "ｼﾈ 市長。お前のせいで街がめちゃくちゃだ", "half-width kana"),
    T("ja", "外人はこの街から出ていけ。ゴミ出しもまともにできない連中が", "discriminatory"),
    T("ja", "あの職員の顔覚えたからな。帰り道に気をつけろよ", "threat"),
    T("ja", "青空市役所のガイジども、仕事しろ", "slur"),
    T("ja", "市議のあいつ、キモすぎて吐きそう。消えろブス", "insult"),
    T("ja", "明日庁舎に灯油まいて火つけてやるからな", "threat of arson"),
    T("ja", "ﾊﾞｶ職員ども、頭おかしいんじゃねーの", "half-width insult"),
    T("ja", "窓口の若い女、ヤらせてくんねーかな", "sexual harassment"),
    T("ja", "チョンは市営住宅から追い出せよ", "ethnic slur"),
    T("ja", "ク○役人ども全員クビにしろ。マジでころすぞ", "kana threat, masked insult"),
    T("en", "The clerk at the tax office is a useless idiot. Fire her.", "insult"),
    T("en", "Aozora City staff are parasites living off our taxes. Drop dead, all of you.", "insult + death wish"),
    T("en", "k1ll yourself @aozora_pay_support", "leetspeak"),
    T("en", "f u c k i n g morons at city hall", "spaced profanity"),
    T("en", "Go back to your country, we don't want foreigners in Aozora", "discriminatory"),
    T("en", "I know where the mayor lives. He'd better watch his back.", "threat"),
    T("en", "That councilwoman is a stupid b1tch", "leetspeak slur"),
    T("en", "retards running the bus department as usual", "slur"),
    T("en", "Shut up, you fat pig, nobody asked you", "insult"),
    T("en", "ｓｔｕｐｉｄ　ｃｌｅｒｋｓ, every single one of them", "full-width insult"),
    T("en", "I'm going to burn down the ward office if they reject my permit again.", "threat"),
    T("en", "That intern at the counter, I'd love to see her naked lol", "sexual harassment"),
    F("ja", "住民票を取るのに1時間待った。番号札のシステム、どうにかしてほしい", "service complaint"),
    F("ja", "死ぬほど忙しい年度末。でも今日も窓口がんばる💪", "idiom"),
    F("ja", "ゴミ収集の時間が早すぎて毎回出し遅れる…改善してほしいです", "service complaint"),
    F("ja", "駅前の新しいラーメン屋、やばいくらいうまい", "slang praise"),
    F("ja", "バカ売れ中のご当地サイダー、物産展で完売しました！", "バカ as intensifier"),
    F("ja", "市長の説明、正直わかりにくかった。もう少し丁寧に説明してほしい", "criticism"),
    F("ja", "ゴキブリを殺すスプレー、給湯室にも置いてほしい…", "pest"),
    F("ja", "言葉の暴力をなくそう、という人権啓発パネル展を市民会館で開催中です", "awareness event"),
    F("ja", "窓口の対応が遅すぎる。人手不足なのはわかるけど、予約制にしてほしい", "service complaint"),
    F("ja", "アホみたいに寒い朝。除雪車のみなさん、ありがとう", "アホ as intensifier"),
    F("ja", "キラーコンテンツは青空ポイントの還元キャンペーンだね", "'killer' idiom"),
    F("ja", "外国人住民のための相談窓口、ポルトガル語とベトナム語に対応しました", "foreign residents, neutral"),
    F("en", "Waited 90 minutes at the ward office. The queue system is a mess, please fix it.", "service complaint"),
    F("en", "This ramen is killer. Best bowl in Aozora.", "'killer' idiom"),
    F("en", "The bus was late again. Third time this week, come on.", "service complaint"),
    F("en", "Kill the process and restart the kiosk, that usually fixes it.", "technical 'kill'"),
    F("en", "I'm dead tired after the festival but it was worth it.", "idiom"),
    F("en", "Honestly the new city website is confusing. Who designed this navigation?", "criticism"),
    F("en", "Our anti-discrimination workshop talked about why slurs hurt. Powerful session.", "topic only"),
    F("en", "The mayor's answer in council was vague and disappointing.", "criticism"),
    F("en", "Damn, the cherry blossoms by the river are insane this year 🌸", "mild expletive"),
    F("en", "My cat is a chunky little goofball and I love him", "affectionate"),
    F("en", "The printer jammed again right before the meeting 🙃 classic Monday", "frustration"),
    F("en", "Foreign residents: the city now offers consultations in Nepali on Thursdays!", "foreign residents, neutral"),
    F("en", "The parking fines feel unfair. I'll file a formal complaint with the city.", "complaint"),
]

DISCLOSURE = [
    T("ja", "あおぞらペイ、マジで便利！商店街で使うと青空ポイントも貯まるし、みんな今すぐダウンロードして🙌", "promotes app, no disclosure"),
    T("ja", "青空ポイント、今なら登録だけで500pt！使わないと損ですよ〜", "promotes points"),
    T("ja", "Aozora Connectで窓口予約できるの最高。待ち時間ゼロ！おすすめです✨", "promotes app"),
    T("ja", "今日のランチもあおぞらペイで。還元あるしチャージも簡単、まだの人はぜひ！", "promotes app"),
    T("ja", "商店街のみなさん、あおぞらペイ導入するなら今がチャンス！手数料無料キャンペーン中です", "promotes to merchants"),
    T("ja", "あおぞらペイ最高！ #青空市 #グルメ #ランチ #カフェ #おすすめ #地域通貨 #キャッシュレス #市職員 #PR #ポイ活 #週末", "label buried in hashtags"),
    T("ja", "家族全員あおぞらペイに乗り換えました。ポイント還元えぐいので、知り合いにも布教中📣", "promotes app"),
    T("ja", "Aozora Connect、防災情報もすぐ届くし入れておいて損なし！周りの人にも勧めてください", "promotes app"),
    T("ja", "青空ポイントで市民プールが無料になるの知ってた？アプリ入れるだけ！今すぐ👉", "promotes points"),
    T("ja", "高齢の親にもあおぞらペイ入れてあげた。操作かんたんだし、ぜひみなさんのご家族にも", "promotes app"),
    T("ja", "年末は青空ポイントのキャンペーンがアツい！絶対に参加してね〜", "promotes campaign"),
    T("ja", "まだ現金使ってるの？あおぞらペイにしたら世界変わるよ", "promotes app"),
    T("ja", "Aozora Pay便利すぎ。地元のお店の応援にもなるし、これ使わない理由ない", "promotes app"),
    T("en", "Aozora Pay is honestly the best way to shop local. Download it today, you won't regret it!", "promotes app"),
    T("en", "Just got 500 bonus Aozora Points for signing up 🎉 Everyone should do this right now.", "promotes the points programme (English name of 青空ポイント)"),
    T("en", "Booked my residence card appointment in Aozora Connect in 30 seconds. Best app ever, go get it!", "promotes app"),
    T("en", "Friends in Aozora: switch to Aozora Pay, the cashback is amazing and the shops love it.", "promotes app"),
    T("en", "If you're new to Aozora City, the first thing to install is Aozora Connect. Trust me.", "promotes app"),
    T("en", "Aozora Pay FTW 💳 #aozora #shoplocal #cashless #japanlife #expat #food #ad #coffee #weekend #tokyo", "label buried in hashtags"),
    T("en", "Paid for the whole festival with Aozora Pay. Seamless. Tell your friends!", "promotes app"),
    T("en", "Shop owners: Aozora Pay has zero fees this year. Sign up now, seriously.", "promotes to merchants"),
    T("en", "My parents finally use Aozora Connect for the bus timetable. 10/10, recommend it to everyone.", "promotes app"),
    T("en", "Honestly there's no reason not to use Aozora Pay. Local, fast, rewards. Get it.", "promotes app"),
    T("en", "Aozora Pay > every other payment app. Download link in my bio 👇", "promotes app"),
    T("en", "Double 青空ポイント this weekend at the shopping street with Aozora Pay — grab them while you can!", "promotes campaign"),
    F("ja", "【市職員です】あおぞらペイ、個人的にも便利で使ってます。商店街で使うとポイントも貯まりますよ", "clear disclosure up front"),
    F("ja", "青空市役所で働いています。その立場からですが、Aozora Connectの窓口予約、ぜひ試してみてください", "clear disclosure"),
    F("ja", "#PR 青空市役所の職員として、青空ポイントのキャンペーンをお知らせします。詳細は市公式サイトで", "clear disclosure"),
    F("ja", "あおぞらペイ、今日アプリが落ちてて使えなかった…困る", "complaint, not promotion"),
    F("ja", "青空ポイントの有効期限、短すぎない？もう少し延ばしてほしい", "complaint"),
    F("ja", "【青空市公式】あおぞらペイで年末ポイントキャンペーン実施中！還元率15%、12月31日まで", "brand account", "brand"),
    F("ja", "Aozora Connect の新バージョンを公開しました。窓口予約の画面が見やすくなりました", "brand account", "brand"),
    F("ja", "市の発表によると、あおぞらペイは3月にシステムメンテナンス予定とのこと https://www.city.aozora.example/news/0301", "sharing a notice, not promoting"),
    F("ja", "あおぞらペイの使い方が分からない、とおばあちゃんに言われたので教えてきた", "neutral mention"),
    F("ja", "市職員です（PR）。青空ポイントで市民プールが無料になります、ぜひ！", "clear disclosure"),
    F("ja", "【広告】市役所勤務の私から：あおぞらペイのチャージ方法を動画にまとめました", "clear disclosure"),
    F("ja", "あおぞらペイ、ポイント還元はいいけどチャージ画面がわかりにくい。改善希望です", "mixed review, not promotion"),
    F("en", "Disclosure: I work at Aozora City Hall. That said, Aozora Pay really is handy at the local shops.", "clear disclosure"),
    F("en", "I work for the city (Aozora City Hall), so I'm biased — but try Aozora Connect for appointments.", "clear disclosure"),
    F("en", "#ad I'm a city employee: Aozora Points double this weekend, details on the official site.", "clear disclosure"),
    F("en", "Aozora Pay crashed at the checkout again. Please fix this.", "complaint"),
    F("en", "Is it just me or does Aozora Connect log you out every single day?", "complaint"),
    F("en", "Aozora Pay's year-end campaign starts today: 15% back at participating shops until 31 December.", "brand account", "brand"),
    F("en", "Aozora Connect 3.0 is out, with online reservations for every counter at city hall.", "brand account", "brand"),
    F("en", "News: Aozora City says Aozora Pay usage doubled last year (Aozora Shimbun) https://aozora-shimbun.example/2025/0412", "news link"),
    F("en", "Question for locals: does Aozora Pay work at the Sunday farmers' market?", "question"),
    F("en", "City staff here 👋 (personal account). Aozora Connect now has English menus — give it a try!", "clear disclosure"),
    F("en", "Tried Aozora Pay for the first time. Mixed feelings: fast, but the top-up screen is confusing.", "mixed review"),
    F("en", "PR / I work at Aozora City Hall: free pool entry with Aozora Points this summer.", "clear disclosure"),
    F("en", "Aozora Points expire after 12 months, so check your balance before March.", "neutral info"),
]

CLAIMS = [
    T("ja", "青空ポイントを地元ファンドに回せば年利10%確実。元本保証だから損は絶対にしません", "guaranteed return"),
    T("ja", "物産展の青汁、毎日飲めばがんが治るって本当ですよ！うちの母も完治しました", "cancer cure claim"),
    T("ja", "このハーブティーで糖尿病が治ります。もう薬はいりません", "diabetes cure claim"),
    T("ja", "必ず儲かる投資話、市職員限定で紹介します。月利5%保証", "guaranteed return"),
    T("ja", "青空温泉のお湯でアトピーが完治！皮膚科に行く必要なし", "cure claim"),
    T("ja", "このサプリを飲めば高血圧が治る。かかりつけの先生も驚いてた", "cure claim"),
    T("ja", "あおぞらペイでチャージしたお金をこの口座に預けると、絶対に2倍になります", "guaranteed doubling"),
    T("ja", "地元産の黒にんにく、認知症を予防して改善します！薬より効く", "medical efficacy claim"),
    T("ja", "元本保証・高配当！青空市の駅前マンション投資、今なら利回り12%確定", "guaranteed yield"),
    T("ja", "この水素水で花粉症が治った。飲めば誰でも治るからみんなも飲んで", "cure claim"),
    T("ja", "ふるさと納税の返礼品のはちみつ、インフルエンザが治るほど効きます", "cure claim"),
    T("ja", "損しない投資、リスクゼロで毎月3万円の不労所得が確実に入ります", "risk-free guaranteed income"),
    T("ja", "この磁気ブレスレットをつければ肩こりも腰痛も完治します", "cure claim"),
    T("en", "This local honey cures diabetes. My uncle stopped taking insulin!", "cure claim"),
    T("en", "Guaranteed 15% annual return with the Aozora community fund — zero risk.", "guaranteed return"),
    T("en", "Invest in the Sakura Bay apartments now — your money is guaranteed to double in 2 years.", "guaranteed doubling"),
    T("en", "The green tea from our farmers' market cures cancer, no joke.", "cancer cure claim"),
    T("en", "Risk-free! Put in 1 million yen and get 100,000 yen every month, guaranteed.", "guaranteed income"),
    T("en", "This supplement reverses dementia. I've seen it with my own eyes.", "medical claim"),
    T("en", "Our hot spring water heals eczema completely. No need for steroids anymore.", "cure claim"),
    T("en", "You can't lose money with this token backed by Aozora Points. 100% guaranteed profit.", "guaranteed profit"),
    T("en", "The herbal patch they sell at the health fair cures back pain permanently.", "cure claim"),
    T("en", "Principal protected and 20% a year — doubling your money is guaranteed.", "guaranteed return"),
    T("en", "Black garlic from Aozora farms cures high blood pressure. Ditch the pills.", "cure claim"),
    T("en", "This magnetic water bottle eliminates hay fever for good. Guaranteed results.", "cure claim"),
    F("ja", "青空ポイントの還元率は最大15%（予算がなくなり次第終了）です", "campaign terms"),
    F("ja", "投資には元本割れのリスクがあります。うまい話には注意してください（消費生活センター）", "risk warning"),
    F("ja", "物産展の青汁、思ったより飲みやすくて美味しかった！野菜もちゃんと食べよう", "taste, no claim"),
    F("ja", "特定健診、受けてきました。結果は来月。みなさんも年1回は受けましょう", "health check reminder"),
    F("ja", "「がんが治る水」には科学的根拠がありません、と保健所が注意喚起しています", "debunks a claim"),
    F("ja", "温泉気持ちよかった〜。肩こりが少し楽になった気がする（個人の感想です）", "personal feeling"),
    F("ja", "インフルエンザの予防接種、市の助成で自己負担1,500円になります", "public health info"),
    F("ja", "ふるさと納税の返礼品、今年ははちみつにしました🍯 トーストに合う", "no claim"),
    F("ja", "「元本保証」をうたう投資勧誘は詐欺の典型です。必ず家族や消費生活センターに相談を", "scam warning"),
    F("ja", "市民マラソン完走！来年も必ず出る", "'必ず' everyday"),
    F("ja", "「絶対儲かる」は絶対ウソ。高齢者の詐欺被害が増えています", "scam warning"),
    F("ja", "薬は医師・薬剤師の指示どおりに飲みましょう。自己判断でやめないで", "health advice"),
    F("en", "Reminder: no investment is guaranteed. If someone promises fixed returns, call the consumer center.", "risk warning"),
    F("en", "Free flu shots for seniors at the health center this month.", "public health info"),
    F("en", "The farmers' market honey is delicious. Not medicine, just tasty 🍯", "no claim"),
    F("en", "Aozora Points: up to 15% back while the campaign budget lasts.", "campaign terms"),
    F("en", "The health fair had free blood pressure checks — worth a visit.", "no claim"),
    F("en", "Studies on black garlic are limited; talk to your doctor before changing any medication.", "cautious"),
    F("en", "Our pension seminar explains risk and return honestly. No promises, just facts.", "no promise"),
    F("en", "I guarantee you'll love the fireworks this year 🎆", "'guarantee' everyday"),
    F("en", "The hot spring felt amazing after the marathon.", "no claim"),
    F("en", "Beware of scams promising 'guaranteed returns' in the city's name.", "scam warning"),
    F("en", "Walking 30 minutes a day may help lower blood pressure, according to the city's health guide.", "hedged advice"),
    F("en", "Returns on the community bond are not guaranteed; please read the prospectus.", "disclaimer"),
    F("en", "A cure for boredom: the new library opens Saturday 📚", "'cure' idiom"),
]

SPOKESPERSON = [
    T("ja", "青空市として、昨日のあおぞらペイの障害について正式にお詫び申し上げます。返金は自動で行います", "official apology from a personal account"),
    T("ja", "市の公式見解として申し上げます。本件の報道内容は事実と異なります", "official position"),
    T("ja", "青空市役所を代表して、台風で被害に遭われた皆さまにお見舞い申し上げます。本日より臨時窓口を開設します", "speaks on behalf of the city"),
    T("ja", "【お知らせ】青空市は、青空ポイントの年末キャンペーンを中止することを決定しました", "announces a city decision"),
    T("ja", "市としては、花火大会は予定どおり開催します。ご安心ください", "official decision"),
    T("ja", "当市は、職員の不祥事について厳正に対処いたします", "official statement"),
    T("ja", "青空市は本日、Aozora Connectからの個人情報流出はなかったと発表します", "first-person announcement"),
    T("ja", "あおぞらペイは3月末でサービスを終了します。これは市の正式決定です", "official decision"),
    T("ja", "市民の皆さまへ。青空市は、ごみ収集の有料化を来年度から実施いたします", "official announcement"),
    T("ja", "私ども青空市役所としましては、議員のご指摘を真摯に受け止め、改善に努めてまいります", "official response"),
    T("ja", "青空市の公式回答です：保育園の入所選考に不正はありませんでした", "official answer"),
    T("ja", "市役所として正式にコメントします。市長の発言は撤回いたしません", "official comment"),
    T("ja", "本市は本日をもちまして、旧庁舎の一般開放を終了いたします", "official announcement"),
    T("en", "On behalf of Aozora City, I apologize for yesterday's Aozora Pay outage. All failed payments will be refunded.", "on behalf of"),
    T("en", "Official statement: Aozora City denies the report that the fireworks festival is cancelled.", "official statement"),
    T("en", "Aozora City has decided to end the Aozora Points program on 31 March. This is final.", "announces decision"),
    T("en", "Speaking for the city: we will not raise bus fares this year.", "speaking for the city"),
    T("en", "The city's position is clear — the data breach story is false and we are considering legal action.", "official position"),
    T("en", "Aozora City Hall hereby announces that the ward office will close at noon tomorrow.", "hereby announces"),
    T("en", "We at Aozora City take full responsibility for the delay in childcare payments and will pay compensation.", "institutional 'we'"),
    T("en", "As the city, we officially confirm that no resident data was leaked.", "official confirmation"),
    T("en", "Aozora City will introduce paid garbage bags from April. This is the official decision.", "official decision"),
    T("en", "This is the city's official response: the mayor's remarks were taken out of context.", "official response"),
    T("en", "On behalf of Aozora City Hall, we welcome the court ruling and will not appeal.", "on behalf of"),
    T("en", "Aozora City officially announces that the new central library opening is postponed to June.", "official announcement"),
    F("ja", "市の公式発表はこちら → https://www.city.aozora.example/news/0412 障害のお詫びが出ています", "links official statement"),
    F("ja", "個人的な意見ですが、今回の市の対応は丁寧だったと思います", "personal opinion"),
    F("ja", "青空市は10日、ごみ袋の有料化を来年度から実施すると発表した（青空新聞）", "news report"),
    F("ja", "【青空市公式】本日のあおぞらペイの障害について、ご迷惑をおかけしたことをお詫び申し上げます", "brand account", "brand"),
    F("ja", "青空市は花火大会を予定どおり開催します。詳細は公式サイトをご覧ください", "brand account", "brand"),
    F("ja", "市長の会見、市の公式YouTubeで見られます。「バス運賃は据え置き」とのことでした", "quotes official statement"),
    F("ja", "このアカウントは個人のものであり、所属組織の見解を代表するものではありません。今日は猫の写真です🐈", "disclaimer"),
    F("ja", "申し訳ありません、今日の飲み会遅れます🙏", "personal apology"),
    F("ja", "市の正式な回答は広報課からお待ちください。個人としてはお答えできません", "declines to speak"),
    F("ja", "市報によると、旧庁舎の一般開放は今月で終了するそうです", "cites city bulletin"),
    F("ja", "今日は市議会の傍聴に行ってきました。答弁を聞いて勉強になりました", "personal experience"),
    F("ja", "公式声明を出すのは広報課の仕事。私は個人なのでノーコメントで🙇", "declines"),
    F("en", "The city's official apology is here: https://www.city.aozora.example/news/0412", "links official statement"),
    F("en", "My personal opinion, not the city's: the new bus routes are a big improvement.", "personal opinion"),
    F("en", "Aozora City announced on Monday that garbage bags will cost 20 yen from April, the Aozora Shimbun reported.", "news report"),
    F("en", "Official: Aozora City apologizes for yesterday's Aozora Pay outage. Refunds are automatic.", "brand account", "brand"),
    F("en", "Aozora City Hall will close at noon tomorrow because of the typhoon. Please stay safe.", "brand account", "brand"),
    F("en", "Quoting the mayor's press conference: 'We will not raise bus fares this year.' Full video on the city channel.", "quotes official statement"),
    F("en", "Views my own. Today I learned how to fix the ticket machine with a paperclip.", "disclaimer"),
    F("en", "Sorry I'm late to the book club, the council meeting ran over!", "personal apology"),
    F("en", "Can't comment on the news story — please contact the city's PR office for the official response.", "declines"),
    F("en", "According to the city's website, the library opening is postponed to June.", "cites website"),
    F("en", "Reuters: Japanese city tests local currency app; Aozora City says usage doubled. https://www.reuters.example/aozora-pay", "news report"),
    F("en", "I'm not a spokesperson, just a staffer who loves this town 🌸", "not a statement"),
    F("en", "On behalf of our book club, thank you to the library staff for the room!", "'on behalf of' a club"),
]

CATEGORIES = [
    ("pii", PII), ("secret", SECRET), ("confidential", CONFIDENTIAL), ("leak", LEAK),
    ("harassment", HARASSMENT), ("disclosure", DISCLOSURE), ("claims", CLAIMS), ("spokesperson", SPOKESPERSON),
]


def main():
    with open(os.path.join(HERE, "internal.jsonl"), "w", encoding="utf-8") as f:
        for doc_id, text in INTERNAL:
            assert 150 <= len(text) <= 600, (doc_id, len(text))
            f.write(json.dumps({"id": doc_id, "text": text}, ensure_ascii=False) + "\n")
    rows, n = [], 0
    for cat, items in CATEGORIES:
        counts = {(e, lang): 0 for e in (True, False) for lang in ("ja", "en")}
        for expect, lang, text, note, account in items:
            assert account in ("personal", "brand", "direct", "internal")
            counts[(expect, lang)] += 1
            n += 1
            rows.append({"id": f"h5-{n:04d}", "text": text, "account": account, "category": cat,
                         "expect": expect, "lang": lang, "note": note, "source": SOURCE})
        assert sum(c for (e, _), c in counts.items() if e) == 25, (cat, counts)
        assert sum(c for (e, _), c in counts.items() if not e) == 25, (cat, counts)
        assert all(12 <= c <= 13 for c in counts.values()), (cat, counts)
    assert len({r["text"] for r in rows}) == len(rows) == 400
    with open(os.path.join(HERE, "rows.jsonl"), "w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(f"wrote {len(INTERNAL)} internal documents and {len(rows)} rows")


if __name__ == "__main__":
    main()
