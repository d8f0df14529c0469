"""Writes about policies: drafts, review and sign-off, publishing, renderings, acknowledgements.

Every transition is audited. Side effects (rendering PDF/EPUB, e-mail) run after the commit.
"""

from __future__ import annotations

import logging
import secrets
from datetime import timedelta

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone

from koe.audit.services import audit_record
from koe.engine import PolicyError
from koe.people.models import User
from koe.people.permissions import can
from koe.people.services import notification_from_template
from koe.web.errors import Conflict, NotAllowed, ValidationFailed

from .choices import ArtifactKind, Decision, VersionState, stakeholder_label
from .models import Acknowledgement, AckReminder, PolicyArtifact, PolicyVersion, SignOff
from .selectors import forget_published
from .source import policy_from_yaml

log = logging.getLogger(__name__)

LANGS = ("en", "ja")
TEXT_FIELDS = ("title", "title_ja", "yaml", "guidance_en", "guidance_ja", "changes_en", "changes_ja")
LIMITS = {"title": 200, "title_ja": 200, "guidance_en": 100_000, "guidance_ja": 100_000, "changes_en": 20_000,
          "changes_ja": 20_000}
REMINDER_INTERVAL = timedelta(hours=20)


class PolicyYamlInvalid(ValidationFailed):
    """The YAML of a version does not load; says where and how to fix it."""

    def __init__(self, error: PolicyError):
        self.line, self.column = error.line, error.column
        self.problem, self.fix = error.problem, error.fix
        where_en = f"Line {error.line}, column {error.column or 1}: " if error.line else ""
        where_ja = f"{error.line} 行 {error.column or 1} 列目: " if error.line else ""
        en = f"{where_en}{error.problem}." + (f" Fix: {error.fix}." if error.fix else "")
        ja = f"{where_ja}{error.problem}。" + (f" 直し方: {error.fix}" if error.fix else "")
        super().__init__("yaml", en, ja)


def required_roles() -> list[str]:
    """The stakeholder roles that must approve a version, in the configured order."""
    return list(dict.fromkeys(r.strip() for r in settings.KOE_SIGNOFF_ROLES if r.strip()))


def policy_yaml_check(text: str):
    """Load ``text`` with the engine; :class:`PolicyYamlInvalid` if it does not load."""
    if not text.strip():
        raise ValidationFailed("yaml", "The policy YAML is empty: start with `extends: default`.",
                               "ポリシーの YAML が空です。`extends: default` から書き始めてください。")
    try:
        return policy_from_yaml(text)
    except PolicyError as exc:
        raise PolicyYamlInvalid(exc) from None


def _clean_fields(fields: dict) -> dict:
    unknown = set(fields) - set(TEXT_FIELDS)
    if unknown:
        raise ValidationFailed(sorted(unknown)[0], "Unknown field.", "不明な項目です。")
    out = {}
    for key, value in fields.items():
        if value is None:
            continue
        if not isinstance(value, str):
            raise ValidationFailed(key, "This must be text.", "文字で入力してください。")
        if key in LIMITS and len(value) > LIMITS[key]:
            raise ValidationFailed(key, f"This is longer than {LIMITS[key]:,} characters.",
                                   f"{LIMITS[key]:,} 文字を超えています。")
        out[key] = value.strip() if key in ("title", "title_ja") else value.replace("\r\n", "\n")
    if "title" in out and not out["title"]:
        raise ValidationFailed("title", "Give the version a title.", "タイトルを入力してください。")
    return out


def _require(user: User, permission: str) -> None:
    if not can(user, permission):
        raise NotAllowed(None, "You do not have permission for this.", "この操作の権限がありません。")


def _locked(version: PolicyVersion) -> PolicyVersion:
    """The version's row, locked FOR NO KEY UPDATE: acknowledgements, sign-offs, reminders and
    renderings point at it and are checked at COMMIT while their transaction holds the audit
    chain; FOR UPDATE would block that check while we wait for the chain — a deadlock."""
    return PolicyVersion.objects.select_for_update(no_key=True).get(pk=version.pk)


def _expect(version: PolicyVersion, *states: str) -> None:
    if version.state not in states:
        raise Conflict("state", f"Version {version.number} is {version.get_state_display()}; "
                       "this step is not possible now.",
                       f"バージョン {version.number} は「{version.get_state_display()}」のため、"
                       "この操作はできません。")


