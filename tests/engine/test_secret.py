"""Table tests for the secret rules S101–S105: credentials in posts and direct messages."""

import doctest
from importlib import resources

import pytest

from koe.engine import PolicyError, parse_policy
from koe.engine.detectors import secrets
from koe.engine.detectors.secrets import entropy, is_placeholder


def _default_text(name):
    return resources.files("koe.engine.defaults").joinpath(name).read_text(encoding="utf-8")


SECRET_ONLY = _default_text("policy.yaml") + "\n" + _default_text("secret.yaml")


@pytest.fixture(scope="module")
def secret():
    """The built-in verdicts and S1xx rules alone, so other categories cannot interfere."""
    return parse_policy(SECRET_ONLY, source="secret-only").compile()


def spans(scanner, text, rule):
    return [f.text for f in scanner.scan(text).findings if f.rule == rule]


GITHUB = "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"
JWT = ("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0."
       "dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U")
PYPI = "pypi-AgEIcHlwaS5vcmc9OHs91K3_DMEjbkrX3rsNVYWEAbHANBRfc-uwExNmMflE16R6-FWOmeTpK3B"
PEM = ("-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6\n"
       "-----END RSA PRIVATE KEY-----")

# (rule, post, the span it must report)
FLAGGED = [
    # S101 service tokens, by format
    ("S101", "Here's our staging key: AKIAQWERTYUIOPASDFGH", "AKIAQWERTYUIOPASDFGH"),
    ("S101", "ステージングのキー：ＡＫＩＡＱＷＥＲＴＹＵＩＯＰＡＳＤＦＧＨ", "ＡＫＩＡＱＷＥＲＴＹＵＩＯＰＡＳＤＦＧＨ"),
    ("S101", "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYzYXWVUTSRQ",
     "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYzYXWVUTSRQ"),
    ("S101", f"Lol accidentally pasted my token {GITHUB} in the team chat", GITHUB),
    ("S101", f"間違えてチャットにトークン{GITHUB}貼っちゃった。まあいいか。", GITHUB),
    ("S101", "glpat-hellOworld380_testin is my gitlab token", "glpat-hellOworld380_testin"),
    ("S101", "xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx",
     "xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx"),
    ("S101", "通知用 https://hooks.slack.com/services/T0ABCDEFG/B0ABCDEFG/AbCdEfGhIjKlMnOpQrStUvWx です",
     "https://hooks.slack.com/services/T0ABCDEFG/B0ABCDEFG/AbCdEfGhIjKlMnOpQrStUvWx"),
    ("S101", "stripe: sk_live_ReTllpYQYfIZu2Jnf2lAPFjD", "sk_live_ReTllpYQYfIZu2Jnf2lAPFjD"),
    ("S101", "maps key AIzaSyD-9tSrke72PouQMnMX-a7eZSW0jkFMBWY oops",
     "AIzaSyD-9tSrke72PouQMnMX-a7eZSW0jkFMBWY"),
    ("S101", "OpenAIのキー sk-proj-Xi8tdMjHV6pmbBbwilTeT3BlbkFJ3UDnpdEwNNm6wVBpYM0o を使って",
     "sk-proj-Xi8tdMjHV6pmbBbwilTeT3BlbkFJ3UDnpdEwNNm6wVBpYM0o"),
    ("S101", "env: OPENAI_API_KEY=sk-proj-4fK9x2LmQ8vZ1nR7tW3yB6cD0eH5jS2aU8gP",
     "sk-proj-4fK9x2LmQ8vZ1nR7tW3yB6cD0eH5jS2aU8gP"),
    ("S101", "//registry.npmjs.org/:_authToken=346a14f2-a672-4668-a892-956a462ab56e",
     "//registry.npmjs.org/:_authToken=346a14f2-a672-4668-a892-956a462ab56e"),
    ("S101", f"session cookie: {JWT}", JWT),
    ("S101", "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",
     "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"),
    ("S101", "mailchimp 343ea45721923ed956e2b38c31db76aa-us30",
     "343ea45721923ed956e2b38c31db76aa-us30"),
    ("S101", "ボットのトークン 7213808860:AAH1bjqpKKW3maRSPAxzIU-0v6xNuq2-NjM です",
     "7213808860:AAH1bjqpKKW3maRSPAxzIU-0v6xNuq2-NjM"),
    ("S101", "MTk4NjIyNDgzNDcxOTI1MjQ4.Cl2FMQ.ZnCjm1XVW7vRze4b7Cq4se7kKWs",
     "MTk4NjIyNDgzNDcxOTI1MjQ4.Cl2FMQ.ZnCjm1XVW7vRze4b7Cq4se7kKWs"),
    ("S101", "DB: postgres://admin:S3cretPass@db.example.com:5432/app",
     "postgres://admin:S3cretPass@d"),
    ("S101", "cache: redis://:S3cretPass@cache:6379", "redis://:S3cretPass@c"),
    ("S101", 'ibm_cloud_api_key= "abcd1234abcd1234abcd1234ABCD1234ABCD1234--__"',
     'ibm_cloud_api_key= "abcd1234abcd1234abcd1234ABCD1234ABCD1234--__'),
    ("S101", "AccountKey=lJzRc1YdHaAA2KCNJJ1tkYwF/+mKK6Ygw0NGe170Xu592euJv2wYUtBlV8z+qnlcNQSnIYVTkLWntUO1F8j8rQ==",
     "AccountKey=lJzRc1YdHaAA2KCNJJ1tkYwF/+mKK6Ygw0NGe170Xu592euJv2wYUtBlV8z+qnlcNQSnIYVTkLWntUO1F8j8rQ=="),
    # S102 private keys
    ("S102", f"my deploy key, can someone check?\n{PEM}", PEM),
    ("S102", "鍵です\n－－－－－BEGIN OPENSSH PRIVATE KEY－－－－－\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmU",
     "－－－－－BEGIN OPENSSH PRIVATE KEY－－－－－\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmU"),
    ("S102", '{"private_key": "-----BEGIN PRIVATE KEY-----\\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC"}',
     "-----BEGIN PRIVATE KEY-----\\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC"),
    ("S102", "PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: none",
     "PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: none"),
    # S103 passwords and PINs in prose, English
    ("S103", "my password is hunter2", "password is hunter2"),
    ("S103", "Guests keep asking so: the wifi password is sakura2024! 🍵", "password is sakura2024!"),
    ("S103", "The password for the office wifi is Tr0ub4dor&3",
     "password for the office wifi is Tr0ub4dor&3"),
    ("S103", "ID: tanaka / PW: Tnk-1234", "PW: Tnk-1234"),
    ("S103", "user: admin pass: letmein99", "pass: letmein99"),
    ("S103", "For the workshop laptop, user admin and password monkey!.", "password monkey!"),
    ("S103", "password is still qwerty123", "password is still qwerty123"),
    ("S103", "p a s s w o r d: hunter22", "p a s s w o r d: hunter22"),
    ("S103", "PIN: 4821", "PIN: 4821"),
    ("S103", "Zoom ID: 813 2345 6789 Passcode: 884422", "Passcode: 884422"),
    ("S103", "my instagram got hacked lol the password was literally password123",
     "password was literally password123"),
    ("S103", "the door code is 4821, see you at 7", "door code is 4821"),
    ("S103", "Our guest wifi: AcmeGuest / pw acme-2024", "pw acme-2024"),
    ("S103", "here's the shared login for the design tool: design@acme.co / Acme!2024",
     "login for the design tool: design@acme.co / Acme!2024"),
    ("S103", "DMing you the staging creds: admin / S3cure!pass", "creds: admin / S3cure!pass"),
    ("S103", "login: taro@example.com / Spring2024!", "login: taro@example.com / Spring2024!"),
    ("S103", "Family Netflix, email: foo@example.com password: Netflix2024",
     "password: Netflix2024"),
    # S103: a password asked for and answered in a thread, or after "password's"
    ("S103", "pw教えて → hikari#Ops_77", "pw教えて → hikari#Ops_77"),
    ("S103", "> what's the staging password?\nBk9$wq3Tz — rotate after the demo",
     "password?\nBk9$wq3Tz"),
    ("S103", "Q: VPNのパスワード何だっけ？\nA: Hikari#vpn2024", "パスワード何だっけ？\nA: Hikari#vpn2024"),
    ("S103", "@ken the password's Bk9$wq3Tz, don't lose it", "password's Bk9$wq3Tz"),
    ("S103", "パスワード「Zx8!kq2Lm」で入れます", "パスワード「Zx8!kq2Lm"),
    ("S103", "ワンタイムパスワード 739201 届いた？早く入力して", "ワンタイムパスワード 739201"),
    ("S103", "検証用アカウント：hikari_test / Tsubame#88 使っていいよ",
     "アカウント：hikari_test / Tsubame#88"),
    ("S103", "shared account: qa_team / cKeZ$489tTZ", "account: qa_team / cKeZ$489tTZ"),
    # S104: connection strings, password options of commands, Japanese keys with a bracket
    ("S104", "Server=db01;Database=core;User Id=sa;Password=Hk8#mQ2x;", "Password=Hk8#mQ2x"),
    ("S104", "jdbc:sqlserver://db01:1433;databaseName=core;user=sa;password=Hk8#mQ2x;encrypt=true",
     "password=Hk8#mQ2x"),
    ("S104", "なぜか繋がらない curl -u admin:Hk8mQ2xZ9 https://intra.example.jp/api",
     "curl -u admin:Hk8mQ2xZ9"),
    ("S104", "mysql -u root -pHk8mQ2xZ9 -h db01", "mysql -u root -pHk8mQ2xZ9"),
    ("S104", "sshpass -p 'Hk8mQ2xZ9' ssh ops@10.0.0.5", "sshpass -p 'Hk8mQ2xZ9'"),
    ("S104", "社内APIのトークン「a8Fk2mQ9xT4vB7nL1pR6sW3yZ5cH0jD2」をメモ",
     "トークン「a8Fk2mQ9xT4vB7nL1pR6sW3yZ5cH0jD2」"),
    ("S104", "api key → a8Fk2mQ9xT4vB7nL1pR6sW3yZ5cH0jD2", "api key → a8Fk2mQ9xT4vB7nL1pR6sW3yZ5cH0jD2"),
    ("S104", "ウォレットの秘密鍵 0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318",
     "秘密鍵 0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318"),
    # S103, Japanese
    ("S103", "家のWi-Fiのパスワードは sakura2024 です。遊びに来た時に使ってね", "パスワードは sakura2024"),
    ("S103", "パスワードはabc123です", "パスワードはabc123"),
    ("S103", "ログインできない…ID: tanaka / パス: Tnk-1234 で合ってるよね？", "パス: Tnk-1234"),
    ("S103", "忘れそうだからメモ：パスは「hoge1234」", "パスは「hoge1234"),
    ("S103", "ﾊﾟｽﾜｰﾄﾞはｓａｋｕｒａ２０２４", "ﾊﾟｽﾜｰﾄﾞはｓａｋｕｒａ２０２４"),  # half and full width
    ("S103", "パ ス ワ ー ド は abc123", "パ ス ワ ー ド は abc123"),  # spaced out
    ("S103", "パス abc123 で入れるよ", "パス abc123"),
    ("S103", "研修用PCはユーザー admin、パスワード Sunshine でログインできます。", "パスワード Sunshine"),
    ("S103", "社内Wikiのパスワード、tanaka0612に変えといた", "パスワード、tanaka0612"),
    ("S103", "キャッシュカードの暗証番号は4821、なんて書いちゃだめだよね笑", "暗証番号は4821"),
    ("S103", "暗証番号は誕生日の0612", "暗証番号は誕生日の0612"),
    ("S103", "暗証番号１２３４にしてる", "暗証番号１２３４"),
    ("S103", "暗証番号、まだ0000のまま", "暗証番号、まだ0000"),
    ("S103", "PWは誕生日の0101にした", "PWは誕生日の0101"),
    ("S103", "パスワードは猫の名前のtama2020", "パスワードは猫の名前のtama2020"),
    ("S103", "オートロックの番号は1234です", "オートロックの番号は1234"),
    ("S103", "認証コード: 482913 送ったよ", "認証コード: 482913"),
    ("S103", "ログイン情報 tanaka / Tnk-1234", "ログイン情報 tanaka / Tnk-1234"),
    ("S103", "Wi-Fi飛んでます！SSID: cafe_guest パスワード: coffee1234", "パスワード: coffee1234"),
    # S104 credentials in code and configuration
    ("S104", 'password = "correct horse battery staple"',
     'password = "correct horse battery staple"'),
    ("S104", "Why does this fail? DB_PASSWORD=Tr0ub4dor&3 psql -h db", "DB_PASSWORD=Tr0ub4dor&3"),
    ("S104", 'api_key = "8f1e2d7c9b4a55aa12cd"', 'api_key = "8f1e2d7c9b4a55aa12cd"'),
    ("S104", "Debugging in public: export API_TOKEN=9f8e7d6c5b4a3f2e1d0c then run it",
     "API_TOKEN=9f8e7d6c5b4a3f2e1d0c"),
    ("S104", "デプロイが通らない。設定はこれ→ access_key=Q9w8E7r6T5y4U3i2 誰か見て",
     "access_key=Q9w8E7r6T5y4U3i2"),
    ("S104", "client_secret: 4f3c2b1a0e9d8c7b6a5f", "client_secret: 4f3c2b1a0e9d8c7b6a5f"),
    ("S104", '"password": "Summer2024!"', 'password": "Summer2024!"'),
    ("S104", "mysql -u root --password=S3cr3t!x", "--password=S3cr3t!x"),
    ("S104", 'curl -H "Authorization: Bearer 4f3c2b1a0e9d8c7b6a5f4e3d2c1b0a9f" https://api',
     "Bearer 4f3c2b1a0e9d8c7b6a5f4e3d2c1b0a9f"),
    ("S104", 'if ("m{{h}o)p${e]nob(ody[finds>-_$#thisone}}" == my_password) {',
     '"m{{h}o)p${e]nob(ody[finds>-_$#thisone}}" == my_password'),
    ("S104", "APIキー: 8f1e2d7c9b4a55aa12cd", "APIキー: 8f1e2d7c9b4a55aa12cd"),
    ("S104", "AWS secret key: wJalrXUtnFEMI/K7MDENG/bPxRfiCYzYXWVUTSRQ",
     "secret key: wJalrXUtnFEMI/K7MDENG/bPxRfiCYzYXWVUTSRQ"),
    ("S104", "The API key is 8f1e2d7c9b4a55aa12cd", "API key is 8f1e2d7c9b4a55aa12cd"),
    ("S104", "here's my api key 8f1e2d7c9b4a55aa12cdQ9w8E7 can someone check",
     "api key 8f1e2d7c9b4a55aa12cdQ9w8E7"),
    ("S104", "my token is Q9w8E7r6T5y4U3i2o1P0", "token is Q9w8E7r6T5y4U3i2o1P0"),
    ("S104", "APIキーは8f1e2d7c9b4a55aa12cdです", "APIキーは8f1e2d7c9b4a55aa12cd"),
    ("S104", "ＡＰＩ＿ＫＥＹ＝８ｆ１ｅ２ｄ７ｃ９ｂ４ａ５５ａａ１２ｃｄ",
     "ＡＰＩ＿ＫＥＹ＝８ｆ１ｅ２ｄ７ｃ９ｂ４ａ５５ａａ１２ｃｄ"),
    ("S104", 'config = {"x": "c3VwZXIgbG9uZyBzdHJpbmcgc2hvdWxkIGNhdXNlIGVub3VnaCBlbnRyb3B5"}',
     "c3VwZXIgbG9uZyBzdHJpbmcgc2hvdWxkIGNhdXNlIGVub3VnaCBlbnRyb3B5"),
    # tokens with - and _ in their bodies, inside Japanese sentences with no space after
    ("S101", f"PyPIのトークン送ります {PYPI} リリースお願いします", PYPI),
    ("S101", f"PyPIのトークン{PYPI}です", PYPI),
    ("S101", f"twine upload -u __token__ -p {PYPI}", PYPI),
    ("S101", "glpat-AvFzHGlXm0phj7TeT_H2をCIに設定した", "glpat-AvFzHGlXm0phj7TeT_H2"),
    ("S101", "マップのキーAIzaSyB-xk7_q3Lm9Np2Rt5Vw8Yz1Ab4Cd6Ef8Gで動いた",
     "AIzaSyB-xk7_q3Lm9Np2Rt5Vw8Yz1Ab4Cd6Ef8G"),
    # passwords after a change of password, a login or credentials "are"
    ("S103", "I changed the password to Sakura0412!", "password to Sakura0412!"),
    ("S103", "reset the wifi password to hunter2 btw", "password to hunter2"),
    ("S103", "パスワード変えた→ Sakura_0412", "パスワード変えた→ Sakura_0412"),
    ("S103", "パスワード変更しました：Tk-88321", "パスワード変更しました：Tk-88321"),
    ("S103", "login is admin / Hk7#pQ29zz", "login is admin / Hk7#pQ29zz"),
    ("S103", "hey, the vpn creds are tanaka / Sakura0412!", "creds are tanaka / Sakura0412!"),
    # a password announced with a verb of telling, then the value in brackets or after an arrow
    ("S103", "VPNのパスワード伝えときます「Orion-77x」", "パスワード伝えときます「Orion-77x"),
    ("S103", "Wi-Fiのパスワード送るね→ Sakura#2024", "パスワード送るね→ Sakura#2024"),
    # a password changed, then "the new one is …"
    ("S103", "共有PCのパスワード変更しました。新しいのは kumo7788 です",
     "パスワード変更しました。新しいのは kumo7788"),
    ("S103", "The lab wifi password was changed, new one is Tulip#2025",
     "password was changed, new one is Tulip#2025"),
]


