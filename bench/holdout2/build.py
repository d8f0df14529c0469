#!/usr/bin/env python3
"""Builds internal.jsonl and rows.jsonl for holdout2 (fixed seed; fake data only).

Rows are hand-written below; personal data and credentials are generated here with valid
check digits / realistic shapes so that nothing is a real person's data or a documented
example key. Run: python3 bench/holdout2/build.py
"""
import base64
import json
import os
import random
import string

R = random.Random(20261127)
HERE = os.path.dirname(os.path.abspath(__file__))
FW = str.maketrans("0123456789-", "０１２３４５６７８９－")

def digits(n): return "".join(R.choice("0123456789") for _ in range(n))
def alnum(n, chars=string.ascii_letters + string.digits): return "".join(R.choice(chars) for _ in range(n))

def luhn(prefix, length=16):
    while True:
        body = prefix + digits(length - len(prefix) - 1)
        s = 0
        for i, ch in enumerate(reversed(body)):
            d = int(ch)
            if i % 2 == 0:
                d *= 2
                if d > 9:
                    d -= 9
            s += d
        num = body + str((10 - s % 10) % 10)
        return num

def card(prefix="4", sep=" "):
    n = luhn(prefix, 15 if prefix.startswith("3") else 16)
    if len(n) == 15:
        return sep.join([n[:4], n[4:10], n[10:]])
    return sep.join(n[i:i + 4] for i in range(0, 16, 4))

def iban(cc, bban, spaced=True):
    num = "".join(str(int(c, 36)) for c in bban + cc + "00")
    chk = 98 - int(num) % 97
    s = f"{cc}{chk:02d}{bban}"
    return " ".join(s[i:i + 4] for i in range(0, len(s), 4)) if spaced else s

def mynumber(sep=""):
    body = digits(11)
    p = [int(c) for c in reversed(body)]
    s = sum(p[n - 1] * (n + 1 if n <= 6 else n - 5) for n in range(1, 12))
    r = s % 11
    n = body + str(0 if r <= 1 else 11 - r)
    return sep.join([n[:4], n[4:8], n[8:]]) if sep else n

def ssn():
    a = R.randint(100, 665)
    return f"{a:03d}-{R.randint(10, 99):02d}-{R.randint(1000, 9999):04d}"

def jp_mobile(sep="-"): return sep.join([R.choice(["090", "080", "070"]), digits(4), digits(4)])

def email(user, dom=None): return f"{user}{R.randint(1, 99)}@{dom or R.choice(['gmail.com', 'yahoo.co.jp', 'outlook.jp', 'icloud.com', 'docomo.ne.jp'])}"

def aws(): return "AKIA" + alnum(16, string.ascii_uppercase + "234567")
def aws_secret(): return alnum(40, string.ascii_letters + string.digits + "+/")
def ghp(): return "ghp_" + alnum(36)
def ghpat(): return "github_pat_" + alnum(22) + "_" + alnum(59)
def glpat(): return "glpat-" + alnum(20, string.ascii_letters + string.digits + "-_")
def slack(): return f"xoxb-{digits(12)}-{digits(13)}-{alnum(24)}"
def slack_hook(): return f"https://hooks.slack.com/services/T{alnum(8, string.ascii_uppercase + string.digits)}/B{alnum(10, string.ascii_uppercase + string.digits)}/{alnum(24)}"
def stripe(): return "sk_live_" + alnum(24)
def google(): return "AIza" + alnum(35, string.ascii_letters + string.digits + "-_")
def openai(): return "sk-proj-" + alnum(48, string.ascii_letters + string.digits + "-_")
def npm(): return "npm_" + alnum(36)
def pypi(): return "pypi-AgEIcHlwaS5vcmc" + alnum(60, string.ascii_letters + string.digits + "-_")

def b64u(b): return base64.urlsafe_b64encode(b).decode().rstrip("=")

def jwt():
    h = b64u(json.dumps({"alg": "HS256", "typ": "JWT"}).encode())
    p = b64u(json.dumps({"sub": digits(8), "name": "tanaka", "iat": 1790000000 + R.randint(0, 9999999)}).encode())
    return f"{h}.{p}.{b64u(bytes(R.randrange(256) for _ in range(32)))}"

def pem():
    body = base64.b64encode(bytes(R.randrange(256) for _ in range(144))).decode()
    lines = [body[i:i + 64] for i in range(0, len(body), 64)]
    return "-----BEGIN RSA PRIVATE KEY-----\n" + "\n".join(lines) + "\n-----END RSA PRIVATE KEY-----"

def pw(): return alnum(4, string.ascii_letters) + R.choice("!#$%&@") + digits(3) + alnum(3, string.ascii_letters)

INTERNAL = [
 ("ja-chat-01", "【#wallet-dev】佐々木: 来月のひかりウォレット v5.2 では、送金上限を1日50万円から30万円に引き下げる方向で金融庁対応チームと合意しました。理由は不正送金の件数が9月だけで前年比2.4倍になったためです。告知文は広報の確認待ち。山本: 了解です、リリースノートの文言はこちらで準備します。ユーザー影響が大きいのでFAQも同時に出したいですね。"),
 ("ja-chat-02", "【#risk-ops】大西: 先週の障害の件、根本原因は勘定系とのバッチ連携で日付切替時のタイムアウト値が30秒のままだったことでした。再発防止として、タイムアウトを120秒に延長し、リトライを3回まで入れます。顧客向けの説明は「システムの一時的な不具合」で統一してください。詳細な原因は外に出さない方針です。"),
 ("ja-wiki-03", "オリオン計画 概要（社内Wiki）\nオリオンは、地方の中小企業向けに請求書の買取りをアプリ上で完結させる新サービスです。審査はAIスコアで最短10分、手数料は2.5%〜を想定しています。2027年4月の提供開始を目標とし、提携先として地元信用金庫2行と交渉中です。対外的には名称・時期ともに未公表のため、取扱いに注意してください。"),
 ("ja-wiki-04", "ツバメ（次期ATM刷新）進捗メモ\n県内の店舗外ATM 412台のうち、約3割にあたる130台を2027年度中に撤去し、コンビニATMとの提携に切り替える。撤去候補リストは支店長会議で確定予定。地域への説明は自治体との調整後とし、それまで候補地名を含む資料は持ち出し禁止とする。撤去後の跡地利用は店舗企画部で別途検討する。"),
 ("ja-chat-05", "【#marketing】石井: ひかりカードの秋キャンペーン、還元率を通常1.0%から期間限定で3.0%に上げる案が役員会で通りました。開始は11月15日、予算は1.8億円。プレスリリースは11月10日配信予定なので、それまでは社内でも関係者以外に共有しないでください。加盟店向けの説明会は11月12日に本店3階で実施します。"),
 ("ja-wiki-06", "人事制度改定（ドラフト）\n2027年度から、総合職の評価を年2回から年4回の四半期評価に変更する。併せて、支店勤務者のリモートワーク上限を月4日から月8日に拡大する案を労組と協議中。賞与算定の係数表は別紙参照。本ドラフトは確定前のため、部下への説明は人事部からの正式通知を待つこと。質問は人事企画グループの共有メールボックスで受け付ける。"),
 ("ja-chat-07", "【#security】高橋: フィッシングサイト hikari-bank-login[.]com を確認。テイクダウン申請済みです。被害報告は現時点で17件、うち3件で実際に不正送金が発生しています。警察への相談は法務の藤田さん経由で進めます。SNSでの注意喚起は広報の公式アカウントからのみ行うこと。"),
 ("ja-wiki-08", "HikariSave 金利見直し方針\n日銀の政策金利の変更を受け、HikariSaveの普通預金金利を0.10%から0.25%へ引き上げる方向で調整中。競合のネット銀行が0.3%を提示しているため、ALM委員会では0.3%案も検討された。最終決定は12月の委員会。引き上げ時期は1月の第2営業日を予定しており、システム改修は勘定系チームに依頼済み。"),
 ("ja-chat-09", "【#branch-managers】松本: 駅前支店と中央支店の統合ですが、統合日は2027年2月22日で確定しました。駅前支店の建物は売却予定で、行員12名は中央支店と本部に配置転換します。お客様への案内状は1月中旬に発送予定です。それまではお客様から聞かれても「決まっていることはない」と回答してください。"),
 ("ja-wiki-10", "新人研修テキスト 第3章 反社チェック\n口座開設時の反社チェックは、社内データベースと外部の照会サービスの二段階で行う。照会サービスのヒット率は約0.4%で、ヒット時は支店長の承認なしに口座開設を進めてはならない。判断に迷う場合はコンプライアンス統括部（内線4410）に相談すること。記録は照会日から7年間保存する。"),
 ("ja-chat-11", "【#app-release】中村: ウォレットのiOS版、審査でリジェクトされました。理由は生体認証の説明文が不足しているとの指摘です。修正版を明日再提出、リリースは最短で木曜にずれ込みます。カスタマーセンターには「順次配信中」とだけ伝えてください。Android版は予定どおり本日夕方に配信します。"),
 ("ja-wiki-12", "顧客データ移行 手順書（第2版）\n旧顧客管理システムから新CRMへの移行は、土日の夜間2回に分けて実施する。1回目で個人顧客約86万件、2回目で法人顧客約4.1万件を移す。移行中はネットバンキングの住所変更機能を停止する。ロールバック判断の期限は日曜午前5時。判断はシステム部長と営業統括部長の2名で行い、結果は#migrationチャンネルに報告する。"),
 ("en-chat-13", "[#wallet-dev] Kenji: Heads up, the Wallet team decided to drop Android 8 support in the March release. About 2.1% of active users are still on it, roughly 9,400 people. We'll show an in-app banner for six weeks before the cutoff. Emma: OK, I'll ask Legal whether we need to email them as well."),
 ("en-wiki-14", "Project Orion - one-pager\nOrion is our invoice-factoring product for small businesses in the prefecture. Applicants upload invoices in the app and receive funds within one business day. Target fee is 2.5 percent, launch planned for April 2027. Do not mention the name or the timeline outside the project team."),
 ("en-wiki-15", "Tsubame rollout plan\nPhase 1 replaces 130 off-site ATMs with partner convenience-store ATMs by the end of FY2027. Phase 2 evaluates cash-recycling machines for the remaining branches. Communication to municipalities starts only after the board approves the final list."),
 ("en-chat-16", "[#fraud-team] Priya: Card fraud losses for October came in at 38 million yen, up 60 percent from September. Most of it is card-not-present fraud on two overseas merchants. We're lowering the default online limit for new Hikari Cards to 100k yen until the new 3DS flow ships."),
 ("en-wiki-17", "Incident review INC-2291\nOn Oct 3 the Wallet transfer API returned errors for 47 minutes because a certificate on the internal gateway expired. 12,800 transfers failed and were retried automatically. Action items: certificate expiry alerts 30 days ahead, and a runbook owner for the gateway."),
 ("en-chat-18", "[#exec-staff] Sato: The board approved the acquisition talks with a regional securities firm. Due diligence starts next week under NDA. Only the people on this channel know; please don't mention it to your teams until the announcement, which is tentatively set for the February earnings call."),
 ("en-wiki-19", "Onboarding: engineering on-call\nOn-call engineers rotate weekly. Pages go to the primary first, then to the secondary after 10 minutes. The payment gateway and the core-banking bridge are tier-1; anything touching them needs an incident channel within 5 minutes of the first page."),
 ("en-chat-20", "[#marketing] Lucas: The influencer campaign for HikariSave is approved. We'll pay six creators about 300k yen each, and every post must carry a PR label. Creative review happens Thursdays. If a creator skips the label, we pull the payment and the post."),
 ("en-wiki-21", "Pricing memo - Hikari Card Gold\nWe plan to raise the annual fee from 11,000 yen to 13,200 yen in July 2027, while adding airport lounge access and doubling points on travel. Customer research shows 70 percent would keep the card at the new fee. Board approval is expected in January."),
 ("en-chat-22", "[#data-platform] Aiko: The customer analytics warehouse is moving to the new cloud region on the 14th. Expect read-only mode from 22:00 to 02:00. All dashboards built on the old schema will break; please migrate them to the v2 views before then."),
 ("en-wiki-23", "Branch consolidation FAQ (internal)\nThe Ekimae branch merges into Central on Feb 22, 2027. Twelve staff move to Central or head office. The Ekimae building will be sold. Customers receive letters in mid-January; until then, staff should say that no changes have been decided."),
 ("en-chat-24", "[#security] Tom: We found that the staging environment had been logging full card numbers in plain text since August. Logs have been purged and the logger fixed. Compliance says this is reportable to the FSA within 30 days, so please keep this within the security team for now."),
]

