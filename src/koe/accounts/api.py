"""Accounts API (mounted at /api/accounts): the inventory, grants, access reviews, enrolment of
personal accounts, survey results, goals and offboarding — with the same permissions as the UI."""

from __future__ import annotations

import datetime as dt

from django.http import Http404
from django.shortcuts import get_object_or_404
from ninja import Router, Schema, Status

from koe.learning.models import Track
from koe.people.models import Department, User
from koe.people.permissions import require
from koe.web.errors import ValidationFailed

from . import selectors, services
from .models import AccessGrant, AccessReview, AccessReviewItem, Goal, SocialAccount, Survey

router = Router(tags=["accounts"])


# ----------------------------------------------------------------------------- schemas

class WarningOut(Schema):
    code: str
    message: str


class AccountOut(Schema):
    id: int
    network: str
    handle: str
    display_name: str
    kind: str
    status: str
    department: str | None
    owner: str | None
    two_factor_enabled: bool
    password_rotated_at: dt.date | None
    password_age_days: int | None
    last_access_review_at: dt.date | None
    required_track: str | None = None
    publishers: list[str]
    oauth_apps: list[str]
    warnings: list[WarningOut]


class OAuthAppOut(Schema):
    id: int
    name: str
    scopes: str
    connected_at: dt.date
    last_reviewed_at: dt.date | None
    revoked_at: dt.datetime | None


class GrantOut(Schema):
    id: int
    account_id: int
    user: str
    level: str
    granted_by: str | None
    granted_at: dt.datetime
    revoked_at: dt.datetime | None
    revoked_by: str | None
    revoke_reason: str
    suspended_at: dt.datetime | None
    suspended_reason: str
    active: bool


class AccountDetailOut(AccountOut):
    notes: str
    grants: list[GrantOut]
    apps: list[OAuthAppOut]


class AccountIn(Schema):
    network: str
    handle: str
    display_name: str = ""
    department: str | None = None
    owner: str | None = None
    two_factor_enabled: bool = False
    password_rotated_at: dt.date | None = None
    notes: str = ""
    required_track: str | None = None  # a learning track's code: publishing needs its certificate


class GrantIn(Schema):
    user: str
    level: str = "publish"


class ReasonIn(Schema):
    reason: str


class ReviewIn(Schema):
    name: str
    due_on: dt.date


class ReviewItemOut(Schema):
    id: int
    grant_id: int
    account: str
    user: str
    level: str
    decision: str
    decided_by: str | None
    decided_at: dt.datetime | None
    note: str


class ReviewOut(Schema):
    id: int
    name: str
    due_on: dt.date
    started_at: dt.datetime
    closed_at: dt.datetime | None
    decided: int
    total: int
    items: list[ReviewItemOut]


class DecideIn(Schema):
    decision: str
    note: str = ""


class ClosedOut(Schema):
    review: ReviewOut
    accounts_reviewed: int
    undecided: int


class EnrolIn(Schema):
    network: str
    handle: str
    display_name: str = ""
    consent: bool = False


class EnrolmentOut(Schema):
    id: int
    network: str
    handle: str
    display_name: str
    consent_at: dt.datetime | None
    consent_version: str
    withdrawn_at: dt.datetime | None
    enrolled: bool


class ResultRowOut(Schema):
    department: str
    respondents: int
    counts: list[int]
    average: float | None = None


class TextAnswerOut(Schema):
    department: str
    text: str


class QuestionResultOut(Schema):
    id: int
    order: int
    kind: str
    text: str
    options: list[str]
    rows: list[ResultRowOut]
    texts: list[TextAnswerOut]


class DepartmentCountOut(Schema):
    department: str
    respondents: int


class SurveyResultsOut(Schema):
    id: int
    title: str
    respondents: int
    departments: list[DepartmentCountOut]
    questions: list[QuestionResultOut]


class MeasurementOut(Schema):
    value: float
    measured_on: dt.date
    note: str


class GoalOut(Schema):
    id: int
    org_goal: str
    social_goal: str
    metric: str
    target: float
    baseline: float
    unit: str
    due_on: dt.date | None
    department: str | None
    latest: float | None
    percent: int
    measurements: list[MeasurementOut]


