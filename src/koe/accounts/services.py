"""Writes about social accounts: inventory, grants, security posture, OAuth apps, access reviews,
enrolment of personal accounts with consent, offboarding, the baseline survey and goals.

Every write is one function with keyword-only arguments, inside a transaction, recorded in the
audit log. Bad input raises :class:`ValidationFailed` naming the field, in English and Japanese.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext, gettext_lazy

from koe.audit.services import audit_record
from koe.learning.models import Certificate
from koe.learning.selectors import has_valid_certificate
from koe.people.models import Department, User
from koe.people.permissions import can
from koe.people.services import api_tokens_forget, notification_create, notification_from_template
from koe.web.errors import Conflict, NotAllowed, ValidationFailed

from .choices import (
    AccountKind,
    AccountStatus,
    GrantLevel,
    Network,
    QuestionKind,
    ReviewDecision,
)
from .mail import send_to_person
from .models import (
    AccessGrant,
    AccessReview,
    AccessReviewItem,
    Goal,
    GoalMeasurement,
    OAuthApp,
    SocialAccount,
    Survey,
    SurveyQuestion,
    SurveyResponse,
)

# The terms a person agrees to when enrolling a personal account. Bump the version when the
# wording in templates/accounts/_consent.html changes in substance.
CONSENT_VERSION = "2026-1"
# Findings about an enrolled account's public posts are kept this long (shown in the terms).
FINDINGS_KEPT_DAYS = 180
# After a withdrawal the enrolment record itself is deleted this many days later (tasks.py).
WITHDRAWN_KEPT_DAYS = 30

# Roles cleared to publish in the brand's voice on accounts WITHOUT a required track (a stand-in
# for certification); accounts with one need a valid certificate for it. Anyone active may be
# given "draft only".
PUBLISH_CLEARED_ROLES = frozenset({"publisher", "reviewer", "admin"})

_X_HANDLE = re.compile(r"^[A-Za-z0-9_]{1,15}$")
_DOMAIN = re.compile(r"^(?=.{3,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$")
_FEDIVERSE = re.compile(r"^[A-Za-z0-9_.]{1,64}@([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$")
_GENERIC = re.compile(r"^[\w.\-@]{1,120}$")


# ----------------------------------------------------------------------------- helpers

def _text(value: Any, *, field_name: str, label_en: str, label_ja: str, max_length: int,
          required: bool = False) -> str:
    text = str(value or "").strip()
    if required and not text:
        raise ValidationFailed(field_name, f"{label_en}: please fill this in.",
                               f"{label_ja}を入力してください。")
    if len(text) > max_length:
        raise ValidationFailed(field_name, f"{label_en}: at most {max_length} characters.",
                               f"{label_ja}は {max_length} 文字までです。")
    return text


def normalize_handle(network: str, handle: str) -> str:
    """The handle as stored: no leading ``@``, checked against the network's rules.

    >>> normalize_handle("x", "@acme_jp")
    'acme_jp'
    >>> normalize_handle("bluesky", "Acme.BSKY.social")
    'acme.bsky.social'
    """
    raw = str(handle or "")
    value = raw.strip()
    if not value:
        raise ValidationFailed("handle", "Handle: enter the account's handle, e.g. @acme_jp.",
                               "ハンドル: アカウントのハンドルを入力してください（例: @acme_jp）。")
    if any(ch.isspace() for ch in value):
        raise ValidationFailed("handle", "Handle: a handle cannot contain spaces.",
                               "ハンドル: ハンドルに空白は使えません。")
    if value.startswith("@"):
        value = value[1:]
    if network == Network.X:
        if not _X_HANDLE.match(value):
            raise ValidationFailed("handle", "Handle: an X handle has 1–15 letters, digits or _.",
                                   "ハンドル: X のハンドルは英数字と _ の 1〜15 文字です。")
    elif network == Network.BLUESKY:
        value = value.lower()
        if not _DOMAIN.match(value):
            raise ValidationFailed("handle", "Handle: a Bluesky handle is a domain, e.g. acme.bsky.social.",
                                   "ハンドル: Bluesky のハンドルはドメイン形式です（例: acme.bsky.social）。")
    elif network == Network.MASTODON:
        user, _, host = value.partition("@")
        value = f"{user}@{host.lower()}" if host else value
        if not _FEDIVERSE.match(value):
            raise ValidationFailed("handle", "Handle: a Mastodon handle looks like name@server.example.",
                                   "ハンドル: Mastodon のハンドルは name@server.example の形式です。")
    elif not _GENERIC.match(value):
        raise ValidationFailed("handle", "Handle: use letters, digits and . _ - @ only (at most 120).",
                               "ハンドル: 英数字と . _ - @ のみ、120 文字までで入力してください。")
    return value


def _check_network(network: str) -> str:
    if network not in Network.values:
        raise ValidationFailed("network", f"Network: unknown network {network!r}.",
                               f"ネットワーク: 不明なネットワークです（{network!r}）。")
    return network


def _check_unique(network: str, handle: str, *, exclude_pk: int | None = None) -> None:
    qs = SocialAccount.objects.filter(network=network, handle__iexact=handle)
    if exclude_pk:
        qs = qs.exclude(pk=exclude_pk)
    if qs.exists():
        raise ValidationFailed("handle", f"Handle: @{handle} on this network is registered already.",
                               f"ハンドル: このネットワークの @{handle} はすでに登録されています。")


def _check_past_date(value: dt.date | None, *, field_name: str, label_en: str,
                     label_ja: str) -> dt.date | None:
    if value is not None and value > timezone.localdate():
        raise ValidationFailed(field_name, f"{label_en}: the date cannot be in the future.",
                               f"{label_ja}: 未来の日付は指定できません。")
    return value


def _check_active_person(user: User | None, field_name: str = "user") -> User:
    if user is None:
        raise ValidationFailed(field_name, "Person: choose a person.", "担当者: 人を選んでください。")
    if not user.is_active:
        raise ValidationFailed(field_name, f"Person: {user} is deactivated; choose an active person.",
                               f"担当者: {user} は無効化されています。有効なメンバーを選んでください。")
    return user


# ----------------------------------------------------------------------------- accounts

@transaction.atomic
def account_create(*, actor: User | None, network: str, handle: str, display_name: str = "",
                   department: Department | None = None, owner: User | None = None,
                   two_factor_enabled: bool = False, password_rotated_at: dt.date | None = None,
                   notes: str = "", required_track: Any = None) -> SocialAccount:
    """Register a brand account in the inventory. With ``required_track`` (a learning Track),
    publishing to it needs a valid certificate for that track."""
    network = _check_network(network)
    handle = normalize_handle(network, handle)
    _check_unique(network, handle)
    account = SocialAccount(
        network=network, handle=handle, kind=AccountKind.BRAND,
        display_name=_text(display_name, field_name="display_name", label_en="Display name",
                           label_ja="表示名", max_length=120),
        department=department,
        owner=_check_active_person(owner, "owner") if owner else None,
        two_factor_enabled=bool(two_factor_enabled),
        password_rotated_at=_check_past_date(password_rotated_at, field_name="password_rotated_at",
                                             label_en="Last password rotation",
                                             label_ja="最終パスワード変更日"),
        notes=_text(notes, field_name="notes", label_en="Notes", label_ja="メモ", max_length=4000),
        required_track=required_track,
    )
    account.save()
    audit_record(actor=actor, action="account.created", obj=account,
                 data={"network": network, "handle": handle, "kind": account.kind,
                       "two_factor": account.two_factor_enabled,
                       "department": department.code if department else None,
                       "required_track": required_track.code if required_track else None})
    return account


POSTURE_FIELDS = ("display_name", "department", "owner", "status", "two_factor_enabled",
                  "password_rotated_at", "notes", "required_track")


@transaction.atomic
def account_update(*, account: SocialAccount, actor: User | None, **changes: Any) -> list[str]:
    """Change an account's details or security posture. Returns the names of changed fields."""
    if account.kind != AccountKind.BRAND:
        raise Conflict("account", "A personal account is managed by its owner, not here.",
                       "個人アカウントは本人が管理します。ここでは変更できません。")
    unknown = set(changes) - set(POSTURE_FIELDS)
    if unknown:
        raise ValidationFailed(sorted(unknown)[0], "This field cannot be changed here.",
                               "この項目はここでは変更できません。")
    if "display_name" in changes:
        changes["display_name"] = _text(changes["display_name"], field_name="display_name",
                                        label_en="Display name", label_ja="表示名", max_length=120)
    if "notes" in changes:
        changes["notes"] = _text(changes["notes"], field_name="notes", label_en="Notes",
                                 label_ja="メモ", max_length=4000)
    if "status" in changes and changes["status"] not in AccountStatus.values:
        raise ValidationFailed("status", "Status: choose active, suspended or archived.",
                               "状態: 有効・停止・アーカイブから選んでください。")
    if changes.get("owner") is not None and changes["owner"] != account.owner:
        _check_active_person(changes["owner"], "owner")
    if "password_rotated_at" in changes:
        _check_past_date(changes["password_rotated_at"], field_name="password_rotated_at",
                         label_en="Last password rotation", label_ja="最終パスワード変更日")
    if "two_factor_enabled" in changes:
        changes["two_factor_enabled"] = bool(changes["two_factor_enabled"])
    changed = [name for name, value in changes.items() if getattr(account, name) != value]
    if not changed:
        return []
    for name in changed:
        setattr(account, name, changes[name])
    account.save(update_fields=changed)
    data: dict[str, Any] = {"changed": changed}
    for name in ("two_factor_enabled", "status"):
        if name in changed:
            data[name] = getattr(account, name)
    if "password_rotated_at" in changed:
        data["password_rotated_at"] = (account.password_rotated_at.isoformat()
                                       if account.password_rotated_at else None)
    audit_record(actor=actor, action="account.updated", obj=account, data=data)
    return changed


