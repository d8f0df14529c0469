"""In a real browser: open a built-in course, take its quiz (submitted with htmx), see the
score and the explanations, and find the course completed on "My learning"."""

import pytest

from koe.learning.demo import load_catalogue
from koe.learning.models import Course
from koe.people.testing import PASSWORD, make_person
from koe.web.testing import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_take_a_course_and_pass_its_quiz(page, live_server):
    load_catalogue()
    make_person(username="emma", language="en", mfa=False)
    course = Course.objects.get(slug="security-hygiene")
    quiz = course.quizzes.get()
    sign_in(page, live_server, "emma", PASSWORD)
    page.goto(f"{live_server.url}/learn/")
    page.get_by_role("link", name=course.title_en).click()
    page.wait_for_url(f"**/learn/courses/{course.slug}/")
    assert page.locator("section.learning-module").count() == course.modules.count()
    page.get_by_role("link", name=quiz.title_en).click()
    page.wait_for_url(f"**/learn/quizzes/{quiz.pk}/")
    for question in quiz.questions.all():
        for choice in question.choices.filter(correct=True):
            page.locator(f"input[name=q{question.pk}][value='{choice.pk}']").check()
    page.get_by_role("button", name="Submit answers").click()
    result = page.locator("[data-score]")
    result.wait_for()
    assert result.get_attribute("data-score") == "100"
    assert "Passed with 100%" in result.inner_text()
    first = quiz.questions.first()
    assert first.explanation_en in page.locator("ol.learning-quiz").inner_text()
    page.goto(f"{live_server.url}/learn/")
    row = page.locator(f"tr[data-course='{course.slug}']")
    assert "completed on" in row.inner_text()
    assert row.locator("progress").get_attribute("value") == "100"
