"""Ingest and scanning: posts of watched accounts come in (archive, API, connector), are archived
until the policy's retention ends, and are scanned in chunks; findings open or update cases.

The functions here are the contract the connectors, the API, imports and the benchmark call:
``post_ingest`` (one post), ``post_ingest_many`` (the bulk path), ``post_edited``,
``post_deleted``; and ``posts_scan`` (what the ``monitoring.scan_posts`` task runs).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import threading
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime

from koe.accounts.choices import AccountKind, AccountStatus
from koe.accounts.models import SocialAccount
from koe.audit.services import audit_record, audit_record_many
from koe.engine import SEVERITIES, InternalIndex, Scanner
from koe.web.errors import Conflict, ValidationFailed

from .choices import CaseStatus, PostKind, PostSource
from .models import Case, CaseEvent, Finding, InternalSpace, Post

MASKED_CATEGORIES = frozenset({"secret", "pii"})
MAX_TEXT = 100_000
MAX_ERRORS_KEPT = 200
_SEVERITY_RANK = {s: i for i, s in enumerate(SEVERITIES)}


def scan_chunk_size() -> int:
    return max(1, int(getattr(settings, "KOE_SCAN_CHUNK", 500)))


# ----------------------------------------------------------------------------- who is watched

def watch_problem(account: SocialAccount) -> str | None:
    """Why posts of ``account`` are not taken in (None: it is watched).

    Brand accounts are watched while active; a personal account only while its owner's
    consent stands (enrolled, not withdrawn).
    """
    if account.kind == AccountKind.BRAND:
        return None if account.status == AccountStatus.ACTIVE else "account_inactive"
    if account.withdrawn_at is not None:
        return "withdrawn"
    if not account.is_enrolled:
        return "not_enrolled"
    return None


WATCH_REASONS = {
    "account_inactive": ("The account is not active.", "このアカウントは有効ではありません。"),
    "withdrawn": ("The owner withdrew the enrolment; posts are not taken in.",
                  "登録が取り消されたため、投稿は取り込みません。"),
    "not_enrolled": ("The account is not enrolled with consent; posts are not taken in.",
                     "同意による登録がないため、投稿は取り込みません。"),
}


def retain_until(today: dt.date | None = None) -> dt.date:
    """The day a post ingested today may be deleted: the published policy's retention."""
    from koe.policies.selectors import current_scanner

    days = int(current_scanner().policy.retention.get("posts", 365))
    return (today or timezone.localdate()) + dt.timedelta(days=days)


# ----------------------------------------------------------------------------- validation

class ItemError(ValueError):
    """One item cannot be ingested; ``field`` names what is wrong."""

    def __init__(self, field_name: str, message: str, ja: str | None = None):
        self.field = field_name
        self.ja = ja or message
        super().__init__(message)


