"""The people of the community tests: an asker, a colleague, a moderator, a librarian."""

import pytest

from koe.people.testing import make_person


@pytest.fixture
def team(db):
    return {
        "asker": make_person(),
        "colleague": make_person(),
        "moderator": make_person("compliance"),
        "librarian": make_person("reviewer"),
    }


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
