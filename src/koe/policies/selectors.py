"""Reads about policy versions, and the compiled scanner of the published one."""

from __future__ import annotations

import difflib
import threading
import time
from dataclasses import dataclass

from django.db.models import Count, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from koe.engine import Policy, Scanner, default_policy
from koe.people.models import User
from koe.people.permissions import can

from .choices import Decision, VersionState, stakeholder_label
from .models import Acknowledgement, AckReminder, PolicyArtifact, PolicyVersion, SignOff
from .source import policy_from_yaml

_lock = threading.Lock()
_cache: dict[tuple[int, str], Scanner] = {}


def published_version() -> PolicyVersion | None:
    return PolicyVersion.objects.filter(state=VersionState.PUBLISHED).first()


def version_list() -> QuerySet[PolicyVersion]:
    return PolicyVersion.objects.select_related("created_by").order_by("-number")


def version_policy(version: PolicyVersion) -> Policy:
    """The engine policy of a version (raises PolicyError for broken YAML)."""
    return policy_from_yaml(version.yaml, source=f"policy v{version.number}")


def current_policy() -> Policy:
    version = published_version()
    return version_policy(version) if version else default_policy()


_PUBLISHED_TTL = 2.0  # seconds a process trusts its idea of the published version
_published: tuple[float, tuple] = (0.0, (0, ""))


def _published_key() -> tuple:
    """(pk, published_at) of the published version, read at most every couple of seconds:
    the self-check is called on every keystroke, publishing happens a few times a year."""
    global _published
    now = time.monotonic()
    if now - _published[0] > _PUBLISHED_TTL:
        row = (PolicyVersion.objects.filter(state=VersionState.PUBLISHED)
               .values_list("pk", "published_at").first())
        _published = (now, (row[0], row[1].isoformat()) if row else (0, ""))
    return _published[1]


def forget_published() -> None:
    """Read the published version afresh next time (called when a version is published)."""
    global _published
    _published = (0.0, (0, ""))


def current_scanner() -> Scanner:
    """The compiled scanner of the published version (the built-in policy before any).

    Compiled once per process and version; publishing a new version changes the key.
    """
    key = _published_key()
    scanner = _cache.get(key)
    if scanner is None:
        with _lock:
            scanner = _cache.get(key)
            if scanner is None:
                version = published_version()
                key = (version.pk, version.published_at.isoformat()) if version else (0, "")
                policy = version_policy(version) if version else default_policy()
                scanner = policy.compile()
                _cache.clear()
                _cache[key] = scanner
    return scanner


def acknowledgement_needed(user) -> PolicyVersion | None:
    """The published version if ``user`` has not acknowledged it yet."""
    version = published_version()
    if version is None or not user.is_authenticated:
        return None
    if Acknowledgement.objects.filter(version=version, user=user).exists():
        return None
    return version


# ----------------------------------------------------------------------------- who sees what

VISIBLE_TO_ALL = (VersionState.PUBLISHED, VersionState.SUPERSEDED)


def sees_unpublished(user) -> bool:
    """People who write, sign off or publish the policy see versions before they are out."""
    return can(user, "policy.review")


def version_for(user, number: int) -> PolicyVersion:
    """The version ``number`` if ``user`` may see it; Http404 otherwise (drafts stay unknown)."""
    qs = PolicyVersion.objects.select_related("created_by")
    if not sees_unpublished(user):
        qs = qs.filter(state__in=VISIBLE_TO_ALL)
    version = qs.filter(number=number).first()
    if version is None:
        raise Http404("no such policy version")
    return version


def public_version(token: str) -> PolicyVersion | None:
    """The published version behind a public link, if its link is on."""
    return PolicyVersion.objects.filter(public_token=token, public=True,
                                        state=VersionState.PUBLISHED).first()


def public_successor(token: str) -> PolicyVersion | None:
    """For a superseded version's public link: the published version, if it is public too."""
    old = PolicyVersion.objects.filter(public_token=token, state=VersionState.SUPERSEDED).first()
    if old is None:
        return None
    return PolicyVersion.objects.filter(state=VersionState.PUBLISHED, public=True).first()


def versions_waiting_for(user) -> list[tuple[PolicyVersion, list[str]]]:
    """Versions in review with roles ``user`` holds that have not signed off this round."""
    from .services import required_roles

    roles = [r for r in required_roles() if user.has_role(r)]
    if not roles or not can(user, "policy.signoff"):
        return []
    out = []
    for version in PolicyVersion.objects.filter(state=VersionState.IN_REVIEW).order_by("number"):
        done = set(version.signoffs.filter(review_round=version.review_round)
                   .values_list("role", flat=True))
        missing = [r for r in roles if r not in done]
        if missing:
            out.append((version, missing))
    return out