ROWS = []  # (category, lang, expect, text, note, account)
def add(cat, lang, expect, items):
    for it in items:
        if isinstance(it, str):
            it = (it, "")
        text, note = it[0], it[1]
        acct = it[2] if len(it) > 2 else "personal"
        ROWS.append((cat, lang, expect, text, note, acct))

# ---------------------------------------------------------------- pii
add("pii", "ja", True, [
 (f"@mika_0412 田中さんの連絡先これです→ {email('tanaka.yui')} 直接聞いてみて〜", "another person's e-mail"),
 (f"昨日の合コンの幹事の人、電話番号 {jp_mobile()} だって。誰か連絡してあげて笑", "someone else's mobile"),
 (f"元カレの住所晒すわ。東京都世田谷区桜丘3丁目{R.randint(1,30)}-{R.randint(1,20)} ハイツ桜丘201号", "Japanese street address"),
 (f"同僚のマイナンバー控え、{mynumber(' ')} ってメモってたの消し忘れてた…", "My Number with check digit"),
 (f"母のカード番号 {card('4', '-')} 有効期限 09/29 で合ってる？ネットで買い物代行中", "Luhn-valid card"),
 (f"お客さんから聞いた番号、{jp_mobile('').translate(FW)}（山下様）。折り返しお願いします", "full-width phone digits"),
 (f"個人番号：{mynumber().translate(FW)}　佐藤　花子　←書類の写真うっかり上げちゃった", "full-width My Number"),
 (f"大阪府大阪市北区梅田2丁目{R.randint(1,9)}番{R.randint(1,30)}号 の鈴木さん宅、毎晩うるさい。警察呼ぶべき？", "address of a named person"),
 (f"振込先教えてもらった！ひかり銀行 駅前支店 普通 口座番号 {digits(7)} ヤマダ タロウ", "bank account number with context"),
 (f"今日のイベント、受付で名簿見えちゃった😅 佐々木さん {email('sasaki.k')} / 木村さん {email('kimura-r')}", "two e-mails"),
 (f"@kenta 例の業者の担当者、固定電話 03-{digits(4)}-{digits(4)} 携帯 {jp_mobile()} です", "phone numbers"),
 (f"友人のパスポート番号 T{digits(7)} 預かってるんだけど、旅行代理店に送る前にここにメモ", "passport number with context"),
 (f"引っ越し先は 〒{digits(3)}-{digits(4)} 福岡県福岡市中央区天神1丁目{R.randint(1,20)}-{R.randint(1,15)} です、とお隣の伊藤さんが教えてくれた", "address with postcode"),
 (f"拾った財布にクレカ入ってた。{card('5', ' ')} 名義 KOBAYASHI MAKOTO 交番に届けます", "card number of another person"),
 (f"兄の携帯 +81 90 {digits(4)} {digits(4)} にかけても出ない、誰か見かけたら連絡を", "international format JP mobile"),
])
add("pii", "en", True, [
 (f"@jordan her email is {email('megan.lutz')} if you want to ask about the flat", "someone else's e-mail"),
 (f"Found a wallet on the train. Card {card('4', ' ')} exp 03/28, name on it is R. Alvarez. Anyone know them??", "Luhn card"),
 (f"my landlord's number is +1 (415) {digits(3)}-{digits(4)}, call him and complain too lol", "US phone"),
 (f"Pasting the tenant form here so I don't lose it: Name: Daniel Okafor, SSN {ssn()}, DOB 1988-02-11", "SSN"),
 (f"Wire it to {iban('DE', digits(18))} (account holder: Lena Brandt) and she'll ship the bike", "IBAN with check digits"),
 (f"ugh the recruiter sent everyone's CVs in one thread. e.g. {email('p.nakamura', 'hotmail.com')} +44 7{digits(3)} {digits(6)}", "email + UK mobile"),
 (f"New neighbors at 1427 Maple Grove Ave, Apt 3B, Portland OR 97214 are throwing a party again. Someone call them: +1 503 {digits(3)} {digits(4)}", "address + phone"),
 (f"reminder to self: Mom's Amex {card('37', ' ')} for the grocery order", "Amex card"),
 (f"For the visa application: passport no. {alnum(2, string.ascii_uppercase)}{digits(7)}, holder Sophie Martin. Sending it to the agency tomorrow", "passport with context"),
 (f"Customer called twice about the refund 🙄 her number is 0{digits(2)}-{digits(4)}-{digits(4)}, Mrs. Harada", "someone's phone"),
 (f"My colleague's My Number is {mynumber('-')} — does anyone know if HR needs it on the paper form too?", "My Number in English post"),
 (f"lol the class group chat leaked everyone's contact list. {email('chloe.b')}, {email('tyler.w')}, {email('aisha.k')}", "list of e-mails"),
 (f"Please send the deposit to account {digits(8)}, sort code {digits(2)}-{digits(2)}-{digits(2)}, James Whitfield", "bank account with sort code"),
 (f"Thread 🧵 1/3: the scammer's mule account is {iban('GB', 'NWBK' + digits(14))}, registered to a Mr. K. Osei. Report it!", "IBAN of a named person"),
 ("her address is 2-14-7 Ebisu-minami, Shibuya-ku, Tokyo, if you want to send flowers to Yuki", "Japanese address in English"),
])
add("pii", "ja", False, [
 ("メールアドレスの形式は name@example.com のようにしてください、と新人に説明した", "placeholder example.com"),
 ("ひかり銀行のカスタマーセンター、ずっと話し中で全然つながらない…😇", "complaint, no number"),
 ("マイナンバーカードの更新、区役所で30分で終わった。思ったより早い！", "mentions My Number card, no number"),
 ("電話番号は090-XXXX-XXXXの形式で入力してくださいってフォームに書いてあった", "masked placeholder"),
 ("本日の営業時間は9:00〜15:00です。12月31日〜1月3日はお休みです", "times/dates, not PII"),
 ("注文番号 2026-1127-0042 の荷物がまだ届かない", "order number"),
 ("東京都の人口って1400万人超えてるのすごいな", "place name without address"),
 ("カード番号の下4桁 **** **** **** 1234 って表示されるのは安心感ある", "masked card"),
 ("問い合わせは公式サイトのフォームからお願いします→ https://www.hikaribank.example/contact", "no personal data"),
 ("郵便番号調べたら 100-0001 は千代田区千代田なんだね。皇居だ", "postcode of a public place only"),
 ("@yamada_s 番号はDMで送ります！ここには書かないね🙏", "explicitly not posting"),
 ("ISBN 978-4-06-512345-6 の本、図書館で予約した", "ISBN not a number of a person"),
 ("マイナンバー（12桁）は絶対にSNSに書かないでね、と親に念押しした", "talk about My Number, no number"),
 ("今年の抱負：毎日 10000 歩あるく、体重 -5kg、本を 24 冊読む📚", "numbers, no PII"),
 ("私の仕事用アドレスはプロフィールに載せてます、お気軽にどうぞ", "own contact, no value"),
])
add("pii", "en", False, [
 ("Use test card 4242 4242 4242 4242 in the sandbox, any future expiry works", "well-known test card number (not a person's)"),
 ("Support line is closed on Sundays, which is annoying when the app breaks on a Sunday", "no data"),
 ("Our office moved! Same building, 12th floor now. Come say hi 👋", "no address"),
 ("Format: +81-90-XXXX-XXXX. Please don't include spaces", "masked format"),
 ("The meeting ID is 845 2291 0034, see you at 10", "meeting id, not personal"),
 ("Just ran 21.1 km in 1:52:08, new PR!!", "numbers, not PII"),
 ("Reminder: never post your SSN, card number or IBAN online. Banks will never ask for them by DM.", "advice, no values"),
 ("Contact us at press@hikaribank.example for media enquiries", "organization role address"),
 ("ticket #4821-337 is still open after 3 weeks, come on", "ticket number"),
 ("My flight is JL 5 departing 11:05 from HND, gate 112", "flight info"),
 ("@ben you can email me at the usual address, not posting it here", "no value"),
 ("The bug: card numbers like 1234 5678 9012 3456 were accepted by the form without a checksum", "invalid card number as bug example"),
 ("Population of Osaka prefecture is about 8.8 million. Wild.", "statistics"),
 ("Our branch is at the station exit, next to the bakery. Opening hours 9-3.", "no street address"),
 ("Tip: an IBAN looks like 'DE' + 2 check digits + 18 digits. Don't share yours publicly.", "description of the format"),
])

