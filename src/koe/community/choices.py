"""Choices of the Q&A space and the brand library."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Visibility(models.TextChoices):
    COLLEAGUES = "colleagues", _("Colleagues")
    GOVERNANCE = "governance", _("Governance team only")


class DocumentKind(models.TextChoices):
    MESSAGING = "messaging", _("Approved messaging")
    BOILERPLATE = "boilerplate", _("Boilerplate")
    FAQ = "faq", _("FAQ")
    ASSET = "asset", _("Asset")
    GUIDANCE = "guidance", _("Guidance")
