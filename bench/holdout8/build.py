#!/usr/bin/env python3
"""Generate bench/holdout8 (Kamogawa University): internal.jsonl and rows.jsonl.

Deterministic (seeded); fake personal data and credentials are generated here with valid
check digits and the right shapes. Run from this directory: python3 build.py
"""
import json
import random
import string

R = random.Random(20261127)
SRC = "koe-holdout8"

# ---------------------------------------------------------------- generators
def luhn_complete(prefix, length):
    digits = [int(c) for c in prefix]
    while len(digits) < length - 1:
        digits.append(R.randrange(10))
    total = 0
    for i, d in enumerate(reversed(digits)):
        if i % 2 == 0:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return "".join(map(str, digits)) + str((10 - total % 10) % 10)

def card(kind="visa", sep=" "):
    if kind == "visa":
        n = luhn_complete("4" + str(R.randrange(10)), 16)
    elif kind == "mc":
        n = luhn_complete("5" + str(R.randint(1, 5)), 16)
    elif kind == "jcb":
        n = luhn_complete("35" + str(R.randint(28, 89)), 16)
    else:
        n = luhn_complete(R.choice(["34", "37"]), 15)
        return sep.join([n[:4], n[4:10], n[10:]])
    return sep.join(n[i:i + 4] for i in range(0, 16, 4))

def iban(cc, bban_len, bank=""):
    bban = bank + "".join(R.choice(string.digits) for _ in range(bban_len))
    rearr = bban + cc + "00"
    num = int("".join(str(int(c, 36)) for c in rearr))
    chk = 98 - num % 97
    s = f"{cc}{chk:02d}{bban}"
    return " ".join(s[i:i + 4] for i in range(0, len(s), 4))

def my_number(sep=""):
    d = [R.randrange(10) for _ in range(11)]
    d[0] = R.randint(1, 9)
    tot = 0
    for n in range(1, 12):
        p = d[11 - n]
        q = n + 1 if n <= 6 else n - 5
        tot += p * q
    r = tot % 11
    c = 0 if r <= 1 else 11 - r
    s = "".join(map(str, d)) + str(c)
    return sep.join([s[:4], s[4:8], s[8:]]) if sep else s

def ssn():
    a = R.choice([x for x in range(101, 899) if x != 666])
    return f"{a:03d}-{R.randint(10, 99):02d}-{R.randint(1000, 9999):04d}"

def jp_mobile():
    return f"0{R.choice('789')}0-{R.randint(1000, 9999)}-{R.randint(1000, 9999)}"

def kyoto_phone():
    return f"075-{R.randint(701, 799)}-{R.randint(1000, 9999)}"

def fullwidth(s):
    return s.translate(str.maketrans("0123456789-", "０１２３４５６７８９－"))

def rnd(n, alphabet=string.ascii_letters + string.digits):
    return "".join(R.choice(alphabet) for _ in range(n))

UP = string.ascii_uppercase + string.digits

def aws_key():
    return "AKIA" + rnd(16, string.ascii_uppercase + "234567")

def aws_secret():
    return rnd(40, string.ascii_letters + string.digits + "/+")

def gh_token():
    return "ghp_" + rnd(36)

def gh_pat():
    return "github_pat_" + rnd(22, UP) + "_" + rnd(59)

def gitlab():
    return "glpat-" + rnd(20, string.ascii_letters + string.digits + "-_")

def slack():
    return f"xoxb-{R.randint(10**10, 10**11)}-{R.randint(10**12, 10**13)}-{rnd(24)}"

def slack_hook():
    return f"https://hooks.slack.com/services/T{rnd(8, UP)}/B{rnd(10, UP)}/{rnd(24)}"

def stripe():
    return "sk_live_" + rnd(48)

def google():
    return "AIza" + rnd(35, string.ascii_letters + string.digits + "-_")

def openai():
    return "sk-proj-" + rnd(48, string.ascii_letters + string.digits + "-_") + "T3BlbkFJ" + rnd(48, string.ascii_letters + string.digits + "-_")

def npm():
    return "npm_" + rnd(36)

def pypi():
    return "pypi-AgEIcHlwaS5vcmc" + rnd(70, string.ascii_letters + string.digits + "-_")

def b64url(n):
    return rnd(n, string.ascii_letters + string.digits + "-_")

def jwt():
    import base64
    h = base64.urlsafe_b64encode(b'{"alg":"HS256","typ":"JWT"}').decode().rstrip("=")
    p = base64.urlsafe_b64encode(json.dumps({"sub": str(R.randint(10**6, 10**7)), "name": "kamo-lms", "iat": 1790000000 + R.randint(0, 10**6)}).encode()).decode().rstrip("=")
    return f"{h}.{p}.{b64url(43)}"

def pem():
    body = "\n".join(rnd(64, string.ascii_letters + string.digits + "+/") for _ in range(5))
    return f"-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA{rnd(48, string.ascii_letters + string.digits + '+/')}\n{body}\n-----END RSA PRIVATE KEY-----"

def password():
    words = ["Kamo", "seiun", "Momiji", "Tadasu", "izumo", "Demachi", "Hiei", "Kibune"]
    return R.choice(words) + R.choice(["#", "!", "@", "$", "_"]) + str(R.randint(1000, 9999)) + rnd(3, string.ascii_letters)

def sha():
    return rnd(40, "0123456789abcdef")

# ---------------------------------------------------------------- internal documents
INTERNAL = [
    ("kamo-int-01", "【入試課 Slack #nyushi-2027】一般選抜前期の数学問題は第3稿で確定しました。印刷所への入稿は1月20日、校正は入試課の金庫室でのみ行います。問題冊子のPDFは学内NASの暗号化フォルダ以外に保存しないでください。採点基準は試験終了後に別途配布します。"),
    ("kamo-int-02", "【教務wiki】成績入力締切の運用について：2026年度後期から、成績入力の締切を試験期間終了後10日に変更します。締切を過ぎた入力は教務課長の承認が必要になります。なお、再試験の成績はS評価を付けられない運用は継続します。"),
    ("kamo-int-03", "【情報基盤センター 内部メモ】旧LMSサーバ(lms-old.kamogawa-u.lan)は12月末で停止予定。移行対象の課題データは約18万件、うち2019年度以前の分は移行せずアーカイブのみとする。停止告知は11月の教授会で承認されてから出す。"),
    ("kamo-int-04", "【Seiryu プロジェクト定例 議事録】新オンライン学位プログラム「Seiryu」は2027年4月開講を目標とする。初年度定員は300名、学費は年額48万円で調整中。提携先の海外大学名は契約締結まで外部に出さないこと。"),
    ("kamo-int-05", "【広報課 LINE WORKS】研究室の実験データ流出の件、現時点では対外的に「調査中」とだけ答える方針です。個別の教員がSNSで経緯を説明することは控えてください。公式コメントは学長室の確認後、広報課から出します。"),
    ("kamo-int-06", "【坂ノ上キャンパス構想 検討会メモ】旧工場跡地の取得価格は約23億円で最終交渉中。理工学部の一部移転を2029年度に想定。地元説明会の前に情報が出ると地価に影響するため、関係者限りの扱いとする。"),
    ("kamo-int-07", "【学生支援課 引継ぎ】休学相談が前年比で1.4倍に増えている。特に2年生の後期に集中しており、オンライン授業の比率が高い学科ほど多い傾向。来年度は面談枠を週20枠に増やす予算を要求する予定。"),
    ("kamo-int-08", "【鴨大エクステンション 運営会議】社会人向けデータサイエンス講座の受講料を来春から6万8千円に値上げする。既存受講者には適用しない。値上げ理由は講師謝金の見直しと、演習環境のクラウド費用増加。"),
    ("kamo-int-09", "【研究推進課 チャット】田村研の新素材の件、論文のアクセプト前なので学会ポスターでも組成比は伏せてください。特許出願が3月に完了するまでは共同研究先との打ち合わせ資料にも載せないこと。"),
    ("kamo-int-10", "【総務課 wiki】教職員のSNS利用ガイド改定案：個人アカウントでの大学に関する発信は可とするが、未公表の人事・入試・研究情報には触れないこと。炎上時は個別に反論せず、広報課に報告すること。"),
    ("kamo-int-11", "[IT Services Slack #sso-migration] We are moving all faculty accounts from the old Shibboleth IdP to Entra ID over winter break. Cutover is Dec 26 at 22:00 JST. Expect about 40 minutes of downtime for the portal and Kamo Online. Do not announce the exact time outside the team until the VP signs off."),
    ("kamo-int-12", "[Sakanoue steering notes] Sakanoue is the working name for the research data platform with Kyoto Prefecture. Phase 1 covers anonymized hospital admission data from three partner hospitals. The MoU is still unsigned, so no mention in grant applications yet."),
    ("kamo-int-13", "[Admissions wiki] International applicants: the English essay prompt for the 2027 cycle is 'Describe a problem in your community that data could help solve.' The prompt is released to applicants on Feb 1 only. Reviewers must score essays blind, with names removed by the admissions office."),
    ("kamo-int-14", "[Kamo Online product chat] Completion rates for the intro statistics MOOC dropped from 31% to 22% after we added the proctored final. Proposal: make the proctored exam optional and offer a verified certificate for an extra fee. Marketing wants to announce this with the spring catalog."),
    ("kamo-int-15", "[Faculty Senate exec thread] The provost wants to cut two tenure lines in Humanities next year. We push back at the Dec meeting and ask for the enrollment data behind the decision. Please keep this within the exec committee until the agenda is published."),
    ("kamo-int-16", "[Lab manager notes, Okada lab] The cryo-EM facility will be offline from Jan 8 to Jan 19 for detector replacement. Priority for the first week back goes to the Seiryu grant samples. Users who miss their slot move to the end of the queue."),
    ("kamo-int-17", "[Registrar team chat] Heads up: the grade export script double-counted withdrawn students for the fall term. About 120 transcripts show a W and a letter grade. We will fix the records quietly this week and regenerate transcripts before the January mailing."),
    ("kamo-int-18", "[Alumni relations wiki] The 2027 reunion gala budget is 9.2 million yen. Major donors at the Ginkgo tier get a private dinner with the president the night before. Do not send the donor list outside the alumni relations office."),
    ("kamo-int-19", "[KamoU Extension ops] The spring cohort of the UX design certificate had 64 signups against a target of 120. We will extend early-bird pricing by two weeks and test a LinkedIn campaign. If signups stay under 80, we merge it with the autumn cohort."),
    ("kamo-int-20", "[Security incident channel] The phishing campaign on Nov 3 compromised 14 student mailboxes. Attackers used the accounts to send fake scholarship notices. Passwords were reset and MFA enforced; the CISO will decide on disclosure after the forensic report on Nov 20."),
]

