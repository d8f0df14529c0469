"""A policy version has a title in each language; readers see theirs."""

from koe.people.testing import client_for

from .helpers import draft, published


def test_readers_see_the_title_in_their_language(team):
    published(team, title="Acme social media policy", title_ja="アクメ ソーシャルメディアポリシー")
    c = client_for(team["employee"])
    c.cookies["django_language"] = "ja"
    assert "<h1>アクメ ソーシャルメディアポリシー" in c.get("/policy/").content.decode()
    c.cookies["django_language"] = "en"
    assert "<h1>Acme social media policy" in c.get("/policy/").content.decode()


def test_without_a_japanese_title_japanese_readers_see_the_english_one(team):
    published(team, title="Acme social media policy")
    c = client_for(team["employee"])
    c.cookies["django_language"] = "ja"
    assert "<h1>Acme social media policy" in c.get("/policy/").content.decode()


def test_the_draft_form_saves_the_japanese_title(team):
    version = draft(team)
    c = client_for(team["compliance"])
    form = {"title": "Policy", "title_ja": "  ポリシー ", "yaml": version.yaml,
            "guidance_en": version.guidance_en, "guidance_ja": version.guidance_ja}
    r = c.post(f"/policy/versions/{version.number}/edit/", form)
    assert r.status_code == 302
    version.refresh_from_db()
    assert version.title_ja == "ポリシー"
