"""The pages end to end: taking a quiz, explanations, attempts, Markdown safety, the quiz
builder keeping what was typed, the report."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.utils import timezone

from koe.learning import services
from koe.learning.models import Certificate, Quiz
from koe.people.testing import client_for, make_person

from .conftest import right_answers, wrong_answers

pytestmark = pytest.mark.django_db


def _post_answers(client, quiz, answers, **headers):
    data = {f"q{qid}": ids for qid, ids in answers.items()}
    return client.post(f"/learn/quizzes/{quiz.pk}/", data, **headers)


def test_passing_the_quiz_shows_the_score_explanations_and_gives_a_certificate(quiz, employee):
    client = client_for(employee)
    r = _post_answers(client, quiz, right_answers(quiz), HTTP_ACCEPT_LANGUAGE="en")
    body = r.content.decode()
    assert r.status_code == 200
    assert 'data-score="100"' in body
    assert "Because Q one" in body and "Because Q two" in body
    assert Certificate.objects.filter(user=employee).exists()
    mine = client.get("/learn/").content.decode()
    assert "basics" in mine and Certificate.objects.get(user=employee).expires_on.isoformat() in mine


def test_a_failed_attempt_offers_a_retry_until_attempts_run_out(quiz, employee):
    client = client_for(employee)
    first = _post_answers(client, quiz, wrong_answers(quiz)).content.decode()
    assert 'data-score="0"' in first and f'href="/learn/quizzes/{quiz.pk}/"' in first
    second = _post_answers(client, quiz, wrong_answers(quiz)).content.decode()
    assert f'href="/learn/quizzes/{quiz.pk}/"' not in second.split("data-score")[1]
    third = _post_answers(client, quiz, right_answers(quiz))
    assert third.status_code == 409
    assert quiz.attempts.count() == 2
    assert client.get(f"/learn/quizzes/{quiz.pk}/").content.decode().count('type="radio"') == 0


def test_htmx_gets_only_the_quiz_body(quiz, employee):
    r = _post_answers(client_for(employee), quiz, right_answers(quiz), HTTP_HX_REQUEST="true")
    assert r.status_code == 200 and b"<html" not in r.content and b"data-score" in r.content


def test_a_hostile_module_body_is_escaped(course, compliance, employee):
    services.module_create(actor=compliance, course=course, title_en="<b>T</b>", title_ja="T",
                           body_en="Hi <script>alert(1)</script> <img src=x onerror=alert(2)> "
                                   "[x](javascript:alert(3))",
                           body_ja="やあ <script>alert(1)</script>")
    body = client_for(employee).get(f"/learn/courses/{course.slug}/").content.decode()
    assert "<script>alert" not in body
    assert "onerror" not in body and "javascript:alert" not in body
    assert "&lt;b&gt;T&lt;/b&gt;" in body or "<b>T</b>" not in body


def test_a_quiz_without_a_correct_answer_gets_a_clear_message_and_loses_nothing(course,
                                                                               compliance):
    typed = ("? Is our roadmap public? | ロードマップは公開？\n+ No | いいえ\n- Yes | はい\n\n"
             "? Who speaks for Acme? | 誰がアクメを代表する？\n- Anyone | 誰でも\n- Nobody | 誰も\n"
             "> Spokespeople | 広報担当")
    r = client_for(compliance).post("/learn/manage/quizzes/new/", {
        "course": course.pk, "title_en": "My quiz", "title_ja": "私のクイズ", "pass_mark": 80,
        "questions": typed}, HTTP_ACCEPT_LANGUAGE="en")
    body = r.content.decode()
    assert r.status_code == 400
    assert "Question 2 (&quot;Who speaks for Acme?&quot;) has no correct answer" in body \
        or "質問 2（「誰がアクメを代表する？」）に正解がありません" in body
    assert "Who speaks for Acme? | 誰がアクメを代表する？" in body  # what was typed is kept
    assert 'value="My quiz"' in body
    assert not Quiz.objects.filter(title_en="My quiz").exists()


def test_the_quiz_builder_saves_a_valid_quiz(course, compliance):
    typed = "? Is it public? | 公開？\n+ Yes | はい\n- No | いいえ\n> Linked | リンクあり"
    r = client_for(compliance).post("/learn/manage/quizzes/new/", {
        "course": course.pk, "title_en": "Q", "pass_mark": 80, "max_attempts": 3,
        "questions": typed})
    quiz = Quiz.objects.get(title_en="Q")
    assert r.status_code == 302 and quiz.max_attempts == 3
    q = quiz.questions.get()
    assert (q.text_ja, q.explanation_en) == ("公開？", "Linked")
    assert q.choices.get(correct=True).text_ja == "はい"


def test_assign_page_assigns_and_the_report_shows_the_department(course, compliance, sales,
                                                                 employee):
    due = (timezone.localdate() + dt.timedelta(days=7)).isoformat()
    r = client_for(compliance).post("/learn/manage/assign/", {
        "course": course.pk, "department": sales.pk, "due_on": due})
    assert r.status_code == 302
    services.course_check_complete(user=employee, course=course, read=True)
    report = client_for(make_person("hr")).get("/learn/report/").content.decode()
    assert "<svg" in report and "50%" in report


def test_api_attempt_returns_score_and_explanations(quiz, employee):
    r = client_for(employee).post(f"/api/learning/quizzes/{quiz.pk}/attempts",
                                  json.dumps({"answers": right_answers(quiz)}),
                                  content_type="application/json")
    data = r.json()
    assert r.status_code == 201 and data["score"] == 100 and data["passed"]
    assert data["attempts_left"] == 1
    assert all(res["correct"] and res["explanation"] for res in data["results"])
    certs = client_for(employee).get("/api/learning/certificates").json()
    assert certs[0]["track"] == "all-staff" and certs[0]["valid"]


def test_hostile_quiz_text_is_escaped(course, compliance, employee):
    from .conftest import question

    quiz = services.quiz_create(actor=compliance, course=course, title_en="<i>x</i>",
                                title_ja="<i>x</i>",
                                questions=[question("<script>alert(1)</script>")])
    body = client_for(employee).get(f"/learn/quizzes/{quiz.pk}/").content.decode()
    assert "<script>alert(1)" not in body and "&lt;script&gt;alert(1)" in body
    assert "<i>x</i>" not in body


def test_a_manager_sees_their_team_and_nobody_else(course, employee, sales):
    manager = make_person(username="boss")
    employee.manager = manager
    employee.save()
    services.enrollment_create(user=employee, course=course,
                               due_on=timezone.localdate() + dt.timedelta(days=3))
    stranger = make_person(username="stranger")
    services.enrollment_create(user=stranger, course=course)
    body = client_for(manager).get("/learn/").content.decode()
    assert 'data-person="emma"' in body and 'data-person="stranger"' not in body
    assert 'data-person' not in client_for(employee).get("/learn/").content.decode()


def test_the_report_shows_valid_certificates_by_department(course, employee, compliance):
    services.course_check_complete(user=employee, course=course, read=True)
    body = client_for(compliance).get("/learn/report/").content.decode()
    # Sales: emma and chie, one of them certified.
    assert "Valid certificates by department" in body or "部署別の有効な修了証" in body
    assert "<td>2</td><td>50%</td>" in body


def test_has_valid_certificate_follows_the_expiry(course, employee):
    from koe.learning.selectors import has_valid_certificate

    assert not has_valid_certificate(employee, "all-staff")
    services.course_check_complete(user=employee, course=course, read=True)
    assert has_valid_certificate(employee, "all-staff")
    later = services.add_months(timezone.localdate(), 12)
    assert not has_valid_certificate(employee, "all-staff", on=later)


def test_htmx_sees_the_attempts_limit_message_in_place(quiz, employee):
    client = client_for(employee)
    for _ in range(2):
        _post_answers(client, quiz, wrong_answers(quiz))
    r = _post_answers(client, quiz, right_answers(quiz), HTTP_HX_REQUEST="true")
    body = r.content.decode()
    assert r.status_code == 200 and 'role="alert"' in body
    assert "2 attempts" in body or "2 回" in body
    assert quiz.attempts.count() == 2
