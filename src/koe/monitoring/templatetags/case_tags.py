"""Labels for the case pages: categories, severities, timeline steps and escalation targets in
the reader's language."""

from django import template
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from koe.policies.choices import CATEGORY_LABELS, SEVERITY_LABELS

from ..choices import EscalationTarget, ReplyKind

register = template.Library()

EVENT_LABELS = {
    "opened": _("Case opened"),
    "rescanned": _("Post scanned again"),
    "coaching_sent": _("Coaching note sent"),
    "training_assigned": _("Refresher course assigned"),
    "training_skipped": _("No refresher course for this topic"),
    "review_requested": _("Waiting for a reviewer"),
    "escalated": _("Escalated"),
    "acknowledged": _("Note acknowledged"),
    "reply": _("Answer from the person"),
    "replies_seen": _("Answers read by a reviewer"),
    "post_edited": _("Post edited"),
    "post_deleted": _("Post deleted"),
    "edited": _("Post edited"),
    "deleted": _("Post deleted"),
    "resolved": _("Resolved"),
    "dismissed": _("Dismissed (false positive)"),
    "finding_dismissed": _("Finding dismissed (false positive)"),
    "reopened": _("Reopened"),
    "assigned": _("Reviewer assigned"),
    "unknown_action": _("Unknown ladder step"),
}


@register.filter
def category_label(code: str) -> str:
    return str(CATEGORY_LABELS.get(code, code))


@register.filter
def severity_label(code: str) -> str:
    return str(SEVERITY_LABELS.get(code, code))


@register.filter
def event_label(kind: str) -> str:
    return str(EVENT_LABELS.get(kind, kind))


@register.filter
def target_label(code: str) -> str:
    try:
        return str(EscalationTarget(code).label)
    except ValueError:
        return code


@register.filter
def targets_label(codes) -> str:
    sep = "、" if (get_language() or "").startswith("ja") else ", "
    return sep.join(target_label(c) for c in codes or [])


@register.filter
def reply_label(kind: str) -> str:
    try:
        return str(ReplyKind(kind).label)
    except ValueError:
        return kind


@register.filter
def get_item(mapping, key):
    return (mapping or {}).get(key)