_EXTRA = {
    "kamo-int-01": "監督者向けマニュアルは12月の説明会で紙のみ配布し、持ち帰りは禁止です。",
    "kamo-int-02": "各学部の教務委員は、学生からの問い合わせに対して個別の成績を電話で伝えないよう周知をお願いします。異議申し立ては所定のフォームのみで受け付けます。",
    "kamo-int-03": "移行作業中は課題提出を受け付けられない時間帯が発生するため、各学部に事前に試験日程を確認してもらう。作業担当は基盤センターの3名。",
    "kamo-int-04": "カリキュラム案は第2版を正とし、科目数は必修12、選択24とする。教員の追加採用は5名を想定し、来年度予算に計上する。",
    "kamo-int-05": "取材依頼はすべて広報課の代表アドレスに回してください。学生からの問い合わせには、学生支援課の窓口を案内するだけにとどめます。",
    "kamo-int-06": "議事録の共有は検討会メンバーのみ。学内の他部署から問い合わせがあっても「検討中の案件はない」と回答すること。次回は12月15日。",
    "kamo-int-07": "面談記録には病名を書かず、相談カテゴリのコードだけを記録すること。保護者からの問い合わせには本人の同意がない限り回答しない。",
    "kamo-int-08": "告知は2月のカタログ改訂と同時に行う。競合の市民講座と比較されることが予想されるため、FAQに値上げ理由の説明を用意する。",
    "kamo-int-09": "ポスターの図3は差し替え版を使うこと。学生がSNSに実験写真を上げないよう、研究室のメンバーにも改めて周知してください。",
    "kamo-int-10": "改定案は1月の部局長会議で審議予定。それまでは総務課内の検討資料として扱い、教職員への周知は承認後に行う予定。",
}
INTERNAL = [(i, t + _EXTRA.get(i, "")) for i, t in INTERNAL]

ROWS = []

def add(cat, expect, lang, text, note, account="personal"):
    ROWS.append({"text": text, "account": account, "category": cat, "expect": expect, "lang": lang, "note": note})

# ---------------------------------------------------------------- pii
P = "pii"
add(P, True, "ja", f"ゼミの連絡網まわします〜 佐々木さんの携帯 {jp_mobile()} 、何かあったらここに電話してって本人が言ってた📱", "classmate's mobile number")
add(P, True, "ja", "@kamo_seminar_bot 落とし物の学生証、持ち主は経済学部2年の山口くん。連絡先 yamaguchi.ren.kamo@gmail.com らしいので誰か伝えてあげて", "another student's e-mail")
add(P, True, "ja", f"【拡散希望】サークルの会費、こっちに振り込んでくださいって先輩のカード番号送られてきたんだけど {card('visa')} これ普通に晒していいやつ？ｗ", "someone else's card number")
add(P, True, "ja", f"事務の人から来たLINEそのまま貼る→「奨学金の書類に記載のマイナンバー {my_number()} で照合しましたが、口座名義が違います」だって。誰のだよこれ", "My Number of another person")
add(P, True, "ja", f"うちの学科の非常勤の先生、住所ここなんだけど年賀状送る人いる？ 京都府京都市左京区下鴨松ノ木町{R.randint(10, 60)}-{R.randint(1, 20)} 鴨川ハイツ203", "lecturer's home address")
add(P, True, "ja", f"留学生の友達の学費、代わりに振り込むことになった。IBAN {iban('DE', 18)} で合ってるか誰か見て〜", "friend's IBAN")
add(P, True, "ja", f"研究室のOBの田中さん、連絡先変わったみたい。新しい番号 {fullwidth(jp_mobile())} です。飲み会の件はそっちにどうぞ🍻", "full-width mobile number of alumnus")
add(P, True, "ja", f"教務課のミスで隣の人の成績通知が届いた笑 学籍番号と一緒に個人番号 {my_number(' ')} まで書いてあるんだけどどうすんのこれ", "My Number with spaces")
add(P, True, "ja", f"入試の願書を代筆してあげた後輩の情報メモ：自宅 {R.choice(['075', '0774'])}-{R.randint(20, 99)}-{R.randint(1000, 9999)}、住所 京都府宇治市五ケ庄{R.randint(1, 40)}番地{R.randint(1, 9)}。忘れないように置いとく", "junior's home phone and address")
add(P, True, "ja", f"オンライン講座の受講者名簿、誤送信されてきたのでスクショ。1行目「高橋 美咲 / misaki.t{R.randint(10, 99)}@kamogawa-u.lan / {jp_mobile()}」…これやばくない？", "roster entry with e-mail and phone")
add(P, True, "ja", f"卒業生の鈴木さんのパスポート番号 T{R.choice('KRZ')}{R.randint(1000000, 9999999)} 、学会の航空券予約で必要らしいから先生に送っといてって言われた", "alumnus's passport number")
add(P, True, "ja", f"バイト代の振込先、先輩のを聞いた。京都中央信用金庫 出町支店 普通 口座番号 {R.randint(1000000, 9999999)} 名義 ナカムラ ユウキ。間違ってたら教えて", "senior's bank account")
add(P, True, "ja", f"先生の研究室の直通、ここ→ {kyoto_phone()} 。メール返ってこないときは電話しちゃえ（先生ごめん）", "professor's direct office line shared by student")
add(P, True, "en", f"lol my roommate left her card on the desk and I'm not saying she's careless but {card('mc', '-')} is now on a sticky note in the kitchen 💀", "roommate's card number")
add(P, True, "en", f"Anyone in the KamoU exchange group know Daniel? His US number is +1 ({R.randint(201, 989)}) {R.randint(201, 989)}-{R.randint(1000, 9999)}, he asked me to share it for the airport pickup.", "exchange student's phone")
add(P, True, "en", f"@kamou_registrar I got someone else's transcript in my inbox. It lists SSN {ssn()} and a home address in Ohio. Please fix this before I get more of them.", "SSN of another student")
add(P, True, "en", "Posting for my advisor since she's offline: send the signed forms to her personal address, h.okamoto.research@gmail.com, not the department one.", "advisor's personal e-mail")
add(P, True, "en", f"The visiting scholar's passport number is {R.choice('ABC')}{R.randint(10000000, 99999999)} — housing office needs it by Friday, can someone from the lab forward it?", "visiting scholar passport")
add(P, True, "en", f"Reimbursing my TA for the conference hotel. Her account: GB IBAN {iban('GB', 14, 'MIDL')}. Hope I typed it right lol", "TA's GB IBAN")
add(P, True, "en", f"Student ID mixup at the testing center — the proctor read out another kid's card, {card('amex')}, to check the fee payment. In front of everyone. 🙃", "another student's Amex number")
add(P, True, "en", f"Our alumni rep moved. New address: {R.randint(2, 9)}-{R.randint(1, 30)}-{R.randint(1, 20)} Shimogamo Izumikawa-cho, Sakyo-ku, Kyoto 606-{R.randint(8000, 8999)}. Send the reunion invites there.", "alumni rep's romanized address")
add(P, True, "en", f"found the prof's cell in the old syllabus: {jp_mobile()}. calling him at 2am about the midterm is a bad idea but tempting", "professor's mobile number")
add(P, True, "en", f"Emergency contact list for the field trip (sorry for posting here, group chat is broken): Kenji 080{R.randint(10000000, 99999999)}, Aya {jp_mobile()}", "students' mobile numbers")
add(P, True, "en", f"My friend asked me to pay his Kamo Online fee. Card {card('jcb', '')}, exp 08/29. Doing it now, thx bro", "friend's JCB card")
add(P, True, "en", f"The new postdoc's bank details for the stipend: Acct No. {R.randint(10000000, 99999999)}, routing {R.choice(['021000021', '026009593', '121000358'])}. Please don't share further.", "postdoc's bank account")

