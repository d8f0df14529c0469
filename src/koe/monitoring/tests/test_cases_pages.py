"""The case pages at work: the person reads the note and answers; a reviewer filters the queue,
reads answers, dismisses a finding and resolves."""

import pytest

from koe.monitoring import services
from koe.monitoring.models import Case
from koe.people.testing import DepartmentFactory, client_for, make_person

from .cases_util import make_case

pytestmark = pytest.mark.django_db


@pytest.fixture
def coached(django_capture_on_commit_callbacks, mailoutbox):
    taro = make_person(language="ja", department=DepartmentFactory(code="sales"))
    case = make_case(taro, category="secret", action="coach")
    with django_capture_on_commit_callbacks(execute=True):
        services.cases_process_new(case_ids=[case.pk])
    return Case.objects.get(pk=case.pk)


def test_the_person_reads_the_note_in_japanese_and_it_counts_as_read(coached):
    client = client_for(coached.person)
    html = client.get(f"/monitoring/my-cases/{coached.pk}/").content.decode()
    assert "投稿についてのお知らせ" in html and "より良い伝え方" in html
    assert "Hunter2" not in html  # masked on the person's page too
    assert "これは誤りだと思う" in html and "で質問する</a>" in html and "/community/ask/?rule=S103" in html
    assert coached.messages.get().read_at is not None


def test_disagreeing_without_a_reason_shows_the_error_and_keeps_the_choice(coached):
    client = client_for(coached.person)
    r = client.post(f"/monitoring/my-cases/{coached.pk}/reply/", {"kind": "disagree",
                                                                  "reason": ""})
    html = r.content.decode()
    assert r.status_code == 400 and "誤りだと思う理由を書いてください" in html
    assert 'value="disagree" id="id_kind_1" required checked' in html
    assert not coached.replies.exists()
    r = client.post(f"/monitoring/my-cases/{coached.pk}/reply/",
                    {"kind": "disagree", "reason": "社内テスト用のダミーです"})
    assert r.status_code == 302 and coached.replies.get().reason == "社内テスト用のダミーです"


def test_acknowledging_from_the_page(coached):
    client = client_for(coached.person)
    assert client.post(f"/monitoring/my-cases/{coached.pk}/acknowledge/").status_code == 302
    assert Case.objects.get(pk=coached.pk).status == "acknowledged"
    r = client.post(f"/monitoring/my-cases/{coached.pk}/acknowledge/")
    assert r.status_code == 409 and "すでに確認済み" in r.content.decode()


def test_a_reviewer_filters_reads_dismisses_and_resolves(coached):
    other = make_case(make_person(department=DepartmentFactory(code="eng")), category="pii",
                      action="coach")
    services.case_reply(case=coached, actor=coached.person, kind="question", reason="どうして？")
    reviewer = client_for(make_person("reviewer", language="en"))
    html = reviewer.get("/monitoring/cases/", {"department": "sales"}).content.decode()
    assert f'data-case="{coached.pk}"' in html and f'data-case="{other.pk}"' not in html
    assert "1 new reply" in html
    html = reviewer.get("/monitoring/cases/", {"category": "pii", "status": "new"}).content.decode()
    assert f'data-case="{other.pk}"' in html and f'data-case="{coached.pk}"' not in html
    html = reviewer.get("/monitoring/cases/", {"attention": "replies"}).content.decode()
    assert f'data-case="{coached.pk}"' in html and f'data-case="{other.pk}"' not in html
    page = reviewer.get(f"/monitoring/cases/{coached.pk}/").content.decode()
    assert "どうして？" in page and "Hunter2" not in page and 'data-kind="coaching_sent"' in page
    assert reviewer.post(f"/monitoring/cases/{coached.pk}/replies-seen/").status_code == 302
    finding = coached.findings.get()
    r = reviewer.post(f"/monitoring/findings/{finding.pk}/dismiss/", {"reason": ""})
    assert r.status_code == 400 and "false positive" in r.content.decode()
    r = reviewer.post(f"/monitoring/cases/{other.pk}/resolve/", {"note": "talked"})
    assert r.status_code == 302 and Case.objects.get(pk=other.pk).status == "resolved"
    r = reviewer.post(f"/monitoring/cases/{other.pk}/resolve/", {"note": "again"})
    assert r.status_code == 409
    r = reviewer.post(f"/monitoring/cases/{coached.pk}/escalate/", {"targets": []})
    assert r.status_code == 400 and "Choose who receives the case" in r.content.decode()


def test_the_queue_pages_keep_the_filters(coached):
    for _ in range(26):
        make_case(coached.person, category="secret", action="coach")
    reviewer = client_for(make_person("reviewer"))
    html = reviewer.get("/monitoring/cases/", {"category": "secret"}).content.decode()
    assert "category=secret&amp;page=2" in html
    assert html.count("data-case=") == 25