class GoalIn(Schema):
    org_goal_en: str
    org_goal_ja: str
    social_goal_en: str
    social_goal_ja: str
    metric_en: str
    metric_ja: str
    target: float
    baseline: float = 0
    unit: str = ""
    due_on: dt.date | None = None
    department: str | None = None


class MeasurementIn(Schema):
    value: float
    measured_on: dt.date | None = None
    note: str = ""


class OffboardOut(Schema):
    person: str
    reason: str
    grants_revoked: list[int]
    enrolments_withdrawn: list[int]
    owned_brand_accounts: list[int]


# ----------------------------------------------------------------------------- converters

def _name(user: User | None) -> str | None:
    return user.username if user else None


def _account_out(posture: selectors.Posture) -> dict:
    a = posture.account
    return {
        "id": a.pk, "network": a.network, "handle": a.handle, "display_name": a.display_name,
        "kind": a.kind, "status": a.status,
        "department": a.department.code if a.department else None, "owner": _name(a.owner),
        "two_factor_enabled": a.two_factor_enabled, "password_rotated_at": a.password_rotated_at,
        "password_age_days": posture.password_age_days,
        "last_access_review_at": a.last_access_review_at,
        "required_track": a.required_track.code if a.required_track_id else None,
        "publishers": [u.username for u in posture.publishers],
        "oauth_apps": [app.name for app in posture.apps],
        "warnings": [{"code": w.code, "message": w.message} for w in posture.warnings],
    }


def _grant_out(g: AccessGrant) -> dict:
    return {"id": g.pk, "account_id": g.account_id, "user": g.user.username, "level": g.level,
            "granted_by": _name(g.granted_by), "granted_at": g.granted_at,
            "revoked_at": g.revoked_at, "revoked_by": _name(g.revoked_by),
            "revoke_reason": g.revoke_reason, "suspended_at": g.suspended_at,
            "suspended_reason": g.suspended_reason, "active": g.active}


def _detail_out(account: SocialAccount) -> dict:
    return _account_out(selectors.account_posture(account)) | {
        "notes": account.notes,
        "grants": [_grant_out(g) for g in selectors.grant_history(account)],
        "apps": list(selectors.oauth_apps_of(account)),
    }


def _review_out(review: AccessReview, user: User) -> dict:
    progress = selectors.review_progress(review)
    return {"id": review.pk, "name": review.name, "due_on": review.due_on,
            "started_at": review.started_at, "closed_at": review.closed_at,
            "decided": progress.decided, "total": progress.total,
            "items": [_item_out(i) for i in selectors.review_items_for(review, user)]}


def _item_out(i: AccessReviewItem) -> dict:
    return {"id": i.pk, "grant_id": i.grant_id, "account": str(i.grant.account),
            "user": i.grant.user.username, "level": i.grant.level, "decision": i.decision,
            "decided_by": _name(i.decided_by), "decided_at": i.decided_at, "note": i.note}


def _enrolment_out(a: SocialAccount) -> dict:
    return {"id": a.pk, "network": a.network, "handle": a.handle, "display_name": a.display_name,
            "consent_at": a.consent_at, "consent_version": a.consent_version,
            "withdrawn_at": a.withdrawn_at, "enrolled": a.is_enrolled}


def _goal_out(p: selectors.GoalProgress) -> dict:
    g = p.goal
    return {"id": g.pk, "org_goal": g.org_goal, "social_goal": g.social_goal, "metric": g.metric,
            "target": g.target, "baseline": g.baseline, "unit": g.unit, "due_on": g.due_on,
            "department": g.department.code if g.department else None, "latest": p.latest,
            "percent": p.percent,
            "measurements": [{"value": m.value, "measured_on": m.measured_on, "note": m.note}
                             for m in p.measurements]}


def _department(code: str | None, field: str = "department") -> Department | None:
    if not code:
        return None
    department = Department.objects.filter(code=code).first()
    if department is None:
        raise ValidationFailed(field, f"Department: no department with the code {code!r}.",
                               f"部署: コード {code!r} の部署はありません。")
    return department


def _track(code: str | None) -> Track | None:
    if not code:
        return None
    track = Track.objects.filter(code=code).first()
    if track is None:
        raise ValidationFailed("required_track", f"Track: no learning track with the code {code!r}.",
                               f"トラック: コード {code!r} の研修トラックはありません。")
    return track


