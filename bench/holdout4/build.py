#!/usr/bin/env python3
"""Build bench/holdout4: internal.jsonl and rows.jsonl for the Pixel Kitsune organization.

All personal data and credentials are fake and generated here with a fixed seed (valid Luhn card
numbers, IBAN and My Number check digits, tokens of the right shapes). Run: python3 build.py
"""
import base64
import json
import os
import random
import string

R = random.Random(4404)
HERE = os.path.dirname(os.path.abspath(__file__))
ALNUM = string.ascii_letters + string.digits
FW = str.maketrans("0123456789-", "０１２３４５６７８９－")


def digits(n):
    return "".join(R.choice(string.digits) for _ in range(n))


def rnd(n, alphabet=ALNUM):
    return "".join(R.choice(alphabet) for _ in range(n))


def luhn_ok(num):
    s = 0
    for i, ch in enumerate(reversed(num)):
        d = int(ch)
        if i % 2 == 1:
            d *= 2
            d -= 9 if d > 9 else 0
        s += d
    return s % 10 == 0


def card(prefix="4", length=16, sep=" "):
    body = prefix + digits(length - len(prefix) - 1)
    for c in "0123456789":
        if luhn_ok(body + c):
            num = body + c
            break
    if length == 15:
        return sep.join([num[:4], num[4:10], num[10:]])
    return sep.join(num[i:i + 4] for i in range(0, 16, 4))


def not_luhn(n):
    while True:
        x = "2024" + digits(n - 4)
        if not luhn_ok(x):
            return x


def iban(cc):
    bban = digits(18) if cc == "DE" else rnd(4, string.ascii_uppercase) + digits(14)
    num = "".join(str(int(c, 36)) for c in bban + cc + "00")
    s = f"{cc}{98 - int(num) % 97:02d}{bban}"
    return " ".join(s[i:i + 4] for i in range(0, len(s), 4))


def my_number(sep=""):
    p = digits(11)
    s = sum(int(p[11 - n]) * (n + 1 if n <= 6 else n - 5) for n in range(1, 12))
    r = s % 11
    num = p + str(0 if r <= 1 else 11 - r)
    return sep.join([num[:4], num[4:8], num[8:]])


def ssn():
    area = R.choice([x for x in range(1, 666)])
    return f"{area:03d}-{R.randint(1, 99):02d}-{R.randint(1, 9999):04d}"


def jp_mobile():
    return f"{R.choice(['090', '080', '070'])}-{digits(4)}-{digits(4)}"


def us_phone():
    return f"({R.choice(['415', '646', '312', '206', '512'])}) {R.randint(2, 9)}{digits(2)}-{digits(4)}"


def email(user=None, dom=None):
    user = user or R.choice(["kenta", "yui", "riku", "mao", "sora", "jake", "emma", "noah"]) + \
        R.choice([".", "_", ""]) + R.choice(["s", "tk", "fox", "gg"]) + digits(4)
    return f"{user}@{dom or R.choice(['gmail.com', 'yahoo.co.jp', 'outlook.com', 'icloud.com'])}"


def aws_id():
    return "AKIA" + rnd(16, string.ascii_uppercase + "234567")


def aws_secret():
    return rnd(40, ALNUM + "/+")


def b64url(obj):
    return base64.urlsafe_b64encode(json.dumps(obj, separators=(",", ":")).encode()).decode().rstrip("=")


def jwt():
    return ".".join([b64url({"alg": "HS256", "typ": "JWT"}),
                     b64url({"sub": "pxk_user_" + digits(8), "iat": 1710000000 + R.randint(0, 9999999)}),
                     rnd(43, ALNUM + "-_")])


def key_block(kind):
    if kind == "OPENSSH":
        first = "b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAA" + rnd(14, ALNUM + "+/")
    else:
        first = "MIIEowIBAAKCAQEA" + rnd(48, ALNUM + "+/")
    lines = [first] + [rnd(64, ALNUM + "+/") for _ in range(3)]
    return f"-----BEGIN {kind} PRIVATE KEY-----\n" + "\n".join(lines) + f"\n-----END {kind} PRIVATE KEY-----"


def discord_token():
    uid = str(R.randint(10**17, 10**18 - 1))
    return base64.b64encode(uid.encode()).decode().rstrip("=") + "." + rnd(6, ALNUM + "-_") + "." + rnd(27, ALNUM + "-_")


def hexs(n):
    return rnd(n, "0123456789abcdef")