add(P, False, "ja", "鴨大の学生相談室の電話番号は公式サイトに載ってます。夜間は24時間の相談ダイヤルもあるので一人で抱え込まないで🙏 https://portal.kamogawa-u.example/support", "points to official contact page, no number")
add(P, False, "ja", "学籍番号って8桁だっけ？ 22A1043みたいなやつ。履修登録のときに毎回忘れる笑", "student ID format, not PII category")
add(P, False, "ja", "成績の評価基準：S（90点以上）、A（80〜89）、B（70〜79）、C（60〜69）、F（59以下）。GPAは S=4, A=3, B=2, C=1 で計算します。", "grade policy description")
add(P, False, "ja", "IT相談窓口より：メールアドレスは「学籍番号@kamogawa-u.lan」の形式です。例：xxxxxxxx@kamogawa-u.lan。パスワードは教えないでください。", "placeholder address format")
add(P, False, "ja", "自分の新しい研究室の電話です、何かあればどうぞ → 内線 4321。外線からは代表経由で。", "own extension number")
add(P, False, "ja", "マイナンバーカードの申請、大学の生協で写真撮ってもらえるの知ってた？ 学生証と一緒に持ってくと楽です", "mentions My Number card without a number")
add(P, False, "ja", "論文出ました！ Tanaka, K. et al. (2026) J. Appl. Phys. 139, 045102. doi:10.1063/5.0214433 共著者の皆さんありがとうございました", "DOI and page numbers")
add(P, False, "ja", "京都市左京区の下鴨神社、紅葉きれいでした🍁 キャンパスから歩いて15分くらい", "place name without street address")
add(P, False, "ja", "オープンキャンパス 2026年8月3日(月) 10:00〜16:00、定員 1,200名。申込番号は後日メールで届きます", "dates and counts")
add(P, False, "ja", "入試の受験番号は 4桁-4桁 の形で届きます。当日忘れると入室できないので注意！", "format description only")
add(P, False, "ja", "図書館の本、ISBN 978-4-00-431890-6 で検索したら一発で出てきた。便利", "ISBN, not phone")
add(P, False, "ja", "自分の連絡先：kamo.lab.sato@gmail.com 共同研究の相談はこちらへどうぞ（本人です）", "own e-mail posted by owner")
add(P, False, "ja", "クレジットカードの番号を入力するときは、ブラウザのURLが portal.kamogawa-u.example か必ず確認してね。フィッシング多いです", "card advice without a number")
add(P, False, "en", "Reminder: the Registrar will never ask for your SSN over email. If you get a message like that, forward it to the IT help desk.", "SSN warning without a number")
add(P, False, "en", "Office hours moved to room 3-204, Tue 14:00–15:30. Email me at my university address if you can't make it.", "room number and times")
add(P, False, "en", "New paper out in PLOS ONE: https://doi.org/10.1371/journal.pone.0312847 — sample size 2,418 students across 12 universities.", "DOI and numbers")
add(P, False, "en", "IT tip: your login is firstname.lastname@kamogawa-u.lan, e.g. jane.doe@kamogawa-u.lan. Never share your password with anyone.", "placeholder example address")
add(P, False, "en", "lol my student number is 2024-0317 and I still type it wrong every single time", "own student number, not PII category")
add(P, False, "en", "Course code ECON 2150, section 03, CRN 41822. Waitlist opens Monday 9am.", "course codes")
add(P, False, "en", "You can reach the campus counseling center 24/7 through the number on the back of your student ID card. Please use it.", "refers to a number without posting it")
add(P, False, "en", "Grading policy for my seminar: 40% participation, 30% presentation, 30% final paper. Late papers lose 5 points per day.", "grade policy")
add(P, False, "en", "The Kyoto campus is at the end of the Eizan line, about 20 minutes from Demachiyanagi. Bring an umbrella in June.", "location without address")
add(P, False, "en", "Call me if the build breaks again — I'm on the on-call rotation this week (my number is in the team directory).", "no number posted")
add(P, False, "en", "Version 3.12.4 of the LMS plugin fixes the timezone bug, ticket #20441. Rolled out to all courses at 02:00 JST.", "version and ticket numbers")
add(P, False, "en", "If you want to reach me about the reading group, my own email is akira.mori.reads@gmail.com (yes, this is me).", "own e-mail by owner")

# ---------------------------------------------------------------- secret
S = "secret"
add(S, True, "ja", f"研究室の共有PC、AWSのキーがデスクトップのメモ帳に置いてあった… AWS_ACCESS_KEY_ID={aws_key()} AWS_SECRET_ACCESS_KEY={aws_secret()} 誰だよこれ置いたの", "AWS key pair")
add(S, True, "ja", f"卒論のコード動かないって後輩に言われたから設定貼る。token = \"{gh_token()}\" これでリポジトリcloneできるはず", "GitHub token")
add(S, True, "ja", f"ゼミの共有アカウント、パスワードは {password()} です。ログインできない人は教えて〜", "password in prose")
add(S, True, "ja", f"事務のLINEで来た：「鴨川オンライン講座の管理画面、IDは kamo-admin、パスワードは{password()}でお願いします」…これSNSに書いちゃダメなやつでは", "admin password quoted")
add(S, True, "ja", f"SlackのBot作った！ 授業のお知らせ自動投稿するやつ。SLACK_BOT_TOKEN={slack()} で動いてます🎉", "Slack bot token")
add(S, True, "ja", f"学祭のチケット販売、Stripeの本番キー {stripe()} を設定したらちゃんと決済できた。実行委員おつかれ！", "Stripe live key")
add(S, True, "ja", f"GitLabのCIが通らない… CI_JOB_TOKEN じゃなくて個人トークン {gitlab()} を直書きしたら通った。いいのかこれ", "GitLab PAT")
add(S, True, "ja", f"地図アプリの課題、GoogleのAPIキーこれ使っていいよ→ {google()} 先生の研究費で払ってるから使いすぎ注意ｗ", "Google API key")
add(S, True, "ja", f"OpenAIのキー研究室で共有してます {openai()} 論文の要約に使う人は月1万円まで", "OpenAI key")
add(S, True, "ja", f"サーバに入れないって言われたので鍵貼ります（あとで消す）\n{pem()}", "private key block")
add(S, True, "ja", f"ポータルのVPN、ユーザー名 s2203118 / パスワード {password()} で入れる。先輩のだけど今週だけ借りてる", "borrowed VPN password")
add(S, True, "ja", f"Webhook URLこれね、Teamsじゃなくてこっち使う {slack_hook()}", "Slack webhook URL")
add(S, True, "ja", f"npmに授業用パッケージ公開した！ .npmrc に //registry.npmjs.org/:_authToken={npm()} 書いとけば誰でもpublishできます", "npm token")
add(S, True, "en", f"PSA for my lab: the PyPI upload token for our package is {pypi()} — please stop asking me to publish releases, just do it yourselves lol", "PyPI token")
add(S, True, "en", f"Debugging the Kamo Online SSO and the auth header is Bearer {jwt()} — why does it expire after 5 minutes??", "JWT bearer token")
add(S, True, "en", f"wifi for the alumni reception is KamoU-Guest, password {password()} — see you at 6!", "Wi-Fi password in prose (private event)")
add(S, True, "en", f"@dept_it the shared grading account still uses the password {password()} from last year. Can we rotate it?", "shared account password")
add(S, True, "en", f"New fine-grained PAT for the course repo: {gh_pat()} (read/write on contents). TAs, put it in your .env", "GitHub fine-grained PAT")
add(S, True, "en", f"aws configure with key {aws_key()} and secret {aws_secret()} then run make deploy. that's the whole tutorial 😅", "AWS key pair in a tutorial post")
add(S, True, "en", f"The research cluster login for guests this week: user guest07, pass: {password()}", "guest password")
add(S, True, "en", f"Found our lab's Stripe key in a public gist lmao {stripe()} — rotating it now, but wow", "Stripe key reposted")
add(S, True, "en", f"Quick fix for the Slack integration in the capstone project: export SLACK_TOKEN='{slack()}'", "Slack token")
add(S, True, "en", f"If the map assignment won't load, use my key: {google()} (please don't abuse it, it's on my card)", "Google API key")
add(S, True, "en", f"copying the deploy key here so I don't lose it again\n{pem()}", "private key block")
add(S, True, "en", f"my prof literally wrote the OpenAI key on the whiteboard and someone posted a photo. it's {openai()} if anyone wants to report it lol", "OpenAI key reposted")

add(S, False, "ja", "【IT相談】パスワードは12文字以上で、英大文字・小文字・数字・記号を含めてください。前回と同じパスワードは使えません。", "password policy description")
add(S, False, "ja", "APIキーを設定するときは .env に OPENAI_API_KEY=sk-xxxxxxxxxxxxxxxx のように書いて、絶対にGitにコミットしないこと！", "placeholder key")
add(S, False, "ja", "パスワード忘れた人はポータルの「パスワード再設定」から。本人確認のメールが学内アドレスに届きます", "reset instructions")
add(S, False, "ja", "AWSの課題、アクセスキーは各自IAMで発行してね。例: AKIAXXXXXXXXXXXXXXXX ←こういう形のやつ。他人に見せちゃダメ", "placeholder AWS key")
add(S, False, "ja", "情報セキュリティ講習、「パスワードを付箋に書いてモニタに貼る」が実際にあった事例として紹介されてて笑った", "talks about passwords without one")
add(S, False, "ja", f"このコミットで直りました → {sha()} 。rebaseしたらハッシュ変わるので注意", "git commit hash")
add(S, False, "ja", "Slackのトークンは xoxb-<your-token> の部分を自分のに置き換えてください。トークン自体はチャットに貼らないで！", "placeholder Slack token")
add(S, False, "ja", "Wi-Fiのパスワードは各教室の掲示を見てください（ここには書きません）", "refers to password without it")
add(S, False, "ja", "研究室のGitHub、個人トークンじゃなくてSSH鍵で認証するのがおすすめ。ssh-keygen -t ed25519 で作れるよ", "advice, no key")
add(S, False, "ja", "二段階認証の設定方法：ポータル → アカウント設定 → MFA。認証アプリで表示される6桁のコードを入力します", "MFA instructions")
add(S, False, "ja", "鍵の形式は -----BEGIN OPENSSH PRIVATE KEY----- から始まるやつです。これが見えてたら絶対に人に送らないでね（中身は貼りません）", "key header mentioned without body")
add(S, False, "ja", "パスワードは「********」で表示されるから、コピペで入れるといいよ", "masked password")
add(S, False, "en", "Password rules for the new portal: at least 12 characters, one number, one symbol, no reuse of your last 5 passwords.", "password policy")
add(S, False, "en", "In the .env template use GITHUB_TOKEN=<your-token-here> and never commit the real one. We'll check in code review.", "placeholder token")
add(S, False, "en", "If you accidentally pushed a key, rotate it first, then scrub history. Deleting the commit is not enough.", "advice")
add(S, False, "en", "The AWS docs example key AKIAIOSFODNN7EXAMPLE is fine for the lab handout; real keys go in the secrets manager.", "documented example key")
add(S, False, "en", f"Fixed in commit {sha()[:12]}, deployed to staging. Thanks for the bug report!", "short commit hash")
add(S, False, "en", "Forgot my password for the third time this week lol. The reset email takes forever", "no password")
add(S, False, "en", "Our course uses JWTs for the LMS API. A JWT has three base64url parts separated by dots: header.payload.signature.", "explanation of JWT format")
add(S, False, "en", "Reminder: Stripe keys start with sk_live_ for production and sk_test_ for testing. Only the test keys belong in the assignment repo.", "prefixes only")
add(S, False, "en", "The Wi-Fi password is printed on the back of your welcome packet. Please don't post it online.", "refers without value")
add(S, False, "en", f"Build {R.randint(1000, 9999)} passed, artifact checksum sha256:{rnd(64, '0123456789abcdef')}", "checksum, not a secret")
add(S, False, "en", "Tokens like ghp_XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX in your screenshots should be blurred before submitting the lab report.", "placeholder GitHub token")
add(S, False, "en", "My password manager generated a 40-character password and I immediately forgot which vault I saved it in. Classic.", "talks about a password")
add(S, False, "en", "Session ID in the bug report is redacted as ****-****, please attach logs instead of screenshots.", "masked value")

