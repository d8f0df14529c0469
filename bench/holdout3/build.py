#!/usr/bin/env python3
"""Generate bench/holdout3 (internal.jsonl, rows.jsonl): hand-written posts for a clinic chain
(Midori Health) with fake personal data and credentials generated here with a fixed seed."""
import json
import random
import string
from pathlib import Path

HERE = Path(__file__).resolve().parent
R = random.Random(20240603)


def digits(n):
    return "".join(R.choice(string.digits) for _ in range(n))


def rand(alphabet, n):
    return "".join(R.choice(alphabet) for _ in range(n))


ALNUM = string.ascii_letters + string.digits
UPPER_NUM = string.ascii_uppercase + "234567"
B64URL = ALNUM + "-_"


def luhn(prefix, length):
    body = prefix + digits(length - len(prefix) - 1)
    total = 0
    for i, ch in enumerate(reversed(body)):
        d = int(ch)
        if i % 2 == 0:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return body + str((10 - total % 10) % 10)


def group(s, sizes, sep=" "):
    out, i = [], 0
    for n in sizes:
        out.append(s[i:i + n])
        i += n
    return sep.join(out)


def visa():
    return group(luhn("4" + str(R.randint(0, 9)), 16), [4, 4, 4, 4])


def master():
    return group(luhn(str(R.randint(51, 55)), 16), [4, 4, 4, 4], "-")


def amex():
    return group(luhn(R.choice(["34", "37"]), 15), [4, 6, 5])


def iban(country, bban):
    num = "".join(str(int(c, 36)) for c in bban + country + "00")
    check = 98 - int(num) % 97
    s = f"{country}{check:02d}{bban}"
    return " ".join(s[i:i + 4] for i in range(0, len(s), 4))


def iban_de():
    return iban("DE", digits(8) + digits(10))


def iban_gb():
    return iban("GB", rand(string.ascii_uppercase, 4) + digits(6) + digits(8))


def my_number():
    body = str(R.randint(1, 9)) + digits(10)
    total = 0
    for n in range(1, 12):
        p = int(body[11 - n])
        q = n + 1 if n <= 6 else n - 5
        total += p * q
    r = total % 11
    return body + str(0 if r <= 1 else 11 - r)


def ssn():
    area = R.choice([a for a in range(1, 900) if a != 666])
    return f"{area:03d}-{R.randint(1, 99):02d}-{R.randint(1, 9999):04d}"


def jp_mobile(sep="-"):
    return sep.join([R.choice(["090", "080", "070"]), digits(4), digits(4)])


def jp_fixed():
    return f"0{R.choice(['3', '6'])}-{R.randint(2, 9)}{digits(3)}-{digits(4)}"


def us_phone():
    return f"({R.randint(201, 989)}) {R.randint(201, 989)}-{digits(4)}"


FW = str.maketrans("0123456789-", "０１２３４５６７８９－")


def fullwidth(s):
    return s.translate(FW)


def aws_key():
    return "AKIA" + rand(UPPER_NUM, 16)


def aws_secret():
    return rand(ALNUM + "/+", 40)


def ghp():
    return "ghp_" + rand(ALNUM, 36)


def glpat():
    return "glpat-" + rand(ALNUM + "-_", 20)


def slack_bot():
    return f"xoxb-{digits(11)}-{digits(13)}-{rand(ALNUM, 24)}"


def slack_hook():
    return (f"https://hooks.slack.com/services/T{rand(UPPER_NUM, 8)}/B{rand(UPPER_NUM, 10)}/"
            f"{rand(ALNUM, 24)}")


def stripe(kind="sk"):
    return f"{kind}_live_" + rand(ALNUM, 24)


def google_key():
    return "AIza" + rand(ALNUM + "-_", 35)


def openai_key():
    return "sk-proj-" + rand(ALNUM + "-_", 48) + "T3BlbkFJ" + rand(ALNUM + "-_", 40)


def npm_token():
    return "npm_" + rand(ALNUM, 36)


def pypi_token():
    return "pypi-AgEIcHlwaS5vcmc" + rand(B64URL, 60)


def jwt():
    import base64
    def enc(o):
        return base64.urlsafe_b64encode(json.dumps(o, separators=(",", ":")).encode()).rstrip(b"=").decode()
    head = enc({"alg": "HS256", "typ": "JWT"})
    body = enc({"sub": "pt-" + digits(6), "role": "patient", "iat": 1717400000 + R.randint(0, 99999)})
    return f"{head}.{body}.{rand(B64URL, 43)}"


def private_key(kind="OPENSSH"):
    import base64
    lines = [base64.b64encode(bytes(R.randrange(256) for _ in range(48))).decode() for _ in range(5)]
    return f"-----BEGIN {kind} PRIVATE KEY-----\n" + "\n".join(lines) + f"\n-----END {kind} PRIVATE KEY-----"


def pw(n=12):
    while True:
        s = rand(ALNUM + "!#%&*?", n)
        if any(c.isdigit() for c in s) and any(c.isupper() for c in s) and any(c in "!#%&*?" for c in s):
            return s


INTERNAL = [
    ("h3-doc-01", "【夜勤チャット】師長：来週から申し送りは21時と翌7時の2回に変更します。紙の申し送り表は廃止して、電子カルテの「申し送り」タブに統一してください。夜間の救急受け入れは渋谷院のみとし、新宿院は22時以降は電話トリアージだけにします。質問は私まで直接お願いします。なお、申し送り時間中のナースコール対応はリーダー以外の2名で回してください。"),
    ("h3-doc-02", "Aster（オンライン診療v2）開発状況：予約からビデオ診察、処方箋発行、薬の配送までをアプリ内で完結させる。現在の課題は通信が不安定な地域での映像品質で、音声のみモードへの自動切り替えを検討中。ベータは社内スタッフ300名で7月開始、一般公開は秋を予定し、当面は既存のみどりケアと並行運用する。料金は月額980円のプレミアムプランに含める方向。"),
    ("h3-doc-03", "【商品企画チャット】コハクの原価、1瓶あたり420円まで下がりました。販売価格は2,980円で調整中です。OEM先の工場は静岡で、初回ロットは5万本。パッケージの琥珀色は残す方向で、デザイン案は金曜までに出します。発売は10月中旬の予定なので、店頭POPとLPの文言チェックは薬事担当に9月前半までに回してください。"),
    ("h3-doc-04", "患者情報の取り扱い（社内wiki）：患者の氏名・連絡先をLINEや個人のメールで送ることは禁止です。やむを得ず院間で共有する場合は、電子カルテのメッセージ機能を使ってください。紙の問診票は受付後72時間以内にスキャンし、原本は施錠キャビネットで保管します。違反が見つかった場合は情報管理委員会に報告してください。"),
    ("h3-doc-05", "【渋谷院スタッフチャット】院長：先月の平均待ち時間が47分で、口コミの星が3.1まで落ちています。対策として、午前の予約枠を15分刻みから20分刻みに変更し、受付に1名増員します。Googleレビューへの返信は本部の広報が一括で行うので、個人では返信しないでください。来月も改善しなければ、午後の外来を1枠減らすことも検討します。"),
    ("h3-doc-06", "新院出店計画（横浜）：みなとみらい駅から徒歩3分のビル4階で仮契約済み。内装工事は8月着工、開院は12月1日を目標とする。医師は常勤2名、非常勤4名を予定し、うち1名は新宿院から異動。地域の競合クリニックは半径1km以内に3院あり、差別化はオンライン診療との併用で図る。初年度の目標患者数は月1,800人。"),
    ("h3-doc-07", "【情報システム部チャット】移行初日、新宿院で処方データの一部が旧システムから取り込まれていないことが判明しました。原因はCSVの文字コードで、Shift_JISの外字が欠落していました。対象は約1,200件で、今夜中に再取り込みを行います。現場には手書き処方の確認をお願いしています。明日の朝礼で各院の師長に経緯を説明します。"),
    ("h3-doc-08", "SNS運用ガイドライン（職員向け）：個人アカウントで自社サービスに触れる場合は、必ず職員であることを明記してください。患者さんの写真は、たとえ顔が写っていなくても投稿禁止です。炎上の兆候を見つけたら、反応せずに広報チャンネルへスクリーンショットを共有してください。報道機関から個人に問い合わせがあった場合は、回答せず広報の連絡先を伝えるだけにしてください。"),
    ("h3-doc-09", "【人事チャット】来期から看護師の評価は年1回から半期ごとに変更します。夜勤回数を評価項目から外し、代わりに夜勤手当を1回あたり1,500円増額する案で経営会議にかけます。現場への説明は9月の全体会議で行う予定で、それまでは口外しないでください。医師の評価制度は今回は変更しません。詳細な制度設計は人事部で10月までに固めます。"),
    ("h3-doc-10", "みどりサプリ 広告表現チェックリスト：「治る」「予防できる」「効く」などの疾病に関する表現は使用不可。「個人の感想です」と書いても違法な表現は合法になりません。体験談を使う場合は、実在のお客様から書面で同意を取ったものに限ります。インフルエンサーへの依頼時は必ずPR表記を指示してください。判断に迷う表現は、掲載前に薬事担当へSlackで相談すること。"),
    ("h3-doc-11", "[#eng-incidents] Postmortem draft: the Midori Care video service went down for 94 minutes on Tuesday because the TURN server certificate expired at 09:12 JST. Alerting fired but paged an engineer who had left the rotation. Action items: automate cert renewal, fix the on-call roster sync, and add a status banner in the app within 5 minutes of any outage."),
    ("h3-doc-12", "Kohaku launch plan: Kohaku is our amber-extract sleep supplement, positioned as premium at ¥3,980. Launch is targeted for October 15 in all 14 clinics and online, with a sampling campaign for Midori Care premium members in September. Regulatory review of the label copy must be completed by August 20. The retail partnership with a drugstore chain is under negotiation and must not be mentioned externally."),
    ("h3-doc-13", "[#product-pricing] Yuki: proposal is to raise Midori Care Premium from ¥980 to ¥1,280 in January. Churn modelling says we lose about 6% of subscribers but revenue goes up 19%. Ken: let's grandfather existing annual plans for 12 months to soften the backlash. Decision at Thursday's leadership meeting."),
    ("h3-doc-14", "On-call escalation for clinical systems: If the EHR at ehr.midori.lan is unreachable for more than 10 minutes, the on-call engineer calls the clinic lead directly instead of posting in Slack. Clinics switch to paper charting after 30 minutes. The incident commander owns all external communication; nobody else posts about the outage."),
    ("h3-doc-15", "[#procurement] Lab vendor update: Hoshino Labs offered ¥2,150 per panel if we commit to 200k tests per year, down from ¥2,600. Their turnaround SLA would drop from 48h to 36h. We think we can push them to ¥2,000 if we mention the competing bid from Aoi Diagnostics. Keep this thread internal until contracts are signed."),
    ("h3-doc-16", "Patient data retention policy: Video consultation recordings are deleted automatically after 30 days unless a clinician flags them for the record. Chat transcripts are kept for 5 years as part of the medical record. Exports to personal devices are blocked by MDM; requests for exceptions go to the privacy officer."),
    ("h3-doc-17", "[#osaka-ops] We're short 4 nurses at Umeda from next month because of two resignations and two maternity leaves. Temporary plan: borrow two nurses from Kobe on Tuesdays and Fridays and cap new patient bookings at 30 per day. Agency nurses cost about 40% more, so finance wants us to avoid them beyond 8 weeks."),
    ("h3-doc-18", "Incident report: On May 8, lab results for 23 patients were emailed to the wrong recipients because an autocomplete picked a similar address. All recipients were contacted and confirmed deletion. Root cause was the manual email workflow; we are moving results delivery entirely into the Midori Care app by the end of Q3."),
    ("h3-doc-19", "[#marketing] Campaign plan for Midori Check: we'll run a 'Know your numbers' push in November with a ¥2,000 discount for first-time users. Three nurse influencers are lined up; each post must carry a clear #PR label at the start. Budget is ¥8M, with 60% on Instagram and the rest on LINE ads."),
    ("h3-doc-20", "Q3 OKRs (internal): Objective 1 — make telehealth the default first visit. KR1: 40% of new patients book their first consult through Midori Care. KR2: median wait under 6 minutes. Objective 2 — launch the Aster beta to 300 staff with crash-free sessions above 99.5%. Objective 3 — reduce no-shows from 11% to 7% with SMS reminders."),
]

