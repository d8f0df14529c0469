"""The demo has workshops in both languages: seats left, a full session with someone waiting,
and a past one with feedback; loading it twice adds nothing."""

import pytest

from koe.learning import workshops
from koe.learning.models import Workshop, WorkshopRegistration
from koe.people.models import User
from koe.web.demo import load_demo

pytestmark = pytest.mark.django_db


def test_the_demo_has_workshops_in_both_languages_once():
    load_demo()
    assert Workshop.objects.count() == 6
    taro = User.objects.get(username="taro")
    first = Workshop.objects.get(series__isnull=False, position=1)
    assert workshops.seats_left(first) == 0
    assert WorkshopRegistration.objects.get(user=taro, workshop=first).status == "waiting"
    assert all(w.title_en and w.title_ja for w in Workshop.objects.all())
    past = Workshop.objects.get(title_en__startswith="Security hygiene")
    assert workshops.feedback_summary(past).average == 4.5
    assert len(workshops.upcoming_workshops(taro)) == 5
    load_demo()
    assert Workshop.objects.count() == 6
