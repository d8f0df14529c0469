"""In a real browser: sign in, and the self-check shows findings live as the person types."""

import pytest

from koe.people.testing import PASSWORD, make_person
from koe.web.testing import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_sign_in_and_see_findings_live_while_typing(page, live_server):
    make_person(username="emma", language="en", mfa=False)
    sign_in(page, live_server, "emma", PASSWORD)
    assert page.locator("h1").inner_text().startswith("Welcome")
    page.goto(f"{live_server.url}/check/")
    page.locator("#id_text").press_sequentially("Put your savings here: guaranteed returns!",
                                                delay=5)
    finding = page.locator("li.finding[data-rule=R101]")
    finding.wait_for()
    assert "Do this instead" in finding.inner_text()
    assert page.locator("mark.major").inner_text() == "guaranteed returns"
    assert page.locator("[data-verdict]").get_attribute("data-verdict") == "review"
    # Fixing the text clears the finding without a reload.
    page.locator("#id_text").fill("Our fund's report is out — risks explained on the official page.")
    page.locator("[data-verdict=ok]").wait_for()
    assert page.locator("li.finding").count() == 0


def test_a_person_with_a_sensitive_role_signs_in_with_a_one_time_code(page, live_server):
    make_person("legal", username="leo", language="en")
    sign_in(page, live_server, "leo", PASSWORD, totp_secret="JBSWY3DPEHPK3PXP")
    assert "/accounts/" not in page.url
    assert page.locator("h1").inner_text().startswith("Welcome")
