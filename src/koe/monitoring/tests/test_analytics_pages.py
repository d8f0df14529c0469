"""Analytics pages: who may see them, the numbers they show, the filters, and the actions
started from the problem areas (guidance article, training) with their audit trail."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from koe.audit.models import AuditEntry
from koe.community.models import Document
from koe.learning.models import Course, Enrollment
from koe.people.testing import assert_page_access, client_for, make_person

from .analytics_factories import make_case, make_world

pytestmark = pytest.mark.django_db

RANGE = {"start": "2026-03-02", "end": "2026-03-15"}
RULE_URL = "/policy/rules/P101/"
PAGES = ["/monitoring/analytics/", "/monitoring/analytics/problem-areas/",
         "/monitoring/analytics/precision/"]


@pytest.fixture
def world():
    return make_world()


def text_of(response) -> str:
    """The page as a reader sees it: tags dropped, whitespace collapsed."""
    html = response.content.decode()
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def row(response, attr: str, key: str) -> str:
    match = re.search(rf'<tr[^>]*{attr}="{re.escape(key)}"[^>]*>(.*?)</tr>',
                      response.content.decode(), flags=re.S)
    assert match, f"no row {attr}={key}"
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", match.group(1))).strip()


@pytest.mark.parametrize("url", PAGES)
@pytest.mark.parametrize("role", ["compliance", "hr", "legal", "reviewer", "admin"])
def test_governance_roles_see_the_analytics_and_employees_get_403(db, url, role):
    assert_page_access("get", url, 403, role, 200)


def test_it_shows_the_summary_figures(world):
    r = client_for(world["chie"]).get(PAGES[0], RANGE)
    assert r.status_code == 200
    text = text_of(r)
    assert "5 confirmed findings" in text and "2 dismissed as false positives" in text
    assert "60% of cases are repeats (3 of 5)" in text
    assert "25% of people have more than one case (1 of 4)" in text
    assert "4 h median time to resolution" in text and "10 h 90 % resolved within" in text


def test_it_shows_repeat_rates_and_resolution_tables(world):
    r = client_for(world["chie"]).get(PAGES[0], RANGE)
    assert row(r, "data-repeat-department", "sales").split() == ["Sales", "4", "3", "75%"]
    assert row(r, "data-repeat-category", "secret").split()[-3:] == ["2", "2", "100%"]
    assert row(r, "data-resolution-category", "pii").split()[-3:] == ["2", "2", "4"]
    assert row(r, "data-resolution-week", "2026-03-09").split() == ["2026-03-09", "2", "6", "10"]


def test_charts_are_accessible_svg_with_a_table_of_the_numbers(world):
    r = client_for(world["chie"]).get(PAGES[0], RANGE)
    html = r.content.decode()
    assert html.count('role="img"') >= 6
    assert '<title id="weeks-t">Confirmed findings per week, by category</title>' in html
    assert '<desc id="cat-d">' in html and 'aria-labelledby="cat-t cat-d"' in html
    # columns: pii, secret, claims (the categories with findings), total
    assert row(r, "data-week", "2026-03-02").split() == ["2026-03-02", "2", "0", "0", "2"]
    assert row(r, "data-rule", "P101").split() == ["P101", "E-mail", "address", "2"]


def test_filters_narrow_the_page_and_keep_what_was_typed(world):
    r = client_for(world["chie"]).get(PAGES[0], {**RANGE, "department": "eng"})
    assert "1 confirmed findings" in text_of(r) or "1 confirmed finding" in text_of(r)
    assert '<option value="eng" selected>' in r.content.decode()


def test_a_bad_filter_says_what_and_where_and_keeps_the_input(world):
    r = client_for(world["chie"]).get(PAGES[0], {"start": "2026-02-31", "end": "2026-03-15"})
    assert r.status_code == 400
    html = r.content.decode()
    assert "The start date “2026-02-31” is not a date" in html
    assert 'value="2026-02-31" class="invalid" aria-invalid="true"' in html


def test_pages_read_in_japanese(world):
    chie = world["chie"]
    chie.language = "ja"
    chie.save()
    r = client_for(chie).get(PAGES[0], RANGE)
    text = text_of(r)
    assert "モニタリング分析" in text and "営業部" in text and "再発" in text
    r = client_for(chie).get(PAGES[1], RANGE)
    assert "問題の多い分野" in text_of(r) and "スコア" in text_of(r)


def test_problem_areas_rank_rules_and_departments_with_the_score_explained(world):
    r = client_for(world["chie"]).get(PAGES[1], RANGE)
    html = r.content.decode()
    assert "Score = confirmed findings per 100 people × (1 + share of those cases" in text_of(r)
    assert html.index('data-rule="S101"') < html.index('data-rule="P101"') < html.index(
        'data-rule="R101"')
    assert row(r, "data-rule", "S101").split()[-7:] == ["2", "28.6", "100%", "new", "57.1",
                                                        "Write", "guidance"]
    assert "▲ +100%" in row(r, "data-rule", "P101")
    sales = row(r, "data-department", "sales")
    assert sales.startswith("1 Sales") and "4 4 100 75% ▲ +300% 175" in sales
    assert "Assign training" in sales


def test_problem_area_actions_follow_the_permissions(world):
    hr = make_person("hr")
    r = client_for(hr).get(PAGES[1], RANGE)
    assert "Assign training" in r.content.decode() and "Write guidance" not in r.content.decode()
    assert client_for(hr).get("/monitoring/analytics/problem-areas/rules/P101/guidance/").status_code == 403
    legal = make_person("legal")
    assert client_for(legal).get("/monitoring/analytics/problem-areas/departments/sales/training/").status_code == 403
    employee = make_person()
    assert client_for(employee).get("/monitoring/analytics/problem-areas/rules/P101/guidance/").status_code == 403


def test_guidance_is_prefilled_from_the_rule_in_both_languages(world):
    c = client_for(world["chie"])
    r = c.get("/monitoring/analytics/problem-areas/rules/P101/guidance/")
    html = r.content.decode()
    assert r.status_code == 200
    assert "## What it checks" in html and "## Do this instead" in html
    assert "## 何を確認するか" in html
    assert RULE_URL in html and "/monitoring/analytics/problem-areas/" in html
    assert c.get("/monitoring/analytics/problem-areas/rules/ZZ999/guidance/").status_code == 404


def test_guidance_is_published_audited_and_linked_from_the_row(world):
    c = client_for(world["chie"])
    form = c.get("/monitoring/analytics/problem-areas/rules/P101/guidance/").context["form"]
    r = c.post("/monitoring/analytics/problem-areas/rules/P101/guidance/",
               {k: form.initial[k] for k in ("title_en", "title_ja", "body_en", "body_ja")})
    doc = Document.objects.get()
    assert r.status_code == 302 and r["Location"] == f"/community/library/{doc.pk}/"
    assert doc.title_en.startswith("Guidance: ") and "P101" in doc.title_ja
    assert doc.kind == "guidance"
    assert "## Why it matters" in doc.body_en and RULE_URL in doc.body_ja
    actions = list(AuditEntry.objects.order_by("seq").values_list("action", flat=True))
    assert actions[-2:] == ["library.document_create", "monitoring.guidance_create"]
    page = c.get(PAGES[1], RANGE)
    assert f'href="/community/library/{doc.pk}/"' in row(page, "data-rule", "P101") or \
        f'/community/library/{doc.pk}/' in page.content.decode()
    assert f"Guidance: {doc.title_en}" in row(page, "data-rule", "P101")


def test_guidance_without_a_title_is_refused_with_the_text_kept(world):
    c = client_for(world["chie"])
    r = c.post("/monitoring/analytics/problem-areas/rules/P101/guidance/",
               {"title_en": "", "title_ja": "", "body_en": "Keep this text", "body_ja": ""})
    assert r.status_code == 400 and not Document.objects.exists()
    assert "A title is required" in r.content.decode() and "Keep this text" in r.content.decode()


@pytest.fixture
def course(db):
    return Course.objects.create(slug="posting-basics", title_en="Posting basics",
                                 title_ja="投稿の基本")


def test_training_is_assigned_to_the_department_with_a_due_date_and_audited(world, course):
    c = client_for(world["chie"])
    due = timezone.localdate() + dt.timedelta(days=14)
    r = c.post("/monitoring/analytics/problem-areas/departments/sales/training/",
               {"course": course.pk, "due_on": due.isoformat()})
    assert r.status_code == 302 and r["Location"].endswith("/problem-areas/#dept-sales")
    enrolled = Enrollment.objects.filter(course=course)
    assert sorted(enrolled.values_list("user__username", flat=True)) == [
        "alice", "bob", "carol", "erin"]  # frank has left
    assert {e.due_on for e in enrolled} == {due}
    entry = AuditEntry.objects.filter(action="monitoring.training_assign").get()
    assert entry.data == {"department": "sales", "course": "posting-basics",
                          "title": "Posting basics", "due_on": due.isoformat(), "people": 4}
    assert AuditEntry.objects.filter(action="learning.assign").exists()
    page = c.get(PAGES[1], RANGE)
    sales = row(page, "data-department", "sales")
    assert f"Training: Posting basics, due {due.isoformat()} (4 people)" in sales
    assert 'href="/learn/courses/posting-basics/"' in page.content.decode() or \
        "/courses/posting-basics/" in page.content.decode()


def test_training_with_a_past_due_date_is_refused(world, course):
    c = client_for(world["chie"])
    r = c.post("/monitoring/analytics/problem-areas/departments/sales/training/",
               {"course": course.pk, "due_on": "2020-01-01"})
    assert r.status_code == 400 and "The due date is in the past." in r.content.decode()
    assert not Enrollment.objects.exists()
    assert c.get("/monitoring/analytics/problem-areas/departments/nowhere/training/").status_code == 404


def test_precision_lists_the_worst_rule_first_with_reasons(world):
    r = client_for(world["chie"]).get(PAGES[2], RANGE)
    html = r.content.decode()
    assert html.index('data-rule="P101"') < html.index('data-rule="S101"')
    p101 = row(r, "data-rule", "P101")
    assert p101.startswith("P101 E-mail address 4 2 50%")
    assert "not personal data × 1" in p101 and "test address × 1" in p101
    assert f'href="{RULE_URL}"' in html
    assert '<title id="prec-t">Precision by rule (%), worst first</title>' in html


def test_page_queries_do_not_grow_with_the_number_of_cases(world):
    c = client_for(world["chie"])
    c.get(PAGES[0], RANGE)  # warm the compiled policy and the session
    counts = []
    for extra in (0, 300):
        for i in range(extra):
            make_case(opened=f"2026-03-{2 + i % 14:02d}", category="secret", repeat=i % 3 == 0,
                      resolved_after_hours=i % 40 + 1, findings=[("S101", "secret")])
        per_page = []
        for url in PAGES:
            with CaptureQueriesContext(connection) as q:
                assert c.get(url, RANGE).status_code == 200
            # the published policy's id is re-read every few seconds: not a per-case query
            per_page.append(sum("policies_policyversion" not in x["sql"]
                                for x in q.captured_queries))
        counts.append(per_page)
    assert counts[0] == counts[1], counts
