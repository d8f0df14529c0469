"""The people of the policy tests: the policy team, each stakeholder, an employee."""

import pytest

from koe.people.testing import make_person


@pytest.fixture
def team(db):
    """compliance writes and publishes; one person per stakeholder role; a plain employee."""
    return {
        "compliance": make_person("compliance"),
        "legal": make_person("legal"),
        "it": make_person("it"),
        "hr": make_person("hr"),
        "reviewer": make_person("reviewer"),
        "employee": make_person(),
    }


@pytest.fixture(autouse=True)
def _signoff_roles(settings):
    settings.KOE_SIGNOFF_ROLES = ["legal", "it", "hr", "reviewer"]


@pytest.fixture(autouse=True)
def _eager_tasks_and_private_media(settings, tmp_path):
    """Background tasks run in the test, files go to a throw-away folder."""
    from koe.web.celery import app

    settings.MEDIA_ROOT = tmp_path / "media"
    eager = app.conf.task_always_eager
    app.conf.task_always_eager = True
    app.conf.task_eager_propagates = True
    yield
    app.conf.task_always_eager = eager
