"""Two reviewers at once on PostgreSQL get two answers, not a deadlock: one marks a person's
answers read (its event points at the case and is checked at COMMIT, while it holds the audit
chain) as the other resolves the case (it locks the case, then waits for the chain). The case
is locked FOR NO KEY UPDATE, which lets the check through; FOR UPDATE deadlocked."""

from __future__ import annotations

import threading
import time

import pytest
from django.db import connection, connections, transaction

from koe.monitoring import services
from koe.monitoring.models import Case
from koe.people.testing import make_person

from .cases_util import make_case

pytestmark = [pytest.mark.django_db(transaction=True),
              pytest.mark.skipif(connection.vendor != "postgresql",
                                 reason="SQLite serializes writers itself")]


def test_resolving_a_case_while_another_reviewer_reads_its_answers_does_not_deadlock():
    person, reviewer, other = make_person(), make_person("reviewer"), make_person("reviewer")
    case = make_case(person, category="secret", action="coach")
    services.cases_process_new(case_ids=[case.pk])
    case.refresh_from_db()
    services.case_reply(case=case, actor=person, kind="question", reason="Why?")
    errors: list[Exception] = []

    def resolve():
        try:
            services.case_resolve(case=case, actor=other, note="talked it through")
        except Exception as exc:  # collected and asserted below
            errors.append(exc)
        finally:
            connections.close_all()

    thread = threading.Thread(target=resolve)
    try:
        with transaction.atomic():
            assert services.case_replies_seen(case=case, actor=reviewer) == 1
            thread.start()
            time.sleep(0.5)  # the resolve has locked the case and waits for the chain
    except Exception as exc:  # the commit may be the one PostgreSQL aborts
        errors.append(exc)
    thread.join(timeout=30)
    assert errors == []
    assert Case.objects.get(pk=case.pk).status == "resolved"
    assert list(case.events.values_list("kind", flat=True).order_by("pk"))[-2:] == \
        ["replies_seen", "resolved"]
