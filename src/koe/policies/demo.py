"""Demo data for policies: Acme's published v1 (public link on), and a v2 in review with one
sign-off. Loading twice changes nothing."""

from __future__ import annotations

import json

from koe.web.errors import KoeError

from .choices import Decision
from .models import Acknowledgement, PolicyVersion
from .services import (
    acknowledgement_create,
    required_roles,
    version_create_draft,
    version_publish,
    version_set_public,
    version_sign_off,
    version_submit,
)

GUIDANCE_EN = """\
At Acme we want you on social media. You know our products, our customers and our craft
better than any advert does — and people trust people. This policy starts with what we hope
you will do, then the few things to avoid, and says plainly what happens if something goes
wrong.

## What we want you to do

- **Share your work and what you learn.** Talks, blog posts, open-source contributions,
  a customer problem you solved (without naming the customer) — all welcome.
- **Say you work at Acme when you talk about Acme Cloud.** "I work at Acme" or #AcmeEmployee
  is enough. It keeps you honest with readers and within Japan's stealth-marketing rules.
- **Speak for yourself.** Write "I think", not "Acme thinks". Announcements come from the
  official accounts; you are warmly invited to share them.
- **Help people.** Thank them, answer what you know, and send customers with a problem to
  support@acme.example — the support team will pick it up.
- **Check when unsure.** Paste a draft into *Can I post this?* or ask the Communications team
  (#ask-social). Asking is always fine.

## What to avoid

- Customers' and colleagues' personal information, and your own ID numbers.
- Passwords, API keys and tokens — also in direct messages, which are not a safe channel.
- Anything not yet announced: Falcon (ファルコン) and other code names, roadmaps, numbers.
- Reposting discussions from our internal network.
- Promises: returns, cures, "the best", or anything only Legal can approve.
- Attacks on people. Disagree with ideas, kindly.

## If something goes wrong

We assume good intent. A minor slip gets a private, friendly note with a better way to say
it; nothing goes on your record. A serious (major) issue means we ask you to edit or remove
the post and talk it through privately. Only repeated serious issues go to your manager, and
to HR or Legal where the law or a contract is involved.
"""

GUIDANCE_JA = """\
アクメは、皆さんのソーシャルメディアでの発信を歓迎します。製品、お客様、仕事の技を一番よく
知っているのは皆さんです。そして人は人の言葉を信頼します。このポリシーは、してほしいことから
始まり、避けてほしい少しのことと、問題が起きたときにどうなるかをはっきり書いています。

## してほしいこと

- **仕事や学んだことを発信しましょう。** 登壇、ブログ、オープンソースへの貢献、解決したお客様の
  課題（お客様名は伏せて）など、どれも歓迎です。
- **アクメクラウドに触れるときは、アクメの社員であることを書きましょう。** 「アクメで働いています」
  や #アクメ社員 で十分です。読者に誠実であり、ステルスマーケティング規制にも沿います。
- **自分の言葉で話しましょう。** 「アクメとしては」ではなく「私は」で。発表は公式アカウントから
  行います。ぜひシェアしてください。
- **人の役に立ちましょう。** 感謝を伝え、わかることには答え、困っているお客様は
  support@acme.example へ案内しましょう。
- **迷ったら確認を。** 下書きを「投稿前チェック」に貼るか、広報チーム（#ask-social）に相談して
  ください。相談はいつでも歓迎です。

## 避けてほしいこと

- お客様や同僚の個人情報、自分のマイナンバーなどの番号。
- パスワード、API キー、トークン。ダイレクトメッセージも安全な経路ではありません。
- 未発表の情報：ファルコン（Falcon）などのコードネーム、ロードマップ、数値。
- 社内ネットワークでの議論を外部に転載すること。
- 約束：利益、効能、「業界一」、法務の確認が必要な主張。
- 人への攻撃。意見に反対するときも、礼儀正しく。

## 問題が起きたとき

私たちは善意を前提にします。軽微なうっかりには、より良い言い方を添えた個別のお知らせが届き、
記録には残りません。重大な問題の場合は投稿の修正または削除をお願いし、個別にお話をうかがいます。
重大な問題を繰り返した場合に限り上長に共有され、法令や契約に関わる場合は人事部または法務部が
対応します。
"""

