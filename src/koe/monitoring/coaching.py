"""The coaching note: safe placeholders, the built-in bilingual defaults, and rendering a note
for one case in the person's language from the rule's own docs."""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlencode

from django.conf import settings
from django.urls import reverse

from koe.web.errors import ValidationFailed

# The only names a template may use. Values are plain text; nothing in a template is evaluated,
# so a template cannot reach attributes, call code or read settings.
PLACEHOLDERS: dict[str, tuple[str, str]] = {
    "name": ("the person's name", "相手の名前"),
    "rule": ("the rule's code, e.g. S101", "ルールのコード（例: S101）"),
    "rule_name": ("the rule's short name", "ルールの短い名前"),
    "excerpt": ("what was seen (masked for secrets and personal data)",
                "見つかった箇所（秘密情報や個人情報は伏せ字）"),
    "message": ("what the rule found", "ルールが見つけた内容"),
    "why": ("why it matters (from the rule's docs)", "なぜ大切か（ルールの説明から）"),
    "suggestion": ("a better way to say it", "より良い伝え方"),
    "rule_url": ("link to the rule's page", "ルールのページへのリンク"),
    "ask_url": ("link to ask a question about it", "質問するページへのリンク"),
    "case_url": ("link to the case, where the person answers", "返信できるケースのページへのリンク"),
    "next_step": ("what happens now, from the policy's consequence ladder",
                  "ポリシーに定めた、これからの対応"),
}

_TOKEN = re.compile(r"\{\{|\}\}|\{([^{}]*)\}|[{}]")
LIMITS = {"subject": 200, "body": 5000}

DEFAULTS = {
    "en": {
        "subject": "A friendly note about your post ({rule})",
        "body": (
            "Hello {name},\n\n"
            "Thank you for sharing about your work — it helps people see what we do. "
            "{next_step}\n\n"
            "A better way to say it:\n{suggestion}\n\n"
            "What we noticed:\n“{excerpt}” — {message}\n\n"
            "Why it matters:\n{why}\n\n"
            "Read the rule: {rule_url}\n"
            "Not sure? Ask about this: {ask_url}\n\n"
            "You can answer here — “I fixed it”, “I think this is wrong” (tell us why) or "
            "ask a question: {case_url}\n\n"
            "Thank you,\nThe social media team"
        ),
    },
    "ja": {
        "subject": "投稿についてのお知らせ（{rule}）",
        "body": (
            "{name} さん\n\n"
            "お仕事について発信してくださりありがとうございます。私たちの取り組みを知ってもらう"
            "助けになっています。{next_step}\n\n"
            "より良い伝え方:\n{suggestion}\n\n"
            "気になった箇所:\n「{excerpt}」— {message}\n\n"
            "なぜ大切か:\n{why}\n\n"
            "ルールの説明: {rule_url}\n"
            "迷ったら質問できます: {ask_url}\n\n"
            "こちらから返信できます（「修正しました」「これは誤りだと思う」（理由を添えて）、"
            "または質問）: {case_url}\n\n"
            "よろしくお願いいたします。\nソーシャルメディア担当"
        ),
    },
}


def placeholders_in(text: str, *, field: str) -> set[str]:
    """The placeholder names ``text`` uses; a clear error (naming ``field``) for an unknown
    name or a stray brace. ``{{`` and ``}}`` write a literal brace."""
    used = set()
    for match in _TOKEN.finditer(text or ""):
        token = match.group(0)
        if token in ("{{", "}}"):
            continue
        name = match.group(1)
        if name is None:
            raise ValidationFailed(
                field, f"A lone “{token}” at character {match.start() + 1}: write {{{{ or }}}} "
                       "for a brace, or use a placeholder such as {name}.",
                f"{match.start() + 1}文字目の「{token}」が対応していません。波かっこそのものは "
                "{{ または }} と書くか、{name} のような差し込み項目を使ってください。")
        if name not in PLACEHOLDERS:
            known = ", ".join("{" + k + "}" for k in PLACEHOLDERS)
            raise ValidationFailed(
                field, f"Unknown placeholder {{{name}}}. You can use: {known}.",
                f"差し込み項目 {{{name}}} は使えません。使えるのは {known} です。")
        used.add(name)
    return used


def fill(text: str, values: dict[str, str]) -> str:
    """``text`` with each placeholder replaced by its plain value (checked by
    :func:`placeholders_in` first, so nothing unknown gets through)."""

    def replace(match: re.Match) -> str:
        token = match.group(0)
        if token == "{{":
            return "{"
        if token == "}}":
            return "}"
        name = match.group(1)
        if name is None or name not in PLACEHOLDERS:
            return token
        return values.get(name, "")

    return _TOKEN.sub(replace, text or "")