ROWS = []


def add(cat, expect, lang, account, text, note):
    ROWS.append({"category": cat, "expect": expect, "lang": lang, "account": account, "text": text, "note": note})


P, B, D, N = "personal", "brand", "direct", "internal"


# ---------------------------------------------------------------- pii
c = "pii"
add(c, True, "ja", D, f"【至急】さっきの患者さん、折り返し希望です🙏 山本さま {jp_mobile()}、午後なら繋がるそうです。よろしくお願いします〜", "patient's mobile number passed on")
add(c, True, "ja", P, f"今日の患者さんの連絡先メモ、スマホに残ってた…田中さん {jp_mobile()} ってこれ消さなきゃ(；´Д`) 夜勤明けで頭まわってない", "patient phone posted publicly")
add(c, True, "ja", D, "受付より：佐藤様の住所変更です。新住所は 東京都杉並区阿佐谷南3丁目12-5 コーポ阿佐谷201 です。カルテ更新お願いします🙇‍♀️", "patient street address")
add(c, True, "ja", P, f"元カレのメアド晒すわ {rand(string.ascii_lowercase, 5)}.k1987@gmail.com 迷惑メール送ってやって💢 もう無理", "someone else's e-mail address")
add(c, True, "ja", N, f"保険証コピーの件、マイナンバー {fullwidth(group(my_number(), [4, 4, 4]))} が写ってました。シュレッダー済みか確認お願いします。", "full-width My Number with valid check digit")
add(c, True, "ja", D, f"経理さんへ：振込先は みずほ銀行 新宿支店 普通 口座番号 {digits(7)} ヤマダ ハナコ です。非常勤の先生の分です。", "bank account with context")
add(c, True, "ja", P, f"患者さんから電話でクレカ番号聞いちゃった… {visa()} 有効期限 09/27 ってメモしたけどこれ本当はダメなやつだよね😇", "card number (Luhn-valid)")
add(c, True, "ja", D, f"夜勤の鈴木さんの携帯 +81-{jp_mobile()[1:]} です。シフト交代の件で直接連絡してみて〜🌙", "colleague's phone in international format")
add(c, True, "ja", P, "この前のクレーマーの家、大阪府大阪市北区天満2丁目7-14 だって。みんな気をつけて…(￣▽￣;)", "private person's street address")
add(c, True, "ja", D, f"高橋さんのお母さまの番号、{fullwidth(jp_mobile())} です。お見舞いの件で連絡とりたいって言ってました", "full-width mobile number")
add(c, True, "ja", N, f"新患の方のメールアドレス hanako.{rand(string.ascii_lowercase, 4)}@yahoo.co.jp に問診票の送付お願いします。本日中で！", "patient e-mail")
add(c, True, "ja", D, f"確認のためマイナンバー送ります → {my_number()} 。扶養の手続き、よろしくお願いします", "My Number with valid check digit")
add(c, True, "ja", P, f"患者さんのパスポート番号 T{R.choice('KRZ')}{digits(7)} がコピー機に置きっぱなしだった…受付のみんな気をつけてね🙏", "passport number with context")
add(c, True, "en", D, f"hey can you call Mrs. Okafor back? her cell is {us_phone()}, she missed her telehealth slot 😓", "US phone number of a patient")
add(c, True, "en", P, f"patient left their card at the front desk lol {master()} exp 08/27 anyone know whose this is??", "card number (Luhn-valid)")
add(c, True, "en", N, f"Forwarding for billing: patient SSN {ssn()}, DOB 1984-03-12, please update the chart before Friday", "US SSN")
add(c, True, "en", D, f"Refund goes to {iban_de()} — that's Mr. Becker's account, he moved back to Germany 🇩🇪", "IBAN with valid check digits")
add(c, True, "en", P, f"this guy keeps DMing me creepy stuff, his email is j.whitfield{digits(2)}@outlook.com, go tell him off ladies", "another person's e-mail")
add(c, True, "en", D, "Kenji's new place is 東京都港区西麻布4丁目11-3 502号室 — send the flowers there 💐 he's out of surgery!", "private person's Japanese street address")
add(c, True, "en", N, f"Callback list for today: Ms. Tanaka +81 {jp_mobile(' ')[1:]}, Mr. Lopez +1 312 {R.randint(201, 989)} {digits(4)}. Both about lab results.", "patients' phone numbers")
add(c, True, "en", P, f"Found a wallet at the Shibuya clinic: Amex {amex()}, name on it R. Ito. DM me if it's yours!", "Amex number (Luhn-valid)")
add(c, True, "en", D, f"her passport number is {R.choice('ABC')}{digits(8)} (US), she needs it on the intake form for the travel vaccine", "passport number with context")
add(c, True, "en", P, f"ugh my coworker's My Number card is in the photo I posted earlier, {group(my_number(), [4, 4, 4])} clearly visible, deleting now", "My Number in a post")
add(c, True, "en", D, f"UK patient's mobile is +44 7{R.randint(400, 999)} {digits(6)}, she prefers WhatsApp for appointment reminders", "international phone")
add(c, True, "en", N, f"Bank details for the locum doctor: account number {digits(9)}, routing 0210000{digits(2)}, Chase. Please pay by the 25th.", "bank account with context")