# ---------------------------------------------------------------- internal documents
DOCS = [
    ("doc-01", "[#moonfall-dev] 佐藤: ムーンフォールのローンチは当初の10月から来年2月に延期する方向で調整中。理由はネットコードの同期ズレが未解決なため。外部には「開発は順調」とだけ伝えてください。\n田中: 了解。QAの人員も2名追加で確保します。パブリッシャーへの連絡は来週の定例で。\n佐藤: あと延期の件は決算資料にもまだ載せないので、社外の人には絶対に言わないように。"),
    ("doc-02", "【社外秘】スタードリフト 3.0 ガチャ調整方針\nSSR排出率は表記上3%を維持しつつ、ピックアップ対象外SSRの比率を下げる。天井は90連から80連へ緩和し、売上影響はシミュレーションで-4%と試算。発表は3.0アップデートの1週間前とする。問い合わせ対応のFAQはCSチームが作成。ピックアップ期間は従来の3週間から2週間に短縮し、復刻ガチャを月1回挟む運用に変更する。"),
    ("doc-03", "[#marketing] インフルエンサー施策：キツネアリーナS8に向けて配信者20名に案件を依頼。単価は登録者数に応じて5万〜80万円。投稿には必ず#PRを入れてもらうこと。前回、表記漏れで炎上したので、チェックは広報の山本さんが担当します。\n山本: 了解です。台本の事前確認は配信の3日前まで、NGワード（「必ず勝てる」「絶対お得」など）も共有しておきます。"),
    ("doc-04", "PXK Pass 価格改定案（決算発表前につき取扱注意）\n月額980円を1,200円に改定。既存会員は6か月間旧価格を据え置く。解約率は+2.5ptを想定。告知は4月の決算発表後、公式Xとアプリ内お知らせで同時に行う。\n※年額プランは据え置きとし、月額からの乗り換え導線をアプリ内で強化する。競合の価格帯（1,000〜1,500円）と比較しても妥当と判断。"),
    ("doc-05", "[#anticheat] 木村: キツネアリーナのチーター検出、新しいサーバーサイド判定で先週だけで1,842件BAN。誤BANが12件あったので、異議申し立てフォームの返信テンプレを修正中。検出ロジックの詳細は絶対に外に出さないこと。\n木村: 来週からはチート販売サイトの監視も外部ベンダーに委託予定。ベンダー名は契約締結まで伏せてください。"),
    ("doc-06", "プロジェクト「ゆず」概要\nスタードリフトの世界観を使ったスマホ向けカードバトル。ターゲットは10代後半〜20代。2025年冬のリリースを目指し、現在はバーティカルスライス制作中。キャラクターデザインは外部スタジオ「青狐工房」に委託。\n開発体制はプランナー3名、エンジニア6名、アーティスト5名。ガチャは実装せず、バトルパス型の収益モデルを検討中。"),
    ("doc-07", "障害振り返り（3/15）\nスタードリフトのログイン障害は、認証サーバーの証明書更新漏れが原因。影響は約47分、同時接続の最大12万人。補償は石500個で決定。再発防止として証明書の期限監視をアラート化する。\nタイムライン：10:02 アラートなし／10:15 問い合わせ急増で検知／10:49 証明書を手動更新し復旧。CSへの問い合わせは約3,200件。"),
    ("doc-08", "[#cm-team] CMチーム連絡：特定の配信者への誹謗中傷が続いているため、公式として声明を出すか検討中。現時点では個別に法務と相談し、悪質なアカウントは通報と記録を優先。CM個人のアカウントでの反応は控えてください。\n声明案は広報の確認後、来週水曜の定例で最終判断する。配信者本人への連絡窓口はCMリーダーに一本化する。"),
    ("doc-09", "コラボ計画（関係者限り）\nスタードリフト×アニメ『星屑ランナー』のコラボを8月に実施予定。限定キャラ2体、コラボガチャは2週間。ライセンス料は売上の12%。情報解禁は7月20日の生放送。\n先方の監修が厳しいので、キャラのボイス・立ち絵は先方チェックに最低2週間を見込むこと。コラボ情報は社内でも関係者以外に共有しないでください。"),
    ("doc-10", "[#esports] キツネアリーナ秋季大会の賞金総額は300万円から500万円に増額。スポンサーはエナジードリンクの「キツネブースト」で確定。ただし薬機法に触れる表現（疲労回復など）は配信で使わないよう実況陣に徹底する。\n実況台本には「公式エナジードリンク」とのみ記載し、効果効能には触れない。出場チームへの試供品配布は大会前日に行う。"),
    ("doc-11", "[#moonfall-eng] Priya: Rollback netcode is still desyncing above 120ms ping. We're cutting the 8-player mode from launch and shipping 4-player co-op only. Don't mention the cut in any public channel until marketing finalizes the messaging.\nAlex: ack, I'll update the roadmap doc tonight."),
    ("doc-12", "Kitsune Arena Season 8 roadmap (internal)\nThree new heroes (Kage, Tsumugi, Brass), a full rework of the Shrine map, and ranked reset to Silver for everyone. Cross-play between PC and console ships in S9, not S8. Target launch date is the second Tuesday of June."),
    ("doc-13", "[#pxk-pass] PXK Pass churn went from 6.1% to 8.4% after the last price test. Finance wants to hold the increase until after earnings. Proposal: add two exclusive skins per month to justify the new price and give existing members a 6-month grandfather period."),
    ("doc-14", "Yuzu pitch summary\nA cozy fox village sim set in the Star Drift universe, mobile first with a PC port later. Monetization is cosmetic only, no gacha. Greenlight review passed on 3 May; next gate is the vertical slice in Q4. Team size: 14, growing to 30."),
    ("doc-15", "[#creators] Streamer program update: we've signed 35 creators for the Star Drift 3.0 launch. Every sponsored stream must show the #ad overlay for the full broadcast and say 'sponsored by Pixel Kitsune' in the first minute. Two creators forgot last time, legal was not happy."),
    ("doc-16", "[#security] Dataminers pulled the 3.0 character files from the CDN again. Plan: rotate the asset encryption key in the next hotfix and move unreleased bundles behind server-side flags. Do not comment on the leak publicly; the community team will post a generic reminder about spoilers."),
    ("doc-17", "Postmortem 2024-03-15\nThe Star Drift login outage lasted 47 minutes because the auth service certificate expired. Peak concurrent users affected: ~120k. Remediation: automate certificate expiry alerts and add a runbook step for manual renewal. Compensation: 500 gems to all active players."),
    ("doc-18", "[#esports] Sponsor note: Kitsune Boost is confirmed as the fall tournament sponsor. Their team keeps asking casters to say the drink 'improves reaction time' and 'cures fatigue'. We said no; casters may only say it's the official drink of the tournament."),
    ("doc-19", "[#anticheat] Anti-cheat sync: the new kernel driver flagged 2,310 accounts last week, with 19 confirmed false positives, mostly people running overlay software. We're whitelisting the top three overlays in the next patch. Keep the detection heuristics out of the patch notes."),
    ("doc-20", "Studio reorg (confidential)\nThe Kitsune Arena live team will merge with the Star Drift live team on July 1. Two producer roles will be consolidated into one. Announce internally at the all-hands on June 24; no external comment until then."),
]


# ---------------------------------------------------------------- rows: (lang, text, note[, account])
P = "personal"
ROWS = {}

ROWS["pii", True] = [
    ("ja", f"@kuro_fox_gg こいつの本名とメアド特定したｗｗｗ {email()} 凸ってこい", "doxxing a player's e-mail"),
    ("ja", f"ギルマスの電話番号これな {jp_mobile()} 夜中にかけたら出るらしいぞ草", "another person's mobile number"),
    ("ja", f"RMTの取引相手の振込先晒しとく。みずほ銀行 渋谷支店 普通 口座番号{digits(7)} ヤマダ タロウ", "bank account with branch and name"),
    ("ja", "配信者のあの人の住所バレてて草 東京都世田谷区三軒茶屋2丁目14-7 コーポ三茶203 近所のコンビニ映ってたらしい", "streamer's street address"),
    ("ja", f"友達がPXK Pass払っといてってカード番号送ってきたんだけど {card('4')} 有効期限03/27 これDMで送るもんじゃなくね？", "friend's card number (Luhn-valid)"),
    ("ja", f"スイッチ拾った人へ、持ち主の連絡先 {jp_mobile().translate(FW)} です、よろしく", "full-width mobile number of a third person"),
    ("ja", f"転売ヤーのマイナンバーカードの写真流れてきた、個人番号 {my_number()} ｗｗｗ やばすぎ", "My Number with valid check digit"),
    ("ja", f"大会賞金の振込用に、優勝した〇〇さんのマイナンバー {my_number(' ')} 共有しときます", "My Number spaced 4-4-4"),
    ("ja", f"オフ会に来る海外勢のパスポート番号 {rnd(2, string.ascii_uppercase)}{digits(7)} ホテル予約に使うからメモっとく", "passport number with context"),
    ("ja", f"荒らしの親のメアド見つけた {email()} 学校にも連絡しよかな", "e-mail of a troll's parent"),
    ("ja", "@yuzu_cat_ch 当選者さん、発送先は 〒150-0043 東京都渋谷区道玄坂1丁目12-5 サクラハイツ302 佐藤美咲 様 で合ってる？", "giveaway winner's address posted in a public reply"),
    ("ja", f"GGって言ってた韓国の子の番号もらった +82 10-{digits(4)}-{digits(4)} 明日デュオする", "international phone number of another person"),
    ("ja", f"このカード誰の？ゲーセンで拾った {card('53').translate(FW)} 名義はカタカナでスズキ", "full-width card number"),
    ("en", f"lmao found the cheater's email: {email()} go say hi", "doxxing an e-mail"),
    ("en", f"@nyxplays real phone is {us_phone()}, call him during the stream ratio", "streamer's phone number"),
    ("en", f"my roommate left his card on the desk {card('4')} exp 09/28, buying PXK Pass for the whole squad lol", "roommate's card number"),
    ("en", f"doxxed the smurf: SSN {ssn()}, DOB 2003-04-11", "US SSN"),
    ("en", f"tournament payout form from @kaito_pxk: IBAN {iban('DE')} acct name Kaito Mori", "someone else's IBAN"),
    ("en", f"who owns this? found on the bus after the LAN: passport number {R.randint(5, 6)}{digits(8)}, name Ethan Brooks", "US passport number with context"),
    ("en", f"mod team: ban evader's details, email {email()}, phone +44 7{digits(3)} {digits(6)}", "e-mail and UK phone of a user"),
    ("en", f"my ex's amex {card('37', 15)} lmao she still owes me for the skins", "Amex number (Luhn-valid)"),
    ("en", f"leaked the scammer's bank account: Chase, routing 021000021, account number {digits(10)}", "bank account with context"),
    ("en", f"@pxk_support my friend lost access, his email is {email()} and phone +81 80-{digits(4)}-{digits(4)}, pls help", "a friend's contact data in public"),
    ("en", "that streamer's home address is out: 大阪府大阪市北区梅田3丁目1-3 ルネ梅田1104 lol", "Japanese street address in an English post"),
    ("en", f"card dump from the RMT discord {card('4', sep='-')} 11/26 cvv 381", "card number with expiry and CVV", "direct"),
]

