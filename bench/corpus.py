"""Synthetic social posts and internal documents for Koe's benchmarks.

Everything here is generated from templates with a seeded random generator: no network, no
data files, the same seed gives the same corpus on every machine.

Posts are about half Japanese and half English, up to 280 characters, mostly everyday chatter
and product talk about a fictional organization (Acme / アクメ, its product Acme Cloud /
アクメクラウド, the code name Falcon / ファルコン). A few percent of posts carry one problem
each, one kind per problem (``KINDS``), and a share of the clean posts are decoys that look
like a problem and are not (a disclosed ad, a falcon at the river, a warning about scams).

Internal documents are meeting notes, chat threads and wiki pages. Document ``i`` depends only
on the seed and ``i``, so the first N documents are the same whatever N is, and the posts that
copy a document (kind ``internal_copy``) always copy one of the first ``docs`` documents.

Use it as a module::

    from corpus import generate_posts, generate_documents
    docs = generate_documents(1000, seed=7)
    posts = generate_posts(5000, seed=7, docs=docs)

or from the command line (writes JSONL to bench/out/)::

    python bench/corpus.py --posts 100000 --docs 100000
"""

from __future__ import annotations

import argparse
import json
import random
import string
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

__all__ = [
    "KINDS",
    "OUT_DIR",
    "document_text",
    "generate_documents",
    "generate_posts",
    "write_jsonl",
]

OUT_DIR = Path(__file__).resolve().parent / "out"
MAX_LEN = 280

# Problem kind → the Koe category a correct scan reports for it.
KINDS: dict[str, str] = {
    "email": "pii",
    "phone": "pii",
    "card": "pii",
    "token": "secret",
    "password": "secret",
    "insult": "harassment",
    "ad_without_pr": "disclosure",
    "guaranteed_return": "claims",
    "on_behalf": "spokesperson",
    "codename": "confidential",
    "internal_copy": "leak",
}

# --------------------------------------------------------------------------- word pools

FIRST_EN = ["James", "Mary", "Robert", "Linda", "Michael", "Sarah", "David", "Emma", "Daniel",
            "Olivia", "Chris", "Priya", "Wei", "Carlos", "Fatima", "Liam", "Noah", "Ava",
            "Ethan", "Grace", "Hannah", "Lucas", "Maya", "Omar", "Rachel", "Sam", "Tom", "Zoe"]
LAST_EN = ["Smith", "Johnson", "Brown", "Garcia", "Miller", "Davis", "Wilson", "Moore",
           "Taylor", "Anderson", "Thomas", "Lee", "Martin", "Clark", "Lewis", "Walker", "Young",
           "King", "Wright", "Lopez", "Hill", "Green", "Baker", "Nelson", "Patel", "Kim"]
FIRST_JA = ["翔太", "花子", "健太", "美咲", "大輔", "陽菜", "拓也", "結衣", "直樹", "愛",
            "亮", "さくら", "悠真", "葵", "隆", "真由美", "和也", "彩", "誠", "恵"]
LAST_JA = ["佐藤", "鈴木", "高橋", "田中", "伊藤", "渡辺", "山本", "中村", "小林", "加藤",
           "吉田", "山田", "佐々木", "山口", "松本", "井上", "木村", "林", "清水", "森"]
ROMAJI = ["sato", "suzuki", "takahashi", "tanaka", "ito", "watanabe", "yamamoto", "nakamura",
          "kobayashi", "kato", "yoshida", "yamada", "matsumoto", "inoue", "kimura", "shimizu",
          "hanako", "shota", "kenta", "misaki", "yui", "naoki", "sakura", "aoi", "makoto"]
MAIL_DOMAINS = ["gmail.com", "yahoo.co.jp", "outlook.com", "icloud.com", "hotmail.com",
                "docomo.ne.jp", "ezweb.ne.jp", "proton.me", "example.com", "mail.example.org"]

FOOD_EN = ["ramen", "tacos", "pad thai", "sourdough", "pho", "banana bread", "sushi",
           "burrito", "matcha latte", "cold brew", "pizza", "curry", "dumplings", "bagels"]
FOOD_JA = ["ラーメン", "カレー", "親子丼", "たこ焼き", "抹茶ラテ", "焼き鳥", "お寿司",
           "餃子", "オムライス", "ハンバーグ", "うどん", "パンケーキ", "かき氷", "牛丼"]
PLACE_EN = ["the farmers market", "the new place downtown", "that tiny cafe on 5th",
            "the food truck by the office", "my sister's place", "the airport",
            "the beach", "the library", "the climbing gym", "the park"]
PLACE_JA = ["駅前の新しいお店", "近所の公園", "渋谷", "実家", "図書館", "空港", "海",
            "会社の近くのカフェ", "商店街", "ジム", "動物園", "映画館"]
CITY_EN = ["Seattle", "Austin", "Tokyo", "Osaka", "Berlin", "Toronto", "Sydney", "Denver",
           "London", "Singapore"]
CITY_JA = ["東京", "大阪", "名古屋", "福岡", "札幌", "仙台", "京都", "横浜", "神戸", "那覇"]
ADJ_EN = ["amazing", "way too salty", "honestly life-changing", "fine I guess", "so good",
          "overpriced but worth it", "not what I expected", "perfect"]
ADJ_JA = ["最高だった", "しょっぱすぎた", "想像以上だった", "普通かな", "めちゃくちゃ美味しい",
          "ちょっと高いけど満足", "また行きたい", "感動した"]
WEATHER_EN = ["Rain again.", "Finally some sun!", "It's freezing out there.",
              "Humid doesn't even begin to describe it.", "Snow day!", "Windy enough to lose an umbrella."]
WEATHER_JA = ["また雨。", "やっと晴れた！", "寒すぎる。", "湿気がすごい。", "雪だ！",
              "風強すぎて傘が壊れた。", "今日は暑いね。"]
SHOW_EN = ["the new season of that baking show", "a 900-page fantasy novel", "the documentary about octopuses",
           "the finale", "that podcast everyone keeps recommending"]
SHOW_JA = ["朝ドラ", "話題のアニメ", "新刊の小説", "あのドキュメンタリー", "推しの配信",
           "月9の最終回"]
HOBBY_EN = ["hiking", "baking", "gaming", "gardening", "running", "painting", "board games"]
HOBBY_JA = ["キャンプ", "料理", "ゲーム", "ガーデニング", "ランニング", "写真", "釣り", "ボードゲーム"]
MONTH_EN = ["January", "February", "March", "April", "May", "June", "July", "August",
            "September", "October", "November", "December"]
