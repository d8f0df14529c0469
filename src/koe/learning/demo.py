"""Koe's built-in catalogue for the demo (and any new installation): the five tracks, three
bilingual courses with quizzes, and Acme's all-staff assignment. ``load(ctx)`` is idempotent."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from . import services
from .catalogue import COURSES, TRACKS
from .models import Course, Track


@transaction.atomic
def load_catalogue(actor=None) -> tuple[int, int]:
    """Create the tracks and built-in courses that are missing; returns (tracks, courses) new."""
    new_tracks = new_courses = 0
    for order, (code, name_en, name_ja, benefit_en, benefit_ja) in enumerate(TRACKS):
        _, created = Track.objects.get_or_create(code=code, defaults={
            "name_en": name_en, "name_ja": name_ja, "benefit_en": benefit_en,
            "benefit_ja": benefit_ja, "order": order})
        new_tracks += created
    for spec in COURSES:
        if Course.objects.filter(slug=spec["slug"]).exists():
            continue
        course = Course.objects.create(
            slug=spec["slug"], track=Track.objects.get(code=spec["track"]), order=spec["order"],
            title_en=spec["title"][0], title_ja=spec["title"][1],
            summary_en=spec["summary"][0], summary_ja=spec["summary"][1])
        for title_en, title_ja, body_en, body_ja in spec["modules"]:
            services.module_create(actor=actor, course=course, title_en=title_en,
                                   title_ja=title_ja, body_en=body_en, body_ja=body_ja)
        (quiz_en, quiz_ja), questions, pass_mark, attempts = spec["quiz"]
        services.quiz_create(actor=actor, course=course, title_en=quiz_en, title_ja=quiz_ja,
                             questions=questions, pass_mark=pass_mark, max_attempts=attempts)
        new_courses += 1
    return new_tracks, new_courses


def load(ctx) -> str:
    people = ctx["people"]
    actor = people.get("chie")
    _tracks, courses = load_catalogue(actor)
    course = Course.objects.get(slug="social-media-dos")
    if not course.enrollments.exists():
        services.course_assign(actor=actor, course=course, role="employee",
                               due_on=timezone.localdate() + dt.timedelta(days=30))
    sales = Course.objects.get(slug="sales-social-selling")
    if not sales.enrollments.exists() and "sales" in ctx["departments"]:
        services.course_assign(actor=actor, course=sales, department=ctx["departments"]["sales"],
                               due_on=timezone.localdate() + dt.timedelta(days=45))
    return (f"Learning: {Track.objects.count()} tracks, {Course.objects.count()} courses "
            f"({courses} new); all staff have 'Social media at Acme: do's first' due in 30 days.")
