"""The policy as people read it: one document model behind the web page, slides, PDF and EPUB.

Guidance is Markdown written by the policy team; it is turned into HTML and then sanitized
(nh3), so a ``<script>`` in it is never run anywhere the policy is shown.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field

import markdown
import nh3
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from koe.engine import Policy, PolicyError, default_policy

from .choices import CATEGORY_LABELS, SEVERITY_LABELS
from .content import DEFAULT_GUIDANCE, DEFAULT_TITLE
from .models import PolicyVersion
from .titles import rule_title

FONT_STACK = ('"Noto Sans CJK JP", "Noto Sans JP", "Hiragino Sans", "Yu Gothic", '
              '"Noto Sans", "DejaVu Sans", sans-serif')
DOC_SECTIONS = ("what", "why", "example", "instead")


def reader_lang() -> str:
    return "ja" if (translation.get_language() or "").startswith("ja") else "en"


# A soft line break between two CJK characters is no space in Japanese, but browsers show one.
_CJK = "\u3000-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef"
_CJK_SOFT_BREAK = re.compile(f"([{_CJK}])\n[ \t]*(?=[{_CJK}])")


def markdown_html(text: str) -> SafeString:
    r"""Markdown → HTML with anything unsafe removed (scripts, event handlers, javascript: links).

    >>> str(markdown_html("知って\nいる <script>x</script>"))
    '<p>知っている </p>'
    """
    if not text:
        return mark_safe("")
    text = _CJK_SOFT_BREAK.sub(r"\1", text)
    html = markdown.markdown(text, extensions=["sane_lists", "tables"], output_format="html")
    return mark_safe(nh3.clean(html))  # sanitized just now


@dataclass
class RuleView:
    code: str
    name: str
    category: str
    category_label: str
    severity: str
    severity_label: str
    message: str
    suggestion: str
    docs: list[tuple[str, str, str]]  # (section, heading, text)
    search: str
    title: str = ""  # readable, in the reader's language (``name`` is an identifier)

    def doc(self, section: str) -> str:
        return next((text for s, _h, text in self.docs if s == section), "")

    @property
    def example(self) -> str:
        return self.doc("example")


@dataclass
class Step:
    severity: str
    label: str
    meaning: str
    first: str
    repeat: str


@dataclass
class PolicyDocument:
    """Everything a reader sees of one version (or of the built-in policy before any)."""

    lang: str
    title: str
    version: PolicyVersion | None
    guidance_md: str
    guidance: SafeString
    changes: SafeString
    ladder: list[Step]
    rules: list[RuleView]
    organization: str = ""
    problem: str = ""
    sections: list[tuple[str, SafeString]] = field(default_factory=list)

    @property
    def categories(self) -> list[tuple[str, str, list[RuleView]]]:
        groups: dict[str, list[RuleView]] = {}
        for rule in self.rules:
            groups.setdefault(rule.category, []).append(rule)
        return [(cat, rules[0].category_label, rules) for cat, rules in groups.items()]


def doc_headings() -> dict[str, str]:
    return {"what": _("What it checks"), "why": _("Why it matters"), "example": _("Example"),
            "instead": _("Do this instead")}


def rule_view(rule, lang: str) -> RuleView:
    headings = doc_headings()
    docs = []
    for section in DOC_SECTIONS:
        text = rule.doc(section, lang)
        if section == "instead" and not text:
            text = rule.text("suggestion", lang)
        if text:
            docs.append((section, headings[section], text))
    message, suggestion = rule.text("message", lang), rule.text("suggestion", lang)
    category_label = str(CATEGORY_LABELS.get(rule.category, rule.category))
    title = rule_title(rule, lang)
    search = " ".join([rule.code, rule.name, title, rule.category, category_label, message,
                       suggestion, *(t for _s, _h, t in docs)]).lower()
    return RuleView(code=rule.code, name=rule.name, title=title, category=rule.category,
                    category_label=category_label, severity=rule.severity,
                    severity_label=str(SEVERITY_LABELS.get(rule.severity, rule.severity)),
                    message=message, suggestion=suggestion, docs=docs, search=search)


def ladder(policy: Policy, lang: str) -> list[Step]:
    meanings = {
        "minor": _("Worth changing, but no harm done: a slip of wording, a detail better left out."),
        "major": _("Serious: it can hurt someone, break the law or a contract, or expose the "
                   "company. Please edit or remove the post."),
    }
    steps = []
    for severity in ("minor", "major"):
        table = policy.consequences.get(severity, {})
        first, repeat = table.get("first", {}), table.get("repeat", {})
        steps.append(Step(severity=severity, label=str(SEVERITY_LABELS[severity]),
                          meaning=meanings[severity],
                          first=first.get(lang) or first.get("en") or first.get("action", ""),
                          repeat=repeat.get(lang) or repeat.get("en") or repeat.get("action", "")))
    return steps


def split_sections(md: str) -> list[tuple[str, SafeString]]:
    """Guidance cut at its ``##`` headings: (heading, body HTML) — for slides."""
    parts: list[tuple[str, list[str]]] = [("", [])]
    for line in md.splitlines():
        m = re.match(r"^##\s+(.*)$", line)
        if m:
            parts.append((m.group(1).strip(), []))
        else:
            parts[-1][1].append(line)
    return [(heading, markdown_html("\n".join(body))) for heading, body in parts
            if heading or "\n".join(body).strip()]


