"""Reading the policy: the page (do's first), a rule's page, slides, PDF/EPUB, the public link."""

import io
import re
import zipfile
import zlib

import pytest

from koe.people.testing import client_for
from koe.policies.models import PolicyArtifact
from koe.policies.services import artifact_render, version_set_public

from .helpers import GOOD_YAML, draft, published

pytestmark = pytest.mark.django_db


def test_without_a_published_version_the_built_in_policy_is_shown(team):
    r = client_for(team["employee"]).get("/policy/")
    body = r.content.decode()
    assert r.status_code == 200 and "built-in policy" in body
    assert "What we want you to do" in body
    assert body.index("What we want you to do") < body.index("What to avoid") < body.index('id="P101"')
    assert "I have read and understand" not in body  # nothing published to confirm


def test_the_page_lists_every_rule_with_its_anchor_severity_and_alternative(team):
    published(team, guidance_en="## What we want you to do\n\nShare what you learn.")
    body = client_for(team["employee"]).get("/policy/").content.decode()
    for code in ("P101", "S101", "R101", "H101"):
        assert f'id="{code}"' in body and f'href="/policy/rules/{code}/"' in body
    assert '<span class="badge major">major</span>' in body
    assert "Do this:" in body and "Avoid:" in body
    assert "Why it matters" in body
    assert body.index("Share what you learn") < body.index('id="rules"')
    assert "The first time" in body and "If it happens again" in body
    assert "Nothing goes on your record" in body  # the consequence ladder in plain words
    assert 'id="rule-search"' in body
    assert "I have read and understand this policy" in body


def test_the_page_is_in_the_readers_language(team):
    published(team, guidance_ja="## してほしいこと\n\n学んだことを共有しましょう。")
    c = client_for(team["employee"])
    c.cookies["django_language"] = "ja"
    body = c.get("/policy/").content.decode()
    assert "学んだことを共有しましょう" in body and "記録には残りません" in body
    assert "投資の利益を約束したり" in body  # R101's message in Japanese


def test_the_search_filters_rules_on_the_server_too(team):
    body = client_for(team["employee"]).get("/policy/?q=password").content.decode()
    assert 'id="S101"' in body or 'id="S102"' in body
    assert 'id="R101"' not in body
    body = client_for(team["employee"]).get("/policy/?q=zzzznothing").content.decode()
    assert "No rule matches" in body and "zzzznothing" in body


def test_a_rule_page_has_the_four_sections(team):
    r = client_for(team["employee"]).get("/policy/rules/R101/")
    body = r.content.decode()
    assert r.status_code == 200
    for heading in ("What it checks", "Why it matters", "Example", "Do this instead"):
        assert f"<h2>{heading}</h2>" in body
    assert "FINRA" in body


def test_a_rule_page_in_japanese(team):
    c = client_for(team["employee"])
    c.cookies["django_language"] = "ja"
    body = c.get("/policy/rules/R101/").content.decode()
    assert "金融商品取引法" in body


def test_an_unknown_rule_is_404_and_a_lower_case_code_redirects(team):
    c = client_for(team["employee"])
    assert c.get("/policy/rules/Z999/").status_code == 404
    r = c.get("/policy/rules/r101/")
    assert r.status_code == 302 and r["Location"] == "/policy/rules/R101/"


def test_guidance_with_a_script_is_not_run(team):
    published(team, guidance_en='Hi <script>alert("x")</script> <img src=x onerror="alert(1)"> '
                                "[link](javascript:alert(2))")
    c = client_for(team["employee"])
    for url in ("/policy/", "/policy/slides/"):
        body = c.get(url).content.decode()
        assert '<script>alert("x")' not in body and "onerror" not in body
        assert "javascript:alert" not in body


def test_slides_have_one_rule_per_slide_and_print_styles(team):
    published(team)
    body = client_for(team["employee"]).get("/policy/slides/").content.decode()
    assert body.count('class="slide rule-slide"') >= 20
    assert "@media print" in body and "ArrowRight" in body and "ArrowLeft" in body


