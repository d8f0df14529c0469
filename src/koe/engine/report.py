"""What a scan returns: findings with spans in the original text, and a verdict."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import Any

__all__ = ["Finding", "Report"]


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem in one text, explained.

    ``start``/``end`` index the text as the person wrote it; ``evidence`` says which pattern,
    term or context word made the rule fire; ``suggestion`` is the better way to say it.
    """

    rule: str
    name: str
    category: str
    severity: str
    start: int
    end: int
    text: str
    evidence: str
    message: str
    suggestion: str
    detail: str | None = None

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        if out["detail"] is None:
            del out["detail"]
        return out


@dataclass(slots=True)
class Report:
    """All findings for one text, and the verdict the policy gives for the account kind."""

    text: str
    account: str
    lang: str
    verdict: str
    findings: list[Finding] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.findings

    def categories(self) -> set[str]:
        return {f.category for f in self.findings}

    def to_dict(self) -> dict[str, Any]:
        return {"verdict": self.verdict, "account": self.account,
                "findings": [f.to_dict() for f in self.findings]}


# ---------------------------------------------------------------------------- evidence in Japanese
#
# Each detector writes its evidence in English from a few fixed shapes ("phone number valid in
# JP, context word '電話'"). Quoted parts are what the post or the policy says and stay as they
# are, inside 「」; the rest is rewritten shape by shape into a Japanese sentence. A shape this
# module does not know falls back to a small word table, and words it does not know stay in
# English rather than being guessed.

_A = r"[^\W_]"  # a letter or digit in any script
# A quoted part opens at a ' with no letter or digit before it and closes at a ' with none after
# it, so the apostrophes of "you're" and "can't" stay inside (an apostrophe inside a quoted part
# is one with a letter or digit after it).
_Q = rf"(?<!{_A})'((?:[^']|'(?={_A}))+?)'(?!{_A})"


def _named(group: str) -> str:
    """``_Q`` with its quoted text as the named group ``group``."""
    return _Q.replace("'((?:", f"'(?P<{group}>(?:", 1)


_COUNTRIES_JA = {
    "JP": "日本", "US": "米国", "GB": "英国", "DE": "ドイツ", "FR": "フランス", "KR": "韓国",
    "CN": "中国", "TW": "台湾", "HK": "香港", "SG": "シンガポール", "AU": "オーストラリア",
    "CA": "カナダ", "IN": "インド", "NL": "オランダ", "IT": "イタリア", "ES": "スペイン",
    "CH": "スイス", "BE": "ベルギー", "AT": "オーストリア", "IE": "アイルランド",
}

# The names the default policy gives its patterns and word pairs. An organization's own names
# are its own words and stay as written.
_NAMES_JA = {
    "ability put-down": "能力をけなす表現",
    "character put-down": "人格をけなす表現",
    "dehumanizing comparison": "人を人として扱わない比喩",
    "gender put-down": "性別を理由にけなす表現",
    "threat to find someone": "居場所を突き止めるという脅し",
    "wish of harm": "危害を願う表現",
    "insulting name": "侮辱的な呼び方",
    "insult aimed at you": "相手に向けた侮辱",
    "insult aimed at a person": "人に向けた侮辱",
    "insult aimed at a group": "集団に向けた侮辱",
    "generalization about a group": "集団についての決めつけ",
    "put-down of a group": "集団を見下す表現",
    "hatred of a group": "集団への憎悪",
    "group told to keep quiet": "集団に黙れと命じる表現",
    "threat of violence": "暴力の脅し",
    "threat of harm": "危害の脅し",
    "no loss of principal": "元本割れしないという約束",
    "amount earned": "稼げる金額",
    "amount per period": "期間あたりの金額",
    "multiplied": "何倍にもなるという表現",
    "rate": "利率",
    "certain weight loss": "確実に痩せるという表現",
    "weight loss in days": "数日で痩せるという表現",
    "effortless effect": "努力なしの効果",
    "clinically proven cure": "臨床で証明済みという治療",
}
_NAME_LANG_JA = {"ja": "日本語", "en": "英語"}


def _country(code: str) -> str:
    """'JP' → 日本; a code the short table lacks is looked up in phonenumbers' names."""
    if code in _COUNTRIES_JA:
        return _COUNTRIES_JA[code]
    try:
        from phonenumbers.geodata.locale import LOCALE_DATA
    except ImportError:  # pragma: no cover - phonenumbers is a dependency of the engine
        return code
    return LOCALE_DATA.get(code, {}).get("ja") or code


def _default_name(name: str) -> str | None:
    """A pattern's or pair's name from the default policy in Japanese; None for any other."""
    base, lang = name, ""
    if m := re.fullmatch(r"(.+) \((ja|en)\)", name):
        base, lang = m[1], f"（{_NAME_LANG_JA[m[2]]}）"
    return _NAMES_JA[base] + lang if base in _NAMES_JA else None


