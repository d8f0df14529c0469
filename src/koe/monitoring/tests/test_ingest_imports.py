"""Archive imports: JSONL and CSV, bad lines reported by number, the rest imported, progress."""

from __future__ import annotations

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from koe.accounts import services as account_services
from koe.monitoring import imports
from koe.monitoring.models import Case, ImportJob, Post
from koe.web.errors import ValidationFailed

from .ingest_helpers import CREDENTIAL, HARMLESS, enrolled_account

pytestmark = pytest.mark.django_db


def _jsonl(rows: list) -> bytes:
    return "\n".join(r if isinstance(r, str) else json.dumps(r, ensure_ascii=False)
                     for r in rows).encode()


def _run(account, name: str, data: bytes, capture) -> ImportJob:
    with capture(execute=True):
        job = imports.import_create(actor=account.owner, account=account,
                                    upload=SimpleUploadedFile(name, data))
    job.refresh_from_db()
    return job


def test_a_bad_line_is_reported_by_number_and_the_rest_imported(
        django_capture_on_commit_callbacks):
    account = enrolled_account()
    data = _jsonl([{"id": "1", "text": HARMLESS, "created_at": "2025-12-01T10:00:00Z"},
                   "{not json",
                   {"id": "2", "text": CREDENTIAL},
                   "",
                   {"id": "3"},
                   {"id": "4", "text": "また明日", "posted_at": "2025-12-02"},
                   ["a list"]])
    job = _run(account, "archive.jsonl", data, django_capture_on_commit_callbacks)
    assert job.status == "done" and job.finished_at is not None
    assert (job.total, job.processed, job.created, job.duplicates, job.error_count) == \
        (6, 6, 3, 0, 3)
    assert [e["line"] for e in job.errors] == [2, 5, 7]
    assert "not valid JSON" in job.errors[0]["message"]
    assert job.errors[1]["message"].startswith("text:") and job.errors[1]["message_ja"]
    assert set(Post.objects.values_list("external_id", flat=True)) == {"1", "2", "4"}
    assert Post.objects.filter(source="archive", scanned_at__isnull=False).count() == 3
    assert Case.objects.filter(post__external_id="2").exists()
    assert not (imports.import_dir() / job.path).exists()


def test_importing_the_same_archive_twice_counts_duplicates(django_capture_on_commit_callbacks):
    account = enrolled_account()
    data = _jsonl([{"id": str(i), "text": f"{HARMLESS} {i}"} for i in range(5)])
    _run(account, "a.jsonl", data, django_capture_on_commit_callbacks)
    again = _run(account, "a.jsonl", data, django_capture_on_commit_callbacks)
    assert (again.created, again.duplicates, again.processed) == (0, 5, 5)
    assert Post.objects.count() == 5


def test_progress_is_written_after_every_chunk(django_capture_on_commit_callbacks, monkeypatch):
    account = enrolled_account()
    seen = []
    real = imports._progress

    def spy(job, **kw):
        real(job, **kw)
        job_now = ImportJob.objects.get(pk=job.pk)
        seen.append((job_now.status, job_now.processed, job_now.total))

    monkeypatch.setattr(imports, "_progress", spy)
    monkeypatch.setattr(imports, "IMPORT_CHUNK", 4)
    monkeypatch.setattr(imports.import_run, "__kwdefaults__", {"chunk": 4})
    data = _jsonl([{"id": str(i), "text": f"post {i}"} for i in range(10)])
    job = _run(account, "big.jsonl", data, django_capture_on_commit_callbacks)
    assert seen == [("running", 4, 10), ("running", 8, 10), ("running", 10, 10)]
    assert job.percent == 100 and job.status == "done"


def test_a_csv_archive_with_quoted_newlines_reports_row_lines(django_capture_on_commit_callbacks):
    account = enrolled_account()
    data = (b'id,text,created_at,url\n'
            b'1,"first line\nsecond line",2025-01-01T00:00:00Z,https://bsky.app/p/1\n'
            b'2,,2025-01-02,\n'
            b'3,"ok",not-a-date,\n'
            b'4,fine,,ftp://x\n'
            b'5,good,,\n')
    job = _run(account, "export.csv", data, django_capture_on_commit_callbacks)
    assert (job.created, job.error_count, job.total) == (2, 3, 5)
    assert [(e["line"], e["message"].split(":")[0]) for e in job.errors] == \
        [(4, "text"), (5, "created_at"), (6, "url")]
    assert Post.objects.get(external_id="1").text == "first line\nsecond line"


def test_a_csv_without_the_needed_columns_fails_with_a_message(django_capture_on_commit_callbacks):
    account = enrolled_account()
    job = _run(account, "x.csv", b"tweet,date\nhello,2025\n", django_capture_on_commit_callbacks)
    assert job.status == "failed" and "id and text" in job.errors[0]["message"]
    assert job.errors[0]["line"] is None and not Post.objects.exists()


def test_a_file_that_is_not_utf8_fails_with_a_message(django_capture_on_commit_callbacks):
    account = enrolled_account()
    job = _run(account, "x.jsonl", '{"id": "1", "text": "日本"}'.encode("shift_jis"),
               django_capture_on_commit_callbacks)
    assert job.status == "failed" and "UTF-8" in job.errors[0]["message"]


def test_uploads_of_other_formats_or_for_unwatched_accounts_are_refused():
    account = enrolled_account()
    with pytest.raises(ValidationFailed) as info:
        imports.import_create(actor=account.owner, account=account,
                              upload=SimpleUploadedFile("x.xlsx", b"data"))
    assert info.value.field == "file"
    account_services.enrolment_withdraw(account=account, actor=account.owner)
    with pytest.raises(ValidationFailed) as info:
        imports.import_create(actor=account.owner, account=account,
                              upload=SimpleUploadedFile("x.jsonl", b'{"id":1,"text":"x"}'))
    assert info.value.field == "account" and not ImportJob.objects.exists()


def test_a_withdrawal_during_an_import_stops_it(django_capture_on_commit_callbacks):
    account = enrolled_account()
    with django_capture_on_commit_callbacks(execute=False):
        job = imports.import_create(actor=account.owner, account=account,
                                    upload=SimpleUploadedFile("a.jsonl", _jsonl(
                                        [{"id": "1", "text": HARMLESS}])))
    account_services.enrolment_withdraw(account=account, actor=account.owner)
    imports.import_run(job_id=job.pk)
    job.refresh_from_db()
    assert job.status == "failed" and "withdrew" in job.errors[0]["message"]
    assert not Post.objects.exists()
