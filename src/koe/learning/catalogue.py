"""Koe's built-in course catalogue, in English and Japanese, following the default policy:
do's first, then the few don'ts, each with the reason and a better way."""

from __future__ import annotations

# code, name en, name ja, what's in it for me en, ja
TRACKS = [
    ("all-staff", "All staff", "全社員",
     "Post about your work with confidence: know what is welcome, what to keep inside, and "
     "where to ask. Most of what you want to share is fine — this track shows how.",
     "自信を持って仕事について発信できるようになります。歓迎される投稿、社内にとどめるべきこと、"
     "迷ったときの相談先がわかります。共有したいことの多くは問題ありません。その方法を学びます。"),
    ("sales", "Sales", "営業",
     "Social media helps at every step of a sale: finding prospects, starting a conversation, "
     "earning trust before the first meeting, and staying close after the deal.",
     "ソーシャルメディアは商談のすべての段階で役立ちます。見込み客を見つけ、会話を始め、"
     "初回訪問の前に信頼を得て、契約後も顧客との関係を保てます。"),
    ("engineering", "Engineering", "エンジニア",
     "Share what you build and learn in public, grow your reputation, and help hiring — "
     "without leaking code, keys or roadmaps.",
     "作ったものや学んだことを公開で共有し、評価を高め、採用にも貢献できます。コードや鍵、"
     "ロードマップを漏らさずに。"),
    ("executives", "Executives", "役員",
     "Your voice carries the company's: build trust with customers, investors and staff, and "
     "know the disclosure rules that apply to you.",
     "あなたの発言は会社の発言として受け取られます。顧客・投資家・社員との信頼を築き、"
     "自分に適用される開示ルールを理解しましょう。"),
    ("brand-publishers", "Brand publishers", "ブランドアカウント担当",
     "Run Acme's official accounts safely: review, approvals, secure access, and what to do "
     "when something goes wrong.",
     "アクメの公式アカウントを安全に運用できます。レビュー、承認、安全なアクセス、"
     "問題が起きたときの対応を学びます。"),
]


def _q(text, explanation, *choices):
    """A question: (en, ja) text and explanation; choices are (correct, en, ja)."""
    return {"text_en": text[0], "text_ja": text[1],
            "explanation_en": explanation[0], "explanation_ja": explanation[1],
            "choices": [{"correct": ok, "text_en": en, "text_ja": ja} for ok, en, ja in choices]}


