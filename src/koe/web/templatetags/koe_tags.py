"""Template filters shared by every app."""

from django import template
from django.utils.translation import get_language

from koe.engine.report import localize_evidence

register = template.Library()


@register.filter
def evidence(text: str) -> str:
    """A finding's evidence in the reader's language (autoescaped like any other text)."""
    return localize_evidence(text or "", "ja" if (get_language() or "").startswith("ja") else "en")


@register.filter
def rule_title(code: str) -> str:
    """The readable title of the published policy's rule ``code`` in the reader's language."""
    from koe.policies.titles import title_for_code

    return title_for_code(code or "")
