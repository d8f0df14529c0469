"""What every page shows about the person: the navigation (from the permission matrix) and
the unread notifications count."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .permissions import can

MANAGER = "@manager"  # not a role: someone is this person's manager on record

NAV = [
    ("selfcheck", _("Can I post this?"), "selfcheck.use"),
    ("policies:current", _("Policy"), "policy.view"),
    ("policies:list", _("Policy versions"), "policy.manage"),
    ("accounts:list", _("Accounts"), "accounts.view"),
    ("accounts:mine", _("My accounts"), "accounts.enroll"),
    ("accounts:survey", _("Survey"), "survey.respond"),
    ("accounts:goals", _("Goals"), "goals.view"),
    ("community:questions", _("Questions"), "qa.ask"),
    ("community:documents", _("Brand library"), "library.view"),
    ("learning:mine", _("Learning"), "learning.take"),
    ("learning:workshops", _("Workshops"), "learning.take"),
    ("monitoring:my_cases", _("My cases"), "monitoring.cases_mine"),
    ("monitoring:cases", _("Cases"), "monitoring.cases_review"),
    ("monitoring:cases", _("Escalated cases"), "monitoring.cases_escalated"),
    ("monitoring:cases", _("Escalated cases"), MANAGER),
    ("learning:dashboard", _("Training dashboard"), "learning.report"),
    ("learning:dashboard", _("Training dashboard"), MANAGER),
    ("monitoring:analytics", _("Analytics"), "monitoring.analytics"),
    ("monitoring:imports", _("Imports"), "monitoring.ingest"),
    ("people:list", _("People"), "people.view"),
    ("audit:list", _("Audit log"), "audit.view"),
]


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav": []}
    seen: set[str] = set()
    nav = []
    manages: bool | None = None  # asked only when an entry depends on it
    for name, label, perm in NAV:
        if name in seen:  # one entry per page: the first label wins
            continue
        if perm == MANAGER:
            if manages is None:
                manages = user.reports.filter(is_active=True).exists()
            allowed = manages
        else:
            allowed = can(user, perm)
        if allowed:
            seen.add(name)
            nav.append((name, label))
    return {"nav": nav, "nav_current": _current(request.path, nav)}


def _current(path: str, nav) -> str:
    """The entry the page belongs to: the longest entry address the path starts with."""
    best = ""
    for name, _label in nav:
        href = reverse(name)
        if path.startswith(href) and len(href) > len(best):
            best = href
    return best


def notifications(request):
    """The unread count for the bell in the header (one COUNT query, only when signed in)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    from .selectors import unread_notification_count

    return {"unread_notifications": unread_notification_count(user)}
