"""Workshop services: creating sessions and series (time zones, DST, month ends), editing a
series, cancelling one session, registration with capacity and a waiting list, promotion with
e-mail and in-app note, attendance, feedback and the day-before reminder."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest
from django.utils import timezone, translation

from koe.audit.models import AuditEntry
from koe.learning import tasks, workshops
from koe.learning.models import Workshop, WorkshopFeedback, WorkshopRegistration
from koe.people.models import Notification
from koe.people.testing import make_person
from koe.web.errors import Conflict, NotAllowed, ValidationFailed

from .workshops_testing import future_session, session_at

pytestmark = pytest.mark.django_db
LONDON = zoneinfo.ZoneInfo("Europe/London")


@pytest.fixture(autouse=True)
def _english():
    """Messages are matched in English; each test that needs Japanese asks for it."""
    with translation.override("en"):
        yield


def _in(days: int, hour: int = 10) -> dt.datetime:
    """A naive wall-clock time ``days`` from today at ``hour``:00."""
    day = timezone.localdate() + dt.timedelta(days=days)
    return dt.datetime.combine(day, dt.time(hour))


def _base(**extra):
    return {"title_en": "Brand voice", "title_ja": "ブランドの声", "time_zone": "Asia/Tokyo",
            "place": "Room 1", "capacity": 10, **extra}


# ----------------------------------------------------------------------------- creating

def test_a_session_keeps_its_wall_clock_time_in_its_own_zone(compliance):
    w = workshops.workshop_create(actor=compliance, starts_at=_in(5, 10), ends_at=_in(5, 12),
                                  **_base(time_zone="Europe/London"))
    local = w.starts_at.astimezone(LONDON)
    assert (local.hour, local.minute) == (10, 0)
    assert w.ends_at - w.starts_at == dt.timedelta(hours=2)
    assert AuditEntry.objects.filter(action="workshop.create").count() == 1


@pytest.mark.parametrize(("change", "field", "en", "ja"), [
    ({"time_zone": "Mars/Olympus"}, "time_zone", "Unknown time zone", "不明なタイムゾーン"),
    ({"time_zone": "../etc/passwd"}, "time_zone", "Unknown time zone", "不明なタイムゾーン"),
    ({"place": "", "online_url": ""}, "place", "place or an online link", "場所またはオンライン"),
    ({"place": "", "online_url": "javascript:alert(1)"}, "online_url", "https://", "https://"),
    ({"capacity": 0}, "capacity", "between 1 and", "定員は"),
    ({"capacity": "many"}, "capacity", "whole number", "整数"),
    ({"title_en": " ", "title_ja": ""}, "title_en", "needs a title", "タイトル"),
])
def test_bad_session_fields_are_refused_with_a_message_naming_the_field(compliance, change,
                                                                        field, en, ja):
    with pytest.raises(ValidationFailed) as exc:
        workshops.workshop_create(actor=compliance, starts_at=_in(5), ends_at=_in(5, 11),
                                  **_base(**change))
    assert exc.value.field == field
    assert en in exc.value.en and ja in exc.value.ja
    assert not Workshop.objects.exists()


def test_times_must_be_in_the_future_and_in_order(compliance):
    with pytest.raises(ValidationFailed, match="end after it starts") as exc:
        workshops.workshop_create(actor=compliance, starts_at=_in(5, 12), ends_at=_in(5, 10),
                                  **_base())
    assert exc.value.field == "ends_at"
    with pytest.raises(ValidationFailed, match="in the past"):
        workshops.workshop_create(actor=compliance, starts_at=_in(-1), ends_at=_in(-1, 11),
                                  **_base())


def test_an_online_session_needs_no_place(compliance):
    w = workshops.workshop_create(actor=compliance, starts_at=_in(2), ends_at=_in(2, 11),
                                  **_base(place="", online_url="https://meet.example/abc"))
    assert w.online_url == "https://meet.example/abc"


# ----------------------------------------------------------------------------- series

def test_a_weekly_series_keeps_ten_o_clock_across_the_daylight_saving_change(compliance):
    # The UK leaves summer time on the last Sunday of October: the UTC hour moves, 10:00 stays.
    year = timezone.localdate().year + 1
    start = dt.datetime(year, 10, 12, 10, 0)
    series = workshops.series_create(actor=compliance, starts_at=start,
                                     ends_at=start + dt.timedelta(hours=1), frequency="weekly",
                                     count=4, **_base(time_zone="Europe/London"))
    sessions = list(series.sessions.order_by("position"))
    assert [s.position for s in sessions] == [1, 2, 3, 4]
    assert {s.starts_at.astimezone(LONDON).hour for s in sessions} == {10}
    assert {s.starts_at.astimezone(dt.UTC).hour for s in sessions} == {9, 10}
    assert [s.starts_at.astimezone(LONDON).date() for s in sessions] == [
        dt.date(year, 10, 12) + dt.timedelta(weeks=i) for i in range(4)]


def test_a_monthly_series_runs_until_a_date_and_clamps_to_the_month_end(compliance):
    year = timezone.localdate().year + 1
    start = dt.datetime(year, 1, 31, 15, 0)
    series = workshops.series_create(actor=compliance, starts_at=start,
                                     ends_at=start + dt.timedelta(hours=1), frequency="monthly",
                                     until=dt.date(year, 4, 30), **_base())
    days = [s.starts_at.astimezone(zoneinfo.ZoneInfo("Asia/Tokyo")).date()
            for s in series.sessions.order_by("position")]
    assert days[0] == dt.date(year, 1, 31)
    assert days[1].month == 2 and days[1].day in (28, 29)
    assert days[2:] == [dt.date(year, 3, 31), dt.date(year, 4, 30)]


def test_a_series_needs_a_bound_and_at_most_sixty_sessions(compliance):
    with pytest.raises(ValidationFailed, match="number of sessions or a date") as exc:
        workshops.series_create(actor=compliance, starts_at=_in(3), ends_at=_in(3, 11),
                                frequency="weekly", **_base())
    assert "回数" in exc.value.ja
    with pytest.raises(ValidationFailed, match="at most 60"):
        workshops.series_create(actor=compliance, starts_at=_in(3), ends_at=_in(3, 11),
                                frequency="weekly", count=61, **_base())
    assert not Workshop.objects.exists()


def test_editing_the_series_updates_future_sessions_only(compliance, employee):
    series = workshops.series_create(actor=compliance, starts_at=_in(3), ends_at=_in(3, 11),
                                     frequency="weekly", count=3, **_base(capacity=1))
    first, second, third = series.sessions.order_by("position")
    workshops.registration_create(user=employee, workshop=second)
    waiting = make_person()
    workshops.registration_create(user=waiting, workshop=second, waitlist=True)
    workshops.workshop_cancel(actor=compliance, workshop=third)  # one occurrence cancelled
    Workshop.objects.filter(pk=first.pk).update(  # the first one is now in the past
        starts_at=timezone.now() - dt.timedelta(hours=2),
        ends_at=timezone.now() - dt.timedelta(hours=1))
    counts = workshops.series_update(actor=compliance, series=series, title_en="Brand voice 2",
                                     place="Room 9", capacity=2, count=4)
    assert counts == {"updated": 1, "created": 1, "cancelled": 0}
    first.refresh_from_db(), second.refresh_from_db(), third.refresh_from_db()
    assert first.title_en == "Brand voice" and first.place == "Room 1"
    assert (second.title_en, second.place, second.capacity) == ("Brand voice 2", "Room 9", 2)
    assert second.sequence == 1
    assert third.is_cancelled and third.title_en == "Brand voice"
    assert series.sessions.get(position=4).place == "Room 9"
    # The new seat went to the person waiting.
    assert WorkshopRegistration.objects.get(user=waiting).status == "registered"


def test_moving_the_series_moves_future_sessions_and_fewer_sessions_cancel_the_rest(
        compliance, employee, mailoutbox, django_capture_on_commit_callbacks):
    series = workshops.series_create(actor=compliance, starts_at=_in(3), ends_at=_in(3, 11),
                                     frequency="weekly", count=3, **_base())
    last = series.sessions.get(position=3)
    workshops.registration_create(user=employee, workshop=last)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        counts = workshops.series_update(actor=compliance, series=series,
                                         starts_at=_in(4, 14), ends_at=_in(4, 16), count=2)
    assert counts == {"updated": 2, "created": 0, "cancelled": 1}
    tokyo = zoneinfo.ZoneInfo("Asia/Tokyo")
    first = series.sessions.get(position=1)
    assert first.starts_at.astimezone(tokyo).hour == 14
    assert first.ends_at - first.starts_at == dt.timedelta(hours=2)
    last.refresh_from_db()
    assert last.is_cancelled
    assert [m.to for m in mailoutbox] == [[employee.email]]
    assert "Cancelled" in mailoutbox[0].subject or "cancelled" in mailoutbox[0].subject


def test_cancelling_one_session_tells_everyone_registered_or_waiting(
        compliance, employee, mailoutbox, django_capture_on_commit_callbacks):
    w = future_session(compliance, capacity=1)
    taro = make_person(language="ja")
    workshops.registration_create(user=employee, workshop=w)
    workshops.registration_create(user=taro, workshop=w, waitlist=True)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert workshops.workshop_cancel(actor=compliance, workshop=w) == 2
    assert sorted(m.to[0] for m in mailoutbox) == sorted([employee.email, taro.email])
    ja = next(m for m in mailoutbox if m.to == [taro.email])
    assert "中止" in ja.subject and "自信を持って投稿する" in ja.subject
    assert b"STATUS:CANCELLED" in ja.attachments[0][1].encode() \
        if isinstance(ja.attachments[0][1], str) else b"STATUS:CANCELLED" in ja.attachments[0][1]
    assert Notification.objects.filter(user=taro, kind="workshop.cancelled").exists()
    with pytest.raises(Conflict, match="already cancelled"):
        workshops.workshop_cancel(actor=compliance, workshop=w)
    with pytest.raises(Conflict, match="cancelled"):
        workshops.registration_create(user=make_person(), workshop=w)


# ----------------------------------------------------------------------------- registration

def test_registering_takes_a_seat_and_sends_the_confirmation_with_the_invitation(
        compliance, employee, mailoutbox, django_capture_on_commit_callbacks):
    w = future_session(compliance, capacity=2)
    with django_capture_on_commit_callbacks(execute=True):
        reg = workshops.registration_create(user=employee, workshop=w)
    assert reg.status == "registered"
    assert workshops.seats_left(w) == 1
    (message,) = mailoutbox
    assert message.to == [employee.email] and "registered" in message.subject
    name, content, mimetype = message.attachments[0]
    assert name == "invite.ics" and mimetype.startswith("text/calendar")
    assert f"{w.uid}@koe" in (content.decode() if isinstance(content, bytes) else content)
    assert Notification.objects.get(user=employee).kind == "workshop.confirmed"


def test_a_full_session_refuses_with_a_bilingual_message_and_offers_the_waiting_list(
        compliance, employee):
    w = future_session(compliance, capacity=1)
    workshops.registration_create(user=make_person(), workshop=w)
    with pytest.raises(Conflict) as exc:
        workshops.registration_create(user=employee, workshop=w)
    assert exc.value.status == 409 and exc.value.field == "capacity"
    assert "full: all 1 seats are taken" in exc.value.en and "waiting list" in exc.value.en
    assert "満席" in exc.value.ja and "キャンセル待ち" in exc.value.ja
    assert not WorkshopRegistration.objects.filter(user=employee).exists()
    reg = workshops.registration_create(user=employee, workshop=w, waitlist=True)
    assert reg.status == "waiting" and workshops.waiting_position(reg) == 1


def test_registering_twice_is_refused_and_nothing_changes(compliance, employee):
    w = future_session(compliance, capacity=1)
    workshops.registration_create(user=employee, workshop=w)
    with pytest.raises(Conflict, match="already registered") as exc:
        workshops.registration_create(user=employee, workshop=w, waitlist=True)
    assert "登録済み" in exc.value.ja
    other = make_person()
    workshops.registration_create(user=other, workshop=w, waitlist=True)
    with pytest.raises(Conflict, match=r"already on the waiting list \(number 1\)"):
        workshops.registration_create(user=other, workshop=w, waitlist=True)
    assert WorkshopRegistration.objects.filter(workshop=w).count() == 2


def test_registration_closes_when_the_session_starts(employee):
    w = session_at(timezone.now() - dt.timedelta(minutes=5), time_zone="Asia/Tokyo")
    with pytest.raises(Conflict) as exc:
        workshops.registration_create(user=employee, workshop=w)
    assert "Registration closed when the session started" in exc.value.en
    assert "Asia/Tokyo" in exc.value.en and "締め切られました" in exc.value.ja
    with translation.override("ja"):
        assert "締め切られました" in str(exc.value)


def test_a_cancelled_seat_goes_to_the_first_person_waiting_who_is_told(
        compliance, employee, mailoutbox, django_capture_on_commit_callbacks):
    w = future_session(compliance, capacity=1)
    first_waiting = make_person(language="ja", username="taro")
    second_waiting = make_person()
    workshops.registration_create(user=employee, workshop=w)
    workshops.registration_create(user=first_waiting, workshop=w, waitlist=True)
    workshops.registration_create(user=second_waiting, workshop=w, waitlist=True)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        promoted = workshops.registration_cancel(user=employee, workshop=w)
    assert promoted.user == first_waiting and promoted.status == "registered"
    assert promoted.promoted_at is not None
    assert WorkshopRegistration.objects.get(user=second_waiting).status == "waiting"
    assert workshops.waiting_position(WorkshopRegistration.objects.get(user=second_waiting)) == 1
    assert [m.to for m in mailoutbox] == [[first_waiting.email]]
    assert "空き" in mailoutbox[0].subject  # in Japanese, the promoted person's language
    assert mailoutbox[0].attachments[0][0] == "invite.ics"
    note = Notification.objects.get(user=first_waiting)
    assert note.kind == "workshop.promoted" and "自信を持って投稿する" in note.title
    assert note.url == f"/learn/workshops/{w.pk}/"
    assert AuditEntry.objects.filter(action="workshop.promote").count() == 1


def test_leaving_the_waiting_list_promotes_nobody(compliance, employee):
    w = future_session(compliance, capacity=1)
    workshops.registration_create(user=make_person(), workshop=w)
    workshops.registration_create(user=employee, workshop=w, waitlist=True)
    third = make_person()
    workshops.registration_create(user=third, workshop=w, waitlist=True)
    assert workshops.registration_cancel(user=employee, workshop=w) is None
    assert WorkshopRegistration.objects.get(user=third).status == "waiting"


def test_cancelling_without_a_registration_or_after_the_start_is_refused(compliance, employee):
    w = future_session(compliance)
    with pytest.raises(Conflict, match="not registered"):
        workshops.registration_cancel(user=employee, workshop=w)
    workshops.registration_create(user=employee, workshop=w)
    Workshop.objects.filter(pk=w.pk).update(starts_at=timezone.now() - dt.timedelta(minutes=1))
    w.refresh_from_db()
    with pytest.raises(Conflict, match="has started"):
        workshops.registration_cancel(user=employee, workshop=w)
    assert WorkshopRegistration.objects.get(user=employee).status == "registered"


def test_registering_again_after_cancelling_goes_to_the_back_of_the_line(compliance, employee):
    w = future_session(compliance, capacity=1)
    workshops.registration_create(user=employee, workshop=w)
    workshops.registration_cancel(user=employee, workshop=w)
    other = make_person()
    workshops.registration_create(user=other, workshop=w)
    again = workshops.registration_create(user=employee, workshop=w, waitlist=True)
    assert again.status == "waiting" and again.cancelled_at is None
    assert WorkshopRegistration.objects.filter(user=employee).count() == 1


# ----------------------------------------------------------------------------- after the session

def test_the_organizer_marks_attendance_once_the_session_has_started(compliance, employee):
    w = future_session(compliance)
    reg = workshops.registration_create(user=employee, workshop=w)
    with pytest.raises(Conflict, match="once the session has started"):
        workshops.attendance_mark(actor=compliance, workshop=w, marks={reg.pk: "attended"})
    Workshop.objects.filter(pk=w.pk).update(starts_at=timezone.now() - dt.timedelta(hours=1))
    w.refresh_from_db()
    assert workshops.attendance_mark(actor=compliance, workshop=w,
                                     marks={str(reg.pk): "no_show"}) == 1
    reg.refresh_from_db()
    assert reg.attendance == "no_show"
    with pytest.raises(ValidationFailed, match="Unknown attendance"):
        workshops.attendance_mark(actor=compliance, workshop=w, marks={reg.pk: "maybe"})
    with pytest.raises(ValidationFailed, match="not a seat at this session"):
        workshops.attendance_mark(actor=compliance, workshop=w, marks={reg.pk + 999: "attended"})


def test_attendees_rate_the_session_after_it_and_the_organizer_sees_the_average(employee):
    w = session_at(timezone.now() - dt.timedelta(hours=3))
    came, absent, outsider = employee, make_person(), make_person()
    for person in (came, absent):
        WorkshopRegistration.objects.create(workshop=w, user=person, status="registered")
    WorkshopRegistration.objects.filter(user=absent).update(attendance="no_show")
    workshops.feedback_submit(user=came, workshop=w, rating=4, comment="Useful <b>examples</b>")
    workshops.feedback_submit(user=came, workshop=w, rating=5, comment="Even better on reflection")
    assert WorkshopFeedback.objects.get().rating == 5  # replaced, not added
    other = make_person()
    WorkshopRegistration.objects.create(workshop=w, user=other, status="registered",
                                        attendance="attended")
    workshops.feedback_submit(user=other, workshop=w, rating=2)
    summary = workshops.feedback_summary(w)
    assert (summary.count, summary.average) == (2, 3.5)
    assert [f.comment for f in summary.comments] == ["Even better on reflection"]
    for person in (absent, outsider):
        with pytest.raises(NotAllowed, match="Only people who attended"):
            workshops.feedback_submit(user=person, workshop=w, rating=3)
    for bad in (0, 6, "five", None):
        with pytest.raises(ValidationFailed, match="from 1 to 5") as exc:
            workshops.feedback_submit(user=came, workshop=w, rating=bad)
        assert exc.value.field == "rating"


def test_feedback_waits_until_the_session_has_ended(employee):
    w = session_at(timezone.now() - dt.timedelta(minutes=30), hours=2)
    WorkshopRegistration.objects.create(workshop=w, user=employee, status="registered")
    with pytest.raises(Conflict, match="once it has ended"):
        workshops.feedback_submit(user=employee, workshop=w, rating=5)


def test_registrants_get_one_reminder_the_day_before(compliance, employee, mailoutbox):
    soon = session_at(timezone.now() + dt.timedelta(hours=20), time_zone="Asia/Tokyo")
    later = session_at(timezone.now() + dt.timedelta(days=3))
    taro = make_person(language="ja")
    for person in (employee, taro):
        WorkshopRegistration.objects.create(workshop=soon, user=person, status="registered")
    WorkshopRegistration.objects.create(workshop=soon, user=make_person(), status="waiting")
    WorkshopRegistration.objects.create(workshop=later, user=employee, status="registered")
    assert tasks.remind_workshops() == 2
    assert sorted(m.to[0] for m in mailoutbox) == sorted([employee.email, taro.email])
    ja = next(m for m in mailoutbox if m.to == [taro.email])
    assert "明日" in ja.subject and "過去のセッション" in ja.subject
    assert f"/learn/workshops/{soon.pk}/" in ja.body
    assert tasks.remind_workshops() == 0  # once


def test_the_reminder_runs_on_the_beat_schedule(settings):
    tasks_scheduled = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert "learning.remind_workshops" in tasks_scheduled


def test_moving_a_series_to_another_time_zone_keeps_its_wall_clock_time(compliance):
    series = workshops.series_create(actor=compliance, starts_at=_in(3, 10), ends_at=_in(3, 11),
                                     frequency="weekly", count=2, **_base())
    workshops.series_update(actor=compliance, series=series, time_zone="Europe/London")
    for session in series.sessions.all():
        local = session.starts_at.astimezone(LONDON)
        assert (session.time_zone, local.hour, local.minute) == ("Europe/London", 10, 0)
    with pytest.raises(ValidationFailed, match="Unknown time zone"):
        workshops.series_update(actor=compliance, series=series, time_zone="Nowhere/Land")
    assert series.sessions.first().time_zone == "Europe/London"
