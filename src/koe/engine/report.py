"""What a scan returns: findings with spans in the original text, and a verdict."""

from __future__ import annotations

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


# The vocabulary of evidence strings ("term 'X', context word 'Y'") in Japanese. Quoted parts
# are what the post or the policy says and stay as they are; words this table does not know
# stay in English rather than being guessed.
_EVIDENCE_JA = {
    "of the post matches internal document": "が社内文書と一致",
    "official-statement phrase": "公式発言の表現",
    "confidentiality marking": "機密表示",
    "with promotion word": "と宣伝の言葉",
    "and no disclosure": "があり、表示なし",
    "is buried among": "が次の数のハッシュタグに埋もれています:",
    "hashtags at the end": "（末尾）",
    "intranet host name": "社内ホスト名",
    "internal domain": "社内ドメイン",
    "context word": "文脈語",
    "secrecy cue": "内緒の前置き",
    "embargo cue": "未公表の合図",
    "reveal word": "明かす言葉",
    "work word": "仕事の話題",
    "code name": "コードネーム",
    "disclosure": "表示",
    "e-mail address at": "メールアドレスのドメイン",
    "followed by a": "の後に",
    "character value": "文字の値",
    "with a": "と",
    "mentions": "言及",
    "pattern": "パターン",
    "format": "形式",
    "term": "語句",
    "key": "キー",
}
_EVIDENCE_RE = None


def localize_evidence(evidence: str, lang: str) -> str:
    """An evidence string in the reader's language; quoted parts become 「…」.

    >>> localize_evidence("secrecy cue 'ここだけの話', work word '会社'", "ja")
    '内緒の前置き「ここだけの話」、仕事の話題「会社」'
    """
    if lang != "ja":
        return evidence
    import re

    global _EVIDENCE_RE
    if _EVIDENCE_RE is None:
        words = sorted(_EVIDENCE_JA, key=len, reverse=True)
        _EVIDENCE_RE = re.compile("|".join(re.escape(w) for w in words))
    out = []
    for i, part in enumerate(evidence.split("'")):
        if i % 2:  # inside quotes: the post's or the policy's own words
            out.append(f"「{part}」")
        else:
            part = _EVIDENCE_RE.sub(lambda m: _EVIDENCE_JA[m.group()], part)
            out.append(part.replace(", ", "、").replace(" ", ""))
    return "".join(out)
