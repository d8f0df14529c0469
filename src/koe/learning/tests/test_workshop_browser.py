"""In a real browser: an employee opens the workshop list, registers, sees the confirmation
and one seat fewer; a second person finds the session full and joins the waiting list; when
the first cancels, the second gets the seat. Screenshots of the Japanese pages go to
KOE_SCREENSHOT_DIR when it is set."""

import os
import zoneinfo

import pytest

from koe.learning.models import WorkshopRegistration
from koe.people.models import Notification
from koe.people.testing import PASSWORD, make_person
from koe.web.testing import sign_in

from .workshops_testing import future_session

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _shot(page, name):
    folder = os.environ.get("KOE_SCREENSHOT_DIR")
    if folder:
        page.screenshot(path=os.path.join(folder, name), full_page=True)


def test_register_for_a_workshop_and_a_second_person_lands_on_the_waiting_list(page,
                                                                               live_server):
    organizer = make_person("compliance", mfa=False)
    w = future_session(organizer, capacity=1, time_zone="Europe/London")
    make_person(username="emma", language="en", mfa=False)
    taro = make_person(username="taro", language="ja", mfa=False)

    sign_in(page, live_server, "emma", PASSWORD)
    page.goto(f"{live_server.url}/learn/")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Workshops").click()
    page.wait_for_url("**/learn/workshops/")
    item = page.locator(f"li[data-workshop='{w.pk}']")
    assert item.locator("[data-seats-left]").get_attribute("data-seats-left") == "1"
    assert "(Europe/London)" in item.inner_text()
    item.get_by_role("link", name=w.title_en).click()
    page.wait_for_url(f"**/learn/workshops/{w.pk}/")
    page.get_by_role("button", name="Register").click()
    page.locator("[data-my-status=registered]").wait_for()
    assert "You are registered. A confirmation" in page.locator(".messages").inner_text()
    assert page.locator("[data-seats-left]").get_attribute("data-seats-left") == "0"
    page.goto(f"{live_server.url}/learn/workshops/")
    assert "Full" in page.locator(f"li[data-workshop='{w.pk}'] .ws-seats").inner_text()

    page.context.clear_cookies()
    sign_in(page, live_server, "taro", PASSWORD)
    page.goto(f"{live_server.url}/learn/workshops/")
    _shot(page, "workshops-ja.png")
    page.locator(f"li[data-workshop='{w.pk}'] h2 a").click()
    page.wait_for_url(f"**/learn/workshops/{w.pk}/")
    assert page.get_by_role("button", name="登録する", exact=True).count() == 0
    page.get_by_role("button", name="キャンセル待ちに登録する").click()
    page.locator("[data-my-status=waiting]").wait_for()
    assert "1 番目" in page.locator("[data-my-status=waiting]").inner_text()
    _shot(page, "workshop-ja.png")
    assert WorkshopRegistration.objects.get(user=taro).status == "waiting"

    page.context.clear_cookies()
    sign_in(page, live_server, "emma", PASSWORD)
    page.goto(f"{live_server.url}/learn/workshops/{w.pk}/")
    page.get_by_role("button", name="Cancel my registration").click()
    # The freed seat went straight to taro: for emma the session is full again.
    page.get_by_role("button", name="Join the waiting list").wait_for()
    assert "Your registration is cancelled." in page.locator(".messages").inner_text()
    assert WorkshopRegistration.objects.get(user=taro).status == "registered"
    assert Notification.objects.filter(user=taro, kind="workshop.promoted").exists()


def test_a_reader_elsewhere_sees_the_session_in_their_own_time_zone(chromium, live_server):
    organizer = make_person("compliance", mfa=False)
    w = future_session(organizer, time_zone="Asia/Tokyo")
    make_person(username="nina", language="en", mfa=False)
    context = chromium.new_context(locale="en-US", timezone_id="America/New_York")
    page = context.new_page()
    try:
        sign_in(page, live_server, "nina", PASSWORD)
        page.goto(f"{live_server.url}/learn/workshops/{w.pk}/")
        viewer = page.locator("[data-viewer-time]")
        viewer.wait_for()
        expected = w.starts_at.astimezone(zoneinfo.ZoneInfo("America/New_York"))
        assert viewer.inner_text().startswith(f"Your time: {expected:%Y-%m-%d %H:%M}")
        assert "(America/New_York)" in viewer.inner_text()
        assert "(Asia/Tokyo)" in page.locator(".ws-when").inner_text()
    finally:
        context.close()
