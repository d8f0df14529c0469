"""Forms of the policy pages. The YAML is checked by the service, which names line and column."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .choices import Decision, stakeholder_label
from .services import LIMITS


def _area(rows: int, **attrs) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows, **attrs})


class VersionForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=LIMITS["title"])
    title_ja = forms.CharField(label=_("Title (Japanese)"), required=False,
                               max_length=LIMITS["title_ja"],
                               help_text=_("Shown to Japanese readers; the title above otherwise."))
    yaml = forms.CharField(label=_("Policy (YAML)"), strip=False, max_length=200_000,
                           widget=_area(18, spellcheck="false", autocapitalize="off",
                                        autocomplete="off", wrap="off", **{"class": "code"}),
                           help_text=_("Koe policy-as-code. It builds on the built-in policy with "
                                       "`extends: default`; override a rule by its code."))
    guidance_en = forms.CharField(label=_("Guidance (English, Markdown)"), required=False,
                                  strip=False, max_length=LIMITS["guidance_en"], widget=_area(14),
                                  help_text=_("Do's first: what we want people to do, then what "
                                              "to avoid."))
    guidance_ja = forms.CharField(label=_("Guidance (Japanese, Markdown)"), required=False,
                                  strip=False, max_length=LIMITS["guidance_ja"], widget=_area(14))
    changes_en = forms.CharField(label=_("What changed (English)"), required=False, strip=False,
                                 max_length=LIMITS["changes_en"], widget=_area(4))
    changes_ja = forms.CharField(label=_("What changed (Japanese)"), required=False, strip=False,
                                 max_length=LIMITS["changes_ja"], widget=_area(4))


class SignOffForm(forms.Form):
    role = forms.CharField(widget=forms.HiddenInput)
    decision = forms.ChoiceField(label=_("Decision"), choices=Decision.choices,
                                 widget=forms.RadioSelect)
    comment = forms.CharField(label=_("Comment"), max_length=5000, widget=_area(3),
                              help_text=_("What you checked, or what should change."))

    def __init__(self, *args, role: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.role_label = stakeholder_label(role or self.data.get("role", ""))
        if role:
            self.fields["role"].initial = role
        prefix = f"so-{role}" if role else None
        self.auto_id = f"id_{prefix}_%s" if prefix else "id_%s"
