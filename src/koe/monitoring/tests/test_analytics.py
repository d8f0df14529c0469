"""Analytics numbers against data made here: every figure a page shows is checked by hand."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import translation

from koe.monitoring import analytics
from koe.web.errors import ValidationFailed

from .analytics_factories import make_case, make_world

pytestmark = pytest.mark.django_db

START, END = "2026-03-02", "2026-03-15"  # two weeks, Monday to Sunday


@pytest.fixture
def world():
    return make_world()


def scope(**kw):
    return analytics.analytics_scope(start=START, end=END, **kw)


def counts(rows):
    return [(r.key, r.count) for r in rows]


def test_confirmed_findings_are_counted_by_category_rule_and_department(world):
    s = scope()
    assert counts(analytics.findings_by_category(s)) == [("pii", 2), ("secret", 2), ("claims", 1)]
    assert counts(analytics.findings_by_rule(s)) == [("P101", 2), ("S101", 2), ("R101", 1)]
    assert counts(analytics.findings_by_department(s)) == [("sales", 4), ("eng", 1)]
    assert analytics.findings_by_rule(s)[0].label == "P101 メールアドレス"  # the readable title


def test_department_labels_follow_the_reader_language(world):
    with translation.override("ja"):
        assert [r.label for r in analytics.findings_by_department(scope())] == ["営業部", "開発部"]


def test_findings_by_week_start_on_monday_and_keep_empty_weeks(world):
    weeks = analytics.findings_by_week(scope())
    assert [(w.start, w.total, w.by_category) for w in weeks] == [
        (dt.date(2026, 3, 2), 2, {"pii": 2}),
        (dt.date(2026, 3, 9), 3, {"secret": 2, "claims": 1})]
    wider = analytics.findings_by_week(analytics.analytics_scope(start="2026-02-16", end=END))
    assert [(w.start.isoformat(), w.total) for w in wider] == [
        ("2026-02-16", 1), ("2026-02-23", 0), ("2026-03-02", 2), ("2026-03-09", 3)]


def test_filters_narrow_every_chart(world):
    eng = scope(department="eng")
    assert counts(analytics.findings_by_category(eng)) == [("claims", 1)]
    pii = scope(category="pii")
    assert counts(analytics.findings_by_department(pii)) == [("sales", 2)]
    assert analytics.analytics_summary(pii).cases == 2
    one_day = analytics.analytics_scope(start="2026-03-10", end="2026-03-10")
    assert counts(analytics.findings_by_rule(one_day)) == [("S101", 1)]


def test_summary_counts_repeats_people_and_resolution_times(world):
    s = analytics.analytics_summary(scope())
    assert (s.findings, s.dismissed, s.cases, s.repeat_cases, s.repeat_rate) == (5, 2, 5, 3, 60.0)
    # alice has two cases; bob, carol and dave one each (dave's dismissed case is no case)
    assert (s.people, s.people_repeat, s.people_repeat_rate) == (4, 1, 25.0)
    # resolved in 2, 4, 6 and 10 hours: median (nearest rank 2 of 4) 4 h, p90 (rank 4) 10 h
    assert (s.resolved, s.median_hours, s.p90_hours) == (4, 4.0, 10.0)


def test_repeat_rates_by_department_and_category(world):
    by_dept = analytics.repeats_by_department(scope())
    assert [(r.key, r.cases, r.repeats, r.rate) for r in by_dept] == [
        ("sales", 4, 3, 75.0), ("eng", 1, 0, 0.0)]
    by_cat = analytics.repeats_by_category(scope())
    assert [(r.key, r.cases, r.repeats, r.rate) for r in by_cat] == [
        ("secret", 2, 2, 100.0), ("pii", 2, 1, 50.0), ("claims", 1, 0, 0.0)]


def test_time_to_resolution_by_category_and_week(world):
    by_cat = {r.key: (r.resolved, r.median_hours, r.p90_hours)
              for r in analytics.resolution_by_category(scope())}
    assert by_cat == {"pii": (2, 2.0, 4.0), "secret": (1, 10.0, 10.0), "claims": (1, 6.0, 6.0)}
    by_week = [(r.key, r.resolved, r.median_hours, r.p90_hours)
               for r in analytics.resolution_by_week(scope())]
    assert by_week == [(dt.date(2026, 3, 2), 2, 2.0, 4.0), (dt.date(2026, 3, 9), 2, 6.0, 10.0)]


def test_percentiles_use_the_nearest_rank_with_ties(world):
    for hours in (1, 1, 1, 1, 1, 1, 1, 1, 1, 50):  # ten cases in April: p90 is rank 9 → 1 h
        make_case(opened="2026-04-06", category="leak", resolved_after_hours=hours)
    s = analytics.analytics_summary(analytics.analytics_scope(start="2026-04-06", end="2026-04-06"))
    assert (s.resolved, s.median_hours, s.p90_hours) == (10, 1.0, 1.0)


def test_problem_rules_are_ranked_by_rate_per_100_people_weighted_by_repeats(world):
    rules = analytics.problem_rules(scope())
    rows = [(a.key, a.findings, a.previous, a.people, a.per_100, a.repeat_rate, a.score, a.trend)
            for a in rules]
    # 7 active people; S101: 2 findings → 28.6 per 100, all repeats → × 2 = 57.1; new (none
    # before). P101: 2 → 28.6, half repeats → × 1.5 = 42.9; one before → +100 %.
    assert rows == [
        ("S101", 2, 0, 7, 28.6, 100.0, 57.1, None),
        ("P101", 2, 1, 7, 28.6, 50.0, 42.9, 100.0),
        ("R101", 1, 0, 7, 14.3, 0.0, 14.3, None)]
    assert rules[0].category == "secret"


def test_problem_departments_count_only_confirmed_findings(world):
    rows = [(a.key, a.findings, a.previous, a.people, a.per_100, a.repeat_rate, a.score, a.trend)
            for a in analytics.problem_departments(scope())]
    # Sales: 4 confirmed findings (the dismissed one does not count) among 4 active people
    # (frank has left) → 100 per 100; 3 of 4 cases are repeats → × 1.75 = 175.
    assert rows == [("sales", 4, 1, 4, 100.0, 75.0, 175.0, 300.0),
                    ("eng", 1, 0, 2, 50.0, 0.0, 50.0, None)]


def test_precision_lists_dismissals_with_their_reasons_worst_first(world):
    rows = analytics.rule_precision(scope())
    assert [(r.code, r.total, r.dismissed, r.precision) for r in rows] == [
        ("P101", 4, 2, 50.0), ("S101", 2, 0, 100.0), ("R101", 1, 0, 100.0)]
    assert rows[0].reasons == [("not personal data", 1), ("test address", 1)]


def test_scope_defaults_to_twelve_weeks_from_a_monday():
    s = analytics.analytics_scope(today=dt.date(2026, 3, 12))  # a Thursday
    assert (s.start, s.end) == (dt.date(2025, 12, 22), dt.date(2026, 3, 12))
    assert s.start.weekday() == 0 and len(analytics.weeks_of(s)) == 12
    assert (s.previous().start, s.previous().end) == (dt.date(2025, 10, 2), dt.date(2025, 12, 21))


@pytest.mark.parametrize("params, field, en", [
    ({"start": "2026-13-01"}, "start", "is not a date"),
    ({"end": "yesterday"}, "end", "is not a date"),
    ({"start": "2026-03-10", "end": "2026-03-01"}, "start", "after the end date"),
    ({"start": "2020-01-01", "end": "2026-01-01"}, "start", "at most three years"),
    ({"department": "nowhere"}, "department", "no department"),
    ({"category": "gossip"}, "category", "no category"),
])
def test_bad_filters_say_what_and_where(db, params, field, en):
    with pytest.raises(ValidationFailed) as exc:
        analytics.analytics_scope(**params)
    assert exc.value.field == field and en in exc.value.en and exc.value.ja


def test_each_chart_is_one_query(world, django_assert_num_queries):
    s = scope()
    analytics.current_rules()  # the compiled policy is cached per process
    for chart in (analytics.findings_by_category, analytics.findings_by_rule,
                  analytics.findings_by_department, analytics.findings_by_week,
                  analytics.repeats_by_department, analytics.repeats_by_category,
                  analytics.resolution_by_category, analytics.resolution_by_week):
        with django_assert_num_queries(1):
            chart(s)
