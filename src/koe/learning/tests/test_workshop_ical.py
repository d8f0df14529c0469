"""The .ics invitation: RFC 5545 as a parser reads it back (UID, DTSTAMP, DTSTART with TZID
and VTIMEZONE, SUMMARY, LOCATION, URL), CRLF line ends, lines folded at 75 octets without
breaking a Japanese character, text escaping; the same UID for the life of a session."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import icalendar
import pytest
from django.utils import translation

from koe.learning import workshops
from koe.people.testing import client_for, make_person

from .workshops_testing import future_session

pytestmark = pytest.mark.django_db

TRICKY = "Posting, safely; with \\ backslashes\nand a second line"
LONG_JA = "ソーシャルメディアで自信を持って発信するための実践ワークショップ：下書きの見直しから炎上対応まで" * 2


@pytest.fixture
def session(compliance):
    return future_session(compliance, time_zone="Europe/London", title_en=TRICKY,
                          title_ja=LONG_JA, place="Room 3; 2F, Tokyo",
                          online_url="https://meet.example/koe?a=1&b=2")


def _event(raw: bytes):
    cal = icalendar.Calendar.from_ical(raw)
    (event,) = cal.walk("VEVENT")
    return cal, event


def test_the_invitation_parses_back_with_every_required_property(session):
    with translation.override("en"):
        raw = workshops.workshop_ics(session)
    cal, event = _event(raw)
    assert cal["VERSION"] == "2.0" and cal["PRODID"] and cal["METHOD"] == "PUBLISH"
    assert str(event["UID"]) == f"{session.uid}@koe"
    assert event.decoded("DTSTAMP").tzinfo is not None  # UTC
    start = event.decoded("DTSTART")
    assert start == session.starts_at and event.decoded("DTEND") == session.ends_at
    assert event["DTSTART"].params["TZID"] == "Europe/London"
    assert [str(tz["TZID"]) for tz in cal.walk("VTIMEZONE")] == ["Europe/London"]
    assert start.astimezone(zoneinfo.ZoneInfo("Europe/London")).utcoffset() == \
        session.starts_at.astimezone(zoneinfo.ZoneInfo("Europe/London")).utcoffset()
    assert str(event["SUMMARY"]) == TRICKY  # the escaping round-trips
    assert str(event["LOCATION"]) == "Room 3; 2F, Tokyo"
    assert str(event["URL"]) == "https://meet.example/koe?a=1&b=2"
    assert str(event["STATUS"]) == "CONFIRMED" and int(event["SEQUENCE"]) == 0
    assert f"/learn/workshops/{session.pk}/" in str(event["DESCRIPTION"])


def test_the_text_is_escaped_folded_at_75_octets_and_ends_lines_with_crlf(session):
    with translation.override("ja"):
        raw = workshops.workshop_ics(session)
    assert raw.endswith(b"\r\n")
    lines = raw.split(b"\r\n")[:-1]
    assert b"\n" not in b"".join(lines)  # no bare LF anywhere
    assert max(len(line) for line in lines) <= 75
    for line in lines:
        line.decode("utf-8")  # a fold never splits a multi-byte character
    unfolded = raw.replace(b"\r\n ", b"").decode()
    assert f"SUMMARY:{LONG_JA}" in unfolded
    assert "LOCATION:Room 3\\; 2F\\, Tokyo" in unfolded
    with translation.override("en"):
        unfolded_en = workshops.workshop_ics(session).replace(b"\r\n ", b"").decode()
    assert "SUMMARY:Posting\\, safely\\; with \\\\ backslashes\\nand a second line" in unfolded_en
    assert str(_event(raw)[1]["SUMMARY"]) == LONG_JA


def test_the_uid_stays_and_the_sequence_grows_when_the_session_changes(session, compliance):
    _, before = _event(workshops.workshop_ics(session))
    workshops.workshop_cancel(actor=compliance, workshop=session)
    session.refresh_from_db()
    _, after = _event(workshops.workshop_ics(session))
    assert after["UID"] == before["UID"]
    assert int(after["SEQUENCE"]) > int(before["SEQUENCE"])
    assert str(after["STATUS"]) == "CANCELLED"


def test_an_online_only_session_gives_its_link_as_the_location(compliance):
    w = future_session(compliance, place="", online_url="https://meet.example/x",
                       time_zone="Asia/Tokyo")
    _, event = _event(workshops.workshop_ics(w))
    assert str(event["LOCATION"]) == "https://meet.example/x"
    assert event["DTSTART"].params["TZID"] == "Asia/Tokyo"


def test_anyone_who_may_see_the_session_downloads_the_ics(session):
    response = client_for(make_person()).get(f"/learn/workshops/{session.pk}/invite.ics")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert f'workshop-{session.pk}.ics' in response["Content-Disposition"]
    _, event = _event(response.content)
    assert str(event["UID"]) == f"{session.uid}@koe"


def test_the_confirmation_reaches_a_real_smtp_server_with_the_invitation(
        session, smtp_server, django_capture_on_commit_callbacks):
    taro = make_person(language="ja", email="taro@acme.example")
    with django_capture_on_commit_callbacks(execute=True):
        workshops.registration_create(user=taro, workshop=session)
    received = smtp_server.wait_for("taro@acme.example")
    assert "登録が完了しました" in received.subject
    (attachment,) = [p for p in received.message.iter_attachments()]
    assert attachment.get_content_type() == "text/calendar"
    assert attachment.get_filename() == "invite.ics"
    cal = icalendar.Calendar.from_ical(attachment.get_content())
    (event,) = cal.walk("VEVENT")
    assert str(event["SUMMARY"]) == LONG_JA  # in the person's language
    assert event.decoded("DTSTART") == session.starts_at
    assert dt.timedelta(0) < event.decoded("DTEND") - event.decoded("DTSTART")
