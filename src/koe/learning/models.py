"""Training: role tracks, courses made of modules, quizzes with attempts, assignments with due
dates, and the certificates that completing a track gives."""

from __future__ import annotations

import uuid
import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from .choices import (
    Attendance,
    Frequency,
    QuestionKind,
    RegistrationStatus,
    TrackCode,
    WorkshopStatus,
)


def _pick(obj, field: str) -> str:
    """The Japanese or English text of ``field`` in the reader's language (falls back to en)."""
    if (get_language() or "").startswith("ja"):
        return getattr(obj, f"{field}_ja") or getattr(obj, f"{field}_en")
    return getattr(obj, f"{field}_en") or getattr(obj, f"{field}_ja")


class Track(models.Model):
    """A role track (all staff, sales, …): its courses, what the person gains, how long the
    certificate for completing it stays valid."""

    code = models.CharField(_("code"), max_length=20, choices=TrackCode.choices, unique=True)
    name_en = models.CharField(_("name (English)"), max_length=120)
    name_ja = models.CharField(_("name (Japanese)"), max_length=120)
    benefit_en = models.TextField(_("what's in it for me (English)"), blank=True)
    benefit_ja = models.TextField(_("what's in it for me (Japanese)"), blank=True)
    validity_months = models.PositiveSmallIntegerField(_("certificate valid for (months)"),
                                                       default=12)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "code"]
        verbose_name = _("track")
        constraints = [
            models.CheckConstraint(condition=Q(validity_months__gte=1),
                                   name="learning_track_validity_positive",
                                   violation_error_message=_("A certificate is valid for at least one month.")),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return _pick(self, "name")

    @property
    def benefit(self) -> str:
        return _pick(self, "benefit")


class Course(models.Model):
    """A course: an ordered set of modules, with quizzes, in one track."""

    slug = models.SlugField(_("short name"), max_length=80, unique=True)
    track = models.ForeignKey(Track, null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="courses", verbose_name=_("track"))
    title_en = models.CharField(_("title (English)"), max_length=200)
    title_ja = models.CharField(_("title (Japanese)"), max_length=200)
    summary_en = models.TextField(_("summary (English)"), blank=True)
    summary_ja = models.TextField(_("summary (Japanese)"), blank=True)
    order = models.PositiveSmallIntegerField(default=0)
    is_published = models.BooleanField(_("published"), default=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["order", "slug"]
        verbose_name = _("course")

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return _pick(self, "title")

    @property
    def summary(self) -> str:
        return _pick(self, "summary")


class Module(models.Model):
    """One lesson of a course: Markdown text in both languages and an optional video link."""

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="modules")
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    title_en = models.CharField(_("title (English)"), max_length=200)
    title_ja = models.CharField(_("title (Japanese)"), max_length=200)
    body_en = models.TextField(_("text (English, Markdown)"), blank=True)
    body_ja = models.TextField(_("text (Japanese, Markdown)"), blank=True)
    video_url = models.URLField(_("video link"), blank=True)

    class Meta:
        ordering = ["course", "order"]
        verbose_name = _("module")
        constraints = [
            models.UniqueConstraint(fields=["course", "order"], name="learning_module_order_unique",
                                    violation_error_message=_("Two modules of a course cannot share a position.")),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return _pick(self, "title")

    @property
    def body(self) -> str:
        return _pick(self, "body")


class Quiz(models.Model):
    """A quiz at the end of a module or of a whole course: pass mark and attempts allowed."""

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="quizzes")
    module = models.ForeignKey(Module, null=True, blank=True, on_delete=models.CASCADE,
                               related_name="quizzes",
                               help_text=_("Empty for a quiz on the whole course."))
    title_en = models.CharField(_("title (English)"), max_length=200)
    title_ja = models.CharField(_("title (Japanese)"), max_length=200)
    pass_mark = models.PositiveSmallIntegerField(_("pass mark (%)"), default=80)
    max_attempts = models.PositiveSmallIntegerField(_("attempts allowed"), null=True, blank=True,
                                                    help_text=_("Empty for unlimited."))

    class Meta:
        ordering = ["course", "pk"]
        verbose_name = _("quiz")
        verbose_name_plural = _("quizzes")
        constraints = [
            models.CheckConstraint(condition=Q(pass_mark__gte=1, pass_mark__lte=100),
                                   name="learning_quiz_pass_mark_range",
                                   violation_error_message=_("The pass mark is between 1 and 100 %.")),
            models.CheckConstraint(condition=Q(max_attempts__isnull=True) | Q(max_attempts__gte=1),
                                   name="learning_quiz_attempts_positive",
                                   violation_error_message=_("Allow at least one attempt, or leave it empty for unlimited.")),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return _pick(self, "title")


class Question(models.Model):
    """A question of a quiz, single or multiple choice, with the explanation shown after."""

    quiz = models.ForeignKey(Quiz, on_delete=models.CASCADE, related_name="questions")
    order = models.PositiveSmallIntegerField(default=0)
    kind = models.CharField(_("kind"), max_length=6, choices=QuestionKind.choices,
                            default=QuestionKind.SINGLE)
    text_en = models.TextField(_("question (English)"))
    text_ja = models.TextField(_("question (Japanese)"))
    explanation_en = models.TextField(_("explanation (English)"), blank=True)
    explanation_ja = models.TextField(_("explanation (Japanese)"), blank=True)

    class Meta:
        ordering = ["quiz", "order", "pk"]
        verbose_name = _("question")

    def __str__(self) -> str:
        return self.text

    @property
    def text(self) -> str:
        return _pick(self, "text")

    @property
    def explanation(self) -> str:
        return _pick(self, "explanation")


class Choice(models.Model):
    """One answer a person can pick; ``correct`` marks the right ones."""

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="choices")
    order = models.PositiveSmallIntegerField(default=0)
    text_en = models.CharField(_("answer (English)"), max_length=400)
    text_ja = models.CharField(_("answer (Japanese)"), max_length=400)
    correct = models.BooleanField(_("correct"), default=False)

    class Meta:
        ordering = ["question", "order", "pk"]
        verbose_name = _("choice")

    def __str__(self) -> str:
        return self.text

    @property
    def text(self) -> str:
        return _pick(self, "text")


class Attempt(models.Model):
    """One submission of a quiz: the choices picked per question, the score and the outcome."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="quiz_attempts")
    quiz = models.ForeignKey(Quiz, on_delete=models.CASCADE, related_name="attempts")
    answers = models.JSONField(default=dict, help_text="question id → list of choice ids")
    score = models.PositiveSmallIntegerField(_("score (%)"))
    passed = models.BooleanField(_("passed"))
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("quiz attempt")
        constraints = [
            models.CheckConstraint(condition=Q(score__lte=100), name="learning_attempt_score_range",
                                   violation_error_message=_("A score is at most 100 %.")),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.quiz} · {self.score}%"


class Enrollment(models.Model):
    """A course assigned to (or started by) one person, with a due date and completion."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="enrollments")
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="enrollments")
    due_on = models.DateField(_("due"), null=True, blank=True)
    assigned_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    assigned_at = models.DateTimeField(default=timezone.now)
    completed_at = models.DateTimeField(_("completed"), null=True, blank=True)
    refreshed_at = models.DateTimeField(
        _("refresher started"), null=True, blank=True,
        help_text=_("Quizzes passed before this moment do not count towards completion."))
    reminded_on = models.DateField(_("last reminder"), null=True, blank=True)

    class Meta:
        ordering = ["due_on", "course__order"]
        verbose_name = _("enrolment")
        constraints = [
            models.UniqueConstraint(fields=["user", "course"], name="learning_enrollment_unique",
                                    violation_error_message=_("This person has this course already.")),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.course}"

    @property
    def is_overdue(self) -> bool:
        return (self.completed_at is None and self.due_on is not None
                and self.due_on < timezone.localdate())