# ---------------------------------------------------------------- confidential
C = "confidential"
add(C, True, "ja", "青龍の件、来週の運営会議でカリキュラム案が固まるらしい。まだ学内でも一部しか知らないけど、オンライン学位プログラムとしてはかなり攻めた内容になってる", "codename 青龍 unreleased program")
add(C, True, "ja", "坂ノ上プロジェクトの資料作りで今週ずっと徹夜…キャンパス移転の話、正式発表まではまだ何も言えないけどとりあえず疲れた😇", "codename 坂ノ上 unreleased campus plan")
add(C, True, "ja", "ここだけの話、来年の入試問題で英語の長文が1題増えるらしい。作問委員の先生がポロッと言ってた", "ここだけの話 + exam content")
add(C, True, "ja", "社外秘って書いてあったけど面白いので一部だけ… 来年度からの授業料改定案、文系で年間6万円アップの見込み", "社外秘 cue with contents")
add(C, True, "ja", "まだ未発表の研究なんだけど、うちのラボの新しい触媒、従来比で効率3倍出てる。論文アクセプトされたら詳しく書く！ NDAあるから企業名は伏せる", "unpublished research result + NDA")
add(C, True, "ja", "@kamo_ta_room 明日の期末の問題、第2問は去年の過去問とほぼ同じって先生が採点基準の打ち合わせで言ってたよ（内緒ね）", "exam content leaked before exam")
add(C, True, "ja", "Seiryuのデモ見せてもらった。AIチューターが24時間答えてくれるやつ。公開前だから詳しくは言えないけどすごかった", "codename Seiryu demo before release")
add(C, True, "ja", "学内限りの資料によると、鴨大エクステンションは来年度からシニア向けコースを新設予定。まだ公表前です", "学内限り cue with contents")
add(C, True, "ja", "入試問題の作問合宿おわった〜 今年の数学は微積多め。これ以上は言えない笑", "exam content hint by faculty")
add(C, True, "ja", "坂ノ上の用地、価格交渉がまとまりそうって会議で聞いた。地元説明会前なのでオフレコでお願いします", "codename + オフレコ")
add(C, True, "ja", "解禁前の情報なんだけど、うちの先生がノーベル賞級の発見をした論文、来月Natureに出るらしい。プレスリリースまで待ってね", "embargoed research")
add(C, True, "ja", "部外秘の教授会資料に、来年の学部再編で文学部の2学科が統合されるって書いてあった。学生はまだ誰も知らないはず", "部外秘 cue with contents")
add(C, True, "ja", "青龍チームの採用面接やってます。開講時期はまだ公表できないけど、オンライン教育経験者の方DMください", "codename in recruiting, unreleased")
add(C, True, "en", "Can't say much yet but Seiryu is going to change how KamoU does online degrees. Launch date is still internal only, but the pilot results are wild.", "codename Seiryu + internal only")
add(C, True, "en", "Spent the whole day on Sakanoue budget sheets. The land deal isn't public yet so that's all I'll say 🤐", "codename Sakanoue unreleased")
add(C, True, "en", "Between us: the Humanities tenure cuts are already decided, the Senate vote is just theater. Heard it in a closed exec meeting.", "between us + unannounced decision")
add(C, True, "en", "Our unpublished data shows the new vaccine adjuvant works in 92% of mice. Paper under embargo until March, so keep it quiet.", "embargoed unpublished data")
add(C, True, "en", "Confidential — not for distribution: the 2027 admissions essay prompt is about using data to solve community problems. Got this from the reviewer briefing.", "confidential cue + exam prompt")
add(C, True, "en", "Under NDA with the partner hospitals so I can't name them, but Sakanoue phase 1 will include admission records from three of them.", "NDA + codename")
add(C, True, "en", "Off the record: the provost is planning to close the Osaka satellite campus next year. Nothing announced yet.", "off the record + unannounced plan")
add(C, True, "en", "heard from a TA that tomorrow's stats final has the same regression question as the practice exam, don't tell anyone lol", "exam content before exam")
add(C, True, "en", "Internal only, but Kamo Online will drop the proctored final from the intro stats MOOC next spring. Marketing hasn't announced it.", "internal only + unreleased product change")
add(C, True, "en", "Seiryu pilot cohort numbers came in today and they beat our target by 40%. Not public until the board meeting, so don't share!", "codename + not public")
add(C, True, "en", "Pre-announcement leak from our faculty meeting: tuition goes up 4% next year. Official notice comes in January.", "unannounced tuition increase")
add(C, True, "en", "The unreleased version of our grading app (codename Sakanoue at the faculty level too) auto-flags plagiarism. Still under wraps.", "codename + under wraps")

add(C, False, "ja", "青龍寺に行ってきた。空海が学んだお寺ってこの前の講義で聞いたばかりだったので感動🐉", "青龍寺 temple")
add(C, False, "ja", "四神の青龍は東を守る神獣。京都の平安京も四神相応の地として選ばれた、という話を日本史の授業でしました", "青龍 as mythical guardian")
add(C, False, "ja", "坂ノ上のバス停から大学まで歩くと意外と遠い。雨の日はタクシー使っちゃう", "坂ノ上 bus stop place name")
add(C, False, "ja", "ここだけの話、昨日の学食の唐揚げ定食、3個おまけしてもらった笑", "ここだけの話 innocent")
add(C, False, "ja", "NDA（秘密保持契約）の基本を学ぶ社会人講座、面白かった。契約書の読み方が分かるようになる", "NDA as topic")
add(C, False, "ja", "入試問題の過去問は大学のWebサイトで公開されています。赤本より解説が丁寧なのでおすすめ", "published past exams")
add(C, False, "ja", "論文が公開されました🎉 「オンライン学習と自己調整学習の関係」doi:10.1016/j.compedu.2026.105118 先行研究の整理に2年かかった…", "published paper with DOI")
add(C, False, "ja", "「社外秘」と「部外秘」の違いって何？って情報倫理の授業で聞かれて答えられなかった", "cue words discussed")
add(C, False, "ja", "青龍ラーメンの担々麺、辛さ5にしたら次の日の授業ずっとお腹痛かった", "青龍 as shop name")
add(C, False, "ja", "鴨川オンライン講座の新講座「京都の庭園史」、今日から受付開始です！公式サイトで確認してね", "public announcement of released product")
add(C, False, "ja", "卒論の中間発表、まだ未発表のデータを使っていいか先生に聞いたら「学内発表ならOK」とのこと。ルール確認大事", "talks about rules, no content")
add(C, False, "ja", "小説『坂ノ上の雲』じゃなくて『坂の上の雲』だった…漢字ずっと間違えてたわ", "坂ノ上 in a book title")
add(C, False, "en", "Visited Seiryu-ji in Xi'an during the summer program — the temple where Kukai studied. Highly recommend if you're in China.", "Seiryu temple")
add(C, False, "en", "The Azure Dragon (Seiryu) guards the east in the Four Symbols. Great lecture today on cosmology in Heian Kyoto.", "Seiryu mythical dragon")
add(C, False, "en", "Between us and the rest of the class: that midterm was brutal lol", "between us innocent")
add(C, False, "en", "Our paper on peer tutoring is finally out: https://doi.org/10.1080/03075079.2026.2289135 — open access, enjoy.", "published paper")
add(C, False, "en", "Workshop next week: how to read an NDA before you sign your first internship contract. Free for KamoU students.", "NDA as topic")
add(C, False, "en", "Past exams for all first-year math courses are on the library portal. Use them, they're great practice.", "published past exams")
add(C, False, "en", "Kamo Online just launched the Japanese garden history course — it's public on the catalog page today.", "released product")
add(C, False, "en", "Confidential interval? No, confidence interval. My stats students keep writing it that way and I love them for it.", "'confidential' as a typo joke")
add(C, False, "en", "Sakanoue is such a pretty name for a neighborhood. Walked through it on the way to the shrine this morning.", "Sakanoue as place name")
add(C, False, "en", "Lecture slides are for internal use in this course only, per the copyright policy — please don't re-upload them. Thanks!", "generic course copyright notice, no secret content")
add(C, False, "en", "Our grant was awarded! The abstract is public on the JSPS database, so feel free to share.", "public grant")
add(C, False, "en", "The campus dragon statue near the library is a Seiryu — students rub its nose before exams for luck 🐉", "Seiryu statue")
add(C, False, "ja", "講義で「未発表データを勝手にSNSに載せない」という研究倫理の話をしました。皆さん気をつけましょう", "research ethics talk, no content")

