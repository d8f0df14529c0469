"""Builders shared by the ingest, import and task tests: watched and unwatched accounts."""

from __future__ import annotations

from django.utils import timezone

from koe.accounts.choices import AccountKind
from koe.accounts.models import SocialAccount
from koe.people.testing import make_person

CREDENTIAL = "my password is hunter2, do not tell anyone"
HARMLESS = "Lovely weather in Kyoto today."


def enrolled_account(owner=None, handle: str | None = None) -> SocialAccount:
    owner = owner or make_person()
    return SocialAccount.objects.create(
        network="bluesky", handle=handle or f"{owner.username}.test", kind=AccountKind.PERSONAL,
        owner=owner, department=owner.department, consent_at=timezone.now(),
        consent_version="1")


def brand_account(handle: str = "acme.test", owner=None) -> SocialAccount:
    return SocialAccount.objects.create(network="bluesky", handle=handle, kind=AccountKind.BRAND,
                                        owner=owner)