# ---------------------------------------------------------------- secret
add("secret", "ja", True, [
 (f"検証環境のキーここに置いとく（あとで消す）\nAWS_ACCESS_KEY_ID={aws()}\nAWS_SECRET_ACCESS_KEY={aws_secret()}", "AWS key pair"),
 (f"@dev_ryo このトークン使って→ {ghp()} 権限はrepoだけ", "GitHub classic token"),
 (f"共有フォルダのパスワードは {pw()} です。みんな使ってね", "password in ja prose"),
 (f"Wi-Fiのパスワード変えた！新しいのは「{pw()}」だよ〜 家族LINEに送るつもりが間違えた😂", "password in quotes"),
 (f"Slack botのトークン、設定ファイルから消えてたので再掲 {slack()}", "Slack bot token"),
 (f"決済テストしてたらうっかり本番キー貼ってた… {stripe()} ←これ", "Stripe live key"),
 (f"GitLabのCI用トークン {glpat()} を環境変数に入れたら動いた！", "GitLab PAT"),
 (f"ログイン情報メモ ID: hikari_ops02 / PW: {pw()}", "ID/PW pair"),
 (f"Google Maps APIのキー {google()} 、請求が怖いので誰か使い方教えて", "Google API key"),
 (f"OpenAIのAPIキーってこれで合ってる？ {openai()} エラーになる😭", "OpenAI key"),
 (f"暗証番号は {digits(4)} にしといたから、お母さんカード使っていいよ", "PIN in prose"),
 (f"npm publish用のトークン {npm()} を .npmrc に書く方法がわからない", "npm token"),
 (f"Webhook URL貼っとく {slack_hook()} 通知テストよろしく", "Slack webhook URL"),
 (f"サーバーの鍵です、取り急ぎ\n{pem()}", "private key block"),
 (f"API叩くときのヘッダー、Authorization: Bearer {jwt()} でいけた", "JWT"),
])
add("secret", "en", True, [
 (f"ok the deploy works now if you export GITHUB_TOKEN={ghpat()}", "fine-grained GitHub PAT"),
 (f"the wifi password at the cafe is {pw()} btw, enjoy", "password in en prose"),
 (f"Can someone check why this fails? curl -H 'Authorization: Bearer {jwt()}' https://api.intra.hikaribank.example/v1/me", "JWT in curl"),
 (f"aws creds for the demo box: {aws()} / {aws_secret()}", "AWS pair"),
 (f"@sam my password is {pw()} please log in and fix the report while I'm on holiday 🙏", "own password shared"),
 (f"pip upload keeps failing with token {pypi()} - any ideas?", "PyPI token"),
 (f"STRIPE_SECRET_KEY={stripe()}\n# TODO move to vault", "Stripe key in env line"),
 (f"New slack token for the alerts bot: {slack()}", "Slack token"),
 (f"Here's the key, don't share: {openai()}", "OpenAI key"),
 (f"pasting my .npmrc for debugging\n//registry.npmjs.org/:_authToken={npm()}", "npm token in npmrc"),
 (f"Login for the shared test account: user qa_team, pass {pw()}", "user/pass"),
 (f"Gitlab runner registration token is {glpat()}, go ahead and register yours", "GitLab token"),
 (f"Posting the deploy key so the contractor can grab it:\n{pem()}", "private key block"),
 (f"Maps key for the branch locator: {google()} (restricted to our domain I think?)", "Google key"),
 (f"token: {ghp()}  <- works for the CI, rotated last week", "GitHub token"),
])
add("secret", "ja", False, [
 ("パスワードは8文字以上で、英大文字・小文字・数字・記号をそれぞれ1文字以上含めてください", "password rule"),
 ("APIキーは AKIAXXXXXXXXXXXXXXXX のような形式です。実物は絶対に貼らないこと", "placeholder key"),
 ("設定例：GITHUB_TOKEN=<your-token> を .env に書いてください", "placeholder token"),
 ("パスワード忘れてひかりウォレットにログインできない…再設定メール来ない", "complaint, no password"),
 ("暗証番号を誕生日にするのはやめましょう、という注意喚起ポスター見た", "advice"),
 ("トークンの有効期限が切れてCIが全部コケた。月曜の朝からつらい", "talks about token, none posted"),
 ("パスワード: ******** （伏せ字）でスクショ送ったので大丈夫です", "masked"),
 ("秘密鍵は絶対にGitにコミットしないでね！ .gitignore に入れよう", "advice"),
 ("二段階認証を有効にしたら安心感が全然違う。みんなやろう", "no secret"),
 ("APIキーをローテーションしました。古いキーは本日で無効になります", "rotation notice, no key"),
 ("Wi-Fiのパスワードは店員さんに聞いてください、とカフェの張り紙", "no value"),
 ("パスワードマネージャー何使ってる？1Password派です", "tool talk"),
 ("sk_live_ で始まるキーは本番用なので、テストでは使わないように", "prefix only"),
 ("初期パスワードは生年月日8桁です、って書類にあって怖すぎる", "rule description"),
 ("鍵アカウントにしました🔑 フォローリクエストどうぞ", "鍵 in another sense"),
])
add("secret", "en", False, [
 ("Passwords must be at least 12 characters and include a number and a symbol.", "password rule"),
 ("Set OPENAI_API_KEY=sk-... in your .env and restart the server", "truncated placeholder"),
 ("Example: export AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE (from the docs, not a real key)", "documented EXAMPLE key"),
 ("Authorization: Bearer <token> — replace <token> with yours", "placeholder"),
 ("I forgot my password AGAIN. third time this month 🤦", "no value"),
 ("Rotated all the CI tokens today after the contractor left. Feels good.", "no value"),
 ("password: ******** (redacted)", "redacted"),
 ("PSA: GitHub tokens start with ghp_ — if you see one in a screenshot, report it", "prefix only"),
 ("The token expired so the bot stopped posting. Will fix tomorrow.", "no value"),
 ("Use a passphrase like four random words, it's easier to remember than P@ssw0rd1", "advice with well-known weak example"),
 ("API_KEY=xxxxxxxxxxxxxxxxxxxxxxxx in the sample config, fill in your own", "xxx placeholder"),
 ("Never put a private key in Slack. Use the vault. That's the whole tweet.", "advice"),
 ("Our password policy now requires MFA for every admin account", "policy"),
 ("The escape room's final code was the year on the painting, took us 40 minutes lol", "game code"),
 ("Great talk on secrets scanning at the meetup, slides: https://example.org/slides/secrets", "topic only"),
])

