"""Choices of the learning app: role tracks and question kinds."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class TrackCode(models.TextChoices):
    ALL_STAFF = "all-staff", _("All staff")
    SALES = "sales", _("Sales")
    ENGINEERING = "engineering", _("Engineering")
    EXECUTIVES = "executives", _("Executives")
    BRAND_PUBLISHERS = "brand-publishers", _("Brand publishers")


class QuestionKind(models.TextChoices):
    SINGLE = "single", _("One answer")
    MULTI = "multi", _("Several answers")


class Frequency(models.TextChoices):
    WEEKLY = "weekly", _("Weekly")
    MONTHLY = "monthly", _("Monthly")


class WorkshopStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("Scheduled")
    CANCELLED = "cancelled", _("Cancelled")


class RegistrationStatus(models.TextChoices):
    REGISTERED = "registered", _("Registered")
    WAITING = "waiting", _("On the waiting list")
    CANCELLED = "cancelled", _("Cancelled")


class Attendance(models.TextChoices):
    UNKNOWN = "", _("Not marked")
    ATTENDED = "attended", _("Attended")
    NO_SHOW = "no_show", _("Did not come")
