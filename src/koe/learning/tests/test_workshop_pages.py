"""Workshop pages and API routes: who may do what (anonymous, employee, a role that manages
workshops, a session they may not see), bad input answered in the reader's language with
nothing lost, attendance and feedback through the pages, the routes in the OpenAPI schema."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.test import Client
from django.utils import timezone

from koe.learning import workshops
from koe.learning.models import Workshop, WorkshopRegistration
from koe.people.testing import assert_api_access, assert_page_access, client_for, make_person

from .workshops_testing import future_session, session_at

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(compliance):
    upcoming = future_session(compliance, capacity=5)
    past = session_at(timezone.now() - dt.timedelta(hours=3))
    cancelled = future_session(compliance, days=4)
    workshops.workshop_cancel(actor=compliance, workshop=cancelled)
    series = workshops.series_create(
        actor=compliance, starts_at=dt.datetime.combine(timezone.localdate() + dt.timedelta(days=9),
                                                         dt.time(10)),
        ends_at=dt.datetime.combine(timezone.localdate() + dt.timedelta(days=9), dt.time(11)),
        frequency="weekly", count=2, title_en="Weekly", title_ja="毎週", time_zone="Asia/Tokyo",
        place="Room 2", capacity=3)
    return {"w": upcoming.pk, "past": past.pk, "cancelled": cancelled.pk, "series": series.pk}


# (method, path, employee status, a role that may, its status)
PAGES = [
    ("get", "/learn/workshops/", 200, "employee", 200),
    ("get", "/learn/workshops/{w}/", 200, "employee", 200),
    ("get", "/learn/workshops/{cancelled}/", 404, "hr", 200),
    ("get", "/learn/workshops/{w}/invite.ics", 200, "employee", 200),
    ("post", "/learn/workshops/{w}/register/", 302, "employee", 302),
    ("post", "/learn/workshops/{cancelled}/register/", 404, "compliance", 409),
    ("post", "/learn/workshops/{w}/unregister/", 409, "employee", 409),
    ("post", "/learn/workshops/{past}/feedback/", 400, "employee", 400),
    ("post", "/learn/workshops/{past}/attendance/", 403, "compliance", 302),
    ("post", "/learn/workshops/{w}/attendance/", 403, "hr", 409),
    ("get", "/learn/workshops/new/", 403, "compliance", 200),
    ("post", "/learn/workshops/new/", 403, "admin", 400),
    ("get", "/learn/workshops/series/{series}/edit/", 403, "hr", 200),
    ("post", "/learn/workshops/series/{series}/edit/", 403, "compliance", 400),
    ("post", "/learn/workshops/{past}/cancel/", 403, "admin", 409),
]


@pytest.mark.parametrize(("method", "path", "employee_status", "role", "role_status"), PAGES)
def test_pages_answer_each_kind_of_visitor(world, method, path, employee_status, role,
                                           role_status):
    assert_page_access(method, path.format(**world), employee_status, role, role_status)


def _soon():
    start = (timezone.now() + dt.timedelta(days=10)).replace(microsecond=0)
    return start.isoformat(), (start + dt.timedelta(hours=1)).isoformat()


NEW = {"title_en": "API made", "title_ja": "API作成", "time_zone": "Asia/Tokyo",
       "place": "Room 5", "capacity": 4}

API = [
    ("get", "/api/learning/workshops", None, 200, "employee", 200),
    ("get", "/api/learning/workshops/{w}", None, 200, "employee", 200),
    ("get", "/api/learning/workshops/{cancelled}", None, 404, "compliance", 200),
    ("get", "/api/learning/workshops/999999", None, 404, "admin", 404),
    ("post", "/api/learning/workshops/{w}/registrations", {}, 201, "employee", 201),
    ("post", "/api/learning/workshops/{cancelled}/registrations", {}, 404, "hr", 409),
    ("delete", "/api/learning/workshops/{w}/registrations/me", None, 409, "employee", 409),
    ("post", "/api/learning/workshops", "new", 403, "compliance", 201),
    ("post", "/api/learning/workshops/{past}/attendance", {"attendance": {}}, 403, "hr", 200),
    ("post", "/api/learning/workshops/{past}/feedback", {"rating": 5}, 403, "employee", 403),
]


@pytest.mark.parametrize(("method", "path", "body", "employee_status", "role", "role_status"), API)
def test_api_routes_answer_each_kind_of_caller(world, method, path, body, employee_status, role,
                                               role_status):
    if body == "new":
        start, end = _soon()
        body = {**NEW, "starts_at": start, "ends_at": end}
    assert_api_access(method, path.format(**world), body, employee_status, role, role_status)


def test_the_workshop_routes_are_in_the_openapi_schema(client):
    paths = client.get("/api/openapi.json").json()["paths"]
    assert {"get", "post"} <= set(paths["/api/learning/workshops"])
    assert "get" in paths["/api/learning/workshops/{workshop_id}"]
    assert "post" in paths["/api/learning/workshops/{workshop_id}/registrations"]
    assert "delete" in paths["/api/learning/workshops/{workshop_id}/registrations/me"]
    assert "post" in paths["/api/learning/workshops/{workshop_id}/attendance"]
    assert "post" in paths["/api/learning/workshops/{workshop_id}/feedback"]


# ----------------------------------------------------------------------------- API behaviour

def test_the_api_lists_upcoming_sessions_with_the_seats_left(world, compliance):
    emma = make_person()
    api = client_for(emma)
    r = api.post(f"/api/learning/workshops/{world['w']}/registrations",
                 content_type="application/json", data="{}")
    assert r.json() == {"workshop": world["w"], "status": "registered", "waiting_position": None,
                        "seats_left": 4}
    listed = {w["id"]: w for w in api.get("/api/learning/workshops").json()}
    assert world["cancelled"] not in listed and world["past"] not in listed
    mine = listed[world["w"]]
    assert (mine["seats_left"], mine["registered"], mine["my_status"]) == (4, 1, "registered")
    assert mine["time_zone"] == "UTC" and mine["local_start"].endswith(":00")
    r = api.delete(f"/api/learning/workshops/{world['w']}/registrations/me")
    assert r.status_code == 200 and r.json()["status"] == "cancelled"
    assert r.json()["seats_left"] == 5


def test_the_api_answers_a_full_session_in_the_callers_language(compliance):
    w = future_session(compliance, capacity=1)
    workshops.registration_create(user=make_person(), workshop=w)
    taro = make_person(language="ja")
    url = f"/api/learning/workshops/{w.pk}/registrations"
    r = client_for(taro).post(url, content_type="application/json", data="{}",
                              HTTP_ACCEPT_LANGUAGE="ja")
    assert r.status_code == 409
    assert r.json()["field"] == "capacity"
    r_en = client_for(make_person()).post(url, content_type="application/json", data="{}",
                                          HTTP_ACCEPT_LANGUAGE="en")
    assert "full" in r_en.json()["message"] and "waiting list" in r_en.json()["message"]
    r = client_for(taro).post(url, content_type="application/json",
                              data=json.dumps({"waitlist": True}))
    assert r.status_code == 201
    assert r.json()["status"] == "waiting" and r.json()["waiting_position"] == 1


def test_the_api_creates_a_monthly_series_and_checks_the_time_zone(compliance):
    api = client_for(compliance)
    start, end = _soon()
    r = api.post("/api/learning/workshops", content_type="application/json",
                 data=json.dumps({**NEW, "starts_at": start, "ends_at": end,
                                  "repeat": {"frequency": "monthly", "count": 3}}))
    assert r.status_code == 201, r.content
    assert len(r.json()) == 3 and len({s["series"] for s in r.json()}) == 1
    r = api.post("/api/learning/workshops", content_type="application/json",
                 data=json.dumps({**NEW, "time_zone": "Tokyo", "starts_at": start,
                                  "ends_at": end}), HTTP_ACCEPT_LANGUAGE="en")
    assert r.status_code == 400 and r.json()["field"] == "time_zone"
    assert "IANA" in r.json()["message"]


def test_the_api_marks_attendance_by_user_name_and_takes_feedback(compliance):
    w = session_at(timezone.now() - dt.timedelta(hours=2))
    emma = make_person(username="emma2")
    WorkshopRegistration.objects.create(workshop=w, user=emma, status="registered")
    url = f"/api/learning/workshops/{w.pk}/attendance"
    r = client_for(compliance).post(url, content_type="application/json",
                                    data=json.dumps({"attendance": {"emma2": "attended"}}))
    assert r.json() == {"changed": 1}
    r = client_for(compliance).post(url, content_type="application/json",
                                    data=json.dumps({"attendance": {"nobody": "attended"}}))
    assert r.status_code == 400 and "nobody" in r.json()["message"]
    r = client_for(emma).post(f"/api/learning/workshops/{w.pk}/feedback",
                              content_type="application/json",
                              data=json.dumps({"rating": 4, "comment": "Good"}))
    assert r.status_code == 201 and r.json()["rating"] == 4


# ----------------------------------------------------------------------------- pages

def test_registering_on_the_page_shows_the_confirmation_and_fewer_seats(compliance):
    w = future_session(compliance, capacity=2)
    browser = client_for(make_person(language="en"))
    page = browser.get(f"/learn/workshops/{w.pk}/").content.decode()
    assert 'data-seats-left="2"' in page
    r = browser.post(f"/learn/workshops/{w.pk}/register/", follow=True)
    html = r.content.decode()
    assert "You are registered" in html and 'data-seats-left="1"' in html
    assert 'data-my-status="registered"' in html


def test_a_full_session_page_offers_the_waiting_list_and_a_stale_click_is_explained(
        compliance):
    w = future_session(compliance, capacity=1)
    person = make_person(language="ja")
    browser = client_for(person)
    page = browser.get(f"/learn/workshops/{w.pk}/").content.decode()
    assert "登録する" in page  # a seat is free as they look
    workshops.registration_create(user=make_person(), workshop=w)  # someone else is faster
    r = browser.post(f"/learn/workshops/{w.pk}/register/")
    assert r.status_code == 409
    html = r.content.decode()
    assert "満席" in html and 'name="waitlist" value="1"' in html
    assert not WorkshopRegistration.objects.filter(user=person).exists()
    r = browser.post(f"/learn/workshops/{w.pk}/register/", {"waitlist": "1"}, follow=True)
    assert "キャンセル待ち" in r.content.decode()
    assert WorkshopRegistration.objects.get(user=person).status == "waiting"


def test_a_bad_new_workshop_keeps_what_was_typed(compliance):
    browser = client_for(compliance)
    day = (timezone.localdate() + dt.timedelta(days=5)).isoformat()
    r = browser.post("/learn/workshops/new/", {
        "title_en": "Keep me", "title_ja": "残して", "description_en": "Long text",
        "starts_at": f"{day}T10:00", "ends_at": f"{day}T11:00", "time_zone": "Europe/Londn",
        "place": "Room 1", "capacity": "12"}, HTTP_ACCEPT_LANGUAGE="en")
    assert r.status_code == 400
    html = r.content.decode()
    assert "Unknown time zone" in html and "Europe/Londn" in html
    assert 'value="Keep me"' in html and "Long text" in html and 'value="12"' in html
    assert not Workshop.objects.exists()


def test_a_new_weekly_series_is_made_from_the_form_in_the_sessions_zone(compliance):
    browser = client_for(compliance)
    day = (timezone.localdate() + dt.timedelta(days=5)).isoformat()
    r = browser.post("/learn/workshops/new/", {
        "title_en": "Weekly", "starts_at": f"{day}T10:00", "ends_at": f"{day}T11:30",
        "time_zone": "America/New_York", "online_url": "https://meet.example/w",
        "capacity": "8", "frequency": "weekly", "count": "3"})
    assert r.status_code == 302
    sessions = list(Workshop.objects.order_by("starts_at"))
    assert len(sessions) == 3
    local = sessions[0].starts_at.astimezone(dt.timezone(dt.timedelta(hours=-5)))
    assert sessions[0].time_zone == "America/New_York"
    assert sessions[0].ends_at - sessions[0].starts_at == dt.timedelta(minutes=90)
    assert local.minute == 0
    r = browser.get(r["Location"])
    assert "America/New_York" in r.content.decode()


def test_the_organizer_edits_the_series_from_its_page(compliance):
    browser = client_for(compliance)
    start = dt.datetime.combine(timezone.localdate() + dt.timedelta(days=6), dt.time(9))
    series = workshops.series_create(actor=compliance, starts_at=start,
                                     ends_at=start + dt.timedelta(hours=1), frequency="weekly",
                                     count=2, title_en="Old", title_ja="旧", place="Room 1",
                                     time_zone="Asia/Tokyo", capacity=5)
    form = browser.get(f"/learn/workshops/series/{series.pk}/edit/").content.decode()
    assert 'value="Old"' in form and f'value="{start:%Y-%m-%dT%H:%M}"' in form
    r = browser.post(f"/learn/workshops/series/{series.pk}/edit/", {
        "title_en": "New", "title_ja": "新", "starts_at": f"{start:%Y-%m-%dT%H:%M}",
        "ends_at": f"{start + dt.timedelta(hours=1):%Y-%m-%dT%H:%M}", "time_zone": "Asia/Tokyo",
        "place": "Room 7", "capacity": "5", "frequency": "weekly", "count": "2"})
    assert r.status_code == 302
    assert set(series.sessions.values_list("title_en", "place")) == {("New", "Room 7")}
    assert {s.starts_at for s in series.sessions.all()} == {
        timezone.make_aware(start + dt.timedelta(weeks=i), timezone.get_fixed_timezone(540))
        for i in range(2)}


def test_the_organizer_marks_attendance_and_reads_the_feedback(compliance):
    w = session_at(timezone.now() - dt.timedelta(hours=3))
    came, absent = make_person(username="came"), make_person(username="absent")
    r1 = WorkshopRegistration.objects.create(workshop=w, user=came, status="registered")
    r2 = WorkshopRegistration.objects.create(workshop=w, user=absent, status="registered")
    organizer = client_for(compliance)
    page = organizer.get(f"/learn/workshops/{w.pk}/").content.decode()
    assert f'name="r{r1.pk}"' in page and 'type="radio"' in page
    r = organizer.post(f"/learn/workshops/{w.pk}/attendance/",
                       {f"r{r1.pk}": "attended", f"r{r2.pk}": "no_show"})
    assert r.status_code == 302
    r1.refresh_from_db(), r2.refresh_from_db()
    assert (r1.attendance, r2.attendance) == ("attended", "no_show")
    attendee = client_for(came)
    assert "rating" in attendee.get(f"/learn/workshops/{w.pk}/").content.decode()
    bad = attendee.post(f"/learn/workshops/{w.pk}/feedback/", {"comment": "Kept text"})
    assert bad.status_code == 400 and "Kept text" in bad.content.decode()
    attendee.post(f"/learn/workshops/{w.pk}/feedback/", {"rating": "4", "comment": "<b>Nice</b>"})
    no_show = client_for(absent).post(f"/learn/workshops/{w.pk}/feedback/", {"rating": "1"})
    assert no_show.status_code == 403
    page = organizer.get(f"/learn/workshops/{w.pk}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'data-average="4.0"' in page
    assert "&lt;b&gt;Nice&lt;/b&gt;" in page and "<b>Nice</b>" not in page


def test_the_list_shows_times_in_the_sessions_zone_and_the_readers(compliance):
    w = future_session(compliance, time_zone="Europe/London")
    html = client_for(make_person(language="en")).get("/learn/workshops/").content.decode()
    assert "(Europe/London)" in html and "Your time" in html and "(Asia/Tokyo)" in html
    assert f'data-workshop="{w.pk}"' in html


def test_the_online_link_is_shown_only_to_people_registered(compliance):
    w = future_session(compliance, online_url="https://meet.example/secret")
    person = make_person()
    browser = client_for(person)
    assert "meet.example/secret" not in browser.get(f"/learn/workshops/{w.pk}/").content.decode()
    workshops.registration_create(user=person, workshop=w)
    assert "meet.example/secret" in browser.get(f"/learn/workshops/{w.pk}/").content.decode()


def test_anonymous_visitors_cannot_download_an_invitation(world):
    r = Client().get(f"/learn/workshops/{world['w']}/invite.ics")
    assert r.status_code == 302 and "/accounts/login/" in r["Location"]