@pytest.mark.parametrize(("rule", "post", "span"), FLAGGED)
def test_it_flags_credentials_with_the_span_written(secret, rule, post, span):
    assert spans(secret, post, rule) == [span]


@pytest.mark.parametrize(("rule", "post", "span"), FLAGGED)
def test_each_credential_gets_exactly_one_secret_rule(secret, rule, post, span):
    assert {f.rule for f in secret.scan(post).findings} == {rule}


# Posts that talk about passwords and keys, show placeholders, or only look like credentials.
NOT_FLAGGED = [
    # a changed password whose new value is not in the post
    "パスワード変えました！新しいのは来週お知らせします",
    "The password was changed, the new one is in the vault",
    "パスワード変えました、新しいのは12文字以上です",
    # a question about a password answered in words, a rule quoted, a value that is a word
    "Forgot your password?\nReset it at https://hikari.example/reset",
    "what's the wifi password?\nnever mind, found it",
    "パスワード忘れた？\n→ 設定画面から再発行できます",
    "How do I reset my password?\nv2.3 of the app fixed it",
    "パスワード「8文字以上」って書いてあった",
    "the password's strength matters more than its length",
    "ワンタイムパスワードは6桁です",
    # commands without a password, or with a variable or a placeholder
    "curl -u $USER:$PASS https://api.example.com",
    "curl -u admin:<password> https://api.example.com",
    "mysql -u root -p -h db01",
    "mysql -u root -p${DB_PASS}",
    "String password = getPassword();",
    "Server=db01;User Id=sa;Password=${DB_PASSWORD};",
    "トークン「有効期限切れ」って出る",
    "トークン 更新したよ",
    "秘密鍵 id_rsa を使う",
    "Twitterアカウント @hikari_bank / @hikari_support",
    "account A/B test: 50/50 split",
    # everyday prose, English
    "I forgot my password again",
    "Change your passwords and turn on two-factor auth, folks. Password managers are great.",
    "My password is too long to remember",
    "the password is wrong, it says",
    "Password: use a password manager!",
    "Never share your password: not even with IT",
    "The most common password is 123456",
    "Don't use \"password123\" as your password",
    "The new Wi-Fi password is on the whiteboard",
    "Password reset link sent to your email",
    "password requirements: 12+ characters",
    "My PIN is 4 digits",
    "Pin this tweet: 2024 plans",
    "pass the salt please",
    "boarding pass: 12A",
    "Season pass = 12000yen",
    "Pass = Fail? No!",
    "The secret to great ramen: patience",
    "The secret: practice every day",
    "My secret is: I love cats",
    "Token of appreciation: 3 coffees",
    "The key to success = hard work",
    "API key rotation is done! Thanks team.",
    "Password: see 1Password",
    "Use code SAVE20 for 20% off",
    # everyday prose, Japanese
    "パスワードを忘れた",
    "パスワードマネージャー使い始めた。もっと早く使えばよかった。",
    "パスワードは8文字以上にしましょう",
    "パスワード: 12文字以上",
    "パスワードは英数字8文字以上、記号を含めてください",
    "よくあるパスワードは123456とかpasswordとか",
    "パスワードは秘密です",
    "パスワードはiPhoneで管理してる",
    "パスワードは1Passwordで管理してる",
    "パスはLINEで送る",
    "Wi-Fiのパスワードはルーターの裏に書いてあります",
    "パスタ食べたい",
    "パスポート更新した",
    "年間パスは12000円でした",
    "年間パスは3日で元が取れる",
    "PINを1234みたいな簡単なものにしないで",
    "暗証番号は4桁です",
    "暗証番号を変更してから3日",
    "トークン数: 128000",
    "APIキーは環境変数に入れてます",
    "パスワードは誕生日とかにしない方がいい",
    "パスワード（8文字以上）を入力",
    "パスワード：なし",
    "PW：別途メールにて",
    "パスワードは半角英数の8文字以上",
    "パスワードは誕生日の4桁",
    "ログイン情報を忘れた",
    "トークン：ありがとう",
    "シークレット: OPENAI_API_KEY",
    "Login / signup flow is broken",
    "login with Google, Apple or email",
    "I didn't get the verification code",
    "The OTP is 6 digits",
    "Zoom passcode will be sent by email",
    "Error: invalid token: unexpected EOF",
    "SyntaxError: Unexpected token < in JSON at position 0",
    "Password: Summer is coming",
    "#password123",
    "pwd: /home/taro",
    "token_type: bearer",
    "token prices are up today",
    "the token is expired",
    "the token is invalid_grant",
    "The secret is out!",
    "secret key: 'practice daily and rest'",
    "token count 128000 for this model",
    "The API key is in 1Password",
    "Got my season pass: 2024 is going to be epic",
    "パスワード: Wi-Fiルーター裏面参照",
    "password: P@ssw0rd is a terrible example",
    "パスワードはpassword123とかにしちゃダメ",
    "pass: no thanks",
    "credentials: PhD, MBA",
    "secret: 2 cups of butter",
    "api key: stored in Vault, ping me",
    "PW：いつもの",
    "パスワード：前回と同じ",
    "Meeting ID: 845 2291 0043",
    "curl -u $USER:$PASS https://api.example.com",
    "docker login -u me -p $DOCKER_PASSWORD",
    "session_timeout: 3600",
    "pw reset emails are slow today",
    "パス だしてー",
    "boarding pass A12B",
    # placeholders and masked values
    "password: ********",
    "パスワード：＊＊＊＊＊＊",
    "PW: ●●●●●●",
    'api_key = "YOUR_API_KEY"',
    'api_key = "<your-api-key>"',
    "token: ${GITHUB_TOKEN}",
    "export API_TOKEN=$API_TOKEN",
    'password = os.environ["DB_PASSWORD"]',
    "secret: changeme",
    'password = "dummy-password"',
    "X-JFrog-Art-Api: $API_KEY",
    "//registry.npmjs.org/:_authToken=${NPM_TOKEN}",
    "AKIAIOSFODNN7EXAMPLE",
    # masked keys that explain a format or say they were redacted (S105 stays quiet)
    "AWS access keys look like AKIAXXXXXXXXXXXXXXXX, twenty characters.",
    "Replace ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx with your own token",
    "e.g. sk_live_xxxxxxxxxxxxxxxxxxxxxxxx in the settings page",
    "Webhook (redacted): https://hooks.slack.com/services/Txxxxxxxx/Bxxxxxxxx/xxxxxxxxxxxxxxxxxxxxxxxx",
    "キーは AKIAXXXXXXXXXXXXXXXX のような形式です",
    "トークン（伏せ字）: ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
    "例：X-JFrog-Art-Api: AKCxxxxxxxxxxxxxxxxxxxx",
    # instructions that say where the reader's own key goes
    ".npmrc に //registry.npmjs.org/:_authToken=npm_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx を書く",
    "Paste ghp_XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX into the settings page and save",
    "設定画面の欄に sk_live_xxxxxxxxxxxxxxxxxxxxxxxx を入力してください",
    # too short to stand for a key, or longer than any key
    "artifactory:_password=AKCxxxxxxxx",
    "AP6xxxxxx",
    "glagent-" + "X" * 98,
    "SKxxxxxxxx is a weird handle",
    "mongodb+srv://user:<password>@cluster0.example.net",
    "-----BEGIN RSA PRIVATE KEY-----\n...\n-----END RSA PRIVATE KEY-----",
    "Your key file should start with -----BEGIN RSA PRIVATE KEY-----",
    # code that names a secret without holding one
    "const token = getToken();",
    "password_hash = bcrypt.hash(password)",
    "user.password = req.body.password",
    "set PASSWORD_MIN_LENGTH=12",
    "SECRET_KEY = os.getenv('SECRET_KEY')",
    "max_tokens = 4096",
    "password: real_key",
    "passwd = getpass();",
    "password => ''",
    "private_key \"hopenobodyfindsthisone';",
    "iam_api_key=\"%s\" % IBM_IAM_API_KEY_ENV",
    # wrong prefixes, lengths and checksums
    "foo_wWPw5k4aXcaT4fNP0UcnZwJUVFk6LO0pINUx",
    "akiazzzzzzzzzzzzzzzz",
    "pk_live_j5krY8XTgIcDaHDb3YrsAfCl",
    "glpat-hellOWorld380 testin",
    "AG.ngeVfQFYQlKU0ufo8x5d1A.TwL2iGABf9DHoTf-09kqeF8tAmbihYzrnopKc-1s5cr",
    "bot110201543:AAHdqTcvCH1vGWJxfSe1ofSAs0K5PALDsaw",
    "9276a43e2951aa46e2b1c33ED38357DB-us2",
    "sk-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
    "sk-test",
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ.eyJzdWIiOiIxMjM0NTY3ODkwIn0.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c",
    "#APAC2024Summit is next week",
    "xoxo-2024-love",
    "https://url:8000 @someone",
    "commit 2b00042f7481c7b056c4b410d28f33cf fixes it",
    '"c3VwZXIgc2VjcmV0IHZhbHVl"',
    # a PyPI token shorter than real ones, with nothing calling it a token
    "pypi-AgEIcHlwaS5vcmcCJDU3OTM1MjliLWIyYTYtNDEwOC05NzRkLTM0MjNiNmEwNWIzYgACF1sxLFsibWluaW1h",
    # published examples from documentation
    "the classic jwt.io example eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwi"
    "bmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c "
    "decodes to John Doe",
    "GitHub's docs use ghp_16C7e42F292c6912E7710c838347Ae178B4a as the example token",
    "Slackのドキュメントの例 xoxb-17653672481-19874698323-pdFZKVeTuE8sk7oOcBrzbqgy",
    # masked keys in docs, READMEs and instructions (S105 stays quiet too)
    "ドキュメントの例だと ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx になってる",
    "READMEに AKIAXXXXXXXXXXXXXXXX って書いてあるけどこれそのまま使っちゃダメだよ",
    "設定ファイルには sk-xxxxxxxxxxxxxxxxxxxxxxxx を自分のキーに書き換えてね",
    "the docs show sk_live_xxxxxxxxxxxxxxxxxxxxxxxx, obviously not a real key lol",
    "スクショではトークンを ghp_************************************ にしてあります",
    # passwords talked about, not given
    "「パスワードは123456」みたいな設定はやめよう",
    "PIN 1234 とか 0000 は避けてね",
    "wifiのパスワードは「ルーターの裏に書いてある」って言われた",
    "we changed the password to something stronger",
    "set the password to expire every 90 days",
    "パスワード変えた、めんどい",
    "login is slow / annoying today",
    "Your verification code is 123456. Do not share it with anyone.",  # an SMS template
    "認証コード「000000」はテスト環境でだけ通ります",
    "パスワード教えます「あとで送る」",
    "パスワード教えるね「8文字以上」がルール",
]


