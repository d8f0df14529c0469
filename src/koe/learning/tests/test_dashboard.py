"""The training dashboard: managers see their reports, report roles see everyone, others 403;
rates by department and month by month; the overdue list and its CSV."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from django.utils import timezone

from koe.learning import services
from koe.learning.dashboards import month_ends, people_in_scope, report_ids, training_dashboard
from koe.learning.models import Certificate, Enrollment
from koe.people.testing import client_for, make_person

pytestmark = pytest.mark.django_db


@pytest.fixture
def org(sales, engineering, course, track):
    boss = make_person(username="boss", department=sales)
    lead = make_person(username="lead", department=sales, manager=boss)
    ana = make_person(username="ana", first_name="Ana", last_name="Ito", department=sales,
                      manager=lead)
    ben = make_person(username="ben", department=engineering, manager=boss)
    zoe = make_person(username="zoe", department=engineering)  # reports to nobody here
    today = timezone.localdate()
    for person, due in ((ana, today - dt.timedelta(days=5)), (ben, today - dt.timedelta(days=2)),
                        (zoe, today - dt.timedelta(days=9)), (lead, today + dt.timedelta(days=9))):
        services.enrollment_create(user=person, course=course, due_on=due)
    Enrollment.objects.filter(user=lead).update(completed_at=timezone.now())
    Certificate.objects.create(user=lead, track=track, issued_on=today - dt.timedelta(days=40),
                               expires_on=today + dt.timedelta(days=300))
    return {"boss": boss, "lead": lead, "ana": ana, "ben": ben, "zoe": zoe}


def test_a_manager_reaches_everyone_down_the_reporting_line(org):
    assert report_ids(org["boss"]) == {org["lead"].pk, org["ana"].pk, org["ben"].pk}
    assert report_ids(org["lead"]) == {org["ana"].pk}
    assert report_ids(org["ana"]) == set()
    assert people_in_scope(org["ana"]) is None


def test_a_manager_sees_only_their_reports_overdue(org):
    html = client_for(org["lead"]).get("/learn/dashboard/").content.decode()
    assert 'data-person="ana"' in html and "Ana Ito" in html
    assert 'data-person="zoe"' not in html and 'data-person="ben"' not in html
    boss = client_for(org["boss"]).get("/learn/dashboard/").content.decode()
    assert 'data-person="ana"' in boss and 'data-person="ben"' in boss
    assert 'data-person="zoe"' not in boss


def test_the_governance_team_sees_everyone(org, compliance):
    r = client_for(compliance).get("/learn/dashboard/")
    assert r.status_code == 200
    html = r.content.decode()
    for name in ("ana", "ben", "zoe"):
        assert f'data-person="{name}"' in html
    assert "Everyone in the organization" in html


def test_people_without_reports_or_the_report_role_get_403(org):
    assert client_for(org["ana"]).get("/learn/dashboard/").status_code == 403
    assert client_for(org["zoe"]).get("/learn/dashboard/overdue.csv").status_code == 403
    assert client_for(make_person("publisher")).get("/learn/dashboard/").status_code == 403


def test_anonymous_visitors_are_sent_to_sign_in(client, org):
    for url in ("/learn/dashboard/", "/learn/dashboard/overdue.csv"):
        r = client.get(url)
        assert r.status_code == 302 and "/accounts/login/" in r["Location"]


def test_an_unknown_filter_is_404(org, compliance):
    c = client_for(compliance)
    assert c.get("/learn/dashboard/?department=nowhere").status_code == 404
    assert c.get("/learn/dashboard/?course=nope").status_code == 404
    assert c.get("/learn/dashboard/overdue.csv?track=nope").status_code == 404


def test_rates_by_department(org, compliance):
    d = training_dashboard(compliance)
    rows = {r.department: (r.assigned, r.completed, r.overdue, r.rate) for r in d.completion}
    assert rows == {"Sales": (2, 1, 1, 50), "Engineering": (2, 0, 2, 0)}
    cert = {name: (people, n) for name, people, n in d.certification}
    # Sales has boss, lead, ana and the compliance officer chie; only lead is certified.
    assert cert["Sales"] == (4, 1) and cert["Engineering"] == (2, 0)
    assert d.track.code == "all-staff"


def test_rates_over_time_follow_completions_and_certificates(org, compliance):
    today = timezone.localdate()
    d = training_dashboard(compliance, months=3, today=today)
    assert d.months == [m for m, _ in month_ends(3, today)]
    completion = {s.label: s.values for s in d.completion_trend}
    assert completion["Sales"][-1] == 50 and completion["Engineering"][-1] == 0
    certification = {s.label: s.values for s in d.certification_trend}
    assert certification["Sales"][-1] == 25
    assert certification["Sales"][0] == 0  # the certificate was issued 40 days ago


def test_month_ends_cross_the_year():
    assert month_ends(3, dt.date(2026, 1, 15)) == [("2025-11", dt.date(2025, 11, 30)),
                                                   ("2025-12", dt.date(2025, 12, 31)),
                                                   ("2026-01", dt.date(2026, 1, 15))]


def test_the_page_draws_charts_over_time(org, compliance):
    html = client_for(compliance).get("/learn/dashboard/").content.decode()
    assert html.count("<polyline") >= 3  # two departments' completion, their certification
    assert "Completion rate by department, month by month" in html


def test_the_department_filter_narrows_everything(org, compliance, engineering):
    html = client_for(compliance).get("/learn/dashboard/?department=engineering").content.decode()
    assert 'data-person="ben"' in html and 'data-person="ana"' not in html


def test_the_overdue_csv_has_department_course_due_and_days(org):
    r = client_for(org["boss"]).get("/learn/dashboard/overdue.csv")
    assert r.status_code == 200 and r["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(r.content.decode("utf-8-sig"))))
    today = timezone.localdate()
    assert rows[0] == ["Person", "User name", "Department", "Course", "Due", "Days overdue"]
    assert rows[1:] == [
        ["Ana Ito", "ana", "Sales", "Basics", (today - dt.timedelta(days=5)).isoformat(), "5"],
        ["ben", "ben", "Engineering", "Basics", (today - dt.timedelta(days=2)).isoformat(), "2"]]


def test_the_csv_never_starts_a_cell_with_a_formula(org, compliance, course):
    course.title_en = "=HYPERLINK(\"http://evil\")"
    course.save()
    text = client_for(compliance).get("/learn/dashboard/overdue.csv").content.decode("utf-8-sig")
    assert "'=HYPERLINK" in text and "\n=HYPERLINK" not in text.replace(",=", "\n=")


def test_the_csv_is_in_japanese_for_japanese_readers(org, compliance):
    compliance.language = "ja"
    compliance.save()
    r = client_for(compliance).get("/learn/dashboard/overdue.csv", HTTP_ACCEPT_LANGUAGE="ja")
    header = r.content.decode("utf-8-sig").splitlines()[0]
    assert "部署" in header and "Department" not in header
