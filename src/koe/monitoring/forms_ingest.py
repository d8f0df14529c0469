"""Forms of the import and internal-space pages. The services check the values and name the
field; the forms only carry them."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .choices import SpaceKind


class ImportForm(forms.Form):
    account = forms.ModelChoiceField(label=_("Account"), queryset=None,
                                     empty_label=_("Choose an account"),
                                     error_messages={"required": _("Choose the account."),
                                                     "invalid_choice": _("Choose the account.")})
    file = forms.FileField(label=_("Archive (.jsonl or .csv)"), required=False,
                           help_text=_("One post per line or row with id and text; "
                                       "created_at (or posted_at), url and kind are optional."))

    def __init__(self, *args, accounts=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["account"].queryset = accounts


class SpaceForm(forms.Form):
    title = forms.CharField(label=_("Title"), required=False, max_length=400)
    kind = forms.ChoiceField(label=_("Kind"), choices=SpaceKind.choices,
                             initial=SpaceKind.DOCUMENT)
    text = forms.CharField(label=_("Text"), required=False, strip=False,
                           widget=forms.Textarea(attrs={"rows": 8}),
                           help_text=_("Paste the chat export, wiki page or document, "
                                       "or upload it as a .txt or .md file below."))
    file = forms.FileField(label=_("File (.txt or .md, optional)"), required=False)
