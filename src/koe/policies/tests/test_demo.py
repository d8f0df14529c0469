"""The demo: Acme's published v1 and a v2 in review with one sign-off; loading twice is a no-op."""

import pytest

from koe.policies.models import Acknowledgement, PolicyVersion, SignOff
from koe.web.demo import load_demo

pytestmark = pytest.mark.django_db


def test_the_demo_publishes_v1_and_puts_v2_in_review():
    summary = load_demo()
    assert "v1 published" in summary and "v2 in review with 1 of 4 sign-offs" in summary
    v1, v2 = PolicyVersion.objects.get(number=1), PolicyVersion.objects.get(number=2)
    assert v1.state == "published" and v1.public and "extends: default" in v1.yaml
    assert "Falcon" in v1.yaml and "アクメ" in v1.yaml
    assert v1.guidance_en.index("What we want you to do") < v1.guidance_en.index("What to avoid")
    assert v1.guidance_ja.index("してほしいこと") < v1.guidance_ja.index("避けてほしいこと")
    assert "If something goes wrong" in v1.guidance_en
    assert v2.state == "in_review" and v2.review_round == 1
    assert SignOff.objects.filter(version=v2).count() == 1
    assert Acknowledgement.objects.filter(version=v1).exists()

    again = load_demo()
    assert "left as they are" in again
    assert PolicyVersion.objects.count() == 2
