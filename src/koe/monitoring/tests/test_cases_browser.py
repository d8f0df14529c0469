"""In a real browser, in Japanese: the person reads the coaching note and answers with the
keyboard (a reason is required to disagree); the reviewer reads the answer on the case page."""

import os
from pathlib import Path

import pytest

from koe.monitoring import services
from koe.people.testing import PASSWORD, make_person
from koe.web.testing import sign_in

from .cases_util import make_case

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = Path(os.environ.get("KOE_SCREENSHOTS", "/tmp/koe-screenshots"))


def test_answer_a_coaching_note_and_the_reviewer_reads_it(page, live_server, mailoutbox):
    taro = make_person(username="taro", language="ja", mfa=False, display_name="山田 太郎")
    make_person("reviewer", username="rei", language="ja", display_name="広報 玲")
    case = make_case(taro, category="secret", action="coach_and_review")
    services.cases_process_new(case_ids=[case.pk])
    SHOTS.mkdir(parents=True, exist_ok=True)

    sign_in(page, live_server, "taro", PASSWORD)
    page.goto(f"{live_server.url}/monitoring/my-cases/")
    assert page.locator("h1").inner_text() == "自分のケース"
    page.screenshot(path=str(SHOTS / "my-cases-ja.png"), full_page=True)
    page.locator(f"tr[data-case='{case.pk}'] a").click()
    page.wait_for_url(f"**/monitoring/my-cases/{case.pk}/")
    assert "より良い伝え方" in page.locator(".coaching-note").inner_text()
    page.screenshot(path=str(SHOTS / "my-case-ja.png"), full_page=True)

    # keyboard only: pick "I think this is wrong", leave the reason empty, send
    page.get_by_label("これは誤りだと思う").focus()
    page.keyboard.press("Space")
    page.get_by_role("button", name="返信を送る").focus()
    page.keyboard.press("Enter")
    page.locator(".field-error").wait_for()
    assert "理由を書いてください" in page.locator(".field-error").inner_text()
    assert page.get_by_label("これは誤りだと思う").is_checked()  # nothing lost
    page.get_by_label("理由、または質問").fill("テスト環境のダミーのパスワードです")
    page.get_by_role("button", name="返信を送る").click()
    page.wait_for_url(f"**/monitoring/my-cases/{case.pk}/")
    assert "返信はソーシャルメディア担当に届きました" in page.locator(".messages").inner_text()

    page.context.clear_cookies()
    sign_in(page, live_server, "rei", PASSWORD, totp_secret="JBSWY3DPEHPK3PXP")
    page.goto(f"{live_server.url}/monitoring/cases/{case.pk}/")
    assert "テスト環境のダミーのパスワードです" in page.locator(".replies").inner_text()
    assert "Hunter2" not in page.content()
    page.screenshot(path=str(SHOTS / "case-ja.png"), full_page=True)
    page.get_by_role("button", name="返信を既読にする").click()
    page.wait_for_url(f"**/monitoring/cases/{case.pk}/")
    assert page.locator(".timeline li[data-kind='replies_seen']").count() == 1
