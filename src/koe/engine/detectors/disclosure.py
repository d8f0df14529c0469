"""Undisclosed promotion of the organization's products from a personal account (D101, D102)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from itertools import pairwise
from typing import Any

from ..text import Text
from .anchors import Anchors
from .base import Context, Hit, Match, Pattern
from .organization import _HASHTAG, _SENTENCE_BREAK, _same_sentence, _Tagged

# A sentence that turns a promotion word into a question ("is Acme Cloud worth it?").
_QUESTION_END = re.compile("[。！？!?\n]|\\.(?:\\s|$)|https?://")
# Negation just before a promotion word ("wouldn't recommend", "not the best") …
_NOT_BEFORE = re.compile(r"\b(?:not|never|no longer|don'?t|doesn'?t|didn'?t|wouldn'?t|won'?t|"
                         r"can'?t|cannot|isn'?t|wasn'?t|aren'?t)\b[\w' ]{0,12}$", re.IGNORECASE)
_ENOUGH = re.compile(r"[\w' ]{0,25}\benough\b", re.IGNORECASE)  # "can't recommend it enough"
# … or right after it in Japanese (おすすめしない, 最高じゃない, おすすめはできません).
_NOT_AFTER = re.compile("[はも]?(?:し|でき|出来|じゃ|では|で)?(?:ない|ません|なかった|かねる|づらい)")
# Asking for a recommendation: 「おすすめ教えて」, 「おすすめの銘柄ある？」.
_ASKING_AFTER = re.compile(r"[^。！？!?\n]{0,6}?(?:を|が|は|って)?\s*(?:教えて|ある[?？]|あります(?:か|[?？])|"
                           r"ありませんか|募集|求む|知りたい)")
# The poster trying it themselves: "going to try it", "I'll check it out".
_SELF_BEFORE = re.compile(r"\b(?:i'?ll|i will|i'?m going to|going to|gonna|want to|wanna|might|"
                          r"plan to|planning to|i should|should i|let me|"
                          r"(?:before|after|when|until|once|if|unless) i)\s+$", re.IGNORECASE)
# Thanks for someone else's recommendation: 「おすすめありがとう」.
_THANKS_AFTER = re.compile(r"\s*(?:を|して(?:くれて|もらって))?(?:ありがと|感謝|thanks?\b|thank you)",
                           re.IGNORECASE)
# A promotion in a later sentence that opens on another topic ("Also: best ramen ever").
_TOPIC_SHIFT = re.compile(r"\s*(?:also|btw|by the way|p\.?s\.?|unrelated|anyway|ところで|それと|"
                          r"別件|話(?:は)?変わ)", re.IGNORECASE)
# A reply to someone else (" @emma thanks for the tip") or a new paragraph ends the topic.
_TURN = re.compile(r"(?<!\w)@\w|\n\s*\n")
# A later sentence about something else of its own: "This token …", 「このトークン…」.
_OWN_SUBJECT = re.compile(r"\b(?:the|this|that|these|those)\s+(?!link\b|code\b)\w"
                          r"|(?:この|その|あの)(?!リンク|コード|URL)\w", re.IGNORECASE)
_LATER_SENTENCES = 2  # how many sentences after the mention an endorsement may come
# Where to ask for details ("DM me for details", 「気になる人はDMで」, 「詳しくはリンクから」): in a
# later sentence it points at what that sentence says before it ("Selling my bike, DM me"), so
# it counts only when it opens its sentence, after at most a lead such as "Anyone curious?".
_POINTER_WORD = re.compile(r"dm|詳しく|詳細|リンク|プロフ|link in (?:my )?bio", re.IGNORECASE)
_POINTER_LEAD = re.compile(r"[\s\W]*(?:(?:anyone |if you'?re |if )?(?:curious|interested|keen)|"
                           r"(?:shop|buy|order|book|sign up|join|grab (?:it|one))(?: (?:here|via|at|"
                           r"through|with))?|(?:購入|予約|申し?込み?|お申し?込み|登録|注文)(?:は|も)?|"
                           r"questions|want (?:in|one|details|more)|so|and|気になる(?:人|方)?|"
                           r"興味(?:ある|のある)(?:人|方)?|詳しく(?:は|知りたい(?:人|方)?))?[\s\W]*",
                           re.IGNORECASE)
# A product the poster is leaving: "moved from Acme Cloud to …", 「アクメクラウドから乗り換えた」.
_LEFT_BEFORE = re.compile(r"\b(?:from|away from|instead of|rather than)\s+$", re.IGNORECASE)
_LEFT_AFTER = re.compile("から[^。！？!?\n]{0,20}?(?:乗り換|移行|移っ|移し|変え)|を(?:解約|やめ|辞め|退会)")
# A short note in brackets that ends the post: "（ちなみに関係者）", "(I work there)".
_TRAILING_NOTE = re.compile(r"[(（][^()（）]{1,40}[)）][\s\W]*$")
# News or hearsay in the sentence: the poster reports an offer, not makes it.
_HEARSAY = re.compile(r"\b(?:reports?|reported|reportedly|according to|announced|announces|"
                      r"per the|news)\b|らしい|によると|報道|発表|ニュース|とのこと|んだって",
                      re.IGNORECASE)
# A complaint in the sentence: 「還元率が改悪」, "the worst cashback".
_COMPLAINT = re.compile(r"\b(?:worst|terrible|awful|downgraded?|nerfed|disappointed|"
                        r"disappointing|outages?|crash(?:ed|es|ing)?|broken|buggy|"
                        r"(?:is|was|were|are|went|been|goes) down|price (?:hike|went up)|raised (?:its |their )?"
                        r"prices?)\b|改悪|最悪|ひどい|酷い|残念|がっかり|下がっ|減っ|落ち(?:て|た|る)|"
                        r"障害|不具合|繋がらな|つながらな|値上げ", re.IGNORECASE)
# A teaser that opens onto the mention: "Did you know Acme Cloud …", 「知ってた？アクメの…」.
_TEASER_BEFORE = re.compile(r"(?:\bdid you know(?: that)?|\bfun fact[:!]?|\bpsa[:!]?|\bpro tip[:!]?|"
                            r"知って(?:た|る|ました|ます)(?:か|かな|の)?[?？]+|朗報[!！:：]?|豆知識[!！:：]?)"
                            r"[\s、,]*(?:実は|じつは|みんな|皆さん|みなさん)?[\s、,]*$", re.IGNORECASE)
_NEGATED = re.compile(r"\b(?:not|never|no longer|(?:do|does|did|is|was|are|were|wo|ca)n'?t|"
                      r"cannot)\b", re.IGNORECASE)
# The next sentence goes on about the mention's people or app: "The staff there …", 「先生も…」.
_BACKREF = re.compile(r"\s*(?:(?:the|their|its|our)\s+(?:staff|trainers?|doctors?|nurses?|team|"
                      r"app|devs?|developers?|service|support|people|coaches?|teachers?)\b|"
                      r"(?:they|it)(?:'re|'s| are| is| was| were| has| have)\b|"
                      r"(?:スタッフ|先生|医師|看護師|トレーナー|コーチ|受付|店員|運営|開発|アプリ|"
                      r"サポート|ここ|こちら|そこ)(?:さん|の方|陣)?(?:も|は|が|みんな|全員)?)",
                      re.IGNORECASE)
# A question about what the reader needs, answered by the mention alone: "Looking for a new
# game? Kitsune Arena.", 「新しいゲーム探してる？キツネアリーナ。」
_NEED_BEFORE = re.compile(r"(?:\b(?:looking for|searching for|in the market for|shopping for|"
                          r"need(?:ing)?|want(?:ing)?|tired of|sick of|struggling with|bored of)\b"
                          r"|探して(?:る|ます|いる)|お探し|迷って(?:る|ます)|悩んで(?:る|ます)|"
                          r"困って(?:る|ます)|飽きた)[^?？。！!\n]{0,60}[?？]\s*$", re.IGNORECASE)
# A disclosure word said to be absent: 「#ad感ゼロ」, 「PRじゃないです」, "not sponsored".
_MARKER_DENIED_AFTER = re.compile(r"[^\S\n]*(?:感|っぽさ|要素)?(?:ゼロ|なし|無し|じゃな|ではな|でもな|"
                                  r"ではありません|じゃありません)")
_MARKER_DENIED_BEFORE = re.compile(r"\b(?:not|non|no|never|isn'?t|wasn'?t)[\s_-]*(?:an?\s+)?$",
                                   re.IGNORECASE)
# Praise conceded before a complaint: 「還元はいいけど、画面が…」, "the best but pricey".
_BUT_AFTER = re.compile(r"[^。！？!?\n]{0,8}?(?:けど|けれど|けども)[、,\s]*(?=[^\W\d_])"
                        r"|[^.!?\n]{0,16}?\s(?:but|though)\s+(?!also\b|even\b)\w", re.IGNORECASE)
# Hashtag markers that name the poster's job, not the post as an ad.
_STAFF_TAGS = frozenset({"#employee", "#社員"})
# Where a run of hashtags ends its line or the post.
_LINE_END = re.compile(r"[^\S\n]*(?:\n|$)")
# A question that only leads into a claim: "… って知ってた？", "Did you know …?".
_RHETORICAL = re.compile(r"(?:知って(?:た|る|ました|ます)(?:か|かな)?|知らなかった|"
                         r"(?:しない|使わない|選ばない|ない)理由(?:って|が|は)?(?:ある|あります|なくない)|"
                         r"did you know\b[^?？]*|who knew|what more (?:do|could|can) you "
                         r"(?:want|ask for)|what are you waiting for|why wouldn'?t you|"
                         r"what are you (?:even )?doing|"
                         r"what'?s not to love)[\s\W]{0,3}$", re.IGNORECASE)
# The mention as a slogan of its own: "… ならひかり銀行。", "Best rates? Hikari Bank.",
# "Splitting bills has never been easier. Hikari Wallet, that's it".
_SLOGAN_BEFORE = re.compile(r"(?:なら|ならば|といえば|と言えば)(?:やっぱり|やはり|断然|絶対)?\s*$")
_FRAGMENT_END = re.compile("\\s*(?:[。！!．.\n\u2600-\u27bf\U0001f300-\U0001faff]|$"
                           "|[,、—–:：]\\s*(?:that'?s it|that is it|period|end of story|full stop|"
                           "hands down|obviously|of course|以上|これ一択|異論は認めない))",
                           re.IGNORECASE)
_SENTENCE_START = re.compile(r"(?:[。！？!?.\n\u2600-\u27bf\U0001f300-\U0001faff]|^)\s*$")
# What a company name may end in; the rest of it names the company's app: 「ひかりのアプリ」.
_COMPANY_KIND = re.compile(r"\s*(?:銀行|信用金庫|信金|証券|生命|損保|ホールディングス|グループ|株式会社|"
                           r"\(株\)|（株）|ヘルス|クリニック|病院|医院|会|スタジオ|ゲームス|製薬|"
                           r"bank|inc\.?|corp\.?|corporation|co\.|ltd\.?|group|holdings|securities|"
                           r"insurance|health|clinic|hospital|studios?|games|pharma)$", re.IGNORECASE)


def _app_forms(names: Sequence[str], brands: Sequence[str]) -> list[str]:
    """「ひかりのアプリ」 and "Hikari app" for 「ひかり銀行」 and "Hikari Bank": the company's name
    without its kind, as the name of its app (the short name alone is an ordinary word)."""
    known = {b.casefold() for b in brands}
    out: list[str] = []
    for name in names:
        stem = _COMPANY_KIND.sub("", name).strip()
        if len(stem) < 2 or stem == name or stem.casefold() in known:
            continue
        forms = (" app",) if stem.isascii() else ("アプリ", "のアプリ")
        out += [stem + f for f in forms if stem + f not in out]
    return out


_PATTERNS = [
    # Only the first character after '#': one Hyperscan match per hashtag, not one
    # per character; find() extends it to the whole tag.
    Pattern(r"#[^\s#]", "hashtag", trigger=False),
    Pattern(r"\d\s?[%％]\s?(?:off\b|back\b|オフ|引き|割引|cash\s?back\b|キャッシュバック|還元)",
            "percentage off", caseless=True, trigger=False),
    Pattern(r"(?:^|[^\d/])(?:10|5)/(?:10|5)(?:[^\d/]|$)", "rating", trigger=False),
    Pattern(r"\b(?:10|5|ten|five) out of (?:10|5|ten|five)\b|星5つ|[★☆]5\b|5つ星",
            "rating", caseless=True, trigger=False),
    # codes handed out to an audience: "dropping codes in chat", 「コード配布」
    Pattern(r"\b(?:dropping|giving away|handing out|gifting)\b[^.!?\n]{0,30}?\bcodes?\b"
            r"|\bcodes? in (?:chat|the description|my bio)\b|コード[^。！？!?\n]{0,6}?"
            r"(?:配布|配り|配る|配ります|プレゼント)", "codes", caseless=True, trigger=False),
    # a sign-up reward: 「最大5000ポイント」, 「1000円もらえる」, "¥500 free", "up to 3%"
    Pattern(r"(?:最大|up to)\s?[¥$€£]?\d[\d,]*\s?(?:ポイント|pt|円|%|％|マイル|points?|"
            r"yen|miles)", "reward", caseless=True, trigger=False),
    Pattern(r"\d[\d,]*\s?(?:ポイント|pt|円分?|マイル)\s?(?:プレゼント|還元|もらえ|付与|"
            r"ゲット|当たる|バック)", "reward", trigger=False),
    Pattern(r"[¥$€£]\s?\d[\d,]*\s?(?:free|bonus|credit|back)\b", "reward",
            caseless=True, trigger=False),
    # a word to everyone: 「みんな使って」, 「皆さんも登録してね」
    Pattern(r"(?:みんな|皆さん|みなさん|皆)も?[^。！？!?\n]{0,8}?(?:使って|入れて|作って|"
            r"始めて|登録して|申し込んで|開設して|使お|入れよ|やって|やろ|遊んで|遊ぼ|"
            r"プレイして|飲んで|行って|来て|遊びに来て|試して|試乗して|乗って|買って|受けて|"
            r"受講して|見に来て|入って)(?:ね|ください|下さい|みて)?"
            "(?:[!！。、\\s♪~〜\u2600-\u27bf\U0001f300-\U0001faff]|$)", "to everyone",
            trigger=False),
    # an invitation to come: "Come visit the … pop-up", "stop by our booth"
    Pattern(r"(?:^|[.!?\n]\s*)(?:come|stop|swing|drop|pop)\s+(?:by|visit|see|check|"
            r"join|say hi)\b", "invitation", caseless=True, trigger=False),
    # the word passed on: 「周りの人にも勧めてください」, "tell your friends"
    Pattern(r"(?:周り|まわり|友達|友だち|友人|家族|知り合い)(?:の人|の方)?にも?[^。！？!?\n]{0,6}?"
            r"(?:勧めて|すすめて|教えて|広めて|シェアして|紹介して)(?:ね|ください|下さい|ほしい|"
            r"[!！。、\s♪~〜]|$)|"
            r"\b(?:tell|send (?:it|this) to|share (?:it|this) with) (?:all )?your "
            r"(?:friends|family|neighbou?rs)\b|\bspread the word\b", "pass it on",
            caseless=True, trigger=False),
    # a reader who does not use it yet: "If you're not using … yet", 「まだ使ってない人」
    Pattern(r"\bif you(?:'re| are)? (?:still )?not (?:using|on|trying)\b|\bif you "
            r"(?:haven'?t|have not) (?:tried|used|downloaded|installed|joined)\b|"
            r"まだ(?:使って|入れて|試して|登録して)(?:ない|いない|ません)(?:人|方|なら)",
            "not yet", caseless=True, trigger=False),
    Pattern(r"(?:申し込む|申込む|登録する|開設する|入会する|作る)と[^。！？!?\n]{0,12}?"
            r"\d[\d,]*\s?(?:ポイント|pt|円|%|％)", "reward", trigger=False),
    # a perk for signing up without a number: 「登録すると特典あるよ」, "pre-register and get"
    Pattern(r"(?:登録|申し?込|購入|加入|入会|ダウンロード|DL|インストール|予約|成約|契約|"
            r"試乗|受講|入)"
            r"(?:する|した|して|み|る|っ|れる|れた)?(?:と|たら|だけで)[^。！？!?\n]{0,12}?(?:特典|ボーナス|プレゼント|もらえ|"
            r"無料|タダ|おまけ)", "perk", caseless=True, trigger=False),
    Pattern(r"\b(?:sign up|register|pre-?register|subscribe|download|join)\b[^.!?\n]{0,40}?"
            r"\band (?:get|receive|unlock|claim|grab)\b", "perk", caseless=True, trigger=False),
    # a bare imperative to the reader as a sentence of its own: "… care. Go.", "Just go,
    # seriously.", 「…親身。とりあえず行ってみて」 (not "Go figure.", "Go left at …")
    Pattern("(?:^|[.!?\\n]\\s*)(?:just |seriously,? |honestly,? |so |now |trust me,? )?"
            "(?:go|do it|go for it|get one|book it|join)(?:,?\\s*(?:already|now|today|seriously|"
            "trust me|asap))?\\s*(?:[.!\\n\u2600-\u27bf\U0001f300-\U0001faff]|$)"
            "|(?:^|[。！？!?\\n]\\s*)(?:とりあえず|まず|ぜひ|是非|絶対|マジで|騙されたと思って)?[、,\\s]*"
            "(?:行って|行け|入って|行くべき)(?:みて)?(?:ほしい|ください|下さい|ね|よ)?\\s*"
            "(?:[。！!\\n♪\u2600-\u27bf\U0001f300-\U0001faff]|$)", "go", caseless=True, trigger=False),
    # a comparison with all the others: "Acme > every other host", 「アクメ＞他の全部」
    Pattern(r"[>＞≫]\s?(?:every|all|any|other|the rest)\b|[>＞≫]\s?(?:他|全部|すべて|全て)",
            "beats the others", caseless=True, trigger=False),
]
# Hyperscan looks only for these anchors of the costly patterns (bounded repeats of any
# character, many alternatives); find() gets the full patterns' matches from re (anchors.py).
_ANCHORS = Anchors(_PATTERNS, {
    4: r"\b(?:dropping|giving away|handing out|gifting)\b|\bcodes? in (?:chat|the description"
       r"|my bio)\b|コード",
    8: r"みんな|皆|みなさん",
    10: r"周り|まわり|友達|友だち|友人|家族|知り合い|\b(?:tell|send (?:it|this) to|share (?:it|this) "
        r"with) (?:all )?your (?:friends|family|neighbou?rs)\b|\bspread the word\b",
    12: r"(?:申し込む|申込む|登録する|開設する|入会する|作る)と",
    13: r"特典|ボーナス|プレゼント|もらえ|無料|タダ|おまけ",
    14: r"\band (?:get|receive|unlock|claim|grab)\b",
})


class DisclosureDetector(_Tagged):
    """A personal post that promotes the organization's products without saying so clearly.

    Japan's stealth-marketing rule (景品表示法, from 2023-10-01) and the FTC's endorsement guides
    ask that a reader can tell at a glance that a post is an advertisement or comes from an
    employee. The detector looks for a ``brands`` mention (the organization's names and
    products) that the post promotes, then for a ``markers`` disclosure (#PR, 広告,
    "I work at …", 社員です).

    What counts as promoting the mention:

    - a ``promotion`` word (praise: 最高, "love", "the best") in the same sentence;
    - an ``endorsement`` word (a recommendation, a call to action or a deal: おすすめ,
      "10/10 recommend", "use code …", "chance to win", 導入したほうがいい) in the same
      sentence, or after the mention within ``after`` characters ("3 months on Acme Cloud:
      fast, cheap. 10/10 recommend"), unless a reply to someone else (" @emma"), a blank line
      or a new topic ("Also: …", ところで) comes between; a percentage off or cash back and a
      "10/10" rating count as endorsements;
    - a ``crowning`` phrase written around the product (templates with ``{brand}``: "when
      {brand} exists", 「{brand}一択」);
    - a ``choosing`` phrase said to the reader (templates with ``{brand}``: "go with {brand}",
      「{brand}にしとけ」, "{brand} >>"), unless asked or negated;
    - a sign-up reward (「最大5000ポイント」, 「登録すると1000円」, "¥500 free"), a word to
      everyone (「みんな使って」, 「みんな来てね」), an invitation that opens a sentence ("Come
      visit …", "Stop by …"), a request to pass it on (「周りにも勧めて」, "tell your friends"),
      a word to readers who do not use it yet ("If you haven't tried …", 「まだ使ってない人」),
      a bare imperative as a sentence of its own ("… genuinely care. Go.", 「絶対行って！」)
      or a percentage back, as endorsements; a pointer for details in a later sentence
      ("DM me for details", 「気になる人はDMで」) counts only when it opens its sentence, not
      after words of its own ("Selling my bike, DM me for details");
    - the mention as a slogan of its own: 「…ならひかり銀行。」, or a sentence that is only the
      mention right after a promotion ("Best rates in town? Hikari Bank.").

    Mentions include the company's app by its short name (「ひかり銀行」 gives 「ひかりアプリ」,
    「ひかりのアプリ」; "Nami Securities" gives "Nami app"). A promotion or endorsement word in
    a question ("is Acme Cloud worth it?"), negated ("wouldn't recommend", おすすめしない),
    thanked for (「おすすめありがとう」), conceded before a complaint (「還元はいいけど、…」,
    "amazing but …") or in a sentence that reports news or hearsay
    ("…, Nikkei reports", 「らしい」) or complains (改悪, "worst") does not count; a rhetorical
    question ("did you know …?", 「…って知ってた？」, 「しない理由ある？」) does. A marker that only appears inside a
    pile of at least ``hashtag_pile`` hashtags (or last in a pile of one fewer) that ends a line
    or the post after other text, the third or a later hashtag of a pile of as many that opens
    the post ("#cars #EV #weekend #ad Road trip …"; the first two are read up front), or in a
    short bracketed note that ends the post (「（ちなみに関係者）」), is reported as buried
    (``buried: true`` in params selects that rule's half). A buried ad label (#ad, #PR, #広告;
    not #employee or #社員) beside a mention needs no promotion word: the label says it is an
    ad. A marker that denies itself (「#ad感ゼロ」, 「PRじゃないよ」,
    "not sponsored") is no marker. ``employee_markers`` are templates with ``{org}``.
    """

    name = "disclosure"
    GROUPS = ("brands", "promotion", "endorsement", "crowning", "choosing", "leaving", "markers")
    TRIGGERS = frozenset({"brands"})
    WORD = frozenset(GROUPS)
    AFTER = 80  # default of the `after` parameter

    def extra_params(self) -> Sequence[str]:
        return ("buried", "hashtag_pile", "employee_markers", "after")

    def __init__(self, params: Mapping[str, Any], context: Context) -> None:
        self._employee = params.get("employee_markers", [])
        super().__init__(params, context)
        self.buried = bool(params.get("buried", False))
        self.pile = self.param_int("hashtag_pile", 4, low=2, high=50)
        self.after = self.param_int("after", self.AFTER, high=280)

    def add_organization_terms(self, groups: dict[str, list[str]], context: Context) -> None:
        org = context.organization
        brands = list(org.names + org.products)
        groups["brands"] = groups["brands"] + brands + _app_forms(org.names, brands)
        for group in ("crowning", "choosing"):
            groups[group] = [t.replace("{brand}", b) for t in groups[group]
                             if "{brand}" in t for b in brands]
        templates = self._employee if isinstance(self._employee, list) else []
        groups["markers"] = groups["markers"] + [
            t.replace("{org}", name) for t in templates if isinstance(t, str)
            for name in org.names]

    def patterns(self) -> Sequence[Pattern]:
        return _ANCHORS.patterns

    def find(self, text: Text, patterns: list[Match], terms: list[Match]) -> Iterable[Hit]:
        patterns = _ANCHORS.verify(text.wide, patterns, terms) or []
        tags = self.by_tag(terms)
        brands = tags.get("brands")
        if not brands:
            return
        wide = text.wide
        markers = [m for m in tags.get("markers", [])
                   if not _MARKER_DENIED_AFTER.match(wide, m.end)
                   and not _MARKER_DENIED_BEFORE.search(wide, max(0, m.start - 12), m.start)]
        if self.buried and not markers:
            return
        pile = note = None
        if markers:  # a disclosure up front ends it; one only at the end is buried
            hashtags = [Match(m.key, m.start, _HASHTAG.match(wide, m.start).end())
                        for m in patterns if m.key == 0]
            pile = self._trailing_pile(text, hashtags)
            lead = self._leading_pile(wide, hashtags)
            note = _TRAILING_NOTE.search(wide)
            if any(not self._in_pile(wide, m, pile) and not self._deep_in(m, lead)
                   and not (note and note.start() <= m.start) for m in markers):
                return
        why = self._promotion(wide, tags, patterns, brands)
        if why is None and not (self.buried and any(self._ad_label(m) for m in markers)):
            return  # a buried "#ad" among the hashtags of a brand mention says it is an ad
        if markers:
            if not self.buried:
                return  # D102's finding
            m = markers[0]
            where = (f"among {pile[2]} hashtags" if self._in_pile(wide, m, pile)
                     else f"among {lead[1]} hashtags" if self._deep_in(m, lead)
                     else "in a note at the end")
            yield Hit(m.start, m.end, f"disclosure '{self.word(m)}' is buried {where}")
        elif not self.buried:
            first = min(brands, key=lambda m: (m.start, -m.end))
            yield Hit(first.start, first.end, f"mentions '{self.word(first)}' with promotion "
                                              f"{why} and no disclosure")

    def _promotion(self, wide: str, tags: dict[str, list[Match]], patterns: list[Match],
                   brands: list[Match]) -> str | None:
        """What makes the post promote one of the ``brands`` mentions, or None."""
        crowning = tags.get("crowning")
        if crowning:
            return f"'{self.word(crowning[0])}'"
        # "Acme" inside "Acme Cloud" is the same mention
        brands = [b for b in brands if not any(o.start <= b.start and b.end <= o.end
                                               and o.end - o.start > b.end - b.start
                                               for o in brands)]
        leaving = tags.get("leaving", [])
        kept = [b for b in brands if not _LEFT_BEFORE.search(wide, max(0, b.start - 12), b.start)
                and not _LEFT_AFTER.match(wide, b.end)
                and not any(_same_sentence(wide, b, x) for x in leaving)]
        if not kept:
            return None
        for c in tags.get("choosing", []):
            if self._holds(wide, c):
                return f"'{self.word(c)}'"
        deals = [Match(-1, m.start, m.end) for m in patterns if m.key > 0]
        words = ([(p, False) for p in tags.get("promotion", [])]
                 + [(p, True) for p in tags.get("endorsement", [])]
                 + [(p, True) for p in deals])
        for p, strong in words:
            if self._promotes(wide, p, strong, kept):
                return (f"'{self.word(p)}'" if p.key >= 0
                        else f"'{wide[p.start:p.end].strip()}'")
        for b in kept:
            if self._slogan(wide, b, [p for p, _ in words]):
                return "as a slogan"
            if self._teased(wide, b):
                return "after a teaser"
        return None

    @staticmethod
    def _teased(wide: str, b: Match) -> bool:
        """A teaser opens onto the mention ("Did you know Acme Cloud …", 「知ってた？アクメの…」)
        and the mention's sentence is no complaint, news or question of its own."""
        if not _TEASER_BEFORE.search(wide, max(0, b.start - 24), b.start):
            return False
        end = _QUESTION_END.search(wide, b.end)
        stop = end.start() if end else len(wide)
        if _HEARSAY.search(wide, b.start, stop) or _COMPLAINT.search(wide, b.start, stop):
            return False
        return not _NEGATED.search(wide, b.end, stop)

    def _slogan(self, wide: str, b: Match, words: list[Match]) -> bool:
        """The mention stands alone as the answer to what comes before it: 「…ならひかり銀行。」,
        "Best rates in town? Hikari Bank.", "Paying has never been easier. Hikari Wallet, …"."""
        if not _FRAGMENT_END.match(wide, b.end):
            return False
        if _SLOGAN_BEFORE.search(wide, max(0, b.start - 12), b.start) or _NEED_BEFORE.search(
                wide, max(0, b.start - 100), b.start):
            return True
        if not _SENTENCE_START.search(wide, max(0, b.start - 8), b.start):
            return False
        lo = b.start
        while lo > 0 and wide[lo - 1] in " \t":
            lo -= 1
        # the sentence just before: back to the previous sentence end
        breaks = [m.end() for m in _SENTENCE_BREAK.finditer(wide, max(0, lo - 120), lo - 1)]
        start = breaks[-1] if breaks else max(0, lo - 120)
        return any(start <= p.start and p.end <= lo and not _NOT_BEFORE.search(
            wide, max(0, p.start - 30), p.start) and not _NOT_AFTER.match(wide, p.end)
                   for p in words)

    @staticmethod
    def _holds(wide: str, p: Match) -> bool:
        """A promotion phrase that is neither negated nor asked about."""
        if _NOT_BEFORE.search(wide, max(0, p.start - 30), p.start) or _NOT_AFTER.match(
                wide, p.end):
            return False
        end = _QUESTION_END.search(wide, p.end)
        return end is None or end.group() not in "?？" or bool(
            _RHETORICAL.search(wide, max(0, p.start - 80), end.start()))

    def _promotes(self, wide: str, p: Match, strong: bool, brands: list[Match]) -> bool:
        """Whether promotion word ``p`` is about one of the brand mentions."""
        # the same words read as both ("Best Buy"); a phrase around the mention counts
        if not any(not (b.start <= p.start and p.end <= b.end)
                   and (_same_sentence(wide, b, p) or self._about_it(wide, b, p)
                        or (strong and b.end <= p.start <= b.end + self.after
                            and not _TURN.search(wide, b.end, p.start)
                            and self._follows(wide, b.end, p.start)
                            and not self._points_elsewhere(wide, p)))
                   for b in brands):
            return False
        if _NOT_BEFORE.search(wide, max(0, p.start - 30), p.start) and not _ENOUGH.match(
                wide, p.end):
            return False
        if (_NOT_AFTER.match(wide, p.end) or _THANKS_AFTER.match(wide, p.end)
                or _BUT_AFTER.match(wide, p.end)
                or _ASKING_AFTER.match(wide, p.end)
                or _SELF_BEFORE.search(wide, max(0, p.start - 20), p.start)):
            return False
        end = _QUESTION_END.search(wide, p.end)
        start = max((m.end() for m in _SENTENCE_BREAK.finditer(wide, max(0, p.start - 80),
                                                                p.start)), default=0)
        stop = end.start() if end else len(wide)
        if _HEARSAY.search(wide, start, stop) or _COMPLAINT.search(wide, start, stop):
            return False
        return (end is None or end.group() not in "?？"
                or bool(_RHETORICAL.search(wide, max(0, p.start - 80), end.start())))

    def _points_elsewhere(self, wide: str, p: Match) -> bool:
        """A pointer (「気になる人はDMで」, "DM me for details") after other words of its own
        sentence: it is about those words ("Selling my old bike, DM me for details")."""
        if p.key < 0 or not _POINTER_WORD.search(self.word(p)):
            return False
        start = max((m.end() for m in _SENTENCE_BREAK.finditer(wide, max(0, p.start - 80),
                                                                p.start)), default=0)
        return _POINTER_LEAD.fullmatch(wide, start, p.start) is None

    @staticmethod
    def _about_it(wide: str, b: Match, p: Match) -> bool:
        """Praise in the very next sentence about the people or the app of the mention: "…
        Acme Clinic. The staff there are amazing", 「…ほしジム！スタッフさんみんな優しくて最高」."""
        if p.start < b.end:
            return False
        breaks = list(_SENTENCE_BREAK.finditer(wide, b.end, p.start))
        if not breaks:
            return False
        start = breaks[-1].end()
        if any(wide[x.end():y.start()].strip() for x, y in pairwise(breaks)):
            return False  # a whole sentence in between
        return bool(_BACKREF.match(wide, start))

    @staticmethod
    def _follows(wide: str, lo: int, hi: int) -> bool:
        """The sentence holding ``hi`` goes on about what ``lo`` ended: one of the next
        sentences, not opening on another topic ("Also: …", ところで) or on a thing of its own
        ("the volunteer signup", 「このトークン」)."""
        start, breaks = lo, 0
        for brk in _SENTENCE_BREAK.finditer(wide, lo, hi):
            if wide[start:brk.start()].strip():
                breaks += 1
            start = brk.end()
        if breaks > _LATER_SENTENCES:
            return False
        return not (_TOPIC_SHIFT.match(wide, start) or _OWN_SUBJECT.search(wide, start, hi))

    def _in_pile(self, wide: str, m: Match, pile: tuple[int, int, int] | None) -> bool:
        """Marker ``m`` is inside the trailing ``pile``: one of at least ``hashtag_pile``
        hashtags, or the last of one fewer ("… #skincare #glow #sponsored")."""
        if not pile or not (pile[0] <= m.start and m.end <= pile[1]):
            return False
        return pile[2] >= self.pile or "#" not in wide[m.end:pile[1]]

    def _ad_label(self, m: Match) -> bool:
        """A hashtag that labels the post an ad (#PR, #広告, #sponsored), not a staff tag."""
        word = self.word(m)
        return word.startswith("#") and word.casefold() not in _STAFF_TAGS

    @staticmethod
    def _deep_in(m: Match, lead: tuple[int, int, int] | None) -> bool:
        """Marker ``m`` is the third or a later hashtag of the ``lead`` pile that opens the post
        ("#cars #EV #weekend #ad Road trip …"); the first two are still read up front."""
        return bool(lead) and lead[0] <= m.start < lead[2]

    def _leading_pile(self, wide: str, hashtags: list[Match]) -> tuple[int, int, int] | None:
        """(start of the third hashtag, count, end) of a run of at least ``hashtag_pile``
        hashtags that opens the post and is followed by other text."""
        tags = sorted(hashtags, key=lambda m: m.start)
        if len(tags) < max(3, self.pile) or wide[:tags[0].start].strip():
            return None
        run = [tags[0]]
        for m in tags[1:]:
            if wide[run[-1].end:m.start].strip():
                break
            run.append(m)
        if len(run) < max(3, self.pile) or not wide[run[-1].end:].strip():
            return None
        return run[2].start, len(run), run[-1].end

    def _trailing_pile(self, text: Text, hashtags: list[Match]) -> tuple[int, int, int] | None:
        """(start, end, count) of the last run of at least ``hashtag_pile`` - 1 hashtags that
        ends a line of the post (the post itself or a paragraph of it) after some other text."""
        low = max(2, self.pile - 1)
        if len(hashtags) < low:
            return None
        wide = text.wide
        tags = sorted(hashtags, key=lambda m: m.start)
        found = None
        run: list[Match] = []
        for m in tags:
            if run and wide[run[-1].end:m.start].strip():
                run = []
            run.append(m)
            if (len(run) >= low and _LINE_END.match(wide, m.end)
                    and wide[:run[0].start].strip()):
                found = (run[0].start, m.end, len(run))
        return found
