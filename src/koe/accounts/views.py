"""Pages: the account inventory and detail, my accounts and enrolment, access reviews,
offboarding, the baseline survey and goals. Each view loads with an access check, validates,
and calls one service; a service's error is shown on the form with what was typed kept."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from koe.people.models import Department, User
from koe.people.permissions import can, permission_required, require
from koe.web.errors import ValidationFailed
from koe.web.forms import add_service_error

from . import selectors, services
from .choices import AccountKind, Network, ReviewDecision
from .forms import (
    AccountForm,
    DecideForm,
    EnrolForm,
    GoalForm,
    GrantForm,
    MeasurementForm,
    OAuthAppForm,
    PostureForm,
    QuestionFormSet,
    ReasonForm,
    ReviewStartForm,
    SurveyAnswerForm,
    SurveyForm,
)
from .models import AccessGrant, AccessReviewItem, Goal, OAuthApp, Survey


def _posted(request):
    """The POST data when the form was sent (even empty), else None for an unbound form."""
    return request.POST if request.method == "POST" else None


def _status(*forms) -> int:
    for form in forms:
        if form is not None and form.errors:
            return getattr(form, "koe_status", 400)
    return 200


def _fail(form, exc: ValidationFailed):
    add_service_error(form, exc)
    form.koe_status = exc.status


# ----------------------------------------------------------------------------- inventory

@permission_required("accounts.view")
def account_list(request):
    department = None
    if request.GET.get("department"):
        department = Department.objects.filter(code=request.GET["department"]).first()
    network = request.GET.get("network") if request.GET.get("network") in Network.values else None
    kind = request.GET.get("kind") if request.GET.get("kind") in AccountKind.values else None
    rows = selectors.account_inventory(network=network, kind=kind, department=department,
                                       warnings_only=bool(request.GET.get("warnings")))
    return render(request, "accounts/list.html", {
        "rows": rows, "networks": Network.choices, "kinds": AccountKind.choices,
        "departments": Department.objects.all(), "filters": request.GET,
        "limits": {"password": selectors.PASSWORD_MAX_AGE_DAYS,
                   "review": selectors.ACCESS_REVIEW_MAX_AGE_DAYS},
        "warning_count": sum(1 for r in rows if r.warnings),
        "can_manage": can(request.user, "accounts.manage"),
    })


@permission_required("accounts.manage")
def account_new(request):
    form = AccountForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            account = services.account_create(actor=request.user, **form.cleaned_data)
        except ValidationFailed as exc:
            _fail(form, exc)
        else:
            messages.success(request, _("The account was added to the inventory."))
            return redirect("accounts:detail", pk=account.pk)
    return render(request, "accounts/new.html", {"form": form}, status=_status(form))


def _account_or_404(pk: int):
    account = selectors.account_detail(pk)
    if account is None:
        raise Http404
    return account


def _detail(request, account, *, posture_form=None, grant_form=None, app_form=None,
            revoke_form=None, revoke_grant=None):
    user = request.user
    context = {
        "account": account,
        "posture": selectors.account_posture(account),
        "grants": selectors.grant_history(account),
        "apps": selectors.oauth_apps_of(account),
        "can_manage": can(user, "accounts.manage"),
        "can_grant": can(user, "grants.manage") and account.kind == AccountKind.BRAND,
        "posture_form": posture_form or PostureForm(account=account),
        "grant_form": grant_form or GrantForm(),
        "app_form": app_form or OAuthAppForm(),
        "revoke_form": revoke_form, "revoke_grant": revoke_grant,
        "limits": {"password": selectors.PASSWORD_MAX_AGE_DAYS,
                   "review": selectors.ACCESS_REVIEW_MAX_AGE_DAYS,
                   "oauth": selectors.OAUTH_REVIEW_MAX_AGE_DAYS},
    }
    status = _status(posture_form, grant_form, app_form, revoke_form)
    return render(request, "accounts/detail.html", context, status=status)


@permission_required("accounts.view")
def account_detail(request, pk: int):
    return _detail(request, _account_or_404(pk))


@require_POST
@permission_required("accounts.manage")
def account_posture(request, pk: int):
    account = _account_or_404(pk)
    form = PostureForm(request.POST, account=account)
    if form.is_valid():
        try:
            changed = services.account_update(account=account, actor=request.user,
                                              **form.cleaned_data)
        except ValidationFailed as exc:
            _fail(form, exc)
        else:
            if changed:
                messages.success(request, _("Saved."))
            else:
                messages.info(request, _("Nothing changed."))
            return redirect("accounts:detail", pk=account.pk)
    return _detail(request, account, posture_form=form)


@require_POST
@permission_required("grants.manage")
def grant_new(request, pk: int):
    account = _account_or_404(pk)
    form = GrantForm(request.POST)
    if form.is_valid():
        try:
            grant = services.grant_create(account=account, actor=request.user,
                                          user=form.cleaned_data["user"],
                                          level=form.cleaned_data["level"])
        except ValidationFailed as exc:
            _fail(form, exc)
        else:
            messages.success(request, _("%(person)s can now use this account.")
                             % {"person": grant.user})
            return redirect("accounts:detail", pk=account.pk)
    return _detail(request, account, grant_form=form)


@require_POST
@permission_required("grants.manage")
def grant_revoke(request, pk: int):
    grant = get_object_or_404(AccessGrant.objects.select_related("account", "user"), pk=pk)
    account = _account_or_404(grant.account_id)
    form = ReasonForm(request.POST)
    if form.is_valid():
        try:
            services.grant_revoke(grant=grant, actor=request.user,
                                  reason=form.cleaned_data["reason"])
        except ValidationFailed as exc:
            _fail(form, exc)
        else:
            messages.success(request, _("Access of %(person)s was revoked.") % {"person": grant.user})
            return redirect("accounts:detail", pk=account.pk)
    return _detail(request, account, revoke_form=form, revoke_grant=grant)


@require_POST
@permission_required("accounts.manage")
def app_new(request, pk: int):
    account = _account_or_404(pk)
    form = OAuthAppForm(request.POST)
    if form.is_valid():
        try:
            services.oauth_app_add(account=account, actor=request.user, **form.cleaned_data)
        except ValidationFailed as exc:
            _fail(form, exc)
        else:
            messages.success(request, _("The connected app was recorded."))
            return redirect("accounts:detail", pk=account.pk)
    return _detail(request, account, app_form=form)


@require_POST
@permission_required("accounts.manage")
def app_action(request, pk: int, action: str):
    app = get_object_or_404(OAuthApp, pk=pk)
    account = _account_or_404(app.account_id)
    if action == "reviewed":
        services.oauth_app_mark_reviewed(app=app, actor=request.user)
        messages.success(request, _("Marked as reviewed today."))
    else:
        services.oauth_app_revoke(app=app, actor=request.user)
        messages.success(request, _("Recorded as revoked. Remember to remove it on the network too."))
    return redirect("accounts:detail", pk=account.pk)


# ----------------------------------------------------------------------------- my accounts

def _mine(request, form=None):
    user = request.user
    grants = list(selectors.grants_of(user))
    for grant in grants:  # how to get a suspended grant back: the track's courses
        track = grant.account.required_track
        grant.recertify_courses = (list(track.courses.filter(is_published=True))
                                   if grant.suspended and track else [])
    context = {
        "enrolments": selectors.enrolments_of(user),
        "grants": grants,
        "pending_items": selectors.pending_items_for_owner(user),
        "form": form or EnrolForm(),
        "terms": {"version": services.CONSENT_VERSION, "kept_days": services.FINDINGS_KEPT_DAYS,
                  "withdrawn_days": services.WITHDRAWN_KEPT_DAYS},
    }
    return render(request, "accounts/mine.html", context, status=_status(form))


@permission_required("accounts.enroll")
def mine(request):
    if request.method != "POST":
        return _mine(request)
    form = EnrolForm(request.POST)
    if form.is_valid():
        try:
            account = services.enrolment_create(user=request.user, **form.cleaned_data)
        except ValidationFailed as exc:
            _fail(form, exc)
        else:
            messages.success(request, _("%(account)s is enrolled. Thank you — you can withdraw at "
                                        "any time.") % {"account": account})
            return redirect("accounts:mine")
    return _mine(request, form)


def _own_enrolment(request, pk: int):
    account = selectors.enrolment_for(request.user, pk)
    if account is None:
        raise Http404
    return account


@permission_required("accounts.enroll")
def enrolment(request, pk: int):
    account = _own_enrolment(request, pk)
    return render(request, "accounts/enrolment.html", {
        "account": account,
        "terms": {"version": account.consent_version or services.CONSENT_VERSION,
                  "kept_days": services.FINDINGS_KEPT_DAYS,
                  "withdrawn_days": services.WITHDRAWN_KEPT_DAYS}})


@require_POST
@permission_required("accounts.enroll")
def enrolment_withdraw(request, pk: int):
    account = _own_enrolment(request, pk)
    services.enrolment_withdraw(account=account, actor=request.user)
    messages.success(request, _("Withdrawn. Koe no longer looks at %(account)s.")
                     % {"account": account})
    return redirect("accounts:mine")


# ----------------------------------------------------------------------------- offboarding

@permission_required("people.offboard")
def offboard(request, pk: int):
    person = get_object_or_404(User, pk=pk)
    form = ReasonForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            result = services.person_offboard(person=person, actor=request.user,
                                              reason=form.cleaned_data["reason"])
        except ValidationFailed as exc:
            _fail(form, exc)
        else:
            return render(request, "accounts/offboarded.html", {
                "result": result, "can_view_accounts": can(request.user, "accounts.view")})
    return render(request, "accounts/offboard.html", {
        "person": person, "form": form,
        "grants": AccessGrant.objects.filter(user=person, revoked_at__isnull=True)
        .select_related("account"),
        "enrolments": selectors.enrolments_of(person).filter(withdrawn_at__isnull=True),
        "owned": person.owned_social_accounts.filter(kind=AccountKind.BRAND),
        "can_view_accounts": can(request.user, "accounts.view"),
    }, status=_status(form))


# ----------------------------------------------------------------------------- access reviews

@permission_required("access_review.decide")
def review_list(request):
    form = None
    if can(request.user, "access_review.run"):
        form = ReviewStartForm(_posted(request))
    if request.method == "POST":
        require(request.user, "access_review.run")
        if form.is_valid():
            try:
                review = services.access_review_start(actor=request.user, **form.cleaned_data)
            except ValidationFailed as exc:
                _fail(form, exc)
            else:
                messages.success(request, _("The access review started; owners were notified."))
                return redirect("accounts:review", pk=review.pk)
    return render(request, "accounts/reviews.html", {
        "reviews": selectors.reviews_for(request.user), "form": form,
        "pending": selectors.pending_items_for_owner(request.user).count(),
    }, status=_status(form))


def _review_or_404(request, pk: int):
    review = selectors.review_for(request.user, pk)
    if review is None:
        raise Http404
    return review


@permission_required("access_review.decide")
def review_detail(request, pk: int):
    review = _review_or_404(request, pk)
    items = list(selectors.review_items_for(review, request.user))
    for item in items:
        item.may_decide = services.may_decide(request.user, item) and not review.closed_at
    return render(request, "accounts/review.html", {
        "review": review, "items": items, "progress": selectors.review_progress(review),
        "can_close": can(request.user, "access_review.run") and not review.closed_at,
    })


@require_POST
@permission_required("access_review.decide")
def review_decide(request, pk: int):
    item = get_object_or_404(AccessReviewItem.objects.select_related(
        "review", "grant__account__owner", "grant__user"), pk=pk)
    review = _review_or_404(request, item.review_id)
    form = DecideForm(request.POST)
    error = None
    if form.is_valid():
        try:
            item = services.access_review_decide(item=item, actor=request.user, **form.cleaned_data)
        except ValidationFailed as exc:
            error = exc
    else:
        error = ValidationFailed("decision", _("Decision: choose keep or revoke."))
    if request.headers.get("HX-Request"):
        item = AccessReviewItem.objects.select_related(
            "grant__account__owner", "grant__user", "grant__granted_by", "decided_by").get(pk=item.pk)
        item.may_decide = services.may_decide(request.user, item) and not review.closed_at
        return render(request, "accounts/_review_item.html", {
            "item": item, "review": review, "error": error, "oob": True,
            "progress": selectors.review_progress(review)})  # 200 even with an error: htmx swaps only 2xx
    if error is not None:
        raise error
    if item.decision == ReviewDecision.REVOKE:
        messages.success(request, _("Access revoked."))
    else:
        messages.success(request, _("Access kept."))
    return redirect("accounts:review", pk=review.pk)


@require_POST
@permission_required("access_review.run")
def review_close(request, pk: int):
    review = _review_or_404(request, pk)
    closed = services.access_review_close(review=review, actor=request.user)
    messages.success(request, _("The review is closed: %(n)s accounts reviewed, %(u)s items left "
                                "undecided.") % {"n": closed.accounts_reviewed, "u": closed.undecided})
    return redirect("accounts:review", pk=review.pk)


# ----------------------------------------------------------------------------- survey

@permission_required("survey.respond")
def survey(request):
    current = selectors.current_survey()
    context = {"survey": current, "can_results": can(request.user, "survey.results"),
               "can_manage": can(request.user, "survey.manage"),
               "surveys": selectors.survey_list() if can(request.user, "survey.results")
               or can(request.user, "survey.manage") else []}
    if current is None:
        return render(request, "accounts/survey.html", context)
    questions = list(current.questions.all())
    context["response"] = selectors.response_of(current, request.user)
    form = SurveyAnswerForm(_posted(request), questions=questions)
    status = 200
    if request.method == "POST":
        if context["response"] is not None:
            context["already"] = True
        elif form.is_valid():
            try:
                services.survey_respond(survey=current, user=request.user, answers=form.cleaned_data)
            except ValidationFailed as exc:
                if exc.status == 409:
                    context["already"] = True
                else:
                    _fail(form, exc)
                    status = 400
            else:
                messages.success(request, _("Thank you! Your answers were saved."))
                return redirect("accounts:survey")
        else:
            status = 400
    context["form"] = form
    return render(request, "accounts/survey.html", context, status=status)


@permission_required("survey.manage")
def survey_new(request):
    form = SurveyForm(_posted(request))
    questions = QuestionFormSet(_posted(request), prefix="q")
    if request.method == "POST" and form.is_valid() and questions.is_valid():
        try:
            created = services.survey_create(
                actor=request.user, **form.cleaned_data,
                questions=[q for q in (f.question() for f in questions) if q])
        except ValidationFailed as exc:
            _fail(form, exc)
        else:
            messages.success(request, _("The survey is open. Everyone can answer it now."))
            return redirect("accounts:survey_results", pk=created.pk) \
                if can(request.user, "survey.results") else redirect("accounts:survey")
    status = 400 if request.method == "POST" else 200
    return render(request, "accounts/survey_new.html", {"form": form, "questions": questions},
                  status=status)


@require_POST
@permission_required("survey.manage")
def survey_open(request, pk: int):
    target = get_object_or_404(Survey, pk=pk)
    services.survey_set_open(survey=target, actor=request.user,
                             is_open=request.POST.get("open") == "1")
    messages.success(request, _("The survey is open.") if target.is_open
                     else _("The survey is closed."))
    return redirect("accounts:survey")


@permission_required("survey.results")
def survey_results(request, pk: int):
    target = get_object_or_404(Survey, pk=pk)
    return render(request, "accounts/survey_results.html", {
        "results": selectors.survey_results(target),
        "can_manage": can(request.user, "survey.manage")})


# ----------------------------------------------------------------------------- goals

def _goals(request, *, goal_form=None, measure_forms=None):
    measure_forms = measure_forms or {}
    rows = selectors.goals_with_progress()
    can_manage = can(request.user, "goals.manage")
    for row in rows:
        row.form = measure_forms.get(row.goal.pk) or (MeasurementForm(prefix=f"m{row.goal.pk}")
                                                      if can_manage else None)
    return render(request, "accounts/goals.html", {
        "rows": rows, "can_manage": can_manage,
        "goal_form": goal_form or (GoalForm() if can_manage else None),
    }, status=_status(goal_form, *measure_forms.values()))


@permission_required("goals.view")
def goals(request):
    if request.method != "POST":
        return _goals(request)
    require(request.user, "goals.manage")
    form = GoalForm(request.POST)
    if form.is_valid():
        try:
            services.goal_create(actor=request.user, **form.cleaned_data)
        except ValidationFailed as exc:
            _fail(form, exc)
        else:
            messages.success(request, _("The goal was added."))
            return redirect("accounts:goals")
    return _goals(request, goal_form=form)


@require_POST
@permission_required("goals.manage")
def goal_measure(request, pk: int):
    goal = get_object_or_404(Goal, pk=pk)
    form = MeasurementForm(request.POST, prefix=f"m{goal.pk}")
    if form.is_valid():
        try:
            services.goal_measurement_record(goal=goal, actor=request.user, **form.cleaned_data)
        except ValidationFailed as exc:
            _fail(form, exc)
        else:
            messages.success(request, _("The measurement was recorded."))
            return redirect("accounts:goals")
    return _goals(request, measure_forms={goal.pk: form})
