"""The monitoring demo: realistic cases in both languages, coached and answered; loading twice
changes nothing."""

import pytest

from koe.monitoring.models import Case
from koe.people.models import User
from koe.web.demo import load_demo

pytestmark = pytest.mark.django_db


def test_the_demo_opens_coached_cases_in_both_languages(mailoutbox):
    load_demo()
    cases = {c.post.external_id: c for c in Case.objects.select_related("post", "person")}
    assert set(cases) >= {"demo-taro-1", "demo-taro-2", "demo-emma-1", "demo-emma-2"}
    taro = User.objects.get(username="taro")
    assert cases["demo-taro-1"].status == "resolved"
    assert cases["demo-taro-2"].status == "acknowledged"
    assert cases["demo-taro-2"].messages.get().language == "ja"
    assert cases["demo-emma-1"].messages.get().language == "en"
    assert cases["demo-emma-1"].replies.get().kind == "disagree"
    # taro's second personal-data case is a major repeat: it goes to his manager and Legal
    escalated = cases["demo-taro-3"]
    assert escalated.status == "escalated" and escalated.escalated_to == ["manager", "legal"]
    assert sorted(escalated.events.get(kind="escalated").data["recipients"]) == ["ken", "leo"]
    assert all(c.person == taro for k, c in cases.items() if k.startswith("demo-taro"))
    count = Case.objects.count()
    load_demo()
    assert Case.objects.count() == count