# ----------------------------------------------------------------------------- drafts

@transaction.atomic
def version_create_draft(*, actor: User, title: str, yaml: str, guidance_en: str = "",
                         guidance_ja: str = "", changes_en: str = "",
                         changes_ja: str = "", title_ja: str = "") -> PolicyVersion:
    _require(actor, "policy.manage")
    fields = _clean_fields({"title": title, "title_ja": title_ja, "yaml": yaml, "guidance_en": guidance_en,
                            "guidance_ja": guidance_ja, "changes_en": changes_en,
                            "changes_ja": changes_ja})
    policy_yaml_check(fields["yaml"])
    for attempt in range(3):  # two drafts created at once both want the next number
        number = (PolicyVersion.objects.aggregate(n=Max("number"))["n"] or 0) + 1
        try:
            with transaction.atomic():
                version = PolicyVersion.objects.create(number=number, created_by=actor, **fields)
            break
        except IntegrityError:
            if attempt == 2:
                raise Conflict("number", "Someone else created a draft at the same moment; "
                               "please save again.",
                               "同時に別の下書きが作成されました。もう一度保存してください。") from None
    audit_record(actor=actor, action="policy.draft_created", obj=version,
                 data={"number": number, "title": version.title})
    return version


@transaction.atomic
def version_update(*, version: PolicyVersion, actor: User, **fields) -> PolicyVersion:
    _require(actor, "policy.manage")
    version = _locked(version)
    _expect(version, VersionState.DRAFT)
    fields = _clean_fields(fields)
    if "yaml" in fields:
        policy_yaml_check(fields["yaml"])
    changed = sorted(k for k, v in fields.items() if getattr(version, k) != v)
    for key, value in fields.items():
        setattr(version, key, value)
    version.save(update_fields=[*fields] or None)
    if changed:
        audit_record(actor=actor, action="policy.draft_edited", obj=version,
                     data={"fields": changed})
    return version


@transaction.atomic
def version_submit(*, version: PolicyVersion, actor: User) -> PolicyVersion:
    """Draft → in review; starts a new review round (earlier sign-offs stay as history)."""
    _require(actor, "policy.manage")
    version = _locked(version)
    _expect(version, VersionState.DRAFT)
    policy_yaml_check(version.yaml)
    version.review_round += 1
    version.submitted_at = timezone.now()
    version.state = VersionState.IN_REVIEW if required_roles() else VersionState.APPROVED
    version.save(update_fields=["review_round", "submitted_at", "state"])
    audit_record(actor=actor, action="policy.submitted", obj=version,
                 data={"round": version.review_round, "roles": required_roles()})
    return version


@transaction.atomic
def version_withdraw(*, version: PolicyVersion, actor: User) -> PolicyVersion:
    """In review or approved → draft, e.g. to fix something noticed late."""
    _require(actor, "policy.manage")
    version = _locked(version)
    _expect(version, VersionState.IN_REVIEW, VersionState.APPROVED)
    version.state = VersionState.DRAFT
    version.save(update_fields=["state"])
    audit_record(actor=actor, action="policy.withdrawn", obj=version,
                 data={"round": version.review_round})
    return version


def signoff_role_check(*, actor: User, role: str) -> None:
    """May ``actor`` sign off as ``role``? 400 for a role that is not a stakeholder, 403 for
    one they do not hold (legal signs off as legal only)."""
    _require(actor, "policy.signoff")
    if role not in required_roles():
        raise ValidationFailed("role", f"'{role}' is not a stakeholder of policy sign-off.",
                               f"「{role}」はポリシー承認の関係者ではありません。")
    if not actor.has_role(role):
        label = stakeholder_label(role)
        raise NotAllowed("role", f"Only someone from {label} can sign off as {label}.",
                         f"{label} としての承認は {label} の担当者だけができます。")