add(c, False, "ja", B, f"【みどりクリニック渋谷院】〒150-0002 東京都渋谷区渋谷2丁目21-1 渋谷ヒカリエ5F 診療時間 9:00〜18:00 ご予約は {jp_fixed()} まで🌿", "clinic's own address and phone on brand account")
add(c, False, "ja", B, "夜間・休日の急な体調不良でお困りの際は、救急安心センター #7119 へ。東京都医療機関案内サービス「ひまわり」03-5272-0303 もご利用いただけます。", "public hotline numbers on brand account")
add(c, False, "ja", P, "受付番号 118 で呼ばれるまで1時間待った(´･ω･`) でも先生は丁寧だったから許す", "queue number")
add(c, False, "ja", P, "パスポートの更新行ってきた〜✈️ 写真写り最悪w 10年用にしたから次は2034年", "passport mention without number")
add(c, False, "ja", P, "血圧 128/82、体温 36.8℃、脈拍 72。今日の健診結果まあまあ😌 #健康診断", "vital signs")
add(c, False, "ja", B, "【移転のお知らせ】みどりクリニック梅田院は 大阪府大阪市北区梅田3丁目1-3 ノースゲートビル10F に移転しました。電話番号は変わりません。", "brand's own clinic address")
add(c, False, "ja", P, "問診票の電話番号欄、記入例が「090-XXXX-XXXX」だとそのまま書いちゃう方がいる問題(^^;", "placeholder phone")
add(c, False, "ja", N, "問い合わせ窓口のメールは公式の info@midorihealth.example です。個人のアドレスは患者さんに教えないでください。", "organization's official address")
add(c, False, "ja", P, "マイナ保険証で受付したら一瞬だった！カード置くだけ👍 #マイナ保険証 #みどりクリニック", "My Number card mention, no number")
add(c, False, "ja", P, "注文番号 MS-20240512-0087 のサプリの定期便が届かない…問い合わせ中です📦", "order number")
add(c, False, "ja", B, "お問い合わせは みどりヘルス サポートセンター 0120-38-4510（平日9時〜18時）まで。", "brand's toll-free number")
add(c, False, "ja", N, "電話でのカード確認は下4桁（例：末尾 4821）だけで照合してください。全桁は絶対に聞かないこと。", "last four digits only")
add(c, False, "en", B, f"Midori Clinic Shinjuku is at 3-1-1 Shinjuku, Shinjuku-ku, Tokyo, 2 min from the east exit. Call us at {jp_fixed()} to book 🌿", "clinic's own address on brand account")
add(c, False, "en", B, "Medical emergency? Call 119 in Japan. Not sure if you need an ambulance? Dial #7119 for advice, 24/7.", "public emergency numbers")
add(c, False, "en", P, "Card declined again at the pharmacy, the one ending in 0042 🙃 love that for me", "last four digits of own card")
add(c, False, "en", P, "PSA: never share your SSN or My Number over DM. Legit clinic staff will never ask for it that way.", "advice, no data")
add(c, False, "en", P, "My shift is 07:00-19:30, three days in a row, ward 4B room 412 all week 😵 send coffee", "times and room numbers")
add(c, False, "en", N, "Ticket INC-20931 closed, build 4.12.0 deployed to ehr.midori.lan at 02:10. No patient impact.", "ticket and version numbers")
add(c, False, "en", P, "Just renewed my passport, the wait at the office was 2 hrs. bring a book 📚", "passport mention without number")
add(c, False, "en", B, "Questions about your Midori Care subscription? Email support@midorihealth.example and we'll reply within one business day.", "brand's support address")
add(c, False, "en", P, "BP 118/76, HR 64, SpO2 98%. marathon training paying off 🏃‍♀️", "vitals")
add(c, False, "en", P, "the intake form says 'Phone: (xxx) xxx-xxxx' and the new hires keep copying the example lol", "placeholder phone")
add(c, False, "en", P, "Order #100482-77 from Midori Supplements still hasn't shipped... it's been 10 days 😩", "order number")
add(c, False, "en", B, "Our Osaka clinic has moved to 3-1-3 Umeda, Kita-ku, Osaka (North Gate Bldg 10F). Same phone number as before!", "brand's own new address")
add(c, False, "en", P, "ISBN 978-4-260-03412-7 — this nursing pharmacology textbook saved my life during boards", "ISBN number")


# ---------------------------------------------------------------- secret
c = "secret"
add(c, True, "ja", N, f"検証環境のAWSキー置いときます🙏\naws_access_key_id = {aws_key()}\naws_secret_access_key = {aws_secret()}\n終わったら消します", "AWS key pair")
add(c, True, "ja", D, f"EHRの管理画面、パスワードは {pw()} です。初回ログインしたら変えてね〜", "password in prose")
add(c, True, "ja", P, f"やばい、さっき上げたスクショにGitHubのトークン {ghp()} 写ってたかも…😱 消したけど", "GitHub token")
add(c, True, "ja", N, f"Slack通知用のbotトークンはこちら {slack_bot()} #夜勤連絡 チャンネル用です", "Slack bot token")
add(c, True, "ja", D, f"受付PCのログインは ID: uketsuke01 / パスワード: {pw(10)} です🌸 付箋に書かないでね", "id/password pair")
add(c, True, "ja", N, f"Stripe本番キー {stripe()} に差し替えました。決済テスト終わったら戻してください", "Stripe live key")
add(c, True, "ja", D, f"スタッフ用Wi-Fiのパスワード教えて〜🙏\n→ {pw(12)} だよ！", "password answered in a thread")
add(c, True, "ja", N, f"みどりケアアプリのFirebase用APIキー：{google_key()}（本番）", "Google API key")
add(c, True, "ja", N, f"踏み台サーバーの鍵です、各自 ~/.ssh に置いてください\n{private_key()}", "private key block")
add(c, True, "ja", D, f"OpenAIのキー貸して〜 問診要約のPoCで使いたい\n→ いいよ {openai_key()}", "OpenAI key")
add(c, True, "ja", N, f"npmの公開用トークン {npm_token()} です。CIのシークレットに入れといてください", "npm token")
add(c, True, "ja", P, f"電子カルテの仮パスワードが「{pw(10)}」ってランダムすぎて覚えられん😂", "password in a bracket")
add(c, True, "ja", N, f"GitLabのデプロイ用トークン {glpat()} 、期限は月末までです", "GitLab token")
add(c, True, "en", N, f"staging db creds: user midori_app, password {pw(14)} — please don't use it for prod", "password in prose")
add(c, True, "en", D, f"the admin password for the booking system is {pw(12)}, don't tell IT I sent this 🙈", "password in prose")
add(c, True, "en", N, f"JWT for the test patient account (valid 24h): {jwt()}", "JWT")
add(c, True, "en", P, f"lol just realised my terminal screenshot has AWS_ACCESS_KEY_ID={aws_key()} in it. rotating now 🫠", "AWS key id")
add(c, True, "en", N, f"PyPI token for midori-check-sdk: {pypi_token()}", "PyPI token")
add(c, True, "en", D, f"Slack webhook for the on-call alerts: {slack_hook()}", "Slack webhook")
add(c, True, "en", N, f"token for the CI runner is {ghp()} (repo scope)", "GitHub token")
add(c, True, "en", D, f"login for the telehealth admin: nurse.lead / {pw(11)} — reset it after the audit pls", "credential pair")
add(c, True, "en", N, f"restricted Stripe key for the refunds script: {stripe('rk')}", "Stripe restricted key")
add(c, True, "en", N, f"here's the deploy key for the lab-results box, don't lose it\n{private_key('RSA')}", "RSA private key")
add(c, True, "en", P, f"posting this here so I can copy it on my phone: {openai_key()} (will delete later)", "OpenAI key")
add(c, True, "en", D, f"The shared front-desk mailbox password is now {pw(12)} fyi 📬", "password in prose")

