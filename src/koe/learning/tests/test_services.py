"""Quiz building and scoring, attempts, completion, certificates, assignment."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from django.utils.translation import override

from koe.audit.models import AuditEntry
from koe.learning import services
from koe.learning.models import Certificate, Course, Enrollment, Quiz
from koe.people.testing import make_person
from koe.web.errors import Conflict, ValidationFailed

from .conftest import question, right_answers, wrong_answers

pytestmark = pytest.mark.django_db


def test_a_quiz_with_all_right_answers_scores_100_and_passes(quiz, employee):
    attempt = services.attempt_submit(user=employee, quiz=quiz, answers=right_answers(quiz))
    assert (attempt.score, attempt.passed) == (100, True)


def test_half_right_reaches_a_50_percent_pass_mark_but_nothing_right_fails(quiz, employee):
    first = quiz.questions.first()
    answers = wrong_answers(quiz)
    answers[str(first.pk)] = right_answers(quiz)[str(first.pk)]
    attempt = services.attempt_submit(user=employee, quiz=quiz, answers=answers)
    assert (attempt.score, attempt.passed) == (50, True)
    other = make_person()
    attempt = services.attempt_submit(user=other, quiz=quiz, answers=wrong_answers(quiz))
    assert (attempt.score, attempt.passed) == (0, False)


def test_a_multiple_choice_question_needs_every_right_answer_and_no_wrong_one(course, compliance,
                                                                             employee):
    quiz = services.quiz_create(actor=compliance, course=course, title_en="M", title_ja="M",
                                questions=[question(right=2, wrong=1)], pass_mark=100)
    q = quiz.questions.get()
    assert q.kind == "multi"
    right = [c.pk for c in q.choices.filter(correct=True)]
    wrong = q.choices.get(correct=False).pk
    assert services.attempt_submit(user=employee, quiz=quiz,
                                   answers={str(q.pk): right[:1]}).score == 0
    assert services.attempt_submit(user=employee, quiz=quiz,
                                   answers={str(q.pk): [*right, wrong]}).score == 0
    assert services.attempt_submit(user=employee, quiz=quiz,
                                   answers={str(q.pk): right}).passed


def test_attempts_stop_at_the_limit_and_nothing_more_is_stored(quiz, employee):
    services.attempt_submit(user=employee, quiz=quiz, answers=wrong_answers(quiz))
    services.attempt_submit(user=employee, quiz=quiz, answers=wrong_answers(quiz))
    assert services.attempts_left(user=employee, quiz=quiz) == 0
    with pytest.raises(Conflict) as exc:
        services.attempt_submit(user=employee, quiz=quiz, answers=right_answers(quiz))
    assert "2 attempts" in exc.value.en and "2 回" in exc.value.ja
    assert quiz.attempts.filter(user=employee).count() == 2


def test_unlimited_attempts_when_max_attempts_is_empty(course, compliance, employee):
    quiz = services.quiz_create(actor=compliance, course=course, title_en="U", title_ja="U",
                                questions=[question()], max_attempts=None)
    for _ in range(5):
        services.attempt_submit(user=employee, quiz=quiz, answers=wrong_answers(quiz))
    assert services.attempts_left(user=employee, quiz=quiz) is None


def test_an_answer_from_another_question_is_refused(quiz, employee):
    q1, q2 = quiz.questions.all()
    with pytest.raises(ValidationFailed):
        services.attempt_submit(user=employee, quiz=quiz,
                                answers={str(q1.pk): [q2.choices.first().pk]})
    assert not quiz.attempts.exists()


def test_a_question_without_a_correct_answer_is_refused_naming_it(course, compliance):
    with pytest.raises(ValidationFailed) as exc:
        services.quiz_create(actor=compliance, course=course, title_en="Bad", title_ja="悪い",
                             questions=[question("Fine one"),
                                        question("Who may speak for Acme?", right=0, wrong=2)])
    assert exc.value.field == "questions"
    assert 'Question 2 ("Who may speak for Acme?") has no correct answer' in exc.value.en
    assert "質問 2" in exc.value.ja and "正解がありません" in exc.value.ja
    with override("ja"):
        assert "正解がありません" in str(exc.value)
    assert not Quiz.objects.filter(title_en="Bad").exists()


def test_a_single_choice_question_with_two_right_answers_is_refused(course, compliance):
    with pytest.raises(ValidationFailed) as exc:
        services.quiz_create(actor=compliance, course=course, title_en="X", title_ja="X",
                             questions=[question(right=2, kind="single")])
    assert "single-choice but has 2 correct answers" in exc.value.en


def test_passing_every_quiz_completes_the_course_and_issues_a_certificate(quiz, employee,
                                                                         track):
    services.attempt_submit(user=employee, quiz=quiz, answers=right_answers(quiz))
    enrollment = Enrollment.objects.get(user=employee, course=quiz.course)
    assert enrollment.completed_at is not None
    certificate = Certificate.objects.get(user=employee, track=track)
    today = timezone.localdate()
    assert certificate.issued_on == today
    assert certificate.expires_on == services.add_months(today, 12)
    assert certificate.is_valid
    assert AuditEntry.objects.filter(action="learning.certificate_issue").exists()


def test_no_certificate_until_every_course_of_the_track_is_done(quiz, employee, track):
    Course.objects.create(slug="second", track=track, title_en="Second", title_ja="二つ目")
    services.attempt_submit(user=employee, quiz=quiz, answers=right_answers(quiz))
    assert not Certificate.objects.filter(user=employee).exists()
    services.course_check_complete(user=employee, course=Course.objects.get(slug="second"),
                                   read=True)
    assert Certificate.objects.filter(user=employee, track=track).count() == 1


def test_the_certificate_validity_follows_the_track(track, employee):
    track.validity_months = 6
    track.save()
    Course.objects.filter(track=track).delete()
    course = Course.objects.create(slug="only", track=track, title_en="Only", title_ja="のみ")
    services.course_check_complete(user=employee, course=course, read=True)
    cert = Certificate.objects.get(user=employee)
    assert cert.expires_on == services.add_months(cert.issued_on, 6)


def test_an_expired_certificate_is_renewed_by_completing_again(track, employee):
    today = timezone.localdate()
    course = Course.objects.create(slug="only", track=track, title_en="Only", title_ja="のみ")
    services.course_check_complete(user=employee, course=course, read=True)
    later = services.add_months(today, 13)
    renewed = services.track_check_certificate(user=employee, track=track, today=later)
    assert renewed is not None and renewed.expires_on == services.add_months(later, 12)
    assert services.track_check_certificate(user=employee, track=track, today=later) is None


@pytest.mark.parametrize(("day", "months", "expected"), [
    (dt.date(2026, 1, 31), 1, dt.date(2026, 2, 28)),
    (dt.date(2026, 11, 26), 12, dt.date(2027, 11, 26)),
    (dt.date(2024, 2, 29), 12, dt.date(2025, 2, 28)),
])
def test_add_months_clamps_to_the_month_end(day, months, expected):
    assert services.add_months(day, months) == expected


def test_assigning_by_department_reaches_only_that_department(course, compliance, sales,
                                                              engineering, employee):
    engineer = make_person(department=engineering)
    due = timezone.localdate() + dt.timedelta(days=10)
    count = services.course_assign(actor=compliance, course=course, due_on=due, department=sales)
    assert count == 2  # emma and chie
    assert Enrollment.objects.get(user=employee, course=course).due_on == due
    assert not Enrollment.objects.filter(user=engineer).exists()
    assert AuditEntry.objects.filter(action="learning.assign").exists()


def test_assigning_by_role_reaches_people_with_the_role(course, compliance, employee):
    publisher = make_person("publisher")
    services.course_assign(actor=compliance, course=course, due_on=None, role="publisher")
    assert list(Enrollment.objects.values_list("user", flat=True)) == [publisher.pk]


def test_assigning_needs_a_role_or_a_department_and_a_future_date(course, compliance):
    with pytest.raises(ValidationFailed):
        services.course_assign(actor=compliance, course=course, due_on=None)
    with pytest.raises(ValidationFailed) as exc:
        services.course_assign(actor=compliance, course=course, role="employee",
                               due_on=timezone.localdate() - dt.timedelta(days=1))
    assert exc.value.field == "due_on"


def test_completion_over_time_counts_what_was_assigned_and_done_by_each_month_end(course,
                                                                                 employee):
    from koe.learning.selectors import completion_over_time

    other = make_person()
    services.enrollment_create(user=other, course=course)
    services.course_check_complete(user=employee, course=course, read=True)
    points = completion_over_time(3)
    assert len(points) == 3
    assert points[-1] == (timezone.localdate().strftime("%Y-%m"), 50)
    assert points[0][1] == 0