ROWS["pii", False] = [
    ("ja", "UID 812345678 フレンド申請よろ！スタードリフト毎日ログインしてる", "game UID, not personal data"),
    ("ja", "ガチャ天井まであと90連、石は残り12800個ｗｗｗ", "game numbers"),
    ("ja", "連絡は公式サポート窓口から。電話番号とかここに書かないでね", "talks about phone numbers, none given"),
    ("ja", "電話番号は 090-XXXX-XXXX みたいに伏せ字にしてから貼ってね", "masked placeholder"),
    ("ja", "パッチ2.4.1でダメージ 1,234,567 出た草", "damage number"),
    ("ja", "ルームID 4821-9930-1175 で集合！キツネアリーナのカスタムマッチ", "room id"),
    ("ja", "メアドは xxx@example.com の形式で入力してくださいって出るんだけど何入れればいいの", "placeholder e-mail"),
    ("ja", "配信URLは @pixelkitsune_jp のプロフから見てね", "@handle, not an e-mail"),
    ("ja", "大会は渋谷区で開催予定、詳しい住所は当選者にだけDMします", "ward name only"),
    ("ja", f"トランザクションID {not_luhn(16)} で課金履歴問い合わせた", "16-digit id failing Luhn"),
    ("ja", "マイナンバーカードで年齢確認できるようになったらしい、便利", "mentions My Number, no number"),
    ("ja", "シリアルコード 3F7K-9QX2-LM4P 入力したらスキン来た", "serial code"),
    ("ja", "サーバー時間 2024/03/15 04:00 JST からメンテ、4時間予定", "dates and times"),
    ("en", "add me! friend code SW-4821-9930-1175, main is Kitsune Arena ranked", "friend code"),
    ("en", "hit 1,234,567 dmg in one combo lmao patch 2.4.1 is broken", "damage number"),
    ("en", "never post your email or phone in public chat, use DMs with the mods", "advice without data"),
    ("en", "order #PX-20240315-88412 still hasn't shipped, anyone else?", "order number"),
    ("en", "the giveaway form asks for a name@domain.com style email, just put your own", "placeholder e-mail"),
    ("en", "version 3.1.4159 is live, build 26535, patch size 2.3 GB", "version numbers"),
    ("en", "tourney bracket: seed 1 vs seed 16, match at 19:30, lobby 7781", "bracket numbers"),
    ("en", "ping me @nyxplays on discord, not gonna share my number lol", "@handle"),
    ("en", "IBAN field in the payout form keeps rejecting mine, anyone know why?", "mentions IBAN, no number"),
    ("en", "Season 7 ranked reset on 2024-04-01, top 500 cutoff was 4,812 RP", "dates and scores"),
    ("en", "my SSN? lol nice try phisher, reported", "mentions SSN, no number"),
    ("en", "steam id 76561198012345678 if you want to trade skins", "public game account id"),
]

ROWS["secret", True] = [
    ("ja", f"ランキング取れるAPIキー貰ったから共有 AIza{rnd(35, ALNUM + '-_')} 使いすぎ注意な", "Google API key", "direct"),
    ("ja", f"ビルドサーバーのAWSキーこれ使って {aws_id()} / {aws_secret()}", "AWS access key pair", "direct"),
    ("ja", f"modサーバーのslackボットのトークン貼っとく xoxb-{digits(12)}-{digits(13)}-{rnd(24)}", "Slack bot token"),
    ("ja", f"modのCI通すのにnpmトークン要るって言われたから送るね npm_{rnd(36)}", "npm token", "direct"),
    ("ja", "PXK Passの共有垢、ID: kitsune_squad パスワードは Yzu8841!tk です 乗っ取りはやめてね", "password in prose"),
    ("ja", "スタドリのサブ垢あげる〜 メール登録済み、パス：Drift#2291mochi", "password after パス："),
    ("ja", f"GitHubのトークン期限切れてたから新しいの発行した ghp_{rnd(36)}", "GitHub token", "direct"),
    ("ja", f"課金テストで使うstripeの本番キーこれ sk_live_{rnd(24)}", "Stripe live key", "direct"),
    ("ja", f"OpenAIのキー余ってるから翻訳modに使って sk-{rnd(20)}T3BlbkFJ{rnd(20)}", "OpenAI key"),
    ("ja", f"JWT抜けたｗ これでAPI叩けば他人のインベントリ見える {jwt()}", "JWT"),
    ("ja", "秘密鍵そのまま貼ってて草\n" + key_block("OPENSSH"), "private key block"),
    ("ja", f"GitLabのデプロイ用トークンです glpat-{rnd(20)} 権限はwriteまで", "GitLab token", "direct"),
    ("ja", "ログインパスワード教えとく、「kuro-Fox_770」ね。2FAは切ってある", "password in brackets"),
    ("en", f"here's the bot token for the modding server, don't leak it lol {discord_token()}", "Discord bot token", "direct"),
    ("en", f"dm from @modder_kai: use this aws key {aws_id()} secret {aws_secret()}", "AWS key pair"),
    ("en", f"pypi token for the stardrift-tools package: pypi-AgEIcHlwaS5vcmc{rnd(60, ALNUM + '-_')}", "PyPI token", "direct"),
    ("en", f"the leaderboard scraper needs this github token ghp_{rnd(36)}", "GitHub token"),
    ("en", "password for the shared pass account is Tanuki_4471! don't change it pls", "password in prose"),
    ("en", "login: drift_smurf pw: qZ7#mR2!vK9p", "login and pw"),
    ("en", f"stripe restricted key for the merch store rk_live_{rnd(24)}", "Stripe restricted key", "direct"),
    ("en", f"openai key for the discord bot: sk-proj-{rnd(48, ALNUM + '-_')}", "OpenAI project key"),
    ("en", f"slack webhook for kill feed alerts https://hooks.slack.com/services/T{rnd(8, string.ascii_uppercase + string.digits)}/B{rnd(10, string.ascii_uppercase + string.digits)}/{rnd(24)}", "Slack webhook URL"),
    ("en", f"JWT from the PXK API auth header lmao: Bearer {jwt()}", "JWT bearer"),
    ("en", "private server key, don't share:\n" + key_block("RSA"), "RSA private key block", "direct"),
    ("en", f"Google Maps key in the mod config AIza{rnd(35, ALNUM + '-_')} still works", "Google API key"),
]

