"""Forms of the case and coaching-template pages. The services check the values and name the
field; forms only carry them (and keep what was typed when something is wrong)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .choices import EscalationTarget, ReplyKind


def _area(rows: int) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows})


class ReplyForm(forms.Form):
    kind = forms.ChoiceField(label=_("Your answer"), choices=ReplyKind.choices,
                             widget=forms.RadioSelect)
    reason = forms.CharField(label=_("Why, or your question"), required=False, strip=False,
                             max_length=4000, widget=_area(4),
                             help_text=_("Needed when you think this is wrong or have a "
                                         "question. Only the social media team reads it."))


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Why is this a false positive?"), required=False,
                             max_length=600, widget=_area(2))


class NoteForm(forms.Form):
    note = forms.CharField(label=_("Note (optional)"), required=False, max_length=4000,
                           widget=_area(2))


class EscalateForm(forms.Form):
    targets = forms.MultipleChoiceField(label=_("Escalate to"), required=False,
                                        choices=EscalationTarget.choices,
                                        widget=forms.CheckboxSelectMultiple)
    note = forms.CharField(label=_("Note for them (optional)"), required=False, max_length=4000,
                           widget=_area(2))


class TemplateForm(forms.Form):
    subject_en = forms.CharField(label=_("Subject (English)"), required=False, max_length=400)
    body_en = forms.CharField(label=_("Message (English)"), required=False, strip=False,
                              max_length=10000, widget=_area(14))
    subject_ja = forms.CharField(label=_("Subject (Japanese)"), required=False, max_length=400)
    body_ja = forms.CharField(label=_("Message (Japanese)"), required=False, strip=False,
                              max_length=10000, widget=_area(14))