def parse_when(value: Any, field_name: str = "posted_at") -> dt.datetime | None:
    """An ISO 8601 date-time (or date, or Unix seconds) as an aware datetime; None if empty."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        when = value
    elif isinstance(value, dt.date):
        when = dt.datetime.combine(value, dt.time())
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        try:
            return dt.datetime.fromtimestamp(value, tz=dt.UTC)
        except (OverflowError, OSError, ValueError):
            raise ItemError(field_name, f"{field_name}: {value!r} is not a valid time",
                            f"{field_name}: {value!r} は日時として読めません") from None
    elif isinstance(value, str):
        text = value.strip()
        try:
            when = parse_datetime(text.replace("Z", "+00:00") if text.endswith("Z") else text)
            if when is None:
                day = parse_date(text)
                when = dt.datetime.combine(day, dt.time()) if day else None
        except ValueError:
            when = None
        if when is None:
            raise ItemError(field_name, f"{field_name}: {value!r} is not an ISO 8601 date-time "
                                        "(e.g. 2026-03-01T09:30:00+09:00)",
                            f"{field_name}: {value!r} は ISO 8601 の日時ではありません"
                            "（例: 2026-03-01T09:30:00+09:00）")
    else:
        raise ItemError(field_name, f"{field_name}: expected a date-time, got {type(value).__name__}",
                        f"{field_name}: 日時を指定してください")
    if timezone.is_naive(when):
        when = timezone.make_aware(when, dt.UTC)
    return when


def _clean_item(account: SocialAccount, item: Any, now: dt.datetime) -> dict:
    """One input item as Post fields; raises ItemError naming the field that is wrong."""
    if not isinstance(item, dict):
        raise ItemError("", "each item must be an object with id and text",
                        "各項目は id と text を持つオブジェクトにしてください")
    external_id = item.get("external_id", item.get("id"))
    if isinstance(external_id, int) and not isinstance(external_id, bool):
        external_id = str(external_id)
    if not isinstance(external_id, str) or not external_id.strip():
        raise ItemError("id", "id: missing (each post needs its id on the network)",
                        "id: ありません（各投稿にはネットワーク上の id が必要です）")
    external_id = external_id.strip()
    if len(external_id) > 300:
        raise ItemError("id", "id: longer than 300 characters", "id: 300 文字を超えています")
    text = item.get("text")
    if not isinstance(text, str) or not text.strip():
        raise ItemError("text", "text: missing or empty", "text: 本文がありません")
    if len(text) > MAX_TEXT:
        raise ItemError("text", f"text: longer than {MAX_TEXT:,} characters",
                        f"text: {MAX_TEXT:,} 文字を超えています")
    when_raw = item.get("posted_at", item.get("created_at"))
    posted_at = parse_when(when_raw, "posted_at" if "posted_at" in item else "created_at") or now
    url = item.get("url") or ""
    if not isinstance(url, str) or len(url) > 500 or (
            url and not url.startswith(("https://", "http://"))):
        raise ItemError("url", "url: must be an http(s) link of at most 500 characters",
                        "url: 500 文字以内の http(s) のリンクにしてください")
    kind = item.get("kind") or None
    kind = _post_kind(account, kind)
    return {"external_id": external_id, "text": text, "posted_at": posted_at, "url": url,
            "kind": kind}


def _post_kind(account: SocialAccount, kind: str | None) -> str:
    default = PostKind.BRAND if account.kind == AccountKind.BRAND else PostKind.PERSONAL
    if kind is None or kind == "":
        return default
    if kind not in PostKind.values:
        raise ItemError("kind", f"kind: {kind!r} is not one of " + ", ".join(PostKind.values),
                        f"kind: {kind!r} は使えません（" + "、".join(PostKind.values) + "）")
    if kind == PostKind.DIRECT and account.kind != AccountKind.BRAND:
        raise ItemError("kind", "kind: direct messages are watched on brand accounts only",
                        "kind: ダイレクトメッセージはブランドアカウントのものだけが対象です")
    if kind != PostKind.DIRECT and kind != default:
        raise ItemError("kind", f"kind: a post on this account is {default!r}",
                        f"kind: このアカウントの投稿は {default!r} です")
    return kind


# ----------------------------------------------------------------------------- ingest

@dataclass
class IngestResult:
    """What a bulk ingest did. ``errors`` are ``{"index", "field", "message"}`` (index into
    the items); ``outcomes`` (when asked for) says per item: created, duplicate, skipped, error."""

    created: int = 0
    duplicates: int = 0
    skipped: int = 0
    errors: list[dict] = field(default_factory=list)
    post_ids: list[int] = field(default_factory=list)
    skip_reason: str | None = None
    outcomes: list[dict] | None = None
    scan: ScanResult | None = None  # with ``scan_now``: what the scans found


def post_ingest(*, account: SocialAccount, external_id: str, text: str, posted_at: Any = None,
                url: str = "", kind: str | None = None, source: str) -> Post | None:
    """Take in one post (idempotent on account + external id) and schedule its scan.

    Returns the post (the existing one when it was ingested before), or None when the account
    is not watched — nothing is stored then. Bad input raises ValidationFailed.
    """
    if watch_problem(account) is not None:
        return None
    _check_source(source)
    now = timezone.now()
    try:
        fields = _clean_item(account, {"id": external_id, "text": text, "posted_at": posted_at,
                                       "url": url, "kind": kind}, now)
    except ItemError as exc:
        raise ValidationFailed(exc.field or None, str(exc), exc.ja) from None
    existing = Post.objects.filter(account=account, external_id=fields["external_id"]).first()
    if existing is not None:
        return existing
    with transaction.atomic():
        Post.objects.bulk_create(
            [Post(account=account, source=source, ingested_at=now, retain_until=retain_until(),
                  **fields)], ignore_conflicts=True)
        post = (Post.objects.filter(account=account, external_id=fields["external_id"])
                .first())
        if post is not None and post.ingested_at == now:
            schedule_scan([post.pk])
    return post


def post_ingest_many(*, account: SocialAccount, items: Iterable[dict], source: str,
                     outcomes: bool = False, batch_size: int = 2000,
                     scan_now: bool = False, hand_over: bool = True) -> IngestResult:
    """Take in many posts of one account: one query for known ids and one insert per batch.

    Bad items are reported in ``errors`` with their index and do not stop the rest; items
    already ingested (or repeated in ``items``) count as duplicates; nothing is stored for an
    account that is not watched (all ``skipped``, with ``skip_reason``). Scans are scheduled
    in chunks of ``KOE_SCAN_CHUNK`` after the commit.

    ``scan_now``: for callers that already run as a Celery task in chunks (archive imports):
    each batch is scanned here before its insert, stored scanned, and its cases opened in
    the same transaction (no second read and no update of the posts); new cases go to
    ``monitoring.process_new_cases`` after the commit as usual, or, with ``hand_over``
    False, are left to the caller (``result.scan.new_case_ids``), which hands them over in
    larger batches.
    """
    _check_source(source)
    result = IngestResult(outcomes=[] if outcomes else None,
                          scan=ScanResult() if scan_now else None)
    problem = watch_problem(account)
    batch: list[tuple[int, Any]] = []
    index = 0
    for index, item in enumerate(items):
        if problem is not None:
            result.skipped += 1
            if outcomes:
                result.outcomes.append({"index": index, "status": "skipped", "reason": problem,
                                        "external_id": _raw_id(item)})
            continue
        batch.append((index, item))
        if len(batch) >= batch_size:
            _ingest_batch(account, batch, source, result, scan_now=scan_now,
                          hand_over=hand_over)
            batch = []
    if batch:
        _ingest_batch(account, batch, source, result, scan_now=scan_now, hand_over=hand_over)
    if problem is not None:
        result.skip_reason = problem
    return result


def _raw_id(item: Any) -> str | None:
    if isinstance(item, dict):
        value = item.get("external_id", item.get("id"))
        return None if value is None else str(value)
    return None


def _check_source(source: str) -> None:
    if source not in PostSource.values:
        raise ValueError(f"unknown post source {source!r}")


def _ingest_batch(account: SocialAccount, batch: list[tuple[int, Any]], source: str,
                  result: IngestResult, *, scan_now: bool = False,
                  hand_over: bool = True) -> None:
    now = timezone.now()
    keep_until = retain_until()
    fresh: dict[str, tuple[int, dict]] = {}
    dup_indexes: list[tuple[int, str]] = []
    for index, item in batch:
        try:
            fields = _clean_item(account, item, now)
        except ItemError as exc:
            result.errors.append({"index": index, "field": exc.field, "message": str(exc),
                                  "message_ja": exc.ja})
            if result.outcomes is not None:
                result.outcomes.append({"index": index, "status": "error", "reason": str(exc),
                                        "external_id": _raw_id(item)})
            continue
        if fields["external_id"] in fresh:
            dup_indexes.append((index, fields["external_id"]))
        else:
            fresh[fields["external_id"]] = (index, fields)
    scanner = ingest_scanner() if scan_now else None
    reports = ({external_id: scanner.scan(fields["text"], account=fields["kind"])
                for external_id, (_, fields) in fresh.items()} if scanner is not None else None)
    with transaction.atomic():
        ours = _insert_posts(account, fresh, source=source, now=now, keep_until=keep_until,
                             verdicts=None if reports is None else
                             {e: r.verdict for e, r in reports.items()})
        post_ids = list(ours.values())
        if reports is not None:
            owner = account.owner
            department_id = (owner.department_id if owner else None) or account.department_id
            scanned = [_Scanned(pk, account.pk, account.owner_id, department_id,
                                reports[external_id])
                       for external_id, pk in sorted(
                           ours.items(), key=lambda e: (fresh[e[0]][1]["posted_at"], e[1]))]
            audit_record_many(_cases_for(scanner.policy, scanned, now, result.scan,
                                         hand_over=hand_over))
        elif post_ids:
            schedule_scan(post_ids)
    result.created += len(ours)
    result.post_ids.extend(post_ids)
    for external_id, (index, _fields) in fresh.items():
        if external_id not in ours:
            dup_indexes.append((index, external_id))
        elif result.outcomes is not None:
            result.outcomes.append({"index": index, "status": "created",
                                    "external_id": external_id, "post_id": ours[external_id]})
    result.duplicates += len(dup_indexes)
    if result.outcomes is not None:
        result.outcomes.extend({"index": i, "status": "duplicate", "external_id": e}
                               for i, e in dup_indexes)
        result.outcomes.sort(key=lambda o: o["index"])


def _insert_posts(account: SocialAccount, fresh: dict[str, tuple[int, dict]], *, source: str,
                  now: dt.datetime, keep_until: dt.date,
                  verdicts: dict[str, str] | None = None) -> dict[str, int]:
    """Insert the posts not ingested yet; return ``{external_id: pk}`` of those inserted here.
    With ``verdicts`` (scanned before the insert) they are stored scanned at ``now``.

    PostgreSQL: one ``INSERT … SELECT FROM unnest(…) ON CONFLICT DO NOTHING RETURNING`` per
    batch (no model objects, no look-up first). Elsewhere: one look-up of known ids, a
    ``bulk_create`` and one read of the new ids. Either way a row another writer inserted at
    the same moment is a duplicate, not ours to count or to scan.
    """
    if not fresh:
        return {}
    if connection.vendor == "postgresql":
        columns = {f.name: f.column for f in Post._meta.concrete_fields}
        rows = [fields for _, fields in fresh.values()]
        sql = (
            f'INSERT INTO "{Post._meta.db_table}" ("{columns["account"]}", "external_id", "kind", '
            '"source", "text", "url", "posted_at", "ingested_at", "retain_until", "scanned_at", '
            '"verdict") '
            "SELECT %s, e, k, %s, t, u, p, %s, %s, %s, v FROM unnest("
            "%s::varchar[], %s::varchar[], %s::text[], %s::varchar[], %s::timestamptz[], "
            "%s::varchar[]) AS x(e, k, t, u, p, v) ON CONFLICT DO NOTHING RETURNING external_id, id")
        params = [account.pk, source, now, keep_until, now if verdicts is not None else None,
                  [r["external_id"] for r in rows], [r["kind"] for r in rows],
                  [r["text"] for r in rows], [r["url"] for r in rows],
                  [r["posted_at"] for r in rows],
                  [verdicts[r["external_id"]] if verdicts is not None else "" for r in rows]]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return dict(cursor.fetchall())
    known = set(Post.objects.filter(account=account, external_id__in=list(fresh))
                .values_list("external_id", flat=True))
    new = [Post(account=account, source=source, ingested_at=now, retain_until=keep_until,
                scanned_at=now if verdicts is not None else None,
                verdict=verdicts[external_id] if verdicts is not None else "",
                **fields) for external_id, (_, fields) in fresh.items() if external_id not in known]
    Post.objects.bulk_create(new, batch_size=1000, ignore_conflicts=True)
    return dict(Post.objects.filter(account=account, external_id__in=[p.external_id for p in new],
                                    ingested_at=now).values_list("external_id", "pk"))


def schedule_scan(post_ids: Sequence[int]) -> None:
    """After the commit, scan these posts in chunks of KOE_SCAN_CHUNK (Celery tasks)."""
    ids = list(post_ids)

    def send() -> None:
        from .tasks import scan_posts

        size = scan_chunk_size()
        for i in range(0, len(ids), size):
            scan_posts.delay(ids[i:i + size])

    transaction.on_commit(send)


def _post_of(account: SocialAccount, external_id: str) -> Post | None:
    return (Post.objects.select_for_update()
            .filter(account=account, external_id=str(external_id)).first())


@transaction.atomic
def post_edited(*, account: SocialAccount, external_id: str, text: str,
                at: dt.datetime | None = None) -> Post | None:
    """The post was edited on the network: keep the new text, rescan it and tell its case.

    Returns None for a post Koe never took in (or an account no longer watched).
    """
    if watch_problem(account) is not None:
        return None
    post = _post_of(account, external_id)
    if post is None:
        return None
    if not isinstance(text, str) or not text.strip():
        raise ValidationFailed("text", "text: missing or empty", "text: 本文がありません")
    if text == post.text:
        return post
    post.text = text[:MAX_TEXT]
    post.edited_at = at or timezone.now()
    post.scanned_at = None
    post.save(update_fields=["text", "edited_at", "scanned_at"])
    _schedule_change(post.pk, "edited")
    return post


@transaction.atomic
def post_deleted(*, account: SocialAccount, external_id: str,
                 at: dt.datetime | None = None) -> Post | None:
    """The post was deleted on the network: mark it and tell its case (the archive copy stays
    until the retention period ends)."""
    post = _post_of(account, external_id)
    if post is None or post.deleted_at is not None:
        return post
    post.deleted_at = at or timezone.now()
    post.save(update_fields=["deleted_at"])
    _schedule_change(post.pk, "deleted")
    return post


def _schedule_change(post_id: int, change: str) -> None:
    def send() -> None:
        from .tasks import post_changed

        post_changed.delay(post_id, change)

    transaction.on_commit(send)


def post_change_apply(*, post_id: int, change: str) -> Case | None:
    """Run by the ``monitoring.post_changed`` task: rescan an edited post, then hand its case
    (if it has one) to the case lifecycle with whether findings remain."""
    from . import services

    scanned = posts_scan(post_ids=[post_id]) if change == "edited" else None
    case = Case.objects.filter(post_id=post_id).first()
    if case is None or (scanned is not None and case.pk in scanned.new_case_ids):
        return case  # a new case goes through monitoring.process_new_cases instead
    remain = scanned is not None and case.pk in scanned.updated_case_ids
    services.case_post_changed(case=case, change=change, findings_remain=remain)
    return case


# ----------------------------------------------------------------------------- the scanner

_lock = threading.Lock()
_SPACES_TTL = 2.0
_spaces_seen: tuple[float, str, list[int]] = (0.0, "", [])
_compiled: dict[tuple[int, str], tuple[Scanner, Scanner]] = {}


def _spaces_key() -> tuple[str, list[int]]:
    """A fingerprint of the active internal spaces, read at most every couple of seconds."""
    global _spaces_seen
    now = time.monotonic()
    if now - _spaces_seen[0] > _SPACES_TTL:
        pks = list(InternalSpace.objects.filter(active=True).order_by("pk")
                   .values_list("pk", flat=True))
        key = hashlib.sha1(",".join(map(str, pks)).encode()).hexdigest() if pks else ""
        _spaces_seen = (now, key, pks)
    return _spaces_seen[1], _spaces_seen[2]


def forget_spaces() -> None:
    """Read the internal spaces afresh next time (called when one is added or deactivated)."""
    global _spaces_seen
    _spaces_seen = (0.0, "", [])


def space_doc_id(pk: int, title: str) -> str:
    """How a space is named in a leak finding's explanation."""
    return f"#{pk} {title}"[:120]