def policy_document(version: PolicyVersion | None, lang: str | None = None, *,
                    query: str = "") -> PolicyDocument:
    """The readable policy of ``version``, or of Koe's built-in policy when there is none."""
    from .selectors import version_policy

    lang = lang or reader_lang()
    problem = ""
    if version is None:
        policy = default_policy()
        guidance_md = DEFAULT_GUIDANCE[lang]
        title = DEFAULT_TITLE[lang]
        changes = ""
    else:
        try:
            policy = version_policy(version)
        except PolicyError as exc:  # only a draft can be broken; show the default rules meanwhile
            policy, problem = default_policy(), str(exc)
        guidance_md = version.guidance(lang) or DEFAULT_GUIDANCE[lang]
        title = version.title_in(lang)
        changes = (version.changes_ja if lang == "ja" else version.changes_en) or version.changes_en
    rules = [rule_view(r, lang) for r in policy.rules.values() if r.enabled]
    q = query.strip().lower()
    if q:
        rules = [r for r in rules if all(word in r.search for word in q.split())]
    org = policy.organization.names[0] if policy.organization.names else ""
    return PolicyDocument(lang=lang, title=title, version=version, guidance_md=guidance_md,
                          guidance=markdown_html(guidance_md), changes=markdown_html(changes),
                          ladder=ladder(policy, lang), rules=rules, organization=org,
                          problem=problem, sections=split_sections(guidance_md))


# ----------------------------------------------------------------------------- files

def render_pdf(version: PolicyVersion | None, lang: str) -> bytes:
    """A printable PDF of the policy (WeasyPrint). Japanese needs a CJK font such as
    Noto Sans CJK JP (Debian: fonts-noto-cjk)."""
    from weasyprint import HTML

    with translation.override(lang):
        html = render_to_string("policies/print.html",
                                {"doc": policy_document(version, lang), "font_stack": FONT_STACK})
    return HTML(string=html, base_url=".").write_pdf()


def render_epub(version: PolicyVersion | None, lang: str) -> bytes:
    """An EPUB e-book of the policy: guidance, the consequence ladder, then one chapter per
    category of rules."""
    from ebooklib import epub

    with translation.override(lang):
        doc = policy_document(version, lang)
        book = epub.EpubBook()
        number = version.number if version else 0
        book.set_identifier(f"koe-policy-v{number}-{lang}-"
                            f"{version.public_token if version else 'default'}")
        book.set_title(doc.title)
        book.set_language(lang)
        book.add_author(doc.organization or "Koe")
        style = epub.EpubItem(uid="style", file_name="style/policy.css", media_type="text/css",
                              content=_EPUB_CSS.encode())
        book.add_item(style)
        chapters = []

        def chapter(file_name: str, title: str, template: str, **ctx) -> None:
            item = epub.EpubHtml(title=title, file_name=file_name, lang=lang)
            item.content = render_to_string(template, {"doc": doc, **ctx})
            item.add_item(style)
            book.add_item(item)
            chapters.append(item)

        chapter("guidance.xhtml", doc.title, "policies/epub/guidance.html")
        chapter("consequences.xhtml", _("When something goes wrong"),
                "policies/epub/consequences.html")
        for i, (category, label, rules) in enumerate(doc.categories, start=1):
            chapter(f"rules-{i:02d}-{category}.xhtml", label, "policies/epub/rules.html",
                    label=label, rules=rules)
        book.toc = chapters
        book.add_item(epub.EpubNcx())
        book.add_item(epub.EpubNav())
        book.spine = ["nav", *chapters]
        buffer = io.BytesIO()
        epub.write_epub(buffer, book, {})
    return buffer.getvalue()


_EPUB_CSS = f"""
body {{ font-family: {FONT_STACK}; line-height: 1.6; }}
h1, h2, h3 {{ line-height: 1.3; }}
.badge {{ font-size: .8em; border: 1px solid currentColor; border-radius: 1em; padding: 0 .4em; }}
.major {{ color: #a40e26; }} .minor {{ color: #7d4e00; }}
.instead {{ color: #116329; }}
dt {{ font-weight: bold; margin-top: .6em; }}
"""
