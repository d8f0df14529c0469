"""The self-check: the current policy's scanner, and findings marked up for a page."""

from __future__ import annotations

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from koe.engine import Report


def check_text(text: str, account: str, lang: str | None) -> Report:
    from koe.policies.selectors import current_scanner

    lang = "ja" if (lang or "").startswith("ja") else "en"
    return current_scanner().scan(text, account=account, lang=lang)


def highlight(report: Report) -> SafeString:
    """The post, escaped, with each finding's span in a <mark>. Overlaps merge."""
    text = report.text
    spans: list[list] = []
    for i, f in enumerate(report.findings):
        if spans and f.start < spans[-1][1]:
            spans[-1][1] = max(spans[-1][1], f.end)
            spans[-1][2].append(i)
            if f.severity == "major":
                spans[-1][3] = "major"
        else:
            spans.append([f.start, f.end, [i], f.severity])
    out, pos = [], 0
    for start, end, ids, severity in spans:
        out.append(escape(text[pos:start]))
        refs = " ".join(f"finding-{i}" for i in ids)
        out.append(f'<mark class="{severity}" aria-describedby="{refs}">'
                   f"{escape(text[start:end])}</mark>")
        pos = end
    out.append(escape(text[pos:]))
    return mark_safe("".join(out))