# ---------------------------------------------------------------- confidential
add("confidential", "ja", True, [
 ("オリオンのリリース、来年4月で確定っぽい。審査AI入れて最短10分とかすごくない？", "code name + unreleased details"),
 ("今日もツバメ案件の会議3本…ATMの件まだ外で言えないのつらい", "code name Tsubame in work context"),
 ("ここだけの話、うちの銀行、来期に支店をいくつか閉じるらしい", "ここだけの話 + work"),
 ("社外秘の資料だけど、新しいカードの還元率3%になるって書いてあった", "社外秘 + content"),
 ("決算発表前だから詳しく言えないけど、今期かなり良い数字出そう📈", "決算発表前 + hint"),
 ("@taku_h オリオンのデモ見た？請求書アップしたら翌日入金ってやつ", "code name in reply"),
 ("NDA結んでる案件なんだけど、証券会社の買収の話が進んでるっぽい…", "NDA + content"),
 ("まだ未発表なんだけど、ひかりカードの新しいゴールド出るよ。年会費は上がるらしい", "未発表 + product detail"),
 ("ツバメの撤去候補リスト、うちの近所のATMも入ってた😢 #仕事", "code name work detail"),
 ("社内限定の情報なので詳細は伏せますが、来月アプリの送金上限が変わります", "internal-only cue + detail"),
 ("オリオン、提携先の信金さんとの交渉が難航してるみたい", "code name status"),
 ("内緒だよ？HikariSaveの金利、年明けに上がる予定", "secret cue + product"),
 ("今週はOrionの審査モデルのチューニングで徹夜…来春のローンチに間に合うかな", "Latin code name in ja post"),
 ("極秘プロジェクトのキックオフ終わった。中身は言えないけど、地方の中小企業向け🙊", "極秘 + work"),
 ("オフレコでお願いしたいんですが、統合する支店がもう決まってます", "オフレコ + work"),
])
add("confidential", "en", True, [
 ("Orion demo went great today, invoice upload to payout in under a day. Can't wait for April!", "code name + details"),
 ("Between you and me, the bank is closing a bunch of off-site ATMs next year", "secrecy cue + work"),
 ("Can't say much, we're under NDA, but a certain securities firm might be joining the family soon 👀", "NDA + hint"),
 ("Internal only, but FYI the Wallet app drops Android 8 in March", "internal only + detail"),
 ("Working late on Tsubame again. 130 machines, one spreadsheet, zero sleep", "code name Tsubame"),
 ("unreleased feature sneak peek: HikariSave round-ups, coming soon 🤫", "unreleased cue"),
 ("@mei yeah the Orion pricing is 2.5% I think, but don't tell anyone yet", "code name pricing"),
 ("Pre-earnings quiet period, but let's just say Q3 looks VERY good for us", "pre-earnings hint"),
 ("Confidential: the Gold card fee goes up next July. Heard it in the pricing meeting.", "confidential + detail"),
 ("Tsubame phase 2 kicks off next month, cash recyclers in every branch apparently", "code name details"),
 ("Not public yet, but our branch merges with Central in February", "not public + work"),
 ("You heard it here first: new Hikari Card perks are coming, airport lounges included", "secrecy cue"),
 ("Sitting in the Orion steering committee, nobody outside the team knows about this yet lol", "code name + secrecy"),
 ("Keep this under wraps, but the HikariSave rate goes to 0.25% in January", "under wraps + detail"),
 ("Off the record: the fraud numbers this month are ugly and we're cutting card limits", "off the record + work"),
])
add("confidential", "ja", False, [
 ("冬の夜空、オリオン座がくっきり見えた✨ ベテルギウスまだ爆発しないかな", "constellation"),
 ("軒下にツバメの巣ができた🐦 ヒナが4羽いる！", "bird"),
 ("沖縄旅行、やっぱりオリオンビールが一番うまい🍺", "Orion beer"),
 ("九州新幹線つばめで熊本まで。車内が木目調でおしゃれ", "つばめ the train"),
 ("ここだけの話、実はパクチーがまだ苦手です笑", "ここだけの話 personal"),
 ("ひかり銀行の決算発表、今日の15時だったんだね。ニュースで見た", "past public earnings"),
 ("ドラマの「社外秘」ってタイトル、設定が面白そう", "drama title"),
 ("ツバメが低く飛ぶと雨って本当なのかな☔", "bird proverb"),
 ("オリオン座流星群、今年は月明かりが少なくて見やすいらしい", "meteor shower"),
 ("未発表曲をライブで聴けた！推しのアルバム楽しみ", "未発表 about music"),
 ("「ツバメ」って曲、最近ずっとリピートしてる", "song title"),
 ("ひかり銀行、新しいアプリのリリースを公式発表してたね。ニュースリリースで見た", "public news"),
 ("秘密のケンミンSHOW見ながら晩ごはん", "TV show"),
 ("ヤクルトスワローズ（つばめ軍団）今年は惜しかった⚾", "baseball team"),
 ("オリオンの三ツ星、子供に教えたら喜んでた", "constellation belt"),
])
add("confidential", "en", False, [
 ("Clear skies tonight, Orion is so bright over the mountains ✨", "constellation"),
 ("Swallows (tsubame!) are back under the station roof, spring is here", "bird"),
 ("Just watched the Orion spacecraft launch replay, chills", "NASA Orion"),
 ("Between you and me, I still don't get the offside rule ⚽", "secrecy cue, personal"),
 ("Hikari Bank reported earnings today, stock up 3% per the news", "public earnings"),
 ("The NDA template in my freelance course was really useful, link below", "NDA generic teaching"),
 ("Reading 'Confidential' by some thriller author, can't put it down", "book title"),
 ("Unreleased demo tracks from the 90s leaked on a fan forum, wild", "music"),
 ("Orion's belt is the easiest way to find Sirius, just follow it left", "astronomy"),
 ("Riding the Tsubame shinkansen to Kagoshima, 1h40 from Hakata!", "train"),
 ("My kid's school project on barn swallows (tsubame) is due Friday", "bird"),
 ("The movie 'Top Secret!' is still hilarious", "movie"),
 ("Hikari Bank's new app is out, officially announced this morning. Update went smoothly", "public release"),
 ("internal only? no, this recipe is for everyone 🍜", "joke use"),
 ("Orion Nebula through a cheap telescope is still amazing", "nebula"),
])