def _person(username: str | None, field: str) -> User | None:
    if not username:
        return None
    person = User.objects.filter(username=username).first()
    if person is None:
        raise ValidationFailed(field, f"Person: nobody with the user name {username!r}.",
                               f"担当者: ユーザー名 {username!r} の人はいません。")
    return person


def _account_or_404(account_id: int) -> SocialAccount:
    account = selectors.account_detail(account_id)
    if account is None:
        raise Http404
    return account


# ----------------------------------------------------------------------------- accounts

@router.get("", response=list[AccountOut], summary="The account inventory with security posture")
def account_list(request, network: str | None = None, kind: str | None = None,
                 department: str | None = None, warnings_only: bool = False):
    require(request.user, "accounts.view")
    dept = Department.objects.filter(code=department).first() if department else None
    rows = selectors.account_inventory(network=network, kind=kind, department=dept,
                                       warnings_only=warnings_only)
    return [_account_out(r) for r in rows]


@router.post("", response={201: AccountDetailOut}, summary="Add a brand account")
def account_create(request, payload: AccountIn):
    require(request.user, "accounts.manage")
    account = services.account_create(
        actor=request.user, network=payload.network, handle=payload.handle,
        display_name=payload.display_name, department=_department(payload.department),
        owner=_person(payload.owner, "owner"), two_factor_enabled=payload.two_factor_enabled,
        password_rotated_at=payload.password_rotated_at, notes=payload.notes,
        required_track=_track(payload.required_track))
    return Status(201, _detail_out(_account_or_404(account.pk)))


@router.get("/{int:account_id}", response=AccountDetailOut, summary="One account")
def account_detail(request, account_id: int):
    require(request.user, "accounts.view")
    return _detail_out(_account_or_404(account_id))


# ----------------------------------------------------------------------------- grants

@router.get("/{int:account_id}/grants", response=list[GrantOut], summary="Grants of an account")
def grant_list(request, account_id: int):
    require(request.user, "accounts.view")
    return [_grant_out(g) for g in selectors.grant_history(_account_or_404(account_id))]


@router.post("/{int:account_id}/grants", response={201: GrantOut}, summary="Grant access")
def grant_create(request, account_id: int, payload: GrantIn):
    require(request.user, "grants.manage")
    account = _account_or_404(account_id)
    grant = services.grant_create(account=account, user=_person(payload.user, "user"),
                                  level=payload.level, actor=request.user)
    return Status(201, _grant_out(grant))


@router.post("/grants/{int:grant_id}/revoke", response=GrantOut, summary="Revoke access")
def grant_revoke(request, grant_id: int, payload: ReasonIn):
    require(request.user, "grants.manage")
    grant = get_object_or_404(AccessGrant, pk=grant_id)
    grant = services.grant_revoke(grant=grant, actor=request.user, reason=payload.reason)
    return _grant_out(grant)


# ----------------------------------------------------------------------------- access reviews

@router.get("/reviews", response=list[ReviewOut], summary="Access reviews you may see")
def review_list(request):
    require(request.user, "access_review.decide")
    return [_review_out(r, request.user) for r, _p in selectors.reviews_for(request.user)]


@router.post("/reviews", response={201: ReviewOut}, summary="Start an access review")
def review_start(request, payload: ReviewIn):
    require(request.user, "access_review.run")
    review = services.access_review_start(actor=request.user, name=payload.name,
                                          due_on=payload.due_on)
    return Status(201, _review_out(review, request.user))


def _review_or_404(request, review_id: int) -> AccessReview:
    review = selectors.review_for(request.user, review_id)
    if review is None:
        raise Http404
    return review


@router.get("/reviews/{int:review_id}", response=ReviewOut, summary="One access review")
def review_detail(request, review_id: int):
    require(request.user, "access_review.decide")
    return _review_out(_review_or_404(request, review_id), request.user)


@router.post("/reviews/items/{int:item_id}/decide", response=ReviewItemOut,
             summary="Keep or revoke one grant of a review")
def review_decide(request, item_id: int, payload: DecideIn):
    require(request.user, "access_review.decide")
    item = get_object_or_404(AccessReviewItem.objects.select_related("grant__account"), pk=item_id)
    _review_or_404(request, item.review_id)
    item = services.access_review_decide(item=item, actor=request.user,
                                         decision=payload.decision, note=payload.note)
    return _item_out(item)


