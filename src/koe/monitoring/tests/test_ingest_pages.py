"""Import and internal-space pages: who may use them, the upload, the polled progress, the
leak finding a registered space produces."""

from __future__ import annotations

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from koe.monitoring import ingest
from koe.monitoring.models import Case, Finding, ImportJob, InternalSpace, Post
from koe.people.testing import assert_page_access, client_for, make_person

from .ingest_helpers import HARMLESS, brand_account, enrolled_account

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_spaces():
    """The spaces fingerprint is cached per process for a moment; each test starts afresh."""
    ingest.forget_spaces()

CHAT = ("来週の値上げは全社で15%、発表は月曜の朝に行う予定です。外には出さないこと。"
        "営業チームは既存顧客への説明資料を金曜までに準備してください。")


def test_page_permissions():
    assert_page_access("get", "/monitoring/imports/", 200, "employee", 200)
    assert_page_access("get", "/monitoring/spaces/", 403, "compliance", 200)
    assert_page_access("get", "/monitoring/spaces/", 403, "it", 200)


def test_an_employee_imports_their_own_account_and_sees_progress(
        django_capture_on_commit_callbacks):
    account = enrolled_account()
    other = enrolled_account(handle="someone-else.test")
    c = client_for(account.owner)
    page = c.get("/monitoring/imports/").content.decode()
    assert f'value="{account.pk}"' in page and f'value="{other.pk}"' not in page
    data = "\n".join([json.dumps({"id": "1", "text": HARMLESS}), "oops",
                      json.dumps({"id": "2", "text": "hello"})]).encode()
    with django_capture_on_commit_callbacks(execute=True):
        r = c.post("/monitoring/imports/", {"account": account.pk,
                                            "file": SimpleUploadedFile("a.jsonl", data)})
    job = ImportJob.objects.get()
    assert r.status_code == 302 and r["Location"] == f"/monitoring/imports/{job.pk}/"
    detail = c.get(r["Location"]).content.decode()
    assert 'id="import-progress"' in detail and 'data-count="created">2<' in detail
    assert "<td>2</td>" in detail and "not valid JSON" in detail
    assert "hx-trigger" not in detail  # finished: the page stops polling
    assert Post.objects.count() == 2


def test_a_running_import_is_polled_until_it_ends():
    account = enrolled_account()
    job = ImportJob.objects.create(account=account, created_by=account.owner, filename="a.jsonl",
                                   path="/nonexistent", status="running", total=10, processed=4)
    c = client_for(account.owner)
    fragment = c.get(f"/monitoring/imports/{job.pk}/progress/").content.decode()
    assert 'hx-trigger="every 1s"' in fragment and 'value="4" max="10"' in fragment
    assert "<html" not in fragment


def test_someone_elses_import_is_404_and_an_unowned_account_is_refused():
    account = enrolled_account()
    job = ImportJob.objects.create(account=account, created_by=account.owner, filename="a.jsonl",
                                   path="/nonexistent")
    stranger = client_for(make_person())
    assert stranger.get(f"/monitoring/imports/{job.pk}/").status_code == 404
    assert stranger.get(f"/monitoring/imports/{job.pk}/progress/").status_code == 404
    r = stranger.post("/monitoring/imports/", {
        "account": account.pk, "file": SimpleUploadedFile("a.jsonl", b'{"id":1,"text":"x"}')})
    assert r.status_code == 400 and ImportJob.objects.count() == 1
    assert client_for(make_person("compliance")).get(
        f"/monitoring/imports/{job.pk}/").status_code == 200


def test_a_bad_upload_re_renders_with_the_message():
    account = enrolled_account()
    r = client_for(account.owner).post("/monitoring/imports/", {
        "account": account.pk, "file": SimpleUploadedFile("a.pdf", b"%PDF")})
    assert r.status_code == 400 and ".jsonl or .csv" in r.content.decode()


def test_a_post_copying_a_registered_space_is_a_leak_naming_it(
        django_capture_on_commit_callbacks):
    compliance = make_person("compliance")
    c = client_for(compliance)
    r = c.post("/monitoring/spaces/", {"title": "Pricing chat", "kind": "chat", "text": "",
                                      "file": SimpleUploadedFile("chat.txt", CHAT.encode())})
    assert r.status_code == 302
    space = InternalSpace.objects.get()
    assert space.text == CHAT and space.registered_by == compliance
    account = enrolled_account()
    with django_capture_on_commit_callbacks(execute=True):
        post = ingest.post_ingest(account=account, external_id="leak", source="connector",
                                  text="聞いた話: " + CHAT[:60])
    finding = Finding.objects.get(case__post=post, rule_code="L101")
    assert finding.category == "leak"
    assert f"#{space.pk} Pricing chat" in finding.explanation
    assert Case.objects.get(post=post).category == "leak"
    # deactivated: the same text is no longer a leak
    with django_capture_on_commit_callbacks(execute=True):
        assert c.post(f"/monitoring/spaces/{space.pk}/deactivate/").status_code == 302
    space.refresh_from_db()
    assert not space.active
    with django_capture_on_commit_callbacks(execute=True):
        again = ingest.post_ingest(account=account, external_id="again", source="connector",
                                   text="聞いた話: " + CHAT[:60])
    assert not Finding.objects.filter(case__post=again, rule_code="L101").exists()


def test_the_leak_scanner_is_compiled_once_per_set_of_spaces(django_capture_on_commit_callbacks):
    ingest.space_register(actor=None, title="Wiki", kind="wiki", text=CHAT)
    ingest.forget_spaces()
    first = ingest.ingest_scanner()
    assert ingest.ingest_scanner() is first
    ingest.space_register(actor=None, title="Other", kind="wiki", text=HARMLESS * 3)
    ingest.forget_spaces()
    assert ingest.ingest_scanner() is not first


def test_space_form_names_what_is_missing():
    r = client_for(make_person("it")).post("/monitoring/spaces/", {"title": "", "kind": "wiki",
                                                                  "text": "short"})
    assert r.status_code == 400 and "give the space a name" in r.content.decode()
    r = client_for(make_person("it")).post("/monitoring/spaces/", {
        "title": "x", "kind": "wiki", "file": SimpleUploadedFile("a.pdf", b"x")})
    assert r.status_code == 400 and ".txt or .md" in r.content.decode()
    assert not InternalSpace.objects.exists()


def test_an_employee_cannot_deactivate_a_space():
    space = ingest.space_register(actor=None, title="Wiki", kind="wiki", text=CHAT)
    assert client_for(make_person()).post(
        f"/monitoring/spaces/{space.pk}/deactivate/").status_code == 403
    space.refresh_from_db()
    assert space.active


def test_brand_accounts_are_importable_for_compliance_only():
    brand = brand_account()
    page = client_for(make_person("compliance")).get("/monitoring/imports/").content.decode()
    assert f'value="{brand.pk}"' in page
    page = client_for(make_person()).get("/monitoring/imports/").content.decode()
    assert f'value="{brand.pk}"' not in page