@pytest.mark.slow
def test_the_pdf_and_the_epub_are_rendered_on_publish(team, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        v = published(team, guidance_en="Share what you learn, please.",
                      guidance_ja="学んだことを共有しましょう。")
    kinds = set(PolicyArtifact.objects.filter(version=v).values_list("kind", "lang"))
    assert kinds == {("pdf", "en"), ("pdf", "ja"), ("epub", "en"), ("epub", "ja")}
    c = client_for(team["employee"])
    r = c.get(f"/policy/versions/{v.number}/download/pdf/ja/")
    assert r.status_code == 200 and r["Content-Type"] == "application/pdf"
    assert b"".join(r.streaming_content).startswith(b"%PDF")
    r = c.get(f"/policy/versions/{v.number}/download/epub/en/")
    data = b"".join(r.streaming_content)
    with zipfile.ZipFile(io.BytesIO(data)) as book:
        assert book.read("mimetype") == b"application/epub+zip"
        text = "".join(book.read(n).decode() for n in book.namelist() if n.endswith(".xhtml"))
    assert "Share what you learn, please." in text and "R101" in text
    body = c.get("/policy/").content.decode()
    assert f"/policy/versions/{v.number}/download/pdf/ja/" in body


@pytest.mark.slow
def test_a_japanese_pdf_embeds_a_cjk_font(team):
    v = published(team, guidance_ja="学んだことを共有しましょう。")
    artifact = artifact_render(version=v, kind="pdf", lang="ja")
    data = artifact.file.read()
    assert data.startswith(b"%PDF")
    assert any(b"Noto-Sans-CJK-JP" in part for part in _pdf_parts(data))


def _pdf_parts(data: bytes):
    """The raw PDF and each of its streams, inflated where they are compressed."""
    yield data
    for match in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", data, re.S):
        try:
            yield zlib.decompress(match.group(1))
        except zlib.error:
            continue


def test_a_missing_download_is_rendered_on_demand(team):
    v = published(team)
    assert not PolicyArtifact.objects.exists()
    r = client_for(team["employee"]).get(f"/policy/versions/{v.number}/download/epub/ja/")
    assert r.status_code == 200 and b"".join(r.streaming_content)[:2] == b"PK"
    assert PolicyArtifact.objects.filter(version=v, kind="epub", lang="ja").exists()


def test_drafts_have_no_downloads(team):
    v = draft(team)
    r = client_for(team["compliance"]).get(f"/policy/versions/{v.number}/download/pdf/en/")
    assert r.status_code == 404


def test_the_public_link_works_only_when_it_is_on(client, team):
    v = published(team, guidance_en="Our public words.")
    url = f"/policy/public/{v.public_token}/"
    assert client.get(url).status_code == 404
    version_set_public(version=v, actor=team["compliance"], public=True)
    r = client.get(url, HTTP_ACCEPT_LANGUAGE="en")
    body = r.content.decode()
    assert r.status_code == 200 and "Our public words." in body
    assert "I have read and understand" not in body and "/policy/rules/" not in body
    assert client.get(f"/policy/public/{v.public_token}/slides/").status_code == 200
    version_set_public(version=v, actor=team["compliance"], public=False)
    assert client.get(url).status_code == 404
    assert client.get(f"/policy/public/{v.public_token}/slides/").status_code == 404
    assert client.get(f"/policy/public/{v.public_token}/download/epub/en/").status_code == 404


def test_a_draft_is_never_public(client, team):
    v = draft(team, yaml=GOOD_YAML)
    v.public = True
    v.save()
    assert client.get(f"/policy/public/{v.public_token}/").status_code == 404


def test_the_public_link_toggle_through_the_page(team):
    v = published(team)
    c = client_for(team["compliance"])
    c.post(f"/policy/versions/{v.number}/public/", {"public": "on"})
    v.refresh_from_db()
    assert v.public
    body = c.get(f"/policy/versions/{v.number}/").content.decode()
    assert f"/policy/public/{v.public_token}/" in body