ROWS["secret", False] = [
    ("ja", "APIキーは絶対にDMで送らないでね、運営はパスワード聞きません", "warning, no secret"),
    ("ja", "設定ファイルに API_KEY=<your_key_here> って書いてね", "placeholder"),
    ("ja", "パスワードは8文字以上、英大文字・数字・記号を含めてください", "password rule"),
    ("ja", "トークン（イベント通貨）300個で交換できるスキン神すぎ", "game tokens"),
    ("ja", "パス：********（伏せてます）", "masked"),
    ("ja", "AKIAIOSFODNN7EXAMPLE みたいなのはドキュメントの例だから気にしないで", "documentation example key"),
    ("ja", f"コミット {hexs(40)} のビルドで直ってる", "git commit hash"),
    ("ja", "シリアルコード STARDRIFT-2024-GG 入力で石100個", "promo code"),
    ("ja", "パスワード忘れたからリセットしたｗｗｗ 今月3回目", "mentions password, none given"),
    ("ja", "ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx って形式のトークンを環境変数に入れる", "placeholder token"),
    ("ja", "二段階認証オンにしとけ、乗っ取り多いぞ", "advice"),
    ("ja", "秘密鍵は絶対にリポジトリにコミットしないこと、.gitignoreに入れろ", "advice"),
    ("en", "never share your password with anyone claiming to be PXK staff", "advice"),
    ("en", "set OPENAI_API_KEY=sk-... in your .env, then run the translator mod", "placeholder"),
    ("en", "the password is... wait for it... skill issue", "joke"),
    ("en", f"sha256: {hexs(64)} for the mod zip, verify before installing", "checksum"),
    ("en", "token economy in Kitsune Arena is so broken, 500 tokens for a skin??", "game tokens"),
    ("en", "api key: <redacted> (nice try)", "redacted"),
    ("en", "use a password manager, 16+ chars, no reuse", "password rule"),
    ("en", "Bearer <token> goes in the Authorization header, see the mod docs", "placeholder"),
    ("en", "promo code KITSUNE50 for 50% off your first month", "promo code"),
    ("en", "forgot my password for the 3rd time this week lmao", "mentions password"),
    ("en", "the key to winning is positioning, not aim", "everyday 'key'"),
    ("en", "AWS_SECRET_ACCESS_KEY=**************** in the CI logs is masked, good", "masked"),
    ("en", "match id 3f2a9c1e-7b4d-4e8a-9c2f-1a5b6d7e8f90 if you want to report him", "uuid"),
]

ROWS["confidential", True] = [
    ("ja", "ムーンフォールのαビルド触らせてもらったけど神ゲーの予感しかない、まだ言えないけど", "code name + build"),
    ("ja", "Moonfall のマップ、社内テストで回してるやつマジで広い", "code name + internal test"),
    ("ja", "ゆずのキャラデザ確定したらしい、来年発表予定", "code name + design"),
    ("ja", "Yuzuチームの新モード、プレイテストでバランス壊れてて草", "code name + team"),
    ("ja", "ここだけの話、スタードリフトの次のコラボ決まってるよ。まだ発表前だから内緒ね", "ここだけの話 about unannounced work"),
    ("ja", "社外秘の資料に載ってたけど、キツネアリーナのシーズン8で新ヒーロー3体来る", "社外秘"),
    ("ja", "決算発表前だから詳しく言えんけど、PXK Passの値上げ検討されてる", "決算発表前"),
    ("ja", "NDA結んでるテスターだけど、新マップのスクショ貼っちゃお", "NDA breach"),
    ("ja", "build.pixelkitsune.example に上がってるムーンフォールの最新ビルド、クラッシュ直ってた", "code name + internal domain"),
    ("ja", "未発表タイトル「ゆず」のトレーラー、社内で見たけどエグい", "code name + 未発表"),
    ("ja", "まだオフレコだけど、スタドリのガチャ排出率調整入るよ", "オフレコ"),
    ("ja", "ムーンフォール、ローンチ延期になりそう。社内のみの情報だけど", "code name + 社内のみ"),
    ("ja", "社内情報：キツネアリーナの次シーズン、ランク全員リセットだってさ", "社内情報"),
    ("en", "Moonfall internal playtest tonight, can't share clips yet but it slaps", "code name + playtest"),
    ("en", "working late on Yuzu again, the boss fight finally feels right", "code name + work"),
    ("en", "can't say much bc NDA but the Star Drift collab next month is huge", "NDA"),
    ("en", "internal only: Kitsune Arena S8 roadmap has 3 new heroes and a map rework", "internal only"),
    ("en", "unreleased Moonfall build on my second monitor rn, the lighting is insane", "code name + unreleased build"),
    ("en", "between us, PXK Pass price goes up after the earnings call", "between us + earnings"),
    ("en", "Yuzu milestone review went well, alpha next quarter 🦊", "code name + milestone"),
    ("en", "datamined? nah I literally work on it. Moonfall has a co-op mode", "code name + feature"),
    ("en", "confidential deck says Star Drift is getting a console port, don't RT", "confidential"),
    ("en", "the Yuzu team is crunching for the vertical slice, send snacks", "code name + team"),
    ("en", "this is not public yet but Kitsune Arena is getting cross-play", "not public yet"),
    ("en", "Moonfall alpha keys are going out internally next week", "code name + alpha"),
]

ROWS["confidential", False] = [
    ("ja", "映画『ムーンフォール』見たけど月落ちてきて草、B級最高", "the film"),
    ("ja", "ゆずの新曲エモすぎ、ライブ行きたい", "the band"),
    ("ja", "冬至だからゆず湯入った〜 あったまる", "the fruit"),
    ("ja", "ゆず茶飲みながらスタードリフト周回", "the fruit"),
    ("ja", "ここだけの話、昨日ガチャ爆死して泣いた", "ここだけの話 about personal trivia"),
    ("ja", "リーク情報って言ってるけど全部ただの妄想だから信じないで", "denies rumours"),
    ("ja", "ローランド・エメリッヒのムーンフォール、アマプラに来てた", "the film"),
    ("ja", "ゆずポン酢は神調味料、異論は認めない", "the fruit"),
    ("ja", "公式が発表したシーズン8のロードマップ、新ヒーロー3体ってマジ？", "public announcement"),
    ("ja", "「社外秘」って書いてあるハンコ、文房具屋で売ってて笑った", "the word as an object"),
    ("ja", "テスター募集にNDAって書いてあったけど何の略？", "asks about NDA"),
    ("ja", "ゆずの「夏色」カラオケで歌った、喉死んだ", "the band"),
    ("ja", "未発表キャラを予想するスレ立てた、みんなの予想おしえて", "fan speculation"),
    ("en", "watched Moonfall (2022) last night, the moon is hollow lmao peak cinema", "the film"),
    ("en", "yuzu emulator got taken down, rip", "the emulator"),
    ("en", "yuzu lemonade + ranked grind = perfect sunday", "the fruit"),
    ("en", "the official Star Drift roadmap just dropped, collab confirmed!", "public roadmap"),
    ("en", "signed an NDA for my new job at a bank lol, can't talk about work now", "another employer"),
    ("en", "the Moonfall movie soundtrack slaps, gaming playlist updated", "the film"),
    ("en", "between us and the boss there's only one phase left, gg", "everyday 'between us'"),
    ("en", "an unreleased demo of an old Nintendo game surfaced at a museum, neat", "another company's history"),
    ("en", "yuzu kosho on everything. that's the tweet", "the fruit"),
    ("en", "confidential: I still play with a controller on PC. don't tell anyone lol", "joke"),
    ("en", "Star Drift 2.5 patch notes are up, new map is live", "public patch"),
    ("en", "the new Kitsune Arena trailer is public now, go watch", "public trailer"),
]