# ----------------------------------------------------------------------------- OAuth apps

@transaction.atomic
def oauth_app_add(*, account: SocialAccount, actor: User | None, name: str, scopes: str = "",
                  connected_at: dt.date | None = None) -> OAuthApp:
    name = _text(name, field_name="name", label_en="App", label_ja="アプリ", max_length=120,
                 required=True)
    scopes = _text(scopes, field_name="scopes", label_en="Permissions", label_ja="権限",
                   max_length=300)
    if account.oauth_apps.filter(name__iexact=name, revoked_at__isnull=True).exists():
        raise ValidationFailed("name", f"App: {name} is connected already.",
                               f"アプリ: {name} はすでに連携されています。")
    app = OAuthApp.objects.create(
        account=account, name=name, scopes=scopes,
        connected_at=_check_past_date(connected_at, field_name="connected_at", label_en="Connected",
                                      label_ja="連携日") or timezone.localdate())
    audit_record(actor=actor, action="oauth_app.added", obj=app,
                 data={"account": str(account), "scopes": scopes})
    return app


@transaction.atomic
def oauth_app_mark_reviewed(*, app: OAuthApp, actor: User | None) -> OAuthApp:
    if app.revoked_at:
        raise Conflict("app", "This app was revoked already.", "このアプリはすでに取り消されています。")
    app.last_reviewed_at = timezone.localdate()
    app.save(update_fields=["last_reviewed_at"])
    audit_record(actor=actor, action="oauth_app.reviewed", obj=app,
                 data={"account": str(app.account)})
    return app