# ---------------------------------------------------------------- leak
add("leak", "ja", True, [
 ("来月のひかりウォレットv5.2では、送金上限を1日50万円から30万円に引き下げる方向で合意しました。理由は不正送金の件数が9月だけで前年比2.4倍になったためです。", "ja-chat-01 copied"),
 ("聞いて。根本原因は勘定系とのバッチ連携で日付切替時のタイムアウト値が30秒のままだったことでした、だって。そんなことある？", "ja-chat-02 sentence"),
 ("オリオンは、地方の中小企業向けに請求書の買取りをアプリ上で完結させる新サービスです。審査はAIスコアで最短10分、手数料は2.5%〜を想定しています。", "ja-wiki-03 two sentences"),
 ("県内の店舗外ATM 412台のうち、約3割にあたる130台を2027年度中に撤去して、コンビニATMとの提携に切り替えるらしい😢", "ja-wiki-04 lightly edited"),
 ("ひかりカードの秋キャンペーン、還元率を通常1.0%から期間限定で3.0%に上げる案が役員会で通りました。開始は11月15日、予算は1.8億円。", "ja-chat-05 copied"),
 ("2027年度から、総合職の評価を年2回から年4回の四半期評価に変更する。支店勤務者のリモートワーク上限を月4日から月8日に拡大する案を労組と協議中。 #働き方", "ja-wiki-06"),
 ("フィッシングサイトの被害報告は現時点で17件、うち3件で実際に不正送金が発生しています。警察への相談は法務経由で進めます。", "ja-chat-07 edited"),
 ("HikariSaveの普通預金金利を0.10%から0.25%へ引き上げる方向で調整中。競合のネット銀行が0.3%を提示しているため、0.3%案も検討されたって", "ja-wiki-08"),
 ("駅前支店と中央支店の統合、統合日は2027年2月22日で確定しました。駅前支店の建物は売却予定で、行員12名は中央支店と本部に配置転換します。", "ja-chat-09"),
 ("照会サービスのヒット率は約0.4%で、ヒット時は支店長の承認なしに口座開設を進めてはならない。←研修で習ったやつ", "ja-wiki-10"),
 ("ウォレットのiOS版、審査でリジェクトされました。理由は生体認証の説明文が不足しているとの指摘です。リリースは最短で木曜にずれ込みます。", "ja-chat-11"),
 ("週末の移行、1回目で個人顧客約86万件、2回目で法人顧客約4.1万件を移す。移行中はネットバンキングの住所変更機能を停止する。", "ja-wiki-12"),
 ("@sora_k 例の件、撤去候補リストは支店長会議で確定予定。地域への説明は自治体との調整後とし、それまで候補地名を含む資料は持ち出し禁止、だってさ", "ja-wiki-04 reply"),
 ("プレスリリースは11月10日配信予定なので、それまでは社内でも関係者以外に共有しないでください…って言われてるやつ、もう出していい？", "ja-chat-05 tail"),
 ("再発防止として、タイムアウトを120秒に延長し、リトライを3回まで入れます。顧客向けの説明は「システムの一時的な不具合」で統一、とのこと。", "ja-chat-02"),
])
add("leak", "en", True, [
 ("Heads up, the Wallet team decided to drop Android 8 support in the March release. About 2.1% of active users are still on it, roughly 9,400 people.", "en-chat-13"),
 ("Orion is our invoice-factoring product for small businesses in the prefecture. Applicants upload invoices in the app and receive funds within one business day.", "en-wiki-14"),
 ("Phase 1 replaces 130 off-site ATMs with partner convenience-store ATMs by the end of FY2027. Phase 2 evaluates cash-recycling machines for the remaining branches. big year lol", "en-wiki-15"),
 ("Card fraud losses for October came in at 38 million yen, up 60 percent from September. Most of it is card-not-present fraud on two overseas merchants.", "en-chat-16"),
 ("On Oct 3 the Wallet transfer API returned errors for 47 minutes because a certificate on the internal gateway expired. 12,800 transfers failed and were retried automatically.", "en-wiki-17"),
 ("The board approved the acquisition talks with a regional securities firm. Due diligence starts next week under NDA. 👀", "en-chat-18"),
 ("fun fact from work: pages go to the primary first, then to the secondary after 10 minutes. The payment gateway and the core-banking bridge are tier-1.", "en-wiki-19"),
 ("We'll pay six creators about 300k yen each, and every post must carry a PR label. If a creator skips the label, we pull the payment and the post.", "en-chat-20"),
 ("We plan to raise the annual fee from 11,000 yen to 13,200 yen in July 2027, while adding airport lounge access and doubling points on travel.", "en-wiki-21"),
 ("The customer analytics warehouse is moving to the new cloud region on the 14th. Expect read-only mode from 22:00 to 02:00.", "en-chat-22"),
 ("The Ekimae branch merges into Central on Feb 22, 2027. Twelve staff move to Central or head office. The Ekimae building will be sold.", "en-wiki-23"),
 ("We found that the staging environment had been logging full card numbers in plain text since August. Logs have been purged and the logger fixed.", "en-chat-24"),
 ("@ken customer research shows 70 percent would keep the card at the new fee. Board approval is expected in January. so yeah, it's happening", "en-wiki-21 tail"),
 ("lol our incident review: action items are certificate expiry alerts 30 days ahead, and a runbook owner for the gateway. groundbreaking", "en-wiki-17 tail"),
 ("Customers receive letters in mid-January; until then, staff should say that no changes have been decided. Feels bad lying to regulars tbh", "en-wiki-23 tail"),
])
add("leak", "ja", False, [
 ("送金上限って下がることあるのかな？最近不正送金のニュース多いし、しょうがないか", "own words on transfer limits"),
 ("先週のアプリ障害、みんな大変だったね。お疲れさまでした🙇", "same topic, no content"),
 ("中小企業の資金繰りって本当に大変。請求書を早く現金化できる仕組みがもっと広まればいいのに", "general topic"),
 ("最近ATMどんどん減ってるよね。コンビニで下ろすことが増えた", "general observation"),
 ("クレカの還元率、1%超えると嬉しいよね。キャンペーン待ち", "general"),
 ("四半期評価の会社って大変そう。うちはどうなるんだろ", "own words"),
 ("フィッシングサイトに注意！銀行がSMSでログインを求めることはありません。公式アプリから確認しよう", "generic warning"),
 ("金利上がってきたし、普通預金の金利もちょっとは上がってほしいな", "own words"),
 ("駅前の支店、昔からあるけどいつまで続くんだろうね", "speculation, own words"),
 ("反社チェックって研修で聞くとほんと大事だなと思う", "own words"),
 ("iOSの審査、リジェクトされると地味にへこむよね。エンジニアあるある", "general"),
 ("データ移行の週末は家族に会えない…がんばります💪", "own words, no content"),
 ("ひかり銀行の公式発表によると、支店統合のお知らせがHPに出ていました https://www.hikaribank.example/news/1201", "public announcement"),
 ("ツバメの巣、駅のATMコーナーの上にできてた🐦 かわいい", "bird near ATM"),
 ("夜間のシステム移行、無事終わりますように🙏 #エンジニア", "own words"),
])
add("leak", "en", False, [
 ("Android 8 users, it might be time to upgrade, lots of apps are dropping support", "general"),
 ("Invoice factoring sounds boring but it honestly keeps small businesses alive", "topic in own words"),
 ("Anyone else notice fewer ATMs around town lately?", "own words"),
 ("Card fraud is getting wild. Turn on notifications for every transaction, folks", "generic advice"),
 ("Expired certificates: the number one cause of outages, forever and ever", "generic joke"),
 ("Mergers and acquisitions news always makes me nervous, no matter where I work", "generic"),
 ("On-call week again. Coffee stocked. Pager charged. Let's go", "own words"),
 ("Influencer posts without a PR label drive me nuts. Label your ads, people", "generic opinion"),
 ("Premium card annual fees keep creeping up everywhere, is the lounge worth it?", "generic question"),
 ("Data warehouse migrations are 10% moving data and 90% fixing dashboards", "generic"),
 ("Our branch might be busy this month, come early if you need the counter", "own words"),
 ("Logging sensitive data in staging is a classic mistake, review your log configs", "generic advice"),
 ("Hikari Bank announced the branch merger today, details on their site: https://www.hikaribank.example/news/1201", "public news link"),
 ("Orion is rising earlier every night now, winter's coming", "constellation"),
 ("The new Wallet update fixed the login bug for me, finally", "user experience"),
])