add(c, False, "ja", B, "【パスワード設定のお願い】みどりケアのパスワードは12文字以上で、英大文字・小文字・数字・記号を組み合わせてください🔐", "password policy")
add(c, False, "ja", N, "パスワードの使い回しは禁止です。定期変更より、長いパスフレーズと二段階認証を推奨します #情報セキュリティ月間", "password policy reminder")
add(c, False, "ja", P, "またパスワード忘れた(´;ω;｀) リセットメール待ち…今月3回目", "forgot password")
add(c, False, "ja", N, "APIキーは AKIAXXXXXXXXXXXXXXXX のような形式です。実物はVaultから取得してください。", "placeholder key")
add(c, False, "ja", N, "コマンドの <your-token> の部分を自分のトークンに置き換えて実行してね。トークン自体はチャットに貼らないこと！", "placeholder token")
add(c, False, "ja", P, "二段階認証いれたら安心感ちがう🔐 みんなもやろう", "2FA talk")
add(c, False, "ja", B, "みどりヘルスのスタッフがお電話やLINEでパスワードや認証コードを伺うことはありません。ご注意ください。", "anti-phishing notice")
add(c, False, "ja", N, "Slackトークンが漏れた場合は即revoke→#security に報告、という手順をwikiにまとめました📝", "procedure")
add(c, False, "ja", P, "ログイン画面でパスワード：＊＊＊＊＊＊＊＊ って表示されてるの、なんか落ち着く", "masked password")
add(c, False, "ja", D, "パスワードは前に口頭で伝えた通りです。チャットには書かないでおきますね🙏", "password referenced not written")
add(c, False, "ja", N, "sk_test_ で始まるのはテスト用、sk_live_ は本番用です。本番キーは絶対にチャットに貼らないでください。", "key prefix explanation")
add(c, False, "ja", P, "秘密鍵と公開鍵の違いを看護師にもわかるように説明する勉強会やった。南京錠のたとえが好評でした🔑", "key concept")
add(c, False, "en", B, "Password tips: use a passphrase of 4+ random words and turn on 2FA in Midori Care settings.", "password policy")
add(c, False, "en", N, "Reminder: passwords on ehr.midori.lan expire every 90 days. You'll get an email a week before.", "password policy")
add(c, False, "en", P, "forgot my password for the 5th time this month, IT knows me by name now 🙃", "forgot password")
add(c, False, "en", N, "export OPENAI_API_KEY=<your key here>   # never commit this", "placeholder")
add(c, False, "en", N, "Example config from the docs: aws_access_key_id = AKIAIOSFODNN7EXAMPLE — replace with your own from Vault.", "documentation example key")
add(c, False, "en", P, "token economies in behavioural therapy are fascinating, our psych ward uses one for the teen unit", "'token' in another sense")
add(c, False, "en", N, "GitHub tokens start with ghp_. If you see one in a log, rotate it and ping #security.", "prefix only")
add(c, False, "en", P, "got the 'password must contain a special character' error 6 times. special character = my rage 😤", "password rule complaint")
add(c, False, "en", D, "I'll send you the password through the vault share link, not here 👍", "no password")
add(c, False, "en", N, "JWTs are just base64, don't put patient data in the payload. Docs: https://jwt.io/introduction", "JWT concept")
add(c, False, "en", P, "Public key cryptography explained with cats 🐈 best thread I've read all week", "concept")
add(c, False, "en", N, "Set DB_PASSWORD=**** in your .env (ask ops for the value, it's not in the repo)", "masked value")
add(c, False, "en", B, "We will never ask for your password or one-time code by phone, SMS, or LINE. Stay safe 💚", "anti-phishing notice")


# ---------------------------------------------------------------- confidential
c = "confidential"
add(c, True, "ja", N, "Asterのリリース、6月から9月にずれ込みそうです。まだ社外には絶対言わないでください。", "code name with schedule")
add(c, True, "ja", P, "ここだけの話、来月から渋谷院の院長が変わるらしい…まだ発表前だから内緒ね🤫", "ここだけの話 + 発表前 about own org")
add(c, True, "ja", D, "コハクの配合表、社外秘だから共有フォルダの外に出さないでね🙏", "code name + 社外秘")
add(c, True, "ja", P, "アスタープロジェクトの打ち合わせ終わった〜😆 オンライン診療の新機能めっちゃいい感じ！早く出したい", "kana code name with project work word")
add(c, True, "ja", P, "決算発表前だけど今期うちかなり良いらしい👀 ボーナス期待していいかな", "決算発表前 about own company")
add(c, True, "ja", N, "Kohakuの臨床データは、NDA締結済みの先生にだけ共有しています。取り扱い注意で。", "code name + NDA")
add(c, True, "ja", P, "新サプリ（コハク）の試作品飲んでみた！発売前だから写真は出せないけど味は合格🍯", "unreleased product by code name")
add(c, True, "ja", P, "うちの新院の出店計画、まだ社外秘なんだけど横浜に決まったっぽい✨", "社外秘 about own org")
add(c, True, "ja", D, "Asterのβ版のこと、患者さんに話しちゃダメだよ！まだ未発表だから🙅‍♀️", "code name + 未発表")
add(c, True, "ja", P, "未発表だけど、みどりクリニックの新しい院が福岡にできるって！楽しみ✨ #みどりクリニック", "未発表 about own org")
add(c, True, "ja", N, "コハク案件の価格は競合に漏れないように。外部の方とは話題にしないでください。", "code name in work context")
add(c, True, "ja", P, "アスターの開発チームに異動決まった！詳細は言えないけど頑張る💪 #新天地", "kana code name with team")
add(c, True, "ja", P, "ここだけの話ね、みどりヘルスが近くの調剤薬局チェーンを買収する話が進んでるらしい…", "ここだけの話 + own org deal")
add(c, True, "en", P, "Aster demo went great today 🙌 can't say much but telehealth at Midori is about to get way better 👀", "code name demo")
add(c, True, "en", N, "Kohaku launch slipped to Q3. Internal only until the board signs off.", "code name + internal only")
add(c, True, "en", P, "Not supposed to say this but our Q2 numbers are 🔥 — earnings announcement is next week", "pre-earnings hint")
add(c, True, "en", D, "Don't forward the Kohaku formulation deck to anyone, it's under NDA with the supplier.", "code name + NDA")
add(c, True, "en", P, "Working late on Project Aster again 😮‍💨 unreleased stuff is always chaos", "code name + unreleased")
add(c, True, "en", P, "between us: Midori is opening 3 new clinics in Nagoya, the announcement isn't out yet 🤐", "unannounced plan")
add(c, True, "en", N, "The Aster pricing sheet is confidential — do not share outside the core team.", "code name + confidential")
add(c, True, "en", P, "Tried the Kohaku prototype capsules today, launching in the fall (shh 🤫)", "code name prototype")
add(c, True, "en", P, "From our all-hands: Midori Health is partnering with a big insurer. Not public yet so keep it quiet!", "not public yet")
add(c, True, "en", D, "fyi the Aster roadmap is internal only, please don't paste it in the vendor channel", "code name + internal only")
add(c, True, "en", P, "Off the record: there'll be restructuring at Midori HQ next month. Hasn't been announced.", "unannounced org news")
add(c, True, "en", P, "Kohaku formulation finally locked!! Can't share details before launch but so proud of the team 🥹", "code name before launch")

add(c, False, "ja", P, "近所の公園のアスター（シオン）がきれいに咲いてた💜 秋だね〜 #花のある暮らし", "aster the flower")
add(c, False, "ja", P, "夜勤明けの琥珀色のビールが染みる🍺 最高かよ", "amber beer")
add(c, False, "ja", P, "うちの猫のコハク、今日も動物病院で大暴れ😹 先生ごめんなさい", "pet named Kohaku")
add(c, False, "ja", P, "コハク酸ってTCAサイクルのどこだっけ…生化学の復習中📚 #看護学生", "succinic acid")
add(c, False, "ja", B, "みどりケアに新機能「服薬リマインダー」が追加されました！アプリを最新版に更新してご利用ください📱", "released product on brand account")
add(c, False, "ja", P, "新人さんに「NDAって何ですか？」って聞かれたので説明した。秘密保持契約のことだよ〜", "NDA explained")
add(c, False, "ja", P, "ここだけの話、昨日のドラマの最終回で号泣した😭 誰にも言えない", "ここだけの話 about a TV drama")
add(c, False, "ja", P, "他社の決算発表前は株価が動くよね〜って投資の本で読んだ📈 勉強中", "generic earnings talk")
add(c, False, "ja", P, "花屋さんでアスターとカスミソウ買って、受付に飾りました💐 患者さんに褒められた", "aster flowers at reception")
add(c, False, "ja", P, "琥珀糖作ってみた！キラキラで宝石みたい✨ #おうちカフェ", "amber candy")
add(c, False, "ja", P, "「社外秘」のハンコが押された資料は持ち帰らない、って情報セキュリティ研修で習った📝", "general security advice")
add(c, False, "ja", P, "コハク（琥珀）のネックレス、祖母の形見なんだ。大事にしてる", "amber necklace")
add(c, False, "en", P, "The asters in the clinic garden are blooming, so pretty 💜 #fallflowers", "aster flowers")
add(c, False, "en", P, "An amber ale after a 12h shift hits different 🍺", "amber beer")
add(c, False, "en", B, "Midori Check is now available at all our clinics! Book your screening in the Midori Care app.", "released product")
add(c, False, "en", P, "Watching Asteroid City tonight, finally a night off 🎬", "Aster inside another word")
add(c, False, "en", P, "Our dog Kohaku had her checkup at the vet, all good 🐶", "pet named Kohaku")
add(c, False, "en", P, "PSA for new grads: an NDA is a contract. Read it before you sign anything.", "general NDA advice")
add(c, False, "en", P, "Internal medicine rotation starts Monday 😅 wish me luck", "'internal' in another sense")
add(c, False, "en", P, "Unreleased Taylor Swift tracks leaked?? the internet is wild", "unreleased about someone else")
add(c, False, "en", P, "Apple's earnings call is tonight, watching for the health features lol", "another company's earnings")
add(c, False, "en", P, "amber alert on my phone at 3am scared me half to death", "amber alert")
add(c, False, "en", P, "The aster family (Asteraceae) includes daisies and sunflowers. botany nerd moment 🌼", "botany")
add(c, False, "en", P, "My grandpa's kohaku koi are huge now 🐟 the red and white ones", "kohaku koi variety")
add(c, False, "en", B, "Press release: Midori Health announces Q2 results. Read the full release at https://midorihealth.example/ir", "published results")


