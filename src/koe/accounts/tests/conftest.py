"""One base set of people for the accounts tests, and small builders."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from koe.accounts import services
from koe.accounts.models import SocialAccount
from koe.people.testing import DepartmentFactory, make_person


@pytest.fixture(autouse=True)
def _eager_tasks():
    """Background tasks run inside the test (no broker)."""
    from koe.web.celery import app

    eager, propagates = app.conf.task_always_eager, app.conf.task_eager_propagates
    app.conf.task_always_eager = app.conf.task_eager_propagates = True
    yield
    app.conf.task_always_eager, app.conf.task_eager_propagates = eager, propagates


@pytest.fixture
def marketing():
    return DepartmentFactory(code="marketing", name_en="Marketing", name_ja="マーケティング部")


@pytest.fixture
def sales():
    return DepartmentFactory(code="sales", name_en="Sales", name_ja="営業部")


@pytest.fixture
def it_person(marketing):
    """IT: manages accounts and grants, runs access reviews, offboards."""
    return make_person("it", username="ivan", department=marketing)


@pytest.fixture
def reviewer(marketing):
    return make_person("reviewer", username="rei", department=marketing)


@pytest.fixture
def publisher(marketing):
    return make_person("publisher", username="paula", department=marketing)


@pytest.fixture
def employee(sales):
    return make_person(username="emma", department=sales)


@pytest.fixture
def hr(sales):
    return make_person("hr", username="hana", department=sales)


@pytest.fixture
def compliance(sales):
    return make_person("compliance", username="chie", department=sales)


@pytest.fixture
def brand(it_person, reviewer, marketing):
    """@acme_jp on X, owned by the reviewer, 2FA on, fresh password."""
    return services.account_create(
        actor=it_person, network="x", handle="acme_jp", display_name="Acme",
        department=marketing, owner=reviewer, two_factor_enabled=True,
        password_rotated_at=timezone.localdate() - dt.timedelta(days=10))


@pytest.fixture
def grant(brand, publisher, it_person):
    return services.grant_create(account=brand, user=publisher, actor=it_person)


@pytest.fixture
def enrolment(employee) -> SocialAccount:
    return services.enrolment_create(user=employee, network="bluesky",
                                     handle="emma.bsky.social", consent=True)