def _phone(region: str) -> str:
    if region == "JP (possible)":
        return "日本の電話番号としてあり得る番号"
    if re.fullmatch(r"[A-Z]{2}", region):
        return f"{_country(region)}で有効な電話番号"
    return "有効な電話番号"


def _pair(m: re.Match[str]) -> str:
    name = _default_name(m["name"]) or f"「{m['name']}」："
    tail = f"…「{m['then']}」" if m["then"] is not None else ""
    return f"{name}「{m['first']}」{tail}"


def _card(m: re.Match[str]) -> str:
    """'Discover, UnionPay or Maestro' → Discover・UnionPay・Maestro のいずれか."""
    brand = m["brand"] + " "
    if " or " in brand:
        brand = re.sub(r", | or ", "・", brand.strip()) + " のいずれか"
    return f"{brand}の番号（{m['n']}桁、Luhn チェック一致）"


_Fmt = str | Callable[[re.Match[str]], str]
# (English shape, Japanese). In the shapes, Q is one quoted part; the Japanese is a format
# string over the groups (q, q2 for quoted parts) or a function of the match.
_SHAPES: list[tuple[str, _Fmt]] = [
    # harassment, lexicon, claims
    (r"term Q", "語句「{q}」"),
    (r"pattern Q", lambda m: f"パターン「{_default_name(m['q']) or m['q']}」"),
    (r"phrase Q", "表現「{q}」"),
    (r"Q about Q", "「{q2}」についての「{q}」"),
    (r"Q with Q", "「{q}」と「{q2}」の組み合わせ"),
    (r"model score (?P<score>[\d.]+) ≥ (?P<limit>[\d.]+)",
     "判定モデルのスコア {score}（しきい値 {limit} 以上）"),
    # disclosure
    (r"mentions Q with promotion Q and no disclosure",
     "「{q}」への言及と宣伝の言葉「{q2}」があり、広告の表示がない"),
    (r"mentions Q with promotion as a slogan and no disclosure",
     "「{q}」を標語のように宣伝していて、広告の表示がない"),
    (r"disclosure Q is buried among (?P<n>\d+) hashtags(?: at the end)?",
     "広告の表示「{q}」が{n}個のハッシュタグに埋もれている"),
    (r"disclosure Q is buried in a note at the end", "広告の表示「{q}」が末尾の注記に埋もれている"),
    # leak
    (r"(?P<pct>\d+%) of the post matches internal document Q", "投稿の{pct}が社内文書「{q}」と一致"),
    # organization
    (r"code name Q", "コードネーム「{q}」"),
    (r"internal domain Q", "社内ドメイン「{q}」"),
    (r"intranet host name", "社内ホスト名"),
    (r"confidentiality marking Q", "機密表示「{q}」"),
    (r"confidentiality word Q, context Q", "機密を示す語「{q}」、文脈「{q2}」"),
    (r"secrecy cue Q, work word Q", "内緒の前置き「{q}」、仕事の話題「{q2}」"),
    (r"embargo cue Q, reveal word Q", "未公表の合図「{q}」、明かす言葉「{q2}」"),
    # spokesperson
    (r"official-statement phrase Q", "公式発言の表現「{q}」"),
    (r"company voice Q with Q", "会社としての言い方「{q}」と「{q2}」"),
    (r"company voice Q in the humble form", "会社「{q}」を主語にした謙譲表現"),
    (r"announcement header about the organization", "組織についての発表の見出し"),
    (r"signed as the organization Q", "組織「{q}」としての署名"),
    (r"the organization Q states Q", "組織「{q}」が「{q2}」と表明"),
    (r"Q states Q for the organization", "「{q}」が組織として「{q2}」と表明"),
    # pii
    (r"e-mail address at Q", "ドメイン「{q}」のメールアドレス"),
    (r"phone number valid in (?P<region>[A-Z?]+(?: \(possible\))?)",
     lambda m: _phone(m["region"])),
    (r"(?P<brand>.+?) number, (?P<n>\d+) digits, valid Luhn check", _card),
    (r"IBAN \((?P<cc>[A-Z]{2})\), (?P<n>\d+) characters, valid mod-97 check",
     lambda m: f"IBAN（{_country(m['cc'])}、{m['n']}文字、チェックデジット一致）"),
    (r"12 digits with a valid My Number check digit", "チェックデジットが正しい12桁のマイナンバー"),
    (r"(?P<kind>SSN|ITIN) that follows the issuing rules", "発行規則に合う {kind}"),
    (r"passport-number shape", "旅券番号の形"),
    (r"account-number shape", "口座番号の形"),
    (r"account-number shape, next to a routing number", "口座番号の形（ルーティング番号の近く）"),
    (r"street address in (?P<where>.+) down to the block",
     lambda m: (f"「{m['where']}」" if re.search("[A-Za-z]", m["where"]) else m["where"])
     + "の番地まで含む住所"),
    (r"US-style street address, with city, state and ZIP code", "米国式の住所（市・州・郵便番号まで）"),
    (r"US-style street address, house number and street", "米国式の住所（番地と通り名）"),
    # secrets
    (r"format Q", "形式「{q}」"),
    (r"masked key", "一部を伏せたキー"),
    (r"(?P<kind>.+) private key block", "{kind} の秘密鍵ブロック"),
    (r"Q followed by a (?P<n>\d+)-character value", "「{q}」の後に{n}文字の値"),
    (r"high-entropy quoted string", "ランダムに見える引用符付きの文字列"),
    (r"key Q with a (?P<n>\d+)-character value", "キー「{q}」に{n}文字の値"),
    (r"comparison of Q with a literal", "「{q}」と固定値の比較"),
    (r"option Q with a value", "オプション「{q}」に値"),
    (r"(?P<scheme>\S+) credential in an authorization header", "認証ヘッダー内の「{scheme}」認証情報"),
    (r"key and value", "キーと値"),
    # harassment word pairs, named by the policy: "insult aimed at you: 'お前' … 'バカ'"
    (rf"(?P<name>[^':]+): {_named('first')}"
     rf"(?: … {_named('then')})?", _pair),
]
# Said of most findings: "…, context word '電話'".
_CONTEXT = re.compile(rf"(?P<head>.+), context word {_named('q')}",
                      re.DOTALL)
