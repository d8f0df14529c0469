"""Official statements for the organization made from a personal account (rule O101)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from ..text import Text, compact_term
from .anchors import Anchors
from .base import Context, Hit, Match, Pattern, near
from .organization import _same_sentence, _Tagged

# The organization's name as people write it in a statement or a signature: with a company
# suffix (アクメ社, 株式会社アクメ, Acme Inc.) or as its people ("everyone at Acme").
_JA_FORMS = ("{n}社", "{n}株式会社", "株式会社{n}", "{n}グループ", "{n}広報", "{n}広報部",
             "{n}一同", "{n}社員一同", "{n}チーム")
_EN_FORMS = ("{n} Inc", "{n} Corp", "{n} Corporation", "{n} Co", "{n} Group", "{n} team",
             "the {n} team", "everyone at {n}", "all of us at {n}", "us at {n}",
             "{n} communications", "{n} PR", "the team at {n}")
# The generic noun of an English name ("Hikari Bank" -> "the bank", "our bank"): how its people
# refer to the institution in an official voice. Only nouns that name an institution.
_INSTITUTION_NOUNS = {"bank": "bank", "university": "university", "hospital": "hospital",
                      "clinic": "clinic", "college": "college", "school": "school",
                      "foundation": "foundation", "institute": "institute", "museum": "museum",
                      "airlines": "airline", "airline": "airline", "airways": "airline",
                      "railway": "railway", "railways": "railway", "insurance": "insurer",
                      "city": "city", "town": "town", "village": "village", "prefecture": "prefecture"}
# A municipality's people say "the city" and "City Hall" (not "our city": its residents say that too).
_CIVIC_NOUNS = {"city", "town", "village", "prefecture"}
# …and in Japanese the suffix of its name (青空市 -> 市, 青空市役所 -> 市役所), also as 本市, 当市.
# A university's people say 大学として, 大学は…いたします, 当大学, 本大学 (本学 is a `company` word).
_JA_INSTITUTION_SUFFIXES = ("市役所", "区役所", "町役場", "村役場", "県庁", "大学", "市", "区", "町", "村", "県")
_JA_OWN_PREFIXES = ("本", "当")


def _own_ja(generic: Iterable[str]) -> list[str]:
    """本市, 当市, 当大学: the institution's own first person from the suffix of its name."""
    return [p + g for g in generic if len(g) == 1 or g == "大学" for p in _JA_OWN_PREFIXES]


# …and as "we": the company's voice, not something one speaks on behalf of.
_WE_FORMS = ("私たち{n}", "我々{n}", "私ども{n}", "we {n}", "we at {n}")  # the last two are English

# Where a sentence ends: punctuation, a line break, an emoji, or a reply to someone else (an
# ellipsis goes on).
_SENTENCE_BREAK = re.compile("[。！？!?\n\u2600-\u27bf\U0001f300-\U0001faff]|(?<!\\.)\\.(?:\\s|$)|"
                             "\\s@(?![\\w.]+\\s*(?:さん|様|さま|氏|ちゃん|くん))\\w")  # not "@rina さんとの契約"

# A statement told as news or hearsay rather than made: 「…」って, 発表したらしい, "said".
_REPORTED = re.compile(
    r"[すただんるいよね]って|らしい|とのこと|そうです|そうだ|みたい|ようです|によると|によれば|"
    r"(?:報道|ニュース|記事)(?:で|に(?:なって|出て))|と報道|との(?:報道|こと|話|噂|発表)|"
    r"(?:報道|噂|ニュース)(?:が|も)(?:あ|出)|(?:発表|謝罪|表明|否定|公表|回答)(?:され|が(?:あ|来|出))|"
    r"先方|他社|(?<![社行庫院学会]の)取引先|(?:メール|通知|連絡|手紙|DM|お知らせ)(?:が|も)?(?:来|届)|"
    r"と(?:発表|コメント|述べ|話|説明|回答|表明)し|(?:発表|謝罪|表明|否定)し(?:た|てた|ていた)(?!い)|"
    r"\b(?:said|says|told|reported|reportedly|according to|per the)\b",
    re.IGNORECASE)

# A negation right before an English phrase ("not speaking for Acme") or right after a
# Japanese one (アクメを代表しての発言ではありません, 公式回答じゃない).
_NEG_BEFORE = re.compile(r"\b(?:not|never|no|nor|any|without|waiting for|wait for|asking for|asked for|"
                         r"demand(?:ing)?|hoping for)\s+(?:\w+\s+){0,2}$|n't\s+(?:\w+\s+){0,2}$",
                         re.IGNORECASE)
_NEG_AFTER = re.compile(
    r"^て?(?:の(?:発言|意見|投稿|コメント|もの|立場))?(?:で|じゃ)(?:は|も)?(?:ない|なく|ありません|ございません|無い)|"
    r"(?:わけ|発言|投稿|意見|コメント|もの|立場)(?:で|じゃ)(?:は|も)?(?:な|あり|ござ)|"
    r"^[^。、\n]{0,8}?(?:は|を|が)[^。\n]{0,15}?(?:お?待ち|待っ|まだ|出て(?:い)?(?:な|ませ))")  # 正式な回答はお待ちください
# A phrase talked about rather than said: 「検討しております」は断り文句, "our statement was".
_MENTIONED_AFTER = re.compile(
    r"^(?:[、,]?\s*(?:って|という|っていう|みたいな|的な|とか)|"
    r"\s+(?:was|were|has been|had been|is out|is live|is up|came out|went|got|sucks|looks)\b)",
    re.IGNORECASE)
# A verb phrase as the topic: 「検討しております」は断り文句.
_VERB_AS_TOPIC = re.compile(r"[、,]?\s*(?:は|を|が|との)")