@router.post("/reviews/{int:review_id}/close", response=ClosedOut, summary="Close a review")
def review_close(request, review_id: int):
    require(request.user, "access_review.run")
    closed = services.access_review_close(review=_review_or_404(request, review_id),
                                          actor=request.user)
    return {"review": _review_out(closed.review, request.user),
            "accounts_reviewed": closed.accounts_reviewed, "undecided": closed.undecided}


# ----------------------------------------------------------------------------- enrolment

@router.get("/enrolments", response=list[EnrolmentOut], summary="Your enrolled personal accounts")
def enrolment_list(request):
    require(request.user, "accounts.enroll")
    return [_enrolment_out(a) for a in selectors.enrolments_of(request.user)]


@router.post("/enrolments", response={201: EnrolmentOut},
             summary="Enrol your own account (consent must be true)")
def enrolment_create(request, payload: EnrolIn):
    require(request.user, "accounts.enroll")
    account = services.enrolment_create(user=request.user, network=payload.network,
                                        handle=payload.handle, consent=payload.consent,
                                        display_name=payload.display_name)
    return Status(201, _enrolment_out(account))


@router.post("/enrolments/{int:account_id}/withdraw", response=EnrolmentOut,
             summary="Withdraw consent for one of your accounts")
def enrolment_withdraw(request, account_id: int):
    require(request.user, "accounts.enroll")
    account = selectors.enrolment_for(request.user, account_id)
    if account is None:
        raise Http404
    return _enrolment_out(services.enrolment_withdraw(account=account, actor=request.user))


# ----------------------------------------------------------------------------- survey

@router.get("/surveys/{int:survey_id}/results", response=SurveyResultsOut,
            summary="Survey results by department")
def survey_results(request, survey_id: int):
    require(request.user, "survey.results")
    results = selectors.survey_results(get_object_or_404(Survey, pk=survey_id))
    return {
        "id": results.survey.pk, "title": results.survey.title,
        "respondents": results.respondents,
        "departments": [{"department": label, "respondents": n} for label, n in results.departments],
        "questions": [{
            "id": q.question.pk, "order": q.question.order, "kind": q.question.kind,
            "text": q.question.text, "options": q.options,
            "rows": [{"department": r.label, "respondents": r.respondents, "counts": r.counts,
                      "average": r.average} for r in q.rows],
            "texts": [{"department": d, "text": t} for d, t in q.texts],
        } for q in results.questions],
    }


# ----------------------------------------------------------------------------- goals

@router.get("/goals", response=list[GoalOut], summary="Goals with progress")
def goal_list(request):
    require(request.user, "goals.view")
    return [_goal_out(p) for p in selectors.goals_with_progress()]


@router.post("/goals", response={201: GoalOut}, summary="Add a goal")
def goal_create(request, payload: GoalIn):
    require(request.user, "goals.manage")
    data = payload.model_dump()
    data["department"] = _department(data.pop("department"))
    goal = services.goal_create(actor=request.user, **data)
    return Status(201, _goal_out(selectors.goal_progress(goal)))


@router.post("/goals/{int:goal_id}/measurements", response={201: GoalOut},
             summary="Record a measurement")
def goal_measure(request, goal_id: int, payload: MeasurementIn):
    require(request.user, "goals.manage")
    goal = get_object_or_404(Goal, pk=goal_id)
    services.goal_measurement_record(goal=goal, actor=request.user, value=payload.value,
                                     measured_on=payload.measured_on, note=payload.note)
    return Status(201, _goal_out(selectors.goal_progress(goal)))


# ----------------------------------------------------------------------------- offboarding

@router.post("/people/{int:user_id}/offboard", response=OffboardOut,
             summary="Deactivate a person and revoke all their access")
def offboard(request, user_id: int, payload: ReasonIn):
    require(request.user, "people.offboard")
    person = get_object_or_404(User, pk=user_id)
    result = services.person_offboard(person=person, actor=request.user, reason=payload.reason)
    return {"person": result.person.username, "reason": result.reason,
            "grants_revoked": [g.pk for g in result.revoked],
            "enrolments_withdrawn": [a.pk for a in result.withdrawn],
            "owned_brand_accounts": [a.pk for a in result.owned]}