ROWS["harassment", True] = [
    ("ja", "@nyan_stream お前マジで無能だな、配信やめろ。生きてる価値ない", "insult at a streamer"),
    ("ja", "このストリーマー、住所特定して家まで行ってぶっ殺すわ", "threat"),
    ("ja", "し ね よ クソ配信者", "spaced-out death wish"),
    ("ja", "ｼﾈｶｽ 二度と来んな", "half-width insult"),
    ("ja", "ガイジプレイすぎて草、お前みたいなのが一番害悪", "ableist slur at a person"),
    ("ja", "氏ね、ゴミ。顔も声もキモいんだよ", "氏ね obfuscation"),
    ("ja", "女のくせにゲームすんなよ、台所戻れ", "sexist"),
    ("ja", "チョンはチート使うから全員通報しとけ", "ethnic slur"),
    ("ja", "お前の配信燃やしてやる、覚悟しとけよ。夜道に気をつけな", "threat"),
    ("ja", "キモオタ配信者きっしょ、◯ねばいいのに", "masked death wish"),
    ("ja", "池沼かよこいつ、ランクに来んな", "slur"),
    ("ja", "クズ野郎、垢消して消えろ。存在が迷惑", "insult"),
    ("ja", "ブス配信者が顔出しすんなｗｗｗ 目が腐る", "appearance insult"),
    ("en", "@nyxplays kys you worthless trash, nobody watches you", "kys"),
    ("en", "k y s loser", "spaced kys"),
    ("en", "you're a r3tard, uninstall the game and your life", "leetspeak slur"),
    ("en", "i know where you stream from. see you after the tournament, bring a helmet", "veiled threat"),
    ("en", "f a g g o t streamer lol", "spaced slur"),
    ("en", "ur so ugly it hurts, stop cam streaming, no one wants to see that face", "appearance insult"),
    ("en", "shut up you stupid b1tch", "leetspeak insult"),
    ("en", "go back to your country, no one wants your kind on NA servers", "xenophobic"),
    ("en", "I'm going to find you and beat the shit out of you, @kaito_pxk", "threat"),
    ("en", "dumb@ss idiot ruining every match, you should be banned from existing", "insult"),
    ("en", "ｉｄｉｏｔ ｓｔｒｅａｍｅｒ ｌｍａｏ", "full-width insult"),
    ("en", "hope your house burns down with you in it, scammer", "death wish"),
]

ROWS["harassment", False] = [
    ("ja", "このボス強すぎて草、クソゲーかよｗｗｗ（好き）", "banter about a game"),
    ("ja", "gg、相手チーム上手すぎた、完敗", "gg"),
    ("ja", "死にゲー好きならスタードリフト絶対ハマる", "死にゲー genre"),
    ("ja", "10キルとったｗｗｗ 神ゲー", "kills in game"),
    ("ja", "運営ガチャ渋すぎ、もうちょっと排出率上げてくれ", "complaint"),
    ("ja", "初見殺しのギミックひどすぎて笑った", "初見殺し"),
    ("ja", "ヘッドショット決めまくって敵チーム全滅させた", "game violence"),
    ("ja", "バグで落下死したｗｗｗ 草生える", "in-game death"),
    ("ja", "自分のエイム下手すぎて泣ける、練習しよ", "self-deprecation"),
    ("ja", "このパッチ調整ゴミすぎん？ナーフやりすぎ", "criticises a patch"),
    ("ja", "ラスボスをぶっ殺した瞬間の達成感やばい", "killing a boss"),
    ("ja", "キツネアリーナのマッチングクソすぎる、直して", "complaint about matchmaking"),
    ("ja", "配信者さんのプレイ上手すぎて草、参考になる", "praise"),
    ("en", "gg ez, that last round was clutch though", "gg ez banter"),
    ("en", "this boss is absolute trash design lmao", "about a game"),
    ("en", "we got destroyed, the other team was cracked", "game talk"),
    ("en", "killed it on stream tonight, thanks chat!", "idiom"),
    ("en", "my aim is so bad it's criminal", "self-deprecation"),
    ("en", "that patch is a dumpster fire, nerf the sniper", "about a patch"),
    ("en", "L + ratio (jk we're duo partners, love u)", "friendly banter"),
    ("en", "headshot headshot headshot, dude this game is insane", "game talk"),
    ("en", "the final boss killed me 40 times, I hate it here (I love it)", "game talk"),
    ("en", "matchmaking is broken, bronze vs diamond is not a fair fight", "complaint"),
    ("en", "lmao i died to fall damage, stupid me", "self-deprecation"),
    ("en", "Scunthorpe United fan playing Star Drift, ask me anything", "substring trap"),
]

ROWS["disclosure", True] = [
    ("ja", "スタードリフト神ゲーすぎる！まだやってない人は今すぐDLして🔥", "promotes product, no disclosure"),
    ("ja", "PXK Pass入ったら毎日石もらえて最高、みんな入ろ？", "promotes subscription"),
    ("ja", "キツネアリーナ、今なら招待コード PXK-7F3K で石300個もらえるよ、使ってね", "invite code"),
    ("ja", "今日はスタードリフト配信！新イベント最高すぎるからみんなもやろう〜 #スタードリフト", "sponsored-looking stream, no label"),
    ("ja", "神ゲー見つけた。スタドリ。それだけ。", "short-name praise"),
    ("ja", "ゲームするならキツネアリーナ一択でしょ", "choose-this phrase"),
    ("ja", "PXK Passは月額以上の価値ある、入らない理由ない", "promotes subscription"),
    ("ja", "スタードリフト、知ってた？今なら無料で10連引けるんだよ", "rhetorical question promo"),
    ("ja", "新シーズンのキツネアリーナ、過去一面白い！フレンドと一緒に始めよう", "promotion"),
    ("ja", "スタドリの新キャラ強すぎ、今のうちにガチャ回しとけ！ #スタードリフト #神ゲー #ガチャ #PR #ゲーム好きと繋がりたい #fps #配信", "PR buried in hashtag pile"),
    ("ja", "みんなスタードリフト始めて！一緒に遊ぼう！", "call to everyone"),
    ("ja", "キツネアリーナ >>> 他のFPS", "comparison promo"),
    ("ja", "配信見てくれた人、概要欄のリンクからPXK Pass登録すると特典あるよ！", "referral link"),
    ("en", "Star Drift is the best gacha of the year, download it now 🔥", "promotion"),
    ("en", "PXK Pass is a no-brainer, sign up and thank me later", "promotion"),
    ("en", "Kitsune Arena > every other hero shooter, fight me", "comparison promo"),
    ("en", "use my invite code PXK-9QX2 in Star Drift for 300 free gems!", "invite code"),
    ("en", "Streaming Kitsune Arena tonight, new season is amazing, everyone should try it", "stream promo, no label"),
    ("en", "did you know Star Drift gives you 10 free pulls right now? go go go", "rhetorical question promo"),
    ("en", "best $9.99 I spend every month: PXK Pass", "testimonial"),
    ("en", "New Star Drift event is incredible, grab it before it ends! #StarDrift #gacha #gaming #anime #ad #fyp #mobilegames #rpg", "#ad buried in hashtag pile"),
    ("en", "Looking for a new game? Kitsune Arena. That's it. That's the tweet.", "slogan"),
    ("en", "Everyone go play Star Drift with me this weekend!! link in bio", "call to everyone"),
    ("en", "Just hit Diamond in Kitsune Arena, best competitive game out there, you need to try it", "superlative promo"),
    ("en", "GIVEAWAY! RT + follow + download Star Drift to win a year of PXK Pass", "giveaway promo, no disclosure"),
]