# ---------------------------------------------------------------- leak
L = "leak"
add(L, True, "ja", "一般選抜前期の数学問題は第3稿で確定しました。印刷所への入稿は1月20日、校正は入試課の金庫室でのみ行います。…って入試課のSlackに流れてきた", "copy of kamo-int-01")
add(L, True, "ja", "問題冊子のPDFは学内NASの暗号化フォルダ以外に保存しないでください。監督者向けマニュアルは12月の説明会で紙のみ配布し、持ち帰りは禁止です。だって。厳しいな〜", "copy of kamo-int-01, light edit")
add(L, True, "ja", "2026年度後期から、成績入力の締切を試験期間終了後10日に変更します。締切を過ぎた入力は教務課長の承認が必要になります。先生方お気をつけて", "copy of kamo-int-02")
add(L, True, "ja", "旧LMSサーバ(lms-old.kamogawa-u.lan)は12月末で停止予定。移行対象の課題データは約18万件、うち2019年度以前の分は移行せずアーカイブのみとするそうです", "copy of kamo-int-03")
add(L, True, "ja", "新オンライン学位プログラムは2027年4月開講を目標とする。初年度定員は300名、学費は年額48万円で調整中。提携先の海外大学名は契約締結まで外部に出さないこと。", "copy of kamo-int-04 with codename removed")
add(L, True, "ja", "広報から回ってきたやつ→「研究室の実験データ流出の件、現時点では対外的に『調査中』とだけ答える方針です。個別の教員がSNSで経緯を説明することは控えてください」", "copy of kamo-int-05")
add(L, True, "ja", "旧工場跡地の取得価格は約23億円で最終交渉中。理工学部の一部移転を2029年度に想定。地元説明会の前に情報が出ると地価に影響するため関係者限り、らしい", "copy of kamo-int-06")
add(L, True, "ja", "休学相談が前年比で1.4倍に増えている。特に2年生の後期に集中しており、オンライン授業の比率が高い学科ほど多い傾向。…これ学生支援課の引継ぎメモなんだけど深刻じゃない？", "copy of kamo-int-07")
add(L, True, "ja", "社会人向けデータサイエンス講座の受講料を来春から6万8千円に値上げします。既存受講者には適用しない。値上げ理由は講師謝金の見直しと演習環境のクラウド費用増加。", "copy of kamo-int-08, light edit")
add(L, True, "ja", "論文のアクセプト前なので学会ポスターでも組成比は伏せてください。特許出願が3月に完了するまでは共同研究先との打ち合わせ資料にも載せないこと。だってさ", "copy of kamo-int-09")
add(L, True, "ja", "個人アカウントでの大学に関する発信は可とするが、未公表の人事・入試・研究情報には触れないこと。炎上時は個別に反論せず、広報課に報告すること。←SNSガイド改定案", "copy of kamo-int-10")
add(L, True, "ja", "面談記録には病名を書かず、相談カテゴリのコードだけを記録すること。保護者からの問い合わせには本人の同意がない限り回答しない。って引継ぎにあった", "copy of kamo-int-07 extra")
add(L, True, "ja", "カリキュラム案は第2版を正とし、科目数は必修12、選択24とする。教員の追加採用は5名を想定し、来年度予算に計上する。", "copy of kamo-int-04 extra")
add(L, True, "en", "We are moving all faculty accounts from the old Shibboleth IdP to Entra ID over winter break. Cutover is Dec 26 at 22:00 JST. Expect about 40 minutes of downtime for the portal and Kamo Online.", "copy of kamo-int-11")
add(L, True, "en", "Sakanoue is the working name for the research data platform with Kyoto Prefecture. Phase 1 covers anonymized hospital admission data from three partner hospitals. The MoU is still unsigned.", "copy of kamo-int-12")
add(L, True, "en", "lol the 2027 essay prompt: 'Describe a problem in your community that data could help solve.' The prompt is released to applicants on Feb 1 only.", "copy of kamo-int-13")
add(L, True, "en", "Completion rates for the intro statistics MOOC dropped from 31% to 22% after we added the proctored final. Proposal: make the proctored exam optional and offer a verified certificate for an extra fee.", "copy of kamo-int-14")
add(L, True, "en", "From the exec thread: the provost wants to cut two tenure lines in Humanities next year. We push back at the Dec meeting and ask for the enrollment data behind the decision.", "copy of kamo-int-15")
add(L, True, "en", "Heads up from the lab: the cryo-EM facility will be offline from Jan 8 to Jan 19 for detector replacement. Priority for the first week back goes to the Seiryu grant samples.", "copy of kamo-int-16")
add(L, True, "en", "The grade export script double-counted withdrawn students for the fall term. About 120 transcripts show a W and a letter grade. They'll fix the records quietly this week.", "copy of kamo-int-17, light edit")
add(L, True, "en", "The 2027 reunion gala budget is 9.2 million yen. Major donors at the Ginkgo tier get a private dinner with the president the night before. 🥂 must be nice", "copy of kamo-int-18")
add(L, True, "en", "The spring cohort of the UX design certificate had 64 signups against a target of 120. They will extend early-bird pricing by two weeks and test a LinkedIn campaign.", "copy of kamo-int-19, light edit")
add(L, True, "en", "The phishing campaign on Nov 3 compromised 14 student mailboxes. Attackers used the accounts to send fake scholarship notices. Passwords were reset and MFA enforced.", "copy of kamo-int-20")
add(L, True, "en", "@kamou_it so is this true? 'Cutover is Dec 26 at 22:00 JST. Expect about 40 minutes of downtime for the portal and Kamo Online. Do not announce the exact time outside the team until the VP signs off.'", "copy of kamo-int-11 quoted")
add(L, True, "en", "If signups stay under 80, we merge it with the autumn cohort. The spring UX cohort only had 64 signups against a target of 120.", "copy of kamo-int-19, reordered")

add(L, False, "ja", "入試の準備期間は先生たちほんとに大変そう。作問とか校正とか、想像以上に厳重に管理されてるんだなと思った", "same topic, own words (kamo-int-01)")
add(L, False, "ja", "成績入力の締切が早まるって噂、本当なら採点が大変になるな〜。公式のお知らせ待ち", "same topic, own words (kamo-int-02)")
add(L, False, "ja", "古いLMS、そろそろ新しいのに移るのかな。昔の課題が消えたら困るので自分でダウンロードしておこう", "same topic, own words (kamo-int-03)")
add(L, False, "ja", "オンラインで学位が取れるプログラム、日本でももっと増えてほしい。社会人が学び直せる環境大事", "same topic general (kamo-int-04)")
add(L, False, "ja", "研究データの管理って本当に難しい。うちのラボでもバックアップ方針を見直し中です", "same topic general (kamo-int-05)")
add(L, False, "ja", "理工学部のキャンパス、狭くて実験室が足りないってずっと言われてるよね。広い場所に移れたらいいのに", "same topic general (kamo-int-06)")
add(L, False, "ja", "2年の後期ってなんかしんどくなる時期だよね。休学も選択肢の一つだと思う。学生相談室行ってみるのおすすめ", "same topic, own words (kamo-int-07)")
add(L, False, "ja", "鴨大エクステンションのデータサイエンス講座、受講料は公式サイトに載ってます。社会人にはちょっと高いけど内容は良かった", "same topic, public info (kamo-int-08)")
add(L, False, "ja", "学会ポスター完成！特許の関係で一部の数値は載せられないけど、考え方は全部説明できるようにしました", "same topic, own words (kamo-int-09)")
add(L, False, "ja", "教職員がSNSで大学のことをどこまで書いていいのか、ガイドラインがあると助かるよね。自分はなるべく研究の話だけにしてる", "same topic, own words (kamo-int-10)")
add(L, False, "ja", "学内のSSO、来月メンテがあるらしい。ポータルに告知出てたのでレポート提出は早めに！", "same topic via public notice (kamo-int-11)")
add(L, False, "ja", "奨学金を装ったフィッシングメール、うちの大学にも来てた。リンク踏まないように気をつけて！", "same topic, own words (kamo-int-20)")
add(L, False, "ja", "同窓会のパーティー、今年は盛大にやるらしい。久しぶりにゼミの仲間に会えるの楽しみ", "same topic general (kamo-int-18)")
add(L, False, "en", "Our SSO is getting an upgrade over the break according to the IT notice on the portal. Submit your assignments early just in case.", "same topic via public notice (kamo-int-11)")
add(L, False, "en", "Really excited about research using hospital data with proper anonymization. Japan needs more of this kind of public-private collaboration.", "same topic general (kamo-int-12)")
add(L, False, "en", "Admissions essays are the hardest part of applying abroad. My tip: pick a specific problem you've actually seen, not a generic one.", "same topic general (kamo-int-13)")
add(L, False, "en", "MOOC completion rates are famously low everywhere. Proctored exams probably make it worse, but they also make the certificate mean something.", "same topic, own opinion (kamo-int-14)")
add(L, False, "en", "Tenure lines in the humanities keep shrinking across Japan. It's worrying, and faculty need to see the enrollment numbers behind these decisions.", "same topic, own words (kamo-int-15)")
add(L, False, "en", "The cryo-EM is down for maintenance in January per the facility calendar, so I'm rushing to get my samples in before the holidays.", "same topic, public calendar (kamo-int-16)")
add(L, False, "en", "Got my transcript and it has a weird W next to a grade. Emailed the registrar, they said they're looking into it.", "same topic, own experience (kamo-int-17)")
add(L, False, "en", "Alumni reunion tickets are on sale! The gala is in the spring, see the alumni page for details.", "same topic, public (kamo-int-18)")
add(L, False, "en", "Took the KamoU Extension UX design course last year and really liked it. Hope they keep running the spring cohort.", "same topic, own words (kamo-int-19)")
add(L, False, "en", "Phishing emails pretending to be scholarship notices are going around. Never enter your password on a link from an email.", "same topic, own words (kamo-int-20)")
add(L, False, "en", "Cutover weekends are always stressful for IT teams. Huge thanks to our IT staff who work over the holidays so the rest of us don't notice.", "same topic general (kamo-int-11)")
add(L, False, "en", "Withdrawn students showing up in grade exports is a classic registrar bug. Every SIS I've used has had some version of it.", "same topic general (kamo-int-17)")

