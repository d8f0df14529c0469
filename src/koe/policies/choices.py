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
