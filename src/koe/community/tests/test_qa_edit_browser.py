"""In a real browser: a hostile question body never runs, an invisible control character gets a
clear message with the text kept, and the author edits the question and its tags."""

import pytest

from koe.people.testing import PASSWORD, make_person
from koe.web.testing import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_hostile_question_is_shown_inert_and_can_be_edited(page, live_server):
    make_person(username="emma", language="en", mfa=False)
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    sign_in(page, live_server, "emma", PASSWORD)
    page.goto(f"{live_server.url}/community/ask/")
    page.fill("#id_title", "<img src=x onerror=alert('title')>Is this OK?")
    page.fill("#id_body", "Hello\u202e <script>alert('body')</script> **bold**")
    page.get_by_role("button", name="Post the question").click()
    page.get_by_text("invisible control character (U+202E) at position 6").wait_for()
    assert "<script>alert('body')</script>" in page.locator("#id_body").input_value()

    page.fill("#id_body", "Hello <script>alert('body')</script> **bold**")
    page.get_by_role("button", name="Post the question").click()
    page.wait_for_url("**/community/questions/*/")
    assert page.locator("h1").inner_text() == "<img src=x onerror=alert('title')>Is this OK?"
    assert page.locator(".question-body strong").inner_text() == "bold"
    assert page.locator(".question-body script").count() == 0

    page.get_by_role("link", name="Edit").first.click()
    page.fill("#id_title", "Is a retweet an endorsement?")
    page.fill("#id_tags", "retweet, 拡散")
    page.get_by_role("button", name="Save changes").click()
    page.wait_for_url("**/community/questions/*/")
    assert page.locator("h1").inner_text() == "Is a retweet an endorsement?"
    assert "#拡散" in page.locator("p.muted").first.inner_text()
    assert dialogs == []
