"""Reads about policy versions, and the compiled scanner of the published one."""

from __future__ import annotations

import threading

from django.db.models import QuerySet

from koe.engine import Policy, Scanner, default_policy, parse_policy

from .choices import VersionState
from .models import Acknowledgement, PolicyVersion

_lock = threading.Lock()
_cache: dict[tuple[int, str], Scanner] = {}


def published_version() -> PolicyVersion | None:
    return PolicyVersion.objects.filter(state=VersionState.PUBLISHED).first()


def version_list() -> QuerySet[PolicyVersion]:
    return PolicyVersion.objects.select_related("created_by").order_by("-number")


def version_policy(version: PolicyVersion) -> Policy:
    """The engine policy of a version (raises PolicyError for broken YAML)."""
    return parse_policy(version.yaml, source=f"policy v{version.number}")


def current_policy() -> Policy:
    version = published_version()
    return version_policy(version) if version else default_policy()


def current_scanner() -> Scanner:
    """The compiled scanner of the published version (the built-in policy before any).

    Compiled once per process and version; publishing a new version changes the key.
    """
    version = published_version()
    key = (version.pk, version.published_at.isoformat()) if version else (0, "")
    scanner = _cache.get(key)
    if scanner is None:
        with _lock:
            scanner = _cache.get(key)
            if scanner is None:
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
