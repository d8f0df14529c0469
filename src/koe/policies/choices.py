from django.db import models
from django.utils.translation import gettext_lazy as _


class VersionState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    IN_REVIEW = "in_review", _("In review")
    APPROVED = "approved", _("Approved")
    PUBLISHED = "published", _("Published")
    SUPERSEDED = "superseded", _("Superseded")


class Decision(models.TextChoices):
    APPROVE = "approve", _("Approve")
    REJECT = "reject", _("Request changes")


class ArtifactKind(models.TextChoices):
    PDF = "pdf", "PDF"
    EPUB = "epub", "EPUB"


# The stakeholders who sign off a version (settings.KOE_SIGNOFF_ROLES), as people call them.
STAKEHOLDER_LABELS = {
    "legal": _("Legal"),
    "it": _("IT"),
    "hr": _("HR"),
    "reviewer": _("Communications"),
    "compliance": _("Compliance"),
}


def stakeholder_label(role: str):
    return STAKEHOLDER_LABELS.get(role, role)


CATEGORY_LABELS = {
    "pii": _("Personal information"),
    "secret": _("Passwords and keys"),
    "confidential": _("Confidential information"),
    "leak": _("Internal discussions"),
    "harassment": _("Respect for people"),
    "disclosure": _("Saying who you work for"),
    "claims": _("Claims and promises"),
    "spokesperson": _("Speaking for the company"),
}

SEVERITY_LABELS = {"minor": _("minor"), "major": _("major")}
