"""Ingested posts, their findings and the cases they open; coaching messages and replies;
archive imports, registered internal spaces and the cursor of each live connector."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .choices import (
    CLOSED_STATUSES,
    CaseStatus,
    ImportStatus,
    PostKind,
    PostSource,
    ReplyKind,
    SpaceKind,
)


class Post(models.Model):
    """A post or direct message of a watched account, archived until ``retain_until``."""

    account = models.ForeignKey("social_accounts.SocialAccount", on_delete=models.CASCADE,
                                related_name="posts", verbose_name=_("account"))
    external_id = models.CharField(_("id on the network"), max_length=300)
    kind = models.CharField(_("kind"), max_length=10, choices=PostKind.choices,
                            default=PostKind.PERSONAL)
    source = models.CharField(_("source"), max_length=10, choices=PostSource.choices)
    text = models.TextField(_("text"))
    url = models.URLField(_("link"), max_length=500, blank=True)
    posted_at = models.DateTimeField(_("posted"), default=timezone.now)
    ingested_at = models.DateTimeField(_("ingested"), default=timezone.now)
    scanned_at = models.DateTimeField(_("scanned"), null=True, blank=True)
    verdict = models.CharField(_("verdict"), max_length=8, blank=True)
    edited_at = models.DateTimeField(_("edited"), null=True, blank=True)
    deleted_at = models.DateTimeField(_("deleted on the network"), null=True, blank=True)
    retain_until = models.DateField(_("kept until"), db_index=True)

    class Meta:
        ordering = ["-posted_at", "-pk"]
        verbose_name = _("post")
        constraints = [
            models.UniqueConstraint(
                fields=["account", "external_id"], name="monitoring_post_unique_per_account",
                violation_error_message=_("This post was ingested already.")),
        ]
        indexes = [models.Index(fields=["scanned_at"], name="monitoring_post_unscanned",
                                condition=Q(scanned_at__isnull=True))]

    def __str__(self) -> str:
        return f"{self.account} {self.external_id}"


class Case(models.Model):
    """What Koe does about one post with findings: coaching, the person's answer, escalation.

    The case outlives the archived post (the policy keeps cases longer), so it keeps who,
    which department, how serious and which ladder step applied.
    """

    post = models.OneToOneField(Post, null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="case", verbose_name=_("post"))
    account = models.ForeignKey("social_accounts.SocialAccount", null=True,
                                on_delete=models.SET_NULL, related_name="cases",
                                verbose_name=_("account"))
    person = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                               related_name="cases", verbose_name=_("person"))
    department = models.ForeignKey("people.Department", null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="cases",
                                   verbose_name=_("department"))
    status = models.CharField(_("status"), max_length=14, choices=CaseStatus.choices,
                              default=CaseStatus.NEW, db_index=True)
    severity = models.CharField(_("severity"), max_length=5)
    category = models.CharField(_("category"), max_length=14,
                                help_text=_("The category of the most serious finding."))
    repeat = models.BooleanField(_("repeat"), default=False)
    action = models.CharField(_("ladder step"), max_length=20)
    escalated_to = models.JSONField(_("escalated to"), default=list, blank=True)
    escalated_at = models.DateTimeField(_("escalated"), null=True, blank=True)
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="reviewed_cases",
                                 verbose_name=_("reviewer"))
    opened_at = models.DateTimeField(_("opened"), default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(_("updated"), default=timezone.now)
    resolved_at = models.DateTimeField(_("closed"), null=True, blank=True)
    dismiss_reason = models.CharField(_("reason for dismissal"), max_length=300, blank=True)
    needs_review = models.BooleanField(
        _("needs a reviewer"), default=False, db_index=True,
        help_text=_("A reviewer talks it through with the person (the ladder's review step)."))

    class Meta:
        ordering = ["-opened_at", "-pk"]
        verbose_name = _("case")

    def __str__(self) -> str:
        return f"#{self.pk} {self.category} ({self.get_status_display()})"

    @property
    def is_open(self) -> bool:
        return self.status not in CLOSED_STATUSES


class Finding(models.Model):
    """One finding of the engine on an ingested post; dismissing it marks a false positive."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="findings")
    rule_code = models.CharField(_("rule"), max_length=8, db_index=True)
    category = models.CharField(_("category"), max_length=14)
    severity = models.CharField(_("severity"), max_length=5)
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    excerpt = models.CharField(_("what was seen"), max_length=200,
                               help_text=_("Masked for credentials and personal data."))
    explanation = models.CharField(_("why"), max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    dismissed_at = models.DateTimeField(_("dismissed"), null=True, blank=True)
    dismissed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+")
    dismiss_reason = models.CharField(_("reason"), max_length=300, blank=True)

    class Meta:
        ordering = ["start", "pk"]
        verbose_name = _("finding")
        # analytics filter findings by when they were made (charts, problem areas, precision)
        indexes = [models.Index(fields=["created_at"], name="monitoring_finding_created")]

    def __str__(self) -> str:
        return f"{self.rule_code} {self.start}-{self.end}"


class CaseEvent(models.Model):
    """A step in a case's timeline (each is also written to the audit log)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=20)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="+")
    note = models.TextField(blank=True)
    data = models.JSONField(default=dict, blank=True)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.case_id} {self.kind}"


class CoachingTemplate(models.Model):
    """The private note sent for one rule (``rule_code`` empty: for every other rule)."""

    rule_code = models.CharField(_("rule"), max_length=8, unique=True, blank=True)
    subject_en = models.CharField(_("subject (English)"), max_length=200)
    subject_ja = models.CharField(_("subject (Japanese)"), max_length=200)
    body_en = models.TextField(_("message (English)"))
    body_ja = models.TextField(_("message (Japanese)"))
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["rule_code"]
        verbose_name = _("coaching template")

    def __str__(self) -> str:
        return self.rule_code or "*"


class CoachingMessage(models.Model):
    """A coaching note as the person received it, in their language, by e-mail and in the app."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="messages")
    language = models.CharField(max_length=2)
    subject = models.CharField(max_length=200)
    body = models.TextField()
    sent_at = models.DateTimeField(default=timezone.now)
    emailed = models.BooleanField(default=False)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["sent_at", "pk"]

    def __str__(self) -> str:
        return self.subject


class CoachingReply(models.Model):
    """The person's answer to coaching: fixed it, thinks it is wrong (with why), or a question."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="replies")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                               related_name="+")
    kind = models.CharField(_("answer"), max_length=10, choices=ReplyKind.choices)
    reason = models.TextField(_("reason"), blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    seen_at = models.DateTimeField(null=True, blank=True,
                                   help_text=_("When a reviewer read it."))

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind=ReplyKind.DISAGREE) | ~Q(reason=""),
                name="monitoring_reply_disagree_has_reason",
                violation_error_message=_("Say why you think the finding is wrong.")),
        ]

    def __str__(self) -> str:
        return f"{self.case_id} {self.kind}"


class ImportJob(models.Model):
    """An archive (JSONL or CSV) being imported for one account, with its progress."""

    account = models.ForeignKey("social_accounts.SocialAccount", on_delete=models.CASCADE,
                                related_name="imports", verbose_name=_("account"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                   related_name="+")
    filename = models.CharField(_("file"), max_length=200)
    path = models.CharField(max_length=500, help_text="Where the upload is kept until imported.")
    status = models.CharField(_("status"), max_length=8, choices=ImportStatus.choices,
                              default=ImportStatus.QUEUED)
    total = models.PositiveIntegerField(_("lines"), default=0)
    processed = models.PositiveIntegerField(_("processed"), default=0)
    created = models.PositiveIntegerField(_("new posts"), default=0)
    duplicates = models.PositiveIntegerField(_("already ingested"), default=0)
    error_count = models.PositiveIntegerField(_("bad lines"), default=0)
    errors = models.JSONField(default=list, blank=True,
                              help_text="The first bad lines: [{line, message}].")
    created_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("archive import")

    def __str__(self) -> str:
        return self.filename

    @property
    def percent(self) -> int:
        return 100 if not self.total else min(100, round(100 * self.processed / self.total))


class InternalSpace(models.Model):
    """A private document (chat export, wiki page): its reappearance in a post is a leak."""

    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=10, choices=SpaceKind.choices,
                            default=SpaceKind.DOCUMENT)
    text = models.TextField(_("text"))
    registered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True,
                                      on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("internal space")

    def __str__(self) -> str:
        return self.title


class ConnectorState(models.Model):
    """Where a live connector stopped reading (its cursor), and its last error."""

    name = models.CharField(max_length=200, unique=True)
    cursor = models.BigIntegerField(null=True, blank=True)
    updated_at = models.DateTimeField(default=timezone.now)
    last_error = models.TextField(blank=True)
    retryable = models.BooleanField(default=True)

    def __str__(self) -> str:
        return f"{self.name} @ {self.cursor}"
