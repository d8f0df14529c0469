"""Archive imports: an uploaded JSONL or CSV archive of one account, taken in by a Celery task in
chunks through the bulk ingest path; every bad line is reported with its number, the rest
is imported."""

from __future__ import annotations

import csv
import json
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from koe.accounts.models import SocialAccount
from koe.audit.services import audit_record
from koe.web.errors import ValidationFailed

from .choices import ImportStatus, PostSource
from .ingest import WATCH_REASONS, cases_hand_over, post_ingest_many, watch_problem
from .models import ImportJob
from .services import LADDER_BATCH

FORMATS = {".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl", ".csv": "csv"}
MAX_UPLOAD = 512 * 1024 * 1024
IMPORT_CHUNK = 2000
MAX_ERRORS_KEPT = 200


def import_dir() -> Path:
    folder = Path(settings.DATA_DIR) / "imports"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def archive_format(filename: str) -> str:
    fmt = FORMATS.get(Path(filename).suffix.lower())
    if fmt is None:
        raise ValidationFailed("file", "File: upload a .jsonl or .csv archive (one post per "
                                       "line or row, with id and text).",
                               "ファイル: .jsonl か .csv のアーカイブをアップロードしてください"
                               "（1 行に 1 投稿、id と text を含む）。")
    return fmt


@transaction.atomic
def import_create(*, actor: Any, account: SocialAccount, upload: Any) -> ImportJob:
    """Keep the upload under KOE_DATA_DIR and queue its import for ``account``.

    ``upload`` is a Django UploadedFile (or anything with ``name``, ``size`` and ``chunks()``).
    """
    if upload is None:
        raise ValidationFailed("file", "File: choose the archive to upload.",
                               "ファイル: アップロードするアーカイブを選んでください。")
    filename = Path(upload.name or "archive").name[:200]
    fmt = archive_format(filename)
    if not upload.size:
        raise ValidationFailed("file", "File: the archive is empty.",
                               "ファイル: アーカイブが空です。")
    if upload.size > MAX_UPLOAD:
        raise ValidationFailed("file", "File: at most 512 MB per upload; split the archive.",
                               "ファイル: 1 回のアップロードは 512 MB までです。分割してください。")
    problem = watch_problem(account)
    if problem is not None:
        en, ja = WATCH_REASONS[problem]
        raise ValidationFailed("account", f"Account: {en}", f"アカウント: {ja}")
    path = import_dir() / f"{uuid.uuid4().hex}.{fmt}"
    with path.open("wb") as out:
        for chunk in upload.chunks():
            out.write(chunk)
    job = ImportJob.objects.create(account=account, filename=filename, path=str(path),
                                   created_by=actor if getattr(actor, "pk", None) else None)
    audit_record(actor=actor, action="import.queued", obj=job,
                 data={"account": account.pk, "file": filename, "bytes": upload.size})

    def start() -> None:
        from .tasks import import_archive

        import_archive.delay(job.pk)

    transaction.on_commit(start)
    return job


# ----------------------------------------------------------------------------- reading

class ArchiveError(ValueError):
    """The archive as a whole cannot be read (not one bad line): the job fails with this."""

    def __init__(self, en: str, ja: str):
        self.en, self.ja = en, ja
        super().__init__(en)


def _error(line: int | None, en: str, ja: str | None = None) -> dict:
    return {"line": line, "message": en, "message_ja": ja or en}


def _records(path: Path, fmt: str) -> Iterator[tuple[int, dict | None, dict | None]]:
    """(line number, item, error) for each post of the archive, in order."""
    handle = path.open(encoding="utf-8-sig", newline="")
    with handle:
        if fmt == "csv":
            yield from _csv_records(handle)
            return
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                item = json.loads(line)
            except ValueError as exc:
                yield number, None, _error(number, f"not valid JSON ({exc.msg}, column {exc.colno})",
                                           f"JSON として読めません（{exc.msg}、{exc.colno} 文字目）")
                continue
            if not isinstance(item, dict):
                yield number, None, _error(number, "each line must be a JSON object with id and text",
                                           "各行は id と text を持つ JSON オブジェクトにしてください")
                continue
            yield number, item, None


def _csv_records(handle) -> Iterator[tuple[int, dict | None, dict | None]]:
    reader = csv.DictReader(handle)
    columns = [c.strip().lower() for c in (reader.fieldnames or [])]
    if "text" not in columns or not ({"id", "external_id"} & set(columns)):
        found = ", ".join(columns) or "nothing"
        raise ArchiveError(f"the CSV's first row must name the columns id and text (found: {found})",
                           f"CSV の 1 行目に id と text の列名が必要です（あった列: {found}）")
    reader.fieldnames = columns
    start = 2
    for row in reader:
        if None in row:
            yield start, None, _error(start, "this row has more cells than the header",
                                      "この行は見出しより列が多いです")
        else:
            yield start, {k: v for k, v in row.items() if v not in (None, "")}, None
        start = reader.line_num + 1


def count_records(path: Path, fmt: str) -> int:
    if fmt == "csv":
        try:
            return sum(1 for _ in _records(path, fmt))
        except ArchiveError:
            return 0
    with path.open("rb") as handle:
        return sum(1 for line in handle if line.strip())


