"""Forms of the problem-area actions: a guidance article and a training assignment."""

from django import forms
from django.utils.translation import gettext_lazy as _

from koe.learning.models import Course


class GuidanceForm(forms.Form):
    title_en = forms.CharField(label=_("Title (English)"), max_length=200, required=False)
    title_ja = forms.CharField(label=_("Title (Japanese)"), max_length=200, required=False)
    body_en = forms.CharField(label=_("Text (English, Markdown)"), required=False,
                              widget=forms.Textarea(attrs={"rows": 14}))
    body_ja = forms.CharField(label=_("Text (Japanese, Markdown)"), required=False,
                              widget=forms.Textarea(attrs={"rows": 14}))


class TrainingForm(forms.Form):
    course = forms.ModelChoiceField(label=_("Course"),
                                    queryset=Course.objects.filter(is_published=True))
    due_on = forms.DateField(label=_("Due"), widget=forms.DateInput(attrs={"type": "date"}))

