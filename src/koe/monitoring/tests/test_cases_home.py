"""What the home page says about cases: an employee's own open notes; for those who handle
cases, the open queue, what waits for a reviewer and unread answers."""

import pytest

from koe.monitoring import services
from koe.monitoring.selectors import case_counts
from koe.people.testing import client_for, make_person

from .cases_util import make_case

pytestmark = pytest.mark.django_db


def test_an_employee_sees_how_many_notes_wait_and_no_queue():
    taro = make_person(language="ja")
    make_case(taro, category="secret")
    make_case(taro, category="pii")
    counts = case_counts(taro)
    assert (counts.mine_open, counts.handles) == (2, False)
    page = client_for(taro).get("/").content.decode()
    assert 'id="dash-my-cases"' in page and "2 件" in page and 'id="dash-queue"' not in page


def test_a_reviewer_sees_the_open_queue_with_what_needs_attention():
    rei = make_person("reviewer")
    emma = make_person()
    waiting = make_case(emma, category="secret")
    waiting.needs_review = True
    waiting.save(update_fields=["needs_review"])
    answered = make_case(emma, category="pii")
    services.cases_process_new(case_ids=[answered.pk])
    answered.refresh_from_db()
    services.case_reply(case=answered, actor=emma, kind="question", reason="Is a shop's number fine?")
    closed = make_case(emma, category="pii")
    services.case_dismiss(case=closed, actor=rei, reason="A public shop number")
    counts = case_counts(rei)
    assert (counts.handles, counts.queue_open, counts.needs_review, counts.unread_replies) == \
        (True, 2, 1, 1)
    page = client_for(rei).get("/").content.decode()
    assert 'id="dash-queue"' in page and "?attention=review" in page


def test_a_manager_counts_only_escalations_of_their_reports():
    manager = make_person()
    report = make_person(manager=manager)
    coached = make_case(report, category="pii")  # not escalated: not the manager's business
    escalated = make_case(report, category="pii", severity="major", repeat=True,
                          escalated_to=["manager"])
    assert case_counts(manager).queue_open == 0  # nothing has gone to the manager yet
    services.cases_process_new(case_ids=[coached.pk, escalated.pk])
    counts = case_counts(manager)
    assert (counts.handles, counts.queue_open, counts.mine_open) == (True, 1, 0)
