"""The navigation each person sees."""

import pytest
from django.test import RequestFactory

from koe.people.context import navigation
from koe.people.testing import make_person

pytestmark = pytest.mark.django_db


def _names(user) -> list[str]:
    request = RequestFactory().get("/")
    request.user = user
    return [name for name, _label in navigation(request)["nav"]]


def test_the_navigation_lists_each_page_once():
    names = _names(make_person("compliance", "hr"))  # reviews cases and sees escalations
    assert names.count("monitoring:cases") == 1
    assert "monitoring:imports" in names


def test_an_employee_sees_their_own_pages_only():
    names = _names(make_person())
    assert "monitoring:my_cases" in names
    assert "monitoring:cases" not in names and "monitoring:imports" not in names


def test_a_manager_finds_escalations_and_the_training_dashboard():
    manager = make_person()
    assert "monitoring:cases" not in _names(manager)
    make_person(manager=manager)
    names = _names(manager)
    assert "monitoring:cases" in names and "learning:dashboard" in names