# ---------------------------------------------------------------- harassment
add("harassment", "ja", True, [
 ("@kuroneko_99 お前ほんとバカだな。二度と書き込むな", "insult in reply"),
 ("窓口のあのババア、マジで死ねばいいのに", "death wish + slur"),
 ("ｼﾈｼﾈｼﾈ 全員ｼﾈ", "obfuscated 死ね (half-width)"),
 ("こいつ氏ねよ、頭おかしいんじゃね？", "obfuscated 氏ね"),
 ("@yuki_m ブスが何言っても説得力ないよ笑", "appearance insult"),
 ("今度会ったらぶっ殺すからな。覚えとけよ", "threat"),
 ("外国人はみんな犯罪者。日本から出ていけ", "discriminatory"),
 ("あいつ池沼かよ、話通じないわ", "slur"),
 ("キモいおっさんが上司とか地獄。消えてくれ🤮", "insult"),
 ("女は黙って仕事してろ", "sexist"),
 ("お前の家知ってるからな？夜道に気をつけろ", "threat"),
 ("@tanaka_p このゴミクズ、存在自体が迷惑", "insult"),
 ("ガ イ ジ かよ、ほんと使えない新人", "spaced slur"),
 ("うるせえよカス。黙ってろ", "insult"),
 ("あの議員、頭の中まで腐ってる無能のクソ野郎", "obscene insult"),
])
add("harassment", "en", True, [
 ("@dan_rivers you're a complete idiot, log off forever", "insult"),
 ("kys nobody wants you here", "kill yourself abbreviation"),
 ("shut up you stupid b1tch", "obfuscated slur"),
 ("I know where you live. Keep talking and you'll regret it.", "threat"),
 ("f*cking moron can't even count change", "obfuscated obscenity + insult"),
 ("people like you are subhuman trash", "dehumanizing"),
 ("what a r3tard lmao", "obfuscated slur"),
 ("@mgr_kato useless piece of sh!t, everyone hates you", "insult"),
 ("Go back to your own country, nobody wants you here", "xenophobic"),
 ("I swear I'll punch that clerk in the face next time", "threat of violence"),
 ("ugly fat cow, no wonder you're single", "appearance insult"),
 ("women shouldn't be allowed anywhere near finance, too dumb", "sexist"),
 ("Die in a fire, seriously", "death wish"),
 ("you absolute dipsh*t, read the thread before replying", "obfuscated insult"),
 ("That guy is a worthless loser and a creep, stay away from him 🤡", "insults about a person"),
])
add("harassment", "ja", False, [
 ("このラーメン死ぬほどうまい🍜", "hyperbole"),
 ("自分、ほんとバカだなぁ…また財布忘れた😂", "self-deprecation"),
 ("新作のスイーツ、バカ売れしてるらしい", "バカ売れ"),
 ("「死ね」って言われたと友達が相談してきた。こういう言葉は本当に人を傷つける", "reported speech against it"),
 ("このバグのせいで残業確定、死にそう(´；ω；`)", "hyperbole about self"),
 ("ヤバい、今日の夕焼けきれいすぎ", "ヤバい positive"),
 ("映画の悪役のセリフ「お前を殺す」が名シーンすぎる", "quoting a film"),
 ("誹謗中傷の相談窓口が新しくできたそうです。困ってる人は一人で抱えないで", "anti-harassment"),
 ("昨日のテスト、死んだ…勉強しなかった自分が悪い", "self"),
 ("鬼のように忙しい1週間だった", "idiom"),
 ("うちの猫、おバカでかわいい🐈", "affectionate"),
 ("バカンスの計画立て中🏖", "substring バカ"),
 ("キモいって言葉、子供が覚えてきて困ってる。やめさせたい", "discussion about a word"),
 ("ひかりウォレット、アップデートしたら起動しなくなった。ちょっと勘弁してほしい", "complaint, no insult"),
 ("殺虫剤買わなきゃ、ゴキブリ出た…", "substring 殺"),
])
add("harassment", "en", False, [
 ("This bug is killing me, 3 hours and counting", "hyperbole"),
 ("I'm such an idiot, left my badge at home again 🤦", "self-deprecation"),
 ("The new search is a killer feature honestly", "positive use"),
 ("Someone in the replies called her a 'stupid cow' and I reported it. Not okay.", "reported speech"),
 ("That comedian absolutely killed it last night 😂", "idiom"),
 ("Scunthorpe United won 2-0, great match", "Scunthorpe problem"),
 ("Assessment week is brutal, wish me luck", "substring"),
 ("Dying to try the new ramen place near the station", "idiom"),
 ("The app crashed twice today. Frustrating, please fix it Hikari team", "complaint"),
 ("Cocktails with the team tonight 🍸", "substring"),
 ("Watching a documentary about how online harassment affects teens. Heavy but important.", "topic"),
 ("My dog is a total goofball, he ate a sock", "affectionate"),
 ("Hate Mondays, love coffee", "mild"),
 ("The villain's line 'I will destroy you' was so cheesy lol", "quoting fiction"),
 ("Reading Shakespeare's insults list for class, 'thou cream-faced loon' is my favourite", "literature"),
])

# ---------------------------------------------------------------- disclosure
add("disclosure", "ja", True, [
 ("ひかりウォレット、送金が一瞬で終わるし手数料ゼロ。まだ使ってない人いる？今すぐ入れて！", "promotion, no disclosure"),
 ("ひかりカード作るなら今！還元率アップ中だよ〜💳✨ 申し込みはこちら https://www.hikaribank.example/card", "promotion with link"),
 ("HikariSaveで貯金始めたら自動で貯まっていくの最高。みんなにおすすめしたい", "product praise"),
 ("家計管理はひかりウォレット一択。他のアプリには戻れません", "promotion"),
 ("#節約 #家計簿 #貯金 #ポイ活 #お得 #キャッシュレス #pr #ひかりカード #主婦 #マネー\nひかりカード最強！年会費無料でポイント二重取り", "PR buried in hashtags"),
 ("住宅ローンはひかり銀行がいちばん金利低いと思う。相談だけでもぜひ行ってみて", "bank's own service"),
 ("@miki_s 口座開設ならひかり銀行がおすすめ！アプリで10分で終わるよ", "reply promoting"),
 ("ひかりウォレットの招待コード HKR-7731 を入れると500円もらえるよ🎁", "referral code promo"),
 ("ひかりカードのゴールド、ラウンジ使えて最高すぎる。旅行好きは絶対作るべき", "promotion"),
 ("学生さん、ひかり銀行の口座作っとくと就活後もずっと便利だよ〜", "promotion"),
 ("新しいひかりウォレット、UIが神。ダウンロードしてみて👉 App Storeで「ひかり」", "promotion"),
 ("NISAはHikariSaveと組み合わせると最強って知ってた？詳しくはひかり銀行の窓口で！", "promotion"),
 ("今月中にひかりカード申し込むと最大5000ポイント！急いで！", "campaign promo"),
 ("地元を応援するならひかり銀行。ずっと使い続けてます😊 #地元愛", "promotion"),
 ("ひかりウォレットで割り勘した。マジで便利だからみんな入れて #キャッシュレス #便利 #おすすめ #アプリ #広告", "広告 buried at end of hashtags"),
])
add("disclosure", "en", True, [
 ("Hikari Wallet is hands down the best payments app in Japan. Download it today!", "promotion"),
 ("If you're opening a bank account, go with Hikari Bank. Took me 10 min in the app.", "promotion"),
 ("HikariSave is honestly the easiest way to save. Set it and forget it 💰 https://www.hikaribank.example/save", "promotion with link"),
 ("#travel #japan #cashless #points #ad #lifehack #money #tips #wallet\nHikari Card = free lounge access. Get one!", "#ad buried"),
 ("@chris you should switch to Hikari Card, the points are insane", "reply promotion"),
 ("Use my Hikari Wallet invite code HKR-2290 for ¥500 free 🎉", "referral promo"),
 ("Best mortgage rates in the region? Hikari Bank. Not even close.", "promotion"),
 ("Tired of ATM fees? Hikari Card has none. Just saying 😉", "promotion"),
 ("New Hikari Wallet update is 🔥🔥 go get it", "promotion"),
 ("Students: open a Hikari Bank account before graduation, you'll thank me later", "promotion"),
 ("Why I moved all my savings to HikariSave (thread 1/5)", "promo thread"),
 ("Hikari Card Gold is worth every yen. Apply now while the bonus lasts!", "promotion"),
 ("Splitting bills has never been easier. Hikari Wallet, that's it, that's the tweet", "promotion"),
 ("Locals, support your regional bank! Hikari Bank has the friendliest staff and the best app.", "promotion"),
 ("Small business owners: Hikari Bank's business account is a no-brainer. DM me for details", "promotion"),
])
add("disclosure", "ja", False, [
 ("【PR】ひかり銀行の社員です。ひかりウォレットの新機能、送金が速くなりました！", "disclosure up front"),
 ("ひかり銀行で働いています。自社のHikariSave、手前味噌ですが便利です", "employee disclosure"),
 ("ひかりウォレット、またログインできない…早く直して😭", "complaint"),
 ("ひかり銀行が新しい支店を開業、と地元ニュースで報道", "neutral news"),
 ("【広告】ひかりカード 今なら年会費無料。※筆者はひかり銀行の社員です", "広告 up front"),
 ("ひかりカードの利用明細、見にくいなぁ。改善してほしい", "complaint"),
 ("新しいウォレットアプリ探してるんだけど、みんな何使ってる？", "question, no promotion"),
 ("ひかり銀行の窓口、今日すごく混んでた", "neutral"),
 ("社員です（中の人ではない）。ひかりウォレットの割り勘機能、個人的にも使ってます", "社員です disclosure"),
 ("ひかり銀行の株価、今日下がってた", "neutral news"),
 ("ひかりカード、解約しようか迷ってる。年会費上がるのかな", "neutral/negative"),
 ("ひかり銀行 公式：ひかりウォレットの新機能をリリースしました。詳しくはアプリで", "official account post", "brand"),
 ("光が差し込む部屋っていいよね☀️ 引っ越し先決めた", "ひかり ordinary word"),
 ("#PR ひかり銀行勤務の私が選ぶ、HikariSaveの使い方3選", "#PR up front + employee"),
 ("ひかりウォレットのサポートに問い合わせたら丁寧に対応してくれた、とだけ", "customer experience, not promotional push"),
])
add("disclosure", "en", False, [
 ("#ad I work at Hikari Bank. Our new Hikari Wallet update makes transfers instant.", "disclosure up front"),
 ("Disclosure: I'm a Hikari Bank employee. That said, HikariSave's round-ups are neat.", "disclosure"),
 ("Hikari Wallet logged me out three times today. Please fix this.", "complaint"),
 ("Hikari Bank opened a new branch downtown, according to the local paper", "neutral news"),
 ("Which banking apps do you all use? Looking for recommendations", "question"),
 ("Hikari Card statement UI is confusing, can't find the due date", "complaint"),
 ("Hikari Bank shares fell 2% today after the rate decision", "neutral"),
 ("Hikari Bank: We've released a new version of Hikari Wallet. Update today.", "official account", "brand"),
 ("I work for Hikari Bank (opinions my own). Proud of the team that shipped the new Wallet!", "employee disclosure"),
 ("The light (hikari) in this café is perfect for reading", "ordinary word"),
 ("Long queue at the Hikari Bank branch again, bring a book", "neutral"),
 ("[PR] Hikari Bank employee here: HikariSave now supports goals. Try it!", "PR up front"),
 ("Thinking of cancelling my Hikari Card, the fee might go up?", "neutral"),
 ("Comparing bank apps for a blog post, Hikari Wallet is one of six I'm testing", "neutral review mention"),
 ("Sponsored | I'm an employee of Hikari Bank. Hikari Card Gold now includes lounge access.", "sponsored up front"),
])

