"""People, departments and the roles that decide what each person may do."""

import hashlib
import secrets

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from .choices import Language, Role


class Department(models.Model):
    """A unit of the organization; reports and escalations group people by it."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name_en = models.CharField(_("name (English)"), max_length=120)
    name_ja = models.CharField(_("name (Japanese)"), max_length=120)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="children")

    class Meta:
        ordering = ["code"]
        verbose_name = _("department")

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return self.name_ja if (get_language() or "").startswith("ja") else self.name_en


class User(AbstractUser):
    """A person who uses Koe. Roles are rows of :class:`UserRole`; every user is an employee."""

    display_name = models.CharField(_("display name"), max_length=120, blank=True)
    language = models.CharField(_("language"), max_length=2, choices=Language.choices,
                                default=Language.JA)
    department = models.ForeignKey(Department, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="members", verbose_name=_("department"))
    manager = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="reports", verbose_name=_("manager"))

    class Meta:
        ordering = ["username"]
        verbose_name = _("person")

    def __str__(self) -> str:
        return self.display_name or self.get_full_name() or self.username

    @property
    def roles(self) -> frozenset[str]:
        cached = getattr(self, "_roles_cache", None)
        if cached is None:
            if not self.pk:
                return frozenset({Role.EMPLOYEE.value})
            cached = frozenset(self.role_rows.values_list("role", flat=True)) | {Role.EMPLOYEE.value}
            self._roles_cache = cached
        return cached

    def has_role(self, *roles: str) -> bool:
        return bool(self.roles & set(roles))


class UserRole(models.Model):
    """One role held by one person."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="role_rows")
    role = models.CharField(max_length=20, choices=Role.choices)
    granted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "role"], name="people_userrole_unique",
                                    violation_error_message=_("This person has this role already.")),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.role}"


class ApiToken(models.Model):
    """A bearer token for the REST API. Only a hash is stored; the token is shown once."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("name"), max_length=80)
    prefix = models.CharField(max_length=8, db_index=True)
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @staticmethod
    def digest_of(token: str) -> str:
        return hashlib.sha256(token.encode()).hexdigest()

    @classmethod
    def new_token(cls) -> str:
        return "koe_" + secrets.token_urlsafe(32)


class Notification(models.Model):
    """Something for one person to see in the app (coaching, reminders, answers), written in
    their language when it is created; e-mail, where there is one, goes separately."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(max_length=30)
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"), blank=True)
    url = models.CharField(_("link"), max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["user", "read_at"], name="people_notification_unread")]

    def __str__(self) -> str:
        return self.title