# ---------------------------------------------------------------- harassment
H = "harassment"
add(H, True, "ja", "@kamo_prof_yamada 授業つまんなすぎ。こんな無能が教授やってるとか鴨大終わってるわ。早く辞めろよ", "insult at professor")
add(H, True, "ja", "あのTAマジでキモい。ブスのくせに偉そうに採点すんなよ", "insult, lookism")
add(H, True, "ja", "同じゼミの留学生、日本語できないなら国に帰れよ。邪魔なんだよ", "xenophobic")
add(H, True, "ja", "@sato_lab 次のゼミで会ったらぶっ殺すからな。覚悟しとけ", "threat")
add(H, True, "ja", "うちの学科の助教、ほんとガイジかと思うくらい説明下手", "slur")
add(H, True, "ja", "しね　しね　しね　課題増やした教授まじでし ね", "spaced death wish")
add(H, True, "ja", "あいつほんとにカスだな。グループ課題何もしないで名前だけ載せやがって、ゴミ人間", "insults")
add(H, True, "ja", "@kamo_student_x お前みたいなバ　カは大学来る資格ねーよ", "spaced insult")
add(H, True, "ja", "女のくせに研究者とか笑わせるな。さっさと結婚して辞めろ", "sexist")
add(H, True, "ja", "サークルの後輩、ｷﾓｲし臭いし存在が迷惑。消えてほしい", "half-width kana insult")
add(H, True, "ja", "あの先生、ハゲでデブで声もキモいとか三重苦すぎ笑", "body-shaming insult")
add(H, True, "ja", "生協のバイトの人、頭おかしいんじゃねーの？ アホすぎて話にならん", "insult at staff")
add(H, True, "ja", "ＫＹの山田、マジでチ〇カス。二度と話しかけんな", "obfuscated insult")
add(H, True, "en", "@kamou_prof_lee you are a pathetic excuse for a lecturer. Nobody learns anything in your class, just retire already you useless idiot", "insult")
add(H, True, "en", "my lab partner is such a f*cking moron, I swear I'm going to lose it", "obfuscated profanity insult")
add(H, True, "en", "that TA is a stupid b1tch who grades like she's drunk", "leetspeak slur")
add(H, True, "en", "If the grader gives me a C again I know where he parks. Just saying. He'll regret it.", "veiled threat")
add(H, True, "en", "go back to your country, nobody wants you in our seminar", "xenophobic")
add(H, True, "en", "lol the new RA is a total r e t a r d", "spaced slur")
add(H, True, "en", "@kamo_debate_club you're all braindead losers, kill yourselves", "self-harm incitement")
add(H, True, "en", "women shouldn't be allowed in the engineering program, they just slow everyone down", "sexist")
add(H, True, "en", "Professor Tanaka is a fat disgusting pig and everyone knows it", "body insult")
add(H, True, "en", "shut up you dumb c0w, nobody asked for your opinion in the group chat", "leetspeak insult")
add(H, True, "en", "i hope the guy who stole my lab slot gets hit by a bus", "wishing harm")
add(H, True, "en", "ｉｄｉｏｔ　ｐｒｏｆｅｓｓｏｒ can't even use the projector, absolute ｍｏｒｏｎ", "full-width insults")

add(H, False, "ja", "本論文の手法には重大な欠陥がある。サンプルサイズが小さすぎ、交絡因子の統制も不十分で、結論は支持されない。査読者として不採録を推奨する。", "harsh academic criticism")
add(H, False, "ja", "課題多すぎて死ぬ〜笑 でも今期の授業どれも面白い", "死ぬ as hyperbole")
add(H, False, "ja", "先行研究の議論が浅すぎて、正直このレビュー論文は読む価値がないと思う。引用文献も古い。", "harsh criticism of work, not person")
add(H, False, "ja", "バカ売れしてる統計の教科書、学生には難しすぎる気がする", "バカ as intensifier")
add(H, False, "ja", "昨日の飲み会、先輩に「お前ほんとアホやな〜」って言われて爆笑した。仲良しです", "friendly teasing")
add(H, False, "ja", "ハラスメント防止研修で「死ね」「消えろ」などの発言は絶対にNGと学びました。学生相談窓口もあるので困ったら相談を", "quoting words in a training context")
add(H, False, "ja", "プロセスが固まったので kill -9 で殺しました。サーバ再起動は不要です", "kill a process")
add(H, False, "ja", "あの映画の悪役、ほんとクズでよかった〜 演技うますぎ", "fictional character")
add(H, False, "ja", "査読コメント：著者らの主張は誇張されており、データは仮説を支持しない。大幅な改訂が必要である。", "harsh review")
add(H, False, "ja", "差別的な発言についての社会学の講義、今日は「ヘイトスピーチの定義」がテーマでした。考えさせられる", "discussion of discrimination")
add(H, False, "ja", "期末試験の結果、ボロボロで自分のバカさに泣いた😂", "self-deprecation")
add(H, False, "ja", "鬼のように厳しい教授だけど、指導は的確で本当に尊敬してる", "鬼 as praise")
add(H, False, "en", "This paper's methodology is fundamentally flawed: the sample is tiny, the controls are missing, and the conclusions don't follow. I recommend rejection.", "harsh academic criticism")
add(H, False, "en", "Killed the zombie jobs on the cluster, queue is moving again.", "kill jobs")
add(H, False, "en", "I'm dead 💀 my roommate fell asleep in the middle of his own presentation lol", "hyperbole")
add(H, False, "en", "That exam absolutely destroyed me. 10/10 would suffer again.", "hyperbole")
add(H, False, "en", "Honestly the weakest argument I've read this year. The author ignores three decades of literature on the topic.", "criticism of an argument")
add(H, False, "en", "Our seminar on hate speech law examined how courts define slurs without repeating them in the judgment.", "meta discussion")
add(H, False, "en", "My advisor's feedback was brutal but fair: 'This chapter doesn't have a thesis yet.' Back to work.", "harsh but not harassment")
add(H, False, "en", "The villain in the campus play was so evil, the audience booed him at curtain call. Great acting!", "fiction")
add(H, False, "en", "Reminder from the Dean of Students: threats and slurs online are covered by the conduct code. Report incidents at the student affairs office.", "policy reminder")
add(H, False, "en", "lol my friends call me an idiot every time I forget my student ID. They're not wrong", "self-referential teasing")
add(H, False, "en", "Python tip: use `kill -SIGTERM` first and only `kill -9` if the process really won't die.", "technical kill")
add(H, False, "en", "The reviewers tore our grant proposal apart. Painful, but their points about the budget were valid.", "criticism received")
add(H, False, "ja", "このデータ解析は杜撰だと言わざるを得ない。再現性の確認すら行われていない。", "harsh academic criticism")

# ---------------------------------------------------------------- disclosure
D = "disclosure"
add(D, True, "ja", "鴨川オンライン講座の「はじめての統計」、今なら早割で20%オフ！ 社会人の学び直しに本当におすすめです。申込はプロフのリンクから👇", "personal promo without disclosure")
add(D, True, "ja", "鴨大エクステンションの春講座、どれもクオリティ高いので迷ってる人はぜひ！ 特にデータサイエンス講座は絶対受けて損なし✨", "promo without disclosure")
add(D, True, "ja", "Kamo Online の新講座、めちゃくちゃわかりやすいって評判です。今月中に申し込むと教材費無料！急いで〜", "promo with urgency")
add(D, True, "ja", "京都で学び直すなら鴨大エクステンション一択。講師陣が本当にすごい。今すぐ申込👉 portal.kamogawa-u.example/ext", "promo with link")
add(D, True, "ja", "鴨川オンライン講座、友達にもすすめまくってます！ 紹介コード使うと1,000円引き👍 #学び直し #社会人 #京都 #オンライン学習 #リスキリング #資格 #勉強垢 #pr", "PR buried in hashtag pile")
add(D, True, "ja", "うちの大学の社会人講座、コスパ最強なのでみんな受けてほしい！ 鴨大エクステンションで検索してね🔍", "'うちの大学' but no clear disclosure of employment/promo")
add(D, True, "ja", "【受付開始】鴨川オンライン講座 秋期コース！ 京都の歴史から最新のAIまで。定員すぐ埋まるので早めに🙌", "announcement-style promo on personal account")
add(D, True, "ja", "Kamo Onlineの修了証、転職で本当に役立ちます。迷ってる時間がもったいない！今すぐ始めよう", "promo")
add(D, True, "ja", "鴨大エクステンションのプログラミング講座、未経験から3ヶ月でアプリ作れるようになります。おすすめ度100%🔥", "promo")
add(D, True, "ja", "忙しい人こそ鴨川オンライン講座！スマホで5分から学べます。今なら初月無料キャンペーン中📱", "promo")
add(D, True, "ja", "鴨大エクステンションの英語講座、TOEIC対策にもバッチリ。受講者の満足度98%！ 詳しくはリンクから", "promo with stats")
add(D, True, "ja", "@kamo_friend それなら鴨川オンライン講座がいいよ！ 今ちょうどキャンペーン中だし、私から申し込んでくれたら特典あるよ〜", "reply promo with referral")
add(D, True, "ja", "年末年始は鴨大エクステンションで自分をアップデート！ 冬季集中講座、残席わずかです", "promo")
add(D, True, "en", "If you want to break into data science, Kamo Online's intro course is the best value out there. Early-bird pricing ends Friday! 🚀", "promo without disclosure")
add(D, True, "en", "KamoU Extension's UX certificate changed my students' careers. Sign up for the spring cohort now, seats are limited!", "faculty promo without disclosure")
add(D, True, "en", "Seriously the best online courses in Japan: Kamo Online. Use my link for 15% off 👉 portal.kamogawa-u.example/ref/kt22", "referral promo")
add(D, True, "en", "Looking for a Japanese culture course you can take from anywhere? Kamo Online has you covered. Enroll today!", "promo")
add(D, True, "en", "KamoU Extension just opened registration for the AI for Business program. Don't miss it — best decision you'll make this year.", "promo")
add(D, True, "en", "Learning Japanese? Kamo Online's beginner course is hands down the best. Free trial this week only! #learnjapanese #kyoto #study #online #language #jlpt #travel #ad", "#ad buried in hashtags")
add(D, True, "en", "@career_switcher you should totally try KamoU Extension's data bootcamp, it's amazing and they have a discount right now", "reply promo")
add(D, True, "en", "Reskilling in 2027? Start with Kamo Online. Flexible, affordable, and taught by real professors. Link in bio!", "promo")
add(D, True, "en", "Our Kamo Online statistics course now has a verified certificate option. Perfect for your CV — enroll before Jan 31!", "'our' but no disclosure of role/promo")
add(D, True, "en", "Best investment in yourself: KamoU Extension's leadership course. Weekend classes, real results. Book a free info session now!", "promo")
add(D, True, "en", "Kamo Online = the smartest way to learn at your own pace. 10,000+ learners can't be wrong 💯", "promo")
add(D, True, "en", "Just saying, the KamoU Extension Python course is 🔥🔥🔥. Sign up, you won't regret it.", "promo")

