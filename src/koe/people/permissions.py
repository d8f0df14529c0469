"""The permission matrix: which roles may do what. Every view and API route asks here.

Object-level access (is this your case, your department's account?) is decided by selectors;
this table says which roles may use a capability at all. A signed-in user without the right
gets 403; an object the user may not even know about gives 404.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied

from .choices import Role

ALL = frozenset(r.value for r in Role)
R = Role

MATRIX: dict[str, frozenset[str]] = {
    "selfcheck.use": ALL,
    "policy.view": ALL,
    "policy.acknowledge": ALL,
    "policy.manage": frozenset({R.COMPLIANCE, R.ADMIN}),
    "policy.signoff": frozenset({R.LEGAL, R.IT, R.HR, R.REVIEWER, R.COMPLIANCE}),
    "policy.publish": frozenset({R.COMPLIANCE, R.ADMIN}),
    "policy.ack_report": frozenset({R.COMPLIANCE, R.HR, R.ADMIN}),
    # See versions before they are published (drafts, review pages, diffs): who writes,
    # signs off or publishes the policy.
    "policy.review": frozenset({R.COMPLIANCE, R.ADMIN, R.LEGAL, R.IT, R.HR, R.REVIEWER}),
    "accounts.view": frozenset({R.PUBLISHER, R.REVIEWER, R.COMPLIANCE, R.IT, R.ADMIN}),
    "accounts.manage": frozenset({R.REVIEWER, R.IT, R.ADMIN}),
    "accounts.enroll": ALL,
    "grants.manage": frozenset({R.REVIEWER, R.IT, R.ADMIN}),
    "access_review.run": frozenset({R.IT, R.ADMIN}),
    # Object-level: only an account's owner or someone with grants.manage decides its items.
    "access_review.decide": ALL,
    "people.view": frozenset({R.HR, R.IT, R.ADMIN}),
    "people.manage": frozenset({R.HR, R.ADMIN}),
    "people.offboard": frozenset({R.HR, R.IT, R.ADMIN}),
    "audit.view": frozenset({R.COMPLIANCE, R.LEGAL, R.ADMIN}),
    "survey.respond": ALL,
    "survey.manage": frozenset({R.COMPLIANCE, R.ADMIN}),
    "survey.results": frozenset({R.COMPLIANCE, R.HR, R.ADMIN}),
    "goals.view": ALL,
    "goals.manage": frozenset({R.COMPLIANCE, R.ADMIN}),
    "qa.ask": ALL,
    "qa.moderate": frozenset({R.COMPLIANCE, R.HR, R.ADMIN, R.REVIEWER}),
    "library.view": ALL,
    "library.manage": frozenset({R.REVIEWER, R.COMPLIANCE, R.ADMIN}),
    "learning.take": ALL,
    "learning.manage": frozenset({R.COMPLIANCE, R.HR, R.ADMIN}),
    "learning.report": frozenset({R.COMPLIANCE, R.HR, R.ADMIN}),
    # Monitoring analytics: charts, problem areas, per-rule precision (no single case shown).
    "monitoring.analytics": frozenset({R.COMPLIANCE, R.HR, R.LEGAL, R.REVIEWER, R.ADMIN}),
    "workshops.manage": frozenset({R.COMPLIANCE, R.HR, R.ADMIN}),
    # Import archives for any account, push posts through the API, register internal spaces.
    # (An employee may import their own enrolled account's archive without it.)
    "monitoring.ingest": frozenset({R.COMPLIANCE, R.IT, R.ADMIN}),
    # Cases: everyone sees their own; reviewers handle all of them; HR and Legal (and managers,
    # by object-level checks in monitoring.selectors) see only what is escalated to them.
    "monitoring.cases_mine": ALL,
    "monitoring.cases_review": frozenset({R.REVIEWER, R.COMPLIANCE, R.ADMIN}),
    "monitoring.cases_escalated": frozenset({R.HR, R.LEGAL}),
    "monitoring.coaching_templates": frozenset({R.REVIEWER, R.COMPLIANCE, R.ADMIN}),
}


def can(user: Any, permission: str) -> bool:
    """True when ``user`` holds a role that grants ``permission``."""
    if permission not in MATRIX:
        raise KeyError(f"unknown permission {permission!r}")
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return bool(user.roles & MATRIX[permission])


def require(user: Any, permission: str) -> None:
    """Raise PermissionDenied (403) unless ``user`` may use ``permission``."""
    if not can(user, permission):
        raise PermissionDenied(permission)


def permission_required(permission: str) -> Callable:
    """View decorator: sign-in first, then the permission, else 403."""
    if permission not in MATRIX:
        raise KeyError(f"unknown permission {permission!r}")

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            require(request.user, permission)
            return view(request, *args, **kwargs)

        wrapped.koe_permission = permission  # read by the permission-matrix test
        return wrapped

    return decorator