def ingest_scanner() -> Scanner:
    """The published policy compiled with an index of the active internal spaces.

    Cached per (published scanner, spaces fingerprint): a chunk never recompiles it.
    """
    from koe.policies.selectors import current_scanner

    base = current_scanner()
    skey, pks = _spaces_key()
    if not skey:
        return base
    key = (id(base), skey)
    hit = _compiled.get(key)
    if hit is not None and hit[0] is base:
        return hit[1]
    with _lock:
        hit = _compiled.get(key)
        if hit is not None and hit[0] is base:
            return hit[1]
        rows = InternalSpace.objects.filter(pk__in=pks).values_list("pk", "title", "text")
        index = InternalIndex.from_documents((space_doc_id(pk, title), text)
                                             for pk, title, text in rows.iterator(chunk_size=500))
        scanner = base.policy.compile(internal_index=index)
        _compiled.clear()
        _compiled[key] = (base, scanner)
    return scanner


# ----------------------------------------------------------------------------- scanning

def mask_excerpt(text: str, category: str) -> str:
    """What a case shows of a finding: credentials and personal data only by their start."""
    if category in MASKED_CATEGORIES:
        return text[:3] + "…"
    return text if len(text) <= 200 else text[:199] + "…"


@dataclass
class ScanResult:
    scanned: int = 0
    with_findings: int = 0
    new_case_ids: list[int] = field(default_factory=list)
    updated_case_ids: list[int] = field(default_factory=list)