# An announcement header at the start of a line: 【お知らせ】, STATEMENT:, 📢 Official:, (official).
_OFFICIAL_KEY = 3  # patterns()[3] is an official English predicate (_EN_OFFICIAL)
_COMPENSATION = 4  # patterns()[4] hands out compensation to every user (補填として…配布します)
_POSITION = 5  # patterns()[5] is "X's position is that": a statement when "we" follows
# patterns()[6] and [7] wake the detector for the company's own word or its Japanese name with a
# declarative verb (当社は…導入します, みどりクリニックは…診療します)
_OFFICIAL_NOUN = 8  # patterns()[8] is the organization's official word as a noun (市の正式決定です)
_HEADERS = 9  # patterns() from this index on are announcement headers
_NEVER = r"\x00\x00\x00"  # keeps the pattern indices when the policy has no words for a pattern
_LINE_START = re.compile(r"(?:^|\n)[^\w\n]{0,4}$")
_TITLES = 2  # the last patterns() are titles, which also need the formal register
# A title line before its ending (システムメンテナンス|のお知らせ): short, no sentence in it.
_TITLE_LINE = re.compile(r"(?:^|\n)[^\n。、,.!?！？「」]{2,30}$")
# First person singular: "Official: I'm joining Acme!" is news about oneself, not the company.
_FIRST_SINGULAR = re.compile(r"\b(?:I|I'm|I've|I'll|my|me)\b|私(?!たち|ども)|僕|俺|わたし|ぼく|自分",
                             re.IGNORECASE)
# The formal register of a company speaking: 〜いたします, 申し上げます, "we will".
_FORMAL_JA = r"いたし(?:ま|て)|申し上げ|ございま|まいりま|おりま|させていただ|申し訳"
_FORMAL = re.compile(_FORMAL_JA + "|ご(?:利用|迷惑|不便|理解|協力|心配)|いただけ|"
                     r"\bwe(?:'re|'ll| are| will| have| do| did| take| apologi[sz]e)\b",
                     re.IGNORECASE)
# Opinion, wishes and questions about the company, not statements by it: すべき, と思う, should.
_OPINION = re.compile(r"べき|ほしい|欲しい|思[いうっわえ]|でしょう|かな(?!り)|のに|[?？]|"
                      r"\b(?:should|must|needs? to|i think|i hope|i wish|hoping|wishing)\b",
                      re.IGNORECASE)
_QUESTION = re.compile(r"[?？]|でしょうか|ですか|ますか")
# A company states in the polite register (正式に表明します, 事実無根です), not 事実無根の噂で草.
_POLITE = re.compile(r"(?:ます|です|ません)(?![か])")
# The company as the subject of a sentence (アクメは, 弊社では, 当社としては, 当行といたしましては)
# and the humble verbs a company uses of itself (いたします, 申し上げます, まいります, おります).
_SUBJECT = re.compile(r"(?:(?:として|といたしまして|としまして|におきまして)(?:は|も)?|は|では|より|から)[、,]?")
_HUMBLE = re.compile(r"(?:いたしま|申し上げ(?:ておき)?ま|まいりま|おりま)(?:す|した|せん)")
# What an operator declares it does, in the polite form: 導入します, 休診とさせていただきます,
# 実施しております (not 混んでます, なりました). With the company's own word (当社, 当院 …) as the
# subject, or in an announcement about its products, it is the company announcing.
# A third person in an announcement: relayed ("Announcement from Acme: they're closing …").
_STRONG_HEADER = re.compile(r"official|statement|公式|声明", re.IGNORECASE)
# "To our patients:": the institution addressing its public, about itself by its wording.
_OUR_PUBLIC = re.compile(r"to\s+(?:all\s+)?our\s", re.IGNORECASE)
_THEY = re.compile(r"\b(?:they|they're|their|them)\b", re.IGNORECASE)
# …and with the organization's name as the subject, only what it will do (閉院します, 診療します):
# アクメは新製品を発表しました is news.
_DECLARE_FUTURE = re.compile(r"(?:し|いたし|させていただき)ます(?![か])")
_DECIDED = re.compile(r"決定(?:いたし|し)ました")
_DECLARE = re.compile(r"(?:し|いたし|致し|させていただき)(?:ま(?:す|した|せん)|ております|ています)(?![か])")
# A company apologizing to its public for an inconvenience: ご迷惑をおかけし申し訳ございません.
_PUBLIC_APOLOGY = re.compile(r"ご(?:迷惑|不便|心配|負担)を(?:お)?(?:かけ|掛け)[^。\n]{0,8}?(?:申し訳|お詫び|深く)|"
                             r"(?:深く|心より|謹んで)(?:お詫び|陳謝)")
