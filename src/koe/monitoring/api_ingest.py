"""Monitoring ingest API (mounted at /api/monitoring): posts pushed by other systems, the
archive of posts, archive imports with progress, and internal spaces — with the same
permissions as the pages."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import Http404
from ninja import File, Form, Router, Schema, Status
from ninja.files import UploadedFile

from koe.accounts.choices import AccountKind
from koe.accounts.models import SocialAccount
from koe.people.permissions import require
from koe.web.errors import ValidationFailed

from . import imports as import_services
from . import ingest
from . import selectors_ingest as selectors
from .choices import PostSource
from .models import ImportJob, InternalSpace, Post

router = Router(tags=["monitoring"])

MAX_PUSH = 10_000


# ----------------------------------------------------------------------------- schemas

class PushedPostIn(Schema):
    """One post as another system knows it; each is checked on its own (see the result)."""

    id: str | int | None = None
    text: str | None = None
    posted_at: str | None = None
    created_at: str | None = None
    url: str | None = None
    kind: str | None = None


class PushIn(Schema):
    account_id: int | None = None
    network: str | None = None
    handle: str | None = None
    posts: list[PushedPostIn]


class PushItemOut(Schema):
    index: int
    external_id: str | None = None
    status: str  # created, duplicate, skipped, error
    post_id: int | None = None
    reason: str | None = None


class PushOut(Schema):
    account_id: int
    created: int
    duplicates: int
    skipped: int
    errors: int
    skip_reason: str | None = None
    items: list[PushItemOut]


class PostOut(Schema):
    id: int
    account_id: int
    account: str
    external_id: str
    kind: str
    source: str
    text: str
    url: str
    posted_at: dt.datetime
    ingested_at: dt.datetime
    scanned_at: dt.datetime | None = None
    verdict: str
    edited_at: dt.datetime | None = None
    deleted_at: dt.datetime | None = None
    retain_until: dt.date


class ImportErrorOut(Schema):
    line: int | None = None
    message: str


class ImportOut(Schema):
    id: int
    account_id: int
    account: str
    filename: str
    status: str
    total: int
    processed: int
    percent: int
    created: int
    duplicates: int
    error_count: int
    errors: list[ImportErrorOut]
    created_at: dt.datetime
    finished_at: dt.datetime | None = None


class SpaceIn(Schema):
    title: str
    kind: str = "document"
    text: str


class SpaceOut(Schema):
    id: int
    title: str
    kind: str
    active: bool
    created_at: dt.datetime
    registered_by: str | None = None
    chars: int | None = None


# ----------------------------------------------------------------------------- helpers

def _reachable_account(user, *, account_id: int | None, network: str | None,
                       handle: str | None) -> SocialAccount:
    """The account named by id or network + handle, if ``user`` may ingest for it (else 404):
    monitoring.ingest holders any, everyone else only their own personal accounts."""
    qs = SocialAccount.objects.select_related("owner")
    if not selectors.sees_all_ingest(user):
        qs = qs.filter(owner=user, kind=AccountKind.PERSONAL)
    if account_id is not None:
        account = qs.filter(pk=account_id).first()
    elif network and handle:
        account = qs.filter(network=network, handle__iexact=handle.lstrip("@")).first()
    else:
        raise ValidationFailed("account_id", "Name the account: account_id, or network and handle.",
                               "アカウントを指定してください: account_id、または network と handle。")
    if account is None:
        raise Http404
    return account


def _post_out(p: Post) -> dict:
    return {"id": p.pk, "account_id": p.account_id, "account": str(p.account),
            "external_id": p.external_id, "kind": p.kind, "source": p.source, "text": p.text,
            "url": p.url, "posted_at": p.posted_at, "ingested_at": p.ingested_at,
            "scanned_at": p.scanned_at, "verdict": p.verdict, "edited_at": p.edited_at,
            "deleted_at": p.deleted_at, "retain_until": p.retain_until}


def _import_out(job: ImportJob, lang: str = "en") -> dict:
    return {"id": job.pk, "account_id": job.account_id, "account": str(job.account),
            "filename": job.filename, "status": job.status, "total": job.total,
            "processed": job.processed, "percent": job.percent, "created": job.created,
            "duplicates": job.duplicates, "error_count": job.error_count,
            "errors": [{"line": e.get("line"),
                        "message": e.get("message_ja") if lang == "ja" and e.get("message_ja")
                        else e.get("message", "")} for e in job.errors],
            "created_at": job.created_at, "finished_at": job.finished_at}


def _space_out(s: InternalSpace, chars: int | None = None) -> dict:
    return {"id": s.pk, "title": s.title, "kind": s.kind, "active": s.active,
            "created_at": s.created_at,
            "registered_by": s.registered_by.username if s.registered_by else None,
            "chars": chars}


def _lang(request) -> str:
    return "ja" if (getattr(request, "LANGUAGE_CODE", "") or "").startswith("ja") else "en"


def _item(p: PushedPostIn) -> dict[str, Any]:
    return {k: v for k, v in p.dict().items() if v is not None}


# ----------------------------------------------------------------------------- posts

@router.post("/posts", response=PushOut,
             summary="Push posts of one account (per-item result; unwatched accounts are skipped)")
def post_push(request, payload: PushIn):
    require(request.user, "accounts.enroll")
    account = _reachable_account(request.user, account_id=payload.account_id,
                                 network=payload.network, handle=payload.handle)
    if len(payload.posts) > MAX_PUSH:
        raise ValidationFailed("posts", f"Posts: at most {MAX_PUSH:,} per request.",
                               f"posts: 1 回に {MAX_PUSH:,} 件までです。")
    result = ingest.post_ingest_many(account=account, source=PostSource.API, outcomes=True,
                                     items=[_item(p) for p in payload.posts])
    lang = _lang(request)
    reasons = {e["index"]: (e["message_ja"] if lang == "ja" else e["message"])
               for e in result.errors}
    items = []
    for o in result.outcomes:
        reason = o.get("reason")
        if o["status"] == "error":
            reason = reasons.get(o["index"], reason)
        elif o["status"] == "skipped":
            en, ja = ingest.WATCH_REASONS.get(reason, (reason, reason))
            reason = f"{reason}: {ja if lang == 'ja' else en}"
        items.append({"index": o["index"], "external_id": o.get("external_id"),
                      "status": o["status"], "post_id": o.get("post_id"), "reason": reason})
    return {"account_id": account.pk, "created": result.created,
            "duplicates": result.duplicates, "skipped": result.skipped,
            "errors": len(result.errors), "skip_reason": result.skip_reason, "items": items}


MAX_OFFSET = 2**53  # PostgreSQL's OFFSET is a bigint: a larger one was a 500


@router.get("/posts", response=list[PostOut],
            summary="Archived posts you may see (employees: their own accounts')")
def post_list(request, account_id: int | None = None, verdict: str | None = None,
              limit: int = 100, offset: int = 0):
    require(request.user, "accounts.enroll")
    qs = selectors.posts_visible_to(request.user)
    if account_id is not None:
        qs = qs.filter(account_id=account_id)
    if verdict:
        qs = qs.filter(verdict=verdict)
    offset = min(max(0, offset), MAX_OFFSET)  # past the end is an empty page, not a DB error
    return [_post_out(p) for p in qs[offset: offset + max(1, min(limit, 1000))]]


# ----------------------------------------------------------------------------- imports

@router.post("/imports", response={201: ImportOut},
             summary="Upload an archive (JSONL or CSV) of one account; it is imported in the background")
def import_create(request, account_id: int = Form(...),
                  file: UploadedFile = File(...)):  # noqa: B008
    require(request.user, "accounts.enroll")
    account = selectors.importable_accounts(request.user).filter(pk=account_id).first()
    if account is None:
        _reachable_account(request.user, account_id=account_id, network=None, handle=None)
        account = SocialAccount.objects.get(pk=account_id)  # reachable, but not watched
    job = import_services.import_create(actor=request.user, account=account, upload=file)
    job.refresh_from_db()
    return Status(201, _import_out(job, _lang(request)))


@router.get("/imports", response=list[ImportOut], summary="Imports you may see")
def import_list(request, limit: int = 50):
    require(request.user, "accounts.enroll")
    return [_import_out(j, _lang(request))
            for j in selectors.imports_visible_to(request.user)[: max(1, min(limit, 500))]]


@router.get("/imports/{int:job_id}", response=ImportOut, summary="One import and its progress")
def import_detail(request, job_id: int):
    require(request.user, "accounts.enroll")
    return _import_out(selectors.import_for(request.user, job_id), _lang(request))


# ----------------------------------------------------------------------------- internal spaces

@router.get("/spaces", response=list[SpaceOut], summary="Registered internal spaces")
def space_list(request):
    require(request.user, "monitoring.ingest")
    return [_space_out(s) for s in selectors.space_list()]


@router.post("/spaces", response={201: SpaceOut},
             summary="Register a private document; posts that copy it become leak findings")
def space_create(request, payload: SpaceIn):
    require(request.user, "monitoring.ingest")
    space = ingest.space_register(actor=request.user, title=payload.title, kind=payload.kind,
                                  text=payload.text)
    return Status(201, _space_out(space, len(space.text)))


@router.post("/spaces/{int:space_id}/deactivate", response=SpaceOut,
             summary="Stop checking posts against a space")
def space_deactivate(request, space_id: int):
    require(request.user, "monitoring.ingest")
    space = ingest.space_deactivate(space=selectors.space_detail(space_id), actor=request.user)
    return _space_out(space)
