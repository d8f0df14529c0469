"""One base set of people and a small course for the learning tests."""

from __future__ import annotations

import pytest

from koe.learning import services
from koe.learning.models import Course, Track
from koe.people.testing import DepartmentFactory, make_person


@pytest.fixture
def sales():
    return DepartmentFactory(code="sales", name_en="Sales", name_ja="営業部")


@pytest.fixture
def engineering():
    return DepartmentFactory(code="engineering", name_en="Engineering", name_ja="開発部")


@pytest.fixture
def employee(sales):
    return make_person(username="emma", department=sales)


@pytest.fixture
def compliance(sales):
    return make_person("compliance", username="chie", department=sales)


@pytest.fixture
def track(db):
    return Track.objects.create(code="all-staff", name_en="All staff", name_ja="全社員",
                                validity_months=12)


@pytest.fixture
def course(track):
    return Course.objects.create(slug="basics", track=track, title_en="Basics",
                                 title_ja="基本")


def question(text="Is it public?", right=1, wrong=1, **extra):
    choices = ([{"text_en": f"right {i}", "text_ja": f"正 {i}", "correct": True}
                for i in range(right)]
               + [{"text_en": f"wrong {i}", "text_ja": f"誤 {i}", "correct": False}
                  for i in range(wrong)])
    return {"text_en": text, "text_ja": "公開？", "explanation_en": f"Because {text}",
            "explanation_ja": "理由", "choices": choices, **extra}


@pytest.fixture
def quiz(course, compliance):
    """Two single-choice questions, pass mark 50 %, two attempts."""
    return services.quiz_create(actor=compliance, course=course, title_en="Check",
                                title_ja="確認", questions=[question("Q one"), question("Q two")],
                                pass_mark=50, max_attempts=2)


def right_answers(quiz):
    return {str(q.pk): [c.pk for c in q.choices.all() if c.correct] for q in quiz.questions.all()}


def wrong_answers(quiz):
    return {str(q.pk): [c.pk for c in q.choices.all() if not c.correct][:1]
            for q in quiz.questions.all()}
