"""In a real browser, in Japanese, with demo-like data (about 400 cases over 24 weeks):
the analytics and problem-area pages draw their charts, and a guidance article is written from
the worst rule. Screenshots go to $KOE_SCREENSHOTS (default: the temp folder)."""

from __future__ import annotations

import datetime as dt
import os
import random
import tempfile

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from koe.community.models import Document
from koe.people.testing import PASSWORD, DepartmentFactory, make_person
from koe.web.testing import sign_in

from .analytics_factories import make_case

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TOTP_SECRET = "JBSWY3DPEHPK3PXP"  # make_person's
SHOTS = os.environ.get("KOE_SCREENSHOTS", tempfile.gettempdir())
DEPARTMENTS = [("sales", "Sales", "営業部", 14), ("eng", "Engineering", "開発部", 18),
               ("pr", "Communications", "広報部", 6), ("support", "Support", "カスタマーサポート部", 10)]
RULES = [("P101", "pii", 9), ("P102", "pii", 5), ("S101", "secret", 3), ("S103", "secret", 4),
         ("C101", "confidential", 6), ("L101", "leak", 2), ("H101", "harassment", 3),
         ("D101", "disclosure", 7), ("R101", "claims", 2), ("O101", "spokesperson", 2)]
REASONS = ["社外向けの公開アドレスです", "テスト用の番号です", "既に公開済みの情報です"]


@pytest.fixture(autouse=True)
def _totp_tolerance(settings):
    settings.MFA_TOTP_TOLERANCE = 1


def _demo_like_data():
    rng = random.Random(5)
    people = []
    for code, en, ja, size in DEPARTMENTS:
        dept = DepartmentFactory(code=code, name_en=en, name_ja=ja)
        people += [make_person(username=f"{code}{n}", department=dept, mfa=False)
                   for n in range(size)]
    today = timezone.localdate()
    seen: set[int] = set()
    for _n in range(400):
        person = rng.choice(people[: len(people) // 2] if rng.random() < .6 else people)
        code, category, _weight = rng.choices(RULES, weights=[w for *_x, w in RULES])[0]
        day = today - dt.timedelta(days=int(rng.triangular(0, 167, 20)))  # and the 12 weeks before
        dismissed = code in ("P101", "P102") and rng.random() < .35
        findings = [(code, category, rng.choice(REASONS)) if dismissed else (code, category)]
        make_case(person=person, category=category, repeat=person.pk in seen,
                  opened=day.isoformat(), hour=rng.randint(8, 20),
                  resolved_after_hours=(rng.choice([1, 2, 3, 5, 8, 24, 48, 72])
                                        if day < today - dt.timedelta(days=2) else None),
                  findings=findings)
        seen.add(person.pk)


def test_analytics_and_problem_areas_in_japanese(chromium, live_server):
    _demo_like_data()
    chie = make_person("compliance", username="chie", language="ja",
                       department=DepartmentFactory(code="gov", name_en="Governance",
                                                    name_ja="ガバナンス部"))
    context = chromium.new_context(locale="ja-JP", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    try:
        sign_in(page, live_server, chie.username, PASSWORD, totp_secret=TOTP_SECRET)
        page.goto(f"{live_server.url}/monitoring/analytics/")
        expect(page.locator("h1")).to_contain_text("モニタリング分析")
        expect(page.locator("svg[role=img]").first).to_be_visible()
        assert page.locator("#weeks-t").text_content() == "週ごとの確定した検出（カテゴリ別）"
        assert page.locator("svg[aria-labelledby='weeks-t weeks-d'] rect").count() >= 12
        assert "営業部" in (page.locator("#dept-h ~ svg").text_content() or "")
        page.screenshot(path=os.path.join(SHOTS, "koe-analytics-ja.png"), full_page=True)

        page.get_by_role("link", name="問題の多い分野").click()
        expect(page.locator("h1")).to_contain_text("問題の多い分野")
        expect(page.locator("#score-explained")).to_contain_text("100 人あたり")
        rows = page.locator("#rules tbody tr")
        assert rows.count() == len(RULES)
        page.screenshot(path=os.path.join(SHOTS, "koe-problem-areas-ja.png"), full_page=True)

        top = rows.first.get_attribute("data-rule")
        rows.first.get_by_role("link", name="ガイダンスを書く").click()
        expect(page.locator("textarea[name=body_ja]")).to_contain_text("## 何を確認するか")
        page.get_by_role("button", name="ブランドライブラリに公開する").click()
        page.wait_for_url("**/community/library/*/")
        doc = Document.objects.get()
        assert top in doc.title_ja
        page.goto(f"{live_server.url}/monitoring/analytics/problem-areas/")
        expect(page.locator(f"tr[data-rule='{top}'] .actions-done")).to_contain_text("ガイダンス")

        page.get_by_role("link", name="ルールの精度").click()
        expect(page.locator("#prec-t")).to_have_text("ルール別の精度（%、低い順）")
        first = page.locator("#precision tbody tr").first.get_attribute("data-rule")
        assert first in ("P101", "P102")
        page.screenshot(path=os.path.join(SHOTS, "koe-precision-ja.png"), full_page=True)
    finally:
        context.close()
