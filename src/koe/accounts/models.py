"""Social accounts (brand and enrolled personal), who may publish, their security posture,
access reviews, and the baseline: a usage survey and goals with measurable targets."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from .choices import AccountKind, AccountStatus, GrantLevel, Network, QuestionKind, ReviewDecision


class SocialAccount(models.Model):
    """An account on a social network that Koe knows about."""

    network = models.CharField(_("network"), max_length=12, choices=Network.choices)
    handle = models.CharField(_("handle"), max_length=120)
    external_id = models.CharField(
        _("id on the network"), max_length=200, blank=True, db_index=True,
        help_text=_("The network's stable id for the account (a Bluesky DID), found from the "
                    "handle by the connector."))
    display_name = models.CharField(_("display name"), max_length=120, blank=True)
    kind = models.CharField(_("kind"), max_length=10, choices=AccountKind.choices,
                            default=AccountKind.BRAND)
    status = models.CharField(_("status"), max_length=10, choices=AccountStatus.choices,
                              default=AccountStatus.ACTIVE)
    department = models.ForeignKey("people.Department", null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="social_accounts",
                                   verbose_name=_("owning department"))
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="owned_social_accounts",
                              verbose_name=_("owner"))
    two_factor_enabled = models.BooleanField(_("two-factor sign-in on"), default=False)
    password_rotated_at = models.DateField(_("last password rotation"), null=True, blank=True)
    last_access_review_at = models.DateField(_("last access review"), null=True, blank=True)
    consent_at = models.DateTimeField(_("consent given"), null=True, blank=True)
    consent_version = models.CharField(_("consent terms version"), max_length=20, blank=True)
    withdrawn_at = models.DateTimeField(_("enrolment withdrawn"), null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    required_track = models.ForeignKey("learning.Track", null=True, blank=True,
                                       on_delete=models.SET_NULL, related_name="brand_accounts",
                                       verbose_name=_("certificate required to publish"))
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["network", "handle"]
        verbose_name = _("social account")
        constraints = [
            models.UniqueConstraint(fields=["network", "handle"], name="accounts_unique_handle",
                                    violation_error_message=_("This account is registered already.")),
        ]

    def __str__(self) -> str:
        return f"{self.get_network_display()} @{self.handle}"

    @property
    def is_brand(self) -> bool:
        return self.kind == AccountKind.BRAND

    @property
    def is_enrolled(self) -> bool:
        """A personal account counts as enrolled only while its owner's consent stands."""
        return (self.kind == AccountKind.PERSONAL and self.status == AccountStatus.ACTIVE
                and self.consent_at is not None and self.withdrawn_at is None)


class OAuthApp(models.Model):
    """A third-party app connected to an account (review and revoke what is no longer used)."""

    account = models.ForeignKey(SocialAccount, on_delete=models.CASCADE, related_name="oauth_apps")
    name = models.CharField(_("app"), max_length=120)
    scopes = models.CharField(_("permissions"), max_length=300, blank=True)
    connected_at = models.DateField(_("connected"), default=timezone.localdate)
    last_reviewed_at = models.DateField(_("last reviewed"), null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class AccessGrant(models.Model):
    """Permission for one person to publish to (or draft for) one account; suspended while a
    required certificate has lapsed."""

    account = models.ForeignKey(SocialAccount, on_delete=models.CASCADE, related_name="grants")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="access_grants")
    level = models.CharField(_("level"), max_length=10, choices=GrantLevel.choices,
                             default=GrantLevel.PUBLISH)
    granted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                   related_name="+")
    granted_at = models.DateTimeField(default=timezone.now)
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    revoke_reason = models.CharField(max_length=200, blank=True)
    # Suspended while the holder has no valid certificate for the account's required track;
    # restored (cleared) when they re-certify. A suspended grant does not let anyone publish.
    suspended_at = models.DateTimeField(_("suspended"), null=True, blank=True)
    suspended_reason = models.CharField(_("reason for suspension"), max_length=200, blank=True)
    # The expiry date of the certificate the holder was last warned about (one notice each).
    expiry_notice_for = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-granted_at"]
        constraints = [
            models.UniqueConstraint(fields=["account", "user"], condition=Q(revoked_at__isnull=True),
                                    name="accounts_one_active_grant",
                                    violation_error_message=_("This person has access already.")),
        ]

    def __str__(self) -> str:
        return f"{self.user} → {self.account}"

    @property
    def active(self) -> bool:
        return self.revoked_at is None

    @property
    def suspended(self) -> bool:
        """Not revoked, but on hold until the holder re-certifies."""
        return self.revoked_at is None and self.suspended_at is not None