def _worst(findings) -> Any:
    return max(findings, key=lambda f: _SEVERITY_RANK.get(f.severity, 0))


@dataclass(frozen=True, slots=True)
class _Scanned:
    """A post scanned with its report, as a case needs it."""

    post_id: int
    account_id: int
    owner_id: int | None
    department_id: int | None  # the owner's department, else the account's
    report: Any


def posts_scan(*, post_ids: Sequence[int]) -> ScanResult:
    """Scan these posts with the published policy and the internal spaces.

    A post with findings opens a case (or updates the one it has) with its findings, the
    ladder step and whom it escalates to; new cases go to ``monitoring.process_new_cases``
    after the commit. A few queries per chunk, whatever its size; the scan runs before the
    transaction, and the audit chain is appended last, so its lock is held briefly.
    """
    scanner = ingest_scanner()
    result = ScanResult()
    now = timezone.now()
    rows = list(Post.objects.filter(pk__in=list(post_ids), deleted_at__isnull=True)
                .order_by("posted_at", "pk")
                .values_list("pk", "text", "kind", "account_id", "account__owner_id",
                             "account__owner__department_id", "account__department_id"))
    if not rows:
        return result
    scanned = [_Scanned(pk, account_id, owner_id, owner_dept or account_dept,
                        scanner.scan(text, account=kind))
               for pk, text, kind, account_id, owner_id, owner_dept, account_dept in rows]
    with transaction.atomic():
        audits = _cases_for(scanner.policy, scanned, now, result)
        by_verdict: dict[str, list[int]] = {}
        for item in scanned:
            by_verdict.setdefault(item.report.verdict, []).append(item.post_id)
        for verdict, pks in by_verdict.items():
            Post.objects.filter(pk__in=pks).update(scanned_at=now, verdict=verdict)
        audit_record_many(audits)
    return result


