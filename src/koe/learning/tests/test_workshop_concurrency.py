"""Many people register for the last seats at the same moment: nobody gets a seat that is not
there (the session's row is locked with SELECT … FOR NO KEY UPDATE on PostgreSQL; SQLite runs
each write transaction alone, BEGIN IMMEDIATE).

And no deadlock with the audit chain: a transaction that holds the chain's advisory lock checks
its new rows' foreign keys at COMMIT (FOR KEY SHARE on the parent row). A row locked FOR UPDATE
by a transaction that then waits for the chain blocks that check, and the two deadlock; FOR NO
KEY UPDATE lets it through."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from django.db import connection, connections

from koe.accounts.services import person_offboard
from koe.audit.testing import in_thread, while_holding_the_chain
from koe.learning import workshops
from koe.learning.models import Workshop, WorkshopFeedback, WorkshopRegistration
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


def test_registering_while_being_offboarded_does_not_deadlock():
    """The registration (it holds the chain) points at the person; offboarding locks the person,
    then waits for the chain to record the offboarding."""
    hr = make_person("hr")
    w = future_session(make_person("compliance"), capacity=3)
    leaver = make_person()
    errors = while_holding_the_chain(
        lambda: workshops.registration_create(user=leaver, workshop=w),
        lambda: person_offboard(person=leaver, actor=hr, reason="left in March"))
    assert errors == []
    leaver.refresh_from_db()
    assert not leaver.is_active
    assert WorkshopRegistration.objects.filter(workshop=w, user=leaver,
                                               status="registered").count() == 1


def test_people_racing_for_seats_while_some_of_them_are_offboarded_all_get_an_answer():
    hr = make_person("hr")
    w = future_session(make_person("compliance"), capacity=3)
    people = [make_person() for _ in range(8)]
    leavers = people[::2]
    barrier = threading.Barrier(len(people) + len(leavers))
    errors: list[Exception] = []
    outcomes: list[str] = []

    def register(person):
        def run():
            barrier.wait()
            try:
                outcomes.append(workshops.registration_create(user=person, workshop=w).status)
            except Conflict:
                outcomes.append("refused")
        return run

    def offboard(person):
        def run():
            barrier.wait()
            person_offboard(person=person, actor=hr, reason="left in March")
        return run

    threads = [in_thread(register(p), errors) for p in people]
    threads += [in_thread(offboard(p), errors) for p in leavers]
    for thread in threads:
        thread.join(timeout=30)
    assert errors == []
    assert sorted(outcomes) == ["refused"] * 5 + ["registered"] * 3
    assert WorkshopRegistration.objects.filter(workshop=w, status="registered").count() == 3
    assert sum(not p.is_active for p in type(hr).objects.filter(pk__in=[p.pk for p in leavers])) \
        == len(leavers)


def test_editing_a_series_while_an_attendee_rates_its_past_session_does_not_deadlock():
    """The feedback (it holds the chain) points at the past session; the series edit locks
    every session of the series, the past one too, then waits for the chain."""
    organizer = make_person("compliance")
    attendee = make_person()
    start = (dt.datetime.now(dt.UTC) + dt.timedelta(days=1)).replace(minute=0, second=0,
                                                                      microsecond=0)
    series = workshops.series_create(
        actor=organizer, starts_at=start, ends_at=start + dt.timedelta(hours=1),
        frequency="weekly", count=3, title_en="Weekly clinic", title_ja="週次クリニック",
        time_zone="UTC", place="Room 3", capacity=5)
    past = Workshop.objects.get(series=series, position=1)
    workshops.registration_create(user=attendee, workshop=past)
    # A week later: the first session is over, the other two are still to come.
    week = dt.timedelta(weeks=1)
    type(series).objects.filter(pk=series.pk).update(first_start=series.first_start - week)
    for session in Workshop.objects.filter(series=series):
        Workshop.objects.filter(pk=session.pk).update(starts_at=session.starts_at - week,
                                                      ends_at=session.ends_at - week)
    series.refresh_from_db()
    past.refresh_from_db()
    errors = while_holding_the_chain(
        lambda: workshops.feedback_submit(user=attendee, workshop=past, rating=5),
        lambda: workshops.series_update(actor=organizer, series=series, place="Room 9"))
    assert errors == []
    assert WorkshopFeedback.objects.filter(workshop=past, user=attendee, rating=5).exists()
    places = dict(Workshop.objects.filter(series=series).values_list("position", "place"))
    assert places == {1: "Room 3", 2: "Room 9", 3: "Room 9"}