@pytest.mark.parametrize("post", NOT_FLAGGED)
def test_it_ignores_talk_about_secrets_placeholders_and_lookalikes(secret, post):
    assert [(f.rule, f.text) for f in secret.scan(post).findings] == []


def test_the_scanner_doctest_finds_only_the_password_rule(scanner):
    assert sorted({f.rule for f in scanner.scan("my password is hunter2").findings}) == ["S103"]


def test_a_finding_names_the_token_format_and_never_repeats_the_secret(secret):
    finding = secret.scan(f"token {GITHUB}").findings[0]
    assert finding.evidence == "format 'GitHub token'"
    for post in ("my password is hunter2", 'api_key = "8f1e2d7c9b4a55aa12cd"'):
        f = secret.scan(post).findings[0]
        assert f.text not in f.evidence and "hunter2" not in f.evidence


def test_credentials_are_major_a_masked_key_minor_and_all_speak_both_languages(secret):
    rules = [r for r in secret.rules() if r.category == "secret"]
    assert sorted(r.code for r in rules) == ["S101", "S102", "S103", "S104", "S105"]
    for rule in rules:
        assert rule.severity == ("minor" if rule.code == "S105" else "major")
        for part in ("message", "suggestion"):
            assert rule.text(part, "en") and rule.text(part, "ja") != rule.text(part, "en")
        for section in ("what", "why", "example", "instead"):
            assert rule.doc(section, "en") and rule.doc(section, "ja")


