"""Reads about social accounts: the inventory with security posture at a glance, who may
publish where, access reviews, a person's own accounts, survey results and goal progress."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from koe.people.models import Department, User
from koe.people.permissions import can

from . import charts
from .choices import AccountKind, AccountStatus, GrantLevel, QuestionKind, ReviewDecision
from .models import (
    AccessGrant,
    AccessReview,
    AccessReviewItem,
    Goal,
    OAuthApp,
    SocialAccount,
    Survey,
    SurveyResponse,
)

# When posture items count as stale. Rotation after a leak or a person leaving matters more
# than the calendar, but a password nobody has touched for half a year is worth a look.
PASSWORD_MAX_AGE_DAYS = 180
ACCESS_REVIEW_MAX_AGE_DAYS = 90
OAUTH_REVIEW_MAX_AGE_DAYS = 180


# ----------------------------------------------------------------------------- posture

@dataclass
class PostureWarning:
    code: str
    message: str


@dataclass
class Posture:
    """An account with what its security posture looks like today."""

    account: SocialAccount
    publishers: list[User]
    drafters: list[User]
    apps: list[OAuthApp]
    password_age_days: int | None
    review_age_days: int | None
    warnings: list[PostureWarning] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.warnings

    def has(self, code: str) -> bool:
        return any(w.code == code for w in self.warnings)


def _days_since(day: dt.date | None, today: dt.date) -> int | None:
    return None if day is None else (today - day).days


def account_posture(account: SocialAccount, *, today: dt.date | None = None) -> Posture:
    """Posture of one account. Uses prefetched ``active_grants`` / ``active_apps`` when present."""
    today = today or timezone.localdate()
    grants = getattr(account, "active_grants", None)
    if grants is None:
        grants = list(account.grants.filter(revoked_at__isnull=True).select_related("user"))
    apps = getattr(account, "active_apps", None)
    if apps is None:
        apps = list(account.oauth_apps.filter(revoked_at__isnull=True))
    posture = Posture(
        account=account,
        publishers=[g.user for g in grants
                    if g.level == GrantLevel.PUBLISH and g.suspended_at is None],
        drafters=[g.user for g in grants if g.level == GrantLevel.DRAFT],
        apps=apps,
        password_age_days=_days_since(account.password_rotated_at, today),
        review_age_days=_days_since(account.last_access_review_at, today),
    )
    if account.kind != AccountKind.BRAND or account.status != AccountStatus.ACTIVE:
        return posture
    warn = posture.warnings.append
    if not account.two_factor_enabled:
        warn(PostureWarning("two_factor_off", _("Two-factor sign-in is off.")))
    if posture.password_age_days is None:
        warn(PostureWarning("password_unknown", _("No password change on record.")))
    elif posture.password_age_days > PASSWORD_MAX_AGE_DAYS:
        warn(PostureWarning("password_stale", _(
            "Password unchanged for %(days)s days (limit %(limit)s).")
            % {"days": posture.password_age_days, "limit": PASSWORD_MAX_AGE_DAYS}))
    if posture.review_age_days is None:
        warn(PostureWarning("review_missing", _("Access has never been reviewed.")))
    elif posture.review_age_days > ACCESS_REVIEW_MAX_AGE_DAYS:
        warn(PostureWarning("review_stale", _(
            "Last access review %(days)s days ago (every %(limit)s days).")
            % {"days": posture.review_age_days, "limit": ACCESS_REVIEW_MAX_AGE_DAYS}))
    unreviewed = [a for a in apps if (a.last_reviewed_at or a.connected_at)
                  < today - dt.timedelta(days=OAUTH_REVIEW_MAX_AGE_DAYS)]
    if unreviewed:
        warn(PostureWarning("oauth_unreviewed", ngettext(
            "%(n)s connected app not reviewed for %(limit)s days.",
            "%(n)s connected apps not reviewed for %(limit)s days.", len(unreviewed))
            % {"n": len(unreviewed), "limit": OAUTH_REVIEW_MAX_AGE_DAYS}))
    if account.owner_id is None:
        warn(PostureWarning("no_owner", _("No owner: nobody confirms its access reviews.")))
    elif not account.owner.is_active:
        warn(PostureWarning("owner_inactive", _("The owner has left; choose a new owner.")))
    return posture


def _with_posture_data(qs: QuerySet[SocialAccount]) -> QuerySet[SocialAccount]:
    return qs.select_related("department", "owner", "required_track").prefetch_related(
        Prefetch("grants", queryset=AccessGrant.objects.filter(revoked_at__isnull=True)
                 .select_related("user").order_by("user__username"), to_attr="active_grants"),
        Prefetch("oauth_apps", queryset=OAuthApp.objects.filter(revoked_at__isnull=True),
                 to_attr="active_apps"),
    )


def visible_accounts() -> QuerySet[SocialAccount]:
    """Brand accounts, and personal accounts only while their owner's consent stands."""
    return SocialAccount.objects.filter(
        Q(kind=AccountKind.BRAND)
        | Q(kind=AccountKind.PERSONAL, withdrawn_at__isnull=True, consent_at__isnull=False))