SOCIAL_MEDIA_MODULES = [
    ("Personal data: share your story, not other people's data",
     "個人情報：自分の話を、他人の情報ではなく",
     "**Do** talk about your work, your team's successes and what you learned — in your own "
     "words.\n\n**Do** ask colleagues before you post a photo of them, and check the background "
     "of photos (screens, whiteboards, badges).\n\n**Don't** post customers' or colleagues' "
     "names, contact details, faces or anything that identifies them without their consent.\n\n"
     "*Why:* personal data is protected by law (APPI, GDPR), and people trust us with it.",
     "**すること：** 自分の仕事、チームの成果、学んだことを自分の言葉で発信しましょう。\n\n"
     "**すること：** 同僚が写る写真は投稿前に本人の了解を得て、背景（画面、ホワイトボード、"
     "社員証）も確認しましょう。\n\n**しないこと：** お客様や同僚の氏名・連絡先・顔など、"
     "本人を特定できる情報を同意なく投稿しないこと。\n\n*理由：* 個人情報は法律（個人情報保護法、GDPR）"
     "で守られており、皆さんが信頼して預けてくれたものだからです。"),
    ("Passwords and keys: keep them where they belong",
     "パスワードと鍵：しかるべき場所に",
     "**Do** keep passwords in the company password manager and API keys in the secrets "
     "vault.\n\n**Don't** paste passwords, tokens, keys or connection strings into a post, a "
     "screenshot or a public code snippet. If it happens, tell IT at once so it can be "
     "rotated — quickly reporting is what counts.",
     "**すること：** パスワードは会社のパスワードマネージャーに、API キーはシークレット管理に"
     "保管しましょう。\n\n**しないこと：** パスワード、トークン、鍵、接続文字列を投稿・"
     "スクリーンショット・公開コードに貼らないこと。起きてしまったら、すぐ情報システム部に"
     "連絡して無効化してもらいましょう。早い報告が何より大切です。"),
    ("Confidential information: public facts are yours to share",
     "機密情報：公開済みの情報は共有して大丈夫",
     "**Do** share what Acme has already announced: press releases, public product pages, "
     "published blog posts.\n\n**Don't** share unreleased products, codenames, prices, figures "
     "before the earnings release, customer names that are not public, or anything marked "
     "confidential.\n\n*Tip:* if you are not sure it is public, link to the public source — if "
     "there is none, it is not public yet.",
     "**すること：** プレスリリース、製品ページ、公開ブログなど、アクメがすでに発表した情報を"
     "共有しましょう。\n\n**しないこと：** 未発表の製品、コードネーム、価格、決算発表前の数字、"
     "非公開の取引先名、「社外秘」とされた情報は共有しないこと。\n\n*コツ：* 公開済みか迷ったら"
     "公開元へのリンクを付けましょう。リンク先がなければ、まだ公開されていません。"),
    ("Internal discussions: raise it inside first",
     "社内の議論：まず社内で",
     "**Do** raise disagreements and concerns through your manager, HR or the whistle-blowing "
     "line — they are there to listen.\n\n**Don't** post screenshots of internal chats, e-mails "
     "or meetings, even with names blurred.",
     "**すること：** 意見の違いや懸念は、上司・人事・内部通報窓口に伝えましょう。"
     "耳を傾けるための窓口です。\n\n**しないこと：** 社内チャット、メール、会議のスクリーンショットを"
     "投稿しないこと。名前をぼかしても同じです。"),
    ("Respect: disagree with ideas, never attack people",
     "敬意：意見には反論しても、人を攻撃しない",
     "**Do** be kind and curious, even when you disagree. Correct mistakes politely.\n\n"
     "**Don't** insult, harass or make fun of anyone — including competitors and critics — or "
     "comment on people's gender, origin, religion, body or ability.",
     "**すること：** 意見が違っても、親切に、関心を持って接しましょう。誤りは丁寧に指摘しましょう。\n\n"
     "**しないこと：** 競合他社や批判者を含め、誰かを侮辱・嫌がらせ・からかわないこと。"
     "性別、出身、宗教、身体、能力について論評しないこと。"),
    ("Disclosure: say when you work at Acme (no stealth marketing)",
     "開示：アクメ社員であることを明示（ステマ禁止）",
     "**Do** say you work at Acme whenever you talk about our products or competitors, e.g. "
     "“I work at Acme” or #PR / #広告 for paid content.\n\n**Don't** post reviews or praise "
     "that hide the relationship. In Japan, undisclosed advertising (ステマ) breaks the "
     "Premiums and Representations Act since October 2023.",
     "**すること：** 自社製品や競合について話すときは、アクメ社員であることを明示しましょう"
     "（例：「アクメで働いています」、広告なら #PR / #広告）。\n\n**しないこと：** 関係を隠した"
     "レビューや称賛を投稿しないこと。2023 年 10 月から、ステルスマーケティングは景品表示法"
     "違反です。"),
    ("Claims: say what you can show",
     "表示：根拠を示せることだけを",
     "**Do** use the approved messaging and figures from the brand library; link to the source."
     "\n\n**Don't** promise results, call something “the best” or “No. 1” without evidence, or "
     "make health, safety or financial claims.",
     "**すること：** ブランドライブラリの承認済みメッセージと数字を使い、出典にリンクしましょう。"
     "\n\n**しないこと：** 効果を約束したり、根拠なく「最高」「No.1」と言ったり、健康・安全・"
     "金融に関する主張をしないこと。"),
    ("Speaking for the company: your view, your name",
     "会社を代表して話すこと：自分の意見として",
     "**Do** speak as yourself (“I think…”). Pass questions from journalists, investors and "
     "upset customers to Communications or Support — with a friendly reply such as “I'll put "
     "you in touch with the right team”.\n\n**Don't** announce, deny or comment on company "
     "news unless you are an authorised spokesperson.",
     "**すること：** 自分の意見として話しましょう（「私は…と思います」）。記者、投資家、"
     "不満を持つお客様からの問い合わせは、「担当チームにおつなぎします」と丁寧に返し、"
     "広報やサポートに引き継ぎましょう。\n\n**しないこと：** 公式スポークスパーソンでない限り、"
     "会社のニュースを発表・否定・論評しないこと。"),
]

