"""Forms of the workshop pages. They check shapes; the workshop services check the rules."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .choices import Frequency
from .models import Course, Track

LOCAL = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME_ZONES = ["Asia/Tokyo", "UTC", "Europe/London", "Europe/Berlin", "America/New_York",
              "America/Los_Angeles", "Asia/Singapore", "Australia/Sydney"]


class WorkshopForm(forms.Form):
    title_en = forms.CharField(label=_("Title (English)"), max_length=200, required=False)
    title_ja = forms.CharField(label=_("Title (Japanese)"), max_length=200, required=False)
    description_en = forms.CharField(label=_("Description (English)"), required=False,
                                     widget=forms.Textarea(attrs={"rows": 4}))
    description_ja = forms.CharField(label=_("Description (Japanese)"), required=False,
                                     widget=forms.Textarea(attrs={"rows": 4}))
    starts_at = forms.DateTimeField(label=_("Starts"), widget=LOCAL,
                                    input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
                                    help_text=_("In the session's time zone."))
    ends_at = forms.DateTimeField(label=_("Ends"), widget=LOCAL,
                                  input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"])
    time_zone = forms.CharField(label=_("Time zone"), max_length=64, initial="Asia/Tokyo",
                                widget=forms.TextInput(attrs={"list": "time-zones",
                                                              "autocomplete": "off"}),
                                help_text=_("An IANA name such as Asia/Tokyo or Europe/London."))
    place = forms.CharField(label=_("Venue"), max_length=200, required=False)
    online_url = forms.CharField(label=_("Online link"), max_length=200, required=False,
                                 widget=forms.URLInput(attrs={"placeholder": "https://"}))
    capacity = forms.IntegerField(label=_("Seats"), min_value=1, max_value=10_000, initial=20)
    track = forms.ModelChoiceField(label=_("Track"), queryset=Track.objects.all(),
                                   required=False)
    course = forms.ModelChoiceField(label=_("Course"), queryset=Course.objects.all(),
                                    required=False)
    frequency = forms.ChoiceField(label=_("How often"), required=False,
                                  choices=[("", _("Does not repeat")), *Frequency.choices])
    count = forms.IntegerField(label=_("Number of sessions"), min_value=1, required=False)
    until = forms.DateField(label=_("Repeat until"), required=False, widget=DATE)

    def __init__(self, *args, series: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        # Times are wall-clock times in the session's zone, not the server's.
        for name in ("starts_at", "ends_at"):
            self.fields[name].localize = False
        if series:
            self.fields["frequency"].choices = Frequency.choices
            self.fields["frequency"].required = True
            self.fields["starts_at"].help_text = _(
                "The first session, in the series' time zone. Sessions that have not started "
                "follow the changes.")

    def clean_starts_at(self):
        return _wall_clock(self.cleaned_data["starts_at"])

    def clean_ends_at(self):
        return _wall_clock(self.cleaned_data["ends_at"])


def _wall_clock(value):
    # DateTimeField makes the value aware in the server's zone; the services want it naive so
    # it is read in the session's own zone.
    return value.replace(tzinfo=None) if value is not None else None


class FeedbackForm(forms.Form):
    rating = forms.TypedChoiceField(label=_("Your rating"), coerce=int,
                                    choices=[(i, str(i)) for i in range(1, 6)],
                                    widget=forms.RadioSelect)
    comment = forms.CharField(label=_("Comment (optional)"), required=False, max_length=4000,
                              widget=forms.Textarea(attrs={"rows": 3}))