TEAMS = ["Hawks", "Giants", "Tigers", "Mariners", "Swallows", "Marines", "Lakers", "Eagles"]
TOPICS_EN = ["urban planning", "deep sea creatures", "typography", "the history of tea",
             "compilers", "birdwatching", "sleep science", "sourdough chemistry"]
SITES = ["example.com", "blog.example.net", "news.example.org", "photos.example.jp",
         "shop.example.co.jp", "video.example.com"]
EMOJI = ["😂", "🙏", "✨", "😭", "🔥", "👍", "☕", "🍜", "🎉", "😴", "🌧", "🌸", "💪", "🤔"]
TAGS_EN = ["#MondayMotivation", "#coffee", "#running", "#foodie", "#devlife", "#weekend",
           "#booklover", "#travel", "#photography", "#AcmeCloud"]
TAGS_JA = ["#おうちごはん", "#ランニング", "#カフェ巡り", "#今日の一枚", "#読書記録",
           "#週末", "#エンジニア", "#アクメクラウド"]

ORG_EN, ORG_JA = "Acme", "アクメ"
PRODUCT_EN, PRODUCT_JA = "Acme Cloud", "アクメクラウド"
CODENAME_EN, CODENAME_JA = "Falcon", "ファルコン"

SYLLABLES = ["ka", "ri", "to", "mo", "sa", "ne", "lu", "vi", "dor", "ex", "zan", "pel", "qua",
             "tor", "bri", "fen", "gal", "hox", "jun", "kel", "mar", "nio", "ost", "pra"]
KATAKANA = list("アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモ"
                "ヤユヨラリルレロワンガギグゲゴザジズゼゾダデドバビブベボパピプペポ")
BIRD_CODENAMES = ["Heron", "Osprey", "Kestrel", "Condor", "Raven", "Puffin", "Egret",
                  "Plover", "Merlin", "Swift"]
BIRD_CODENAMES_JA = ["ヘロン", "オスプレイ", "ケストレル", "コンドル", "レイブン", "パフィン",
                     "イーグレット", "プラバー", "マーリン", "スイフト"]


# --------------------------------------------------------------------------- slot values


def _digits(rng: random.Random, n: int) -> str:
    return "".join(rng.choice(string.digits) for _ in range(n))


def _alnum(rng: random.Random, n: int, alphabet: str = string.ascii_letters + string.digits) -> str:
    return "".join(rng.choice(alphabet) for _ in range(n))


def _email(rng: random.Random) -> str:
    style = rng.random()
    if style < 0.45:
        local = f"{rng.choice(ROMAJI)}.{rng.choice(ROMAJI)}{rng.randint(1, 99)}"
    elif style < 0.8:
        local = f"{rng.choice(FIRST_EN).lower()}.{rng.choice(LAST_EN).lower()}"
    else:
        local = f"{rng.choice(ROMAJI)}_{_alnum(rng, 4, string.ascii_lowercase + string.digits)}"
    address = f"{local}@{rng.choice(MAIL_DOMAINS)}"
    if rng.random() < 0.08:  # typed on a Japanese keyboard in full-width
        address = address.translate(_FULLWIDTH)
    return address


_FULLWIDTH = {cp: cp + 0xFEE0 for cp in range(0x21, 0x7F)}


def _phone_jp(rng: random.Random) -> str:
    r = rng.random()
    if r < 0.45:
        return f"0{rng.choice('789')}0-{_digits(rng, 4)}-{_digits(rng, 4)}"
    if r < 0.65:
        return f"0{rng.choice(['3', '6', '52', '92', '11'])}-{_digits(rng, 4)}-{_digits(rng, 4)}"
    if r < 0.75:
        return f"0120-{_digits(rng, 3)}-{_digits(rng, 3)}"
    if r < 0.9:
        return f"+81 {rng.choice('789')}0 {_digits(rng, 4)} {_digits(rng, 4)}"
    return f"0{rng.choice('789')}0{_digits(rng, 8)}".translate(_FULLWIDTH)


def _phone_us(rng: random.Random) -> str:
    area = rng.choice(["206", "212", "312", "415", "512", "617", "646", "702", "818", "917"])
    exchange = f"{rng.randint(2, 9)}{_digits(rng, 2)}"
    line = _digits(rng, 4)
    return rng.choice([f"({area}) {exchange}-{line}", f"{area}-{exchange}-{line}",
                       f"+1 {area} {exchange} {line}", f"{area}.{exchange}.{line}"])


def _luhn(rng: random.Random, prefix: str, length: int) -> str:
    body = prefix + _digits(rng, length - len(prefix) - 1)
    total = 0
    for i, ch in enumerate(reversed(body)):
        d = int(ch)
        if i % 2 == 0:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return body + str((10 - total % 10) % 10)


def _card(rng: random.Random) -> str:
    kind = rng.random()
    if kind < 0.15:  # American Express: 4-6-5
        n = _luhn(rng, rng.choice(["34", "37"]), 15)
        sep = rng.choice([" ", "-"])
        return f"{n[:4]}{sep}{n[4:10]}{sep}{n[10:]}"
    prefix = rng.choice(["4", "4", "51", "53", "55", "35", "2221"])
    n = _luhn(rng, prefix, 16)
    sep = rng.choice([" ", "-", " ", ""])
    return sep.join(n[i:i + 4] for i in range(0, 16, 4))


def _token(rng: random.Random) -> str:
    r = rng.random()
    if r < 0.3:
        return "AKIA" + _alnum(rng, 16, string.ascii_uppercase + "234567")
    if r < 0.55:
        return "ghp_" + _alnum(rng, 36)
    if r < 0.7:
        return f"xoxb-{_digits(rng, 11)}-{_digits(rng, 12)}-{_alnum(rng, 24)}"
    if r < 0.85:
        return "sk_live_" + _alnum(rng, 24)
    return "glpat-" + _alnum(rng, 20, string.ascii_letters + string.digits + "-_")


def _password(rng: random.Random) -> str:
    word = rng.choice(["sakura", "tama", "hunter", "dragon", "monkey", "sunshine", "pochi",
                       "acme", "falcon", "kitty", "summer", "tokyo", "letmein", "qwerty"])
    if rng.random() < 0.5:
        word = word.capitalize()
    return word + rng.choice(["", str(rng.randint(1, 99)), str(rng.randint(1980, 2026))]) + \
        rng.choice(["", "!", "#", "@", "$", "?"])


def _url(rng: random.Random) -> str:
    path = _alnum(rng, rng.randint(5, 10), string.ascii_lowercase + string.digits)
    return f"https://{rng.choice(SITES)}/{path}"


def _handle(rng: random.Random) -> str:
    base = rng.choice(ROMAJI + [n.lower() for n in FIRST_EN])
    return "@" + base + rng.choice(["", "_", ""]) + (str(rng.randint(1, 999)) if rng.random() < 0.6 else "")