class AccessReview(models.Model):
    """A campaign in which account owners re-confirm or revoke every active grant."""

    name = models.CharField(_("name"), max_length=120)
    started_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                   related_name="+")
    started_at = models.DateTimeField(default=timezone.now)
    due_on = models.DateField(_("due"))
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-started_at"]

    def __str__(self) -> str:
        return self.name


class AccessReviewItem(models.Model):
    """One grant to re-confirm ("keep") or end ("revoke") within an access review."""

    review = models.ForeignKey(AccessReview, on_delete=models.CASCADE, related_name="items")
    grant = models.ForeignKey(AccessGrant, on_delete=models.CASCADE, related_name="review_items")
    decision = models.CharField(max_length=10, choices=ReviewDecision.choices,
                                default=ReviewDecision.PENDING)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    note = models.CharField(max_length=200, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["review", "grant"], name="accounts_review_item_unique",
                                    violation_error_message=_("This grant is in the review already.")),
        ]


class Survey(models.Model):
    """A baseline survey of how people use social tools ("understand first")."""

    title_en = models.CharField(max_length=200)
    title_ja = models.CharField(max_length=200)
    intro_en = models.TextField(blank=True)
    intro_ja = models.TextField(blank=True)
    is_open = models.BooleanField(default=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return self.title_ja if (get_language() or "").startswith("ja") else self.title_en

    @property
    def intro(self) -> str:
        return self.intro_ja if (get_language() or "").startswith("ja") else self.intro_en


class SurveyQuestion(models.Model):
    """One question of a survey; choices in ``options`` as en/ja pairs."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="questions")
    order = models.PositiveIntegerField(default=0)
    kind = models.CharField(max_length=8, choices=QuestionKind.choices)
    text_en = models.CharField(max_length=300)
    text_ja = models.CharField(max_length=300)
    options = models.JSONField(default=list, blank=True,
                               help_text=_('Choices as [{"en": "...", "ja": "..."}]'))

    class Meta:
        ordering = ["order", "pk"]

    @property
    def text(self) -> str:
        return self.text_ja if (get_language() or "").startswith("ja") else self.text_en

    @property
    def option_labels(self) -> list[str]:
        lang = "ja" if (get_language() or "").startswith("ja") else "en"
        return [str(o.get(lang) or o.get("en") or "") for o in self.options or []]


class SurveyResponse(models.Model):
    """One person's answers (question id → option index, indexes, 1–5 or text)."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="responses")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    department = models.ForeignKey("people.Department", null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    answers = models.JSONField(default=dict)
    submitted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["survey", "user"], name="accounts_one_response",
                                    violation_error_message=_("You answered this survey already.")),
        ]


class Goal(models.Model):
    """An organizational goal mapped to a social engagement goal with a measurable target."""

    org_goal_en = models.CharField(_("organizational goal (English)"), max_length=200)
    org_goal_ja = models.CharField(_("organizational goal (Japanese)"), max_length=200)
    social_goal_en = models.CharField(_("social engagement goal (English)"), max_length=200)
    social_goal_ja = models.CharField(_("social engagement goal (Japanese)"), max_length=200)
    metric_en = models.CharField(_("metric (English)"), max_length=120)
    metric_ja = models.CharField(_("metric (Japanese)"), max_length=120)
    target = models.FloatField(_("target"))
    baseline = models.FloatField(_("baseline"), default=0)
    unit = models.CharField(_("unit"), max_length=20, blank=True)
    due_on = models.DateField(_("due"), null=True, blank=True)
    department = models.ForeignKey("people.Department", null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="goals")

    class Meta:
        ordering = ["due_on", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(target__gte=0), name="accounts_goal_target_not_negative",
                                   violation_error_message=_("The target cannot be negative.")),
        ]

    def __str__(self) -> str:
        return self.social_goal_en

    def _pick(self, stem: str) -> str:
        ja = (get_language() or "").startswith("ja")
        return getattr(self, f"{stem}_ja" if ja else f"{stem}_en") or getattr(self, f"{stem}_en")

    @property
    def org_goal(self) -> str:
        return self._pick("org_goal")

    @property
    def social_goal(self) -> str:
        return self._pick("social_goal")

    @property
    def metric(self) -> str:
        return self._pick("metric")


class GoalMeasurement(models.Model):
    """One measured value of a goal's metric on a day."""

    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="measurements")
    value = models.FloatField()
    measured_on = models.DateField(default=timezone.localdate)
    note = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["measured_on", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(value__gte=0), name="accounts_measurement_not_negative",
                                   violation_error_message=_("A measured value cannot be negative.")),
        ]
