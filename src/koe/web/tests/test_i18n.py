"""Japanese and English: the catalog is complete, and each person reads their language."""

import re
from pathlib import Path

import pytest

from koe.people.testing import client_for, make_person

pytestmark = pytest.mark.django_db

PO = Path(__file__).resolve().parents[2] / "locale" / "ja" / "LC_MESSAGES" / "django.po"


def test_every_message_has_a_japanese_translation_that_is_not_fuzzy():
    entries = PO.read_text(encoding="utf-8").split("\n\n")[1:]  # the header comes first
    missing = []
    for entry in entries:
        if entry.startswith("#~"):
            continue
        msgid = re.search(r'^msgid "(.*)"', entry, re.M)
        if re.search(r"^#, fuzzy", entry, re.M) or re.search(r'^msgstr(\[0\])? ""\n*\Z', entry, re.M):
            missing.append(msgid.group(1) if msgid else entry[:60])
    assert missing == []
    assert PO.with_suffix(".mo").stat().st_mtime >= PO.stat().st_mtime - 5


def test_each_person_reads_the_ui_in_their_language():
    ja = client_for(make_person(language="ja", mfa=False)).get("/check/").content.decode()
    en = client_for(make_person(language="en", mfa=False)).get("/check/").content.decode()
    assert "投稿内容" in ja and "Your post" not in ja
    assert "Your post" in en


def test_the_language_switch_remembers_the_choice():
    person = make_person(language="en", mfa=False)
    client = client_for(person)
    client.post("/language/", {"language": "ja", "next": "/check/"})
    person.refresh_from_db()
    assert person.language == "ja"
    assert "投稿内容" in client.get("/check/").content.decode()


def test_error_pages_use_the_layout_and_the_readers_language():
    client = client_for(make_person(language="ja", mfa=False))
    forbidden = client.get("/audit/")
    assert forbidden.status_code == 403
    assert "このロールでは開けないページです" in forbidden.content.decode()
    missing = client.get("/no/such/page/")
    assert missing.status_code == 404 and "見つかりません" in missing.content.decode()
    assert 'name="viewport"' in missing.content.decode()