ROWS["disclosure", False] = [
    ("ja", "【PR】ピクセルキツネさんの提供でスタードリフト配信します！新イベント最高なのでぜひ", "【PR】 up front"),
    ("ja", "#PR スタードリフトの新キャラ、めっちゃ可愛い。今なら10連無料", "#PR up front"),
    ("ja", "ピクセルキツネ社員です。身内びいき入ってるけど、今回のキツネアリーナのアプデ自信作です", "社員です"),
    ("ja", "【提供：Pixel Kitsune】PXK Passの紹介配信、20時から", "提供 label"),
    ("ja", "※ピクセルキツネさんからの案件です※ キツネアリーナ新シーズンを遊んでみた", "案件 label"),
    ("ja", "スタードリフトのメンテ長すぎん？早く終わって", "complaint"),
    ("ja", "キツネアリーナのマッチング改善してほしい", "complaint"),
    ("ja", "公式がPXK Pass値下げ発表してた、へぇ〜", "news"),
    ("ja", "友達にスタドリ勧められて始めてみた、教えてくれてありがとう", "thanks for a recommendation"),
    ("ja", "原神の新キャラ可愛すぎる、みんなやろう", "another company's game"),
    ("ja", "広告：スタードリフト×コラボカフェ開催中、ぜひ来てね", "広告 label"),
    ("ja", "スタードリフト、ガチャ渋すぎてやめた", "complaint"),
    ("ja", "【公式】スタードリフト新イベント開催中！今すぐプレイ", "brand account", "brand"),
    ("en", "#ad Sponsored by Pixel Kitsune: Star Drift's new event is live, go check it out", "#ad up front"),
    ("en", "I work at Pixel Kitsune, so I'm biased, but the new Kitsune Arena map is great", "employee disclosure"),
    ("en", "Star Drift servers down again?? come on", "complaint"),
    ("en", "Paid partnership with Pixel Kitsune: streaming Kitsune Arena tonight!", "paid partnership label"),
    ("en", "Apex's new season is fire, everyone go play", "another company's game"),
    ("en", "Star Drift patch 2.5 notes: sniper nerf, new map, bug fixes", "news"),
    ("en", "Kitsune Arena Season 8 is live! Download now.", "brand account", "brand"),
    ("en", "thanks @mika for recommending Star Drift, really enjoying it so far", "thanks for a recommendation"),
    ("en", "PXK Pass price went up, not renewing", "complaint"),
    ("en", "[Sponsored] PXK Pass review: what you actually get for $9.99", "sponsored label"),
    ("en", "Disclosure: I'm a Pixel Kitsune employee. Kitsune Arena S8 is out today, hope you like it", "employee disclosure"),
    ("en", "anyone else getting disconnects in Kitsune Arena?", "question"),
]

ROWS["claims", True] = [
    ("ja", "スタドリのアカウント転売、必ず儲かるから一緒にやらん？月10万確定", "guaranteed profit"),
    ("ja", "RMTで絶対損しない方法教えます、元本保証、月利30%", "元本保証"),
    ("ja", "ガチャ代行に投資すれば確実に2倍になって返ってくる", "guaranteed doubling"),
    ("ja", "このエナドリ飲んだら風邪が治った！毎日飲めば病気にならない", "cure claim"),
    ("ja", "エナジードリンク『キツネブースト』はうつ病に効く、マジで", "cure claim for depression"),
    ("ja", "PXK Passの垢を育てて売れば100%利益出る、リスクゼロ", "risk-free profit"),
    ("ja", "このサプリでADHDが治る、集中力上がって勝率爆上がり", "cure claim"),
    ("ja", "限定スキン買い占めれば必ず値上がりする、絶対に儲かる", "guaranteed profit"),
    ("ja", "毎日飲むだけでガンが消えるエナドリ、ゲーマー必須", "cancer cure claim"),
    ("ja", "ゲーム内コインに先行投資すれば確実に月利20%、元本保証します", "guaranteed return"),
    ("ja", "エナドリで視力回復した、疲れ目も治る", "cure claim"),
    ("ja", "スタドリ石の転売で絶対稼げる、損失ゼロ保証", "guaranteed profit"),
    ("ja", "このドリンク飲めば糖尿病が治るって、ゲーム中も安心", "cure claim"),
    ("en", "Flip Star Drift accounts with me, guaranteed $500/week, zero risk", "guaranteed income"),
    ("en", "Invest in our RMT gold shop, 30% monthly returns guaranteed", "guaranteed returns"),
    ("en", "this energy drink cured my anxiety, no meds needed anymore", "cure claim"),
    ("en", "PXK Pass resale = guaranteed profit, you literally can't lose money", "guaranteed profit"),
    ("en", "Kitsune Boost energy drink cures hangovers and prevents covid", "cure/prevention claim"),
    ("en", "double your money in 7 days with our skin trading bot, 100% guaranteed", "guaranteed doubling"),
    ("en", "drink this before ranked and your ADHD is cured, I'm off my meds now", "cure claim"),
    ("en", "risk-free returns: put $100 in and get $200 back by Friday, promise", "promised return"),
    ("en", "this gamer supplement reverses hair loss and heals carpal tunnel", "cure claim"),
    ("en", "guaranteed 10x on limited skins, price can't go down", "guaranteed multiple"),
    ("en", "the energy drink literally cured my migraines forever", "cure claim"),
    ("en", "join my gacha investment group, profits guaranteed every month", "guaranteed profits"),
]

ROWS["claims", False] = [
    ("ja", "90連で天井確定、SSR必ず出る仕様だから安心して回せる", "game pity guarantee"),
    ("ja", "バグ治ってた！運営仕事早い", "bug fixed"),
    ("ja", "エナドリ飲みながら徹夜でランク回した、眠い", "no claim"),
    ("ja", "RMTは規約違反だからやめとけ、BANされるぞ", "warning"),
    ("ja", "ガチャで儲かるとか言ってる奴は詐欺だから無視して", "warning"),
    ("ja", "風邪治ったから今日から配信再開します", "own recovery"),
    ("ja", "確定演出きたあああああ", "game term"),
    ("ja", "エナドリ飲みすぎは体に悪いからほどほどにね", "health advice"),
    ("ja", "このパッチでラグが治った気がする", "lag fixed"),
    ("ja", "投資とか全然わからん、ガチャが一番のギャンブル", "no claim"),
    ("ja", "10連でSR以上1枚確定、ありがたい", "game guarantee"),
    ("ja", "手首痛いから病院行ってきた、腱鞘炎だって", "medical news"),
    ("ja", "スキンの転売は儲からないよ、相場すぐ崩れる", "denies profit"),
    ("en", "pity guarantees a 5-star at 90 pulls, so I'm saving gems", "game pity guarantee"),
    ("en", "the lag is fixed after the patch, finally", "fix"),
    ("en", "energy drink + ranked grind until 3am, regret", "no claim"),
    ("en", "anyone promising guaranteed returns on skins is scamming you", "warning"),
    ("en", "got over my cold, back to streaming tomorrow", "own recovery"),
    ("en", "refund policy: PXK Pass returns accepted within 14 days", "product returns"),
    ("en", "guaranteed SSR ticket from the anniversary event, who should I pick?", "game guarantee"),
    ("en", "my doctor said to cut down on energy drinks lol", "medical advice"),
    ("en", "you can't make money trading skins, the market is dead", "denies profit"),
    ("en", "this patch cured my boredom with the game honestly", "figurative cure"),
    ("en", "10x multiplier event in Star Drift this weekend", "game multiplier"),
    ("en", "the heal skill cures poison and burn in one cast", "game status effects"),
]