SOCIAL_MEDIA_QUIZ = [
    _q(("You want to share that your team shipped a feature announced in today's press release. "
        "What is best?",
        "今日のプレスリリースで発表された機能を、チームでリリースしたことを共有したい。最適なのは？"),
       ("Announced facts are yours to share; linking the source shows it is public.",
        "発表済みの事実は共有して構いません。公開元へのリンクで公開情報だとわかります。"),
       (True, "Post it in your own words and link the press release",
        "自分の言葉で投稿し、プレスリリースにリンクする"),
       (False, "Don't post anything about work", "仕事のことは一切投稿しない"),
       (False, "Add the internal roadmap to show what comes next",
        "次の予定を示すため社内ロードマップも添える")),
    _q(("Which of these must you never post? (choose all that apply)",
        "絶対に投稿してはいけないものは？（当てはまるものをすべて選択）"),
       ("Keys and unannounced codenames are confidential; a conference talk you gave is public.",
        "鍵や未発表のコードネームは機密です。自分の登壇は公開情報です。"),
       (True, "A screenshot showing an API key", "API キーが写ったスクリーンショット"),
       (True, "The codename of an unreleased product", "未発表製品のコードネーム"),
       (False, "Slides of the public talk you gave", "自分が行った公開講演のスライド")),
    _q(("You praise an Acme product on your personal account. What should you add?",
        "個人アカウントでアクメの製品を褒めたい。何を添えるべき？"),
       ("Saying you work at Acme keeps it honest and is required against stealth marketing.",
        "アクメ社員だと明示することで誠実さが保たれ、ステマ規制にも沿います。"),
       (True, "That you work at Acme", "アクメで働いていること"),
       (False, "Nothing, it is your own opinion", "何も不要。自分の意見だから"),
       (False, "A discount code from a competitor", "競合の割引コード")),
    _q(("A journalist asks you on social media about rumoured layoffs. What do you do?",
        "記者から SNS で人員削減のうわさについて聞かれた。どうする？"),
       ("Only authorised spokespeople speak for Acme; a friendly hand-over is the right reply.",
        "アクメを代表して話すのは公式スポークスパーソンです。丁寧な引き継ぎが正解です。"),
       (True, "Reply kindly that you will connect them with Communications, and tell Communications",
        "広報におつなぎしますと丁寧に返し、広報に知らせる"),
       (False, "Deny the rumour", "うわさを否定する"),
       (False, "Share what you heard in the office", "社内で聞いたことを共有する")),
]

