"""Two requests at once get two answers, not a 500 (found by fuzzing the API in parallel on
PostgreSQL): a quiz attempt while another write of the same person holds the audit chain, and
two authors adding a module to one course."""

from __future__ import annotations

import threading
import time

import pytest
from django.db import connection, transaction

from koe.audit.services import audit_record
from koe.audit.testing import in_thread
from koe.learning import services
from koe.learning.models import Attempt, Module

from .conftest import right_answers

pytestmark = [pytest.mark.django_db(transaction=True),
              pytest.mark.skipif(connection.vendor != "postgresql",
                                 reason="SQLite serializes writers itself")]


def test_a_quiz_attempt_does_not_deadlock_with_another_audited_write_of_the_same_person(
        quiz, employee):
    errors: list[Exception] = []
    with transaction.atomic():
        # Another request of the same person: it holds the audit chain lock until it commits,
        # and its entry's actor is checked against the person's row at COMMIT.
        audit_record(actor=employee, action="test.other_request")
        thread = in_thread(lambda: services.attempt_submit(user=employee, quiz=quiz,
                                                            answers=right_answers(quiz)), errors)
        time.sleep(0.5)  # the attempt has locked the person and waits for the chain
    thread.join(timeout=30)
    assert errors == []
    assert Attempt.objects.filter(user=employee, passed=True).count() == 1


def test_authors_adding_modules_at_once_each_get_their_own_position(course, compliance):
    errors: list[Exception] = []
    start = threading.Barrier(6)

    def add(n):
        def run():
            start.wait()
            services.module_create(actor=compliance, course=course, title_en=f"M{n}",
                                   title_ja=f"M{n}")
        return run

    threads = [in_thread(add(n), errors) for n in range(6)]
    for thread in threads:
        thread.join(timeout=30)
    assert errors == []
    assert sorted(Module.objects.filter(course=course).values_list("order", flat=True)) == \
        [1, 2, 3, 4, 5, 6]
