"""Background work of the accounts app: reminding access reviewers, and deleting withdrawn
enrolments once the promised grace period is over."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.db import transaction
from django.utils import timezone

from koe.audit.services import audit_record
from koe.people.permissions import MATRIX
from koe.web.celery import app

from .choices import AccountKind, ReviewDecision
from .mail import send_to_person
from .models import AccessReview, SocialAccount
from .services import WITHDRAWN_KEPT_DAYS


@app.task(name="accounts.remind_access_reviewers")
def remind_access_reviewers(review_id: int) -> int:
    """E-mail each owner (or, for accounts without an active owner, each grants manager) the
    items of an open review that still wait for them. Returns the number of e-mails sent."""
    from koe.people.selectors import users_with_role

    review = AccessReview.objects.filter(pk=review_id, closed_at__isnull=True).first()
    if review is None:
        return 0
    waiting: dict = defaultdict(list)
    managers = None
    items = review.items.filter(decision=ReviewDecision.PENDING).select_related(
        "grant__account__owner", "grant__user")
    for item in items:
        owner = item.grant.account.owner
        if owner is not None and owner.is_active:
            waiting[owner].append(item)
            continue
        if managers is None:
            managers = {u for role in MATRIX["grants.manage"] for u in users_with_role(role)}
        for manager in managers:
            waiting[manager].append(item)
    for user, user_items in waiting.items():
        send_to_person("access-review-reminder", user, {"review": review, "items": user_items})
    return len(waiting)


@app.task(name="accounts.purge_withdrawn_enrolments")
def purge_withdrawn_enrolments() -> int:
    """Delete personal accounts withdrawn more than WITHDRAWN_KEPT_DAYS ago (as promised)."""
    cutoff = timezone.now() - dt.timedelta(days=WITHDRAWN_KEPT_DAYS)
    old = SocialAccount.objects.filter(kind=AccountKind.PERSONAL, withdrawn_at__lt=cutoff)
    count = 0
    for account in old:
        with transaction.atomic():
            audit_record(actor=None, action="enrolment.purged", obj=account,
                         data={"withdrawn_at": account.withdrawn_at.isoformat()})
            account.delete()
            count += 1
    return count


@app.task(name="accounts.enforce_certificates")
def enforce_certificates() -> dict:
    """Daily: suspend publish grants whose required certificate expired, warn holders 30 days
    ahead (once), restore grants of people who re-certified. Returns the counts."""
    from .services import grants_enforce_certificates

    result = grants_enforce_certificates()
    return {"suspended": len(result.suspended), "noticed": len(result.noticed),
            "restored": len(result.restored)}
