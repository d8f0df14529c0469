"""In-app notifications: the bell's unread count on every page, the notifications page (open
one, mark all read), and the API."""

import pytest
from django.db import connection
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext

from koe.people.context import notifications as notifications_context
from koe.people.models import Notification
from koe.people.services import notification_create, notification_from_template
from koe.people.testing import client_for, make_person

pytestmark = pytest.mark.django_db


@pytest.fixture
def emma():
    return make_person(username="emma")


def _note(user, title="Course due", url="/learn/"):
    return notification_create(user=user, kind="learning_reminder", title=title, url=url)


def test_the_bell_shows_the_unread_count_on_every_page(emma):
    _note(emma)
    _note(emma, "Second")
    read = _note(emma, "Old")
    Notification.objects.filter(pk=read.pk).update(read_at=read.created_at)
    _note(make_person(), "Someone else's")
    page = client_for(emma).get("/check/").content.decode()
    assert 'data-unread="2"' in page and 'href="/people/notifications/"' in page


def test_the_count_is_one_query_and_none_for_anonymous(emma):
    _note(emma)
    request = RequestFactory().get("/")
    request.user = emma
    with CaptureQueriesContext(connection) as queries:
        assert notifications_context(request) == {"unread_notifications": 1}
    assert len(queries) == 1 and "COUNT" in queries[0]["sql"].upper()
    from django.contrib.auth.models import AnonymousUser

    request.user = AnonymousUser()
    assert notifications_context(request) == {}


def test_the_page_lists_my_notifications_only(emma):
    _note(emma, "Your course is due")
    _note(make_person(), "Not for Emma")
    body = client_for(emma).get("/people/notifications/").content.decode()
    assert "Your course is due" in body and "Not for Emma" not in body
    assert Client().get("/people/notifications/").status_code == 302  # sign in first


def test_opening_a_notification_marks_it_read_and_goes_to_its_target(emma):
    note = _note(emma, url="/learn/")
    response = client_for(emma).post(f"/people/notifications/{note.pk}/", {"go": "1"})
    assert response.status_code == 302 and response["Location"] == "/learn/"
    note.refresh_from_db()
    assert note.read_at is not None


def test_mark_read_without_going_stays_on_the_list(emma):
    note = _note(emma)
    response = client_for(emma).post(f"/people/notifications/{note.pk}/")
    assert response["Location"] == "/people/notifications/"
    assert Notification.objects.get(pk=note.pk).read_at is not None


def test_a_link_to_another_site_is_not_followed(emma):
    note = _note(emma, url="https://evil.example/phish")
    response = client_for(emma).post(f"/people/notifications/{note.pk}/", {"go": "1"})
    assert response["Location"] == "/people/notifications/"


def test_someone_elses_notification_is_not_found(emma):
    theirs = _note(make_person())
    assert client_for(emma).post(f"/people/notifications/{theirs.pk}/").status_code == 404
    assert Notification.objects.get(pk=theirs.pk).read_at is None


def test_mark_all_read(emma):
    _note(emma)
    _note(emma)
    other = _note(make_person())
    client = client_for(emma)
    assert client.post("/people/notifications/read/").status_code == 302
    assert not Notification.objects.filter(user=emma, read_at__isnull=True).exists()
    assert Notification.objects.get(pk=other.pk).read_at is None
    assert 'data-unread="0"' in client.get("/people/notifications/").content.decode()


def test_the_page_and_titles_are_in_the_persons_language():
    taro = make_person(language="ja")
    notification_from_template(user=taro, kind="grant_restored", template="grant-suspended",
                               context={"grant": {"account": "X @acme_jp"}})
    assert Notification.objects.get(user=taro).title == "X @acme_jp への投稿権限が停止されました"
    body = client_for(taro).get("/people/notifications/").content.decode()
    assert "<h1>通知</h1>" in body and "未読の通知が 1 件あります。" in body


def test_the_api_lists_and_marks_read(emma):
    first = _note(emma, "First")
    _note(emma, "Second")
    _note(make_person(), "Other")
    client = client_for(emma)
    listed = client.get("/api/people/notifications").json()
    assert listed["unread"] == 2 and [n["title"] for n in listed["notifications"]] == [
        "Second", "First"]
    marked = client.post("/api/people/notifications/read", {"ids": [first.pk]},
                         content_type="application/json").json()
    assert marked == {"marked": 1, "unread": 1}
    unread = client.get("/api/people/notifications?unread=true").json()
    assert [n["title"] for n in unread["notifications"]] == ["Second"]
    assert client.post("/api/people/notifications/read", {},
                       content_type="application/json").json() == {"marked": 1, "unread": 0}
    assert Client().get("/api/people/notifications").status_code == 401


def test_the_api_routes_are_in_the_schema(client):
    paths = client.get("/api/openapi.json").json()["paths"]
    assert "/api/people/notifications" in paths and "/api/people/notifications/read" in paths
