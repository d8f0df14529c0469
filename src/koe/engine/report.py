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
