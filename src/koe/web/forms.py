from django import forms
from django.utils.translation import gettext_lazy as _

from koe.engine.policy import ACCOUNTS

ACCOUNT_LABELS = {
    "personal": _("My own account"),
    "brand": _("A brand account"),
    "direct": _("A direct message"),
    "internal": _("Internal network"),
}


class SelfCheckForm(forms.Form):
    text = forms.CharField(label=_("Your post"), max_length=10_000, required=True,
                           strip=False, widget=forms.Textarea(attrs={
                               "rows": 6, "autofocus": True,
                               "placeholder": _("Type or paste what you want to post…")}))
    account = forms.ChoiceField(label=_("Where will it go?"),
                                choices=[(a, ACCOUNT_LABELS[a]) for a in ACCOUNTS],
                                initial="personal", required=False)

    def clean_account(self):
        return self.cleaned_data.get("account") or "personal"
