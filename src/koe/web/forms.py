from django import forms
from django.utils.translation import gettext_lazy as _

from koe.engine.policy import ACCOUNTS
from koe.web.errors import ValidationFailed

ACCOUNT_LABELS = {
    "personal": _("My own account"),
    "brand": _("A brand account"),
    "direct": _("A direct message"),
    "internal": _("Internal network"),
}


def add_service_error(form: forms.Form, exc: ValidationFailed, *, input_only: bool = False) -> None:
    """Show a service's error on the field it names (or on top), keeping what was typed.

    ``input_only=True``: only bad input (status 400) goes on the form; anything else (a
    ``Conflict``, ``NotAllowed``) is raised again for the error handler to answer."""
    if input_only and exc.status != 400:
        raise exc
    name = exc.field if exc.field in form.fields else None
    form.add_error(name, forms.ValidationError(str(exc), code="service"))


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
