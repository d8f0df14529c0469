"""The self-check page, its live fragment and the check API."""

import json

import pytest

from koe.people.testing import client_for, make_person

pytestmark = pytest.mark.django_db


def test_the_page_needs_sign_in(client):
    response = client.get("/check/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_live_fragment_marks_spans_and_suggests_better_wording():
    c = client_for(make_person())
    r = c.post("/check/result/", {"text": "元本保証で必ず儲かる", "account": "personal"},
               HTTP_HX_REQUEST="true")
    body = r.content.decode()
    assert r.status_code == 200
    assert '<mark class="major"' in body and "R101" in body
    assert 'data-verdict="review"' in body


def test_user_text_is_escaped_in_the_result():
    c = client_for(make_person())
    payload = '<script>alert(1)</script> 元本保証 <img src=x onerror=alert(2)>'
    body = c.post("/check/result/", {"text": payload, "account": "personal"}).content.decode()
    assert "<script>alert(1)</script>" not in body and "<img src=x" not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body


def test_an_empty_post_gets_a_clear_message_not_an_error_page():
    c = client_for(make_person())
    r = c.post("/check/result/", {"text": "", "account": "personal"})
    assert r.status_code == 400 and 'role="alert"' in r.content.decode()


def test_the_check_api_returns_findings_in_the_callers_language():
    c = client_for(make_person(language="ja"))
    r = c.post("/api/check", json.dumps({"text": "On behalf of Acme: hello", "lang": "ja",
                                         "account": "personal"}), content_type="application/json")
    data = r.json()
    assert r.status_code == 200, data
    assert data["verdict"] in {"ok", "review"}
    r = c.post("/api/check", json.dumps({"text": "元本保証", "lang": "ja"}),
               content_type="application/json")
    f = r.json()["findings"][0]
    assert f["rule"] == "R101" and not f["message"].isascii()


def test_the_check_api_rejects_a_wrong_account_kind_with_a_clear_message():
    c = client_for(make_person())
    r = c.post("/api/check", json.dumps({"text": "hi", "account": "myspace"}),
               content_type="application/json")
    assert r.status_code == 400 and "myspace" in r.json()["message"]


def test_the_check_api_needs_authentication(client):
    r = client.post("/api/check", json.dumps({"text": "hi"}), content_type="application/json")
    assert r.status_code == 401


def test_the_evidence_reads_in_japanese_for_a_japanese_reader():
    c = client_for(make_person(language="ja", mfa=False))
    body = c.post("/check/result/", {"text": "ここだけの話、うちの会社が来月リストラ",
                                     "account": "personal"}).content.decode()
    assert "内緒の前置き「ここだけの話」" in body and "secrecy cue" not in body