@transaction.atomic
def oauth_app_revoke(*, app: OAuthApp, actor: User | None) -> OAuthApp:
    if app.revoked_at:
        raise Conflict("app", "This app was revoked already.", "このアプリはすでに取り消されています。")
    app.revoked_at = timezone.now()
    app.save(update_fields=["revoked_at"])
    audit_record(actor=actor, action="oauth_app.revoked", obj=app,
                 data={"account": str(app.account)})
    return app


# ----------------------------------------------------------------------------- grants

def publish_clearance_problem(user: User,
                              account: SocialAccount | None = None) -> ValidationFailed | None:
    """Why ``user`` may not be given publishing rights (to ``account``), or None when they may.

    An account with a required track needs a valid certificate for it; for accounts without
    one, the brand roles stand in for certification."""
    track = account.required_track if account is not None and account.required_track_id else None
    if track is not None:
        if has_valid_certificate(user, track.code):
            return None
        return ValidationFailed(
            "level",
            f"Level: {user} holds no valid “{track.name_en}” certificate, which publishing to "
            f"{account} requires. Give “Draft only”, or ask them to complete the "
            f"“{track.name_en}” track first.",
            f"権限: {user} は {account} への投稿に必要な「{track.name_ja}」の有効な認定証を"
            f"持っていません。「下書きのみ」を付与するか、先に「{track.name_ja}」トラックを"
            "修了してもらってください。")
    if user.has_role(*PUBLISH_CLEARED_ROLES):
        return None
    return ValidationFailed(
        "level",
        f"Level: {user} is not certified to publish for the brand yet. Give “Draft only”, or "
        "ask HR to add the Brand publisher role once the training is done.",
        f"権限: {user} はまだブランドとして投稿する認定を受けていません。「下書きのみ」を付与するか、"
        "研修修了後に人事へブランド投稿者ロールの追加を依頼してください。")


@transaction.atomic
def grant_create(*, account: SocialAccount, user: User | None, actor: User | None,
                 level: str = GrantLevel.PUBLISH) -> AccessGrant:
    """Let ``user`` publish to (or draft for) a brand account."""
    user = _check_active_person(user)
    if level not in GrantLevel.values:
        raise ValidationFailed("level", "Level: choose Publish or Draft only.",
                               "権限: 「投稿」か「下書きのみ」を選んでください。")
    if account.kind != AccountKind.BRAND:
        raise Conflict("account", "Personal accounts are not shared: only brand accounts get grants.",
                       "個人アカウントは共有できません。権限を付与できるのはブランドアカウントだけです。")
    if account.status != AccountStatus.ACTIVE:
        raise Conflict("account", "This account is not active; activate it before granting access.",
                       "このアカウントは有効ではありません。有効にしてから権限を付与してください。")
    if level == GrantLevel.PUBLISH:
        problem = publish_clearance_problem(user, account)
        if problem:
            raise problem
    if AccessGrant.objects.filter(account=account, user=user, revoked_at__isnull=True).exists():
        raise ValidationFailed("user", f"Person: {user} has access to this account already.",
                               f"担当者: {user} はこのアカウントの権限をすでに持っています。")
    try:
        with transaction.atomic():
            grant = AccessGrant.objects.create(account=account, user=user, level=level,
                                               granted_by=actor if getattr(actor, "pk", None) else None)
    except IntegrityError as exc:  # a concurrent grant won the race
        raise ValidationFailed("user", f"Person: {user} has access to this account already.",
                               f"担当者: {user} はこのアカウントの権限をすでに持っています。") from exc
    audit_record(actor=actor, action="grant.created", obj=grant,
                 data={"account": str(account), "user": user.username, "level": level})
    return grant


@transaction.atomic
def grant_revoke(*, grant: AccessGrant, actor: User | None, reason: str) -> AccessGrant:
    """End a grant. Pending items of open access reviews for it are closed as revoked."""
    reason = _text(reason, field_name="reason", label_en="Reason", label_ja="理由", max_length=200,
                   required=True)
    # NO KEY: an access review being started (it holds the audit chain) points its items at
    # this grant and checks them at COMMIT; FOR UPDATE would block that check while this waits
    # for the chain — a deadlock. Nothing here changes the grant's key.
    grant = AccessGrant.objects.select_for_update(no_key=True).get(pk=grant.pk)
    if grant.revoked_at:
        raise Conflict("grant", "This access was revoked already.", "この権限はすでに取り消されています。")
    now = timezone.now()
    grant.revoked_at = now
    grant.revoked_by = actor if getattr(actor, "pk", None) else None
    grant.revoke_reason = reason
    grant.save(update_fields=["revoked_at", "revoked_by", "revoke_reason"])
    AccessReviewItem.objects.filter(grant=grant, decision=ReviewDecision.PENDING,
                                    review__closed_at__isnull=True).update(
        decision=ReviewDecision.REVOKE, decided_at=now, decided_by=grant.revoked_by,
        note=reason[:200])
    audit_record(actor=actor, action="grant.revoked", obj=grant,
                 data={"account": str(grant.account), "user": grant.user.username,
                       "reason": reason})
    return grant


