"""A service's ValidationFailed shown on a form: on its field, or on top, or raised again."""

import pytest
from django import forms
from django.utils import translation

from koe.web.errors import Conflict, ValidationFailed
from koe.web.forms import add_service_error


class _Form(forms.Form):
    title = forms.CharField()


def _bound():
    form = _Form({"title": "kept"})
    assert form.is_valid()
    return form


def test_service_error_goes_on_the_field_it_names_and_keeps_the_input():
    form = _bound()
    with translation.override("en"):
        add_service_error(form, ValidationFailed("title", "Title: too long.", "タイトル：長すぎます。"))
    assert form.errors["title"] == ["Title: too long."]
    assert form.has_error("title", code="service")
    assert form["title"].value() == "kept"


def test_service_error_on_an_unknown_field_goes_on_top():
    form = _bound()
    add_service_error(form, ValidationFailed("nope", "Something is off."))
    assert form.non_field_errors() == ["Something is off."]


def test_conflict_is_shown_unless_only_bad_input_is_wanted():
    form = _bound()
    add_service_error(form, Conflict(None, "Already published."))
    assert form.non_field_errors() == ["Already published."]
    with pytest.raises(Conflict):
        add_service_error(_bound(), Conflict(None, "Already published."), input_only=True)


def test_bad_input_is_shown_when_only_bad_input_is_wanted():
    form = _bound()
    add_service_error(form, ValidationFailed("title", "Title: empty."), input_only=True)
    assert form.errors["title"] == ["Title: empty."]


def test_service_error_is_in_the_readers_language():
    form = _bound()
    with translation.override("ja"):
        add_service_error(form, ValidationFailed("title", "Title: too long.", "タイトル：長すぎます。"))
    assert form.errors["title"] == ["タイトル：長すぎます。"]