_HONORIFIC = re.compile(r"さん|様|さま|殿|氏|ちゃん|くん")
# After a signature: nothing but a company word and punctuation to the end of the post.
_SIGNATURE_TAIL = re.compile(r"\s*(?:team|一同|広報部?|より)?\s*[.!。！)）]*\s*$", re.IGNORECASE)
# Before a signature: a dash, a line break or the end of a sentence.
_SIGNATURE_LEAD = re.compile(r"(?:[—–―\-~〜(（]|[\n。.!！）)])\s*(?:the\s+)?$", re.IGNORECASE)
# News about oneself (joining, leaving the company, marrying, moving) told in a formal voice is not
# a statement.
# What an institution says of itself in a statement, in English, right after its name or "we":
# "Hikari Bank will fully reimburse …", "We are aware of …", "The bank has no plans to …",
# "We sincerely apologize …". It wakes the detector; find() asks for the subject before it.
_EN_OFFICIAL = (
    r"\b(?:(?:will|shall|['’]ll)\s+(?:(?:fully|promptly|immediately|also|continue\s+to)\s+)?"
    r"(?:reimburse|compensate|refund|replace|repair|pay\s+(?:full\s+)?compensation|issue\s+(?:a\s+)?(?:full\s+)?refunds?|"
    r"cooperate|waive|not\s+(?:comment|tolerate|disclose|charge)|"
    r"notify\s+(?:all|affected|impacted|customers|clients|users)|"
    r"contact\s+(?:all|affected|impacted|every)|take\s+(?:appropriate|all|every|legal|firm)|"
    r"provide\s+(?:an?\s+|further\s+)?updates?)|"
    r"will\s+be\s+(?:temporarily\s+)?(?:closed|suspended|discontinued|postponed|extended)\b|"
    r"will\s+(?:not|never)\s+(?:be\s+)?(?:add(?:ing)?|introduc(?:e|ing)|rais(?:e|ing)|sell(?:ing)?)\b|"
    r"(?:is|are|['’]re)\s+(?:officially\s+|now\s+)?(?:closing|shutting\s+down|suspending|discontinuing|recalling|"
    r"announcing|extending|postponing)\b|(?:has|have)\s+(?:officially\s+)?decided\s+to|"
    r"(?:is|are)\s+(?:currently\s+|now\s+|fully\s+)?(?:aware\s+of|investigating|looking\s+into|"
    r"cooperating|working\s+(?:closely|to\s+(?:restore|resolve))|in\s+contact\s+with)|"
    r"(?:has|have)\s+(?:no\s+(?:plans?|intention)\s+(?:to|of)|not\s+been\s+(?:contacted|informed)|"
    r"(?:launched|begun|started|opened)\s+an?\s+(?:investigation|inquiry|internal\s+review)|"
    r"taken\s+(?:immediate|steps|measures))|"
    r"(?:sincerely|deeply|wholeheartedly|formally)\s+(?:apologi[sz]es?|regrets?)|"
    r"(?:takes?|accepts?)\s+full\s+responsibility\s+for|"
    r"apologi[sz]es?\s+for\s+(?:the|any)\s+inconvenience|"
    r"(?:does|do)\s+not\s+(?:comment|tolerate|disclose)|remains?\s+(?:fully\s+)?committed)\b")
# News told of the company in the same words ("Acme is closing its Osaka office", "Acme has decided
# to …"): the progressive and the decision are its word only with "we" or "our …" as the subject.
_FIRST_PLURAL_ONLY = re.compile(r"(?:is|are|['’]re)\s+(?:officially\s+|now\s+)?(?:closing|shutting|suspending|"
                                r"discontinuing|recalling|announcing|extending|postponing)|"
                                r"ha(?:s|ve)\s+(?:officially\s+)?decided", re.IGNORECASE)
_FIRST_PLURAL = re.compile(r"we\b|our\b|私たち|我々|私ども", re.IGNORECASE)
# …or with a second sign that the organization itself is speaking: a sign-off naming its press
# office (（広報部より）, "— Communications team", "(official)"), 以上、…よりお知らせでした, an address to
# its public at the start of a line (学生の皆さんへ, 保護者の皆様, "To all students:"), "effective
# immediately" or "you heard it from us first". Then its name deciding (アクメは…決定しました, "Acme has
# decided to …") is its announcement, not news.
_SPEAKING_CUE = re.compile(
    r"\beffective\s+immediately\b|\bwith\s+immediate\s+effect\b|\bheard\s+it\s+from\s+us\s+first\b|"
    r"以上、?[^。\n]{0,20}?より(?:の)?お知らせ(?:でした|いたしました|です)|"
    r"(?:^|\n)[^\w\n]{0,3}(?:お客様|学生|保護者|会員|利用者|ユーザー|株主|患者|住民|市民|関係者|お取引先|教職員|職員)"
    r"の?(?:皆様|皆さま|皆さん|各位)(?:へ|に)?|"
    r"(?:^|\n)[^\w\n]{0,3}to\s+(?:all\s+)?(?:our\s+)?(?:customers|students|parents|members|users|clients|"
    r"patients|residents|passengers|shareholders|partners)\s*[:：,]|"
    r"[(（]\s*(?:広報(?:部|課|室|担当)?(?:より)?|(?:the\s+)?(?:communications|comms|pr|press\s+office)"
    r"(?:\s+(?:team|office|dept\.?|department))?|official|公式)\s*[)）][\s.。]*$|"
    r"(?:[—–―~〜]|\s-|^-)\s*(?:the\s+)?(?:\w+\s+)?(?:communications|comms|pr|press\s+office|media\s+relations)"
    r"(?:\s+(?:team|office|dept\.?|department))?[\s.!]*$|"
    r"(?:[—–―~〜]|\s-|^-)\s*[^\s\n]{0,12}?広報(?:部|課|室|担当)?(?:より)?[\s。!！]*$",
    re.IGNORECASE)
# …and a post that reacts to it ("love this", 残念, 最高) is a fan's or a critic's, not the organization's.
_REACTION = re.compile(r"\b(?:love|hate|sad|great|awesome|yay|wow|ridiculous|honestly|omg|lol|lmao|finally)\b|"
                       r"残念|嬉しい|うれしい|最高|悲しい|草|笑|ww", re.IGNORECASE)