def test_the_advice_is_to_rotate_and_use_the_password_manager(secret):
    for rule in secret.rules():
        if rule.code == "S105":  # nothing to rotate: the advice is a plain placeholder
            assert "<YOUR_TOKEN>" in rule.text("suggestion", "en")
            assert "<YOUR_TOKEN>" in rule.text("suggestion", "ja")
            continue
        en = rule.text("suggestion", "en").lower()
        assert "password manager" in en and "direct messages" in en
        assert any(word in en for word in ("rotate", "revoke", "change", "replace"))
        assert "パスワードマネージャー" in rule.text("suggestion", "ja")
        assert "DM" in rule.text("suggestion", "ja")


def test_a_direct_message_with_a_credential_is_blocked(secret):
    report = secret.scan("パスワードは Tama2024 だよ", account="direct")
    assert report.verdict == "block"


# A masked key standing on its own, as pasted from a configuration: S105, a minor note.
MASKED = [
    ("AKIAXXXXXXXXXXXXXXXX", "AKIAXXXXXXXXXXXXXXXX"),
    ("ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"),
    ("deploy: sk_live_xxxxxxxxxxxxxxxxxxxxxxxx", "sk_live_xxxxxxxxxxxxxxxxxxxxxxxx"),
    ("X-JFrog-Art-Api: AKCxxxxxxxxxx", "AKCxxxxxxxxxx"),
    ("artifactoryx:_password=AP6xxxxxxxxxx", "AP6xxxxxxxxxx"),
    ("//registry.npmjs.org/:_authToken=npm_xxxxxxxxxxx", "npm_xxxxxxxxxxx"),
    ("TWILIO_SID=AC" + "x" * 32, "AC" + "x" * 32),
    ("通知先 https://hooks.slack.com/services/Txxxxxxxx/Bxxxxxxxx/xxxxxxxxxxxxxxxxxxxxxxxx",
     "hooks.slack.com/services/Txxxxxxxx/Bxxxxxxxx/xxxxxxxxxxxxxxxxxxxxxxxx"),
    # half masked: the visible characters are real
    ("設定：ghp_9fQ2Lm0axxxxxxxxxxxxxxxxxxxxxxxxxxxx", "ghp_9fQ2Lm0axxxxxxxxxxxxxxxxxxxxxxxxxxxx"),
    ("key ＡＫＩＡ１２３４＊＊＊＊＊＊＊＊＊＊＊＊", "ＡＫＩＡ１２３４＊＊＊＊＊＊＊＊＊＊＊＊"),
]


