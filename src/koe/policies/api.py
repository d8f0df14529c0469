"""Policies API: versions, review and sign-off, publishing, acknowledgements — the same
permissions and services as the pages. Errors: ``{"error", "message", "field"}``."""

from __future__ import annotations

from datetime import datetime

from ninja import Router, Schema, Status

from koe.people.permissions import require
from koe.web.api import ErrorOut

from . import selectors, services
from .content import DEFAULT_GUIDANCE, starter_yaml

router = Router(tags=["policies"])

ERRORS = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut}


class SignOffOut(Schema):
    review_round: int
    role: str
    user: str
    decision: str
    comment: str
    created_at: datetime


class VersionSummaryOut(Schema):
    number: int
    title: str
    title_ja: str
    state: str
    review_round: int
    public: bool
    created_by: str | None
    created_at: datetime
    submitted_at: datetime | None
    published_at: datetime | None


class VersionOut(VersionSummaryOut):
    yaml: str
    guidance_en: str
    guidance_ja: str
    changes_en: str
    changes_ja: str
    required_roles: list[str]
    signoffs: list[SignOffOut]
    public_url: str | None


class DraftIn(Schema):
    title: str
    title_ja: str = ""
    yaml: str | None = None
    guidance_en: str | None = None
    guidance_ja: str | None = None
    changes_en: str = ""
    changes_ja: str = ""


class DraftUpdateIn(Schema):
    title: str | None = None
    title_ja: str | None = None
    yaml: str | None = None
    guidance_en: str | None = None
    guidance_ja: str | None = None
    changes_en: str | None = None
    changes_ja: str | None = None


class SignOffIn(Schema):
    role: str
    decision: str
    comment: str


class PublicIn(Schema):
    public: bool


class AckOut(Schema):
    version: int
    acknowledged_at: datetime
    created: bool


class DepartmentRateOut(Schema):
    department: str
    name: str
    total: int
    acknowledged: int
    rate: float


class RatesOut(Schema):
    version: int | None
    total: int
    acknowledged: int
    rate: float
    departments: list[DepartmentRateOut]


class RemindOut(Schema):
    reminded: int


def _summary(v) -> dict:
    return {"number": v.number, "title": v.title, "title_ja": v.title_ja, "state": v.state, "review_round": v.review_round,
            "public": v.public, "created_by": v.created_by.username if v.created_by else None,
            "created_at": v.created_at, "submitted_at": v.submitted_at,
            "published_at": v.published_at}


def _full(request, v) -> dict:
    from django.urls import reverse

    public_url = (request.build_absolute_uri(reverse("policies:public", args=[v.public_token]))
                  if v.public and v.state == "published" else None)
    return {**_summary(v), "yaml": v.yaml, "guidance_en": v.guidance_en,
            "guidance_ja": v.guidance_ja, "changes_en": v.changes_en, "changes_ja": v.changes_ja,
            "required_roles": services.required_roles(), "public_url": public_url,
            "signoffs": [{"review_round": s.review_round, "role": s.role, "user": s.user.username,
                          "decision": s.decision, "comment": s.comment, "created_at": s.created_at}
                         for s in selectors.signoff_history(v)]}


@router.get("/versions", response={200: list[VersionSummaryOut], **ERRORS},
            summary="All versions, newest first")
def list_versions(request):
    require(request.user, "policy.manage")
    return [_summary(v) for v in selectors.version_list()]


@router.get("/versions/{number}", response={200: VersionOut, **ERRORS},
            summary="One version with its YAML, guidance and sign-offs")
def get_version(request, number: int):
    require(request.user, "policy.view")
    return _full(request, selectors.version_for(request.user, number))


@router.post("/versions", response={201: VersionOut, **ERRORS},
             summary="Create a draft (YAML and guidance default to the published version's)")
