from django import forms
from django.utils.translation import gettext_lazy as _

from .choices import Role


class RolesForm(forms.Form):
    roles = forms.MultipleChoiceField(label=_("Roles"), required=False,
                                      choices=[(r.value, r.label) for r in Role if r != Role.EMPLOYEE],
                                      widget=forms.CheckboxSelectMultiple)


class TokenForm(forms.Form):
    name = forms.CharField(label=_("Token name"), max_length=80)
