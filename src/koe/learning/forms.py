"""Forms of the learning pages. They check shapes; the services check the rules."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from koe.people.choices import Role
from koe.people.models import Department

from .models import Course

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")

QUESTIONS_HELP = _(
    "One block per question, separated by an empty line. "
    "'? English | 日本語' is the question, '+ answer | 回答' a correct answer, "
    "'- answer | 回答' a wrong one, '> explanation | 解説' the explanation shown after.")



class AssignForm(forms.Form):
    course = forms.ModelChoiceField(label=_("Course"), queryset=Course.objects.all())
    role = forms.ChoiceField(label=_("Role"), required=False,
                             choices=[("", "—"), *Role.choices],
                             help_text=_("“Employee” means everyone."))
    department = forms.ModelChoiceField(label=_("Department"), queryset=Department.objects.all(),
                                        required=False)
    due_on = forms.DateField(label=_("Due"), required=False, widget=DATE)


class QuizForm(forms.Form):
    course = forms.ModelChoiceField(label=_("Course"), queryset=Course.objects.all())
    title_en = forms.CharField(label=_("Title (English)"), max_length=200)
    title_ja = forms.CharField(label=_("Title (Japanese)"), max_length=200, required=False)
    pass_mark = forms.IntegerField(label=_("Pass mark (%)"), min_value=1, max_value=100,
                                   initial=80)
    max_attempts = forms.IntegerField(label=_("Attempts allowed"), min_value=1, required=False,
                                      help_text=_("Empty for unlimited."))
    questions = forms.CharField(label=_("Questions"), help_text=QUESTIONS_HELP,
                                widget=forms.Textarea(attrs={"rows": 14, "spellcheck": "true"}))


def _pair(text: str) -> tuple[str, str]:
    en, _sep, ja = text.partition("|")
    return en.strip(), ja.strip()


def parse_questions(text: str) -> list[dict]:
    """The question blocks of :data:`QUESTIONS_HELP` → the mappings quiz_create takes.

    >>> parse_questions("? Q | 質問\\n+ yes | はい\\n- no | いいえ")[0]["choices"][0]["correct"]
    True
    """
    questions: list[dict] = []
    current: dict | None = None
    for raw in text.replace("\r\n", "\n").split("\n"):
        line = raw.strip()
        if not line:
            current = None
            continue
        mark, rest = line[0], line[1:].strip()
        if mark not in "?+->":
            if current is not None:  # a question written over several lines
                current["text_en"] = f"{current['text_en']} {line}".strip()
                continue
            mark, rest = "?", line
        if mark == "?" or current is None:
            current = {"text_en": "", "text_ja": "", "choices": []}
            questions.append(current)
        if mark == "?":
            current["text_en"], current["text_ja"] = _pair(rest)
        elif mark in "+-":
            en, ja = _pair(rest)
            current["choices"].append({"text_en": en, "text_ja": ja, "correct": mark == "+"})
        else:
            current["explanation_en"], current["explanation_ja"] = _pair(rest)
    return questions
