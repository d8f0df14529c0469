"""The API's edit/delete routes for questions and answers and its brand-library writes:
401 without a token, 403 without the right, 404 for hidden questions, JSON errors with a field."""

import json

import pytest

from koe.community import services
from koe.community.models import Answer, Document, Question
from koe.people.services import api_token_create
from koe.people.testing import client_for, make_person

pytestmark = pytest.mark.django_db


def _send(client, method, url, data=None, **headers):
    return getattr(client, method)(url, json.dumps(data or {}), content_type="application/json",
                                   **headers)


@pytest.fixture
def world(team):
    q = services.question_ask(author=team["asker"], title="ステマ", body="いいねは？")
    a = services.answer_post(question=q, author=team["colleague"], body="大丈夫")
    doc = services.document_create(actor=team["librarian"], kind="boilerplate",
                                   title_en="About Acme", body_en="Acme makes clouds.")
    return {"q": q, "a": a, "doc": doc}


def test_edit_and_delete_routes_are_401_without_sign_in(client, world):
    q, a = world["q"].pk, world["a"].pk
    for method, url in [("patch", f"/api/community/questions/{q}"),
                        ("delete", f"/api/community/questions/{q}"),
                        ("patch", f"/api/community/answers/{a}"),
                        ("delete", f"/api/community/answers/{a}")]:
        assert _send(client, method, url, {"title": "x", "body": "x"}).status_code == 401, url
    assert Question.objects.get(pk=q).title == "ステマ"


def test_the_author_edits_by_api_and_a_colleague_gets_403(team, world):
    q = world["q"].pk
    r = _send(client_for(team["colleague"]), "patch", f"/api/community/questions/{q}",
              {"title": "taken over"})
    assert r.status_code == 403 and r.json()["error"] == "forbidden"
    r = _send(client_for(team["asker"]), "patch", f"/api/community/questions/{q}",
              {"title": "ステマとは", "body": "定義を教えて", "tags": ["ステマ", "定義"]})
    assert r.status_code == 200
    body = r.json()
    assert body["title"] == "ステマとは" and body["tags"] == ["ステマ", "定義"]
    assert body["edited_at"] is not None


def test_an_api_edit_with_a_control_character_names_the_field(team, world):
    r = _send(client_for(team["colleague"]), "patch", f"/api/community/answers/{world['a'].pk}",
              {"body": "ok\u0008"})
    assert r.status_code == 400
    assert r.json()["field"] == "body" and "U+0008" in r.json()["message"]


def test_a_moderator_removes_by_api_and_others_see_a_tombstone(team, world):
    q = world["q"].pk
    r = client_for(team["moderator"]).delete(f"/api/community/questions/{q}?reason=spam")
    assert r.status_code == 200 and r.json() == {"outcome": "removed"}
    seen = client_for(team["colleague"]).get(f"/api/community/questions/{q}").json()
    assert seen["removed"] and seen["title"] == "" and seen["body"] == ""
    assert seen["answer_list"][0]["body"] == "大丈夫"
    mod = client_for(team["moderator"]).get(f"/api/community/questions/{q}").json()
    assert mod["title"] == "ステマ"


def test_the_author_deletes_an_answer_by_api(team, world):
    r = client_for(team["colleague"]).delete(f"/api/community/answers/{world['a'].pk}")
    assert r.status_code == 200 and r.json() == {"outcome": "deleted"}
    assert not Answer.objects.exists()


def test_hidden_questions_are_404_for_edit_and_delete(team):
    secret = services.question_ask(author=team["asker"], title="Private", visibility="governance")
    c = client_for(team["colleague"])
    assert _send(c, "patch", f"/api/community/questions/{secret.pk}", {"title": "x"}).status_code == 404
    assert c.delete(f"/api/community/questions/{secret.pk}").status_code == 404


# ----------------------------------------------------------------------------- library writes

def _bearer(user):
    return {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(user=user, name='t')[1]}",
            "HTTP_ACCEPT_LANGUAGE": "en"}


DOC = {"kind": "messaging", "title_en": "Tagline", "title_ja": "タグライン",
       "body_en": "Simple, safe cloud.", "body_ja": "シンプルで安全なクラウド。"}


def test_document_writes_are_401_without_a_token(client, world):
    assert _send(client, "post", "/api/community/documents", DOC).status_code == 401
    r = _send(client, "post", f"/api/community/documents/{world['doc'].pk}/revisions", DOC)
    assert r.status_code == 401
    assert Document.objects.count() == 1


def test_an_employee_gets_403_on_document_writes(client, world):
    headers = _bearer(make_person())
    assert _send(client, "post", "/api/community/documents", DOC, **headers).status_code == 403
    r = _send(client, "post", f"/api/community/documents/{world['doc'].pk}/revisions", DOC,
              **headers)
    assert r.status_code == 403
    assert Document.objects.count() == 1


def test_a_manager_creates_and_revises_a_document(client, team, world):
    headers = _bearer(team["librarian"])
    r = _send(client, "post", "/api/community/documents", DOC, **headers)
    assert r.status_code == 201
    created = r.json()
    assert created["version"] == 1 and created["title_ja"] == "タグライン"
    r = _send(client, "post", f"/api/community/documents/{created['id']}/revisions",
              {**DOC, "body_en": "Simple, safe, fast cloud.", "note": "add fast"}, **headers)
    assert r.status_code == 201
    revised = r.json()
    assert revised["version"] == 2 and revised["family"] == created["family"]
    assert revised["note"] == "add fast" and revised["is_current"]
    found = client.get("/api/community/documents", {"q": "fast"}, **headers).json()
    assert [d["id"] for d in found] == [revised["id"]]
    assert not Document.objects.get(pk=created["id"]).is_current


def test_document_validation_errors_are_json_with_the_field(client, team, world):
    headers = _bearer(team["librarian"])
    r = _send(client, "post", "/api/community/documents", {"kind": "messaging"}, **headers)
    assert r.status_code == 400
    assert r.json()["error"] == "invalid" and r.json()["field"] == "title_en"
    r = _send(client, "post", "/api/community/documents", {**DOC, "kind": "meme"}, **headers)
    assert r.status_code == 400 and r.json()["field"] == "kind"
    r = _send(client, "post", "/api/community/documents", {**DOC, "body_en": "x" * 20_001},
              **headers)
    assert r.status_code == 400 and r.json()["field"] == "body_en"
    assert "at most 20000" in r.json()["message"]
    assert Document.objects.count() == 1


def test_revising_an_old_version_is_a_409(client, team, world):
    headers = _bearer(team["librarian"])
    old = world["doc"]
    services.document_revise(document=old, actor=team["librarian"], kind="boilerplate",
                             title_en="About Acme", body_en="v2")
    r = _send(client, "post", f"/api/community/documents/{old.pk}/revisions", DOC, **headers)
    assert r.status_code == 409 and r.json()["error"] == "conflict"
    assert _send(client, "post", "/api/community/documents/99999/revisions", DOC,
                 **headers).status_code == 404