def account_inventory(*, network: str | None = None, kind: str | None = None,
                      department: Department | None = None, warnings_only: bool = False,
                      today: dt.date | None = None) -> list[Posture]:
    qs = visible_accounts()
    if network:
        qs = qs.filter(network=network)
    if kind:
        qs = qs.filter(kind=kind)
    if department is not None:
        qs = qs.filter(department=department)
    rows = [account_posture(a, today=today)
            for a in _with_posture_data(qs).order_by("kind", "network", "handle")]
    if warnings_only:
        rows = [r for r in rows if r.warnings]
    return rows


def account_detail(pk: int) -> SocialAccount | None:
    return _with_posture_data(visible_accounts().filter(pk=pk)).first()


def grant_history(account: SocialAccount) -> QuerySet[AccessGrant]:
    return account.grants.select_related("user", "granted_by", "revoked_by").order_by(
        "revoked_at", "-granted_at")


def oauth_apps_of(account: SocialAccount) -> QuerySet[OAuthApp]:
    return account.oauth_apps.order_by("revoked_at", "name")


def can_publish(user: User, account: SocialAccount) -> bool:
    """True when ``user`` may publish to the brand ``account`` right now."""
    if not getattr(user, "is_active", False) or account.status != AccountStatus.ACTIVE:
        return False
    return AccessGrant.objects.filter(account=account, user=user, level=GrantLevel.PUBLISH,
                                      revoked_at__isnull=True,
                                      suspended_at__isnull=True).exists()


def grants_of(user: User) -> QuerySet[AccessGrant]:
    """A person's active grants on active brand accounts (suspended ones included)."""
    return (AccessGrant.objects.filter(user=user, revoked_at__isnull=True,
                                       account__kind=AccountKind.BRAND,
                                       account__status=AccountStatus.ACTIVE)
            .select_related("account", "account__required_track", "granted_by")
            .order_by("account__network", "account__handle"))


def enrolments_of(user: User) -> QuerySet[SocialAccount]:
    """A person's own enrolled accounts, withdrawn ones last (until they are deleted)."""
    return SocialAccount.objects.filter(owner=user, kind=AccountKind.PERSONAL).order_by(
        "withdrawn_at", "network", "handle")


def enrolment_for(user: User, pk: int) -> SocialAccount | None:
    """One of ``user``'s own enrolments; anybody else's is None (a 404 for the caller)."""
    return enrolments_of(user).filter(pk=pk).first()


def active_people() -> QuerySet[User]:
    return User.objects.filter(is_active=True).select_related("department").order_by("username")


# ----------------------------------------------------------------------------- access reviews

@dataclass
class Progress:
    decided: int
    total: int

    @property
    def percent(self) -> int:
        return round(100 * self.decided / self.total) if self.total else 100


def review_progress(review: AccessReview) -> Progress:
    items = review.items.values_list("decision", flat=True)
    decisions = list(items)
    return Progress(decided=sum(1 for d in decisions if d != ReviewDecision.PENDING),
                    total=len(decisions))


def sees_all_reviews(user: User) -> bool:
    return can(user, "access_review.run") or can(user, "grants.manage")


def reviews_for(user: User) -> list[tuple[AccessReview, Progress]]:
    qs = AccessReview.objects.select_related("started_by")
    if not sees_all_reviews(user):
        qs = qs.filter(items__grant__account__owner=user).distinct()
    return [(r, review_progress(r)) for r in qs.order_by("-started_at")]


def review_for(user: User, pk: int) -> AccessReview | None:
    """A review the person may see: everyone's for managers, else one with their accounts."""
    qs = AccessReview.objects.filter(pk=pk)
    if not sees_all_reviews(user):
        qs = qs.filter(items__grant__account__owner=user).distinct()
    return qs.first()


