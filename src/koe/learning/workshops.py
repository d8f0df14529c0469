"""Workshops: sessions and recurring series, registration with a waiting list, attendance,
feedback, reminders and the iCalendar invitation. Writes (services) first, then reads
(selectors), then the .ics writer; every write that matters leaves an audit entry and sends
its e-mails only once the transaction has committed."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import icalendar
from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import Avg, Count, Q
from django.http import Http404
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from koe.audit.services import audit_record
from koe.people.models import User
from koe.people.permissions import can
from koe.people.services import notification_create
from koe.web.errors import Conflict, NotAllowed, ValidationFailed

from .choices import Attendance, Frequency, RegistrationStatus, WorkshopStatus
from .models import (
    Course,
    Track,
    Workshop,
    WorkshopFeedback,
    WorkshopRegistration,
    WorkshopSeries,
)
from .services import add_months

MAX_SESSIONS_PER_SERIES = 60
REMIND_HOURS_BEFORE = 24
ACTIVE = (RegistrationStatus.REGISTERED, RegistrationStatus.WAITING)


# ----------------------------------------------------------------------------- validation

def check_timezone(name: str, field: str = "time_zone") -> zoneinfo.ZoneInfo:
    """The ZoneInfo for an IANA name, or ValidationFailed naming the field."""
    name = (name or "").strip()
    try:
        if not name or name != name.strip("/") or ".." in name:
            raise ValueError(name)
        return zoneinfo.ZoneInfo(name)
    except (ValueError, zoneinfo.ZoneInfoNotFoundError):
        raise ValidationFailed(
            field, f"Unknown time zone {name!r}. Use an IANA name such as Asia/Tokyo or "
            "Europe/London.",
            f"不明なタイムゾーンです（{name}）。Asia/Tokyo や Europe/London のような IANA 名を"
            "指定してください。") from None


def in_zone(moment: dt.datetime, tz: zoneinfo.ZoneInfo) -> dt.datetime:
    """``moment`` as an aware datetime: a naive one is read as wall-clock time in ``tz``."""
    if timezone.is_naive(moment):
        return moment.replace(tzinfo=tz)
    return moment


@dataclass
class SessionFields:
    """What a session (or a series template) says, checked."""

    title_en: str
    title_ja: str
    description_en: str
    description_ja: str
    time_zone: str
    place: str
    online_url: str
    capacity: int
    track: Track | None
    course: Course | None


def _check_fields(*, title_en: str = "", title_ja: str = "", description_en: str = "",
                  description_ja: str = "", time_zone: str = "", place: str = "",
                  online_url: str = "", capacity: Any = None, track: Track | None = None,
                  course: Course | None = None) -> SessionFields:
    title_en, title_ja = (title_en or "").strip(), (title_ja or "").strip()
    if not (title_en or title_ja):
        raise ValidationFailed("title_en", "A workshop needs a title (English or Japanese).",
                               "ワークショップにはタイトル（英語または日本語）が必要です。")
    if len(title_en) > 200 or len(title_ja) > 200:
        raise ValidationFailed("title_en", "A title has at most 200 characters.",
                               "タイトルは 200 文字以内にしてください。")
    check_timezone(time_zone)
    place, online_url = (place or "").strip(), (online_url or "").strip()
    if not (place or online_url):
        raise ValidationFailed("place", "Give a place or an online link (or both).",
                               "場所またはオンラインのリンク（または両方）を入力してください。")
    if len(place) > 200:
        raise ValidationFailed("place", "A place has at most 200 characters.",
                               "場所は 200 文字以内にしてください。")
    if online_url and not online_url.startswith("https://"):
        raise ValidationFailed("online_url", "The online link must start with https://.",
                               "オンラインのリンクは https:// で始まる必要があります。")
    try:
        capacity = int(capacity)
    except (TypeError, ValueError):
        raise ValidationFailed("capacity", "Seats must be a whole number.",
                               "定員は整数で入力してください。") from None
    if not 1 <= capacity <= 10_000:
        raise ValidationFailed("capacity", "A workshop has between 1 and 10,000 seats.",
                               "定員は 1〜10,000 人の間で指定してください。")
    return SessionFields(title_en or title_ja, title_ja or title_en, description_en or "",
                         description_ja or "", time_zone.strip(), place, online_url, capacity,
                         track, course)


def _check_times(starts_at: dt.datetime | None, ends_at: dt.datetime | None, tz_name: str,
                 *, now: dt.datetime | None = None) -> tuple[dt.datetime, dt.datetime]:
    tz = check_timezone(tz_name)
    if starts_at is None:
        raise ValidationFailed("starts_at", "Give the start date and time.",
                               "開始日時を入力してください。")
    if ends_at is None:
        raise ValidationFailed("ends_at", "Give the end date and time.",
                               "終了日時を入力してください。")
    starts_at, ends_at = in_zone(starts_at, tz), in_zone(ends_at, tz)
    if ends_at <= starts_at:
        raise ValidationFailed("ends_at", "The session must end after it starts.",
                               "終了日時は開始日時より後にしてください。")
    if ends_at - starts_at > dt.timedelta(hours=24):
        raise ValidationFailed("ends_at", "A session lasts at most 24 hours.",
                               "1 回のセッションは 24 時間以内にしてください。")
    if starts_at <= (now or timezone.now()):
        raise ValidationFailed("starts_at", "The start is in the past.",
                               "開始日時が過去です。")
    return starts_at, ends_at


def _local(moment: dt.datetime, tz_name: str) -> str:
    return moment.astimezone(zoneinfo.ZoneInfo(tz_name)).strftime("%Y-%m-%d %H:%M")


# ----------------------------------------------------------------------------- sessions

@transaction.atomic
def workshop_create(*, actor: User, starts_at: dt.datetime, ends_at: dt.datetime,
                    **fields: Any) -> Workshop:
    """Create one session. Naive ``starts_at``/``ends_at`` are wall-clock times in the
    session's ``time_zone``."""
    checked = _check_fields(**fields)
    starts_at, ends_at = _check_times(starts_at, ends_at, checked.time_zone)
    workshop = Workshop.objects.create(starts_at=starts_at, ends_at=ends_at, organizer=actor,
                                       **vars(checked))
    audit_record(actor=actor, action="workshop.create", obj=workshop,
                 data={"title": workshop.title_en, "starts_at": starts_at.isoformat(),
                       "time_zone": workshop.time_zone, "capacity": workshop.capacity})
    return workshop


