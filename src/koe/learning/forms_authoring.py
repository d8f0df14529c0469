"""Forms of the course authoring pages. They check shapes; the services check the rules and
name the field, so nothing here is required and what was typed is kept."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Track


def _area(rows: int) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows, "spellcheck": "true"})


class CourseForm(forms.Form):
    slug = forms.CharField(label=_("Short name (in the address)"), required=False, max_length=200,
                           help_text=_("Lower-case letters, digits and hyphens, e.g. "
                                       "security-basics. It cannot change later."))
    track = forms.ModelChoiceField(label=_("Track"), queryset=Track.objects.all(), required=False,
                                   empty_label=_("No track"))
    title_en = forms.CharField(label=_("Title (English)"), required=False, max_length=400)
    title_ja = forms.CharField(label=_("Title (Japanese)"), required=False, max_length=400)
    summary_en = forms.CharField(label=_("Summary (English)"), required=False, max_length=4000,
                                 widget=_area(3))
    summary_ja = forms.CharField(label=_("Summary (Japanese)"), required=False, max_length=4000,
                                 widget=_area(3))
    is_published = forms.BooleanField(label=_("Published (learners can see it)"), required=False)


class CourseEditForm(CourseForm):
    slug = None  # the address of a course stays


class ModuleForm(forms.Form):
    title_en = forms.CharField(label=_("Title (English)"), required=False, max_length=400)
    title_ja = forms.CharField(label=_("Title (Japanese)"), required=False, max_length=400)
    body_en = forms.CharField(label=_("Text (English, Markdown)"), required=False, strip=False,
                              max_length=100_000, widget=_area(14))
    body_ja = forms.CharField(label=_("Text (Japanese, Markdown)"), required=False, strip=False,
                              max_length=100_000, widget=_area(14))
    # A CharField, not a URLField: the service explains what a good link looks like.
    video_url = forms.CharField(label=_("Video link (optional)"), required=False, max_length=400,
                                help_text=_("A YouTube or Vimeo address is shown as a player; "
                                            "any other https:// link as a link."))