@pytest.mark.parametrize(("post", "span"), MASKED)
def test_a_masked_key_on_its_own_gets_a_minor_note(secret, post, span):
    findings = secret.scan(post).findings
    assert [(f.rule, f.severity, f.text) for f in findings] == [("S105", "minor", span)]
    assert secret.scan(post, account="personal").verdict == "advise"


def test_a_masked_key_after_an_explaining_line_is_still_noted(secret):
    """The explanation has to be in the key's own sentence or line."""
    post = "Keys look like this in our docs!\nprod: AKIAXXXXXXXXXXXXXXXX"
    assert [f.rule for f in secret.scan(post).findings] == ["S105"]


def test_masked_tokens_can_be_reported_when_the_policy_asks():
    policy = SECRET_ONLY.replace("flag_masked: false", "flag_masked: true")
    scanner = parse_policy(policy, source="masked").compile()
    assert spans(scanner, "AKIAXXXXXXXXXXXXXXXX", "S101") == ["AKIAXXXXXXXXXXXXXXXX"]


def test_an_organization_can_add_its_own_token_format():
    policy = parse_policy(
        "extends: default\nrules:\n  S101:\n    params:\n      formats:\n"
        "        - {name: Acme deploy key, regex: 'acme_[a-z0-9]{24}'}\n", source="acme.yaml")
    scanner = policy.compile()
    finding = next(f for f in scanner.scan("key: acme_0123456789abcdefghijklmn").findings
               if f.rule == "S101")
    assert finding.text == "acme_0123456789abcdefghijklmn"
    assert finding.evidence == "format 'Acme deploy key'"


