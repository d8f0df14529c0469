from django.db import models
from django.utils.translation import gettext_lazy as _


class Network(models.TextChoices):
    X = "x", "X (Twitter)"
    BLUESKY = "bluesky", "Bluesky"
    MASTODON = "mastodon", "Mastodon"
    INSTAGRAM = "instagram", "Instagram"
    FACEBOOK = "facebook", "Facebook"
    LINKEDIN = "linkedin", "LinkedIn"
    YOUTUBE = "youtube", "YouTube"
    TIKTOK = "tiktok", "TikTok"
    LINE = "line", "LINE"
    NOTE = "note", "note"
    OTHER = "other", _("Other")


class AccountKind(models.TextChoices):
    BRAND = "brand", _("Brand account")
    PERSONAL = "personal", _("Enrolled personal account")


class AccountStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    SUSPENDED = "suspended", _("Suspended")
    ARCHIVED = "archived", _("Archived")


class GrantLevel(models.TextChoices):
    PUBLISH = "publish", _("Publish")
    DRAFT = "draft", _("Draft only")


class ReviewDecision(models.TextChoices):
    PENDING = "pending", _("Pending")
    KEEP = "keep", _("Keep")
    REVOKE = "revoke", _("Revoke")


class QuestionKind(models.TextChoices):
    SINGLE = "single", _("One choice")
    MULTI = "multi", _("Several choices")
    SCALE = "scale", _("Scale 1–5")
    TEXT = "text", _("Free text")