# ----------------------------------------------------------------------------- certificates

CERTIFICATE_NOTICE_DAYS = 30  # holders are warned once this many days before a certificate expires


def _certified_grants():
    """Active publish grants on accounts that require a track."""
    return (AccessGrant.objects.filter(revoked_at__isnull=True, level=GrantLevel.PUBLISH,
                                       account__required_track__isnull=False)
            .select_related("account", "account__required_track", "user"))


def _valid_until(user: User, track_id: int, today: dt.date) -> dt.date | None:
    """The latest expiry of ``user``'s currently valid certificates for the track."""
    return (Certificate.objects.filter(user=user, track_id=track_id, issued_on__lte=today,
                                       expires_on__gt=today)
            .order_by("-expires_on").values_list("expires_on", flat=True).first())


@transaction.atomic
def grant_suspend(*, grant: AccessGrant, actor: User | None, reason: str) -> AccessGrant:
    """Put a grant on hold (it stays, but nobody publishes with it) and tell its holder."""
    grant = AccessGrant.objects.select_for_update(of=("self",), no_key=True).select_related(
        "account", "account__required_track", "user").get(pk=grant.pk)
    if grant.revoked_at or grant.suspended_at:
        return grant
    grant.suspended_at = timezone.now()
    grant.suspended_reason = reason[:200]
    grant.save(update_fields=["suspended_at", "suspended_reason"])
    audit_record(actor=actor, action="grant.suspended", obj=grant,
                 data={"account": str(grant.account), "user": grant.user.username,
                       "reason": grant.suspended_reason})
    track = grant.account.required_track
    send_to_person("grant-suspended", grant.user, {"grant": grant, "track": track})
    notification_from_template(
        user=grant.user, kind="grant_suspended", template="grant-suspended",
        context={"grant": grant}, url=reverse("accounts:mine"),
        body=(gettext_lazy("Complete the “%(track)s” track again to restore it.") if track
              else grant.suspended_reason),
        body_params={"track": track} if track else None)
    return grant


@transaction.atomic
def grant_restore(*, grant: AccessGrant, actor: User | None) -> AccessGrant:
    """Lift a suspension (the holder holds a valid certificate again)."""
    grant = AccessGrant.objects.select_for_update(of=("self",), no_key=True).select_related(
        "account", "user").get(pk=grant.pk)
    if grant.revoked_at or not grant.suspended_at:
        return grant
    suspended_at = grant.suspended_at
    grant.suspended_at = None
    grant.suspended_reason = ""
    grant.expiry_notice_for = None
    grant.save(update_fields=["suspended_at", "suspended_reason", "expiry_notice_for"])
    audit_record(actor=actor, action="grant.restored", obj=grant,
                 data={"account": str(grant.account), "user": grant.user.username,
                       "suspended_at": suspended_at.isoformat()})
    with translation.override(grant.user.language or settings.LANGUAGE_CODE):
        notification_create(user=grant.user, kind="grant_restored",
                            title=gettext("Your publishing access to %(account)s is restored")
                            % {"account": grant.account},
                            url=reverse("accounts:mine"))
    return grant


def grants_restore_for(*, user: User, today: dt.date | None = None) -> list[AccessGrant]:
    """Restore ``user``'s suspended grants whose required certificate is valid again (called
    when a certificate is issued, and daily)."""
    today = today or timezone.localdate()
    restored = []
    for grant in _certified_grants().filter(user=user, suspended_at__isnull=False):
        if has_valid_certificate(user, grant.account.required_track.code, on=today):
            restored.append(grant_restore(grant=grant, actor=None))
    return restored


@dataclass
class CertificateEnforcement:
    suspended: list[AccessGrant] = field(default_factory=list)
    noticed: list[AccessGrant] = field(default_factory=list)
    restored: list[AccessGrant] = field(default_factory=list)


def grants_enforce_certificates(*, today: dt.date | None = None) -> CertificateEnforcement:
    """The daily check: suspend grants whose holder's certificate for the account's track has
    expired, warn (once per certificate) holders whose certificate expires within
    CERTIFICATE_NOTICE_DAYS days, and restore suspended grants of people valid again."""
    today = today or timezone.localdate()
    result = CertificateEnforcement()
    for grant in _certified_grants().filter(user__is_active=True, suspended_at__isnull=False):
        if has_valid_certificate(grant.user, grant.account.required_track.code, on=today):
            result.restored.append(grant_restore(grant=grant, actor=None))
    for grant in _certified_grants().filter(suspended_at__isnull=True):
        track = grant.account.required_track
        until = _valid_until(grant.user, track.pk, today)
        if until is None:
            result.suspended.append(grant_suspend(
                grant=grant, actor=None,
                reason=f"No valid “{track.name_en}” certificate (expired or missing)."))
        elif (until <= today + dt.timedelta(days=CERTIFICATE_NOTICE_DAYS)
              and grant.expiry_notice_for != until and grant.user.is_active):
            with transaction.atomic():
                updated = AccessGrant.objects.filter(pk=grant.pk).exclude(
                    expiry_notice_for=until).update(expiry_notice_for=until)
                if updated:
                    audit_record(actor=None, action="grant.expiry_noticed", obj=grant,
                                 data={"account": str(grant.account), "user": grant.user.username,
                                       "expires_on": until.isoformat()})
                    send_to_person("certificate-expiring", grant.user,
                                   {"grant": grant, "track": track, "expires_on": until})
                    notification_from_template(
                        user=grant.user, kind="certificate_expiring",
                        template="certificate-expiring",
                        context={"track": track, "expires_on": until},
                        url=reverse("accounts:mine"),
                        body=gettext_lazy("Re-certify before then to keep publishing to "
                                          "%(account)s."),
                        body_params={"account": grant.account})
                    result.noticed.append(grant)
    return result