_NEWS = re.compile(r"\b(?:breaking|news|reuters|bloomberg|nikkei)\b|速報|ニュース|報道|日経", re.IGNORECASE)
# The subject of such a sentence: "We" (also "We at Acme", "We, Acme,"), at the sentence start.
_WE_SUBJECT = re.compile(r"[^\w]*we(?:,?\s+(?:at\s+)?[^,.!?\n]{1,30},)?\s*$", re.IGNORECASE)
# "We are aware of how lucky we are": a clause, not the matter an institution is aware of.
_CLAUSE_AFTER = re.compile(r"\s*(?:how|what|why|who|whether|just|our\s+own)\b", re.IGNORECASE)
_WE = re.compile(r"\bwe\b", re.IGNORECASE)
# "We'll", "we're": the institution's "we" contracted, not a hedge.
_WE_CONTRACTED = re.compile(r"\bwe['’](?:re|ll|ve)\b", re.IGNORECASE)
# Before the organization as a subject: only the start of the sentence ("The bank", "Our bank").
_SUBJECT_START = re.compile(r"[^\w]*$|[^\n]*[:：]\s*$")  # also after a lead-in ("To confirm: Acme will …")
# Words that make "we" an institution talking to the public, not a team or a family.
_INSTITUTIONAL = re.compile(r"\b(?:customers?|clients?|account\s+holders?|depositors?|members|users|"
                            r"patients|students|passengers|regulators?|authorities|outage|incident|"
                            r"disruption|inconvenience|services?|allegations|reports)\b", re.IGNORECASE)
# A hedge, a joke or a speaker's aside: the sentence is talk about the company, not its word.
_HEDGE = re.compile(r"\b(?:you|your|probably|likely|apparently|supposedly|allegedly|reportedly|rumou?r|"
                    r"maybe|hopefully|finally|lol|lmao|smh|imo|tbh|they|them|heard|guess|bet)\b|['’](?:re|ll|ve|m|d|t)\b",
                    re.IGNORECASE)
_PREPOSITION_BEFORE = re.compile(r"\b(?:to|at|from|with|by|for|about|of|into|in|on|against|than|"
                                 r"called|visited|left|joined|sued)\s+$", re.IGNORECASE)
_CAREER = re.compile(r"入社|転職|退職|内定|就職|採用|募集|求人|面接|結婚|入籍|出産|引っ?越|"
                     r"\b(?:join(?:ed|ing)?|new job|first day|last day|hired|quit|leaving|"
                     r"married|engaged|wedding|moving)\b", re.IGNORECASE)