def _cases_for(policy, scanned: Sequence[_Scanned], now: dt.datetime, result: ScanResult, *,
               hand_over: bool = True) -> list[tuple]:
    """Open or update the cases of the scanned posts with findings (in the caller's
    transaction, posts in the order they were posted); returns the audit entries for the
    caller to append last, and (``hand_over``) hands the new cases over after the commit."""
    result.scanned += len(scanned)
    hits = [s for s in scanned if s.report.findings]
    result.with_findings += len(hits)
    if not hits:
        return []
    existing = {c.post_id: c for c in Case.objects.filter(post_id__in=[s.post_id for s in hits])}
    people = {s.owner_id for s in hits if s.owner_id}
    earlier: set[tuple[int, str]] = set()
    if people:
        since = now - dt.timedelta(days=365)
        # (a post's own case only matters on a rescan, which keeps the case's repeat flag)
        earlier = set(Case.objects.filter(person_id__in=people, opened_at__gte=since)
                      .exclude(status=CaseStatus.DISMISSED).order_by()
                      .values_list("person_id", "category").distinct())
    new_cases: list[tuple[Case, _Scanned]] = []
    updated: list[tuple[Case, _Scanned]] = []
    for item in hits:
        findings = item.report.findings
        worst = _worst(findings)
        case = existing.get(item.post_id)
        repeat = case.repeat if case else (
            item.owner_id is not None and (item.owner_id, worst.category) in earlier)
        action = policy.consequence(worst.severity, repeat=repeat)["action"]
        targets = list(policy.escalation_targets(worst.severity, repeat=repeat,
                                                 category=worst.category))
        if case is None:
            case = Case(post_id=item.post_id, account_id=item.account_id, person_id=item.owner_id,
                        department_id=item.department_id, severity=worst.severity,
                        category=worst.category, repeat=repeat, action=action,
                        escalated_to=targets, opened_at=now, updated_at=now)
            new_cases.append((case, item))
            if item.owner_id is not None:
                earlier.add((item.owner_id, worst.category))
        else:
            case.severity, case.category = worst.severity, worst.category
            case.action, case.escalated_to, case.updated_at = action, targets, now
            updated.append((case, item))
    Case.objects.bulk_create([c for c, _ in new_cases], batch_size=1000)
    if updated:
        Case.objects.bulk_update([c for c, _ in updated],
                                 ["severity", "category", "action", "escalated_to",
                                  "updated_at"], batch_size=1000)
        Finding.objects.filter(case__in=[c for c, _ in updated]).delete()
    Finding.objects.bulk_create(
        [Finding(case=case, rule_code=f.rule, category=f.category, severity=f.severity,
                 start=f.start, end=f.end, excerpt=mask_excerpt(f.text, f.category),
                 explanation=f.evidence[:300], created_at=now)
         for case, item in new_cases + updated for f in item.report.findings],
        batch_size=2000)
    CaseEvent.objects.bulk_create(
        [CaseEvent(case=case, kind="opened", at=now,
                   data={"post": item.post_id, "rules": _rules(item.report.findings)})
         for case, item in new_cases]
        + [CaseEvent(case=case, kind="rescanned", at=now,
                     data={"post": item.post_id, "rules": _rules(item.report.findings)})
           for case, item in updated], batch_size=2000)
    new_ids = [c.pk for c, _ in new_cases]
    result.new_case_ids.extend(new_ids)
    result.updated_case_ids.extend(c.pk for c, _ in updated)
    if new_ids and hand_over:
        cases_hand_over(new_ids)
    return ([(None, "case.opened", case,
              {"post": item.post_id, "severity": case.severity, "category": case.category,
               "rules": _rules(item.report.findings), "action": case.action,
               "repeat": case.repeat})
             for case, item in new_cases]
            + [(None, "case.rescanned", case,
                {"post": item.post_id, "severity": case.severity, "category": case.category,
                 "rules": _rules(item.report.findings)})
               for case, item in updated])


