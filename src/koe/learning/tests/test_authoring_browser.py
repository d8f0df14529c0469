"""In a real browser: an author builds a course (a bad video link is refused with the text kept),
reorders its modules, previews it with the embedded player, and the dashboard draws its charts."""

import pytest

from koe.learning.models import Track
from koe.people.testing import PASSWORD, make_person
from koe.web.testing import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TOTP = "JBSWY3DPEHPK3PXP"


def test_an_author_builds_reorders_and_previews_a_course(page, live_server):
    Track.objects.create(code="all-staff", name_en="All staff", name_ja="全社員")
    make_person("hr", username="hana", language="en")
    sign_in(page, live_server, "hana", PASSWORD, totp_secret=TOTP)
    page.goto(f"{live_server.url}/learn/manage/courses/new/")
    page.fill("#id_slug", "two-factor")
    page.select_option("#id_track", label="All staff")
    page.fill("#id_title_en", "Two-factor sign-in")
    page.fill("#id_title_ja", "二要素認証")
    page.get_by_role("button", name="Save the course").click()
    page.wait_for_url("**/learn/manage/courses/two-factor/")

    for title, body in (("Why", "Passwords leak."), ("How", "Use **an app**.")):
        page.get_by_role("link", name="Add a module").click()
        page.fill("#id_title_en", title)
        page.fill("#id_body_en", body)
        if title == "How":
            page.fill("#id_video_url", "youtube.com/watch?v=dQw4w9WgXcQ")
            page.get_by_role("button", name="Save the module").click()
            page.locator("#id_video_url_error").get_by_text("is not a full https:// address").wait_for()
            assert page.locator("#id_body_en").input_value() == "Use **an app**."
            page.fill("#id_video_url", "https://www.youtube.com/watch?v=dQw4w9WgXcQ")
        page.get_by_role("button", name="Save the module").click()
        page.wait_for_url("**/learn/manage/courses/two-factor/**")

    page.get_by_role("button", name="Move “How” up").click()
    page.wait_for_load_state("networkidle")
    assert page.locator(".author-modules li strong").all_inner_texts() == ["How", "Why"]

    page.get_by_role("link", name="Preview as a learner").click()
    page.wait_for_url("**/preview/")
    assert page.locator(".learning-module h2").all_inner_texts() == ["1. How", "2. Why"]
    assert page.locator("iframe").get_attribute("src") == \
        "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"
    assert page.locator(".learning-module strong").first.inner_text() == "an app"
