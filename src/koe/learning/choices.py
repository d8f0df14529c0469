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