class SpokespersonDetector(_Tagged):
    """A personal account speaking officially for the organization.

    A post is reported when it

    - uses a ``statements`` phrase: "on behalf of {org}", 「{org}を代表して」, 当社の正式な見解
      ({org} is each of the organization's names, also with a company suffix such as 社,
      株式会社, Inc., Corp or "the … team" and as "everyone at {org}");
    - speaks in the company's voice: a ``voice`` word (当社, 弊社, 当社として, the company, the
      organization's name) and an ``acts`` word (正式に表明します, お約束します, 検討しております,
      事実無根, hereby, "officially confirm") in the same sentence;
    - has the organization, its institutional first person (当行, 弊行, 本学, 当院 … in
      ``voice``; "the bank", "our bank" for an organization named "… Bank") or "we" talking
      to its public as the subject of what an institution says of itself ("Acme has no plans
      to …", "We are aware of an incident affecting customers", 当行といたしましては…おります)
      in a plain sentence without hedges, "you" or "I"; the company's own word (当社, 当院) with a
      plain declarative verb (当社は…導入します), its Japanese name with what it will do
      (みどりクリニックは明日から診療します), and "we"/"our …" deciding or announcing ("We at Acme
      have decided to …", "we're removing …"): the name alone with these is news, unless the
      post also shows the organization speaking (a press-office sign-off such as （広報部より）
      or "— Communications team", "(official)", "effective immediately", 以上、…よりお知らせでした,
      an address to its public such as 学生の皆さんへ) and relays or reacts to nothing: then
      "Acme has decided to …" and アクメは…決定しました are its announcement;
    - gives the organization's official word as a noun (市の正式決定です, アクメ公式の立場としては,
      弊社の公式見解として; "on behalf of the entire Acme team"), or its own word's decision
      (当社の決定です, 本学の方針です; アクメの決定です is news);
    - for a municipality (a Japanese name ending in 市, 町, 村, 区, 県, 市役所 …; an English one in
      City, Town … or City Hall) speaks as 本市, 当市, 市として, 市は (as the subject of an ``acts``
      word or a humble verb: 市は…方針です), "the city" or "City Hall"; likewise a university
      (北斗大学: 大学として, 大学は, 当大学, 本大学, 大学を代表して);
    - hands out compensation to every user (補填として…配布します, "refunds will be issued to all
      …"), states "X's position is that … we …", or gives a product notice with an apology to
      the public (…を停止いたします。ご不便をおかけし申し訳ございません);
    - introduces itself as the organization at the start of a line (ピクセルキツネです。, "PXK here:");
    - is laid out as an announcement: a header at the start of a line (【お知らせ】,
      "STATEMENT:", "Official:", "(official)", "Update from Acme:", "To our customers:"; not when
      relayed with "they"), a notice's title line in a formal post
      (システムメンテナンスのお知らせ, "Notice regarding …") about the organization, or signed
      with its name at the end ("— Acme team", 「…いたします。アクメ株式会社」) in a formal
      register.

    Nothing is reported when the post quotes or links to the statement or reports it as news
    (a ``quoting`` word nearby such as "according to" or によると, a link after it, quote
    marks around it, 「…と発表した」, "said"), negates it ("not speaking for Acme",
    公式回答じゃない) or says it is a personal view (a ``personal`` word such as "my own view"
    or 個人の見解). An organization's name inside one of its ``products`` is not its voice.
    """

    name = "spokesperson"
    GROUPS = ("statements", "voice", "acts", "quoting", "personal")
    TRIGGERS = frozenset({"statements", "acts"})

    RADIUS = 30

    def extra_params(self) -> Sequence[str]:
        return ("company",)

    def add_organization_terms(self, groups: dict[str, list[str]], context: Context) -> None:
        names = context.organization.names
        org = _org_forms(names)
        company = self.param_list("company")
        # A Japanese phrase takes the Japanese forms (Acme社を代表して), an English one the
        # English forms (on behalf of everyone at Acme): the terms stay few.
        generic = _generic_forms(names)
        # 青空市 -> 市 (its people speak as 市として, 本市, 当市, 市は…方針です)
        ja_generic = _ja_generic(names)
        by_script = {True: _org_forms(names, ()) + [w for w in company if w.isascii()] + generic,
                     False: _org_forms(names, _JA_FORMS, ()) + [w for w in company if not w.isascii()]
                     + ja_generic}
        for group in ("statements", "voice", "acts"):
            expanded: list[str] = []
            for phrase in groups[group]:
                if "{org}" in phrase:
                    latin = phrase.replace("{org}", "").isascii()
                    expanded += [phrase.replace("{org}", n) for n in by_script[latin]]
                else:
                    expanded.append(phrase)
            groups[group] = expanded
        we = _org_forms(names, _WE_FORMS, _WE_FORMS[3:])
        own_ja = _own_ja(ja_generic)
        groups["voice"] = (groups["voice"] + org + we + generic + ja_generic + own_ja
                           + [g + "として" for g in ja_generic])
        groups["products"] = list(context.organization.products)
        self._org_keys = {compact_term(n) for n in org + we}
        self._generic = tuple(ja_generic)

    def patterns(self) -> Sequence[Pattern]:
        return self._anchored().patterns

    _anchors: Anchors | None = None

    def _anchored(self) -> Anchors:
        """The patterns, two of them given to Hyperscan as an unbounded anchor (the bounded
        repeats of the signature and the 【…】 header are what make them slow to compile)."""
        if self._anchors is None:
            self._anchors = Anchors(self._build_patterns(), {
                2: r"(?:[—–―~〜]|\s-|^-)[^\n]*$|[(（][^()（）\n]*[)）]\s*$",
                9: r"【[^】\n]*(?:お知らせ|告知|声明|公式|お詫び|謝罪|ご報告|重要|プレスリリース|発表)"
                   r"[^】\n]*】"})
            self._trigger_terms = frozenset(i for i, t in enumerate(self.terms()) if t.trigger)
        return self._anchors

    def _build_patterns(self) -> list[Pattern]:
        # The company's own first person in Japanese (当社, 当院 …; not the plain word 会社).
        own = "|".join(re.escape(w) for w in self.param_list("company") if not w.isascii() and w != "会社")
        org_names = self.context.organization.names
        names = "|".join(re.escape(Text(n).wide) for n in org_names if not n.isascii())
        ja_generic = _ja_generic(org_names)
        own = "|".join(filter(None, [own, *_own_ja(ja_generic)]))
        # the organization's official word as a noun: 市の正式決定です, 弊社の公式見解として
        ja_orgs = "|".join(filter(None, [names, own, *map(re.escape, ja_generic)]))
        en_names = "|".join(re.escape(Text(n).wide) for n in org_names if n.isascii())
        official_noun = [
            *([f"(?:{ja_orgs})(?:(?:の|としての)?(?:公式|正式)(?:な|の)?(?:見解|立場|決定|回答|コメント|方針|声明|対応)|"
               r"(?:の|としての)(?:見解|立場))(?:として|です|でございます|を(?:申し上げ|お伝え|述べ)|\s*[:：])"]
              if ja_orgs else []),
            # only the institution's own word states its decision as a noun (当社の決定です; not
            # アクメの決定です, which is news)
            *([f"(?:{own})(?:としての|の)(?:決定|方針|判断)(?:です|でございます|\\s*[:：])"] if own else []),
            *([rf"\bon\s+behalf\s+of\s+(?:the\s+)?(?:entire|whole)\s+(?:{en_names})\b"] if en_names else [])]
        # A post wakes the detector with a statement phrase, an act, the humble register, an
        # ending that may be a signature or an announcement header: the company's name alone
        # (in every post about its products) does not.
        return [Pattern(r"https?://", "link", trigger=False),
                Pattern(_FORMAL_JA, "humble register"),
                Pattern(r"(?:[—–―~〜]|\s-|^-)[^\n]{1,30}$|[(（][^()（）\n]{1,20}[)）]\s*$", "signature"),
                Pattern(_EN_OFFICIAL, "official predicate", caseless=True),
                Pattern(r"(?:補填|補償|詫び石|お詫びとして)[^。\n!！?？]*(?:配布|付与|お配り|送付|返金)"
                        r"(?:いた)?(?:します|しました|させていただきます)|"
                        r"\b(?:compensation|apology\s+\w+|refunds?)\s+will\s+be\s+(?:distributed|sent|issued|"
                        r"granted|given)\s+to\s+(?:all|every|affected)", "compensation", caseless=True),
                Pattern(r"\b\w+['’]s\s+(?:official\s+)?position\s+is\b", "position", caseless=True),
                Pattern(f"(?:{own})(?:は|では|として(?:は)?)[^。\n!！?？]*"
                        r"(?:し|させていただき)(?:ま(?:す|した)|ております|ています)" if own else _NEVER,
                        "company declares", trigger=bool(own)),
                Pattern(f"(?:{names})(?:(?:は|では)[^。\n!！?？]*(?:し|させていただき)ま(?:す|した)|"
                        f"として[^。\n!！?？]*(?:し|させていただき)ま(?:す|した))" if names else _NEVER,
                        "organization declares", trigger=bool(names)),
                Pattern("|".join(official_noun) or _NEVER, "official word as a noun", caseless=True,
                        trigger=bool(official_noun)),
                Pattern(r"【[^】\n]{0,12}(?:お知らせ|告知|声明|公式|お詫び|謝罪|ご報告|重要|"
                        r"プレスリリース|発表)[^】\n]{0,12}】", "header"),
                Pattern(r"(?:お客様|ユーザー|利用者|関係者|株主)(?:の皆様)?各位", "header"),
                Pattern(r"dear (?:valued )?(?:customers|users|clients|partners)", "header", caseless=True),
                Pattern(r"to (?:all )?our (?:valued )?(?:customers|users|clients|patients|players|members|"
                        r"community|fans)\s*[:：,]", "header", caseless=True),
                Pattern(r"(?:official\s+|important\s+)?(?:official|statement|announcement|notice|"
                        r"press release|公式発表|声明|お知らせ|ご報告|お詫び)"
                        r"\s*[:：]", "header", caseless=True),
                Pattern(r"[(（\[［]\s*(?:official|公式)\s*[)）\]］]", "header", caseless=True),
                Pattern(r"(?:important\s+|official\s+)?(?:announcement|notice|update|message|news)\s+from\s+"
                        r"[^:：\n]+[:：]", "header", caseless=True),
                Pattern(r"(?:important\s+)?(?:notice|announcement)\s+(?:of|regarding|about|concerning)\s",
                        "title", caseless=True),
                # the end of a title line: システムメンテナンスのお知らせ, 不正利用に関するお詫び
                Pattern(r"(?:の|に関する|についての|に伴う)(?:お知らせ|お詫び|ご報告|ご案内|重要なお知らせ)"
                        r"[ \t]*(?:\n|$)", "title")]

    def find(self, text: Text, patterns: list[Match], terms: list[Match]) -> Iterable[Hit]:
        wide = text.wide
        checked = self._anchored().verify(wide, patterns, terms, self._trigger_terms)
        if checked is None:
            return []  # only an anchor woke the rule, and its full pattern does not match
        patterns = checked
        tags = self.by_tag(terms)
        if "personal" in tags:
            return
        links = [m for m in patterns if m.key == 0]
        quotes = _quoted_spans(wide)
        products = tags.get("products", [])
        quoting = tags.get("quoting", [])
        mentions = set(tags.get("statements", []) + tags.get("acts", []))

        def told(m: Match) -> bool:
            """The phrase is quoted, linked, negated or reported, not said."""
            if near(quoting, m.start, m.end, self.radius) is not None:
                return True
            if any(m.end <= link.start <= m.end + 2 * self.radius
                   and _leads_to(wide, m.end, link.start) for link in links):
                return True
            if any(q0 <= m.start and m.end <= q1 for q0, q1 in quotes):
                return True
            if _NEG_BEFORE.search(wide, max(0, m.start - 25), m.start):
                return True
            if _NEG_AFTER.search(wide[m.end:m.end + 20]):
                return True
            if m in mentions and _MENTIONED_AFTER.match(wide[m.end:m.end + 16]):
                return True
            s0, s1 = _sentence(wide, m.start, m.end)
            return _REPORTED.search(wide, s0, s1) is not None

        for m in tags.get("statements", []):
            if self.word(m).endswith(_INTRODUCTIONS) and not _introduces(wide, m):
                continue
            if self.word(m).startswith(self._generic) and _word_goes_back(wide, m.start):
                continue  # 都市を代表して
            if not told(m) and not _QUESTION.search(wide, *_sentence(wide, m.start, m.end)):
                yield Hit(m.start, m.end, f"official-statement phrase '{self.word(m)}'")
                return
        # 市の正式決定です, 弊社の公式見解として, "on behalf of the entire Acme team"
        for pm in patterns:
            if (pm.key == _OFFICIAL_NOUN and not _word_goes_back(wide, pm.start) and not told(pm)
                    and not _QUESTION.search(wide, *_sentence(wide, pm.start, pm.end))):
                end = len(wide[:pm.end].rstrip(" :："))
                yield Hit(pm.start, end, f"official-statement phrase '{wide[pm.start:end]}'")
                return

        # a second sign the organization speaks, in a post that relays nothing (no "via", "told us")
        speaking = (_SPEAKING_CUE.search(wide) is not None and not quoting and not links
                    and _REPORTED.search(wide) is None and _OPINION.search(wide) is None
                    and _NEWS.search(wide) is None and _REACTION.search(wide) is None)
        voices = [m for m in tags.get("voice", [])
                  if not _inside(m, products) and not _name_goes_on(wide, m.end)
                  and not _HONORIFIC.match(wide, m.end) and not _word_goes_back(wide, m.start)
                  and not (self.word(m) in self._generic and not _generic_subject(wide, m))
                  and not (self.word(m).startswith(("the ", "our "))
                           and _PREPOSITION_BEFORE.search(wide, max(0, m.start - 12), m.start))]
        for act in tags.get("acts", []):
            s0, s1 = _sentence(wide, act.start, act.end)
            if _OPINION.search(wide, s0, s1) or _CAREER.search(wide, s0, s1):
                continue
            if not self.word(act).isascii() and not _POLITE.search(wide, act.start, s1):
                continue
            if self.word(act).endswith(("す", "ん")) and _VERB_AS_TOPIC.match(wide, act.end):
                continue
            past = self.word(act).endswith("ed")
            for v in voices:
                if past and not _FIRST_PLURAL.match(self.word(v)):
                    continue  # "Acme officially confirmed …" is news, "our company … officially confirmed" is not
                if _same_sentence(wide, v, act, _SENTENCE_BREAK) and not told(act) and not told(v):
                    lo, hi = min(v.start, act.start), max(v.end, act.end)
                    yield Hit(lo, hi, f"company voice '{self.word(v)}' with '{self.word(act)}'")
                    return

        # アクメは…いたします: the company as the subject of a humble verb is the company talking.
        for v in voices:
            subject = _SUBJECT.match(wide, v.end)
            if subject is None or (v.start and wide[v.start - 1] in "のにでとを"):
                continue
            s0, s1 = _sentence(wide, v.start, v.end)
            humble = _HUMBLE.search(wide, subject.end(), s1)
            if humble is None and self.word(v) not in self._generic:
                # 当社は…導入します: the company's own word needs no humble verb; its name only
                # with what it will do (みどりクリニックは明日から診療します)
                # アクメとして、…決定しました: only the organization speaks as itself (not
                # アクメとしては珍しく…, アクメとして働いて…)
                as_itself = subject.group().startswith("として") and subject.group().endswith(("、", ","))
                own = compact_term(self.word(v)) not in self._org_keys or as_itself
                humble = (_DECLARE if own else _DECLARE_FUTURE).search(wide, subject.end(), s1)
                if humble is None and speaking:  # アクメは…決定しました。（広報部より）
                    humble = _DECIDED.search(wide, subject.end(), s1)
                if humble is not None and wide[humble.end():humble.end() + 1] in ("ね", "よ"):
                    humble = None  # 値下げしましたね: talk about it
            if humble is None or _VERB_AS_TOPIC.match(wide, humble.end()):
                continue
            if (not _OPINION.search(wide, s0, s1)
                    and not _CAREER.search(wide, s0, s1) and not told(v)):
                yield Hit(v.start, subject.end(), f"company voice '{self.word(v)}' in the humble form")
                return

        for pm in patterns:
            if pm.key not in (_COMPENSATION, _POSITION):
                continue
            s0, s1 = _sentence(wide, pm.start, pm.end)
            sentence = wide[s0:s1]
            if (_OPINION.search(sentence) or _HEDGE.search(sentence) or _FIRST_SINGULAR.search(sentence)
                    or told(pm)):
                continue
            if pm.key == _COMPENSATION:
                # 補填として全員に配布します, "compensation will be distributed to all players"
                yield Hit(pm.start, pm.end, "compensation announced to every user")
                return
            if _WE.search(wide, pm.end, s1) or re.search(r"\bour\b", sentence[pm.end - s0:], re.I):
                # "Acme's position is that the claim has no merit, and we will …"
                yield Hit(pm.start, pm.end, "the organization's position stated as 'we'")
                return

        last = len(self.patterns()) - 1
        headers = [m for m in patterns if m.key >= _HEADERS and (
            _TITLE_LINE.search(wide, 0, m.start) if m.key == last
            else _LINE_START.search(wide, 0, m.start))]
        if not _FORMAL.search(wide):
            headers = [m for m in headers if m.key <= last - _TITLES]
        org_voices = [v for v in voices if compact_term(self.word(v)) in self._org_keys]
        signature = _signature(wide, org_voices)
        about_org = bool(org_voices) or (bool(products) and (
            _FORMAL.search(wide) is not None or _DECLARE.search(wide) is not None))
        for h in headers:
            if _CAREER.search(wide):
                break
            # "Official statement: Acme Cloud …": an official header needs only the product
            about = (about_org or (bool(products) and _STRONG_HEADER.search(wide, h.start, h.end) is not None)
                     or _OUR_PUBLIC.match(wide, h.start) is not None)
            if _THEY.search(wide):
                break
            if ((signature is not None or (about and not _FIRST_SINGULAR.search(wide)))
                    and not told(h) and not any(told(v) for v in org_voices)):
                start = wide.rfind("\n", 0, h.start) + 1 if h.key == last else h.start
                yield Hit(start, len(wide[:h.end].rstrip()), "announcement header about the organization")
                return
        # みどりケアの一部機能を停止いたします。ご不便をおかけし申し訳ございません: the company doing
        # something to its product in the humble form and apologizing to its public for it.
        apology = _PUBLIC_APOLOGY.search(wide) if (products or org_voices) else None
        if apology is not None and not _FIRST_SINGULAR.search(wide) and not _CAREER.search(wide):
            said = Match(-1, apology.start(), apology.end())
            for target in org_voices or products:
                humble = _HUMBLE.search(wide, target.end)
                if humble is not None and not told(said) and not told(target):
                    yield Hit(target.start, humble.end(), "the organization's notice with an apology to its public")
                    return
        if (signature is not None and _FORMAL.search(wide) and not _CAREER.search(wide)
                and not told(signature)):
            yield Hit(signature.start, signature.end,
                      f"signed as the organization '{self.word(signature)}'")
            return

        # Hikari Bank will fully reimburse …, We are aware of …: the institution (or "we") as the
        # subject of what an institution says of itself, in a plain declarative sentence.
        for pm in patterns:
            if pm.key != _OFFICIAL_KEY:
                continue
            s0, s1 = _sentence(wide, pm.start, pm.end)
            sentence = wide[s0:s1]
            if (_OPINION.search(sentence) or _HEDGE.search(_WE_CONTRACTED.sub("we", sentence))
                    or _FIRST_SINGULAR.search(sentence)
                    or _CAREER.search(wide) or _CLAUSE_AFTER.match(wide, pm.end) or told(pm)):
                continue
            subject = next((v for v in voices if s0 <= v.start and v.end <= pm.start
                            and not wide[v.end:pm.start].strip(" ,")
                            and _SUBJECT_START.fullmatch(wide, s0, v.start)), None)
            if (subject is not None and _FIRST_PLURAL_ONLY.match(wide, pm.start)
                    and not _FIRST_PLURAL.match(self.word(subject)) and not speaking):
                subject = None
            if subject is not None and not told(subject):
                yield Hit(subject.start, pm.end,
                          f"the organization '{self.word(subject)}' states '{wide[pm.start:pm.end]}'")
                return
            if (_WE_SUBJECT.fullmatch(wide, s0, pm.start)
                    and (_INSTITUTIONAL.search(sentence) or org_voices or products)):
                we = _WE.search(wide, s0, pm.start)
                yield Hit(we.start() if we else pm.start, pm.end,
                          f"'we' states '{wide[pm.start:pm.end]}' for the organization")
                return