def cases_hand_over(case_ids: Sequence[int]) -> None:
    """After the commit, new cases go to the ladder (``monitoring.process_new_cases``)."""
    ids = list(case_ids)

    def send() -> None:
        from .tasks import process_new_cases

        process_new_cases.delay(ids)

    transaction.on_commit(send)


def _rules(findings) -> list[str]:
    return sorted({f.rule for f in findings})


# ----------------------------------------------------------------------------- retention

@dataclass
class PurgeResult:
    posts: int = 0
    cases: int = 0


def retention_purge(*, today: dt.date | None = None, batch: int = 5000) -> PurgeResult:
    """Delete archived posts past ``retain_until`` and closed cases older than the policy's
    case retention; one audit entry says how many."""
    from koe.policies.selectors import current_scanner

    today = today or timezone.localdate()
    days = int(current_scanner().policy.retention.get("cases", 1095))
    cutoff = timezone.make_aware(dt.datetime.combine(today - dt.timedelta(days=days), dt.time()))
    result = PurgeResult()
    while True:
        with transaction.atomic():
            pks = list(Post.objects.filter(retain_until__lt=today)
                       .values_list("pk", flat=True)[:batch])
            if not pks:
                break
            Case.objects.filter(post_id__in=pks).update(post=None)
            result.posts += Post.objects.filter(pk__in=pks).delete()[1].get("monitoring.Post", 0)
    closed = Q(status__in=[CaseStatus.RESOLVED, CaseStatus.DISMISSED])
    while True:
        with transaction.atomic():
            pks = list(Case.objects.filter(closed, resolved_at__lt=cutoff)
                       .values_list("pk", flat=True)[:batch])
            if not pks:
                break
            result.cases += Case.objects.filter(pk__in=pks).delete()[1].get("monitoring.Case", 0)
    if result.posts or result.cases:
        audit_record(actor=None, action="monitoring.retention_purged", obj=None,
                     data={"posts": result.posts, "cases": result.cases,
                           "before": today.isoformat(), "case_days": days})
    return result