# ----------------------------------------------------------------------------- sign-off status

@dataclass(frozen=True)
class RoleStatus:
    role: str
    label: str
    signoff: SignOff | None

    @property
    def approved(self) -> bool:
        return self.signoff is not None and self.signoff.decision == Decision.APPROVE


def signoff_status(version: PolicyVersion) -> list[RoleStatus]:
    """Each required stakeholder and their sign-off in the version's current round."""
    from .services import required_roles

    rows = {s.role: s for s in version.signoffs.select_related("user")
            .filter(review_round=version.review_round)}
    return [RoleStatus(role, str(stakeholder_label(role)), rows.get(role))
            for role in required_roles()]


def signoff_history(version: PolicyVersion) -> QuerySet[SignOff]:
    return version.signoffs.select_related("user").order_by("review_round", "created_at")


def artifacts_of(version: PolicyVersion) -> dict[tuple[str, str], PolicyArtifact]:
    return {(a.kind, a.lang): a for a in version.artifacts.all()}


# ----------------------------------------------------------------------------- diff

@dataclass(frozen=True)
class DiffLine:
    kind: str  # "add", "del", "hunk", "same"
    text: str


def text_diff(old: str, new: str, *, old_name: str, new_name: str) -> list[DiffLine]:
    """A unified diff of two texts as lines marked added, removed, hunk header or same."""
    out = []
    for line in difflib.unified_diff(old.splitlines(), new.splitlines(), old_name, new_name,
                                     lineterm="", n=3):
        if line.startswith(("---", "+++")):
            continue
        kind = ("hunk" if line.startswith("@@") else "add" if line.startswith("+")
                else "del" if line.startswith("-") else "same")
        out.append(DiffLine(kind, line))
    return out


def version_diff(a: PolicyVersion, b: PolicyVersion) -> list[tuple[str, list[DiffLine]]]:
    """What changed from ``a`` to ``b``: the YAML, and the guidance in each language."""
    parts = [(_("Policy (YAML)"), "yaml"), (_("Guidance (English)"), "guidance_en"),
             (_("Guidance (Japanese)"), "guidance_ja"), (_("Title"), "title")]
    return [(label, text_diff(getattr(a, f), getattr(b, f), old_name=f"v{a.number}",
                              new_name=f"v{b.number}")) for label, f in parts]


# ----------------------------------------------------------------------------- acknowledgements

@dataclass(frozen=True)
class DepartmentRate:
    code: str
    name: str
    total: int
    acknowledged: int

    @property
    def rate(self) -> float:
        return self.acknowledged / self.total if self.total else 0.0

    @property
    def percent(self) -> int:
        return round(self.rate * 100)


def ack_rates_by_department(version: PolicyVersion | None) -> list[DepartmentRate]:
    """Active people and how many of them confirmed ``version``, per department."""
    from koe.people.models import Department

    totals = dict(User.objects.filter(is_active=True).values_list("department")
                  .annotate(n=Count("pk")).values_list("department", "n"))
    acked: dict = {}
    if version is not None:
        acked = dict(Acknowledgement.objects.filter(version=version, user__is_active=True)
                     .values_list("user__department").annotate(n=Count("pk"))
                     .values_list("user__department", "n"))
    departments = {d.pk: d for d in Department.objects.filter(pk__in=[k for k in totals if k])}
    rows = []
    for dept_id, total in totals.items():
        dept = departments.get(dept_id)
        rows.append(DepartmentRate(code=dept.code if dept else "",
                                   name=dept.name if dept else _("No department"),
                                   total=total, acknowledged=acked.get(dept_id, 0)))
    return sorted(rows, key=lambda r: (r.code == "", r.name))


def pending_people(version: PolicyVersion) -> QuerySet[User]:
    """Active people who have not confirmed ``version``."""
    return (User.objects.filter(is_active=True).exclude(policy_acknowledgements__version=version)
            .select_related("department").order_by("department__code", "username"))


def acknowledgement_of(user, version: PolicyVersion | None) -> Acknowledgement | None:
    if version is None or not user.is_authenticated:
        return None
    return Acknowledgement.objects.filter(version=version, user=user).first()


def last_reminders(version: PolicyVersion, limit: int = 5) -> list[dict]:
    """When reminders went out lately, and to how many people, newest first."""
    from django.db.models.functions import TruncMinute

    return list(AckReminder.objects.filter(version=version)
                .annotate(at=TruncMinute("sent_at")).values("at").annotate(n=Count("pk"))
                .order_by("-at")[:limit])