def series_starts(series: WorkshopSeries) -> list[dt.datetime]:
    """The start of every session of ``series``: the first start's wall-clock time in the
    series' zone, every week or every month (clamped to the month's end), ``count`` times or
    until the ``until`` date, at most MAX_SESSIONS_PER_SERIES."""
    tz = zoneinfo.ZoneInfo(series.time_zone)
    first = series.first_start.astimezone(tz)
    out: list[dt.datetime] = []
    for i in range(MAX_SESSIONS_PER_SERIES + 1):
        if series.count is not None and i >= series.count:
            break
        if series.frequency == Frequency.WEEKLY:
            day = first.date() + dt.timedelta(weeks=i)
        else:
            day = add_months(first.date(), i)
        if series.until is not None and day > series.until:
            break
        out.append(dt.datetime.combine(day, first.time(), tzinfo=tz))
    return out


def _check_series(series: WorkshopSeries) -> list[dt.datetime]:
    if series.frequency not in Frequency.values:
        raise ValidationFailed("frequency", "A series repeats weekly or monthly.",
                               "繰り返しは毎週または毎月です。")
    if series.count is None and series.until is None:
        raise ValidationFailed("count", "Give a number of sessions or a date to repeat until.",
                               "回数または繰り返しの終了日を指定してください。")
    if series.count is not None and series.count < 1:
        raise ValidationFailed("count", "A series has at least one session.",
                               "シリーズには少なくとも 1 回のセッションが必要です。")
    if not 1 <= series.duration_minutes <= 24 * 60:
        raise ValidationFailed("ends_at", "A session lasts at most 24 hours.",
                               "1 回のセッションは 24 時間以内にしてください。")
    starts = series_starts(series)
    if not starts:
        raise ValidationFailed("until", "The end date is before the first session.",
                               "繰り返しの終了日が最初のセッションより前です。")
    if len(starts) > MAX_SESSIONS_PER_SERIES:
        raise ValidationFailed(
            "count", f"A series has at most {MAX_SESSIONS_PER_SERIES} sessions.",
            f"シリーズのセッションは最大 {MAX_SESSIONS_PER_SERIES} 回です。")
    return starts