# ---------------------------------------------------------------- harassment
c = "harassment"
add(c, True, "ja", P, "今日のあの患者まじでクソジジイ。二度と来んな💢", "insult")
add(c, True, "ja", D, "新人のあいつ、ほんと使えねえ無能。死ねばいいのに", "insult and death wish")
add(c, True, "ja", P, "し ね よ クレーマー", "spaced obfuscation")
add(c, True, "ja", P, "受付のブス、態度悪すぎ。二度と行かない ★1", "insult in a review")
add(c, True, "ja", P, "ｷﾓｲんだよおっさん、診察中にジロジロ見てくんな", "half-width kana insult")
add(c, True, "ja", D, "お前の家知ってるからな。夜道に気をつけろよ", "threat")
add(c, True, "ja", P, "ガイジみたいな質問してくる患者多すぎて疲れた", "ableist slur")
add(c, True, "ja", P, "あの医者ﾊﾞｶすぎて草。ヤブ医者は消えろ", "insult")
add(c, True, "ja", P, "外人の患者は臭いから来ないでほしい", "discriminatory")
add(c, True, "ja", P, "シネ　シネ　シネ　あの師長", "kana death wish with full-width spaces")
add(c, True, "ja", P, "看護師のくせに生意気なんだよ、ババア", "insult")
add(c, True, "ja", D, "次会ったらぶっ殺すからな", "threat")
add(c, True, "ja", P, "チョンは来るな、病院が汚れる", "ethnic slur")
add(c, True, "en", P, "that receptionist is a useless stupid b1tch", "leetspeak slur")
add(c, True, "en", D, "you're an idiot and everyone on the ward knows it", "insult")
add(c, True, "en", P, "k i l l yourself, quack doctor", "spaced self-harm incitement")
add(c, True, "en", P, "Dr. Sato is a f*cking moron, never going back", "insult with masked profanity")
add(c, True, "en", D, "I know where you park. watch yourself.", "threat")
add(c, True, "en", P, "the new nurse is a r3tard honestly", "leetspeak slur")
add(c, True, "en", P, "stupid ｆａｔ cow at the front desk", "full-width insult")
add(c, True, "en", P, "go back to your country, nobody wants you in our clinic", "discriminatory")
add(c, True, "en", P, "what a pathetic loser, crying on shift again lmao", "insult")
add(c, True, "en", D, "shut up you worthless piece of sh1t", "obfuscated insult")
add(c, True, "en", P, "STFU dumbass, you're not a real doctor", "insult")
add(c, True, "en", D, "I'll make sure you lose your license, and then I'll come for you and your family", "threat")

add(c, False, "ja", P, "夜勤明けで死ぬほど眠い😪 おやすみなさい", "intensifier")
add(c, False, "ja", P, "この風邪まじでしんどい、喉が完全に死んでる(´；ω；`)", "figurative")
add(c, False, "ja", P, "カルテ入力がバカみたいに多い…でも頑張る💪", "intensifier")
add(c, False, "ja", P, "殺菌・消毒しっかりね！手洗いは30秒🧼 #感染対策", "medical term")
add(c, False, "ja", P, "患者さんに「ありがとう」って言われて泣いた🥲 この仕事続けててよかった", "kind")
add(c, False, "ja", P, "死亡診断書の書き方、今日の研修でちゃんと教わった。重い仕事だ", "medical")
add(c, False, "ja", P, "乳がん検診、40歳過ぎたら2年に1回は受けてね🎀", "medical")
add(c, False, "ja", P, "ハラスメント研修で「キモい」「ブス」みたいな言葉は冗談でもNGって改めて確認した", "quoting insults in a training context")
add(c, False, "ja", P, "また自分の確認ミス…バカだなー私って落ち込む。明日は気をつけよう", "self-deprecation")
add(c, False, "ja", P, "うちの猫、爪切りのとき鬼のように暴れる😾", "figurative")
add(c, False, "ja", P, "おばあちゃんに肩をチョンチョンって叩かれて振り向いたら飴くれた🍬", "onomatopoeia")
add(c, False, "ja", P, "痔の相談、恥ずかしがらずにどうぞ。肛門科の先生とても優しいです", "medical")
add(c, False, "en", P, "this shift is killing me lol", "figurative")
add(c, False, "en", P, "reminder: the antibiotic kills bacteria, not viruses", "medical")
add(c, False, "en", P, "Dick from radiology brought donuts for the whole floor 🍩 legend", "name")
add(c, False, "en", P, "Breast cancer awareness month 🎀 book your mammogram if you're due", "medical")
add(c, False, "en", P, "I'm such an idiot, left my badge at home again 🤦‍♀️", "self-deprecation")
add(c, False, "en", P, "Patient transfer from Scunthorpe done, smooth ride", "Scunthorpe problem")
add(c, False, "en", P, "that presentation absolutely killed, so proud of our team", "figurative")
add(c, False, "en", P, "Dr. Ito is brutally honest but honestly the best attending I've had", "figurative")
add(c, False, "en", P, "hemorrhoids, anal fissures, all that — we see it daily, please don't be embarrassed", "medical")
add(c, False, "en", P, "our attending says there's no such thing as a stupid question. ask everything", "quoted word")
add(c, False, "en", P, "killer headache today, hydrate folks 💧", "figurative")
add(c, False, "en", P, "Met a lovely patient from Middlesex today, she knitted us a blanket 🧶", "substring")
add(c, False, "en", P, "Shoutout to the night shift, you absolute legends 💪", "kind")


# ---------------------------------------------------------------- disclosure
c = "disclosure"
add(c, True, "ja", P, "みどりケア使ってみて！待ち時間ゼロでオンライン診療できるし、薬も家に届く✨ 絶対おすすめ", "undisclosed product praise")
add(c, True, "ja", P, "最近みどりサプリのビタミンD飲んでるけど調子いい😊 みんなも試してみて〜", "undisclosed product recommendation")
add(c, True, "ja", P, "花粉症の季節はみどりクリニック一択！先生優しいし早い👍", "undisclosed recommendation")
add(c, True, "ja", P, "みどりチェックで健康診断するなら今がチャンス！初回半額キャンペーン中だよ🎉", "campaign promotion")
add(c, True, "ja", P, f"紹介コード MIDORI-{digits(4)} でみどりケア初月無料になるよ〜使ってね💕", "referral code")
add(c, True, "ja", P, "オンライン診療なら、みどりケア。", "slogan")
add(c, True, "ja", P, "知ってた？みどりヘルスのアプリで処方薬の配送まで全部できるんだよ📦", "rhetorical promotion")
add(c, True, "ja", P, "患者として通ってますが、みどりクリニックの先生は本当に神です🙏 スタッフも優しい！★★★★★", "employee posting as a patient reviewer")
add(c, True, "ja", P, "みどりサプリのマルチビタミン、コスパ最強。ドラッグストアのより断然いい", "comparative praise")
add(c, True, "ja", P, "みどりケアほんと便利！夜でも先生とビデオ通話できる🌙 #オンライン診療 #健康 #子育て #ママ #働くママ #便利アプリ #pr #みどりケア #育児 #夜間診療", "#pr buried in a hashtag pile")
add(c, True, "ja", P, "健康診断まだの人、みどりチェックおすすめ！結果もアプリで見れて楽ちん😆", "recommendation")
add(c, True, "ja", P, "みどりのアプリ、入れといて損ないよ〜みんな使って！", "short-name promotion")
add(c, True, "ja", P, "今ならみどりサプリ定期便20%オフ！このリンクから→ https://midorihealth.example/s?ref=yk22", "affiliate-style link")
add(c, True, "en", P, "Honestly Midori Care is the best telehealth app out there. Saw a doctor in 5 minutes 🙌", "undisclosed praise")
add(c, True, "en", P, "Y'all need to try Midori Supplements' magnesium, sleeping like a baby 😴", "recommendation")
add(c, True, "en", P, "Best clinic in Tokyo? Midori Clinic. No contest.", "slogan")
add(c, True, "en", P, "Use my code AYA10 for 10% off Midori Supplements 💚", "discount code")
add(c, True, "en", P, "Did you know Midori Check gives you full blood panel results in the app the same day?", "rhetorical promotion")
add(c, True, "en", P, "go with Midori Care, thank me later", "choosing phrase")
add(c, True, "en", P, "5 stars for Midori Clinic Shibuya, the staff are angels. Book here → https://midorihealth.example/shibuya", "testimonial with link")
add(c, True, "en", P, "Loving my Midori Supplements morning stack ☀️ #wellness #vitamins #morningroutine #selfcare #health #ad #healthylifestyle #nutrition #glowup #midori", "#ad buried in a hashtag pile")
add(c, True, "en", P, "Midori Care > every other telehealth app. Switch now.", "superlative")
add(c, True, "en", P, "Sign up for Midori Care this month and get your first consult free! Everyone should do this", "sign-up reward")
add(c, True, "en", P, "My whole family uses Midori Check for our annual screenings now, cheaper and faster than anywhere else", "undisclosed testimonial")
add(c, True, "en", P, "Tired of clinic queues? Midori Care fixes that. Download it today 📱", "rhetorical promotion")