# ----------------------------------------------------------------------------- enrolment

@transaction.atomic
def enrolment_create(*, user: User, network: str, handle: str, consent: bool,
                     display_name: str = "") -> SocialAccount:
    """Enrol ``user``'s own account. Only with explicit consent to the stated terms."""
    network = _check_network(network)
    handle = normalize_handle(network, handle)
    if consent is not True:
        raise ValidationFailed(
            "consent",
            "Consent: tick the box to confirm you have read what is watched, who sees what and "
            "how long it is kept. Enrolment is voluntary.",
            "同意: 何を確認するか・誰が何を見るか・どれだけ保管するかを読んだうえで、チェックを入れてください。"
            "登録は任意です。")
    display_name = _text(display_name, field_name="display_name", label_en="Display name",
                         label_ja="表示名", max_length=120)
    existing = SocialAccount.objects.filter(network=network, handle__iexact=handle).first()
    now = timezone.now()
    if existing is not None:
        if existing.kind == AccountKind.PERSONAL and existing.owner_id == user.pk \
                and not existing.is_enrolled:
            account = existing
            account.status = AccountStatus.ACTIVE
            account.withdrawn_at = None
            account.consent_at = now
            account.consent_version = CONSENT_VERSION
            account.display_name = display_name or account.display_name
            account.save()
        else:
            raise ValidationFailed("handle", f"Handle: @{handle} on this network is registered already.",
                                   f"ハンドル: このネットワークの @{handle} はすでに登録されています。")
    else:
        account = SocialAccount.objects.create(
            network=network, handle=handle, display_name=display_name,
            kind=AccountKind.PERSONAL, owner=user, department=user.department,
            consent_at=now, consent_version=CONSENT_VERSION)
    audit_record(actor=user, action="enrolment.created", obj=account,
                 data={"network": network, "handle": handle, "consent_version": CONSENT_VERSION})
    return account


@transaction.atomic
def enrolment_withdraw(*, account: SocialAccount, actor: User | None) -> SocialAccount:
    """Stop watching a personal account now; the record is deleted after WITHDRAWN_KEPT_DAYS."""
    if account.kind != AccountKind.PERSONAL:
        raise Conflict("account", "Only enrolled personal accounts can be withdrawn.",
                       "取り消せるのは登録済みの個人アカウントだけです。")
    if account.withdrawn_at is not None:
        raise Conflict("account", "This enrolment was withdrawn already.",
                       "この登録はすでに取り消されています。")
    account.withdrawn_at = timezone.now()
    account.status = AccountStatus.ARCHIVED
    account.save(update_fields=["withdrawn_at", "status"])
    audit_record(actor=actor, action="enrolment.withdrawn", obj=account,
                 data={"owner": account.owner.username if account.owner else None})
    return account


# ----------------------------------------------------------------------------- offboarding

@dataclass
class OffboardResult:
    person: User
    reason: str
    revoked: list[AccessGrant] = field(default_factory=list)
    withdrawn: list[SocialAccount] = field(default_factory=list)
    owned: list[SocialAccount] = field(default_factory=list)


@transaction.atomic
def person_offboard(*, person: User, actor: User, reason: str) -> OffboardResult:
    """Deactivate a person who leaves, end all their access, and record it."""
    reason = _text(reason, field_name="reason", label_en="Reason", label_ja="理由", max_length=200,
                   required=True)
    if person.pk == getattr(actor, "pk", None):
        raise ValidationFailed("person", "You cannot offboard yourself; ask a colleague.",
                               "自分自身を退職処理することはできません。他の担当者に依頼してください。")
    # NO KEY: every audited write of the person (their entries' actor, their registrations,
    # answers …) checks its foreign key to this row at COMMIT while holding the audit chain;
    # FOR UPDATE would block that check while this waits for the chain — a deadlock.
    person = User.objects.select_for_update(no_key=True).get(pk=person.pk)
    if not person.is_active:
        raise Conflict("person", f"{person} was deactivated already.", f"{person} はすでに無効化されています。")
    person.is_active = False
    person.save(update_fields=["is_active"])
    api_tokens_forget(user=person)
    result = OffboardResult(person=person, reason=reason)
    grants = AccessGrant.objects.select_related("account", "user").filter(
        user=person, revoked_at__isnull=True).order_by("pk")  # the lock order of reviews
    for grant in grants:
        result.revoked.append(grant_revoke(grant=grant, actor=actor,
                                           reason=f"Offboarding: {reason}"[:200]))
    for account in SocialAccount.objects.filter(owner=person, kind=AccountKind.PERSONAL,
                                                withdrawn_at__isnull=True):
        result.withdrawn.append(enrolment_withdraw(account=account, actor=actor))
    result.owned = list(SocialAccount.objects.filter(owner=person, kind=AccountKind.BRAND)
                        .exclude(status=AccountStatus.ARCHIVED))
    audit_record(actor=actor, action="person.offboarded", obj=person, data={
        "reason": reason,
        "grants_revoked": [{"id": g.pk, "account": str(g.account)} for g in result.revoked],
        "enrolments_withdrawn": [str(a) for a in result.withdrawn],
        "owned_brand_accounts": [str(a) for a in result.owned],
    })
    return result


