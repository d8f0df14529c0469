"""Reminders of courses due soon or overdue, and the refresher before a certificate expires."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from koe.learning import services, tasks
from koe.learning.models import Certificate, Enrollment
from koe.people.testing import make_person

from .conftest import right_answers

pytestmark = pytest.mark.django_db


def test_people_with_a_course_due_soon_get_one_reminder_a_week(course, compliance, sales,
                                                               smtp_server):
    today = timezone.localdate()
    taro = make_person(username="taro", language="ja", department=sales, email="taro@x.example")
    later = make_person(username="late", email="late@x.example")
    services.enrollment_create(user=taro, course=course, due_on=today + dt.timedelta(days=3))
    services.enrollment_create(user=later, course=course, due_on=today + dt.timedelta(days=30))
    assert tasks.remind_due() == 1
    received = smtp_server.wait_for("taro@x.example")
    assert [m.rcpt_tos for m in smtp_server.messages] == [["taro@x.example"]]
    # Over real SMTP: the Japanese subject travels encoded and decodes back intact.
    assert b"=?utf-8?" in received.raw.split(b"\r\n\r\n")[0].lower()
    assert received.subject == "Koe：1 件のコースの期限が近づいています"
    assert "基本" in received.text() and "/learn/courses/basics/" in received.text()
    assert "基本" in received.text("html")
    assert tasks.remind_due() == 0  # not again the same week
    next_week = (today + dt.timedelta(days=7)).isoformat()
    assert tasks.remind_due(next_week) == 1
    assert len(smtp_server.wait_for("taro@x.example", count=2).rcpt_tos) == 1


def test_completed_courses_are_not_reminded(course, employee):
    services.enrollment_create(user=employee, course=course,
                               due_on=timezone.localdate() + dt.timedelta(days=1))
    services.course_check_complete(user=employee, course=course, read=True)
    assert tasks.remind_due() == 0 and not mail.outbox


def test_the_refresher_reopens_the_track_before_the_certificate_expires(quiz, employee, track):
    services.attempt_submit(user=employee, quiz=quiz, answers=right_answers(quiz))
    cert = Certificate.objects.get(user=employee)
    assert services.refreshers_start() == 0  # a year to go
    # Eleven months and some days later: the certificate expires in ten days.
    today = timezone.localdate()
    Certificate.objects.filter(pk=cert.pk).update(issued_on=today - dt.timedelta(days=355),
                                                  expires_on=today + dt.timedelta(days=10))
    cert.refresh_from_db()
    soon = today
    assert services.refreshers_start(today=soon) == 1
    enrollment = Enrollment.objects.get(user=employee, course=quiz.course)
    assert enrollment.completed_at is None and enrollment.due_on == cert.expires_on
    assert services.refreshers_start(today=soon) == 0  # once
    # The old pass does not count; passing again completes and re-certifies.
    assert services.course_check_complete(user=employee, course=quiz.course) is None
    services.attempt_submit(user=employee, quiz=quiz, answers=right_answers(quiz))
    enrollment.refresh_from_db()
    assert enrollment.completed_at is not None
    renewed = Certificate.objects.filter(user=employee).exclude(pk=cert.pk).get()
    assert renewed.expires_on == services.add_months(today, 12)
