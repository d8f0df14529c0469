"""Forms of the accounts pages. They check shapes; the services check the rules."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from koe.learning.models import Track
from koe.people.models import Department

from .choices import AccountStatus, GrantLevel, Network, QuestionKind, ReviewDecision
from .models import SurveyQuestion
from .selectors import active_people

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")



class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj} ({obj.username})"


def _departments():
    return forms.ModelChoiceField(label=_("Owning department"), queryset=Department.objects.all(),
                                  required=False)


def _required_track():
    return forms.ModelChoiceField(
        label=_("Certificate needed to publish"), queryset=Track.objects.all(), required=False,
        empty_label=_("None (publishers, reviewers and admins may be given publish access)"),
        help_text=_("Publish access then needs a valid certificate for this learning track; "
                    "when it expires, access is suspended until the person re-certifies."))


class AccountForm(forms.Form):
    network = forms.ChoiceField(label=_("Network"), choices=Network.choices)
    handle = forms.CharField(label=_("Handle"), max_length=200,
                             help_text=_("As shown on the network, e.g. @acme_jp or acme.bsky.social."))
    display_name = forms.CharField(label=_("Display name"), max_length=200, required=False)
    department = _departments()
    owner = PersonChoiceField(label=_("Owner"), queryset=active_people(), required=False,
                              help_text=_("Confirms the account's access in each review."))
    two_factor_enabled = forms.BooleanField(label=_("Two-factor sign-in is on"), required=False)
    password_rotated_at = forms.DateField(label=_("Last password change"), required=False,
                                          widget=DATE)
    required_track = _required_track()
    notes = forms.CharField(label=_("Notes"), required=False,
                            widget=forms.Textarea(attrs={"rows": 3}))


class PostureForm(forms.Form):
    display_name = forms.CharField(label=_("Display name"), max_length=200, required=False)
    department = _departments()
    owner = PersonChoiceField(label=_("Owner"), queryset=active_people(), required=False)
    status = forms.ChoiceField(label=_("Status"), choices=AccountStatus.choices)
    two_factor_enabled = forms.BooleanField(label=_("Two-factor sign-in is on"), required=False)
    password_rotated_at = forms.DateField(label=_("Last password change"), required=False,
                                          widget=DATE)
    required_track = _required_track()
    notes = forms.CharField(label=_("Notes"), required=False,
                            widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, account=None, **kwargs):
        if account is not None and not args and "data" not in kwargs:
            kwargs["initial"] = {name: getattr(account, name) for name in self.base_fields}
        super().__init__(*args, **kwargs)
        if account is not None and account.owner_id and not account.owner.is_active:
            # A departed owner stays choosable until someone picks a successor.
            self.fields["owner"].queryset = (active_people() | type(account.owner).objects
                                             .filter(pk=account.owner_id)).distinct()


class GrantForm(forms.Form):
    user = PersonChoiceField(label=_("Person"), queryset=active_people())
    level = forms.ChoiceField(label=_("Level"), choices=GrantLevel.choices,
                              initial=GrantLevel.PUBLISH)


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=200)


class OAuthAppForm(forms.Form):
    name = forms.CharField(label=_("App"), max_length=120)
    scopes = forms.CharField(label=_("Permissions it has"), max_length=300, required=False)
    connected_at = forms.DateField(label=_("Connected on"), required=False, widget=DATE)


class EnrolForm(forms.Form):
    network = forms.ChoiceField(label=_("Network"), choices=Network.choices)
    handle = forms.CharField(label=_("Your handle"), max_length=200)
    display_name = forms.CharField(label=_("Display name (optional)"), max_length=200,
                                   required=False)
    # Checked by the service, so the message says exactly what agreeing means.
    consent = forms.BooleanField(
        label=_("I have read what is watched, who sees what and how long it is kept, and I "
                "agree. I can withdraw at any time."), required=False)


class ReviewStartForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=120,
                           help_text=_("e.g. “2026 Q2 access review”"))
    due_on = forms.DateField(label=_("Due date"), widget=DATE)


class DecideForm(forms.Form):
    decision = forms.ChoiceField(label=_("Decision"), choices=[
        (ReviewDecision.KEEP, ReviewDecision.KEEP.label),
        (ReviewDecision.REVOKE, ReviewDecision.REVOKE.label)])
    note = forms.CharField(label=_("Note"), max_length=200, required=False)


class SurveyForm(forms.Form):
    title_en = forms.CharField(label=_("Title (English)"), max_length=200)
    title_ja = forms.CharField(label=_("Title (Japanese)"), max_length=200)
    intro_en = forms.CharField(label=_("Introduction (English)"), required=False,
                               widget=forms.Textarea(attrs={"rows": 2}))
    intro_ja = forms.CharField(label=_("Introduction (Japanese)"), required=False,
                               widget=forms.Textarea(attrs={"rows": 2}))


class QuestionForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), required=False,
                             choices=[("", "—"), *QuestionKind.choices])
    text_en = forms.CharField(label=_("Question (English)"), max_length=300, required=False)
    text_ja = forms.CharField(label=_("Question (Japanese)"), max_length=300, required=False)
    options = forms.CharField(
        label=_("Choices"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One per line: English | 日本語. Only for one-choice and several-choice questions."))

    def question(self) -> dict | None:
        data = self.cleaned_data
        if not any(data.get(k) for k in ("kind", "text_en", "text_ja", "options")):
            return None
        return {"kind": data.get("kind"), "text_en": data.get("text_en"),
                "text_ja": data.get("text_ja"),
                "options": [line for line in (data.get("options") or "").splitlines()
                            if line.strip()]}


QuestionFormSet = forms.formset_factory(QuestionForm, extra=8, max_num=30)


class SurveyAnswerForm(forms.Form):
    """One field per question, named ``q<id>``."""

    def __init__(self, *args, questions: list[SurveyQuestion], **kwargs):
        super().__init__(*args, **kwargs)
        for q in questions:
            number = q.order
            required_msg = {"required": _("Question %(n)s: please answer this question.")
                            % {"n": number}}
            if q.kind == QuestionKind.SINGLE:
                field = forms.ChoiceField(choices=list(enumerate(q.option_labels)),
                                          widget=forms.RadioSelect, error_messages=required_msg)
            elif q.kind == QuestionKind.MULTI:
                field = forms.MultipleChoiceField(choices=list(enumerate(q.option_labels)),
                                                  widget=forms.CheckboxSelectMultiple,
                                                  required=False)
            elif q.kind == QuestionKind.SCALE:
                field = forms.ChoiceField(
                    choices=[(1, _("1 — not at all")), (2, "2"), (3, "3"), (4, "4"),
                             (5, _("5 — very much"))],
                    widget=forms.RadioSelect, error_messages=required_msg)
            else:
                field = forms.CharField(max_length=2000, required=False,
                                        widget=forms.Textarea(attrs={"rows": 3}))
            field.label = f"{number}. {q.text}"
            self.fields[f"q{q.pk}"] = field


class GoalForm(forms.Form):
    org_goal_en = forms.CharField(label=_("Organizational goal (English)"), max_length=200)
    org_goal_ja = forms.CharField(label=_("Organizational goal (Japanese)"), max_length=200)
    social_goal_en = forms.CharField(label=_("Social engagement goal (English)"), max_length=200)
    social_goal_ja = forms.CharField(label=_("Social engagement goal (Japanese)"), max_length=200)
    metric_en = forms.CharField(label=_("Metric (English)"), max_length=120)
    metric_ja = forms.CharField(label=_("Metric (Japanese)"), max_length=120)
    # Numbers are parsed by the service so every mistake gets the same clear message.
    baseline = forms.CharField(label=_("Baseline"), required=False, initial="0",
                               widget=forms.NumberInput(attrs={"step": "any", "min": "0"}))
    target = forms.CharField(label=_("Target"),
                             widget=forms.NumberInput(attrs={"step": "any", "min": "0"}))
    unit = forms.CharField(label=_("Unit"), max_length=20, required=False)
    due_on = forms.DateField(label=_("Due date"), required=False, widget=DATE)
    department = forms.ModelChoiceField(label=_("Department"), queryset=Department.objects.all(),
                                        required=False)


class MeasurementForm(forms.Form):
    value = forms.CharField(label=_("Value"),
                            widget=forms.NumberInput(attrs={"step": "any", "min": "0"}))
    measured_on = forms.DateField(label=_("Measured on"), required=False, widget=DATE)
    note = forms.CharField(label=_("Note"), max_length=200, required=False)
