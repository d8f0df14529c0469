"""Q&A and library pages: sign-in first, 404 for hidden questions, 403 for library management,
and input that is kept when it cannot be accepted."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from koe.audit.models import AuditEntry
from koe.community import services
from koe.community.models import Answer, Document, Follow, Question, Vote
from koe.people.testing import client_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(team):
    q = services.question_ask(author=team["asker"], title="Can I like a friend's post?",
                              body="About **our** product.", tags="disclosure ステマ",
                              rule_code="C103")
    secret = services.question_ask(author=team["asker"], title="Harassment by a former colleague",
                                   body="private", visibility="governance")
    a = services.answer_post(question=q, author=team["colleague"], body="Yes, likes are fine.")
    sa = services.answer_post(question=secret, author=team["moderator"], body="Send us links.")
    doc = services.document_create(actor=team["librarian"], kind="faq", title_en="FAQ",
                                   body_en="Answers.")
    return {"q": q, "secret": secret, "a": a, "secret_answer": sa, "doc": doc}


def _pages(w):
    return ["/community/", "/community/ask/", f"/community/questions/{w['q'].pk}/",
            "/community/library/", f"/community/library/{w['doc'].pk}/",
            "/community/library/new/", f"/community/library/{w['doc'].pk}/edit/"]


def _posts(w):
    return [f"/community/questions/{w['q'].pk}/answer/", f"/community/questions/{w['q'].pk}/vote/",
            f"/community/questions/{w['q'].pk}/follow/", f"/community/answers/{w['a'].pk}/accept/",
            f"/community/answers/{w['a'].pk}/vote/", "/community/ask/", "/community/library/new/",
            f"/community/library/{w['doc'].pk}/edit/"]


def test_anonymous_people_are_sent_to_sign_in(client, world):
    for url in _pages(world) + [f"/community/library/{world['doc'].pk}/file/"]:
        r = client.get(url)
        assert r.status_code == 302 and r["Location"].startswith("/accounts/login/"), url
    for url in _posts(world):
        r = client.post(url, {"body": "x", "title": "x"})
        assert r.status_code == 302 and r["Location"].startswith("/accounts/login/"), url
    assert Answer.objects.count() == 2 and Question.objects.count() == 2


def test_employees_see_the_q_and_a_and_the_library(team, world):
    c = client_for(team["colleague"])
    for url in _pages(world)[:5]:
        assert c.get(url).status_code == 200, url


def test_governance_only_questions_are_404_for_other_employees(team, world):
    c = client_for(team["colleague"])
    s, sa = world["secret"], world["secret_answer"]
    for url in [f"/community/questions/{s.pk}/"]:
        assert c.get(url).status_code == 404
    for url in [f"/community/questions/{s.pk}/answer/", f"/community/questions/{s.pk}/vote/",
                f"/community/questions/{s.pk}/follow/", f"/community/answers/{sa.pk}/accept/",
                f"/community/answers/{sa.pk}/vote/"]:
        assert c.post(url, {"body": "peek"}).status_code == 404, url
    assert not Vote.objects.exists() and not Answer.objects.filter(body="peek").exists()
    assert "Harassment" not in c.get("/community/").content.decode()
    services.question_ask(author=team["asker"], title="t", body="b", tags="secret-tag",
                          visibility="governance")
    assert "secret-tag" not in c.get("/community/").content.decode()
    assert "secret-tag" in client_for(team["moderator"]).get("/community/").content.decode()
    for who in ("asker", "moderator"):
        r = client_for(team[who]).get(f"/community/questions/{s.pk}/")
        assert r.status_code == 200 and "Harassment by a former colleague" in r.content.decode()


def test_an_employee_gets_403_on_library_management(team, world):
    c = client_for(team["colleague"])
    doc = world["doc"]
    assert c.get("/community/library/new/").status_code == 403
    assert c.get(f"/community/library/{doc.pk}/edit/").status_code == 403
    r = c.post("/community/library/new/", {"kind": "faq", "title_en": "Mine", "body_en": "x"})
    assert r.status_code == 403
    r = c.post(f"/community/library/{doc.pk}/edit/", {"kind": "faq", "title_en": "X", "body_en": "y"})
    assert r.status_code == 403
    assert Document.objects.count() == 1


def test_a_librarian_adds_a_document_and_a_new_version_keeps_history(team, world):
    c = client_for(team["librarian"])
    r = c.post("/community/library/new/", {"kind": "asset", "title_en": "Logo", "title_ja": "ロゴ",
                                           "file": SimpleUploadedFile("logo.svg", b"<svg/>")})
    assert r.status_code == 302
    doc = Document.objects.get(title_en="Logo")
    r = c.post(f"/community/library/{doc.pk}/edit/", {"kind": "asset", "title_en": "Logo",
                                                      "title_ja": "ロゴ", "note": "new colours"})
    assert r.status_code == 302
    versions = list(Document.objects.filter(family=doc.family).order_by("version"))
    assert [(d.version, d.is_current) for d in versions] == [(1, False), (2, True)]
    assert versions[1].file.name == versions[0].file.name
    r = client_for(team["colleague"]).get(f"/community/library/{versions[1].pk}/file/")
    assert r.status_code == 200 and b"".join(r.streaming_content) == b"<svg/>"
    assert AuditEntry.objects.filter(action="library.document_revise").count() == 1


def test_a_document_without_text_or_file_is_refused_and_the_title_kept(team):
    r = client_for(team["librarian"]).post("/community/library/new/",
                                           {"kind": "faq", "title_en": "Keep me"})
    assert r.status_code == 400 and not Document.objects.exists()
    body = r.content.decode()
    assert "upload a file" in body and 'value="Keep me"' in body


def test_a_hostile_question_body_is_saved_and_shown_escaped(team):
    c = client_for(team["asker"])
    hostile = "Is this ok? <script>alert('x')</script><img src=x onerror=alert(1)>"
    r = c.post("/community/ask/", {"title": "<b>Title</b>", "body": hostile,
                                   "visibility": "colleagues", "tags": "", "rule_code": ""})
    assert r.status_code == 302
    q = Question.objects.get()
    assert q.body == hostile
    page = client_for(team["colleague"]).get(f"/community/questions/{q.pk}/").content.decode()
    assert "<script>alert" not in page and "onerror" not in page
    assert "&lt;b&gt;Title&lt;/b&gt;" in page


def test_an_empty_title_gets_a_bilingual_message_naming_the_field_and_keeps_the_body(team):
    c = client_for(team["asker"])
    r = c.post("/community/ask/", {"title": "  ", "body": "My long question text",
                                   "visibility": "colleagues"})
    assert r.status_code == 400 and not Question.objects.exists()
    body = r.content.decode()
    assert "The title is required" in body and "My long question text" in body
    r = c.post("/community/ask/", {"title": "", "body": "本文はそのまま", "visibility": "colleagues"},
               HTTP_ACCEPT_LANGUAGE="ja")
    c.cookies["django_language"] = "ja"
    r = c.post("/community/ask/", {"title": "", "body": "本文はそのまま", "visibility": "colleagues"})
    body = r.content.decode()
    assert "タイトルを入力してください" in body and "本文はそのまま" in body


def test_the_ask_page_is_prefilled_from_a_finding(team):
    r = client_for(team["asker"]).get("/community/ask/?rule=C103&text=" + "最高の製品")
    body = r.content.decode()
    assert r.status_code == 200 and 'value="C103"' in body and "最高の製品" in body


def test_asking_answering_accepting_voting_following(team, world):
    q, a = world["q"], world["a"]
    colleague, asker = client_for(team["colleague"]), client_for(team["asker"])
    assert colleague.post(f"/community/answers/{a.pk}/accept/").status_code == 403
    assert asker.post(f"/community/answers/{a.pk}/accept/").status_code == 302
    a.refresh_from_db()
    assert a.accepted
    assert colleague.post(f"/community/questions/{q.pk}/vote/", {"on": "1"}).status_code == 302
    assert colleague.post(f"/community/questions/{q.pk}/vote/", {"on": "1"}).status_code == 302
    assert Vote.objects.filter(question=q).count() == 1
    assert asker.post(f"/community/questions/{q.pk}/vote/", {"on": "1"}).status_code == 409
    assert asker.post(f"/community/answers/{a.pk}/vote/", {"on": "1"}).status_code == 302
    assert Vote.objects.filter(answer=a).count() == 1
    assert colleague.post(f"/community/questions/{q.pk}/follow/", {"on": "0"}).status_code == 302
    assert not Follow.objects.filter(user=team["colleague"], question=q).exists()
    r = colleague.post(f"/community/questions/{q.pk}/answer/", {"body": ""})
    assert r.status_code == 400 and "The answer is required" in r.content.decode()
    r = colleague.get("/community/?tag=ステマ")
    assert "Can I like a friend" in r.content.decode()
    assert "Can I like a friend" not in colleague.get("/community/?tag=photos").content.decode()
    assert AuditEntry.objects.filter(action="qa.answer_accept").count() == 1


def test_a_moderator_accepts_any_answer_and_only_one_is_accepted(team, world):
    q = world["q"]
    b = services.answer_post(question=q, author=team["moderator"], body="Better answer")
    c = client_for(team["moderator"])
    c.post(f"/community/answers/{world['a'].pk}/accept/")
    c.post(f"/community/answers/{b.pk}/accept/")
    assert list(Answer.objects.filter(question=q, accepted=True)) == [b]


def test_the_selfcheck_finding_links_to_a_prefilled_question(team):
    c = client_for(team["asker"])
    body = c.get("/check/result/", {"text": "Put your savings here: guaranteed returns!",
                                    "account": "personal"}).content.decode()
    link = "/community/ask/?rule=R101&amp;text=guaranteed%20returns"
    assert link in body
    page = c.get(link.replace("&amp;", "&")).content.decode()
    assert 'value="R101"' in page and "guaranteed returns" in page


def test_the_link_never_copies_personal_data_or_secrets_into_a_question(team):
    c = client_for(team["asker"])
    body = c.get("/check/result/", {"text": "電話番号は090-1234-5678です password: hunter2abc",
                                    "account": "personal"}).content.decode()
    links = re.findall(r'href="(/community/ask/[^"]*)"', body)
    assert sorted(links) == ["/community/ask/?rule=P102", "/community/ask/?rule=S103"]


def test_the_navigation_shows_questions_and_the_library(team):
    body = client_for(team["colleague"]).get("/community/").content.decode()
    assert 'href="/community/library/"' in body