# ----------------------------------------------------------------------------- internal spaces

MAX_SPACE_TEXT = 2_000_000


@transaction.atomic
def space_register(*, actor: Any, title: str, kind: str, text: str) -> InternalSpace:
    """Register a private document: its reappearance in a post becomes a leak finding."""
    from .choices import SpaceKind

    title = (title or "").strip()
    if not title:
        raise ValidationFailed("title", "Title: give the space a name.",
                               "タイトル: 名前を入力してください。")
    if len(title) > 200:
        raise ValidationFailed("title", "Title: at most 200 characters.",
                               "タイトル: 200 文字以内にしてください。")
    if kind not in SpaceKind.values:
        raise ValidationFailed("kind", "Kind: choose chat export, wiki page or document.",
                               "種類: チャット、Wiki、文書から選んでください。")
    text = (text or "").strip()
    if len(text) < 20:
        raise ValidationFailed("text", "Text: paste the content (at least 20 characters) or "
                               "upload a .txt or .md file.",
                               "本文: 内容を貼り付ける（20 文字以上）か、.txt / .md ファイルを"
                               "アップロードしてください。")
    if len(text) > MAX_SPACE_TEXT:
        raise ValidationFailed("text", "Text: at most 2,000,000 characters; split the export.",
                               "本文: 200 万文字までです。分割して登録してください。")
    space = InternalSpace.objects.create(title=title, kind=kind, text=text,
                                         registered_by=actor if getattr(actor, "pk", None) else None)
    audit_record(actor=actor, action="space.registered", obj=space,
                 data={"kind": kind, "chars": len(text)})
    transaction.on_commit(forget_spaces)
    return space


@transaction.atomic
def space_deactivate(*, space: InternalSpace, actor: Any) -> InternalSpace:
    """Stop checking posts against this space (the record stays)."""
    space = InternalSpace.objects.select_for_update().get(pk=space.pk)
    if not space.active:
        raise Conflict("space", "This space was deactivated already.",
                       "このスペースはすでに無効です。")
    space.active = False
    space.save(update_fields=["active"])
    audit_record(actor=actor, action="space.deactivated", obj=space, data={})
    transaction.on_commit(forget_spaces)
    return space
