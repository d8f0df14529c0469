"""Vocabularies of monitoring: where a post came from, what it is, and how a case moves."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PostSource(models.TextChoices):
    ARCHIVE = "archive", _("Archive import")
    API = "api", _("Pushed through the API")
    CONNECTOR = "connector", _("Live connector")


class PostKind(models.TextChoices):
    """What the engine scans the text as (the policy's account kinds)."""

    PERSONAL = "personal", _("Post on a personal account")
    BRAND = "brand", _("Post on a brand account")
    DIRECT = "direct", _("Direct message")


class CaseStatus(models.TextChoices):
    NEW = "new", _("New")
    COACHING_SENT = "coaching_sent", _("Coaching sent")
    ACKNOWLEDGED = "acknowledged", _("Acknowledged")
    EDITED = "edited", _("Post edited")
    DELETED = "deleted", _("Post deleted")
    ESCALATED = "escalated", _("Escalated")
    RESOLVED = "resolved", _("Resolved")
    DISMISSED = "dismissed", _("Dismissed (false positive)")


OPEN_STATUSES = frozenset({CaseStatus.NEW, CaseStatus.COACHING_SENT, CaseStatus.ACKNOWLEDGED,
                           CaseStatus.EDITED, CaseStatus.DELETED, CaseStatus.ESCALATED})
CLOSED_STATUSES = frozenset({CaseStatus.RESOLVED, CaseStatus.DISMISSED})


class EscalationTarget(models.TextChoices):
    MANAGER = "manager", _("Manager")
    HR = "hr", _("HR")
    LEGAL = "legal", _("Legal")
    COMPLIANCE = "compliance", _("Compliance")


class ReplyKind(models.TextChoices):
    FIXED = "fixed", _("Fixed it")
    DISAGREE = "disagree", _("I think this is wrong")
    QUESTION = "question", _("I have a question")


class ImportStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class SpaceKind(models.TextChoices):
    CHAT = "chat", _("Chat export")
    WIKI = "wiki", _("Wiki page")
    DOCUMENT = "document", _("Internal document")