# ----------------------------------------------------------------------------- access reviews

@transaction.atomic
def access_review_start(*, actor: User | None, name: str, due_on: dt.date | None) -> AccessReview:
    """Start a campaign with one item per active grant."""
    name = _text(name, field_name="name", label_en="Name", label_ja="名前", max_length=120,
                 required=True)
    if due_on is None:
        raise ValidationFailed("due_on", "Due date: choose the day the review ends.",
                               "期限: レビューの締め切り日を選んでください。")
    if due_on < timezone.localdate():
        raise ValidationFailed("due_on", "Due date: the date cannot be in the past.",
                               "期限: 過去の日付は指定できません。")
    open_review = AccessReview.objects.filter(closed_at__isnull=True).first()
    if open_review is not None:
        raise Conflict("name", f"The review “{open_review.name}” is still open; close it first.",
                       f"レビュー「{open_review.name}」がまだ開いています。先に締めてください。")
    # Lock the grants (NO KEY, in key order like person_offboard): a revocation running now
    # either finishes first (the grant is left out) or waits and then closes its new item;
    # unlocked, it could miss the item and leave it pending on a revoked grant.
    grants = list(AccessGrant.objects.select_for_update(of=("self",), no_key=True)
                  .filter(revoked_at__isnull=True, account__kind=AccountKind.BRAND)
                  .order_by("pk"))
    if not grants:
        raise Conflict("name", "There is no active access to review.",
                       "レビューする有効な権限がありません。")
    review = AccessReview.objects.create(name=name, due_on=due_on,
                                         started_by=actor if getattr(actor, "pk", None) else None)
    AccessReviewItem.objects.bulk_create(AccessReviewItem(review=review, grant=g) for g in grants)
    audit_record(actor=actor, action="access_review.started", obj=review,
                 data={"due_on": due_on.isoformat(), "items": len(grants)})
    from .tasks import remind_access_reviewers

    transaction.on_commit(lambda: remind_access_reviewers.delay(review.pk))
    return review


def may_decide(user: User, item: AccessReviewItem) -> bool:
    """The account's owner, or anyone who manages grants, decides an item — but never one
    about their own access: somebody else confirms that (no self-approval)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if item.grant.user_id == user.pk:
        return False
    return item.grant.account.owner_id == user.pk or can(user, "grants.manage")


@transaction.atomic
def access_review_decide(*, item: AccessReviewItem, actor: User, decision: str,
                         note: str = "") -> AccessReviewItem:
    if not may_decide(actor, item):
        raise NotAllowed("item", "Only the account's owner or a grants manager decides this, and "
                                 "never about their own access.",
                         "判断できるのはアカウントのオーナーか権限管理者だけです（自分自身の権限は判断できません）。")
    if decision not in (ReviewDecision.KEEP, ReviewDecision.REVOKE):
        raise ValidationFailed("decision", "Decision: choose keep or revoke.",
                               "判断: 「維持」か「取り消し」を選んでください。")
    note = _text(note, field_name="note", label_en="Note", label_ja="メモ", max_length=200)
    # The item and its review (closing waits for us), NO KEY; not the joined grant, account
    # and person: FOR UPDATE on them blocked the COMMIT-time foreign-key checks of their own
    # audited writes (a deadlock with the audit chain). grant_revoke locks the grant itself.
    item = AccessReviewItem.objects.select_for_update(of=("self", "review"), no_key=True) \
        .select_related("review", "grant__account", "grant__user").get(pk=item.pk)
    if item.review.closed_at:
        raise Conflict("review", "This review is closed.", "このレビューは締め切られています。")
    if item.decision != ReviewDecision.PENDING:
        raise Conflict("decision", "This item was decided already.", "この項目はすでに判断済みです。")
    if decision == ReviewDecision.REVOKE:
        grant_revoke(grant=item.grant, actor=actor,
                     reason=f"Access review “{item.review.name}”" + (f": {note}" if note else ""))
        item.refresh_from_db()
    item.decision = decision
    item.decided_by = actor
    item.decided_at = timezone.now()
    item.note = note
    item.save(update_fields=["decision", "decided_by", "decided_at", "note"])
    audit_record(actor=actor, action="access_review.decided", obj=item.review,
                 data={"item": item.pk, "grant": item.grant_id, "decision": decision,
                       "account": str(item.grant.account), "user": item.grant.user.username})
    return item


@dataclass
class ReviewClosed:
    review: AccessReview
    accounts_reviewed: int
    undecided: int


@transaction.atomic
def access_review_close(*, review: AccessReview, actor: User | None) -> ReviewClosed:
    """Close a campaign; accounts whose items were all decided get today's review date."""
    review = AccessReview.objects.select_for_update().get(pk=review.pk)
    if review.closed_at:
        raise Conflict("review", "This review is closed already.", "このレビューはすでに締め切られています。")
    items = list(review.items.select_related("grant"))
    by_account: dict[int, list[AccessReviewItem]] = {}
    for item in items:
        by_account.setdefault(item.grant.account_id, []).append(item)
    done = [pk for pk, its in by_account.items()
            if all(i.decision != ReviewDecision.PENDING for i in its)]
    today = timezone.localdate()
    SocialAccount.objects.filter(pk__in=done).update(last_access_review_at=today)
    undecided = sum(1 for i in items if i.decision == ReviewDecision.PENDING)
    review.closed_at = timezone.now()
    review.save(update_fields=["closed_at"])
    audit_record(actor=actor, action="access_review.closed", obj=review,
                 data={"accounts_reviewed": len(done), "undecided": undecided})
    return ReviewClosed(review=review, accounts_reviewed=len(done), undecided=undecided)


