"""Many people register for the last seats at the same moment: nobody gets a seat that is not
there (the session's row is locked with SELECT … FOR UPDATE on PostgreSQL; SQLite runs each
write transaction alone, BEGIN IMMEDIATE)."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections

from koe.learning import workshops
from koe.learning.models import WorkshopRegistration
from koe.people.testing import make_person
from koe.web.errors import Conflict

from .workshops_testing import future_session

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql",
                       reason="threads need separate connections to one database "
                              "(run with KOE_TEST_DATABASE_URL)"),
]


def _race(workshop, people, *, waitlist: bool):
    barrier = threading.Barrier(len(people))
    outcomes: list[str] = []
    lock = threading.Lock()

    def register(person):
        try:
            barrier.wait()
            reg = workshops.registration_create(user=person, workshop=workshop,
                                                waitlist=waitlist)
            result = reg.status
        except Conflict:
            result = "refused"
        finally:
            connections.close_all()
        with lock:
            outcomes.append(result)

    threads = [threading.Thread(target=register, args=(p,)) for p in people]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    return sorted(outcomes)


def test_twelve_people_racing_for_three_seats_leave_three_registered():
    organizer = make_person("compliance")
    w = future_session(organizer, capacity=3)
    people = [make_person() for _ in range(12)]
    outcomes = _race(w, people, waitlist=False)
    assert outcomes == ["refused"] * 9 + ["registered"] * 3
    assert WorkshopRegistration.objects.filter(workshop=w, status="registered").count() == 3
    assert WorkshopRegistration.objects.filter(workshop=w).count() == 3


def test_racing_for_a_full_session_queues_everyone_else_in_distinct_places():
    organizer = make_person("compliance")
    w = future_session(organizer, capacity=2)
    people = [make_person() for _ in range(10)]
    outcomes = _race(w, people, waitlist=True)
    assert outcomes == ["registered"] * 2 + ["waiting"] * 8
    waiting = WorkshopRegistration.objects.filter(workshop=w, status="waiting")
    assert sorted(workshops.waiting_position(r) for r in waiting) == list(range(1, 9))