# ----------------------------------------------------------------------------- running

def import_run(*, job_id: int, chunk: int = IMPORT_CHUNK) -> ImportJob | None:
    """Import the job's archive in chunks; progress is written after each chunk."""
    job = (ImportJob.objects.select_related("account")
           .filter(pk=job_id, status=ImportStatus.QUEUED).first())
    if job is None:
        return None
    path = Path(job.path)
    fmt = archive_format(job.filename)
    try:
        total = count_records(path, fmt)
    except OSError:
        return _fail(job, _error(None, "the uploaded file is gone; upload it again",
                                 "アップロードされたファイルがありません。もう一度アップロードしてください"))
    ImportJob.objects.filter(pk=job.pk).update(status=ImportStatus.RUNNING, total=total)
    batch: list[tuple[int, dict]] = []
    unreadable: list[dict] = []  # lines that are not even a record, reported with the chunk
    cases: list[int] = []  # new cases, handed to the ladder in batches of LADDER_BATCH
    try:
        for number, item, error in _records(path, fmt):
            if error is not None:
                unreadable.append(error)
            else:
                batch.append((number, item))
            if len(batch) + len(unreadable) >= chunk:
                if not _import_batch(job, batch, unreadable, cases):
                    return _stopped(job)
                batch, unreadable = [], []
        if (batch or unreadable) and not _import_batch(job, batch, unreadable, cases):
            return _stopped(job)
    except ArchiveError as exc:
        return _fail(job, _error(None, exc.en, exc.ja))
    except UnicodeDecodeError as exc:
        return _fail(job, _error(None, f"the file is not UTF-8 text (byte {exc.start})",
                                 f"ファイルが UTF-8 のテキストではありません（{exc.start} バイト目）"))
    finally:
        if cases:
            cases_hand_over(cases)
    job.refresh_from_db()
    job.status = ImportStatus.DONE
    job.finished_at = timezone.now()
    job.total = max(job.total, job.processed)
    job.save(update_fields=["status", "finished_at", "total"])
    path.unlink(missing_ok=True)
    audit_record(actor=None, action="import.finished", obj=job,
                 data={"created": job.created, "duplicates": job.duplicates,
                       "bad_lines": job.error_count})
    return job


def _import_batch(job: ImportJob, batch: list[tuple[int, dict]], unreadable: list[dict],
                  cases: list[int]) -> bool:
    account = SocialAccount.objects.select_related("owner").get(pk=job.account_id)
    # The import runs as a task already: each chunk is scanned here, before its insert, and
    # stored scanned with its cases (no scan task per chunk to read the posts back). Its new
    # cases join ``cases``: the ladder gets them in batches, not a few per chunk.
    result = post_ingest_many(account=account, items=[item for _, item in batch],
                              source=PostSource.ARCHIVE, scan_now=True, hand_over=False)
    cases.extend(result.scan.new_case_ids)
    if len(cases) >= LADDER_BATCH:
        cases_hand_over(cases)
        cases.clear()
    if result.skip_reason:
        return False
    errors = unreadable + [_error(batch[e["index"]][0], e["message"], e.get("message_ja"))
                           for e in result.errors]
    errors.sort(key=lambda e: e["line"])
    _progress(job, processed=len(batch) + len(unreadable), created=result.created,
              duplicates=result.duplicates, errors=errors)
    return True


def _progress(job: ImportJob, *, processed: int, created: int = 0, duplicates: int = 0,
              errors: list[dict] = ()) -> None:
    changes: dict[str, Any] = {"processed": F("processed") + processed,
                               "created": F("created") + created,
                               "duplicates": F("duplicates") + duplicates}
    if errors:
        changes["error_count"] = F("error_count") + len(errors)
        with transaction.atomic():
            kept = (ImportJob.objects.select_for_update().values_list("errors", flat=True)
                    .get(pk=job.pk))
            room = MAX_ERRORS_KEPT - len(kept)
            if room > 0:
                changes["errors"] = kept + list(errors)[:room]
            ImportJob.objects.filter(pk=job.pk).update(**changes)
        return
    ImportJob.objects.filter(pk=job.pk).update(**changes)


def _fail(job: ImportJob, error: dict) -> ImportJob:
    job.refresh_from_db()
    job.status = ImportStatus.FAILED
    job.finished_at = timezone.now()
    job.errors = [error] + list(job.errors)[:MAX_ERRORS_KEPT - 1]
    job.save(update_fields=["status", "finished_at", "errors"])
    Path(job.path).unlink(missing_ok=True)
    audit_record(actor=None, action="import.failed", obj=job, data={"reason": error["message"]})
    return job


def _stopped(job: ImportJob) -> ImportJob:
    account = SocialAccount.objects.get(pk=job.account_id)
    en, ja = WATCH_REASONS.get(watch_problem(account) or "", ("The account is not watched.",
                                                              "このアカウントは対象外です。"))
    return _fail(job, _error(None, f"stopped: {en} The rest of the archive was not imported.",
                             f"中止: {ja} 残りは取り込んでいません。"))


def import_upload_from_bytes(name: str, data: bytes):
    """An in-memory upload (the API receives archives as JSON text)."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, data)