# The organization introducing itself at the start of a post or line: 「ピクセルキツネです。」,
# 「みどりクリニックより：」, "PXK here:".
_INTRODUCTIONS = ("です", "より", " here")


def _introduces(wide: str, m: Match) -> bool:
    after = wide[m.end:m.end + 1]
    return (_LINE_START.search(wide, 0, m.start) is not None
            and (after in ":：" if not after or wide[m.start:m.end].endswith(("より", "here"))
                 else after in "。！!、\n"))


def _org_forms(names: Iterable[str], ja: Sequence[str] = _JA_FORMS,
               en: Sequence[str] = _EN_FORMS) -> list[str]:
    """The organization's names in the given forms (Japanese ones for every name, English ones
    for Latin names), without duplicates; the bare names come first."""
    out: list[str] = []
    seen: set[str] = set()
    for n in names:
        forms = [n, *(f.format(n=n) for f in ja)]
        if n.isascii():
            forms += [f.format(n=n) for f in en]
        for f in forms:
            key = compact_term(f)
            if key and key not in seen:
                seen.add(key)
                out.append(f)
    return out


def _generic_forms(names: Iterable[str]) -> list[str]:
    """"the bank", "our bank" for an organization named "Hikari Bank": the institution's own word
    for itself, from the last word of its English names."""
    out: list[str] = []
    for n in names:
        words = n.split()
        if n.isascii() and len(words) > 2 and words[-1].lower() == "hall":  # "Aozora City Hall"
            forms: tuple[str, ...] = (" ".join(words[-2:]),)
        else:
            noun = _INSTITUTION_NOUNS.get(words[-1].lower()) if n.isascii() and len(words) > 1 else None
            forms = () if noun is None else (f"the {noun}",) if noun in _CIVIC_NOUNS else (f"the {noun}", f"our {noun}")
        out += [f for f in forms if f not in out]
    return out