@pytest.mark.parametrize(("params", "message"), [
    ("{skip: [No Such Format]}", "no built-in token format"),
    ("{colour: red}", "unknown parameter 'colour'"),
    ("{flag_masked: maybe}", "'flag_masked' must be true or false"),
])
def test_bad_token_params_are_reported_with_their_place(params, message):
    with pytest.raises(PolicyError, match=message):
        parse_policy(f"extends: default\nrules:\n  S101:\n    params: {params}\n", source="p.yaml")


@pytest.mark.parametrize(("value", "expected"), [
    ("${API_KEY}", True), ("$API_KEY", True), ("<token>", True), ("your-key-here", True),
    ("xxxxxxxx", True), ("****", True), ("EXAMPLEKEY", True), ("dummy", True),
    ("changeme", True), ("%s", True), ("{{ secret }}", True), ("●●●●", True),
    ("hunter2", False), ("Tr0ub4dor&3", False), ("8f1e2d7c9b4a", False),
])
def test_placeholders_are_recognized(value, expected):
    assert is_placeholder(value) is expected


def test_entropy_separates_keys_from_words():
    assert entropy("8f1e2d7c9b4a55aa12cd") > 3.0 > entropy("aaaaaaaabbbb")


def test_the_module_examples_hold():
    assert doctest.testmod(secrets).failed == 0