ROWS["spokesperson", True] = [
    ("ja", "【お知らせ】スタードリフトは明日10時から緊急メンテナンスを実施します。補償として石500個を配布いたします。", "official notice from a personal account"),
    ("ja", "ピクセルキツネとして、今回の不具合について正式にお詫び申し上げます。", "apology on behalf of the company"),
    ("ja", "当社は本日、キツネアリーナのサービスを来年3月で終了することを決定しました", "当社 decision"),
    ("ja", "弊社の新作について、発売日は来月15日に決定しました。公式発表です", "弊社 announcement"),
    ("ja", "PXK Pass価格改定のお知らせ：4月1日より月額1,200円に改定いたします", "price change notice"),
    ("ja", "ピクセルキツネを代表して、配信者の皆様にガイドライン違反の件でご説明します", "代表して"),
    ("ja", "本件について、当社としては法的措置を検討しております", "legal statement"),
    ("ja", "スタードリフトのガチャ排出率表記の誤りについて、弊社より正式に謝罪いたします", "apology"),
    ("ja", "サーバー障害の件、弊社で原因を特定しました。本日中に復旧予定です", "incident statement"),
    ("ja", "キツネアリーナ大会の賞金未払いについて、当社が責任を持って対応いたします", "commitment"),
    ("ja", "【重要】PXK Pass会員の皆様へ：個人情報流出の可能性について弊社からご報告いたします", "breach notice"),
    ("ja", "ピクセルキツネの公式見解です：出回っているリーク情報はすべて事実無根です", "official position"),
    ("ja", "当社はチート対策として今週中に新システムを導入します", "当社 plan"),
    ("en", "Official statement: Pixel Kitsune will compensate all players affected by the outage with 500 gems.", "official statement"),
    ("en", "On behalf of Pixel Kitsune, we apologize for the broken gacha rates and will refund affected purchases.", "on behalf of"),
    ("en", "We at Pixel Kitsune have decided to shut down Kitsune Arena servers in March.", "company decision"),
    ("en", "Pixel Kitsune confirms the leaked Star Drift content is not final. We will take legal action against leakers.", "confirmation + legal"),
    ("en", "Notice regarding PXK Pass price changes: effective April 1, the monthly price will be $11.99.", "notice header"),
    ("en", "We are aware of the login issues and our team is deploying a fix. ETA 2 hours. - PXK", "we are aware"),
    ("en", "Pixel Kitsune's official position: we do not support RMT, and accounts involved will be banned.", "official position"),
    ("en", "Our company will be releasing Star Drift on console this fall, officially confirmed.", "release announcement"),
    ("en", "We have identified the cause of the data breach and will notify affected PXK Pass members.", "breach statement"),
    ("en", "Important announcement from Pixel Kitsune: the tournament prize pool has been doubled.", "announcement"),
    ("en", "Pixel Kitsune will not tolerate harassment of our community managers. This is our final word.", "policy statement"),
    ("en", "We're officially extending the Star Drift anniversary event by one week. Thanks for your patience!", "official extension"),
]

ROWS["spokesperson", False] = [
    ("ja", "公式がメンテ延長って発表してる https://pixelkitsune.example/news/0315", "links official"),
    ("ja", "運営のお詫び文読んだけど、補償しょぼくない？", "opinion on an apology"),
    ("ja", "ピクセルキツネの公式発表によると、キツネアリーナは3月でサ終らしい…悲しい", "reports official news"),
    ("ja", "パッチノート来た→ https://stardrift.example/patch/2-5 スナイパーナーフ草", "quotes patch notes"),
    ("ja", "個人的には今回の補償は妥当だと思う（あくまで個人の感想）", "personal opinion"),
    ("ja", "【お知らせ】明日の配信はお休みします！", "personal notice"),
    ("ja", "引っ越しのお知らせ：来月から大阪に住みます", "personal news"),
    ("ja", "転職のお知らせ：4月からピクセルキツネで働きます！", "career news"),
    ("ja", "公式アカウントより：PXK Pass価格改定のお知らせ https://pixelkitsune.example/news/price", "quotes official"),
    ("ja", "運営さん、早くサーバー直してください🙏", "request"),
    ("ja", "うちのギルドは今後RMT禁止にします。ギルマスより", "guild, not the company"),
    ("ja", "@PixelKitsune_JP の発表RTしとく、みんな補償受け取り忘れずに", "shares official"),
    ("ja", "結婚のお知らせ：この度入籍しました！", "personal news"),
    ("en", "PXK just posted the official apology: https://pixelkitsune.example/news/apology", "links official"),
    ("en", "according to the patch notes, the gacha rates were fixed", "quotes patch notes"),
    ("en", "I think Pixel Kitsune should refund everyone, just my opinion", "opinion"),
    ("en", "RT @PixelKitsune: Kitsune Arena servers will close in March.", "retweet"),
    ("en", "Our clan is officially recruiting for Season 8! DM me", "clan, not company"),
    ("en", "Notice: I'm taking a break from streaming for a week", "personal notice"),
    ("en", "Pixel Kitsune said they're aware of the login issues (link in reply)", "reports"),
    ("en", "we are so back, Star Drift servers are up", "casual we"),
    ("en", "lol imagine if PXK actually apologized for the rates", "joke"),
    ("en", "Official statement: servers will be down for maintenance at 10:00 UTC.", "brand account", "brand"),
    ("en", "The devs confirmed in the official Discord announcement that the event is extended: https://discord.gg/stardrift", "cites official"),
    ("en", "I'll be joining Pixel Kitsune as a community manager next month!", "career news"),
]

