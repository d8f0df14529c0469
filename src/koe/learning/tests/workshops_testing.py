"""Sessions for the workshop tests: one in the future through the service, or one at any time
(also in the past) straight into the table."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from koe.learning import workshops
from koe.learning.models import Workshop


def future_session(actor, *, days: int = 3, capacity: int = 2, **fields) -> Workshop:
    start = (timezone.now() + dt.timedelta(days=days)).astimezone(dt.UTC).replace(
        minute=0, second=0, microsecond=0, tzinfo=None)
    values = {"title_en": "Posting with confidence", "title_ja": "自信を持って投稿する",
              "description_en": "Bring a draft.", "description_ja": "下書きを持ってきてください。",
              "time_zone": "UTC", "place": "Room 3, Tokyo office", "capacity": capacity,
              **fields}
    return workshops.workshop_create(actor=actor, starts_at=start,
                                     ends_at=start + dt.timedelta(hours=1), **values)


def session_at(start: dt.datetime, *, hours: int = 1, capacity: int = 5, **fields) -> Workshop:
    """A session at any moment, past ones included (the service refuses the past)."""
    values = {"title_en": "Past session", "title_ja": "過去のセッション", "time_zone": "UTC",
              "place": "Room 1", "capacity": capacity, **fields}
    return Workshop.objects.create(starts_at=start, ends_at=start + dt.timedelta(hours=hours),
                                   **values)
