"""Reads of the ingest side: which accounts a person may import for, their imports and posts,
and the internal spaces."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import Http404

from koe.accounts.choices import AccountKind, AccountStatus
from koe.accounts.models import SocialAccount
from koe.people.permissions import can

from .models import ImportJob, InternalSpace, Post

WATCHED = (Q(kind=AccountKind.BRAND, status=AccountStatus.ACTIVE)
           | Q(kind=AccountKind.PERSONAL, status=AccountStatus.ACTIVE, consent_at__isnull=False,
               withdrawn_at__isnull=True))


def sees_all_ingest(user) -> bool:
    return can(user, "monitoring.ingest")


def importable_accounts(user) -> QuerySet[SocialAccount]:
    """Watched accounts ``user`` may import archives for: any with monitoring.ingest, else the
    person's own enrolled accounts."""
    qs = SocialAccount.objects.filter(WATCHED).select_related("owner")
    if not sees_all_ingest(user):
        qs = qs.filter(kind=AccountKind.PERSONAL, owner=user)
    return qs.order_by("network", "handle")


def imports_visible_to(user) -> QuerySet[ImportJob]:
    qs = ImportJob.objects.select_related("account", "created_by")
    if not sees_all_ingest(user):
        qs = qs.filter(Q(created_by=user) | Q(account__owner=user, account__kind=AccountKind.PERSONAL))
    return qs


def import_for(user, pk: int) -> ImportJob:
    job = imports_visible_to(user).filter(pk=pk).first()
    if job is None:
        raise Http404("no such import")
    return job


def posts_visible_to(user) -> QuerySet[Post]:
    """All archived posts for monitoring.ingest holders; everyone else their own accounts'."""
    qs = Post.objects.select_related("account")
    if not sees_all_ingest(user):
        qs = qs.filter(account__owner=user, account__kind=AccountKind.PERSONAL)
    return qs


def space_list() -> QuerySet[InternalSpace]:
    return InternalSpace.objects.select_related("registered_by").defer("text")


def space_detail(pk: int) -> InternalSpace:
    space = InternalSpace.objects.filter(pk=pk).first()
    if space is None:
        raise Http404("no such space")
    return space