def _coupon(rng: random.Random) -> str:
    return rng.choice(["ACME", "CLOUD", "SAVE", "HANA", "MIKA", "TOM"]) + str(rng.randint(5, 50))


def _date_en(rng: random.Random) -> str:
    return f"{rng.choice(MONTH_EN)} {rng.randint(1, 28)}"


def _date_ja(rng: random.Random) -> str:
    return f"{rng.randint(1, 12)}月{rng.randint(1, 28)}日"


def _customer_en(rng: random.Random) -> str:
    name = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()
    return f"{name} {rng.choice(['Corp', 'Inc.', 'Logistics', 'Foods', 'Bank', 'Health', 'Labs', 'Retail'])}"


def _customer_ja(rng: random.Random) -> str:
    name = "".join(rng.choice(KATAKANA) for _ in range(rng.randint(3, 5)))
    return rng.choice([f"株式会社{name}", f"{name}商事", f"{name}銀行", f"{name}ホールディングス",
                       f"{name}物流"])


def _project_en(rng: random.Random) -> str:
    return CODENAME_EN if rng.random() < 0.35 else rng.choice(BIRD_CODENAMES)


def _project_ja(rng: random.Random) -> str:
    return CODENAME_JA if rng.random() < 0.35 else rng.choice(BIRD_CODENAMES_JA)