SECURITY_MODULES = [
    ("Passwords and password managers", "パスワードとパスワードマネージャー",
     "**Do** use the company password manager: one long, unique password per account, "
     "generated for you.\n\n**Do** share access to brand accounts through the password "
     "manager's shared vault — never by copying the password.\n\n**Don't** reuse a password, "
     "write it in a chat, or keep it in a spreadsheet.",
     "**すること：** 会社のパスワードマネージャーを使い、アカウントごとに長く固有のパスワードを"
     "自動生成しましょう。\n\n**すること：** ブランドアカウントのアクセス共有はパスワードマネージャー"
     "の共有保管庫で行い、パスワードをコピーして渡さないこと。\n\n**しないこと：** パスワードの"
     "使い回し、チャットへの記載、表計算ファイルでの保管。"),
    ("Two-factor sign-in (2FA)", "二要素認証（2FA）",
     "**Do** turn on two-factor sign-in on every social account, with an authenticator app or "
     "a security key. Keep the recovery codes in the password manager.\n\n**Don't** rely on "
     "SMS codes for brand accounts when an app or key is available, and never read a code out "
     "to someone who calls you.",
     "**すること：** すべてのソーシャルアカウントで、認証アプリまたはセキュリティキーによる"
     "二要素認証を有効にしましょう。リカバリーコードはパスワードマネージャーに保管します。\n\n"
     "**しないこと：** アプリやキーが使えるのにブランドアカウントで SMS コードに頼ること。"
     "電話をかけてきた相手にコードを読み上げることは絶対にしないこと。"),
    ("Review the apps connected to your accounts", "連携アプリを見直す",
     "**Do** check every quarter which apps (schedulers, analytics, games) can read or post on "
     "your accounts, and revoke what you no longer use.\n\n**Don't** grant an app the right to "
     "read direct messages unless it truly needs it.",
     "**すること：** 四半期ごとに、アカウントを読み書きできるアプリ（予約投稿、分析、ゲームなど）"
     "を確認し、使っていないものは連携を解除しましょう。\n\n**しないこと：** 本当に必要でない限り、"
     "アプリに DM の閲覧権限を与えないこと。"),
    ("No confidential information in direct messages", "DM に機密情報を書かない",
     "**Do** move work conversations to company tools (mail, chat) as soon as they become "
     "specific.\n\n**Don't** send confidential information, customer data or passwords by "
     "direct message: DMs are stored by the platform, can be read by connected apps, and are "
     "the first thing an attacker reads after taking over an account.",
     "**すること：** 仕事の話が具体的になったら、すぐに会社のツール（メール、チャット）に"
     "移りましょう。\n\n**しないこと：** 機密情報、顧客データ、パスワードを DM で送らないこと。"
     "DM はプラットフォームに保存され、連携アプリからも読めるうえ、アカウントを乗っ取った攻撃者が"
     "最初に読むものです。"),
]

SECURITY_QUIZ = [
    _q(("How should you share access to a brand account with a new colleague?",
        "新しい同僚とブランドアカウントのアクセスを共有するには？"),
       ("A shared vault keeps the password secret and lets IT revoke access per person.",
        "共有保管庫ならパスワードを見せずに共有でき、個人ごとに権限を取り消せます。"),
       (True, "Through the password manager's shared vault", "パスワードマネージャーの共有保管庫で"),
       (False, "Send the password by direct message", "DM でパスワードを送る"),
       (False, "Write it on the team's wiki page", "チームの wiki に書く")),
    _q(("Which are good second factors? (choose all that apply)",
        "適切な二要素目は？（当てはまるものをすべて選択）"),
       ("Authenticator apps and security keys resist SIM swapping and phishing better than SMS.",
        "認証アプリとセキュリティキーは、SMS より SIM スワップやフィッシングに強いです。"),
       (True, "An authenticator app", "認証アプリ"),
       (True, "A security key", "セキュリティキー"),
       (False, "The same password typed twice", "同じパスワードを 2 回入力する")),
    _q(("A scheduling app you stopped using last year can still post to your account. What now?",
        "昨年使うのをやめた予約投稿アプリが、まだアカウントに投稿できる状態だ。どうする？"),
       ("Unused connections are a way in for attackers; revoke them.",
        "使っていない連携は攻撃の入り口になります。解除しましょう。"),
       (True, "Revoke its access", "連携を解除する"),
       (False, "Leave it, it might be useful", "役に立つかもしれないので残す")),
]