def _ja_generic(names: Iterable[str]) -> list[str]:
    """市 and 市役所 for a city named 青空市 / 青空市役所: the word its people use for it."""
    out: list[str] = []
    for n in names:
        g = next((g for g in _JA_INSTITUTION_SUFFIXES if n.endswith(g) and len(n) > len(g)), None)
        if g is not None and not n.isascii() and g not in out:
            out.append(g)
    return out


def _generic_subject(wide: str, m: Match) -> bool:
    """市は, 市としては: the bare 市 speaks only as the subject (not 市の対応, うちの市は, 市民)."""
    return (_GENERIC_SUBJECT.match(wide, m.end) is not None
            and (m.start == 0 or wide[m.start - 1] not in "のにでとをがも"))


_GENERIC_SUBJECT = re.compile(r"(?:は|では|として(?:は)?)[、,]?")


def _inside(m: Match, others: Iterable[Match]) -> bool:
    return any(o.start <= m.start and m.end <= o.end and o != m for o in others)


def _name_goes_on(wide: str, end: int) -> bool:
    """アクメノート, Acmeville: the name is only the start of another word."""
    if end >= len(wide):
        return False
    ch = wide[end]
    return ("\u30a1" <= ch <= "\u30fa") or ch == "ー" or (ch.isascii() and ch.isalnum())


