"""Roles and languages."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    EMPLOYEE = "employee", _("Employee")
    PUBLISHER = "publisher", _("Brand publisher")
    REVIEWER = "reviewer", _("Reviewer (communications)")
    COMPLIANCE = "compliance", _("Compliance")
    LEGAL = "legal", _("Legal")
    HR = "hr", _("HR")
    IT = "it", _("IT")
    ADMIN = "admin", _("Administrator")


class Language(models.TextChoices):
    JA = "ja", "日本語"
    EN = "en", "English"


# Roles that can publish to brand accounts or see people's cases must use two-factor sign-in.
MFA_ROLES = frozenset({Role.PUBLISHER, Role.REVIEWER, Role.COMPLIANCE, Role.LEGAL, Role.HR,
                       Role.ADMIN})