def create_draft(request, payload: DraftIn):
    require(request.user, "policy.manage")
    published = selectors.published_version()
    yaml_text = payload.yaml if payload.yaml is not None else (
        published.yaml if published else starter_yaml())
    guidance = {lang: getattr(payload, f"guidance_{lang}") if getattr(payload, f"guidance_{lang}")
                is not None else (published.guidance(lang) if published else DEFAULT_GUIDANCE[lang])
                for lang in ("en", "ja")}
    version = services.version_create_draft(
        actor=request.user, title=payload.title, title_ja=payload.title_ja, yaml=yaml_text,
        guidance_en=guidance["en"],
        guidance_ja=guidance["ja"], changes_en=payload.changes_en, changes_ja=payload.changes_ja)
    return Status(201, _full(request, version))


@router.patch("/versions/{number}", response={200: VersionOut, **ERRORS},
              summary="Edit a draft (only the fields given)")
def update_draft(request, number: int, payload: DraftUpdateIn):
    require(request.user, "policy.manage")
    version = selectors.version_for(request.user, number)
    fields = {k: v for k, v in payload.model_dump().items() if v is not None}
    return _full(request, services.version_update(version=version, actor=request.user, **fields))


@router.post("/versions/{number}/submit", response={200: VersionOut, **ERRORS},
             summary="Submit a draft for stakeholder review")
def submit(request, number: int):
    require(request.user, "policy.manage")
    version = selectors.version_for(request.user, number)
    return _full(request, services.version_submit(version=version, actor=request.user))


@router.post("/versions/{number}/withdraw", response={200: VersionOut, **ERRORS},
             summary="Take a version in review or approved back to draft")
def withdraw(request, number: int):
    require(request.user, "policy.manage")
    version = selectors.version_for(request.user, number)
    return _full(request, services.version_withdraw(version=version, actor=request.user))


@router.post("/versions/{number}/signoffs", response={201: VersionOut, **ERRORS},
             summary="Sign off as one of your stakeholder roles: approve or reject (request changes)")
def sign_off(request, number: int, payload: SignOffIn):
    require(request.user, "policy.signoff")
    version = selectors.version_for(request.user, number)
    services.version_sign_off(version=version, actor=request.user, role=payload.role,
                              decision=payload.decision, comment=payload.comment)
    version.refresh_from_db()
    return Status(201, _full(request, version))


@router.post("/versions/{number}/publish", response={200: VersionOut, **ERRORS},
             summary="Publish an approved version; the one before is superseded")
def publish(request, number: int):
    require(request.user, "policy.publish")
    version = selectors.version_for(request.user, number)
    return _full(request, services.version_publish(version=version, actor=request.user))


@router.post("/versions/{number}/public", response={200: VersionOut, **ERRORS},
             summary="Turn the public link on or off")
def set_public(request, number: int, payload: PublicIn):
    require(request.user, "policy.publish")
    version = selectors.version_for(request.user, number)
    return _full(request, services.version_set_public(version=version, actor=request.user,
                                                      public=payload.public))


@router.post("/acknowledgements", response={200: AckOut, 201: AckOut, **ERRORS},
             summary="Confirm you have read the published version (a second time changes nothing)")
def acknowledge(request):
    require(request.user, "policy.acknowledge")
    ack, created = services.acknowledgement_create(user=request.user)
    return Status(201 if created else 200, {"version": ack.version.number,
                                            "acknowledged_at": ack.acknowledged_at,
                                            "created": created})


@router.get("/acknowledgements/rates", response={200: RatesOut, **ERRORS},
            summary="Confirmation rate of the published version, by department")
def ack_rates(request):
    require(request.user, "policy.ack_report")
    version = selectors.published_version()
    rows = selectors.ack_rates_by_department(version)
    total = sum(r.total for r in rows)
    acked = sum(r.acknowledged for r in rows)
    return {"version": version.number if version else None, "total": total, "acknowledged": acked,
            "rate": round(acked / total, 4) if total else 0.0,
            "departments": [{"department": r.code, "name": str(r.name), "total": r.total,
                             "acknowledged": r.acknowledged, "rate": round(r.rate, 4)}
                            for r in rows]}


@router.post("/acknowledgements/reminders", response={200: RemindOut, **ERRORS},
             summary="E-mail a reminder to everyone who has not confirmed")
def remind(request):
    require(request.user, "policy.ack_report")
    return {"reminded": services.ack_reminders_send(actor=request.user)}