add(c, False, "ja", P, "【PR】みどりヘルスで看護師をしています。自社のみどりケアアプリ、夜間の相談に便利なので紹介させてください🙏", "clear disclosure at start")
add(c, False, "ja", P, "※みどりヘルス社員です。みどりサプリの新しいビタミンC、個人的に気に入ってます", "clear employee disclosure")
add(c, False, "ja", B, "みどりケアに夜間診療枠が追加されました！アプリからご予約ください🌙", "brand account")
add(c, False, "ja", P, "みどりケアのアプリ、今日落ちてたね…患者さんから電話いっぱい来た😇", "complaint, not promotion")
add(c, False, "ja", P, "友達が行ってるみどりクリニック、結局予約取れなかった〜", "neutral mention")
add(c, False, "ja", P, "みどりヘルスが横浜に新しい院をオープンしたってニュースで見た", "news")
add(c, False, "ja", P, "#PR #広告 みどりヘルスの社員として、みどりチェックの無料体験をご紹介します", "disclosure hashtags at start")
add(c, False, "ja", P, "みどりサプリ、味がちょっと苦手…改善してほしいなぁ", "complaint")
add(c, False, "ja", P, "他社のオンライン診療アプリ使ってみたけど、UIがすごく参考になった", "other company's app")
add(c, False, "ja", P, "先輩にカルテ入力のショートカット教えてもらった、ありがとうございます！", "thanks")
add(c, False, "ja", B, "みどりサプリ 秋の定期便キャンペーン実施中！詳しくはWebサイトで🍂", "brand account")
add(c, False, "ja", P, "みどりヘルスで働いてます（広告）。みどりケアで薬の配送が始まりました、ぜひ。", "disclosure near the start")
add(c, False, "en", P, "[Ad] I work at Midori Health — our Midori Care app now has evening slots, check it out", "clear disclosure")
add(c, False, "en", P, "Full disclosure: I'm a nurse at Midori Clinic. That said, the new flu shot booking in Midori Care is really smooth.", "clear disclosure")
add(c, False, "en", B, "Midori Check now includes vitamin D testing. Book in the app.", "brand account")
add(c, False, "en", P, "Midori Care was down for an hour this morning, ugh", "complaint")
add(c, False, "en", P, "Read an article comparing telehealth apps in Japan; Midori Care was mentioned alongside a few others", "neutral news")
add(c, False, "en", P, "#ad I'm a Midori Health employee: Midori Supplements' new omega-3 is out today", "clear disclosure at start")
add(c, False, "en", P, "Thanks @ken for recommending that podcast on sleep hygiene!", "thanks, no product")
add(c, False, "en", P, "Starting my new job at Midori Health next week! Nervous but excited 🌱", "career news")
add(c, False, "en", P, "Midori Supplements' packaging is so hard to open, pls fix 😩", "complaint")
add(c, False, "en", B, "Sign up for Midori Care this month and your first consult is free.", "brand account")
add(c, False, "en", P, "My mom asked if Midori Check is covered by insurance, does anyone know?", "question")
add(c, False, "en", P, "Employee here (Midori Health). Midori Check drops to ¥9,800 next month, sharing because people keep asking.", "clear disclosure")
add(c, False, "en", P, "Which telehealth app do you all use? Looking for recommendations", "question")


# ---------------------------------------------------------------- claims
c = "claims"
add(c, True, "ja", P, "みどりサプリ飲み始めてから糖尿病が治った！薬もういらない✨", "cure claim")
add(c, True, "ja", B, "みどりサプリのウコンエキスで肝臓病が完治します。", "cure claim on brand account")
add(c, True, "ja", P, "このサプリでアトピーが完全に治ります。ステロイド不要！ #みどりサプリ", "cure claim")
add(c, True, "ja", P, "みどりサプリの乳酸菌、花粉症が2週間で治るよ〜🌸", "cure claim")
add(c, True, "ja", B, "飲むだけで血圧が下がる！みどりサプリ ナットウキナーゼ", "efficacy claim")
add(c, True, "ja", P, "高血圧も糖尿病もこれ一本で改善！みどりサプリ最強💪", "efficacy claim")
add(c, True, "ja", P, "うつ病が治るサプリってほんとにあるんだね…みどりサプリありがとう", "cure claim")
add(c, True, "ja", D, "患者さんに言っていいよ、みどりサプリで認知症が予防できるって", "prevention claim")
add(c, True, "ja", P, "みどりサプリの酵素で100%痩せる、効果保証💯", "guaranteed effect")
add(c, True, "ja", P, "みどりヘルスの株、絶対に上がるから今買うべき！元本保証みたいなもんだよ", "guaranteed return")
add(c, True, "ja", B, "みどりサプリでコロナ予防！免疫力アップで感染しません", "prevention claim")
add(c, True, "ja", P, "髪が生える！みどりサプリの亜鉛で薄毛が治った人続出", "cure claim")
add(c, True, "ja", P, "みどりサプリを飲めば薬はいらない。医者の私が言うんだから間違いない", "replaces medicine")
add(c, True, "en", P, "Midori Supplements' turmeric cured my arthritis, no more meds 🙌", "cure claim")
add(c, True, "en", B, "Midori Immune Boost prevents the flu — guaranteed.", "prevention claim")
add(c, True, "en", P, "This supplement reverses type 2 diabetes in 30 days. Trust me, I'm a nurse. #MidoriSupplements", "cure claim")
add(c, True, "en", P, "Midori Supplements cures anxiety naturally, ditch your SSRIs", "cure claim")
add(c, True, "en", P, "Cancer patients: Midori's mushroom extract shrinks tumors. Ask me how.", "cure claim")
add(c, True, "en", P, "Guaranteed 20% returns if you invest in the Midori clinic expansion fund, zero risk", "guaranteed return")
add(c, True, "en", P, "Midori Care + our vitamin stack = a cure for chronic fatigue. 100% effective.", "cure claim")
add(c, True, "en", B, "Lose 10kg in 2 weeks with Midori Supplements Slim, results guaranteed!", "guaranteed effect")
add(c, True, "en", P, "Our collagen supplement eliminates wrinkles permanently 💫 #midorisupplements", "permanent effect")
add(c, True, "en", P, "Midori Supplements zinc clears acne in 3 days, works every time", "guaranteed effect")
add(c, True, "en", P, "these Midori capsules cure insomnia, I've seen it with every patient who tried them", "cure claim")
add(c, True, "en", P, "Midori's probiotic heals IBS for good. No doctor needed.", "cure claim")

add(c, False, "ja", P, "風邪やっと治った〜😷→😊 みんなも手洗いうがいしてね", "own cold got better")
add(c, False, "ja", P, "花粉症の治療について。抗ヒスタミン薬は症状を抑えますが、完治させるものではありません。効果には個人差があるので、主治医と相談してください。", "doctor's caveated explanation")
add(c, False, "ja", B, "みどりサプリは健康食品です。疾病の治療・予防を目的としたものではありません。", "disclaimer")
add(c, False, "ja", P, "ビタミンDのサプリ、不足してる人には意味あるけど、飲めば何でも治るわけじゃないよ〜", "caveat")
add(c, False, "ja", P, "薬機法の勉強会で「治る」「効く」みたいな表現はNGって習った📝", "regulation talk")
add(c, False, "ja", P, "インフルの薬飲んで熱下がった。ありがたい🙏", "own experience with medicine")
add(c, False, "ja", P, "糖尿病は食事・運動・薬物療法を組み合わせて管理していく病気です。サプリだけで治るものではありません。", "medical education")
add(c, False, "ja", P, "「このサプリでがんが治る」っていう広告、完全にアウトだよね…患者さんが信じちゃうの怖い", "criticising a claim")
add(c, False, "ja", P, "膝の手術から3ヶ月、リハビリのおかげでだいぶ歩けるようになった🚶‍♀️", "recovery story")
add(c, False, "ja", P, "投資は元本保証じゃないからね、ちゃんと勉強してから〜", "financial caveat")
add(c, False, "ja", B, "インフルエンザ予防接種の予約受付中です。効果や副反応については医師にご相談ください。", "caveated service notice")
add(c, False, "ja", P, "湿布貼ったら腰痛ちょっとマシになった〜(´∀`)", "own experience")
add(c, False, "en", P, "my cold finally got better after a week of rest and soup 🍲", "own cold got better")
add(c, False, "en", P, "Statins lower LDL for most people, but they're not for everyone and side effects happen. Talk to your doctor.", "doctor's caveated explanation")
add(c, False, "en", B, "Midori Supplements are food products and are not intended to diagnose, treat, cure or prevent any disease.", "disclaimer")
add(c, False, "en", P, "antibiotics don't cure viral infections, please stop asking for them for colds 🙏", "medical education")
add(c, False, "en", P, "Physical therapy helped my shoulder a lot, though it took months", "recovery story")
add(c, False, "en", P, "Ads saying 'this pill cures cancer' make me furious. Nothing works like that.", "criticising a claim")
add(c, False, "en", P, "Past performance doesn't guarantee future returns. Investing 101.", "financial caveat")
add(c, False, "en", P, "Vitamin C won't prevent a cold, but it may shorten one slightly. The evidence is mixed.", "caveated evidence")
add(c, False, "en", P, "The vaccine reduces the risk of severe illness; it doesn't make you immune forever.", "caveated medical info")
add(c, False, "en", P, "Ibuprofen sorted my headache, back to charting", "own experience")
add(c, False, "en", B, "Flu season is here. Midori Clinic offers vaccinations; ask your doctor whether it's right for you.", "caveated service notice")
add(c, False, "en", P, "Lots of asthma today. Inhalers control symptoms, they don't cure asthma.", "medical education")
add(c, False, "en", P, "My fever broke overnight 🙌 thanks to everyone who sent soup", "own recovery")


