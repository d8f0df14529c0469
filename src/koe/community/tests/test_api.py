"""The community API: 401 without sign-in, 404 for hidden questions, the same search."""

import json

import pytest

from koe.community import services
from koe.community.models import Answer, Question, Vote
from koe.people.testing import client_for

pytestmark = pytest.mark.django_db


def _post(client, url, data=None):
    return client.post(url, json.dumps(data or {}), content_type="application/json")


@pytest.fixture
def world(team):
    q = services.question_ask(author=team["asker"], title="ステマ規制について",
                              body="友人の投稿にいいねしてもいいですか？", tags=["ステマ"])
    secret = services.question_ask(author=team["asker"], title="Private", body="only us",
                                   visibility="governance")
    a = services.answer_post(question=q, author=team["colleague"], body="大丈夫です")
    sa = services.answer_post(question=secret, author=team["moderator"], body="ok")
    doc = services.document_create(actor=team["librarian"], kind="messaging",
                                   title_en="Tagline", body_en="Simple, safe cloud.")
    return {"q": q, "secret": secret, "a": a, "sa": sa, "doc": doc}


def test_every_route_is_401_without_sign_in(client, world):
    q, a, d = world["q"].pk, world["a"].pk, world["doc"].pk
    for url in ["/api/community/questions", f"/api/community/questions/{q}",
                "/api/community/documents", f"/api/community/documents/{d}"]:
        assert client.get(url).status_code == 401, url
    for url in ["/api/community/questions", f"/api/community/questions/{q}/answers",
                f"/api/community/answers/{a}/accept", f"/api/community/questions/{q}/vote",
                f"/api/community/answers/{a}/vote", f"/api/community/questions/{q}/follow"]:
        assert _post(client, url, {"title": "x", "body": "x"}).status_code == 401, url
    assert Question.objects.count() == 2 and Answer.objects.count() == 2


def test_hidden_questions_are_404_for_other_employees(team, world):
    c = client_for(team["colleague"])
    s, sa = world["secret"].pk, world["sa"].pk
    assert c.get(f"/api/community/questions/{s}").status_code == 404
    for url in [f"/api/community/questions/{s}/answers", f"/api/community/answers/{sa}/accept",
                f"/api/community/questions/{s}/vote", f"/api/community/answers/{sa}/vote",
                f"/api/community/questions/{s}/follow"]:
        assert _post(c, url, {"body": "peek"}).status_code == 404, url
    assert not Vote.objects.exists()
    titles = [x["title"] for x in c.get("/api/community/questions").json()]
    assert "Private" not in titles and "ステマ規制について" in titles
    r = client_for(team["moderator"]).get(f"/api/community/questions/{s}")
    assert r.status_code == 200 and r.json()["answer_list"][0]["body"] == "ok"


def test_search_works_in_japanese_and_english(team, world):
    c = client_for(team["colleague"])
    assert [x["id"] for x in c.get("/api/community/questions", {"q": "いいね"}).json()] == [world["q"].pk]
    assert c.get("/api/community/questions", {"q": "blockchain"}).json() == []
    assert [x["id"] for x in c.get("/api/community/documents", {"q": "cloud"}).json()] == [world["doc"].pk]


def test_ask_answer_accept_vote_follow(team, world):
    asker, colleague = client_for(team["asker"]), client_for(team["colleague"])
    r = _post(colleague, "/api/community/questions",
              {"title": "Office photos?", "body": "<script>x</script>", "tags": ["photos"],
               "rule_code": "C201"})
    assert r.status_code == 201 and r.json()["tags"] == ["photos"]
    r = _post(colleague, "/api/community/questions", {"title": " ", "body": "kept"})
    assert r.status_code == 400 and r.json()["field"] == "title"
    r = _post(asker, f"/api/community/questions/{world['q'].pk}/answers", {"body": "Thanks"})
    assert r.status_code == 201
    assert _post(colleague, f"/api/community/answers/{world['a'].pk}/accept").status_code == 403
    r = _post(asker, f"/api/community/answers/{world['a'].pk}/accept")
    assert r.status_code == 200 and r.json()["accepted"] is True
    r = _post(colleague, f"/api/community/questions/{world['q'].pk}/vote", {"on": True})
    assert r.json() == {"on": True}
    assert _post(asker, f"/api/community/questions/{world['q'].pk}/vote").status_code == 409
    r = _post(colleague, f"/api/community/questions/{world['q'].pk}/follow", {"on": False})
    assert r.json() == {"on": False}
    detail = colleague.get(f"/api/community/questions/{world['q'].pk}").json()
    assert detail["votes"] == 1 and detail["answer_list"][0]["accepted"] is True


def test_documents_detail_and_schema(team, world, client):
    c = client_for(team["colleague"])
    r = c.get(f"/api/community/documents/{world['doc'].pk}")
    assert r.status_code == 200 and r.json()["title_en"] == "Tagline"
    assert c.get("/api/community/documents/99999").status_code == 404
    paths = client.get("/api/openapi.json").json()["paths"]
    assert "/api/community/questions" in paths and "/api/community/documents/{pk}" in paths