# ----------------------------------------------------------------------------- survey

def _options(raw: Iterable[Any]) -> list[dict[str, str]]:
    options = []
    for option in raw or ():
        if isinstance(option, dict):
            en, ja = str(option.get("en", "")).strip(), str(option.get("ja", "")).strip()
        else:
            en, _, ja = str(option).partition("|")
            en, ja = en.strip(), ja.strip()
        if not en and not ja:
            continue
        options.append({"en": en or ja, "ja": ja or en})
    return options


@transaction.atomic
def survey_create(*, actor: User | None, title_en: str, title_ja: str, questions: list[dict],
                  intro_en: str = "", intro_ja: str = "") -> Survey:
    """A new open survey. ``questions``: dicts with kind, text_en, text_ja and options.

    Options are ``{"en": ..., "ja": ...}`` or text ``"English | 日本語"``.
    """
    title_en = _text(title_en, field_name="title_en", label_en="Title (English)",
                     label_ja="タイトル（英語）", max_length=200, required=True)
    title_ja = _text(title_ja, field_name="title_ja", label_en="Title (Japanese)",
                     label_ja="タイトル（日本語）", max_length=200, required=True)
    if not questions:
        raise ValidationFailed("questions", "Questions: add at least one question.",
                               "質問: 少なくとも 1 問を追加してください。")
    cleaned = []
    for n, q in enumerate(questions, start=1):
        where_en, where_ja = f"Question {n}", f"質問 {n}"
        kind = q.get("kind")
        if kind not in QuestionKind.values:
            raise ValidationFailed(f"questions.{n}.kind", f"{where_en}: choose the kind of question.",
                                   f"{where_ja}: 質問の種類を選んでください。")
        text_en = _text(q.get("text_en"), field_name=f"questions.{n}.text_en",
                        label_en=f"{where_en} (English)", label_ja=f"{where_ja}（英語）",
                        max_length=300, required=True)
        text_ja = _text(q.get("text_ja"), field_name=f"questions.{n}.text_ja",
                        label_en=f"{where_en} (Japanese)", label_ja=f"{where_ja}（日本語）",
                        max_length=300, required=True)
        options = _options(q.get("options") or ())
        if kind in (QuestionKind.SINGLE, QuestionKind.MULTI) and len(options) < 2:
            raise ValidationFailed(f"questions.{n}.options",
                                   f"{where_en}: give at least two choices, one per line "
                                   "as “English | 日本語”.",
                                   f"{where_ja}: 選択肢を 2 つ以上、1 行に 1 つ「English | 日本語」の形で入力してください。")
        if kind in (QuestionKind.SCALE, QuestionKind.TEXT):
            options = []
        cleaned.append(SurveyQuestion(order=n, kind=kind, text_en=text_en, text_ja=text_ja,
                                      options=options))
    survey = Survey.objects.create(
        title_en=title_en, title_ja=title_ja,
        intro_en=_text(intro_en, field_name="intro_en", label_en="Introduction (English)",
                       label_ja="説明（英語）", max_length=4000),
        intro_ja=_text(intro_ja, field_name="intro_ja", label_en="Introduction (Japanese)",
                       label_ja="説明（日本語）", max_length=4000))
    for question in cleaned:
        question.survey = survey
    SurveyQuestion.objects.bulk_create(cleaned)
    audit_record(actor=actor, action="survey.created", obj=survey,
                 data={"questions": len(cleaned), "title": title_en})
    return survey


@transaction.atomic
def survey_set_open(*, survey: Survey, actor: User | None, is_open: bool) -> Survey:
    if survey.is_open != is_open:
        survey.is_open = is_open
        survey.save(update_fields=["is_open"])
        audit_record(actor=actor, action="survey.opened" if is_open else "survey.closed",
                     obj=survey)
    return survey


def _clean_answer(question: SurveyQuestion, value: Any) -> Any:
    where_en, where_ja = f"Question {question.order}", f"質問 {question.order}"
    name = f"q{question.pk}"
    n_options = len(question.options or [])
    if question.kind == QuestionKind.TEXT:
        return _text(value, field_name=name, label_en=where_en, label_ja=where_ja,
                     max_length=2000)
    if question.kind == QuestionKind.MULTI:
        values = value if isinstance(value, list | tuple) else ([] if value in (None, "") else [value])
        try:
            picked = sorted({int(v) for v in values})
        except (TypeError, ValueError):
            picked = [-1]
        if any(not 0 <= v < n_options for v in picked):
            raise ValidationFailed(name, f"{where_en}: choose from the listed choices.",
                                   f"{where_ja}: 表示された選択肢から選んでください。")
        return picked
    if value in (None, ""):
        raise ValidationFailed(name, f"{where_en}: please answer this question.",
                               f"{where_ja}: この質問に回答してください。")
    try:
        number = int(value)
    except (TypeError, ValueError):
        number = -1
    low, high = (1, 5) if question.kind == QuestionKind.SCALE else (0, n_options - 1)
    if not low <= number <= high:
        raise ValidationFailed(name, f"{where_en}: choose one of the listed answers.",
                               f"{where_ja}: 表示された回答から選んでください。")
    return number