def _word_goes_back(wide: str, start: int) -> bool:
    """基本学習, 該当会員: a kanji word for the company (本学, 当会) inside a longer word."""
    if start == 0 or not ("\u4e00" <= wide[start] <= "\u9fff"):
        return False
    return "\u4e00" <= wide[start - 1] <= "\u9fff"


def _sentence(wide: str, start: int, end: int) -> tuple[int, int]:
    lo = start
    while lo > 0 and not _SENTENCE_BREAK.match(wide, lo - 1):
        lo -= 1
    found = _SENTENCE_BREAK.search(wide, end)
    return lo, (found.end() if found else len(wide))


def _leads_to(wide: str, start: int, link: int) -> bool:
    """The link belongs to the sentence at ``start``: it is in it or right after its end
    ("…official statement: https://…", "Read it here. https://…"), not after other sentences."""
    ends = [b.end() for b in _SENTENCE_BREAK.finditer(wide, start, link)]
    return not ends or _WORD.search(wide, ends[-1], link) is None


_WORD = re.compile(r"\w")


# Quoted text; an unclosed quote runs to the end of the post.
_QUOTED = re.compile(r'「[^」]*(?:」|$)|『[^』]*(?:』|$)|"[^"]*(?:"|$)|“[^”]*(?:”|$)')


def _quoted_spans(wide: str) -> list[tuple[int, int]]:
    return [m.span() for m in _QUOTED.finditer(wide)]


def _signature(wide: str, org_voices: list[Match]) -> Match | None:
    """The organization's name signing off the post: "— Acme team", 「。アクメ株式会社」."""
    for v in sorted(org_voices, key=lambda v: (v.start, v.end), reverse=True):
        if _SIGNATURE_TAIL.fullmatch(wide, v.end) and _SIGNATURE_LEAD.search(
                wide, max(0, v.start - 8), v.start):
            return v
    return None