@transaction.atomic
def version_sign_off(*, version: PolicyVersion, actor: User, role: str, decision: str,
                     comment: str) -> SignOff:
    """One stakeholder's decision in the current round.

    "Request changes" sends the version back to draft; when every required role has
    approved in this round, the version is approved.
    """
    signoff_role_check(actor=actor, role=role)
    roles = required_roles()
    if decision not in Decision.values:
        raise ValidationFailed("decision", "Choose approve or request changes.",
                               "承認か修正依頼を選んでください。")
    comment = (comment or "").strip()
    if not comment:
        raise ValidationFailed("comment", "Please add a comment: what you checked, or what to change.",
                               "コメントを入力してください（確認した内容、または直してほしい点）。")
    if len(comment) > 5000:
        raise ValidationFailed("comment", "A comment can be at most 5,000 characters.",
                               "コメントは 5,000 文字までです。")
    version = _locked(version)
    _expect(version, VersionState.IN_REVIEW)
    if SignOff.objects.filter(version=version, review_round=version.review_round, role=role).exists():
        raise Conflict("role", f"{stakeholder_label(role)} has signed off this round already.",
                       f"{stakeholder_label(role)} はこのラウンドで承認済みです。")
    signoff = SignOff.objects.create(version=version, review_round=version.review_round, role=role,
                                     user=actor, decision=decision, comment=comment)
    audit_record(actor=actor, action="policy.signed_off", obj=version,
                 data={"round": version.review_round, "role": role, "decision": decision})
    if decision == Decision.REJECT:
        version.state = VersionState.DRAFT
        version.save(update_fields=["state"])
        audit_record(actor=actor, action="policy.changes_requested", obj=version,
                     data={"round": version.review_round, "role": role})
    else:
        approved = set(SignOff.objects.filter(version=version, review_round=version.review_round,
                                              decision=Decision.APPROVE)
                       .values_list("role", flat=True))
        if set(roles) <= approved:
            version.state = VersionState.APPROVED
            version.save(update_fields=["state"])
            audit_record(actor=actor, action="policy.approved", obj=version,
                         data={"round": version.review_round})
    return signoff


# ----------------------------------------------------------------------------- publishing

@transaction.atomic
def version_publish(*, version: PolicyVersion, actor: User) -> PolicyVersion:
    """Approved → published; the version published before it is superseded."""
    _require(actor, "policy.publish")
    version = _locked(version)
    _expect(version, VersionState.APPROVED)
    policy_yaml_check(version.yaml)
    previous = list(PolicyVersion.objects.select_for_update(no_key=True)  # see _locked
                    .filter(state=VersionState.PUBLISHED).exclude(pk=version.pk))
    for old in previous:
        old.state = VersionState.SUPERSEDED
        old.save(update_fields=["state"])
        audit_record(actor=actor, action="policy.superseded", obj=old,
                     data={"by": version.number})
    version.state = VersionState.PUBLISHED
    version.published_at = timezone.now()
    # A public policy stays public: the new version takes over from the old one's link.
    version.public = version.public or any(old.public for old in previous)
    version.save(update_fields=["state", "published_at", "public"])
    audit_record(actor=actor, action="policy.published", obj=version,
                 data={"number": version.number,
                       "superseded": [old.number for old in previous]})
    pk = version.pk
    transaction.on_commit(lambda: _after_publish(pk))
    return version


def _after_publish(version_pk: int) -> None:
    forget_published()  # this process checks against the new version at once
    _enqueue_render(version_pk)


def _enqueue_render(version_pk: int) -> None:
    from .tasks import render_policy_artifacts

    try:
        render_policy_artifacts.delay(version_pk)
    except Exception:  # broker down: the download links render on first use instead
        log.exception("could not queue the rendering of policy version %s", version_pk)


@transaction.atomic
def version_set_public(*, version: PolicyVersion, actor: User, public: bool) -> PolicyVersion:
    _require(actor, "policy.publish")
    version = _locked(version)
    if version.public != public:
        version.public = public
        version.save(update_fields=["public"])
        audit_record(actor=actor, action="policy.public_link_changed", obj=version,
                     data={"public": public})
    return version


def artifacts_render(*, version: PolicyVersion) -> list[PolicyArtifact]:
    """Render the PDF and the EPUB of ``version`` in both languages and store them."""
    return [artifact_render(version=version, kind=kind, lang=lang)
            for kind in ArtifactKind.values for lang in LANGS]


