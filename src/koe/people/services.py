"""Writes about people: creating them, their roles, their language, API tokens."""

from __future__ import annotations

import time
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils import timezone

from koe.audit.services import audit_record
from koe.web.errors import ValidationFailed

from .choices import Language, Role
from .models import ApiToken, Department, Notification, User, UserRole


@transaction.atomic
def user_create(*, username: str, email: str = "", password: str | None = None,
                display_name: str = "", language: str = Language.JA,
                department: Department | None = None, roles: Iterable[str] = (),
                manager: User | None = None, actor: User | None = None) -> User:
    if User.objects.filter(username=username).exists():
        raise ValidationFailed("username", "This user name is taken.", "このユーザー名は使われています。")
    user = User(username=username, email=email, display_name=display_name, language=language,
                department=department, manager=manager)
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.save()
    user_set_roles(user=user, roles=roles, actor=actor)
    audit_record(actor=actor, action="person.created", obj=user,
                 data={"username": username, "department": department.code if department else None})
    return user


@transaction.atomic
def user_set_roles(*, user: User, roles: Iterable[str], actor: User | None) -> None:
    wanted = {r for r in roles if r != Role.EMPLOYEE}
    unknown = wanted - set(Role.values)
    if unknown:
        raise ValidationFailed("roles", f"Unknown role: {', '.join(sorted(unknown))}",
                               f"不明なロールです: {', '.join(sorted(unknown))}")
    current = set(user.role_rows.values_list("role", flat=True))
    for role in wanted - current:
        UserRole.objects.create(user=user, role=role)
    removed = current - wanted
    if removed:
        user.role_rows.filter(role__in=removed).delete()
    user._roles_cache = None
    if wanted != current:
        audit_record(actor=actor, action="person.roles_changed", obj=user,
                     data={"added": sorted(wanted - current), "removed": sorted(removed)})


def user_set_language(*, user: User, language: str) -> None:
    if language not in Language.values:
        raise ValidationFailed("language", "Choose ja or en.", "ja か en を選んでください。")
    User.objects.filter(pk=user.pk).update(language=language)
    user.language = language


@transaction.atomic
def api_token_create(*, user: User, name: str) -> tuple[ApiToken, str]:
    """Make a token; returns the row and the token text, which is shown only this once."""
    token = ApiToken.new_token()
    row = ApiToken.objects.create(user=user, name=name[:80] or "token", prefix=token[4:12],
                                  digest=ApiToken.digest_of(token))
    audit_record(actor=user, action="api_token.created", obj=row, data={"name": row.name})
    return row, token


def api_tokens_forget(*, user: User) -> None:
    """Drop ``user``'s tokens from this process's memory (deactivation, revocation)."""
    for digest, (_, cached) in list(_token_cache.items()):
        if cached.pk == user.pk:
            _token_cache.pop(digest, None)


_TOKEN_TTL = 10.0  # seconds a process remembers a token: a revoked token stops within this
_token_cache: dict[str, tuple[float, User]] = {}


def api_token_user(token: str) -> User | None:
    """The active person a token belongs to, remembered for a few seconds per process so a
    client checking a post on every keystroke costs no database reads."""
    digest = ApiToken.digest_of(token)
    cached = _token_cache.get(digest)
    now = time.monotonic()
    if cached is not None and now - cached[0] < _TOKEN_TTL:
        return cached[1]
    row = (ApiToken.objects.select_related("user")
           .filter(digest=digest, user__is_active=True).first())
    if row is None:
        _token_cache.pop(digest, None)
        return None
    row.user.roles  # noqa: B018 - load the roles once, with the user
    if len(_token_cache) > 10_000:
        _token_cache.clear()
    _token_cache[digest] = (now, row.user)
    now = timezone.now()
    if row.last_used_at is None or (now - row.last_used_at).total_seconds() > 60:
        # At most one write a minute per token: the API stays fast under load on SQLite.
        ApiToken.objects.filter(pk=row.pk).update(last_used_at=now)
    return row.user


def notification_create(*, user: User, kind: str, title: str, body: str = "",
                        url: str = "") -> Notification:
    """Put a note in ``user``'s in-app notifications (already in their language)."""
    return Notification.objects.create(user=user, kind=kind, title=title[:200], body=body,
                                       url=url[:300])


def notification_from_template(*, user: User, kind: str, template: str, context: dict,
                               url: str = "", body: Any = "",
                               body_params: dict | None = None) -> Notification:
    """A notification titled like the e-mail ``emails/<template>-subject.html``, both rendered
    in ``user``'s language (so the app and the inbox say the same thing). ``body`` may be a
    lazy translation, filled with ``body_params`` (``%(name)s``) in that language."""
    from django.conf import settings
    from django.template.loader import render_to_string
    from django.utils import translation

    with translation.override(user.language or settings.LANGUAGE_CODE):
        title = " ".join(render_to_string(f"emails/{template}-subject.html",
                                          {**context, "person": user}).split())
        text = str(body) % {k: str(v) for k, v in body_params.items()} if body_params \
            else str(body)
    return notification_create(user=user, kind=kind, title=title, body=text, url=url)


def notifications_mark_read(*, user: User, ids: Iterable[int] | None = None) -> int:
    """Mark ``user``'s notifications read (all of them when ``ids`` is None)."""
    qs = Notification.objects.filter(user=user, read_at__isnull=True)
    if ids is not None:
        qs = qs.filter(pk__in=list(ids))
    return qs.update(read_at=timezone.now())