def review_items_for(review: AccessReview, user: User) -> QuerySet[AccessReviewItem]:
    qs = review.items.select_related("grant__account__owner", "grant__user", "grant__granted_by",
                                     "decided_by")
    if not sees_all_reviews(user):
        qs = qs.filter(grant__account__owner=user)
    return qs.order_by("grant__account__network", "grant__account__handle", "grant__user__username")


def pending_items_for_owner(user: User) -> QuerySet[AccessReviewItem]:
    """Items waiting for ``user`` as the owner of the account, in open reviews."""
    return (AccessReviewItem.objects.filter(grant__account__owner=user,
                                            decision=ReviewDecision.PENDING,
                                            review__closed_at__isnull=True)
            .select_related("review", "grant__account", "grant__user"))


# ----------------------------------------------------------------------------- survey

def current_survey() -> Survey | None:
    return Survey.objects.filter(is_open=True).prefetch_related("questions").first()


def survey_list() -> QuerySet[Survey]:
    return Survey.objects.order_by("-created_at")


def response_of(survey: Survey, user: User) -> SurveyResponse | None:
    return SurveyResponse.objects.filter(survey=survey, user=user).first()


@dataclass
class DepartmentRow:
    label: str
    respondents: int
    counts: list[int] = field(default_factory=list)
    average: float | None = None


@dataclass
class QuestionResult:
    question: Any
    options: list[str]
    rows: list[DepartmentRow]
    texts: list[tuple[str, str]] = field(default_factory=list)
    chart: Any = None
    legend: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class SurveyResults:
    survey: Survey
    respondents: int
    departments: list[tuple[str, int]]
    questions: list[QuestionResult]


def survey_results(survey: Survey) -> SurveyResults:
    """Answers counted by department (at the time of answering), plus a row for everyone."""
    responses = list(survey.responses.select_related("department"))
    groups: dict[str, list[SurveyResponse]] = defaultdict(list)
    for response in responses:
        label = response.department.name if response.department else _("No department")
        groups[label].append(response)
    ordered = sorted(groups.items(), key=lambda kv: kv[0])
    everyone = _("Everyone")
    groups_with_all = [*ordered, (everyone, responses)]
    results = []
    for question in survey.questions.all():
        key = str(question.pk)
        labels = question.option_labels
        result = QuestionResult(question=question, options=labels, rows=[])
        if question.kind == QuestionKind.TEXT:
            for label, members in ordered:
                for r in members:
                    text = str(r.answers.get(key) or "").strip()
                    if text:
                        result.texts.append((label, text))
            results.append(result)
            continue
        for label, members in groups_with_all:
            answered = [r.answers[key] for r in members if r.answers.get(key) not in (None, "", [])]
            if question.kind == QuestionKind.SCALE:
                counts = [sum(1 for a in answered if a == v) for v in range(1, 6)]
                average = round(sum(answered) / len(answered), 2) if answered else None
                result.rows.append(DepartmentRow(label, len(members), counts, average))
            else:
                counts = [0] * len(labels)
                for answer in answered:
                    for index in answer if isinstance(answer, list) else [answer]:
                        if 0 <= index < len(counts):
                            counts[index] += 1
                result.rows.append(DepartmentRow(label, len(members), counts))
        if question.kind == QuestionKind.SCALE:
            result.chart = charts.value_bars([(r.label, r.average) for r in result.rows], maximum=5)
        else:
            result.chart = charts.stacked_bars([(r.label, r.counts) for r in result.rows])
            result.legend = [(charts.colour(i), text) for i, text in enumerate(labels)]
        results.append(result)
    return SurveyResults(survey=survey, respondents=len(responses),
                         departments=[(label, len(m)) for label, m in ordered],
                         questions=results)


# ----------------------------------------------------------------------------- goals

@dataclass
class GoalProgress:
    goal: Goal
    latest: float | None
    percent: int
    measurements: list
    trend: charts.Trend | None


def goal_progress(goal: Goal) -> GoalProgress:
    measurements = list(goal.measurements.all())
    latest = measurements[-1].value if measurements else None
    percent = 0
    if latest is not None and goal.target != goal.baseline:
        share = (latest - goal.baseline) / (goal.target - goal.baseline)
        percent = round(100 * max(0.0, min(1.0, share)))
    shown = measurements[-12:]
    return GoalProgress(goal=goal, latest=latest, percent=percent, measurements=measurements,
                        trend=charts.trend([m.value for m in shown], target=goal.target,
                                           baseline=goal.baseline) if shown else None)


def goals_with_progress() -> list[GoalProgress]:
    goals = Goal.objects.select_related("department").prefetch_related("measurements")
    return [goal_progress(g) for g in goals]