CHANGES_V2_EN = ("Phone numbers are now a major finding. Adds our spokespeople, so posts that "
                 "speak for Acme can point to them.")
CHANGES_V2_JA = ("電話番号の掲載を重大な指摘に変更しました。広報担当者を登録し、会社を代表する"
                 "発言は担当者へ案内できるようにしました。")

# Who signs off as each stakeholder role in the demo.
SIGNERS = {"legal": "leo", "it": "ivan", "hr": "hana", "reviewer": "rei", "compliance": "chie"}
COMMENTS = {
    "legal": "Checked the disclosure and claims rules against the stealth-marketing guidance. OK.",
    "it": "Credentials and DM guidance match our security standard.",
    "hr": "Consequence ladder matches the work rules; coaching first is right.",
    "reviewer": "Tone is friendly and do's-first. Good to go.",
    "compliance": "Consistent with the compliance programme.",
}


def _flow(values) -> str:
    return json.dumps(list(values), ensure_ascii=False)


def acme_yaml(org: dict, *, v2: bool = False) -> str:
    text = (
        "# Acme's social media policy: Koe's built-in rules with Acme's facts.\n"
        "extends: default\n"
        "name: Acme social media policy\n"
        "organization:\n"
        f"  names: {_flow(org.get('names', []))}\n"
        f"  products: {_flow(org.get('products', []))}\n"
        f"  codenames: {_flow(org.get('codenames', []))}\n"
        f"  internal_domains: {_flow(org.get('internal_domains', []))}\n"
    )
    if v2:
        text += ('  spokespeople: ["Rei Koho", "広報 玲"]\n'
                 "rules:\n"
                 "  P102: {severity: major}   # phone numbers\n")
    return text


def load(ctx) -> str:
    """Create Acme's policy versions unless there are some already."""
    if PolicyVersion.objects.exists():
        return "Policy: versions exist already; left as they are."
    people = ctx["people"]
    author = people["chie"]
    org = ctx["organization"]
    try:
        v1 = version_create_draft(actor=author, title="Acme social media policy",
                                  title_ja="アクメ ソーシャルメディアポリシー",
                                  yaml=acme_yaml(org), guidance_en=GUIDANCE_EN,
                                  guidance_ja=GUIDANCE_JA,
                                  changes_en="The first version of our policy.",
                                  changes_ja="最初の版です。")
        version_submit(version=v1, actor=author)
        for role in required_roles():
            signer = people.get(SIGNERS.get(role, ""))
            if signer is None or not signer.has_role(role):
                return (f"Policy: no demo person holds the sign-off role '{role}'; "
                        "v1 left in review.")
            version_sign_off(version=v1, actor=signer, role=role, decision=Decision.APPROVE,
                             comment=COMMENTS.get(role, "Approved."))
        v1.refresh_from_db()
        v1 = version_publish(version=v1, actor=author)
        version_set_public(version=v1, actor=author, public=True)
        for username in ("emma", "paula", "leo", "chie", "ivan"):
            if username in people:
                acknowledgement_create(user=people[username], version=v1)

        v2 = version_create_draft(actor=author, title="Acme social media policy",
                                  title_ja="アクメ ソーシャルメディアポリシー",
                                  yaml=acme_yaml(org, v2=True), guidance_en=GUIDANCE_EN,
                                  guidance_ja=GUIDANCE_JA, changes_en=CHANGES_V2_EN,
                                  changes_ja=CHANGES_V2_JA)
        version_submit(version=v2, actor=author)
        roles = required_roles()
        given = 0
        if roles and people.get(SIGNERS.get(roles[0], "")):
            version_sign_off(version=v2, actor=people[SIGNERS[roles[0]]], role=roles[0],
                             decision=Decision.APPROVE,
                             comment="Phone numbers as major: agreed, they identify people.")
            given = 1
    except KoeError as exc:
        return f"Policy: demo not loaded: {exc}"
    acks = Acknowledgement.objects.filter(version=v1).count()
    return (f"Policy: v1 published (public link /policy/public/{v1.public_token}/, "
            f"{acks} confirmations); v2 in review with {given} of {len(roles)} sign-offs.")
