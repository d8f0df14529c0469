"""In a real browser: ask about a self-check finding, then find the question by a Japanese
search term."""

import pytest

from koe.people.testing import PASSWORD, make_person
from koe.web.testing import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_ask_a_question_from_a_finding_and_find_it_by_a_japanese_term(page, live_server):
    make_person(username="taro", language="en", mfa=False)
    make_person(username="emma", language="en", mfa=False)
    sign_in(page, live_server, "taro", PASSWORD)
    page.goto(f"{live_server.url}/check/")
    page.locator("#id_text").fill("Put your savings here: guaranteed returns!")
    link = page.locator("li.finding[data-rule=R101] a.ask-about")
    link.wait_for()
    link.click()
    page.wait_for_url("**/community/ask/**")
    assert page.locator("#id_rule_code").input_value() == "R101"
    assert "guaranteed returns" in page.locator("#id_body").input_value()
    page.locator("#id_title").fill("「元本保証」と書いてもいいですか")
    page.locator("#id_tags").fill("金融")
    page.get_by_role("button", name="Post the question").click()
    page.wait_for_url("**/community/questions/*/")
    assert "元本保証" in page.locator("h1").inner_text()

    page.context.clear_cookies()
    sign_in(page, live_server, "emma", PASSWORD)
    page.goto(f"{live_server.url}/community/")
    page.locator("#q").fill("元本保証")
    page.get_by_role("button", name="Search").click()
    page.locator(".question-item").first.wait_for()
    assert page.locator(".question-item").count() == 1
    assert "元本保証" in page.locator(".question-item").inner_text()