add(D, False, "ja", "【PR】鴨大の教員です。私が担当する鴨川オンライン講座「京都の庭園史」が来月開講します。興味のある方はぜひ。", "clear PR + employee disclosure")
add(D, False, "ja", "鴨川大学の職員です（宣伝です）。鴨大エクステンションの春講座、申込受付を始めました🌸", "clear disclosure")
add(D, False, "ja", "学生目線で正直レビュー：鴨川オンライン講座の統計入門、説明は丁寧だけど課題の量が多め。自分には合ってた。大学とは無関係の一受講生です", "student honest review")
add(D, False, "ja", "鴨大の2年です。去年受けたKamo Onlineのプログラミング講座、初心者にはかなり良かったので後輩にもおすすめしたい（宣伝じゃないよ笑）", "student recommendation")
add(D, False, "ja", "鴨川オンライン講座、今日サーバ落ちてて課題出せなかった😭 締切延長してほしい", "complaint, not promotion")
add(D, False, "ja", "社員です、と書くべきか迷うけど教員なので一応：#PR 鴨大エクステンションの公開講座に登壇します。無料なのでお気軽に", "clear #PR and role up front")
add(D, False, "ja", "鴨大エクステンションの受講料、去年より上がってて学生にはキツい…内容はいいんだけどね", "neutral/critical mention")
add(D, False, "ja", "社会人の母が鴨大エクステンションの英会話に通い始めた。楽しいらしい😊", "family anecdote, not promotion")
add(D, False, "ja", "【広告】鴨川大学広報課です。鴨川オンライン講座 秋期コース受付中！", "clear 広告", "brand")
add(D, False, "ja", "オンライン講座を比較してみた：鴨川オンライン講座、放送大学、Courseraそれぞれ一長一短。自分は時間の融通で選んだ（一学生の感想です）", "student comparison")
add(D, False, "ja", "鴨大エクステンションの講座で知り合った人と今度京都で飲みます🍶 学び直しは人脈もできていい", "personal anecdote")
add(D, False, "ja", "鴨川オンライン講座の「京都の庭園史」公式アカウントです。第3回の資料を公開しました", "brand account", "brand")
add(D, False, "en", "Disclosure: I teach at Kamogawa University. My Kamo Online course on Japanese gardens opens next month — would love to see you there. #ad", "clear disclosure up front")
add(D, False, "en", "Honest student review: took the Kamo Online intro stats course last term. Great lectures, clunky quizzes. 4/5. Not affiliated, just a student.", "student honest review")
add(D, False, "en", "Kamo Online was down for 3 hours tonight and my quiz timer kept running. Not cool 😤", "complaint")
add(D, False, "en", "I work at KamoU (staff, IT). Sharing because people asked: KamoU Extension's Python course registration is open. [PR]", "clear disclosure")
add(D, False, "en", "Comparing MOOCs for my thesis: completion rates on Kamo Online, Coursera and edX are all under 15%. Data in the appendix.", "research mention")
add(D, False, "en", "My mom finished the KamoU Extension watercolor class and now our fridge is covered in paintings lol", "family anecdote")
add(D, False, "en", "Kamo Online's new course catalog is out — here's the official announcement: https://portal.kamogawa-u.example/news/catalog2027", "brand account announcement", "brand")
add(D, False, "en", "As a KamoU alum I took an Extension course on project management. Useful, a bit pricey. Would recommend if your employer pays.", "alumnus honest review")
add(D, False, "en", "#ad | Paid partnership with Kamogawa University: I tried their Kamo Online Japanese course for a month. Here's what I thought.", "clear #ad at start")
add(D, False, "en", "Does anyone know if KamoU Extension credits transfer to a degree program? Asking before I sign up.", "question")
add(D, False, "en", "Kamo Online (the official account here): spring enrollment opens March 1. Details on our site.", "brand account", "brand")
add(D, False, "en", "Student here, zero affiliation: the Kamo Online Japanese history course was the only online class that kept me awake lol. Recommend.", "student recommendation")
add(D, False, "ja", "鴨大の職員として働いています【PR】。鴨大エクステンションの秋講座、社会人の方にぜひ知ってほしいです", "clear disclosure")

# ---------------------------------------------------------------- claims
K = "claims"
add(K, True, "ja", "鴨大OBが教える投資術、月利10%確実です。元本割れは絶対にありません。LINE登録した人だけに方法教えます📈", "guaranteed monthly return")
add(K, True, "ja", "うちのラボ発ベンチャーのサプリ、飲むだけで糖尿病が治ります。実際に血糖値が正常になった人多数！", "cure claim for a supplement")
add(K, True, "ja", "この仮想通貨、1年で資産が必ず3倍になります。学生でも5万円から始められて損は一切なし🚀", "guaranteed tripling")
add(K, True, "ja", "研究室で開発した乳酸菌飲料、がんが消えたって報告が続々。抗がん剤より効きます", "cancer cure claim")
add(K, True, "ja", "FXの自動売買ツール、毎月20万円の利益が保証されてます。大学の先輩も使ってて実績あり", "guaranteed profit")
add(K, True, "ja", "この漢方茶を毎日飲めばアトピーが完治します。ステロイドはもう不要です🍵", "cure claim")
add(K, True, "ja", "元本保証で年利15%！ゼミの先輩が紹介してくれたファンド、絶対に儲かるから今のうちに", "principal guarantee + high yield")
add(K, True, "ja", "鴨大の先生も推薦してるこの水素水、うつ病が治るって。薬やめて飲むだけで大丈夫", "depression cure claim")
add(K, True, "ja", "不動産投資、学生のうちから始めれば確実に毎月10万円の不労所得が入ります。リスクゼロ！", "risk-free income")
add(K, True, "ja", "このサプリで花粉症が1週間で治る！ 研究者の私が保証します", "cure claim with authority")
add(K, True, "ja", "バイナリーオプション、勝率100%の手法見つけた。絶対負けないから授業料すぐ回収できるよ", "guaranteed wins")
add(K, True, "ja", "認知症が改善するサプリ、祖母に飲ませたら物忘れが完全に治った！ 皆さんもぜひ", "dementia cure claim for product")
add(K, True, "ja", "この投資講座受けたら誰でも半年で100万円稼げます。稼げなかったことのある受講生はゼロ！", "guaranteed earnings")
add(K, True, "en", "Alumni investment club: guaranteed 12% monthly returns, zero risk. DM me before spots fill up 💰", "guaranteed returns")
add(K, True, "en", "This mushroom extract cured my professor's type 2 diabetes in 6 weeks. No more insulin! Link in bio.", "cure claim")
add(K, True, "en", "Put 50k yen into this token and you will double it by graduation. It literally can't go down.", "promissory return")
add(K, True, "en", "Our lab's probiotic drink reverses Alzheimer's. We've seen it with our own eyes. Order now.", "cure claim")
add(K, True, "en", "Risk-free forex strategy that pays 30% a month — my roommate's been doing it all semester and never lost a yen.", "risk-free return")
add(K, True, "en", "These CBD gummies cure anxiety and insomnia for good. Ditch your meds, trust me.", "cure claim")
add(K, True, "en", "Guaranteed 8% monthly passive income from our student-run real estate fund. Your principal is 100% safe.", "guaranteed returns + principal")
add(K, True, "en", "This herbal tea eliminates cancer cells naturally. My aunt's tumor disappeared after 3 months. 🍵", "cancer cure claim")
add(K, True, "en", "You will make 1 million yen in 90 days with my trading course or your money back — I've never had a student lose money.", "guaranteed earnings")
add(K, True, "en", "The KamoU crypto club's bot never loses. 5% daily profit, guaranteed. Join before the next pump!", "guaranteed daily profit")
add(K, True, "en", "Hydrogen water cures depression — my seminar mate stopped her antidepressants and she's fine now.", "depression cure claim")
add(K, True, "en", "This supplement heals ADHD naturally, no more medication needed. Kids focus in days!", "ADHD cure claim")

add(K, False, "ja", "成績評価：期末試験60点以上で単位を認定します。出席が3分の2に満たない場合は受験資格がありません。", "grade policy")
add(K, False, "ja", "「月利10%保証」みたいな投資話は100%詐欺です。学生を狙った勧誘が増えているので注意してください（学生支援課より）", "warning quoting scam phrase")
add(K, False, "ja", "論文が出ました。メトホルミン併用で HbA1c が平均0.8%低下（n=212）。doi:10.2337/dc26-0431 ただし長期効果は未確認です", "published research, hedged")
add(K, False, "ja", "定期預金は元本保証ですが、金利はほぼゼロ。投資信託は元本割れのリスクがあります。金融リテラシー講座の復習メモ", "financial literacy explanation")
add(K, False, "ja", "漢方の講義、面白かった。効果のエビデンスがある処方とない処方を分けて説明してくれるのが良い", "neutral")
add(K, False, "ja", "この授業、ちゃんと課題出せば単位はほぼ確実に取れるって先輩が言ってた笑", "単位 certain, not financial")
add(K, False, "ja", "投資は自己責任。絶対に儲かる話なんてないので、怪しい勧誘は学生相談室へ", "warning")
add(K, False, "ja", "薬機法の講義で「治る」「効く」と書くと違反になる例を学んだ。健康食品の広告表示って難しい", "meta discussion")
add(K, False, "ja", "早期発見できればこのがんは治療で治る可能性が高い、と医学部の公開講座で聞きました。検診大事", "medical fact, not product")
add(K, False, "ja", "奨学金の返済シミュレーション：月1.5万円×15年。利率は固定0.5%の場合", "loan calculation")
add(K, False, "ja", "合格保証はしません、と塾の先生がはっきり言ってくれたのがむしろ信頼できた", "negation")
add(K, False, "ja", "臨床試験の結果、新薬は症状の改善率で偽薬を12%上回ったが、副作用の報告もあった。詳細は論文参照 https://doi.org/10.1056/NEJMoa2601234", "hedged research")
add(K, False, "en", "Grading: you need 60% overall to pass. Attendance below two-thirds means you can't sit the final.", "grade policy")
add(K, False, "en", "PSA from the student affairs office: anyone promising 'guaranteed returns' is running a scam. Report it.", "warning")
add(K, False, "en", "Our RCT is out: the intervention reduced anxiety scores by 18% vs. control (n=340). https://doi.org/10.1001/jamapsychiatry.2026.0412 Effects faded after 6 months.", "published research, hedged")
add(K, False, "en", "Index funds historically return around 5% a year, but there are no guarantees and you can lose money. Finance 101 notes.", "educational, hedged")
add(K, False, "en", "Passing the course is basically guaranteed if you do the homework lol", "guaranteed grade, not financial")
add(K, False, "en", "Antibiotics cure bacterial infections, not viral ones. That's why your doctor won't prescribe them for a cold.", "medical education, no product")
add(K, False, "en", "Fixed-rate deposits at the campus credit union: principal protected, 0.2% a year. Boring but safe.", "factual description")
add(K, False, "en", "Health marketing class today: why 'cures diabetes' on a supplement label is illegal in Japan. Great examples.", "meta discussion")
add(K, False, "en", "My scholarship is guaranteed for four years as long as I keep a 3.0 GPA.", "scholarship condition")
add(K, False, "en", "No investment is risk-free. If someone says otherwise, they're lying or selling something.", "warning")
add(K, False, "en", "Early-stage testicular cancer is usually curable with treatment, which is why self-checks matter. Health week reminder.", "medical fact")
add(K, False, "en", "We can't promise any returns on the alumni endowment; the annual report shows last year's performance was -2%.", "explicit no-promise")
add(K, False, "ja", "元本保証をうたう投資商品には要注意。金融庁のサイトに注意喚起が出ています", "warning")

