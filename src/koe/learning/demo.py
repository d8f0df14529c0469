"""Koe's built-in catalogue for the demo (and any new installation): the five tracks, three
bilingual courses with quizzes, Acme's all-staff assignment and three workshops. ``load(ctx)``
is idempotent."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from . import services, workshops
from .catalogue import COURSES, TRACKS
from .models import Course, Track, Workshop, WorkshopFeedback, WorkshopRegistration


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
    sessions = load_workshops(people)
    return (f"Learning: {Track.objects.count()} tracks, {Course.objects.count()} courses "
            f"({courses} new); all staff have 'Social media at Acme: do's first' due in 30 days; "
            f"{sessions} workshop sessions.")


def load_workshops(people) -> int:
    """Three workshops for the demo (once): a clinic in the Tokyo office with seats left, a
    weekly online series from London whose first session is full with someone waiting, and
    yesterday's session with attendance and feedback. Returns the number of sessions."""
    if Workshop.objects.exists():
        return Workshop.objects.count()
    chie, taro, emma = people.get("chie"), people.get("taro"), people.get("emma")
    all_staff = Track.objects.filter(code="all-staff").first()
    day = timezone.localdate()
    clinic = workshops.workshop_create(
        actor=chie, starts_at=dt.datetime.combine(day + dt.timedelta(days=3), dt.time(15)),
        ends_at=dt.datetime.combine(day + dt.timedelta(days=3), dt.time(16, 30)),
        title_en="Posting with confidence: a hands-on clinic",
        title_ja="自信を持って発信する：実践クリニック",
        description_en="Bring a post you are unsure about. We check it together, find a better "
                       "way to say it, and look at the rules behind it.",
        description_ja="迷っている投稿を持ってきてください。一緒にチェックして、よりよい伝え方と"
                       "その背景にあるルールを確認します。",
        time_zone="Asia/Tokyo", place="東京本社 12F 会議室 A / Tokyo HQ, 12F room A",
        capacity=12, track=all_staff)
    sales = Course.objects.filter(slug="sales-social-selling").first()
    start = dt.datetime.combine(day + dt.timedelta(days=5), dt.time(9))
    series = workshops.series_create(
        actor=chie, starts_at=start, ends_at=start + dt.timedelta(hours=1), frequency="weekly",
        count=4, title_en="Social selling office hours", title_ja="ソーシャルセリング相談会",
        description_en="Questions about prospects, replies and after-sales on social media.",
        description_ja="見込み客への声かけ、返信、アフターフォローについての質問を受け付けます。",
        time_zone="Europe/London", online_url="https://meet.acme.example/social-selling",
        capacity=2, course=sales)
    first = series.sessions.order_by("position").first()
    seated = [p for p in (people.get("paula"), people.get("rei")) if p]
    for person in seated:
        workshops.registration_create(user=person, workshop=first)
    if taro:
        workshops.registration_create(user=taro, workshop=clinic)
        workshops.registration_create(user=taro, workshop=first, waitlist=len(seated) >= 2)
    # Yesterday's session: created directly, since the service only schedules the future.
    past_start = timezone.now() - dt.timedelta(days=1, hours=2)
    past = Workshop.objects.create(
        title_en="Security hygiene in 30 minutes", title_ja="30 分で学ぶセキュリティの基本",
        starts_at=past_start, ends_at=past_start + dt.timedelta(minutes=30),
        time_zone="Asia/Tokyo", place="Online / オンライン",
        online_url="https://meet.acme.example/security", capacity=30, organizer=chie)
    for person, rating, comment in ((taro, 5, "パスワードマネージャーの設定がすぐにできました。"),
                                    (emma, 4, "Good pace; more on OAuth apps next time?")):
        if person is None:
            continue
        WorkshopRegistration.objects.create(workshop=past, user=person, status="registered",
                                            queued_at=past_start - dt.timedelta(days=3),
                                            attendance="attended")
        WorkshopFeedback.objects.create(workshop=past, user=person, rating=rating,
                                        comment=comment)
    return Workshop.objects.count()