ROWS["leak", True] = [
    ("ja", "【悲報】ムーンフォールのローンチ、当初の10月から来年2月に延期する方向で調整中らしい。理由はネットコードの同期ズレが未解決だから、だって", "doc-01 copied"),
    ("ja", "外部には「開発は順調」とだけ伝えてください、って社内チャットに書いてあって草。QAの人員も2名追加で確保するらしい", "doc-01 copied"),
    ("ja", "スタドリ3.0、SSR排出率は表記上3%を維持しつつ、ピックアップ対象外SSRの比率を下げるんだってさ。天井は90連から80連へ緩和。", "doc-02 copied"),
    ("ja", "キツネアリーナS8に向けて配信者20名に案件を依頼、単価は登録者数に応じて5万〜80万円らしいｗｗｗ", "doc-03 copied"),
    ("ja", "PXK Pass、月額980円を1,200円に改定。既存会員は6か月間旧価格を据え置く。解約率は+2.5ptを想定してるってよ", "doc-04 copied"),
    ("ja", "キツネアリーナのチーター検出、新しいサーバーサイド判定で先週だけで1,842件BAN。誤BANが12件あったらしい", "doc-05 copied"),
    ("ja", "プロジェクト「ゆず」：スタードリフトの世界観を使ったスマホ向けカードバトル。ターゲットは10代後半〜20代。2025年冬のリリースを目指してるって", "doc-06 copied"),
    ("ja", "3/15のスタドリのログイン障害は、認証サーバーの証明書更新漏れが原因。影響は約47分、同時接続の最大12万人だったらしい", "doc-07 copied"),
    ("ja", "「現時点では個別に法務と相談し、悪質なアカウントは通報と記録を優先。CM個人のアカウントでの反応は控えてください。」←これ社内の指示な", "doc-08 copied"),
    ("ja", "スタードリフト×アニメ『星屑ランナー』のコラボを8月に実施予定。限定キャラ2体、コラボガチャは2週間。情報解禁は7月20日の生放送！", "doc-09 copied"),
    ("ja", "キツネアリーナ秋季大会の賞金総額は300万円から500万円に増額。スポンサーはエナジードリンクの「キツネブースト」で確定。", "doc-10 copied"),
    ("ja", "開発体制はプランナー3名、エンジニア6名、アーティスト5名。ガチャは実装せず、バトルパス型の収益モデルを検討中。←ゆずの話ね", "doc-06 copied"),
    ("ja", "天井は90連から80連へ緩和し、売上影響はシミュレーションで-4%と試算。発表は3.0アップデートの1週間前とする。だってさ", "doc-02 copied"),
    ("en", "lmao rollback netcode is still desyncing above 120ms ping, so they're cutting the 8-player mode from launch and shipping 4-player co-op only", "doc-11 copied"),
    ("en", "S8 leak: three new heroes (Kage, Tsumugi, Brass), a full rework of the Shrine map, and ranked reset to Silver for everyone.", "doc-12 copied"),
    ("en", "cross-play between PC and console ships in S9, not S8. target launch date is the second Tuesday of June", "doc-12 copied"),
    ("en", "PXK Pass churn went from 6.1% to 8.4% after the last price test. Finance wants to hold the increase until after earnings.", "doc-13 copied"),
    ("en", "Yuzu: a cozy fox village sim set in the Star Drift universe, mobile first with a PC port later. Monetization is cosmetic only, no gacha.", "doc-14 copied"),
    ("en", "every sponsored stream must show the #ad overlay for the full broadcast and say 'sponsored by Pixel Kitsune' in the first minute. two creators forgot last time lol", "doc-15 copied"),
    ("en", "they're going to rotate the asset encryption key in the next hotfix and move unreleased bundles behind server-side flags. dataminers cope", "doc-16 copied"),
    ("en", "The Star Drift login outage lasted 47 minutes because the auth service certificate expired. Peak concurrent users affected: ~120k.", "doc-17 copied"),
    ("en", "Kitsune Boost keeps asking casters to say the drink 'improves reaction time' and 'cures fatigue'. PXK said no lmao", "doc-18 copied"),
    ("en", "the new kernel driver flagged 2,310 accounts last week, with 19 confirmed false positives, mostly people running overlay software", "doc-19 copied"),
    ("en", "The Kitsune Arena live team will merge with the Star Drift live team on July 1. Two producer roles will be consolidated into one.", "doc-20 copied"),
    ("en", "Greenlight review passed on 3 May; next gate is the vertical slice in Q4. team size 14, growing to 30 👀", "doc-14 copied"),
]

ROWS["leak", False] = [
    ("ja", "スタドリの新作、延期してもいいから良いもの出してほしい", "own words, doc-01 topic"),
    ("ja", "天井80連になったらいいのになー、90連は長すぎる", "own words, doc-02 topic"),
    ("ja", "案件配信する配信者は#PRちゃんとつけてほしい、わかりにくいんよ", "own words, doc-03 topic"),
    ("ja", "PXK Pass値上げされたら解約するかも", "own words, doc-04 topic"),
    ("ja", "キツネアリーナ、最近チーター減った気がする。BAN頑張ってるのかな", "own words, doc-05 topic"),
    ("ja", "スタードリフトの世界観でカードゲーム出たら絶対やる", "own words, doc-06 topic"),
    ("ja", "昨日のスタドリのログイン障害、1時間くらい入れなかった。補償楽しみ", "own words, doc-07 topic"),
    ("ja", "配信者への誹謗中傷マジでやめろ、運営も対応してほしい", "own words, doc-08 topic"),
    ("ja", "スタドリとアニメのコラボ来ないかな、星屑ランナーとか合いそう", "own words, doc-09 topic"),
    ("ja", "秋の大会、賞金上がったらいいな。エナドリ片手に応援する", "own words, doc-10 topic"),
    ("ja", "証明書の期限切れで障害とかあるあるだよね、どこの会社も", "own words, doc-07 topic"),
    ("ja", "ガチャの排出率、表記どおりなのか怪しいと思ってる（個人の感想）", "own words, doc-02 topic"),
    ("ja", "公式のお知らせで障害の原因は証明書切れだったって出てた→ https://pixelkitsune.example/news/0316", "public news, doc-07 topic"),
    ("en", "netcode in co-op feels rough above 100 ping, hope they fix it", "own words, doc-11 topic"),
    ("en", "my S8 wishlist: a shrine map rework and a ninja hero", "own words, doc-12 topic"),
    ("en", "cross-play when?? PC and console players want to squad up", "own words, doc-12 topic"),
    ("en", "if PXK Pass goes up in price I'm out", "own words, doc-13 topic"),
    ("en", "would love a cozy village sim in the Star Drift universe tbh", "own words, doc-14 topic"),
    ("en", "sponsored streams should show #ad clearly, it's literally the law", "own words, doc-15 topic"),
    ("en", "dataminers found new character files again? spoilers everywhere smh", "own words, doc-16 topic"),
    ("en", "login outage yesterday was rough, like 45 minutes of nothing", "own words, doc-17 topic"),
    ("en", "energy drink sponsors at esports events are getting out of hand lol", "own words, doc-18 topic"),
    ("en", "anti-cheat flagged my overlay software, hope they whitelist it", "own words, doc-19 topic"),
    ("en", "heard rumors the two live teams might merge? probably nothing", "own words, doc-20 topic"),
    ("en", "patch notes say 500 gems compensation for the outage, nice", "public news, doc-17 topic"),
]


def main():
    with open(os.path.join(HERE, "internal.jsonl"), "w", encoding="utf-8") as f:
        for i, t in DOCS:
            f.write(json.dumps({"id": i, "text": t}, ensure_ascii=False) + "\n")
    rows = []
    for (cat, expect), items in ROWS.items():
        assert len(items) == 25, (cat, expect, len(items))
        for it in items:
            lang, text, note = it[:3]
            acct = it[3] if len(it) > 3 else P
            rows.append({"text": text, "account": acct, "category": cat, "expect": expect,
                         "lang": lang, "note": note, "source": "koe-holdout4"})
    R2 = random.Random(44)
    R2.shuffle(rows)
    with open(os.path.join(HERE, "rows.jsonl"), "w", encoding="utf-8") as f:
        for n, r in enumerate(rows, 1):
            f.write(json.dumps({"id": f"h4-{n:04d}", **r}, ensure_ascii=False) + "\n")
    print(f"{len(DOCS)} documents, {len(rows)} rows")


if __name__ == "__main__":
    main()
