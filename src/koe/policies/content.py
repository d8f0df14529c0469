"""Built-in words of the policy: the default guidance (do's first) and the starter YAML."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence

DEFAULT_TITLE = {"en": "Social media policy", "ja": "ソーシャルメディアポリシー"}

DEFAULT_GUIDANCE_EN = """\
We want you on social media. Your voice — your knowledge, your curiosity, your enthusiasm for
what we make — is the most credible thing we have. This page says what we hope you will do,
the few things to avoid, and what happens if something goes wrong.

## What we want you to do

- **Be yourself and speak for yourself.** Share what you learn, what you are proud of, and what
  you find interesting. Write in the first person: "I think…", not "we at the company…".
- **Say where you work when you talk about our products.** A short "I work here" keeps you
  honest with readers and within the law on promotion.
- **Share what is already public.** Reposting our official announcements, blog posts and
  job openings is always fine, and it helps.
- **Be kind and curious.** Thank people, answer questions you know the answer to, and point
  customers with a problem to the official support channel.
- **Ask when you are unsure.** Paste a draft into *Can I post this?* — it explains what it
  notices and suggests a better way to say it. Or ask the social media team.

## What to avoid

- Other people's personal information: customers', colleagues', your own ID numbers.
- Passwords, keys, tokens, and anything marked internal or confidential, including
  unreleased projects and their code names.
- Copying private internal discussions to public places.
- Speaking *for* the company, promising results, or making claims only Legal can approve.
- Attacks on people. Disagree with ideas, politely.

## If something goes wrong

Most slips are honest mistakes, and we treat them that way: privately, politely, with a
better way to say it. The ladder below says exactly what happens for minor and for serious
(major) issues, the first time and if it happens again.
"""

DEFAULT_GUIDANCE_JA = """\
ソーシャルメディアでの皆さんの発信を歓迎します。皆さんの知識や好奇心、自分たちの製品への思いは、
会社にとって何より信頼される声です。このページでは、してほしいこと、避けてほしい少しのこと、
そして問題が起きたときにどうなるかを説明します。

## してほしいこと

- **自分の言葉で、自分として話しましょう。** 学んだこと、誇りに思うこと、面白いと思ったことを
  共有してください。「会社として」ではなく「私は」で書きましょう。
- **自社製品に触れるときは、勤務先を明らかにしましょう。** 「社員です」の一言で読者に誠実になり、
  ステルスマーケティング規制にも沿います。
- **公開済みの情報を広めましょう。** 公式発表、ブログ記事、採用情報のシェアはいつでも歓迎です。
- **親切に、好奇心をもって。** 感謝を伝え、答えられる質問には答え、困っているお客様は
  公式サポート窓口へ案内しましょう。
- **迷ったら聞きましょう。** 下書きを「投稿前チェック」に貼り付けると、気になる点とより良い
  言い方を教えてくれます。ソーシャルメディア担当に相談しても構いません。

## 避けてほしいこと

- お客様や同僚の個人情報、自分の番号類（マイナンバーなど）。
- パスワード、鍵、トークン、社外秘や内部資料の内容。未発表のプロジェクトやコードネームも含みます。
- 社内の非公開の議論を外部に転載すること。
- 会社を代表して話すこと、成果を約束すること、法務の確認が必要な主張をすること。
- 人への攻撃。意見には反対しても、礼儀正しく。

## 問題が起きたとき

ほとんどの問題は悪意のないうっかりミスです。私たちはそのように扱います。個別に、丁寧に、
より良い伝え方を添えてお知らせします。軽微な場合と重大な場合、初回と繰り返しの場合に
何が起きるかは、下の段階表のとおりです。
"""

DEFAULT_GUIDANCE = {"en": DEFAULT_GUIDANCE_EN, "ja": DEFAULT_GUIDANCE_JA}

STARTER_YAML = """\
# Your organization's social media policy. It builds on Koe's built-in policy: override a
# rule by its code, switch one off, or add your own in the same format as the built-ins.
# The policy page lists every rule and its code.
extends: default
name: {name}
organization:
  names: {names}                 # how people write the organization's name
  products: {products}           # product names
  codenames: {codenames}         # unreleased projects: confidential
  internal_domains: {domains}    # host names that only exist inside
rules:
  # P102: {{severity: major}}     # make phone numbers a major finding
  # H104: {{enabled: false}}      # switch a rule off
"""


def _flow(values: Sequence[str]) -> str:
    return json.dumps(list(values), ensure_ascii=False)  # JSON lists are YAML flow sequences


def starter_yaml(organization: Mapping[str, Sequence[str]] | None = None) -> str:
    """A policy that extends the default one, with the organization's facts filled in."""
    org = organization or {}
    names = list(org.get("names") or [])
    name = f"{names[0]} social media policy" if names else "Our social media policy"
    return STARTER_YAML.format(
        name=json.dumps(name, ensure_ascii=False), names=_flow(names),
        products=_flow(org.get("products") or []), codenames=_flow(org.get("codenames") or []),
        domains=_flow(org.get("internal_domains") or []))
