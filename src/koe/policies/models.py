"""Policy versions, their stakeholder sign-offs, published renderings and acknowledgements."""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .choices import ArtifactKind, Decision, VersionState


def _public_token() -> str:
    return secrets.token_urlsafe(16)


class PolicyVersion(models.Model):
    """One version of the organization's policy: the engine YAML and the guidance people read.

    Moves draft → in review → approved → published → superseded; a rejected review goes back
    to draft and starts a new review round. Only one version is published at a time.
    """

    number = models.PositiveIntegerField(_("version"), unique=True)
    title = models.CharField(_("title"), max_length=200)
    title_ja = models.CharField(_("title (Japanese)"), max_length=200, blank=True,
                                help_text=_("Shown to Japanese readers; the title above otherwise."))
    yaml = models.TextField(_("policy (YAML)"), help_text=_("Koe policy-as-code; extends the built-in default policy."))
    guidance_en = models.TextField(_("guidance (English, Markdown)"), blank=True)
    guidance_ja = models.TextField(_("guidance (Japanese, Markdown)"), blank=True)
    changes_en = models.TextField(_("what changed (English)"), blank=True)
    changes_ja = models.TextField(_("what changed (Japanese)"), blank=True)
    state = models.CharField(_("state"), max_length=12, choices=VersionState.choices,
                             default=VersionState.DRAFT, db_index=True)
    review_round = models.PositiveIntegerField(default=0)
    public = models.BooleanField(_("public link"), default=False,
                                 help_text=_("Anyone with the link can read the published policy."))
    public_token = models.CharField(max_length=32, unique=True, default=_public_token)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    submitted_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-number"]
        verbose_name = _("policy version")
        constraints = [
            models.UniqueConstraint(fields=["state"], condition=Q(state="published"),
                                    name="policies_one_published_version",
                                    violation_error_message=_("Only one version can be published at a time.")),
        ]

    def __str__(self) -> str:
        return f"v{self.number} {self.title}"

    def guidance(self, lang: str) -> str:
        return (self.guidance_ja if lang == "ja" else self.guidance_en) or self.guidance_en

    def title_in(self, lang: str) -> str:
        return (self.title_ja if lang == "ja" else "") or self.title


class SignOff(models.Model):
    """A stakeholder's decision on a version in one review round, with a comment."""

    version = models.ForeignKey(PolicyVersion, on_delete=models.CASCADE, related_name="signoffs")
    review_round = models.PositiveIntegerField()
    role = models.CharField(_("stakeholder"), max_length=20)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    decision = models.CharField(_("decision"), max_length=10, choices=Decision.choices)
    comment = models.TextField(_("comment"))
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(fields=["version", "review_round", "role"],
                                    name="policies_one_signoff_per_role_and_round",
                                    violation_error_message=_("This stakeholder has signed off already.")),
        ]

    def __str__(self) -> str:
        return f"{self.version} · {self.role}: {self.decision}"


class PolicyArtifact(models.Model):
    """A rendering of a published version (PDF, EPUB), made by a background task."""

    version = models.ForeignKey(PolicyVersion, on_delete=models.CASCADE, related_name="artifacts")
    kind = models.CharField(max_length=8, choices=ArtifactKind.choices)
    lang = models.CharField(max_length=2)
    file = models.FileField(upload_to="policies/")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["version", "kind", "lang"], name="policies_one_artifact_per_kind",
                                    violation_error_message=_("This rendering exists already.")),
        ]


class Acknowledgement(models.Model):
    """A person confirming they read a published version."""

    version = models.ForeignKey(PolicyVersion, on_delete=models.CASCADE, related_name="acknowledgements")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="policy_acknowledgements")
    acknowledged_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-acknowledged_at"]
        constraints = [
            models.UniqueConstraint(fields=["version", "user"], name="policies_one_ack_per_person",
                                    violation_error_message=_("You acknowledged this version already.")),
        ]

    def __str__(self) -> str:
        return f"{self.user} · v{self.version.number}"


class AckReminder(models.Model):
    """A reminder sent to someone who has not acknowledged the current version."""

    version = models.ForeignKey(PolicyVersion, on_delete=models.CASCADE, related_name="reminders")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    sent_at = models.DateTimeField(default=timezone.now)