SLOTS: dict[str, Callable[[random.Random], str]] = {
    "first": lambda r: r.choice(FIRST_EN),
    "person": lambda r: f"{r.choice(FIRST_EN)} {r.choice(LAST_EN)}",
    "person_ja": lambda r: f"{r.choice(LAST_JA)}{r.choice(['', ' ' + r.choice(FIRST_JA)])}",
    "food": lambda r: r.choice(FOOD_EN),
    "food_ja": lambda r: r.choice(FOOD_JA),
    "place": lambda r: r.choice(PLACE_EN),
    "place_ja": lambda r: r.choice(PLACE_JA),
    "city": lambda r: r.choice(CITY_EN),
    "city_ja": lambda r: r.choice(CITY_JA),
    "adj": lambda r: r.choice(ADJ_EN),
    "adj_ja": lambda r: r.choice(ADJ_JA),
    "weather": lambda r: r.choice(WEATHER_EN),
    "weather_ja": lambda r: r.choice(WEATHER_JA),
    "show": lambda r: r.choice(SHOW_EN),
    "show_ja": lambda r: r.choice(SHOW_JA),
    "hobby": lambda r: r.choice(HOBBY_EN),
    "hobby_ja": lambda r: r.choice(HOBBY_JA),
    "month": lambda r: r.choice(MONTH_EN),
    "month_ja": lambda r: f"{r.randint(1, 12)}月",
    "team": lambda r: r.choice(TEAMS),
    "topic": lambda r: r.choice(TOPICS_EN),
    "n": lambda r: str(r.randint(2, 12)),
    "m": lambda r: str(r.randint(13, 60)),
    "km": lambda r: str(r.randint(3, 21)),
    "min": lambda r: str(r.randint(5, 95)),
    "pct": lambda r: str(r.choice([3, 5, 8, 10, 12, 15, 20, 25, 30])),
    "amount": lambda r: str(r.randint(2, 480)),
    "year": lambda r: str(r.randint(2019, 2026)),
    "time": lambda r: f"{r.randint(9, 18)}:{r.choice(['00', '15', '30', '45'])}",
    "weekday": lambda r: r.choice(["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]),
    "weekday_ja": lambda r: r.choice(["月曜", "火曜", "水曜", "木曜", "金曜"]),
    "date": _date_en,
    "date_ja": _date_ja,
    "url": _url,
    "handle": _handle,
    "emoji": lambda r: r.choice(EMOJI),
    "email": _email,
    "phone_us": _phone_us,
    "phone_jp": _phone_jp,
    "card": _card,
    "token": _token,
    "pw": _password,
    "pin": lambda r: _digits(r, 4),
    "coupon": _coupon,
    "customer": _customer_en,
    "customer_ja": _customer_ja,
    "project": _project_en,
    "project_ja": _project_ja,
    "org": lambda r: ORG_EN,
    "org_ja": lambda r: ORG_JA,
    "product": lambda r: PRODUCT_EN,
    "product_ja": lambda r: PRODUCT_JA,
    "codename": lambda r: CODENAME_EN,
    "codename_ja": lambda r: CODENAME_JA,
    "q": lambda r: str(r.randint(1, 4)),
    "room": lambda r: str(r.randint(1, 12)),
    "team_en": lambda r: r.choice(["Platform", "Sales", "Support", "Design", "Data", "Mobile",
                                   "Billing", "Growth", "Security", "Infra"]),
    "team_ja": lambda r: r.choice(["プラットフォーム部", "営業部", "サポート部", "デザイン室",
                                   "データ分析チーム", "モバイル開発部", "経理部", "広報部",
                                   "セキュリティ室", "インフラチーム"]),
    "component": lambda r: r.choice(["the billing API", "the login service", "the mobile app",
                                     "the admin console", "the export job", "the SSO gateway"]),
    "component_ja": lambda r: r.choice(["課金API", "ログイン基盤", "モバイルアプリ", "管理画面",
                                        "エクスポート処理", "SSO連携"]),
    "tier": lambda r: r.choice(["Starter", "Team", "Business", "Enterprise"]),
    "tier_ja": lambda r: r.choice(["スターター", "チーム", "ビジネス", "エンタープライズ"]),
    "issue": lambda r: r.choice(["intermittent timeouts", "double billing", "missing invoices",
                                 "slow dashboard loads", "failed backups", "a data export bug"]),
    "issue_ja": lambda r: r.choice(["断続的なタイムアウト", "二重請求", "請求書の欠落",
                                    "ダッシュボードの表示遅延", "バックアップ失敗",
                                    "データ出力の不具合"]),
    "phase": lambda r: r.choice(["private beta", "public beta", "general availability",
                                 "a limited pilot", "feature freeze"]),
    "phase_ja": lambda r: r.choice(["クローズドベータ", "パブリックベータ", "正式リリース",
                                    "限定パイロット", "機能凍結"]),
    "updown": lambda r: r.choice(["above", "below"]),
    "updown_ja": lambda r: r.choice(["増", "減"]),
    "doc_kind": lambda r: r.choice(["launch plan", "pricing memo", "FAQ", "press release draft",
                                    "incident report", "migration guide"]),
    "doc_kind_ja": lambda r: r.choice(["ローンチ計画", "価格改定メモ", "FAQ", "プレスリリース案",
                                       "障害報告書", "移行ガイド"]),
    "channel": lambda r: r.choice(["general", "product", "launch-war-room", "sales-jp",
                                   "leadership", "random", "incident"]),
}


class _Slots(dict):
    """Fills ``{name}`` in a template; a name used twice gets the same value."""

    def __init__(self, rng: random.Random):
        super().__init__()
        self.rng = rng

    def __missing__(self, key: str) -> str:
        value = SLOTS[key](self.rng)
        self[key] = value
        return value


def fill(template: str, rng: random.Random) -> str:
    return template.format_map(_Slots(rng))


# --------------------------------------------------------------------------- post templates

EVERYDAY_EN = [
    "Finally tried the {food} at {place} and it was {adj}.",
    "Anyone else stuck in traffic this morning? {emoji}",
    "{weather} Staying in with {show}.",
    "Just finished {show}. No spoilers but wow.",
    "Morning run: {km} km in {min} minutes. Legs are jelly.",
    "Can't believe it's already {month}.",
    "Coffee number {n} of the day {emoji}",
    "Watching the {team} game tonight, calling it now: they win by {n}.",
    "Took the kids to {place} this weekend, everyone slept in the car on the way back.",
    "Reading about {topic} and now I can't stop.",
    "Does anyone have a good recipe for {food}? Asking for a friend (me).",
    "New blog post about {hobby}: {url}",
    "{handle} thanks for the recommendation, it was {adj}!",
    "Weekend plans: {hobby}, laundry, and absolutely nothing else.",
    "Flight to {city} got delayed {min} minutes. Airport {food} it is.",
    "My cat knocked my coffee onto the keyboard. Again. {emoji}",
    "Hot take: {food} is better the next day.",
    "Our team shipped a feature today I've been working on since {month}. Proud of everyone.",
    "Started learning {hobby} this year and it's been the best decision.",
    "The sunset in {city} tonight was unreal {emoji}",
    "Three meetings before lunch. Send {food}.",
    "Reminder that drinking water is a personality trait now.",
    "Migrated my side project to {product} this weekend, setup took about {min} minutes.",
    "Is {product} down for anyone else or just me?",
    "The {product} status page says all green now, thanks for the quick fix.",
    "Heading to the {org} user meetup in {city} tonight, say hi if you're there!",
    "Just saw the new {org} ad on the train, the music is catchy.",
    "Comparing {product} with a couple of other providers for my startup. Thoughts?",
    "{product} docs are actually readable, which is rare.",
    "Happy {weekday}! Whatever you're working on, you've got this.",
    "Bought a plant. Named it {first}. It's already wilting.",
    "Tried {hobby} for the first time today. I am terrible at it and I love it.",
    "Lunch was {food}, dinner will also be {food}. No regrets.",
    "Spent the afternoon at {place} reading. Perfect day.",
    "If anyone in {city} needs a {hobby} buddy, DM me.",
    "Podcast recommendation thread, go. I have a {n} hour drive tomorrow.",
    "The line at {place} was {m} people long. Worth it? Maybe.",
    "Photos from last weekend's trip are up: {url}",
]

EVERYDAY_JA = [
    "{food_ja}食べた。{adj_ja}！",
    "{weather_ja}洗濯物どうしよう。",
    "{place_ja}に行ってきた。人が多すぎる…",
    "朝ラン{km}km、{min}分。足がもう限界。",
    "もう{month_ja}か、一年早すぎない？",
    "{show_ja}見終わった。余韻がすごい。",
    "電車が{min}分遅れてて遅刻しそう{emoji}",
    "週末は{hobby_ja}の予定。晴れますように。",
    "{city_ja}出張。夜は{food_ja}食べたい。",
    "猫がキーボードの上で寝てて仕事にならない{emoji}",
    "今日のお昼は{food_ja}。{adj_ja}。",
    "{handle} おすすめありがとう！{adj_ja}！",
    "ブログ更新しました → {url}",
    "会議が{n}本続いて頭が回らない。",
    "子どもと{place_ja}へ。帰りの車で全員爆睡。",
    "{hobby_ja}始めて{n}ヶ月。少しずつ上達してる気がする。",
    "新しい観葉植物を買った。枯らさないように頑張る。",
    "{city_ja}の夕焼けがきれいすぎた{emoji}",
    "今日も一日おつかれさまでした。",
    "コーヒー{n}杯目。カフェイン取りすぎかも。",
    "{product_ja}に個人ブログを移行した。思ったより簡単だった。",
    "{product_ja}、今つながりにくい？自分だけ？",
    "{org_ja}の新しいCM、音楽がいいね。",
    "{city_ja}で{org_ja}のユーザー会があるらしい。行ってみようかな。",
    "{product_ja}のドキュメント、わかりやすくて助かる。",
    "スタートアップのサーバー、{product_ja}にするか迷ってる。みんなどう？",
    "{team}の試合、今日こそ勝ってほしい。",
    "久しぶりに{food_ja}作った。{adj_ja}。",
    "図書館で本を{n}冊借りた。読み切れるかな。",
    "{weekday_ja}なのにもう疲れた。",
    "雨の日の{place_ja}、空いてて最高。",
    "推しのライブまであと{n}日！",
    "{min}分並んで{food_ja}買えた。{adj_ja}。",
    "写真アップしました {url}",
    "明日から{city_ja}旅行。天気が心配。",
    "在宅勤務の日は{food_ja}率が高い。",
]

PROBLEMS_EN: dict[str, list[str]] = {
    "email": [
        "Send your portfolio to {email} and mention this post!",
        "DM me or just email {email} if you want the slides from today.",
        "My personal email is {email}, reach out anytime about the meetup.",
        "Lost my AirPods near {place}. If found please email {email} {emoji}",
        "Selling my old bike, contact {email} for photos.",
        "For the volunteer signup, write to {email} with your name and shirt size.",
    ],
    "phone": [
        "Lost dog near {place}! Please call me at {phone_us} if you see him.",
        "Text {phone_us} for the carpool tomorrow, leaving at {time}.",
        "New number, same me: {phone_us}. Save it!",
        "Anyone selling tickets for the {team} game? Call {phone_us}.",
        "If you're in Tokyo, my Japan number is {phone_jp}.",
    ],
    "card": [
        "Why does my card {card} keep getting declined at {place}?? {emoji}",
        "Bank please explain, card ending... actually the full number is {card}, why blocked?",
        "Booked the trip! Paid with {card}, exp 0{n}/28, hope that's right.",
        "Can someone check if {card} is a valid card format? Online store says no.",
    ],
    "token": [
        "Deploy keeps failing, here's my config: access_key={token} can anyone help?",
        "Lol accidentally pasted my token {token} in the team chat. Whatever, it's fine.",
        "Here's the key if you want to try the API yourself: {token}",
        "Why does {product} reject {token}? It worked yesterday.",
        "Debugging in public: export API_TOKEN={token} then run the script.",
    ],
    "password": [
        "Guests keep asking so: the wifi password is {pw} {emoji}",
        "The password for the team's shared account is {pw}, don't share it around.",
        "For the workshop laptop, user admin and password {pw}.",
        "Note to self because I keep forgetting: my password is {pw}",
        "New router installed, passcode: {pw}. Come over anytime!",
    ],
    "insult": [
        "{handle} you're a complete idiot, stop posting.",
        "{handle} shut up, loser. Nobody asked.",
        "What a moron. {handle} has no idea what he's talking about.",
        "{handle} you pathetic clown, go cry somewhere else.",
        "{handle} go die, seriously.",
        "{handle} you're so stupid it's embarrassing to read this.",
        "Absolute 1d10t take from {handle}. Delete your account.",
        "{handle} nobody wants you here, you worthless piece of trash.",
    ],
    "ad_without_pr": [
        "Obsessed with {product}! Use my code {coupon} for {pct}% off your first month → {url}",
        "Big thanks to {org} for sending me their new starter kit! Sign up with my link: {url}",
        "Switched everything to {product} and my life is easier. Grab {pct}% off with code {coupon}!",
        "{product} just made my week. Try it free with my referral link {url} {emoji}",
        "Honestly the best hosting I've used. {product}, {pct}% off through my link: {url}",
    ],
    "guaranteed_return": [
        "Invest with us and get guaranteed {pct}% returns every month, zero risk! DM me.",
        "100% guaranteed profit, principal protected, no experience needed. Link in bio.",
        "Risk-free returns of {pct}% monthly, your principal is guaranteed. Spots are limited!",
        "My crypto signal group: guaranteed returns, you cannot lose. Join now {url}",
        "Turn $500 into $5,000 in {n} weeks, guaranteed. I did it, so can you.",
    ],
    "on_behalf": [
        "Speaking on behalf of {org}: we're sorry about today's outage and everyone gets a refund.",
        "On behalf of {org}, I can confirm that prices will not change this year.",
        "As {org}'s official position, the rumours about layoffs are false.",
        "I'm authorized to say on behalf of {org} that {product} will support every region by {month}.",
        "Officially speaking for {org} here: the data breach story is overblown.",
    ],
    "codename": [
        "Can't say much but {codename} is going to blow your minds next quarter {emoji}",
        "{codename} beta is finally stable internally, launch is planned for {month}.",
        "Long day working on Project {codename}. Demo to leadership went great.",
        "If you're excited about {product}, wait until you see what {codename} does.",
        "Our internal {codename} dashboard shows {m}% faster queries. Launch soon!",
    ],
}

PROBLEMS_JA: dict[str, list[str]] = {
    "email": [
        "ポートフォリオは{email}まで送ってください！",
        "今日のスライドがほしい方は{email}にメールください。",
        "個人アドレスは {email} です。気軽に連絡してね。",
        "{place_ja}で財布を落としました。見つけた方は{email}までお願いします{emoji}",
        "自転車を譲ります。写真は{email}へ連絡をください。",
    ],
    "phone": [
        "犬が迷子です！{place_ja}付近で見かけたら{phone_jp}に電話してください。",
        "明日の送迎の件、{phone_jp}にショートメールください。",
        "電話番号変わりました。新しい番号は{phone_jp}です。",
        "チケット譲ってくれる人いたら{phone_jp}まで！",
        "アメリカにいる間は{phone_us}に連絡してね。",
    ],
    "card": [
        "カード番号{card}で決済できないんだけどなんで？{emoji}",
        "旅行予約した！カード{card}、有効期限0{n}/28で合ってるかな。",
        "ネットショップで{card}が使えないと言われた。カード会社に電話する。",
        "クレカ{card}の明細が届かない件、問い合わせ中。",
    ],
    "token": [
        "デプロイが通らない。設定はこれ→ access_key={token} 誰か見て",
        "このトークン {token} 使って試してみて。",
        "間違えてチャットにトークン{token}貼っちゃった。まあいいか。",
        "{product_ja}で{token}が弾かれる。昨日は動いたのに。",
    ],
    "password": [
        "家のWi-Fiのパスワードは{pw}です。遊びに来た時に使ってね{emoji}",
        "チーム共有アカウントのパスワードは{pw}。他の人には内緒で。",
        "研修用PCはユーザー admin、パスワード {pw} でログインできます。",
        "忘れそうだからメモ：パスは{pw}",
        "キャッシュカードの暗証番号は{pin}、なんて書いちゃだめだよね笑",
    ],
    "insult": [
        "{handle} お前ほんとバカだな。二度と投稿すんな。",
        "{handle} キモすぎ、消えろ。",
        "{handle} 死ね",
        "このクズが。{handle}は黙ってろ。",
        "{handle} 頭悪すぎw 小学生からやり直せ",
        "{handle} ブスが調子乗るな",
        "{handle} ば か じゃないの？",
        "{handle} 無能すぎて笑える。会社辞めれば？",
    ],
    "ad_without_pr": [
        "{product_ja}使ってみたら最高でした！今なら私のリンクから初月無料→{url}",
        "{org_ja}さんから新しいスターターキットをいただきました！クーポンコード{coupon}で{pct}%オフ",
        "{product_ja}に乗り換えて本当によかった。紹介コード{coupon}で割引になるよ！",
        "最近のお気に入りは{product_ja}。このリンクから申し込むと{pct}%オフ→{url}",
    ],
    "guaranteed_return": [
        "元本保証で月利{pct}%！絶対に損しません。詳しくはDMで。",
        "必ず儲かる投資案件あります。興味ある方はプロフのリンクから。",
        "確実に稼げる副業、月収{m}万円保証。初心者でも大丈夫！",
        "リスクゼロで資産が{n}倍に。元本割れは絶対にありません。",
    ],
    "on_behalf": [
        "{org_ja}を代表してお詫び申し上げます。本日の障害について全員に返金いたします。",
        "{org_ja}の公式見解として言いますが、今年の値上げはありません。",
        "会社を代表して申し上げると、リストラの噂は事実無根です。（{org_ja}社員）",
        "{org_ja}として正式にお答えします。{product_ja}は{month_ja}に全リージョン対応します。",
    ],
    "codename": [
        "{codename_ja}、社内デモ見たけどすごかった。来期が楽しみ{emoji}",
        "例の{codename_ja}案件、{month_ja}リリースらしい。",
        "今日も一日{codename_ja}プロジェクト。役員デモは大成功。",
        "{product_ja}が好きな人は{codename_ja}が出たら絶対驚くと思う。",
        "社内の{codename_ja}ダッシュボード見たらクエリが{m}%速くなってた。",
    ],
}

# Posts that look like a problem and are fine. They keep the benchmark honest about the
# context checks, and a correct scan reports nothing for them.
DECOYS_EN = [
    "Loving {product} lately. Use code {coupon} for {pct}% off → {url} #ad",
    "#PR Thanks to {org} for the starter kit! My honest review: {url}",
    "Sponsored: {org} asked me to try {product} for a month. Here's what I found. #sponsored",
    "Spotted a peregrine falcon on the bridge this morning {emoji}",
    "The Falcon 9 launch last night was beautiful.",
    "Reminder: no investment has guaranteed returns. Be careful with anyone promising {pct}% a month.",
    "Change your passwords and turn on two-factor auth, folks. Password managers are great.",
    "{org}'s official statement on the outage is here: {url}",
    "Order #{n}41-{m}88 shipped! Tracking says {weekday}.",
    "Meeting moved to {time}, room {room}. See you there.",
    "{product} support was super helpful today, thanks team!",
    "Happy to announce I'm joining {org} as a designer next month! Opinions are my own.",
]
DECOYS_JA = [
    "#PR {product_ja}を1ヶ月使ってみた正直レビュー→{url}",
    "【PR】{org_ja}さんからスターターキットをいただきました。感想はブログで！{url}",
    "{product_ja}使ってみた。紹介コード{coupon}で割引になるみたい #プロモーション",
    "川辺でハヤブサを見た。かっこよかった{emoji}",
    "ミレニアム・ファルコンのプラモ完成した！",
    "「元本保証」「必ず儲かる」をうたう投資話は詐欺を疑いましょう。",
    "パスワードマネージャー使い始めた。もっと早く使えばよかった。",
    "{org_ja}の公式発表はこちら→{url}",
    "注文番号{n}41-{m}88、{weekday_ja}に届くらしい。",
    "打ち合わせは{time}から第{room}会議室に変更です。",
    "{product_ja}のサポート、対応が早くて助かった。",
    "来月から{org_ja}で働くことになりました！発言は個人の見解です。",
]

LEAK_WRAPPERS_EN = [
    "lmao my manager just posted this in Slack: \"{passage}\"",
    "Not supposed to share but: {passage}",
    "Leaked from our team chat {emoji} {passage}",
    "{passage} (heard this at work today, wild)",
    "So apparently: {passage}",
]
LEAK_WRAPPERS_JA = [
    "社内チャットに流れてきたやつ→「{passage}」",
    "これ言っていいのかな…{passage}",
    "{passage}（会社の人から聞いた）",
    "今日の会議より：{passage}",
    "ここだけの話、{passage}",
]

# --------------------------------------------------------------------------- documents

DOC_HEADERS_EN = ["Meeting notes {date} – {team_en} weekly", "#{channel} thread, {date}",
                  "Wiki: {project} launch checklist", "Draft – {doc_kind} for {project}",
                  "1:1 notes with {person}, {date}"]
DOC_HEADERS_JA = ["【議事録】{date_ja} {team_ja}定例", "#{channel} のスレッド（{date_ja}）",
                  "Wiki：{project_ja}ローンチ準備", "【下書き】{project_ja}の{doc_kind_ja}",
                  "{person_ja}さんとの1on1メモ（{date_ja}）"]
DOC_SENTENCES_EN = [
    "{person} confirmed that {project} moves to {phase} on {date}.",
    "Pricing for the {tier} plan goes up {pct}% from {date}; do not share before the announcement.",
    "Customer {customer} reported {issue}; {person} owns the fix, ETA {date}.",
    "Q{q} revenue for {team_en} came in at ${amount}M, {pct}% {updown} plan.",
    "Action item: {person} drafts the {doc_kind} for {project} by {weekday}.",
    "We agreed to pause hiring in {team_en} until {month}.",
    "The {project} beta has {m} design partners, including {customer}.",
    "Security review found {n} issues in {component}; two are rated high.",
    "After the reorg, {team_en} goes from {m} to {n} people.",
    "The board meeting moved to {date} at {time} in room {room}.",
    "{customer} is threatening to churn unless we cut their price by {pct}%.",
    "Legal wants the {doc_kind} reviewed before anything goes public.",
    "{person} suggested bundling {project} with {tier} to lift conversion by {pct}%.",
    "Incident {m}-{amount}: {component} was down for {min} minutes; root cause is a bad config push.",
    "Budget for {year} is frozen at ${amount}K for {team_en}.",
    "We will announce the partnership with {customer} on {date}, embargo until {time}.",
]
DOC_SENTENCES_JA = [
    "{person_ja}さんより、{project_ja}は{date_ja}に{phase_ja}へ移行することが決定しました。",
    "{product_ja}の{tier_ja}プランは{date_ja}から{pct}%値上げ予定です。発表まで社外秘でお願いします。",
    "顧客の{customer_ja}から{issue_ja}との報告あり。担当は{person_ja}さん、{date_ja}までに対応予定。",
    "第{q}四半期の{team_ja}売上は{amount}億円で、計画比{pct}%{updown_ja}でした。",
    "宿題：{person_ja}さんが{weekday_ja}までに{project_ja}の{doc_kind_ja}を作成。",
    "{team_ja}の採用は{month_ja}まで凍結することで合意しました。",
    "{project_ja}のベータには{customer_ja}を含む{m}社が参加しています。",
    "セキュリティレビューで{component_ja}に{n}件の指摘があり、うち2件は重大です。",
    "組織変更後、{team_ja}の人数は{m}名から{n}名になります。",
    "取締役会は{date_ja}{time}から第{room}会議室に変更になりました。",
    "{customer_ja}から、{pct}%値下げしなければ解約するとの連絡がありました。",
    "公開前に{doc_kind_ja}を法務に確認してもらう必要があります。",
    "障害{m}-{amount}：{component_ja}が{min}分停止。原因は設定変更の誤りでした。",
    "{year}年度の{team_ja}予算は{amount}百万円で確定です。",
    "{customer_ja}との提携は{date_ja}に発表予定、{time}まで情報解禁前です。",
]


# Free-form memo sentences, lead-ins and asides. Real documents are mostly prose of their own;
# mixing these with the templates above keeps any two documents from sharing whole sentences
# too often, so a copied passage points at one document as it would in real life.
DOC_FREE_EN = [
    "{person} thinks {customer} will push for a {pct}% discount at the {city} meeting.",
    "Ping {person} before touching {component}; the {project} branch is fragile.",
    "{customer} wants SSO and audit logs by {date}, otherwise they will not renew.",
    "The {city} office runs out of desks in {month}, so {team_en} moves to the fourth floor.",
    "Nobody owns the {doc_kind} yet; {person} volunteered but is out until {weekday}.",
    "Churn in the {tier} plan doubled after the {month} price change.",
    "{person} and {person2} disagree on whether {project} needs a waitlist.",
    "Support tickets about {issue} went from {n} to {m} this week.",
    "The demo for {customer} crashed twice; use the staging tenant next time.",
    "Keep the {pct}% figure out of the all-hands deck until finance signs off.",
    "{customer} asked whether {product} stores data in {city}; legal is drafting the answer.",
    "Hiring plan: {n} engineers for {team_en}, {m} interviews scheduled before {date}.",
    "The {project} launch video still shows the old logo, {person} is fixing it.",
    "If {customer} signs by {date} we hit the quarter; if not we miss by ${amount}K.",
    "{person2} found that {component} leaks memory under load, fix expected {weekday}.",
    "Marketing wants to call it {project} publicly; product prefers a plain name.",
]
DOC_FREE_JA = [
    "{person_ja}さんの見立てでは、{customer_ja}は{city_ja}の商談で{pct}%の値引きを求めてくる。",
    "{component_ja}を触る前に{person_ja}さんに一声かけること。{project_ja}のブランチが不安定。",
    "{customer_ja}は{date_ja}までにSSOと監査ログがなければ更新しないとのこと。",
    "{city_ja}オフィスは{month_ja}に席が足りなくなるため、{team_ja}は4階へ移動。",
    "{doc_kind_ja}の担当がまだ決まっていない。{person_ja}さんが手を挙げたが{weekday_ja}まで不在。",
    "{month_ja}の価格改定以降、{tier_ja}プランの解約率が倍になった。",
    "{project_ja}に順番待ちリストが必要かどうかで{person_ja}さんと{person2_ja}さんの意見が割れている。",
    "{issue_ja}に関する問い合わせが今週{n}件から{m}件に増えた。",
    "{customer_ja}向けデモが2回落ちた。次回はステージング環境を使うこと。",
    "経理の承認が出るまで、{pct}%という数字は全社会議の資料に載せないこと。",
    "{customer_ja}から{product_ja}のデータ保管場所について質問あり。法務が回答を準備中。",
    "採用計画：{team_ja}に{n}名、{date_ja}までに面接{m}件を予定。",
    "{project_ja}のローンチ動画に旧ロゴが残っている。{person_ja}さんが修正中。",
    "{customer_ja}が{date_ja}までに契約すれば今期達成、しなければ{amount}百万円の未達。",
    "{person2_ja}さんの調査で、{component_ja}が高負荷時にメモリリークすると判明。{weekday_ja}に修正予定。",
    "マーケは{project_ja}の名前をそのまま公開したいが、プロダクト側は別名を希望。",
]
DOC_LEADS_EN = ["Quick update: ", "FYI, ", "As discussed on {weekday}, ", "Heads-up: ",
                "Per {person2}, ", "Recap: ", "Not final yet, but ", "Between us, ",
                "Decision: ", "Still open: ", "From the {team_en} sync: ", "Update: "]
DOC_TAILS_EN = [" because the {component} work slipped {n} weeks",
                " so that {customer} can sign before {date}", " unless {person2} objects",
                " pending sign-off from {person2}", " after the {team_en} review",
                " to keep {customer} from churning", " while capacity in {city} is tight",
                " once {project} is stable", " per the {month} board memo"]
DOC_LEADS_JA = ["取り急ぎ共有：", "念のため、", "{weekday_ja}の打ち合わせの通り、", "要注意：",
                "{person2_ja}さんより、", "まとめ：", "まだ確定ではないが、", "ここだけの話、",
                "決定事項：", "未決：", "{team_ja}定例より：", "更新："]
DOC_TAILS_JA = ["（{component_ja}の作業が{n}週間遅れているため）",
                "（{customer_ja}が{date_ja}までに契約できるように）",
                "（{person2_ja}さんの承認待ち）", "（{team_ja}のレビュー後）",
                "（{city_ja}の容量がひっ迫しているため）", "（{month_ja}の取締役会メモによる）"]
SLOTS["person2"] = SLOTS["person"]
SLOTS["person2_ja"] = SLOTS["person_ja"]


def _doc_sentence(rng: random.Random, ja: bool) -> str:
    if rng.random() < 0.5:
        template = rng.choice(DOC_FREE_JA if ja else DOC_FREE_EN)
    else:
        template = rng.choice(DOC_SENTENCES_JA if ja else DOC_SENTENCES_EN)
    if rng.random() < 0.4:
        tail = rng.choice(DOC_TAILS_JA if ja else DOC_TAILS_EN)
        end = len(template) - 1  # before the closing 。 or .
        template = template[:end] + tail + template[end:]
    if rng.random() < 0.35:
        lead = rng.choice(DOC_LEADS_JA if ja else DOC_LEADS_EN)
        if not ja and template[0].isalpha() and not template.startswith("{"):
            template = template[0].lower() + template[1:]
        template = lead + template
    return fill(template, rng)


def document_text(i: int, seed: int = 7) -> str:
    """The text of internal document ``i``; depends only on ``seed`` and ``i``."""
    rng = random.Random(f"koe-bench:{seed}:doc:{i}")
    ja = rng.random() < 0.5
    header = fill(rng.choice(DOC_HEADERS_JA if ja else DOC_HEADERS_EN), rng)
    sentences = [_doc_sentence(rng, ja) for _ in range(rng.randint(3, 8))]
    return header + "\n" + ("" if ja else " ").join(sentences)


def generate_documents(n: int, seed: int = 7) -> list[dict[str, str]]:
    """``n`` internal documents as ``{"id", "text"}`` rows."""
    return [{"id": f"doc-{i:06d}", "text": document_text(i, seed)} for i in range(n)]


def _passage(doc_text: str, rng: random.Random, limit: int) -> str:
    """One to three consecutive sentences of a document body, at most ``limit`` characters."""
    body = doc_text.split("\n", 1)[1]
    ja = "。" in body
    if ja:
        parts = [p + "。" for p in body.split("。") if p]
    else:
        parts = [p if p.endswith(".") else p + "." for p in body.split(". ") if p]
    shortest = 45 if ja else 80  # a copy worth worrying about is more than a few words
    start = rng.randrange(len(parts))
    out = parts[start]
    for nxt in parts[start + 1:]:
        if len(out) >= shortest and rng.random() < 0.5:
            break
        if len(out) + len(nxt) + 1 > limit:
            break
        out += ("" if ja else " ") + nxt
    while len(out) < shortest and start > 0 and len(out) + len(parts[start - 1]) + 1 <= limit:
        start -= 1
        out = parts[start] + ("" if ja else " ") + out
    if len(out) > limit:
        out = out[:limit]
    return out


def _light_edit(passage: str, rng: random.Random) -> tuple[str, str]:
    """The edits people make when they retype or paste: width, punctuation, case, a word.

    Returns the edited passage and the name of the edit.
    """
    r = rng.random()
    if r < 0.2:
        return passage.translate({cp: cp + 0xFEE0 for cp in range(0x30, 0x3A)}), "fullwidth-digits"
    if r < 0.35:
        return passage.replace("。", "．").replace("、", "，"), "punctuation"
    if r < 0.5:
        return passage.lower(), "lower-case"
    if r < 0.6:
        words = passage.split(" ")
        if len(words) > 4:
            del words[rng.randrange(len(words))]
            return " ".join(words), "dropped-word"
    return passage, "verbatim"


# --------------------------------------------------------------------------- posts


def _target_length(rng: random.Random) -> int:
    r = rng.random()
    if r < 0.5:
        return rng.randint(15, 90)
    if r < 0.85:
        return rng.randint(90, 180)
    return rng.randint(180, MAX_LEN)


def _compose(core: str, ja: bool, rng: random.Random) -> str:
    """Pad ``core`` with everyday sentences towards a sampled length, never past 280."""
    target = _target_length(rng)
    parts = [core]
    length = len(core)
    pool = EVERYDAY_JA if ja else EVERYDAY_EN
    tries = 0
    used: set[str] = set()
    while length < target and tries < 6:
        tries += 1
        template = rng.choice(pool)
        if template in used:
            continue
        used.add(template)
        extra = fill(template, rng)
        if length + len(extra) + 1 > MAX_LEN:
            continue
        if rng.random() < 0.5:
            parts.append(extra)
        else:
            parts.insert(0, extra)
        length += len(extra) + 1
    sep = rng.choice(["", "\n", " "]) if ja else rng.choice([" ", " ", "\n"])
    text = sep.join(parts)
    if rng.random() < 0.25:
        tag = " " + rng.choice(TAGS_JA if ja else TAGS_EN)
        if len(text) + len(tag) <= MAX_LEN:
            text += tag
    return text[:MAX_LEN]


def _schedule(n: int, rate: float, rng: random.Random) -> list[str]:
    """One kind per post: each problem kind on ``rate`` of the posts (at least one each)."""
    kinds: list[str] = []
    for kind in KINDS:
        kinds += [kind] * max(1, round(n * rate))
    if len(kinds) > n:
        kinds = kinds[:n]
    rest = n - len(kinds)
    decoys = round(rest * 0.1)
    kinds += ["decoy"] * decoys + ["clean"] * (rest - decoys)
    rng.shuffle(kinds)
    return kinds


def generate_posts(n: int, seed: int = 7, *, docs: Sequence[dict[str, str]] | int = 1000,
                   rate: float = 0.02) -> list[dict[str, Any]]:
    """``n`` posts: ``{"id", "lang", "text", "kind", "category"}``.

    Copies of internal documents also carry ``"doc"`` (the id they copy) and ``"edit"`` (what
    was changed: ``verbatim``, ``fullwidth-digits``, ``punctuation``, ``lower-case``,
    ``dropped-word``).

    ``kind`` is ``clean``, ``decoy`` or one of :data:`KINDS`; ``category`` is the Koe category
    a correct scan reports, or None. ``docs`` is the list of internal documents (or how many
    of them there are); ``internal_copy`` posts copy one of them. ``rate`` is the share of
    posts for each problem kind.
    """
    rng = random.Random(f"koe-bench:{seed}:posts")
    n_docs = docs if isinstance(docs, int) else len(docs)
    posts: list[dict[str, Any]] = []
    for i, kind in enumerate(_schedule(n, rate, rng)):
        ja = rng.random() < 0.5
        post: dict[str, Any] = {"id": f"post-{i:06d}", "lang": "ja" if ja else "en"}
        if kind == "clean":
            core = fill(rng.choice(EVERYDAY_JA if ja else EVERYDAY_EN), rng)
        elif kind == "decoy":
            core = fill(rng.choice(DECOYS_JA if ja else DECOYS_EN), rng)
        elif kind == "internal_copy" and n_docs:
            d = rng.randrange(n_docs)
            text = docs[d]["text"] if not isinstance(docs, int) else document_text(d, seed)
            ja = "。" in text  # people wrap a copy in the document's language
            post["lang"] = "ja" if ja else "en"
            wrapper = fill(rng.choice(LEAK_WRAPPERS_JA if ja else LEAK_WRAPPERS_EN)
                           .replace("{passage}", "{{passage}}"), rng)
            room = MAX_LEN - len(wrapper) - 2
            passage, edit = _light_edit(_passage(text, rng, min(room, 200)), rng)
            core = wrapper.format(passage=passage)
            post["doc"] = f"doc-{d:06d}"
            post["edit"] = edit
        else:
            core = fill(rng.choice((PROBLEMS_JA if ja else PROBLEMS_EN)[kind]), rng)
        post["text"] = core if kind == "internal_copy" else _compose(core, ja, rng)
        post["kind"] = kind
        post["category"] = KINDS.get(kind)
        posts.append(post)
    return posts


def write_jsonl(rows: Sequence[dict[str, Any]], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as out:
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")


def read_jsonl(path: Path) -> Iterator[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield json.loads(line)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Generate Koe's synthetic benchmark corpus.")
    parser.add_argument("--posts", type=int, default=100_000, help="number of posts")
    parser.add_argument("--docs", type=int, default=100_000, help="number of internal documents")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--rate", type=float, default=0.02,
                        help="share of posts for each problem kind (default 0.02)")
    parser.add_argument("--out", type=Path, default=OUT_DIR, help="output directory")
    args = parser.parse_args(argv)
    t0 = time.perf_counter()
    docs = generate_documents(args.docs, args.seed)
    posts = generate_posts(args.posts, args.seed, docs=docs, rate=args.rate)
    elapsed = time.perf_counter() - t0
    write_jsonl(posts, args.out / "posts.jsonl")
    write_jsonl(docs, args.out / "docs.jsonl")
    langs = Counter(p["lang"] for p in posts)
    kinds = Counter(p["kind"] for p in posts)
    print(f"{len(posts):,} posts ({langs['ja']:,} ja, {langs['en']:,} en) → {args.out / 'posts.jsonl'}")
    print(f"{len(docs):,} internal documents → {args.out / 'docs.jsonl'}")
    print("kinds: " + ", ".join(f"{k} {v:,}" for k, v in sorted(kinds.items())))
    print(f"generated in {elapsed:.1f} s (seed {args.seed})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