def absolute(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def ask_url(rule_code: str, excerpt: str = "", category: str = "") -> str:
    """The Q&A space's "ask" page prefilled for this finding; like the self-check, it never
    copies personal data or secrets into the question (rule code only for those)."""
    params = {"rule": rule_code}
    if excerpt and category not in ("secret", "pii"):
        params["text"] = excerpt
    return absolute(reverse("community:ask") + "?" + urlencode(params))


def rule_url(rule_code: str) -> str:
    return absolute(reverse("policies:rule", args=[rule_code]))


@dataclass(frozen=True)
class Note:
    language: str
    subject: str
    body: str
    rule_code: str


def templates_by_rule() -> dict:
    """Every stored template by rule code (a few dozen rows at most), for rendering many notes
    with one query."""
    from .models import CoachingTemplate

    return {t.rule_code: t for t in CoachingTemplate.objects.all()}


def template_texts(rule_code: str, lang: str, *, templates: dict | None = None) -> tuple[str, str]:
    """(subject, body) of the template for ``rule_code`` in ``lang``: its own row, else the
    default row (rule ""), else the built-in default. ``templates``: from
    :func:`templates_by_rule` (read here when not given)."""
    from .models import CoachingTemplate

    rows = templates if templates is not None else {
        t.rule_code: t for t in CoachingTemplate.objects.filter(rule_code__in=[rule_code, ""])}
    row = rows.get(rule_code) or rows.get("")
    lang = "ja" if lang == "ja" else "en"
    if row is not None:
        subject, body = getattr(row, f"subject_{lang}"), getattr(row, f"body_{lang}")
        if subject.strip() and body.strip():
            return subject, body
    return DEFAULTS[lang]["subject"], DEFAULTS[lang]["body"]


def next_step(policy, *, severity: str, repeat: bool, lang: str) -> str:
    """What the policy's consequence ladder says happens now (its text in ``lang``)."""
    try:
        step = policy.consequence(severity, repeat=repeat)
    except KeyError:
        return ""
    return step.get(lang) or step.get("en") or ""


def _values(*, policy, code: str, excerpt: str, category: str, explanation: str, name: str,
            case_url: str, lang: str, severity: str = "minor", repeat: bool = False) -> dict[str, str]:
    try:
        rule = policy.rule(code) if code else None
    except KeyError:
        rule = None
    return {
        "next_step": next_step(policy, severity=severity, repeat=repeat, lang=lang),
        "name": name,
        "rule": rule.code if rule else code,
        "rule_name": rule.name if rule else code,
        "excerpt": excerpt,
        "message": rule.text("message", lang) if rule else explanation,
        "why": rule.doc("why", lang) if rule else "",
        "suggestion": rule.text("suggestion", lang) if rule else "",
        "rule_url": rule_url(rule.code) if rule else "",
        "ask_url": ask_url(code, excerpt, category) if code else "",
        "case_url": case_url,
    }


def note_values(case, lang: str, *, policy=None) -> dict[str, str]:
    """The placeholder values for ``case`` in ``lang``, from the most serious standing finding
    and the rule's own message, docs and suggestion in the published policy."""
    from koe.policies.selectors import current_policy

    finding = _lead_finding(case)
    return _values(policy=policy or current_policy(), code=finding.rule_code if finding else "",
                   excerpt=finding.excerpt if finding else "",
                   category=finding.category if finding else "",
                   explanation=finding.explanation if finding else "",
                   name=str(case.person) if case.person_id else "",
                   case_url=absolute(reverse("monitoring:my_case", args=[case.pk])), lang=lang,
                   severity=case.severity, repeat=case.repeat)


def preview(*, rule_code: str, lang: str, subject: str, body: str, name: str) -> Note:
    """A template filled in for an example of the rule (its docs' example as what was seen),
    for the template editor. Raises ValidationFailed for a bad placeholder."""
    from koe.policies.selectors import current_policy

    lang = "ja" if lang == "ja" else "en"
    placeholders_in(subject, field=f"subject_{lang}")
    placeholders_in(body, field=f"body_{lang}")
    policy = current_policy()
    code = rule_code or "C101"
    try:
        rule = policy.rule(code)
    except KeyError:
        rule = None
    example = rule.doc("example", lang).strip("\"“”「」") if rule else ""
    values = _values(policy=policy, code=code, excerpt=example,
                     category=rule.category if rule else "", explanation="", name=name,
                     case_url=absolute(reverse("monitoring:my_cases")), lang=lang,
                     severity=rule.severity if rule else "minor")
    return Note(language=lang, subject=" ".join(fill(subject, values).split()),
                body=fill(body, values), rule_code=code)


def _lead_finding(case):
    order = {"major": 0, "minor": 1}
    findings = [f for f in case.findings.all() if f.dismissed_at is None] or list(case.findings.all())
    return min(findings, key=lambda f: (order.get(f.severity, 2), f.start), default=None)


def render_note(case, lang: str, *, subject: str | None = None, body: str | None = None,
                policy=None, templates: dict | None = None) -> Note:
    """The note for ``case`` in ``lang`` (the stored template unless ``subject``/``body`` are
    given, as the preview does). For many notes, pass the published ``policy`` and
    ``templates_by_rule()`` once."""
    lang = "ja" if lang == "ja" else "en"
    finding = _lead_finding(case)
    code = finding.rule_code if finding else ""
    if subject is None or body is None:
        subject, body = template_texts(code, lang, templates=templates)
    values = note_values(case, lang, policy=policy)
    subject_text = " ".join(fill(subject, values).split())[: LIMITS["subject"]]
    return Note(language=lang, subject=subject_text, body=fill(body, values), rule_code=code)


def validate_template(*, subject_en: str, subject_ja: str, body_en: str, body_ja: str) -> dict:
    """Check a template's four texts (all required, known placeholders only); returns them."""
    out = {}
    labels = {"subject_en": ("The English subject", "英語の件名"),
              "subject_ja": ("The Japanese subject", "日本語の件名"),
              "body_en": ("The English message", "英語の本文"),
              "body_ja": ("The Japanese message", "日本語の本文")}
    for field, value in (("subject_en", subject_en), ("subject_ja", subject_ja),
                         ("body_en", body_en), ("body_ja", body_ja)):
        value = (value or "").strip()
        en, ja = labels[field]
        if not value:
            raise ValidationFailed(field, f"{en} is required — please fill it in.",
                                   f"{ja}を入力してください。")
        limit = LIMITS["subject" if field.startswith("subject") else "body"]
        if len(value) > limit:
            raise ValidationFailed(field, f"{en} is too long (at most {limit} characters).",
                                   f"{ja}が長すぎます（{limit}文字まで）。")
        placeholders_in(value, field=field)
        out[field] = value
    return out
