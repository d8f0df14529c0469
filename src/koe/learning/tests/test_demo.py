"""The built-in catalogue loads in both languages, is valid, and loads only once."""

from __future__ import annotations

import pytest

from koe.learning.catalogue import COURSES
from koe.learning.models import Course, Module, Quiz, Track
from koe.web.demo import load_demo

pytestmark = pytest.mark.django_db


def test_the_demo_loads_the_catalogue_once():
    load_demo()
    counts = (Track.objects.count(), Course.objects.count(), Module.objects.count(),
              Quiz.objects.count())
    assert counts[:2] == (5, len(COURSES))
    assert Module.objects.filter(course__slug="social-media-dos").count() == 8
    load_demo()
    assert (Track.objects.count(), Course.objects.count(), Module.objects.count(),
            Quiz.objects.count()) == counts
    for module in Module.objects.all():
        assert module.body_en and module.body_ja
    assert Course.objects.get(slug="social-media-dos").enrollments.count() >= 9