# ---------------------------------------------------------------- claims
add("claims", "ja", True, [
 ("HikariSaveに預けるだけで年利10%確実！元本保証だから絶対に損しません", "guaranteed return"),
 ("この投資プラン、毎月5万円の配当が必ずもらえます。リスクゼロです", "guaranteed dividend"),
 ("ひかり銀行の新しい積立、元本保証で年8%。今始めない理由がない", "principal guarantee + high return"),
 ("絶対に儲かる資産運用、ひかりBKの窓口で相談してみて！100万円が1年で150万円に", "promissory"),
 ("このサプリ飲んだら糖尿病が完治しました。薬はもう要らない", "cure claim"),
 ("@aya_tm 大丈夫、この外貨預金は確実に増えるから。損することはないよ", "reply guarantee"),
 ("飲むだけでがんが消える水、ついに見つけた✨", "cure claim"),
 ("ひかりカードのポイント投資、必ず利益が出る仕組みなんです", "guaranteed profit"),
 ("月利3%保証！元本割れなし！今なら特別枠あり📈", "guaranteed monthly return"),
 ("このお茶でアトピーが治る。医者いらず", "cure claim"),
 ("退職金はHikariSaveの特別プランへ。5年で2倍になることが約束されています", "promised doubling"),
 ("高血圧が1週間で治るサプリ、ほんとにおすすめ", "cure claim"),
 ("リスクなしで年利12%、ひかり銀行の新ファンドはノーリスク・ハイリターン", "no-risk high return"),
 ("この磁気ブレスレットで肩こりも腰痛も完全に治ります", "cure claim"),
 ("投資初心者でも確実に毎月10万円稼げる方法教えます。元本は保証します", "guaranteed income"),
])
add("claims", "en", True, [
 ("HikariSave Plus pays a guaranteed 9% a year, zero risk. Easiest money ever.", "guaranteed return"),
 ("Put $10k in and you're guaranteed to double it in 12 months. No risk at all.", "promissory"),
 ("This supplement cured my diabetes in 30 days. Throw away your meds.", "cure claim"),
 ("@liam trust me, this FX deposit can't lose money. Guaranteed profit every month.", "guarantee in reply"),
 ("Risk-free 15% returns with Hikari Bank's new fund 🚀", "risk-free return"),
 ("Our herbal tea cures anxiety and depression, no doctor needed", "cure claim"),
 ("100% guaranteed returns, principal protected, 2% monthly. DM me", "guaranteed monthly"),
 ("This app-based investing plan never loses. You will make money, period.", "promissory"),
 ("Drink this alkaline water and cancer cells die off. It cured my aunt.", "cure claim"),
 ("Hikari Card points investing = guaranteed profit, I promise", "guaranteed profit"),
 ("Retire early: our plan guarantees 20% annual returns with no downside", "guaranteed"),
 ("These magnetic insoles cure arthritis completely", "cure claim"),
 ("Earn a guaranteed ¥50,000 a month passive income, no risk, starting today", "guaranteed income"),
 ("Your savings will definitely grow 10% a year with HikariSave, I guarantee it", "guarantee"),
 ("CBD gummies that cure insomnia forever. Worked for me, will work for you", "cure claim"),
])
add("claims", "ja", False, [
 ("「元本保証で年利20%」なんて話は詐欺です。ひかり銀行を名乗るSMSに注意してください", "scam warning quoting claim"),
 ("預金保険制度で、1金融機関につき元本1,000万円とその利息までが保護されます", "factual deposit insurance"),
 ("HikariSaveの金利は年0.10%（税引前）です。金利は変動することがあります", "factual rate"),
 ("投資にはリスクがあります。過去の実績は将来の成果を保証しません", "disclaimer"),
 ("「絶対儲かる」って言われたら100%詐欺だと思ったほうがいい", "warning"),
 ("風邪ひいた。ちゃんと病院行って薬もらってきた", "no claim"),
 ("このチーズケーキ、おいしさは保証します🍰", "保証 ordinary"),
 ("定期預金の満期のお知らせが来た。利息は少しだけど、ないよりマシ", "neutral"),
 ("電車が遅れるのは確実。今日は雪だし", "確実 ordinary"),
 ("投資信託は元本保証ではありません、と窓口で丁寧に説明された", "correct disclosure"),
 ("友達が「月利10%保証」の投資話に誘われてた。全力で止めた", "reported scam"),
 ("ヨガ始めて肩こりがちょっと楽になった気がする。個人の感想です", "personal experience, no cure claim"),
 ("金利が上がると住宅ローンの返済額も増えるので注意", "factual"),
 ("保証書なくしたけど修理してもらえた！", "保証書"),
 ("NISAの非課税枠、今年はもう使い切った", "neutral"),
])
add("claims", "en", False, [
 ("PSA: anyone promising 'guaranteed 10% monthly returns' is scamming you. Report it.", "scam warning"),
 ("Deposits are protected up to 10 million yen per bank under deposit insurance.", "factual"),
 ("HikariSave's rate is 0.10% APY, variable. Not exactly exciting, but it's something.", "factual"),
 ("Past performance does not guarantee future results. Invest responsibly.", "disclaimer"),
 ("Guaranteed to be late to the meeting at this rate, the train is stuck", "guaranteed ordinary"),
 ("Took ibuprofen for the headache, feeling better now", "no claim"),
 ("My friend got a DM saying 'risk-free 20% returns'. Blocked and reported.", "reported scam"),
 ("This cookie recipe is a guaranteed crowd-pleaser 🍪", "ordinary"),
 ("Mutual funds can lose value. The branch staff were very clear about that.", "correct disclosure"),
 ("Warranty covers the screen for two years, nice", "warranty"),
 ("Stretching every morning has helped my back a bit. Not medical advice!", "personal, hedged"),
 ("Rates went up, so my mortgage payment did too. Budgeting time.", "factual"),
 ("A 'cure for cancer in a bottle'? That ad should be illegal.", "criticizing claim"),
 ("Index funds are boring and that's the point. No guarantees, just time.", "hedged"),
 ("Is the HikariSave rate fixed or variable? Couldn't find it on the site", "question"),
])

