"""Coaching templates: per-rule wording in both languages, safe placeholders (no template
injection), the editor with preview, and the note a person gets from them."""

import pytest

from koe.audit.models import AuditEntry
from koe.monitoring import coaching, services
from koe.monitoring.models import CoachingTemplate
from koe.people.testing import client_for, make_person
from koe.web.errors import ValidationFailed

from .cases_util import make_case

pytestmark = pytest.mark.django_db

GOOD = {"subject_en": "About your post ({rule})", "subject_ja": "投稿について（{rule}）",
        "body_en": "Hi {name}! Try this: {suggestion}\nRule: {rule_url} {{literal}}",
        "body_ja": "{name} さん、こう書いてみましょう: {suggestion}\nルール: {rule_url}"}


@pytest.mark.parametrize("text, problem", [
    ("Hi {nme}", "{nme}"),
    ("{name.__class__.__mro__}", "{name.__class__.__mro__}"),
    ("{settings.SECRET_KEY}", "{settings.SECRET_KEY}"),
    ("{0}", "{0}"),
    ("{name!r}", "{name!r}"),
    ("Hello { name", "“{”"),
    ("Hello name}", "“}”"),
])
def test_unknown_or_broken_placeholders_are_refused_with_the_field_named(text, problem):
    with pytest.raises(ValidationFailed) as err:
        coaching.placeholders_in(text, field="body_en")
    assert err.value.field == "body_en" and problem in err.value.en
    assert err.value.ja != err.value.en


def test_filling_is_plain_substitution():
    values = {"name": "{suggestion}", "suggestion": "x"}
    assert coaching.fill("{name} {{name}} {suggestion}", values) == "{suggestion} {name} x"


def test_saving_a_rule_template_changes_the_note_that_rule_sends(django_capture_on_commit_callbacks,
                                                                 mailoutbox):
    reviewer = make_person("reviewer")
    template = services.coaching_template_save(actor=reviewer, rule_code="s103", **GOOD)
    assert template.rule_code == "S103" and template.updated_by == reviewer
    assert AuditEntry.objects.filter(action="monitoring.coaching_template_save").exists()
    ja, en = make_person(language="ja"), make_person(language="en")
    cases = [make_case(ja, category="secret", action="coach"),
             make_case(en, category="secret", action="coach"),
             make_case(en, category="pii", action="coach")]  # P102: still the default
    with django_capture_on_commit_callbacks(execute=True):
        services.cases_process_new(case_ids=[c.pk for c in cases])
    ja_note, en_note, other = (c.messages.get() for c in cases)
    assert ja_note.subject == "投稿について（S103）" and ja_note.body.startswith(f"{ja} さん、")
    assert en_note.subject == "About your post (S103)" and "{literal}" in en_note.body
    assert "/policy/rules/S103/" in en_note.body
    assert other.subject.startswith("A friendly note")
    assert {m.subject for m in mailoutbox} == {ja_note.subject, en_note.subject, other.subject}


def test_a_default_template_row_applies_to_rules_without_their_own():
    services.coaching_template_save(actor=make_person("compliance"), rule_code="", **GOOD)
    case = make_case(make_person(language="en"), category="pii", action="coach")
    assert coaching.render_note(case, "en").subject == "About your post (P102)"


def test_a_bad_template_is_refused_and_nothing_is_saved():
    with pytest.raises(ValidationFailed) as err:
        services.coaching_template_save(actor=make_person("reviewer"), rule_code="S103",
                                        **{**GOOD, "body_ja": "{name} {password}"})
    assert err.value.field == "body_ja" and "{password}" in err.value.ja
    with pytest.raises(ValidationFailed) as err:
        services.coaching_template_save(actor=make_person("reviewer"), rule_code="Z999", **GOOD)
    assert err.value.field == "rule_code"
    with pytest.raises(ValidationFailed) as err:
        services.coaching_template_save(actor=make_person("reviewer"), rule_code="",
                                        **{**GOOD, "subject_ja": " "})
    assert err.value.field == "subject_ja" and "件名" in err.value.ja
    assert not CoachingTemplate.objects.exists()


def test_the_editor_previews_both_languages_then_saves(db):
    client = client_for(make_person("reviewer", language="en"))
    page = client.get("/monitoring/coaching-templates/S103/")
    assert page.status_code == 200 and "A friendly note about your post" in page.content.decode()
    r = client.post("/monitoring/coaching-templates/S103/", {**GOOD, "preview": "1"})
    html = r.content.decode()
    assert r.status_code == 200 and "About your post (S103)" in html and "投稿について（S103）" in html
    assert not CoachingTemplate.objects.exists()
    r = client.post("/monitoring/coaching-templates/S103/", {**GOOD, "save": "1"})
    assert r.status_code == 302 and CoachingTemplate.objects.get().body_ja == GOOD["body_ja"]
    listing = client.get("/monitoring/coaching-templates/").content.decode()
    assert 'data-rule="S103"' in listing and "Own wording" in listing
    r = client.post("/monitoring/coaching-templates/S103/delete/")
    assert r.status_code == 302 and not CoachingTemplate.objects.exists()


def test_the_editor_keeps_the_input_and_names_the_bad_placeholder(db):
    client = client_for(make_person("reviewer", language="ja"))
    bad = {**GOOD, "body_en": "Hi {nmae}, keep this text", "save": "1"}
    r = client.post("/monitoring/coaching-templates/default/", bad)
    html = r.content.decode()
    assert r.status_code == 400 and "{nmae}" in html and "keep this text" in html
    assert "差し込み項目" in html
    assert not CoachingTemplate.objects.exists()