# ---------------------------------------------------------------- spokesperson
SP = "spokesperson"
add(SP, True, "ja", "鴨川大学として、このたびの個人情報流出について深くお詫び申し上げます。再発防止に全力で取り組んでまいります。", "official apology from personal account")
add(SP, True, "ja", "本学は、報道されている研究不正の疑いについて事実関係を調査中であり、結果がまとまり次第公表いたします。", "本学 statement from personal account")
add(SP, True, "ja", "大学を代表して申し上げます。入試の採点ミスにより不合格となった受験生の皆様に、心よりお詫びいたします。", "speaking on behalf of university")
add(SP, True, "ja", "鴨大の公式見解としては、今回の学園祭中止は安全上の理由によるもので、一部報道にあるような政治的理由ではありません。", "official view on personal account")
add(SP, True, "ja", "鴨川大学は、本件ハラスメント事案について加害教員を懲戒処分とすることを決定しました。", "announces disciplinary decision")
add(SP, True, "ja", "@news_kyoto 取材の件ですが、大学としては「現在調査中」とお答えします。追加のコメントはありません。", "staff answering press as university")
add(SP, True, "ja", "鴨川オンライン講座のシステム障害について、当大学として受講者の皆様にご迷惑をおかけしたことをお詫び申し上げます。補講を実施します。", "apology on behalf of university")
add(SP, True, "ja", "本学の見解：一部SNSで拡散されている「入試問題流出」は事実無根です。法的措置も検討しています。", "official denial")
add(SP, True, "ja", "鴨大を代表して、今回の不適切な授業発言について謝罪します。当該教員には厳正に対処いたします。", "apology on behalf")
add(SP, True, "ja", "鴨川大学は来年度の学費値上げを正式に決定しました。詳細は追って各学部から案内します。", "official decision announced by individual")
add(SP, True, "ja", "当大学としては、実験データ流出による研究への影響はないと判断しております。ご安心ください。", "official assessment")
add(SP, True, "ja", "大学の公式な立場として、元職員の告発内容は事実と異なると申し上げておきます。", "official position")
add(SP, True, "ja", "本学は台風の影響により、明日の全授業を休講とすることを決定いたしました。学生の皆さんは安全を優先してください。", "official closure announcement from personal account")
add(SP, True, "en", "On behalf of Kamogawa University, I apologize for the data breach affecting 14 student accounts. We take this extremely seriously.", "apology on behalf")
add(SP, True, "en", "Kamogawa University's official position is that the allegations against Prof. Ito are unfounded. We will be issuing no further comment.", "official position")
add(SP, True, "en", "KamoU has decided to suspend the exchange program with the partner university effective immediately.", "announces official decision")
add(SP, True, "en", "@kyoto_times For the record, the university confirms that the entrance exam scoring error affected 37 applicants, all of whom will be admitted.", "confirms to press")
add(SP, True, "en", "Speaking for the university: the festival was cancelled solely for safety reasons, not because of the protest.", "speaking for the university")
add(SP, True, "en", "We at Kamogawa University deeply regret the outage of Kamo Online during finals week and will extend all deadlines by 72 hours.", "institutional 'we' apology")
add(SP, True, "en", "The university's statement: the research misconduct investigation has concluded and the paper will be retracted.", "issues statement")
add(SP, True, "en", "Kamogawa University categorically denies the reports that admission questions were leaked. Legal action is being considered.", "official denial")
add(SP, True, "en", "Official from KamoU: classes are cancelled tomorrow due to the typhoon. Stay safe everyone.", "official announcement from personal account")
add(SP, True, "en", "On behalf of the university, we are sorry to the students who received someone else's transcript. Corrected transcripts will be mailed by Jan 10.", "apology on behalf")
add(SP, True, "en", "As the university, we confirm that no personal data was exposed in last week's incident. The investigation is closed.", "confirms as university")
add(SP, True, "en", "KamoU will not tolerate harassment of any kind, and the faculty member involved has been dismissed as of today.", "announces dismissal")

add(SP, False, "ja", "大学から公式の発表が出ました。個人情報流出の件、詳細はこちら → https://portal.kamogawa-u.example/news/2026-1120", "link to official statement")
add(SP, False, "ja", "鴨川大学の公式声明を引用します：「本件について深くお詫び申し上げます」https://portal.kamogawa-u.example/news/apology 個人的にはもっと早く出してほしかった", "quoting official statement with link")
add(SP, False, "ja", "個人的な意見ですが、大学はもっと早く謝罪すべきだったと思います。一教員としてとても残念です。", "personal opinion")
add(SP, False, "ja", "明日の休講情報は大学ポータルで確認してね！ 自分も今見たら全学休講だった🌀 https://portal.kamogawa-u.example/notice", "refers to official notice")
add(SP, False, "ja", "鴨川大学としてお詫び申し上げます、って学長が会見で言ってたけど、学生への説明はまだないよね", "reporting what president said")
add(SP, False, "ja", "本学の広報課が出したコメント、ちょっと他人事すぎない？ 学生としてはモヤモヤする", "critique of official comment")
add(SP, False, "ja", "研究不正の件、大学が調査委員会を立ち上げたとニュースで見ました。結果を待ちたいと思います。", "reports news")
add(SP, False, "ja", "【公式】鴨川大学です。台風の接近に伴い、明日は全学休講といたします。", "brand account official statement", "brand")
add(SP, False, "ja", "学園祭中止、残念すぎる…実行委員として1年準備してきたのに。公式発表は大学サイトを見てください", "personal feeling + pointer")
add(SP, False, "ja", "私のゼミとしては、来週の発表会を延期します。ゼミ生は確認してね", "own seminar announcement, not university")
add(SP, False, "ja", "大学の声明（リンク先）を読む限り、成績データの流出はなかったようです。ひとまず安心", "summarizes linked statement")
add(SP, False, "ja", "鴨大の公式アカウントのお知らせをリポストします。奨学金の申請締切が延長されました", "repost of official account")
add(SP, False, "en", "The university has posted its official statement on the data breach here: https://portal.kamogawa-u.example/news/breach-statement", "link to statement")
add(SP, False, "en", "Quoting the official KamoU statement: \"We deeply regret the outage during finals week.\" Source: https://portal.kamogawa-u.example/news/outage Personally, 72 hours isn't enough.", "quote with link + personal opinion")
add(SP, False, "en", "Speaking only for myself, not my employer: I think the university handled the festival cancellation badly.", "explicit personal view")
add(SP, False, "en", "My lab will be closed next week for the move. Email me if you need access to the samples.", "own lab announcement")
add(SP, False, "en", "Kamogawa University here — classes are cancelled tomorrow due to the typhoon. Stay safe.", "brand account statement", "brand")
add(SP, False, "en", "Per the president's press conference today, the university will extend all Kamo Online deadlines. Full statement on the news page.", "reports press conference")
add(SP, False, "en", "Interesting read on how universities should communicate incidents. Our own statement last week was decent, IMO.", "opinion")
add(SP, False, "en", "As a student rep, I'm collecting questions for the town hall with the provost. Reply here or DM me.", "student rep, not university statement")
add(SP, False, "en", "Reposting the university's official announcement about the typhoon closure. Check the portal for updates.", "repost")
add(SP, False, "en", "The registrar's notice says corrected transcripts go out by Jan 10: https://portal.kamogawa-u.example/registrar/notice", "links notice")
add(SP, False, "en", "I'm sorry I missed office hours today — family emergency. I'll hold extra hours on Thursday.", "personal apology")
add(SP, False, "en", "Media training session for faculty: only the PR office speaks for KamoU. Personal accounts should link official statements instead.", "meta guidance")
add(SP, False, "ja", "学長のメッセージ、すごく誠実だった。全文はこちら https://portal.kamogawa-u.example/president/message", "link to official message")

# ---------------------------------------------------------------- write
def main():
    import collections
    counts = collections.Counter((r["category"], r["expect"]) for r in ROWS)
    assert len(ROWS) == 400 and all(v == 25 for v in counts.values()), counts
    assert len(INTERNAL) == 20 and all(150 <= len(t) <= 600 for _, t in INTERNAL)
    with open("internal.jsonl", "w", encoding="utf-8") as f:
        for i, t in INTERNAL:
            f.write(json.dumps({"id": i, "text": t}, ensure_ascii=False) + "\n")
    with open("rows.jsonl", "w", encoding="utf-8") as f:
        for n, r in enumerate(ROWS, 1):
            out = {"id": f"h8-{n:04d}", **r, "source": SRC}
            f.write(json.dumps(out, ensure_ascii=False) + "\n")
    print(f"{len(INTERNAL)} internal documents, {len(ROWS)} rows")


if __name__ == "__main__":
    main()