# ---------------------------------------------------------------- spokesperson
add("spokesperson", "ja", True, [
 ("ひかり銀行として、本日のシステム障害によりお客様にご迷惑をおかけしたことを深くお詫び申し上げます", "apology on behalf of bank"),
 ("当行は、ひかりウォレットの不正送金被害について全額補償することを決定いたしました", "当行 official decision"),
 ("弊行の見解としては、報道されている合併の事実はございません", "弊行 denial"),
 ("ひかり銀行を代表して申し上げます。個人情報の流出は確認されておりません", "代表して"),
 ("【お知らせ】ひかり銀行は12月31日をもって駅前支店の営業を終了いたします", "announcement header"),
 ("@news_kyushu その件、ひかり銀行としては正式にコメントします。現時点で不正アクセスの事実はありません", "official comment in reply"),
 ("当社ひかり銀行は、来年度より全店舗でキャッシュレス決済を導入いたします", "当社 official act"),
 ("ひかりBKの公式見解です：ATM手数料の値上げは予定しておりません", "公式見解"),
 ("弊行では、本件に関する調査を開始いたしました。判明次第ご報告いたします。", "弊行 investigation"),
 ("ひかり銀行は、本日付で新頭取の就任を発表いたします", "発表いたします"),
 ("お客様各位\nひかりウォレットのメンテナンスに伴い、1月5日2時〜6時はご利用いただけません。ひかり銀行", "signature + notice"),
 ("当行といたしましては、報道の内容は事実と異なると考えております", "当行 statement"),
 ("ひかり銀行は地域の中小企業支援のため、新たな融資制度を創設いたしました", "official act"),
 ("弊行の取引先が被害に遭われた件につき、心よりお見舞い申し上げます", "humble official"),
 ("ひかり銀行広報です（個人アカから失礼します）。先ほどの報道についてはコメントを差し控えます", "speaking as PR from personal"),
])
add("spokesperson", "en", True, [
 ("On behalf of Hikari Bank, we apologize for today's outage and any inconvenience caused.", "on behalf of"),
 ("Hikari Bank will fully reimburse all customers affected by the Wallet fraud.", "official commitment"),
 ("We at Hikari Bank categorically deny the merger reports.", "we at"),
 ("Official statement: no customer data was compromised in the incident. — Hikari Bank", "signature"),
 ("ANNOUNCEMENT: Hikari Bank will close the Ekimae branch on Dec 31.", "announcement header"),
 ("@localnews Hikari Bank's position is that the report is inaccurate. We will respond formally.", "official position"),
 ("Hikari Bank hereby announces the appointment of a new CEO, effective today.", "hereby announces"),
 ("Speaking for Hikari Bank: ATM fees will not increase next year.", "speaking for"),
 ("Hikari Bank has launched an investigation and will share findings with customers.", "official act"),
 ("Dear customers, Hikari Wallet will be under maintenance Jan 5, 2-6am. Thank you for your patience. Hikari Bank", "notice + signature"),
 ("The bank's official response: we are cooperating fully with the regulator.", "official response"),
 ("Everyone at Hikari Bank is committed to resolving this quickly. We will update you tomorrow.", "company voice"),
 ("Hikari Bank confirms the data breach affected 1,200 accounts and will notify each customer.", "confirms"),
 ("As Hikari Bank, we will not comment on ongoing litigation.", "as the bank"),
 ("Hikari Bank officially welcomes the new regulation and will comply ahead of schedule.", "officially"),
])
add("spokesperson", "ja", False, [
 ("ひかり銀行の公式発表が出てた。障害の原因は調査中とのこと https://www.hikaribank.example/news/1127", "linking official"),
 ("ひかり銀行、駅前支店を閉鎖へ（地元新聞より）", "news headline"),
 ("個人的な意見ですが、今回の対応はもっと早くてもよかったと思う", "personal opinion"),
 ("「当行は全額補償します」とのこと。公式リリースはこちら→ https://www.hikaribank.example/news/1130", "quoting + link"),
 ("本日、私事ですが結婚いたしました。今後ともよろしくお願いいたします", "personal news humble"),
 ("ひかり銀行からお詫びのメールが届いた。丁寧だった", "reporting"),
 ("ひかり銀行って合併するの？誰か知ってる？", "question"),
 ("ひかり銀行：本日のシステム障害についてお詫び申し上げます。", "official account", "brand"),
 ("新頭取の就任会見、ニュースで見た。若い！", "reporting"),
 ("私はこの件について話す立場にないので、公式の発表を待ってください", "explicitly not speaking"),
 ("ひかり銀行の報道、事実と違うって公式が否定してたね", "reporting official denial"),
 ("転職しました。4月から新しい職場で頑張ります", "personal"),
 ("メンテナンスの告知、公式サイトに載ってたよ。1月5日の夜中らしい", "relaying with source"),
 ("弊社の猫、本日も元気に営業中です🐈", "joke humble"),
 ("お客様各位って書き出しのメール、最近フィッシングでも多いから気をつけて", "warning"),
])
add("spokesperson", "en", False, [
 ("Hikari Bank posted an official statement about the outage: https://www.hikaribank.example/news/1127", "linking official"),
 ("Hikari Bank to close Ekimae branch, local paper reports", "news headline"),
 ("My personal take: the bank should've communicated faster. Opinions my own.", "personal opinion"),
 ("Per the bank's statement, 'no customer data was compromised' (source: https://www.hikaribank.example/news/1128)", "quoting + link"),
 ("Got an apology email from Hikari Bank, pretty well written tbh", "reporting"),
 ("Is Hikari Bank really merging? Anyone heard anything?", "question"),
 ("Hikari Bank: We apologize for today's outage. Service has been restored.", "official account", "brand"),
 ("I can't speak for the bank on this, please wait for the official announcement.", "explicit non-statement"),
 ("Watched the new CEO's press conference on TV, interesting vision", "reporting"),
 ("We're happy to announce our baby girl was born this morning! 🎉", "personal announcement"),
 ("Hikari Bank denied the reports according to NHK", "reported"),
 ("RT @hikaribank_official: Wallet maintenance Jan 5, 2-6am. Plan ahead!", "retweet of official"),
 ("Our team (the book club, not work lol) hereby announces next month's pick: Dune", "personal group"),
 ("Dear customers… is how every phishing email starts lately, be careful", "warning"),
 ("Hikari Bank's official response is up on their site, linked in the replies", "pointer to official"),
])

# ---------------------------------------------------------------- long posts
PAD = {
 "ja": ["今日は朝から雨で、駅まで歩くだけで靴がびしょびしょになった。", "週末は実家に帰って、母の作った筑前煮を食べてきた。やっぱり落ち着く。",
        "最近読み始めた小説がおもしろくて、寝る前に一章ずつ読むのが楽しみ。", "ジムに通い始めて3か月、ようやくベンチプレスが60kgまで上がった💪",
        "そういえば来週から年末調整の書類を出さないといけない。めんどくさい。", "Anyway, 今日のランチは駅前のカレー屋さん。辛さ3倍にしたら汗だく🍛"],
 "en": ["Rainy morning, soaked shoes, the usual.", "Spent the weekend at my parents' place and ate way too much.",
        "Finally finished the novel I started in September, the ending was worth it.", "Three months into the gym and I can bench 60kg now 💪",
        "Also, tax paperwork is due next week, which I'm ignoring for now.", "Lunch was the curry place by the station, 3x spicy, regret nothing 🍛"],
}

def lengthen(i, cat, lang, text):
    if i % 6 != 3:
        return text
    before = " ".join(R.sample(PAD[lang], 2))
    after = R.choice(PAD[lang])
    if cat == "disclosure":  # a disclosure must stay at the front
        return f"{text}\n\n{before} {after}"
    return f"{before}\n{text}\n{after}"

def main():
    with open(os.path.join(HERE, "internal.jsonl"), "w", encoding="utf-8") as f:
        for did, text in INTERNAL:
            f.write(json.dumps({"id": did, "text": text}, ensure_ascii=False) + "\n")
    out = []
    counters = {}
    for cat, lang, expect, text, note, acct in ROWS:
        k = (cat, lang, expect)
        counters[k] = counters.get(k, 0) + 1
        text = lengthen(counters[k], cat, lang, text)
        out.append({"text": text, "account": acct, "category": cat, "expect": expect, "lang": lang,
                    "note": note, "source": "koe-holdout2"})
    order = list(range(len(out)))
    R.shuffle(order)
    with open(os.path.join(HERE, "rows.jsonl"), "w", encoding="utf-8") as f:
        for n, i in enumerate(order, 1):
            row = {"id": f"h2-{n:04d}", **out[i]}
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
    from collections import Counter
    c = Counter((r["category"], r["lang"], r["expect"]) for r in out)
    assert len(out) == 480 and set(c.values()) == {15}, c
    assert len({r["text"] for r in out}) == 480, "duplicate texts"
    print(len(out), "rows,", len(INTERNAL), "internal docs")

if __name__ == "__main__":
    main()