def _session_values(series: WorkshopSeries, start: dt.datetime) -> dict[str, Any]:
    return {"title_en": series.title_en, "title_ja": series.title_ja,
            "description_en": series.description_en, "description_ja": series.description_ja,
            "time_zone": series.time_zone, "place": series.place,
            "online_url": series.online_url, "capacity": series.capacity,
            "track": series.track, "course": series.course, "starts_at": start,
            "ends_at": start + dt.timedelta(minutes=series.duration_minutes)}


@transaction.atomic
def series_create(*, actor: User, starts_at: dt.datetime, ends_at: dt.datetime, frequency: str,
                  count: int | None = None, until: dt.date | None = None,
                  **fields: Any) -> WorkshopSeries:
    """Create a recurring series and all its sessions. ``starts_at``/``ends_at`` are the first
    session's; later ones keep its wall-clock time in the series' zone (across DST changes)."""
    checked = _check_fields(**fields)
    starts_at, ends_at = _check_times(starts_at, ends_at, checked.time_zone)
    series = WorkshopSeries(first_start=starts_at,
                            duration_minutes=int((ends_at - starts_at).total_seconds() // 60),
                            frequency=frequency, count=count, until=until, organizer=actor,
                            **vars(checked))
    starts = _check_series(series)
    series.save()
    for position, start in enumerate(starts, start=1):
        Workshop.objects.create(series=series, position=position, organizer=actor,
                                **_session_values(series, start))
    audit_record(actor=actor, action="workshop.series_create", obj=series,
                 data={"title": series.title_en, "frequency": frequency, "sessions": len(starts),
                       "first_start": starts_at.isoformat(), "time_zone": series.time_zone})
    return series


SERIES_FIELDS = ("title_en", "title_ja", "description_en", "description_ja", "time_zone",
                 "place", "online_url", "capacity", "track", "course")


@transaction.atomic
def series_update(*, actor: User, series: WorkshopSeries, starts_at: dt.datetime | None = None,
                  ends_at: dt.datetime | None = None, **changes: Any) -> dict[str, int]:
    """Change the template of ``series``; sessions that have not started follow it (new times,
    text, place, seats), sessions the new schedule no longer has are cancelled (registrants are
    told), and new dates get new sessions. Sessions already started or cancelled one by one
    stay as they are. Returns counts of updated, created and cancelled sessions."""
    # NO KEY: see registration_create; no transaction here changes a key.
    series = WorkshopSeries.objects.select_for_update(no_key=True).get(pk=series.pk)
    merged = {name: changes.get(name, getattr(series, name)) for name in SERIES_FIELDS}
    checked = _check_fields(**merged)
    for name, value in vars(checked).items():
        setattr(series, name, value)
    tz = zoneinfo.ZoneInfo(series.time_zone)
    if starts_at is not None or ends_at is not None:
        first = in_zone(starts_at, tz) if starts_at else series.first_start
        last = (in_zone(ends_at, tz) if ends_at
                else first + dt.timedelta(minutes=series.duration_minutes))
        if last <= first:
            raise ValidationFailed("ends_at", "The session must end after it starts.",
                                   "終了日時は開始日時より後にしてください。")
        series.first_start = first
        series.duration_minutes = int((last - first).total_seconds() // 60)
    elif "time_zone" in changes:
        # The same wall-clock time in the new zone.
        series.first_start = series.first_start.astimezone(
            zoneinfo.ZoneInfo(WorkshopSeries.objects.get(pk=series.pk).time_zone)
        ).replace(tzinfo=tz)
    for name in ("frequency", "count", "until"):
        if name in changes:
            setattr(series, name, changes[name])
    starts = _check_series(series)
    series.save()
    now = timezone.now()
    # Past sessions are locked too: NO KEY, or an attendee's feedback on one (it holds the
    # audit chain, and its foreign key is checked at COMMIT) deadlocks with this edit.
    existing = {w.position: w for w in Workshop.objects.select_for_update(no_key=True)
                .filter(series=series)}
    counts = {"updated": 0, "created": 0, "cancelled": 0}
    for position, start in enumerate(starts, start=1):
        values = _session_values(series, start)
        session = existing.get(position)
        if session is None:
            if start > now:
                Workshop.objects.create(series=series, position=position, organizer=actor,
                                        **values)
                counts["created"] += 1
            continue
        if session.has_started or session.is_cancelled:
            continue
        for name, value in values.items():
            setattr(session, name, value)
        session.sequence += 1
        session.updated_at = now
        session.save()
        _fill_seats(session)
        counts["updated"] += 1
    for position, session in existing.items():
        if position > len(starts) and not session.has_started and not session.is_cancelled:
            _cancel(actor=actor, workshop=session)
            counts["cancelled"] += 1
    audit_record(actor=actor, action="workshop.series_update", obj=series,
                 data={"changes": sorted(changes) + (["times"] if starts_at or ends_at else []),
                       **counts})
    return counts


def _cancel(*, actor: User, workshop: Workshop) -> int:
    workshop.status = WorkshopStatus.CANCELLED
    workshop.sequence += 1
    workshop.updated_at = timezone.now()
    workshop.save(update_fields=["status", "sequence", "updated_at"])
    people = list(User.objects.filter(workshop_registrations__workshop=workshop,
                                      workshop_registrations__status__in=ACTIVE))
    audit_record(actor=actor, action="workshop.cancel", obj=workshop,
                 data={"title": workshop.title_en, "starts_at": workshop.starts_at.isoformat(),
                       "registrants": len(people)})
    for person in people:
        transaction.on_commit(lambda p=person: _tell(p, workshop, "workshop-cancelled",
                                                     kind="workshop.cancelled"))
    return len(people)


@transaction.atomic
def workshop_cancel(*, actor: User, workshop: Workshop) -> int:
    """Cancel one session (of a series or not); everyone registered or waiting is told by
    e-mail (with the cancelled invitation) and in the app. Returns how many were told."""
    workshop = Workshop.objects.select_for_update(no_key=True).get(pk=workshop.pk)
    if workshop.is_cancelled:
        raise Conflict("status", "This session is already cancelled.",
                       "このセッションはすでに中止されています。")
    if workshop.has_started:
        raise Conflict("status", "This session has already started; it cannot be cancelled.",
                       "このセッションはすでに始まっているため、中止できません。")
    return _cancel(actor=actor, workshop=workshop)


# ----------------------------------------------------------------------------- registration

def _registered_count(workshop: Workshop) -> int:
    return workshop.registrations.filter(status=RegistrationStatus.REGISTERED).count()


def _check_open(workshop: Workshop, now: dt.datetime) -> None:
    if workshop.is_cancelled:
        raise Conflict("workshop", "This session has been cancelled.",
                       "このセッションは中止されました。")
    if workshop.starts_at <= now:
        when = _local(workshop.starts_at, workshop.time_zone)
        raise Conflict(
            "workshop", f"Registration closed when the session started ({when} "
            f"{workshop.time_zone}).",
            f"セッションが始まったため（{when} {workshop.time_zone}）、登録は締め切られました。")


@transaction.atomic
def registration_create(*, user: User, workshop: Workshop,
                        waitlist: bool = False) -> WorkshopRegistration:
    """Register ``user`` for a session. When every seat is taken they join the waiting list
    if they asked for it (``waitlist=True``), otherwise a 409 says the session is full and
    offers the list. The session's row is locked so two people cannot take the last seat."""
    # NO KEY UPDATE still serializes the seat takers but, unlike FOR UPDATE, does not block the
    # COMMIT-time foreign-key check (FOR KEY SHARE) of a transaction that holds the audit chain
    # and points at this session (feedback): see series_update, where that deadlocked.
    workshop = Workshop.objects.select_for_update(no_key=True).get(pk=workshop.pk)
    now = timezone.now()
    _check_open(workshop, now)
    reg = WorkshopRegistration.objects.filter(workshop=workshop, user=user).first()
    if reg is not None and reg.status == RegistrationStatus.REGISTERED:
        raise Conflict("workshop", "You are already registered for this session.",
                       "このセッションにはすでに登録済みです。")
    if reg is not None and reg.status == RegistrationStatus.WAITING:
        position = waiting_position(reg)
        raise Conflict("workshop",
                       f"You are already on the waiting list (number {position}).",
                       f"すでにキャンセル待ちに登録されています（{position} 番目）。")
    taken = _registered_count(workshop)
    if taken < workshop.capacity:
        status = RegistrationStatus.REGISTERED
    elif waitlist:
        status = RegistrationStatus.WAITING
    else:
        raise Conflict(
            "capacity", f"This session is full: all {workshop.capacity} seats are taken. "
            "Join the waiting list to get the first seat that frees up.",
            f"このセッションは満席です（定員 {workshop.capacity} 名）。キャンセル待ちに登録すると、"
            "空きが出たときに順番に参加が確定します。")
    if reg is None:
        reg = WorkshopRegistration.objects.create(workshop=workshop, user=user, status=status,
                                                  queued_at=now)
    else:  # registered before and cancelled: back in line
        reg.status, reg.queued_at, reg.cancelled_at = status, now, None
        reg.promoted_at, reg.attendance, reg.reminded_at = None, Attendance.UNKNOWN, None
        reg.save()
    audit_record(actor=user, action="workshop.register", obj=reg,
                 data={"workshop": workshop.pk, "status": status})
    if status == RegistrationStatus.REGISTERED:
        transaction.on_commit(lambda: _tell(user, workshop, "workshop-confirmed",
                                            kind="workshop.confirmed"))
    return reg


@transaction.atomic
def registration_cancel(*, user: User, workshop: Workshop,
                        actor: User | None = None) -> WorkshopRegistration | None:
    """Give up a seat (or a place on the waiting list). A freed seat goes to the first person
    waiting, who is told by e-mail and in the app. Returns the promoted registration, if any."""
    workshop = Workshop.objects.select_for_update(no_key=True).get(pk=workshop.pk)
    reg = WorkshopRegistration.objects.filter(workshop=workshop, user=user,
                                              status__in=ACTIVE).first()
    if reg is None:
        raise Conflict("workshop", "You are not registered for this session.",
                       "このセッションには登録されていません。")
    if workshop.has_started:
        raise Conflict("workshop", "The session has started; registrations can no longer be "
                       "cancelled.", "セッションが始まったため、登録を取り消すことはできません。")
    was = reg.status
    reg.status, reg.cancelled_at = RegistrationStatus.CANCELLED, timezone.now()
    reg.save(update_fields=["status", "cancelled_at"])
    audit_record(actor=actor or user, action="workshop.unregister", obj=reg,
                 data={"workshop": workshop.pk, "was": was})
    promoted = _fill_seats(workshop) if was == RegistrationStatus.REGISTERED else []
    return promoted[0] if promoted else None


def _fill_seats(workshop: Workshop) -> list[WorkshopRegistration]:
    """Move people from the waiting list (first come, first served) into free seats. The
    caller holds the session's lock."""
    if workshop.is_cancelled or workshop.has_started:
        return []
    free = workshop.capacity - _registered_count(workshop)
    if free <= 0:
        return []
    waiting = list(workshop.registrations.filter(status=RegistrationStatus.WAITING)
                   .select_related("user").order_by("queued_at", "pk")[:free])
    now = timezone.now()
    for reg in waiting:
        reg.status, reg.promoted_at = RegistrationStatus.REGISTERED, now
        reg.save(update_fields=["status", "promoted_at"])
        audit_record(actor=None, action="workshop.promote", obj=reg,
                     data={"workshop": workshop.pk, "user": reg.user.username})
        transaction.on_commit(lambda r=reg: _tell(r.user, workshop, "workshop-confirmed",
                                                  kind="workshop.promoted", promoted=True))
    return waiting


# ----------------------------------------------------------------------------- after the session

@transaction.atomic
def attendance_mark(*, actor: User, workshop: Workshop, marks: Mapping[Any, str]) -> int:
    """Record who came: ``marks`` maps registration ids to ``attended``, ``no_show`` or "" (not
    marked). Only registered people of this session, once it has started. Returns how many
    changed."""
    if not workshop.has_started:
        raise Conflict("attendance", "Attendance can be marked once the session has started.",
                       "出欠はセッションの開始後に記録できます。")
    regs = {r.pk: r for r in workshop.registrations.filter(status=RegistrationStatus.REGISTERED)
            .select_related("user")}
    changed = 0
    for key, value in marks.items():
        try:
            pk = int(key)
        except (TypeError, ValueError):
            raise ValidationFailed("attendance", f"Not a registration number: {key!r}.",
                                   f"登録番号ではありません: {key!r}") from None
        if value not in Attendance.values:
            raise ValidationFailed("attendance", f"Unknown attendance {value!r}: use attended "
                                   "or no_show.",
                                   f"不明な出欠です（{value}）。attended または no_show を指定して"
                                   "ください。")
        reg = regs.get(pk)
        if reg is None:
            raise ValidationFailed("attendance", f"Registration {pk} is not a seat at this "
                                   "session.", f"登録 {pk} はこのセッションの参加者ではありません。")
        if reg.attendance != value:
            reg.attendance = value
            reg.save(update_fields=["attendance"])
            changed += 1
    audit_record(actor=actor, action="workshop.attendance", obj=workshop,
                 data={"changed": changed,
                       "marks": {regs[int(k)].user.username: v for k, v in marks.items()}})
    return changed


@transaction.atomic
def feedback_submit(*, user: User, workshop: Workshop, rating: Any,
                    comment: str = "") -> WorkshopFeedback:
    """An attendee rates a session (1–5) with an optional comment, after it has ended; a second
    submission replaces the first."""
    try:
        rating = int(rating)
    except (TypeError, ValueError):
        rating = 0
    if not 1 <= rating <= 5:
        raise ValidationFailed("rating", "Choose a rating from 1 to 5.",
                               "評価は 1〜5 で選んでください。")
    comment = (comment or "").strip()
    if len(comment) > 4000:
        raise ValidationFailed("comment", "A comment has at most 4,000 characters.",
                               "コメントは 4,000 文字以内にしてください。")
    if workshop.ends_at > timezone.now():
        raise Conflict("rating", "You can rate the session once it has ended.",
                       "評価はセッションの終了後にできます。")
    attended = workshop.registrations.filter(user=user, status=RegistrationStatus.REGISTERED) \
        .exclude(attendance=Attendance.NO_SHOW).exists()
    if not attended:
        raise NotAllowed("rating", "Only people who attended can rate this session.",
                         "このセッションを評価できるのは参加した人だけです。")
    feedback, _created = WorkshopFeedback.objects.update_or_create(
        workshop=workshop, user=user,
        defaults={"rating": rating, "comment": comment, "at": timezone.now()})
    audit_record(actor=user, action="workshop.feedback", obj=feedback,
                 data={"workshop": workshop.pk, "rating": rating})
    return feedback


def reminders_send(*, now: dt.datetime | None = None) -> int:
    """E-mail (with the invitation) everyone registered for a session that starts within
    REMIND_HOURS_BEFORE hours, once. Returns the number of reminders sent."""
    now = now or timezone.now()
    due = (WorkshopRegistration.objects
           .filter(status=RegistrationStatus.REGISTERED, reminded_at__isnull=True,
                   user__is_active=True, workshop__status=WorkshopStatus.SCHEDULED,
                   workshop__starts_at__gt=now,
                   workshop__starts_at__lte=now + dt.timedelta(hours=REMIND_HOURS_BEFORE))
           .select_related("user", "workshop"))
    sent = 0
    for reg in due:
        with transaction.atomic():
            claimed = WorkshopRegistration.objects.filter(
                pk=reg.pk, reminded_at__isnull=True).update(reminded_at=now)
        if claimed:  # another worker did not get there first
            _tell(reg.user, reg.workshop, "workshop-reminder", kind="workshop.reminder")
            sent += 1
    return sent


# ----------------------------------------------------------------------------- telling people

def workshop_url(workshop: Workshop) -> str:
    return settings.SITE_URL.rstrip("/") + reverse("learning:workshop", args=[workshop.pk])


NOTE_TITLES = {
    "workshop.confirmed": lambda w: _("You are registered: %(title)s") % {"title": w.title},
    "workshop.promoted": lambda w: _("A seat freed up — you are registered: %(title)s")
    % {"title": w.title},
    "workshop.cancelled": lambda w: _("Cancelled: %(title)s") % {"title": w.title},
    "workshop.reminder": lambda w: _("Tomorrow: %(title)s") % {"title": w.title},
}


def _tell(user: User, workshop: Workshop, template: str, *, kind: str,
          promoted: bool = False) -> None:
    """An in-app note and an e-mail with the .ics attached, both in ``user``'s language."""
    workshop.refresh_from_db()
    language = user.language or settings.LANGUAGE_CODE
    with translation.override(language):
        times = session_times(workshop)
        context = {"person": user, "workshop": workshop, "times": times, "promoted": promoted,
                   "url": workshop_url(workshop), "site_url": settings.SITE_URL}
        notification_create(user=user, kind=kind, title=NOTE_TITLES[kind](workshop),
                            body=f"{times.session_start} – {times.session_end} "
                                 f"({workshop.time_zone})",
                            url=reverse("learning:workshop", args=[workshop.pk]))
        if not user.email:
            return
        subject = " ".join(render_to_string(f"emails/{template}-subject.html", context).split())
        text = render_to_string(f"emails/{template}-body-text.html", context)
        html = render_to_string(f"emails/{template}-body-html.html", context)
        invite = workshop_ics(workshop)
    message = EmailMultiAlternatives(subject, text, to=[user.email])
    message.attach_alternative(html, "text/html")
    message.attach("invite.ics", invite, "text/calendar; charset=UTF-8; method=PUBLISH")
    message.send()


# ----------------------------------------------------------------------------- reads

def visible_workshops(user: User):
    """Sessions ``user`` may see: all scheduled ones; cancelled ones only to people who manage
    workshops or who were registered."""
    qs = Workshop.objects.select_related("series", "track", "course")
    if can(user, "workshops.manage"):
        return qs
    return qs.filter(Q(status=WorkshopStatus.SCHEDULED)
                     | Q(registrations__user=user, registrations__status__in=ACTIVE)).distinct()


def _with_counts(qs):
    return qs.annotate(
        taken=Count("registrations", filter=Q(registrations__status=RegistrationStatus.REGISTERED),
                    distinct=True),
        waiting=Count("registrations", filter=Q(registrations__status=RegistrationStatus.WAITING),
                      distinct=True))


def workshop_for(user: User, pk: int) -> Workshop:
    """Session ``pk`` with ``taken`` and ``waiting`` counts, if ``user`` may see it, else 404."""
    workshop = _with_counts(visible_workshops(user)).filter(pk=pk).first()
    if workshop is None:
        raise Http404("no such workshop")
    return workshop


def upcoming_workshops(user: User, *, now: dt.datetime | None = None) -> list[Workshop]:
    """Scheduled sessions that have not ended, soonest first, each with ``taken``,
    ``waiting``, ``seats_left`` and ``my_status`` (the viewer's registration or None)."""
    now = now or timezone.now()
    sessions = list(_with_counts(visible_workshops(user)
                                 .filter(status=WorkshopStatus.SCHEDULED, ends_at__gt=now))
                    .order_by("starts_at", "pk"))
    mine = dict(WorkshopRegistration.objects.filter(user=user, workshop__in=sessions,
                                                    status__in=ACTIVE)
                .values_list("workshop_id", "status"))
    for w in sessions:
        w.my_status = mine.get(w.pk)
    return sessions


def recent_workshops(*, days: int = 60, now: dt.datetime | None = None) -> list[Workshop]:
    """Sessions that started in the last ``days`` days (for organizers: attendance, feedback)."""
    now = now or timezone.now()
    return list(_with_counts(Workshop.objects.filter(
        status=WorkshopStatus.SCHEDULED, starts_at__lte=now,
        starts_at__gt=now - dt.timedelta(days=days))).order_by("-starts_at"))


def seats_left(workshop: Workshop) -> int:
    taken = getattr(workshop, "taken", None)
    if taken is None:
        taken = _registered_count(workshop)
    return max(0, workshop.capacity - taken)


def my_registration(user: User, workshop: Workshop) -> WorkshopRegistration | None:
    return WorkshopRegistration.objects.filter(user=user, workshop=workshop,
                                               status__in=ACTIVE).first()


def waiting_position(reg: WorkshopRegistration) -> int:
    """1 for the first person on the waiting list."""
    return WorkshopRegistration.objects.filter(
        workshop_id=reg.workshop_id, status=RegistrationStatus.WAITING
    ).filter(Q(queued_at__lt=reg.queued_at) | Q(queued_at=reg.queued_at, pk__lt=reg.pk)
             ).count() + 1


def roster(workshop: Workshop) -> list[WorkshopRegistration]:
    """Registered people then the waiting list, in order."""
    regs = list(workshop.registrations.filter(status__in=ACTIVE)
                .select_related("user", "user__department").order_by("queued_at", "pk"))
    return sorted(regs, key=lambda r: r.status != RegistrationStatus.REGISTERED)


@dataclass
class FeedbackSummary:
    count: int
    average: float | None
    comments: list[WorkshopFeedback]


def feedback_summary(workshop: Workshop) -> FeedbackSummary:
    agg = workshop.feedback.aggregate(n=Count("pk"), avg=Avg("rating"))
    return FeedbackSummary(agg["n"], round(agg["avg"], 1) if agg["avg"] is not None else None,
                           list(workshop.feedback.exclude(comment="").select_related("user")))


def can_give_feedback(user: User, workshop: Workshop) -> bool:
    return (workshop.ends_at <= timezone.now() and workshop.registrations.filter(
        user=user, status=RegistrationStatus.REGISTERED).exclude(
        attendance=Attendance.NO_SHOW).exists())


@dataclass
class SessionTimes:
    """A session's start and end in its own zone and in the viewer's zone (the active one)."""

    session_start: str
    session_end: str
    viewer_start: str
    viewer_end: str
    viewer_zone: str
    same_zone: bool


def session_times(workshop: Workshop) -> SessionTimes:
    tz = zoneinfo.ZoneInfo(workshop.time_zone)
    viewer = timezone.get_current_timezone()
    s, e = workshop.starts_at.astimezone(tz), workshop.ends_at.astimezone(tz)
    vs, ve = workshop.starts_at.astimezone(viewer), workshop.ends_at.astimezone(viewer)
    fmt = "%Y-%m-%d %H:%M"
    end_fmt = "%H:%M" if e.date() == s.date() else fmt
    v_end_fmt = "%H:%M" if ve.date() == vs.date() else fmt
    return SessionTimes(s.strftime(fmt), e.strftime(end_fmt), vs.strftime(fmt),
                        ve.strftime(v_end_fmt), str(viewer),
                        s.utcoffset() == vs.utcoffset())


# ----------------------------------------------------------------------------- iCalendar

def workshop_ics(workshop: Workshop) -> bytes:
    """The session as an RFC 5545 calendar (METHOD:PUBLISH, one VEVENT, times with TZID and the
    matching VTIMEZONE) in the active language. The UID stays the same for the session's life;
    SEQUENCE grows with each change; a cancelled session has STATUS:CANCELLED."""
    cal = icalendar.Calendar()
    cal.add("prodid", "-//Koe//Workshops//EN")
    cal.add("version", "2.0")
    cal.add("method", "PUBLISH")
    event = icalendar.Event()
    tz = zoneinfo.ZoneInfo(workshop.time_zone)
    event.add("uid", f"{workshop.uid}@koe")
    event.add("dtstamp", timezone.now().astimezone(dt.UTC))
    event.add("dtstart", workshop.starts_at.astimezone(tz))
    event.add("dtend", workshop.ends_at.astimezone(tz))
    event.add("summary", workshop.title)
    url = workshop_url(workshop)
    description = workshop.description.strip()
    event.add("description", f"{description}\n\n{url}".strip() if description else url)
    event.add("location", workshop.place or workshop.online_url)
    event.add("url", workshop.online_url or url)
    event.add("sequence", workshop.sequence)
    event.add("status", "CANCELLED" if workshop.is_cancelled else "CONFIRMED")
    event.add("last-modified", workshop.updated_at.astimezone(dt.UTC))
    cal.add_component(event)
    cal.add_missing_timezones()
    return cal.to_ical()
