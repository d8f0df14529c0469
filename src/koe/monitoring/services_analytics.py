"""Writes started from the problem areas: a guidance article for a rule (a brand-library
document in koe.community) and a training course for a department (koe.learning). Each leaves
an audit entry that names the area it came from; the problem-areas page reads them back."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation

from koe.audit.services import audit_record
from koe.community.choices import DocumentKind
from koe.community.models import Document
from koe.community.services import document_create
from koe.learning.models import Course
from koe.learning.services import course_assign
from koe.people.models import Department, User
from koe.people.permissions import require
from koe.web.errors import ValidationFailed

from .analytics import GUIDANCE_ACTION, TRAINING_ACTION, category_label, current_rules

GUIDANCE_KIND = DocumentKind.GUIDANCE  # written from a problem area: how to do it well
DEFAULT_DUE_DAYS = 30


def _rule(code: str):
    rule = current_rules().get((code or "").upper())
    if rule is None:
        raise ValidationFailed("rule", f"There is no rule {code} in the published policy.",
                               f"公開中のポリシーにルール {code} はありません。")
    return rule


def guidance_draft(code: str) -> dict[str, str]:
    """Title and Markdown body of a guidance article for rule ``code``, in English and
    Japanese, from the rule's docs in the published policy (What it checks / Why it matters /
    Example / Do this instead) with links back to the rule and the problem areas."""
    from koe.policies.rendering import DOC_SECTIONS, doc_headings

    rule = _rule(code)
    rule_url = reverse("policies:rule", args=[rule.code])
    areas_url = reverse("monitoring:problem_areas")
    out = {}
    for lang in ("en", "ja"):
        with translation.override(lang):
            headings = doc_headings()
            title = (f"ガイダンス: {category_label(rule.category)} — {rule.code} {rule.name}"
                     if lang == "ja" else
                     f"Guidance: {category_label(rule.category)} — {rule.code} {rule.name}")
            parts = [rule.text("message", lang)]
            for section in DOC_SECTIONS:
                text = rule.doc(section, lang)
                if section == "instead" and not text:
                    text = rule.text("suggestion", lang)
                if text:
                    parts.append(f"## {headings[section]}\n\n{text.strip()}")
            if lang == "ja":
                parts.append(f"---\n\nポリシーのルール: [{rule.code}]({rule_url}) · "
                             f"モニタリングの[問題の多い分野]({areas_url})から作成しました。")
            else:
                parts.append(f"---\n\nThe rule in the policy: [{rule.code}]({rule_url}) · "
                             f"Written from monitoring's [problem areas]({areas_url}).")
        out[f"title_{lang}"] = title[:200]
        out[f"body_{lang}"] = "\n\n".join(p for p in parts if p)
    return out


@transaction.atomic
def problem_area_guidance_create(*, actor: User, rule_code: str, title_en: str, title_ja: str,
                                 body_en: str, body_ja: str) -> Document:
    """Publish a guidance article about a problem rule in the brand library."""
    require(actor, "monitoring.analytics")
    rule = _rule(rule_code)
    doc = document_create(actor=actor, kind=GUIDANCE_KIND, title_en=title_en, title_ja=title_ja,
                          body_en=body_en, body_ja=body_ja,
                          note=f"Guidance for rule {rule.code} from the problem areas")
    audit_record(actor=actor, action=GUIDANCE_ACTION, obj=doc,
                 data={"rule": rule.code, "document": doc.pk, "title": str(doc)})
    return doc


def default_due_on(today: dt.date | None = None) -> dt.date:
    return (today or timezone.localdate()) + dt.timedelta(days=DEFAULT_DUE_DAYS)


@transaction.atomic
def problem_area_training_assign(*, actor: User, department: Department, course: Course,
                                 due_on: dt.date | None) -> int:
    """Assign ``course`` to everyone in ``department`` with a due date; returns how many people
    it reaches."""
    require(actor, "monitoring.analytics")
    require(actor, "learning.manage")
    if due_on is None:
        raise ValidationFailed("due_on", "Choose a due date for the training.",
                               "研修の期限を選んでください。")
    count = course_assign(actor=actor, course=course, due_on=due_on, department=department)
    audit_record(actor=actor, action=TRAINING_ACTION, obj=course,
                 data={"department": department.code, "course": course.slug,
                       "title": str(course), "due_on": due_on.isoformat(), "people": count})
    return count