class Certificate(models.Model):
    """Proof that a person completed a track, valid until ``expires_on``."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="certificates")
    track = models.ForeignKey(Track, on_delete=models.PROTECT, related_name="certificates")
    issued_on = models.DateField(_("issued"), default=timezone.localdate)
    expires_on = models.DateField(_("expires"))

    class Meta:
        ordering = ["-issued_on", "-pk"]
        verbose_name = _("certificate")
        constraints = [
            models.CheckConstraint(condition=Q(expires_on__gt=models.F("issued_on")),
                                   name="learning_certificate_expires_after_issue",
                                   violation_error_message=_("A certificate expires after it is issued.")),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.track} · {self.expires_on}"

    @property
    def is_valid(self) -> bool:
        return self.expires_on > timezone.localdate()


# ----------------------------------------------------------------------------- workshops


def validate_timezone(name: str) -> None:
    """An IANA time zone name that this machine knows (``Asia/Tokyo``, ``Europe/London``)."""
    try:
        zoneinfo.ZoneInfo(name)
    except (ValueError, zoneinfo.ZoneInfoNotFoundError):
        raise ValidationError(_("Unknown time zone: %(name)s"), params={"name": name},
                              code="timezone") from None


class WorkshopSeries(models.Model):
    """The template of a recurring workshop: what every session of it says, when the first one
    starts (in the series' time zone), how often it repeats and until when. Editing it updates
    the sessions that have not started yet."""

    title_en = models.CharField(_("title (English)"), max_length=200)
    title_ja = models.CharField(_("title (Japanese)"), max_length=200)
    description_en = models.TextField(_("description (English)"), blank=True)
    description_ja = models.TextField(_("description (Japanese)"), blank=True)
    time_zone = models.CharField(_("time zone"), max_length=64, validators=[validate_timezone])
    first_start = models.DateTimeField(_("first session starts"))
    duration_minutes = models.PositiveIntegerField(_("length (minutes)"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    online_url = models.URLField(_("online link"), blank=True)
    capacity = models.PositiveIntegerField(_("seats"))
    track = models.ForeignKey(Track, null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="+", verbose_name=_("track"))
    course = models.ForeignKey(Course, null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="+", verbose_name=_("course"))
    frequency = models.CharField(_("repeats"), max_length=10, choices=Frequency.choices)
    count = models.PositiveSmallIntegerField(_("number of sessions"), null=True, blank=True)
    until = models.DateField(_("repeat until"), null=True, blank=True)
    organizer = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                  related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["first_start", "pk"]
        verbose_name = _("workshop series")
        verbose_name_plural = _("workshop series")
        constraints = [
            models.CheckConstraint(condition=Q(count__isnull=False) | Q(until__isnull=False),
                                   name="learning_series_bounded",
                                   violation_error_message=_("Give a number of sessions or an end date.")),
            models.CheckConstraint(condition=Q(capacity__gte=1), name="learning_series_capacity",
                                   violation_error_message=_("A workshop has at least one seat.")),
            models.CheckConstraint(condition=~Q(place="") | ~Q(online_url=""),
                                   name="learning_series_place_or_link",
                                   violation_error_message=_("Give a place or an online link.")),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return _pick(self, "title")


class Workshop(models.Model):
    """One workshop session: when (stored in UTC, shown in its IANA time zone), where (a place or
    an online link), how many seats, and optionally the track or course it belongs to. A session
    of a series carries the series and its position in it."""

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False,
                           help_text="The iCalendar UID: stable for the life of the session.")
    series = models.ForeignKey(WorkshopSeries, null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="sessions")
    position = models.PositiveSmallIntegerField(null=True, blank=True,
                                                help_text="1 for the first session of a series.")
    title_en = models.CharField(_("title (English)"), max_length=200)
    title_ja = models.CharField(_("title (Japanese)"), max_length=200)
    description_en = models.TextField(_("description (English)"), blank=True)
    description_ja = models.TextField(_("description (Japanese)"), blank=True)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    time_zone = models.CharField(_("time zone"), max_length=64, validators=[validate_timezone])
    place = models.CharField(_("place"), max_length=200, blank=True)
    online_url = models.URLField(_("online link"), blank=True)
    capacity = models.PositiveIntegerField(_("seats"))
    track = models.ForeignKey(Track, null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="workshops", verbose_name=_("track"))
    course = models.ForeignKey(Course, null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="workshops", verbose_name=_("course"))
    status = models.CharField(_("status"), max_length=10, choices=WorkshopStatus.choices,
                              default=WorkshopStatus.SCHEDULED)
    organizer = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                  related_name="organized_workshops")
    sequence = models.PositiveIntegerField(default=0, help_text="iCalendar SEQUENCE: bumped on "
                                           "every change calendars must pick up.")
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["starts_at", "pk"]
        verbose_name = _("workshop session")
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gt=models.F("starts_at")),
                                   name="learning_workshop_ends_after_start",
                                   violation_error_message=_("A session ends after it starts.")),
            models.CheckConstraint(condition=Q(capacity__gte=1), name="learning_workshop_capacity",
                                   violation_error_message=_("A workshop has at least one seat.")),
            models.CheckConstraint(condition=~Q(place="") | ~Q(online_url=""),
                                   name="learning_workshop_place_or_link",
                                   violation_error_message=_("Give a place or an online link.")),
            models.UniqueConstraint(fields=["series", "position"],
                                    name="learning_workshop_series_position",
                                    violation_error_message=_("This series already has a session at this position.")),
        ]

    def __str__(self) -> str:
        return f"{self.title} · {self.starts_at:%Y-%m-%d %H:%M}"

    @property
    def title(self) -> str:
        return _pick(self, "title")

    @property
    def description(self) -> str:
        return _pick(self, "description")

    @property
    def is_cancelled(self) -> bool:
        return self.status == WorkshopStatus.CANCELLED

    @property
    def has_started(self) -> bool:
        return self.starts_at <= timezone.now()


class WorkshopRegistration(models.Model):
    """One person's place at a session: registered, waiting (in order of ``queued_at``) or
    cancelled, and — after the session — whether they came."""

    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="registrations")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="workshop_registrations")
    status = models.CharField(_("status"), max_length=10, choices=RegistrationStatus.choices)
    queued_at = models.DateTimeField(default=timezone.now)
    promoted_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    attendance = models.CharField(_("attendance"), max_length=10, choices=Attendance.choices,
                                  blank=True, default=Attendance.UNKNOWN)
    reminded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["workshop", "queued_at", "pk"]
        verbose_name = _("workshop registration")
        constraints = [
            models.UniqueConstraint(fields=["workshop", "user"],
                                    name="learning_registration_unique",
                                    violation_error_message=_("This person is already registered for this session.")),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.workshop} · {self.status}"


class WorkshopFeedback(models.Model):
    """An attendee's rating (1–5) and comment on a session, given after it."""

    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="feedback")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="workshop_feedback")
    rating = models.PositiveSmallIntegerField(_("rating"))
    comment = models.TextField(_("comment"), blank=True)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["workshop", "-at"]
        verbose_name = _("workshop feedback")
        verbose_name_plural = _("workshop feedback")
        constraints = [
            models.CheckConstraint(condition=Q(rating__gte=1, rating__lte=5),
                                   name="learning_feedback_rating_range",
                                   violation_error_message=_("A rating is from 1 to 5.")),
            models.UniqueConstraint(fields=["workshop", "user"], name="learning_feedback_unique",
                                    violation_error_message=_("You have already rated this session.")),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.workshop} · {self.rating}"