# ---------------------------------------------------------------- spokesperson
c = "spokesperson"
add(c, True, "ja", P, "みどりヘルスを代表してお詫び申し上げます。昨日のシステム障害につきましては、全額返金で対応いたします。", "apology and remedy on behalf of the org")
add(c, True, "ja", P, "当院としては、今回の件について医療過誤はなかったと判断しております。", "official position")
add(c, True, "ja", P, "みどりクリニックは来月末をもって梅田院を閉院することを決定いたしました。", "official decision announced")
add(c, True, "ja", P, "弊社として正式にコメントします。報道されている個人情報流出の事実はございません。", "official denial")
add(c, True, "ja", P, "【お知らせ】みどりケアは本日をもってサービス料金を改定いたします。", "notice header on personal account")
add(c, True, "ja", P, "みどりヘルスは、この度の患者様情報の誤送信について、対象の方全員に個別にご連絡いたします。", "official commitment")
add(c, True, "ja", P, "当社はこの報道内容を全面的に否定いたします。 #みどりヘルス", "official denial")
add(c, True, "ja", P, "みどりサプリの一部製品を自主回収いたします。ご迷惑をおかけし申し訳ございません。", "recall announced")
add(c, True, "ja", P, "弊院では今後、オンライン診療の初診料を無料とすることを決定しました。", "official decision")
add(c, True, "ja", P, "みどりヘルスとして申し上げます。元職員の発言は当社の見解とは一切関係ございません。", "official distancing")
add(c, True, "ja", P, "私たちみどりクリニックは、院内感染の報道について調査中であり、近日中に結果を公表いたします。", "official statement")
add(c, True, "ja", P, "みどりヘルスは、さくら保険との業務提携を正式に発表いたします！", "official announcement")
add(c, True, "ja", P, "当院の方針として、今後発熱のある方の直接来院はお断りし、オンライン診療にてご対応いたします。", "official policy")
add(c, True, "en", P, "On behalf of Midori Health, we apologize for yesterday's outage and will refund all affected appointments.", "apology on behalf of org")
add(c, True, "en", P, "Midori Clinic denies all allegations in today's news report.", "official denial")
add(c, True, "en", P, "We at Midori Health are officially announcing the closure of our Kobe clinic effective May 31.", "official announcement")
add(c, True, "en", P, "Official statement: Midori Supplements is recalling lot 2405 of its vitamin D product.", "official statement on personal account")
add(c, True, "en", P, "Midori Health will compensate every patient affected by the data incident. We take this very seriously.", "official commitment")
add(c, True, "en", P, "Midori's position is that the lawsuit has no merit, and we will defend ourselves vigorously.", "official position")
add(c, True, "en", P, "We can confirm that Midori Care will be discontinued in the US market.", "official confirmation")
add(c, True, "en", P, "Speaking for the company: Midori Health has no plans to raise prices this year.", "speaking for the company")
add(c, True, "en", P, "Midori Health hereby announces a partnership with Sakura Insurance, effective immediately.", "official announcement")
add(c, True, "en", P, "To our patients: we have fixed the billing error and all overcharges will be refunded within 14 days. — Midori Clinic", "signed as the org")
add(c, True, "en", P, "Midori Health does not comment on rumors, but we can confirm the CEO will step down in June.", "official confirmation")
add(c, True, "en", P, "Notice regarding the Midori Care app outage: we sincerely apologize and are investigating the cause.", "notice header on personal account")

add(c, False, "ja", P, "公式発表が出ました。詳細はこちら→ https://midorihealth.example/news/0601 みんな読んでね", "links the official statement")
add(c, False, "ja", B, "【お詫び】昨日発生したみどりケアのシステム障害について、ご迷惑をおかけし申し訳ございません。", "brand account")
add(c, False, "ja", P, "個人的には今回の対応、もっと早くできたと思う。あくまで私見です", "personal opinion")
add(c, False, "ja", P, "会社が梅田院を閉めるって噂聞いたけど本当かな？", "hearsay")
add(c, False, "ja", P, "「みどりヘルスは本件について調査中です」と公式が発表してるね。続報待ち", "quotes the official statement")
add(c, False, "ja", P, "【ご報告】結婚しました💍 これからもよろしくお願いいたします", "personal news")
add(c, False, "ja", P, "転職のお知らせ：4月からみどりヘルスで働くことになりました！", "career news")
add(c, False, "ja", B, "みどりクリニック梅田院は5月末をもって閉院いたします。長らくのご愛顧ありがとうございました。", "brand account")
add(c, False, "ja", P, "引っ越しのお知らせ。大阪から東京に戻りました🚚", "personal news")
add(c, False, "ja", P, "公式アカウントの発表RTしておきます。患者さんへの返金は順次だそうです", "relays the official account")
add(c, False, "ja", P, "私たちのチームで褥瘡ケアの勉強会を開催しました！楽しかった", "'we' as a team")
add(c, False, "ja", P, "ニュースでうちの会社が出てて驚いた。公式コメントは広報から出るはず", "defers to PR")
add(c, False, "en", P, "Our official statement is here: https://midorihealth.example/press/0612 — please read it before asking me 🙏", "links official statement")
add(c, False, "en", B, "We apologize for the Midori Care outage this morning. Service has been restored.", "brand account")
add(c, False, "en", P, "My own opinion, not my employer's: telehealth needs better rural broadband.", "personal opinion")
add(c, False, "en", P, "Heard a rumor the Kobe clinic might close?? anyone know more", "hearsay")
add(c, False, "en", P, "Per the company's press release, refunds will be processed within 14 days: https://midorihealth.example/news", "quotes the press release")
add(c, False, "en", P, "We had a great team lunch today 🍱", "'we' as a team")
add(c, False, "en", P, "Personal news: I'm moving to the Osaka clinic next month!", "personal news")
add(c, False, "en", P, "Midori said in a statement that it is 'aware of the issue' (quoting NHK's article)", "quotes a news report")
add(c, False, "en", B, "Official statement: Midori Supplements is voluntarily recalling lot 2405.", "brand account")
add(c, False, "en", P, "I'm not authorized to speak for Midori, please contact press@midorihealth.example", "defers to PR")
add(c, False, "en", P, "We won the hospital volleyball tournament!! 🏐", "'we' as a team")
add(c, False, "en", P, "Announcement: I passed my nursing boards!!! 🎉", "personal news")
add(c, False, "en", P, "Read the CEO's letter to patients, it's on the website (link in bio)", "points to official letter")