@transaction.atomic
def survey_respond(*, survey: Survey, user: User, answers: dict[str, Any]) -> SurveyResponse:
    """Store one person's answers. ``answers`` maps ``q<id>`` (or the id) to a value."""
    if not survey.is_open:
        raise Conflict("survey", "This survey is closed.", "このアンケートは締め切られています。")
    if SurveyResponse.objects.filter(survey=survey, user=user).exists():
        raise Conflict("survey", "You answered this survey already — thank you!",
                       "このアンケートには回答済みです。ご協力ありがとうございました。")
    stored = {}
    for question in survey.questions.all():
        value = answers.get(f"q{question.pk}", answers.get(str(question.pk)))
        stored[str(question.pk)] = _clean_answer(question, value)
    try:
        with transaction.atomic():
            response = SurveyResponse.objects.create(survey=survey, user=user,
                                                     department=user.department, answers=stored)
    except IntegrityError as exc:
        raise Conflict("survey", "You answered this survey already — thank you!",
                       "このアンケートには回答済みです。ご協力ありがとうございました。") from exc
    audit_record(actor=user, action="survey.answered", obj=survey, data={"response": response.pk})
    return response


# ----------------------------------------------------------------------------- goals

def _number(value: Any, *, field_name: str, label_en: str, label_ja: str,
            required: bool = True) -> float | None:
    if value in (None, ""):
        if required:
            raise ValidationFailed(field_name, f"{label_en}: enter a number.",
                                   f"{label_ja}: 数値を入力してください。")
        return None
    try:
        number = float(value)
    except (TypeError, ValueError) as exc:
        raise ValidationFailed(field_name, f"{label_en}: enter a number, e.g. 120 or 2.5.",
                               f"{label_ja}: 120 や 2.5 のような数値を入力してください。") from exc
    if number != number or number in (float("inf"), float("-inf")):
        raise ValidationFailed(field_name, f"{label_en}: enter a finite number.",
                               f"{label_ja}: 有限の数値を入力してください。")
    if number < 0:
        raise ValidationFailed(field_name, f"{label_en}: the number cannot be negative.",
                               f"{label_ja}: 負の数は指定できません。")
    return number


GOAL_TEXTS = (
    ("org_goal_en", "Organizational goal (English)", "組織の目標（英語）", 200),
    ("org_goal_ja", "Organizational goal (Japanese)", "組織の目標（日本語）", 200),
    ("social_goal_en", "Social engagement goal (English)", "ソーシャルの目標（英語）", 200),
    ("social_goal_ja", "Social engagement goal (Japanese)", "ソーシャルの目標（日本語）", 200),
    ("metric_en", "Metric (English)", "指標（英語）", 120),
    ("metric_ja", "Metric (Japanese)", "指標（日本語）", 120),
)


@transaction.atomic
def goal_create(*, actor: User | None, org_goal_en: str, org_goal_ja: str, social_goal_en: str,
                social_goal_ja: str, metric_en: str, metric_ja: str, target: Any,
                baseline: Any = 0, unit: str = "", due_on: dt.date | None = None,
                department: Department | None = None) -> Goal:
    """An organizational goal mapped to a social engagement goal with a measurable target."""
    values = {"org_goal_en": org_goal_en, "org_goal_ja": org_goal_ja,
              "social_goal_en": social_goal_en, "social_goal_ja": social_goal_ja,
              "metric_en": metric_en, "metric_ja": metric_ja}
    texts = {name: _text(values[name], field_name=name, label_en=en, label_ja=ja,
                         max_length=size, required=True)
             for name, en, ja, size in GOAL_TEXTS}
    target = _number(target, field_name="target", label_en="Target", label_ja="目標値")
    baseline = _number(baseline, field_name="baseline", label_en="Baseline", label_ja="基準値",
                       required=False) or 0.0
    if target == baseline:
        raise ValidationFailed("target", "Target: it must differ from the baseline, or progress "
                                         "cannot be measured.",
                               "目標値: 基準値と同じでは進捗を測れません。異なる値にしてください。")
    unit = _text(unit, field_name="unit", label_en="Unit", label_ja="単位", max_length=20)
    goal = Goal.objects.create(**texts, target=target, baseline=baseline, unit=unit,
                               due_on=due_on, department=department)
    audit_record(actor=actor, action="goal.created", obj=goal,
                 data={"target": target, "baseline": baseline, "unit": unit})
    return goal


@transaction.atomic
def goal_measurement_record(*, goal: Goal, actor: User | None, value: Any,
                            measured_on: dt.date | None = None, note: str = "") -> GoalMeasurement:
    value = _number(value, field_name="value", label_en="Value", label_ja="測定値")
    measured_on = _check_past_date(measured_on, field_name="measured_on", label_en="Measured on",
                                   label_ja="測定日") or timezone.localdate()
    note = _text(note, field_name="note", label_en="Note", label_ja="メモ", max_length=200)
    measurement = GoalMeasurement.objects.create(goal=goal, value=value, measured_on=measured_on,
                                                 note=note)
    audit_record(actor=actor, action="goal.measured", obj=goal,
                 data={"value": value, "measured_on": measured_on.isoformat()})
    return measurement