SALES_MODULES = [
    ("What's in it for you: social selling from prospect to after-sales",
     "営業にとってのメリット：見込み客からアフターセールスまで",
     "Buyers research long before they talk to sales. Being helpful where they look makes you "
     "the person they call.\n\n1. **Finding prospects** — follow the companies and people in "
     "your territory; notice news, hiring and questions.\n2. **Starting a conversation** — "
     "comment helpfully, share a useful public resource, then connect with a personal note.\n"
     "3. **Earning trust** — share customer stories that are public, and what you learn; say you "
     "work at Acme.\n4. **After-sales** — congratulate customers on their launches, answer "
     "questions quickly, and pass complaints to Support with a kind word.",
     "お客様は営業と話すずっと前から情報を集めています。お客様が見ている場所で役に立つことが、"
     "最初に声をかけてもらえる近道です。\n\n1. **見込み客を見つける** — 担当地域の企業や人を"
     "フォローし、ニュース、採用、質問に気づきましょう。\n2. **会話を始める** — 役に立つコメントや"
     "公開資料を共有し、ひとこと添えてつながりましょう。\n3. **信頼を得る** — 公開済みの導入事例や"
     "学んだことを共有し、アクメ社員であることを明示しましょう。\n4. **アフターセールス** — "
     "お客様のリリースを祝い、質問に素早く答え、苦情は丁寧にサポートへ引き継ぎましょう。"),
    ("Do's and don'ts for sales", "営業のすること・しないこと",
     "**Do** use the approved messaging and public prices.\n\n**Don't** name customers who "
     "have not agreed to be named, share quotes or discounts, or criticise competitors.",
     "**すること：** 承認済みメッセージと公開価格を使いましょう。\n\n**しないこと：** 公表の"
     "同意がないお客様の名前、見積もりや値引き、競合への批判を投稿しないこと。"),
]

SALES_QUIZ = [
    _q(("A prospect posts a question your product solves. What is the best first step?",
        "見込み客が、自社製品で解決できる質問を投稿した。最初の一歩として最適なのは？"),
       ("Helping first, and saying who you are, earns trust; a hard pitch rarely does.",
        "まず役に立ち、身元を明かすことで信頼が生まれます。強引な売り込みは逆効果です。"),
       (True, "Answer helpfully, say you work at Acme, and offer a public resource",
        "役に立つ回答をし、アクメ社員だと明示して公開資料を紹介する"),
       (False, "Reply with the discount you gave another customer", "別のお客様への値引き額を返信する"),
       (False, "Tell them the competitor's product is bad", "競合製品はだめだと伝える")),
]

COURSES = [
    {"slug": "social-media-dos", "track": "all-staff", "order": 1,
     "title": ("Social media at Acme: do's first", "アクメのソーシャルメディア：まずは「すること」から"),
     "summary": ("What you can share, and the eight things to keep in mind: personal data, "
                 "passwords and keys, confidential information, internal discussions, respect, "
                 "disclosure, claims, and speaking for the company.",
                 "共有してよいこと、そして気をつけたい 8 つのこと：個人情報、パスワードと鍵、機密情報、"
                 "社内の議論、敬意、開示、表示、会社を代表して話すこと。"),
     "modules": SOCIAL_MEDIA_MODULES,
     "quiz": (("Social media at Acme: check yourself", "アクメのソーシャルメディア：確認テスト"),
              SOCIAL_MEDIA_QUIZ, 75, None)},
    {"slug": "security-hygiene", "track": "all-staff", "order": 2,
     "title": ("Security hygiene for social accounts", "ソーシャルアカウントのセキュリティ対策"),
     "summary": ("Password managers, two-factor sign-in, connected apps, and why confidential "
                 "information does not belong in direct messages.",
                 "パスワードマネージャー、二要素認証、連携アプリ、そして DM に機密情報を書かない理由。"),
     "modules": SECURITY_MODULES,
     "quiz": (("Security hygiene: check yourself", "セキュリティ対策：確認テスト"),
              SECURITY_QUIZ, 80, None)},
    {"slug": "sales-social-selling", "track": "sales", "order": 3,
     "title": ("Social selling: what's in it for sales", "ソーシャルセリング：営業にとってのメリット"),
     "summary": ("How social media helps from finding a prospect to after-sales.",
                 "見込み客の発見からアフターセールスまで、ソーシャルメディアがどう役立つか。"),
     "modules": SALES_MODULES,
     "quiz": (("Social selling: check yourself", "ソーシャルセリング：確認テスト"),
              SALES_QUIZ, 100, None)},
]
