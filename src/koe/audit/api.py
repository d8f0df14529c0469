"""Audit API: read entries, verify the chain, export it."""

from datetime import datetime

from django.http import StreamingHttpResponse
from ninja import Router, Schema

from koe.people.permissions import require

from .selectors import audit_entries, audit_export_lines, audit_verify

router = Router(tags=["audit"])


class EntryOut(Schema):
    seq: int
    created_at: datetime
    actor_label: str
    action: str
    object_type: str
    object_id: str
    object_label: str
    data: dict
    prev_hash: str
    hash: str


class VerifyOut(Schema):
    checked: int
    intact: bool
    problems: list[dict]


@router.get("/entries", response=list[EntryOut], summary="Audit entries, newest first")
def entries(request, action: str | None = None, limit: int = 100, before: int | None = None):
    require(request.user, "audit.view")
    qs = audit_entries(action=action)
    if before:
        qs = qs.filter(seq__lt=before)
    return list(qs[: max(1, min(limit, 1000))])


@router.get("/verify", response=VerifyOut, summary="Verify the hash chain")
def verify(request):
    require(request.user, "audit.view")
    checked, problems = audit_verify()
    return {"checked": checked, "intact": not problems,
            "problems": [{"seq": p.seq, "problem": p.problem} for p in problems]}


@router.get("/export", summary="The whole log as JSONL with the chain")
def export(request):
    require(request.user, "audit.view")
    return StreamingHttpResponse(audit_export_lines(), content_type="application/x-ndjson")