def artifact_render(*, version: PolicyVersion, kind: str, lang: str) -> PolicyArtifact:
    from . import rendering

    if kind not in ArtifactKind.values or lang not in LANGS:
        raise ValidationFailed("kind", "Unknown rendering.", "不明な形式です。")
    if version.state not in (VersionState.PUBLISHED, VersionState.SUPERSEDED):
        raise Conflict("state", "Only published versions are rendered.",
                       "公開されたバージョンだけが出力されます。")
    data = rendering.render_pdf(version, lang) if kind == ArtifactKind.PDF else \
        rendering.render_epub(version, lang)
    name = f"{secrets.token_urlsafe(9)}/koe-policy-v{version.number}-{lang}.{kind}"
    with transaction.atomic():
        old = PolicyArtifact.objects.select_for_update().filter(version=version, kind=kind,
                                                                 lang=lang).first()
        if old is not None:
            old_file = old.file.name
            old.file.save(name, ContentFile(data), save=False)
            old.created_at = timezone.now()
            old.save(update_fields=["file", "created_at"])
            old.file.storage.delete(old_file)
            artifact = old
        else:
            artifact = PolicyArtifact(version=version, kind=kind, lang=lang)
            artifact.file.save(name, ContentFile(data), save=False)
            try:
                with transaction.atomic():
                    artifact.save()
            except IntegrityError:  # another worker stored it meanwhile
                artifact.file.delete(save=False)
                artifact = PolicyArtifact.objects.get(version=version, kind=kind, lang=lang)
        audit_record(actor=None, action="policy.rendered", obj=version,
                     data={"kind": kind, "lang": lang, "bytes": len(data)})
    return artifact


# ----------------------------------------------------------------------------- acknowledgements

@transaction.atomic
def acknowledgement_create(*, user: User, version: PolicyVersion | None = None
                           ) -> tuple[Acknowledgement, bool]:
    """``user`` confirms they read the published version. A second time changes nothing.

    Returns the acknowledgement and whether it is new.
    """
    _require(user, "policy.acknowledge")
    published = PolicyVersion.objects.filter(state=VersionState.PUBLISHED)
    version = published.filter(pk=version.pk).first() if version else published.first()
    if version is None:
        raise Conflict("version", "There is no published policy version to confirm yet.",
                       "確認できる公開済みのポリシーはまだありません。")
    existing = Acknowledgement.objects.filter(version=version, user=user).first()
    if existing is not None:
        return existing, False
    try:
        with transaction.atomic():
            ack = Acknowledgement.objects.create(version=version, user=user)
    except IntegrityError:  # a double click that raced
        return Acknowledgement.objects.get(version=version, user=user), False
    audit_record(actor=user, action="policy.acknowledged", obj=version,
                 data={"number": version.number})
    return ack, True


@transaction.atomic
def ack_reminders_send(*, actor: User | None, version: PolicyVersion | None = None) -> int:
    """Remind everyone who has not confirmed the published version (by e-mail, in their
    language). People reminded in the last ``REMINDER_INTERVAL`` are skipped. Returns how many.
    """
    if actor is not None:
        _require(actor, "policy.ack_report")
    published = PolicyVersion.objects.filter(state=VersionState.PUBLISHED)
    version = published.filter(pk=version.pk).first() if version else published.first()
    if version is None:
        raise Conflict("version", "There is no published policy version to remind people of.",
                       "リマインドする公開済みのポリシーがありません。")
    recent = AckReminder.objects.filter(version=version,
                                        sent_at__gte=timezone.now() - REMINDER_INTERVAL)
    people = (User.objects.filter(is_active=True).exclude(email="")
              .exclude(policy_acknowledgements__version=version)
              .exclude(pk__in=recent.values("user_id")).order_by("pk"))
    rows = [AckReminder.objects.create(version=version, user=person) for person in people]
    for row in rows:  # in the app too, in each person's language
        notification_from_template(user=row.user, kind="policy_reminder",
                                   template="policy-reminder", context={"version": version},
                                   url=reverse("policies:acknowledge"))
    audit_record(actor=actor, action="policy.reminders_sent", obj=version,
                 data={"count": len(rows), "number": version.number})
    ids = [row.pk for row in rows]
    if ids:
        transaction.on_commit(lambda: _enqueue_reminders(ids))
    return len(rows)


def _enqueue_reminders(ids: list[int]) -> None:
    from .tasks import send_ack_reminder_emails

    send_ack_reminder_emails.delay(ids)