_COMPILED: list[tuple[re.Pattern[str], _Fmt]] | None = None

# The fallback for evidence of a shape not listed above (a newer detector's): known fragments
# in Japanese, the rest as it is.
_EVIDENCE_JA = {
    "context word": "文脈語",
    "code name": "コードネーム",
    "pattern": "パターン",
    "format": "形式",
    "term": "語句",
    "key": "キー",
}
_FALLBACK_RE = re.compile("|".join(re.escape(w) for w in sorted(_EVIDENCE_JA, key=len,
                                                                    reverse=True)))


def _shapes() -> list[tuple[re.Pattern[str], _Fmt]]:
    global _COMPILED
    if _COMPILED is None:
        out = []
        for shape, fmt in _SHAPES:
            n = 0

            def quoted(_: re.Match[str]) -> str:
                nonlocal n
                n += 1
                return _named(f"q{n if n > 1 else ''}")

            out.append((re.compile(re.sub(r"\bQ\b", quoted, shape), re.DOTALL), fmt))
        _COMPILED = out
    return _COMPILED


def split_quoted(evidence: str) -> list[tuple[bool, str]]:
    """``evidence`` as (quoted, text) parts; see ``_Q`` for where a quoted part opens and closes.

    >>> split_quoted("phrase 'you're so' … 'can't lose'")
    [(False, 'phrase '), (True, "you're so"), (False, ' … '), (True, "can't lose")]
    """
    parts: list[tuple[bool, str]] = []
    pos = 0
    for m in re.finditer(_Q, evidence, re.DOTALL):
        if m.start() > pos:
            parts.append((False, evidence[pos:m.start()]))
        parts.append((True, m[1]))
        pos = m.end()
    if pos < len(evidence):
        parts.append((False, evidence[pos:]))
    return parts


def _shape_ja(evidence: str) -> str | None:
    for pattern, fmt in _shapes():
        if m := pattern.fullmatch(evidence):
            return fmt(m) if callable(fmt) else fmt.format(**m.groupdict())
    return None


def localize_evidence(evidence: str, lang: str) -> str:
    """An evidence string in the reader's language; quoted parts become 「…」.

    >>> localize_evidence("secrecy cue 'ここだけの話', work word '会社'", "ja")
    '内緒の前置き「ここだけの話」、仕事の話題「会社」'
    >>> localize_evidence("phone number valid in JP, context word '電話'", "ja")
    '日本で有効な電話番号、文脈語「電話」'
    """
    if lang != "ja":
        return evidence
    found = _shape_ja(evidence)
    if found is not None:
        return found
    m = _CONTEXT.fullmatch(evidence)
    if m and (found := _shape_ja(m["head"])) is not None:
        return f"{found}、文脈語「{m['q']}」"
    out = []
    for quoted, part in split_quoted(evidence):
        if quoted:  # the post's or the policy's own words
            out.append(f"「{part}」")
        else:
            part = _FALLBACK_RE.sub(lambda w: _EVIDENCE_JA[w.group()], part)
            out.append(part.replace(", ", "、").replace(" ", ""))
    return "".join(out)