# ---------------------------------------------------------------- leak
c = "leak"
add(c, True, "ja", P, "来週から申し送りは21時と翌7時の2回に変更だって。紙の申し送り表は廃止して、電子カルテの「申し送り」タブに統一してください、とのこと😇 慣れるかな〜", "h3-doc-01")
add(c, True, "ja", P, "Aster（オンライン診療v2）は予約からビデオ診察、処方箋発行、薬の配送までをアプリ内で完結させるらしい。ベータは社内スタッフ300名で7月開始だって！", "h3-doc-02")
add(c, True, "ja", D, "コハクの原価、1瓶あたり420円まで下がったらしいよ。販売価格は2,980円で調整中、OEM先の工場は静岡だって", "h3-doc-03")
add(c, True, "ja", P, "うちの規則→患者の氏名・連絡先をLINEや個人のメールで送ることは禁止です。紙の問診票は受付後72時間以内にスキャンし、原本は施錠キャビネットで保管します。守れてない人多いよ〜", "h3-doc-04")
add(c, True, "ja", P, "渋谷院、先月の平均待ち時間が47分で口コミの星が3.1まで落ちてるんだって😱 午前の予約枠を15分刻みから20分刻みに変更して、受付に1名増員するらしい", "h3-doc-05")
add(c, True, "ja", P, "新院はみなとみらい駅から徒歩3分のビル4階で仮契約済み、内装工事は8月着工、開院は12月1日を目標とする…って資料見ちゃった✨", "h3-doc-06")
add(c, True, "ja", P, "移行初日、新宿院で処方データの一部が旧システムから取り込まれていないことが判明。原因はCSVの文字コードで、Shift_JISの外字が欠落していたらしい。地獄🫠", "h3-doc-07")
add(c, True, "ja", P, "個人アカウントで自社サービスに触れる場合は、必ず職員であることを明記してください。患者さんの写真は、たとえ顔が写っていなくても投稿禁止です。←うちのガイドライン", "h3-doc-08")
add(c, True, "ja", P, "来期から看護師の評価は年1回から半期ごとに変更、夜勤回数を評価項目から外して、代わりに夜勤手当を1回あたり1,500円増額する案だって！", "h3-doc-09")
add(c, True, "ja", P, "「個人の感想です」と書いても違法な表現は合法になりません。体験談を使う場合は、実在のお客様から書面で同意を取ったものに限ります。…ってうちの社内資料に書いてあって納得", "h3-doc-10")
add(c, True, "ja", D, "Googleレビューへの返信は本部の広報が一括で行うので、個人では返信しないでください、とのことです🙏 来月も改善しなければ午後の外来を1枠減らすかもだって", "h3-doc-05")
add(c, True, "ja", P, "医師は常勤2名、非常勤4名を予定し、うち1名は新宿院から異動。地域の競合クリニックは半径1km以内に3院あり、差別化はオンライン診療との併用で図る。横浜楽しみ〜", "h3-doc-06")
add(c, True, "ja", P, "対象は約1,200件で、今夜中に再取り込みを行います。現場には手書き処方の確認をお願いしています…だって。今夜は帰れない😭", "h3-doc-07")
add(c, True, "en", P, "lol so the Midori Care video service went down for 94 minutes on Tuesday because the TURN server certificate expired at 09:12 JST. Alerting fired but paged an engineer who had left the rotation 🙃", "h3-doc-11")
add(c, True, "en", P, "Kohaku is our amber-extract sleep supplement, positioned as premium at ¥3,980. Launch is targeted for October 15 in all 14 clinics and online 😴✨", "h3-doc-12")
add(c, True, "en", P, "they want to raise Midori Care Premium from ¥980 to ¥1,280 in January. Churn modelling says we lose about 6% of subscribers but revenue goes up 19%. cool cool cool", "h3-doc-13")
add(c, True, "en", P, "TIL: if the EHR is unreachable for more than 10 minutes, the on-call engineer calls the clinic lead directly instead of posting in Slack. Clinics switch to paper charting after 30 minutes.", "h3-doc-14")
add(c, True, "en", P, "Hoshino Labs offered ¥2,150 per panel if we commit to 200k tests per year, down from ¥2,600. We think we can push them to ¥2,000 if we mention the competing bid from Aoi Diagnostics 😏", "h3-doc-15")
add(c, True, "en", P, "FYI video consultation recordings are deleted automatically after 30 days unless a clinician flags them for the record. Chat transcripts are kept for 5 years as part of the medical record.", "h3-doc-16")
add(c, True, "en", P, "We're short 4 nurses at Umeda from next month because of two resignations and two maternity leaves. The plan: borrow two nurses from Kobe on Tuesdays and Fridays and cap new patient bookings at 30 per day. send help", "h3-doc-17")
add(c, True, "en", P, "On May 8, lab results for 23 patients were emailed to the wrong recipients because an autocomplete picked a similar address. Root cause was the manual email workflow. yikes", "h3-doc-18")
add(c, True, "en", P, "We'll run a 'Know your numbers' push in November with a ¥2,000 discount for first-time users. Three nurse influencers are lined up 👀", "h3-doc-19")
add(c, True, "en", P, "Q3 goals: 40% of new patients book their first consult through Midori Care, median wait under 6 minutes, and reduce no-shows from 11% to 7% with SMS reminders. ambitious!", "h3-doc-20")
add(c, True, "en", D, "pasting from the launch plan: Regulatory review of the label copy must be completed by August 20. The retail partnership with a drugstore chain is under negotiation and must not be mentioned externally.", "h3-doc-12")
add(c, True, "en", P, "Agency nurses cost about 40% more, so finance wants us to avoid them beyond 8 weeks. So we just... suffer? 🫠", "h3-doc-17")

add(c, False, "ja", P, "申し送りのやり方が変わるらしい。電子カルテに慣れてない先輩が心配…😅", "same topic as h3-doc-01, own words")
add(c, False, "ja", P, "オンライン診療の新しいアプリ、早く使ってみたいな〜📱 患者さんも楽になるはず", "same topic as h3-doc-02, own words")
add(c, False, "ja", P, "サプリって原価どれくらいなんだろう、ドラッグストアで眺めながら考えてた💭", "same topic as h3-doc-03, own words")
add(c, False, "ja", P, "個人情報の扱いって本当に大事。問診票を机に置きっぱなしにしないよう気をつけてる", "same topic as h3-doc-04, own words")
add(c, False, "ja", P, "待ち時間長くてごめんなさい…受付もバタバタです🙇‍♀️ 少しでも早くお呼びできるよう頑張ります", "same topic as h3-doc-05, own words")
add(c, False, "ja", P, "横浜ってクリニック多いよね。みなとみらいの夜景好き🌃", "same topic as h3-doc-06, own words")
add(c, False, "ja", P, "システム移行ってどこの職場でも大変だよね…文字化けとの戦い(-_-;)", "same topic as h3-doc-07, own words")
add(c, False, "ja", P, "SNSに患者さんの写真を載せるのはNG、って当たり前だけど大事なこと。医療職のみんな気をつけよ", "same topic as h3-doc-08, own words")
add(c, False, "ja", P, "評価制度ってどこの病院も悩ましいよね。夜勤の負担がもっと報われてほしい", "same topic as h3-doc-09, own words")
add(c, False, "ja", P, "サプリの広告で「治る」とか書いてあるの見ると看護師としてモヤる", "same topic as h3-doc-10, own words")
add(c, False, "ja", P, "口コミの星、気になるけど一人ひとり丁寧に対応するしかないよね💪", "same topic as h3-doc-05, own words")
add(c, False, "ja", N, "申し送り変更の件、師長のメッセージ読みました。来週から対応します。", "reply referencing h3-doc-01 without copying")
add(c, False, "en", P, "Our video calls dropped this week, sorry to everyone whose appointment got messed up 🙏", "same topic as h3-doc-11, own words")
add(c, False, "en", P, "Sleep supplements are such a crowded market, curious what actually works for people", "same topic as h3-doc-12, own words")
add(c, False, "en", P, "Subscription prices going up everywhere lately, streaming, gym, apps... 😩", "same topic as h3-doc-13, own words")
add(c, False, "en", P, "When the EHR is down we go old school with paper charts. Honestly kind of nostalgic", "same topic as h3-doc-14, own words")
add(c, False, "en", P, "Negotiating with vendors is an art. Learned a lot from our procurement lead this year", "same topic as h3-doc-15, own words")
add(c, False, "en", P, "Reminder to patients: ask us if you want a copy of your consultation notes", "same topic as h3-doc-16, own words")
add(c, False, "en", P, "The nursing shortage is real everywhere in Osaka. We're tired but hanging in there", "same topic as h3-doc-17, own words")
add(c, False, "en", P, "Email autocomplete is the scariest feature in healthcare IT, change my mind", "same topic as h3-doc-18, own words")
add(c, False, "en", P, "Any nurse influencers here? How do you handle PR labels on sponsored posts?", "same topic as h3-doc-19, own words")
add(c, False, "en", P, "No-shows are the bane of every clinic. SMS reminders help a bit", "same topic as h3-doc-20, own words")
add(c, False, "en", P, "Certificate expiry causing outages is a classic. Automate your renewals, folks", "same topic as h3-doc-11, own words")
add(c, False, "en", P, "Lab turnaround times have gotten so much faster over the years", "same topic as h3-doc-15, own words")
add(c, False, "en", P, "Quarterly goal-setting season again 📊 wish me luck", "same topic as h3-doc-20, own words")


def main():
    import collections
    cnt = collections.Counter((r["category"], r["expect"]) for r in ROWS)
    assert len(ROWS) == 400 and all(v == 25 for v in cnt.values()) and len(cnt) == 16, cnt
    assert all(r["account"] in {"personal", "brand", "direct", "internal"} for r in ROWS)
    assert len({r["text"] for r in ROWS}) == 400
    with open(HERE / "internal.jsonl", "w", encoding="utf-8") as f:
        for doc_id, text in INTERNAL:
            f.write(json.dumps({"id": doc_id, "text": text}, ensure_ascii=False) + "\n")
    with open(HERE / "rows.jsonl", "w", encoding="utf-8") as f:
        for i, r in enumerate(ROWS, 1):
            row = {"id": f"h3-{i:04d}", "text": r["text"], "account": r["account"], "category": r["category"],
                   "expect": r["expect"], "lang": r["lang"], "note": r["note"], "source": "koe-holdout3"}
            f.write(json.dumps(row, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
