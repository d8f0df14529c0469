"""Forms of the Q&A and library pages. The services check the values and name the field."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .choices import DocumentKind, Visibility
from .services import LIMITS


def _area(rows: int) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows})


class QuestionForm(forms.Form):
    # Not required here: the service names the field in both languages, and keeps the body.
    title = forms.CharField(label=_("Title"), required=False, max_length=LIMITS["title"] * 2)
    body = forms.CharField(label=_("Your question (Markdown)"), required=False, strip=False,
                           max_length=LIMITS["body"] * 2, widget=_area(10))
    visibility = forms.ChoiceField(label=_("Who may see it"), choices=Visibility.choices,
                                   initial=Visibility.COLLEAGUES, widget=forms.RadioSelect)
    tags = forms.CharField(label=_("Tags"), required=False, max_length=300,
                           help_text=_("Separated by commas or spaces, e.g. stealth-marketing, ステマ"))
    rule_code = forms.CharField(label=_("Policy rule (optional)"), required=False, max_length=40,
                                help_text=_("The code of the rule this is about, e.g. C103"))


class AnswerForm(forms.Form):
    body = forms.CharField(label=_("Your answer (Markdown)"), required=False, strip=False,
                           max_length=LIMITS["body"] * 2, widget=_area(6))


class DocumentForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=DocumentKind.choices)
    title_en = forms.CharField(label=_("Title (English)"), required=False, max_length=400)
    title_ja = forms.CharField(label=_("Title (Japanese)"), required=False, max_length=400)
    body_en = forms.CharField(label=_("Text (English, Markdown)"), required=False, strip=False,
                              max_length=LIMITS["body"] * 2, widget=_area(10))
    body_ja = forms.CharField(label=_("Text (Japanese, Markdown)"), required=False, strip=False,
                              max_length=LIMITS["body"] * 2, widget=_area(10))
    file = forms.FileField(label=_("File (optional)"), required=False)
    note = forms.CharField(label=_("What changed"), required=False, max_length=600)


class QuestionEditForm(QuestionForm):
    rule_code = None  # the rule a question is about stays as asked

