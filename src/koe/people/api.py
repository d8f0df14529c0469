"""The person's own in-app notifications over the API: list them, mark them read."""

from __future__ import annotations

from datetime import datetime

from ninja import Router, Schema

from koe.web.api import ErrorOut

from .selectors import notifications_of, unread_notification_count
from .services import notifications_mark_read

router = Router(tags=["people"])

ERRORS = {401: ErrorOut, 404: ErrorOut}


class NotificationOut(Schema):
    id: int
    kind: str
    title: str
    body: str
    url: str
    created_at: datetime
    read_at: datetime | None = None


class NotificationsOut(Schema):
    unread: int
    notifications: list[NotificationOut]


class MarkReadIn(Schema):
    ids: list[int] | None = None


class MarkReadOut(Schema):
    marked: int
    unread: int


@router.get("/notifications", response={200: NotificationsOut, **ERRORS},
            summary="My notifications, newest first (at most 100)")
def notifications(request, unread: bool = False):
    return {"unread": unread_notification_count(request.user),
            "notifications": list(notifications_of(request.user, unread_only=unread))}


@router.post("/notifications/read", response={200: MarkReadOut, **ERRORS},
             summary="Mark my notifications read (the given ids, or all when ids is absent)")
def notifications_read(request, payload: MarkReadIn):
    marked = notifications_mark_read(user=request.user, ids=payload.ids)
    return {"marked": marked, "unread": unread_notification_count(request.user)}
