"""The community demo: questions, answers and documents; loading twice changes nothing."""

import pytest

from koe.community.models import Answer, Document, Question
from koe.community.selectors import questions_search
from koe.web.demo import load_demo

pytestmark = pytest.mark.django_db


def test_the_demo_loads_once_and_is_searchable():
    load_demo()
    counts = (Question.objects.count(), Answer.objects.count(), Document.objects.count())
    assert counts == (3, 3, 4)
    load_demo()
    assert (Question.objects.count(), Answer.objects.count(), Document.objects.count()) == counts
    from koe.people.models import User

    emma, taro = User.objects.get(username="emma"), User.objects.get(username="taro")
    assert [q.rule_code for q in questions_search(emma, query="ステマ")] == ["C103"]
    # The governance-only question is emma's own; taro does not see it.
    assert questions_search(taro, query="colleague attacking") == []
    assert len(questions_search(emma, query="colleague attacking")) == 1
