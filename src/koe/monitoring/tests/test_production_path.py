"""The production path, for real: PostgreSQL, a Redis or RabbitMQ broker and a Celery worker
process with two pool processes. Posts pushed through the bulk ingest (scanned by
``monitoring.scan_posts`` tasks in chunks) and an archive import (``monitoring.import_archive``)
are scanned by the worker; every post with a finding opens one case, and each case goes
through the ladder: the coaching note is written, e-mailed to a real SMTP server and shown in
the app; the audit chain stays whole although two processes append to it at once.

Runs on PostgreSQL only (``KOE_TEST_DATABASE_URL``; scripts/test does): the worker is another
process and must see the test's committed rows, in the test's own database.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
import time
import uuid
from urllib.parse import quote, urlparse

import pytest
from django.conf import settings as django_settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection

from koe.audit.selectors import audit_verify
from koe.monitoring.imports import import_create
from koe.monitoring.ingest import post_ingest_many
from koe.monitoring.models import Case, CaseEvent, CoachingMessage, ImportJob, Post
from koe.people.models import Notification
from koe.people.testing import make_person
from koe.policies.selectors import current_scanner
from koe.web.celery import app

from .ingest_helpers import enrolled_account

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql",
                       reason="a worker process needs the test's database on a server "
                              "(run with KOE_TEST_DATABASE_URL)"),
]

BROKERS = {
    "redis": "redis://127.0.0.1:6379/13",
    "rabbitmq": "amqp://guest:guest@127.0.0.1:5672//",
}
PUSHED, ARCHIVED = 240, 160  # posts through post_ingest_many and through an import
TIMEOUT = 60


def _reachable(url: str) -> bool:
    parsed = urlparse(url)
    try:
        with socket.create_connection((parsed.hostname, parsed.port), timeout=1):
            return True
    except OSError:
        return False


def _database_url() -> str:
    """The database this test process uses (pytest-django's test database), as a URL."""
    s = connection.settings_dict
    auth = quote(s["USER"] or "")
    if s["PASSWORD"]:
        auth += ":" + quote(s["PASSWORD"])
    return f"postgres://{auth}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


@pytest.fixture(params=sorted(BROKERS))
def broker(request):
    url = BROKERS[request.param]
    if not _reachable(url):
        message = f"{request.param} is not running on this machine (scripts/services starts it)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return url


@pytest.fixture
def worker(broker, smtp_server, settings):
    """A Celery worker process (two pool processes) on ``broker`` and the test's database,
    sending mail to the test's SMTP server; this process sends it tasks on a queue of its
    own (nothing else on the machine takes them)."""
    queue = f"koe-test-{uuid.uuid4().hex[:12]}"
    saved = {k: app.conf[k] for k in ("broker_url", "task_always_eager", "task_default_queue",
                                      "broker_transport_options")}
    app.conf.update(broker_url=broker, task_always_eager=False, task_default_queue=queue,
                    broker_transport_options={})
    _reset_producers()
    settings.KOE_SCAN_CHUNK = 50  # several chunks at once in the two pool processes
    env = dict(os.environ)
    env.update({
        "DATABASE_URL": _database_url(), "CELERY_BROKER_URL": broker,
        "CELERY_TASK_DEFAULT_QUEUE": queue,  # the tasks it sends on (scans, the ladder)
        "CELERY_TASK_ALWAYS_EAGER": "false", "KOE_DATA_DIR": str(django_settings.DATA_DIR),
        "KOE_EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "KOE_SMTP_HOST": smtp_server.host, "KOE_SMTP_PORT": str(smtp_server.port),
        "DJANGO_SETTINGS_MODULE": "koe.web.settings",
    })
    env.pop("KOE_TEST_DATABASE_URL", None)
    proc = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "koe.web.celery", "worker", "-l", "warning",
         "-c", "2", "-Q", queue, "-n", f"{queue}@%h", "--without-gossip", "--without-mingle",
         "--without-heartbeat"],
        env=env, start_new_session=True)
    try:
        yield proc
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
        _delete_queue(queue)
        app.conf.update(saved)
        _reset_producers()


def _reset_producers() -> None:
    """Celery keeps its connection and producer pools per app: drop them so the next task
    goes to the broker now configured."""
    for holder, attr in ((app, "_pool"), (app.amqp, "_producer_pool")):
        pool = getattr(holder, attr, None)
        if pool is not None:
            pool.force_close_all()
        setattr(holder, attr, None)


def _delete_queue(queue: str) -> None:
    with app.connection_for_write() as conn, contextlib.suppress(Exception):
        conn.channel().queue_delete(queue)  # (already gone: nothing to clean)


def _texts(prefix: str, n: int) -> list[dict]:
    """Posts, one in eight with a credential in it (each a different one)."""
    items = []
    for i in range(n):
        if i % 8 == 0:
            text = f"deploy note {prefix}{i}: my password is hunter{i}x, do not tell anyone"
        else:
            text = f"Lovely weather in Kyoto today ({prefix}{i}), the maples are turning."
        items.append({"id": f"{prefix}{i}", "text": text,
                      "posted_at": f"2026-03-{1 + i % 28:02d}T09:{i % 60:02d}:00Z"})
    return items


def _wait(proc, expected_cases: int) -> dict:
    deadline = time.monotonic() + TIMEOUT
    state: dict = {}
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"the worker stopped (exit {proc.returncode})")
        state = {
            "posts": Post.objects.count(),
            "unscanned": Post.objects.filter(scanned_at__isnull=True).count(),
            "cases": Case.objects.count(),
            "new": Case.objects.filter(status="new").count(),
            "emailed": CoachingMessage.objects.filter(emailed=True).count(),
            "imports_left": ImportJob.objects.exclude(status__in=["done", "failed"]).count(),
        }
        if (state["posts"] == PUSHED + ARCHIVED and not state["unscanned"]
                and state["cases"] == expected_cases and not state["new"]
                and state["emailed"] == expected_cases and not state["imports_left"]):
            return state
        time.sleep(0.2)
    pytest.fail(f"not done within {TIMEOUT} s: {state}")


def test_a_real_worker_scans_pushed_and_imported_posts_and_coaches_every_case(
        worker, smtp_server):
    pushed_by, archived_by = make_person(language="ja"), make_person(language="en")
    pushed_to, archived_to = enrolled_account(pushed_by), enrolled_account(archived_by)
    pushed, archived = _texts("p", PUSHED), _texts("a", ARCHIVED)
    scanner = current_scanner()
    flagged = {i["id"] for i in pushed + archived if scanner.scan(i["text"]).findings}
    assert len(flagged) == (PUSHED + ARCHIVED) // 8  # the credentials, and nothing else

    result = post_ingest_many(account=pushed_to, items=pushed, source="api")
    assert result.created == PUSHED
    archive = "\n".join(json.dumps(i) for i in archived).encode()
    job = import_create(actor=None, account=archived_to,
                        upload=SimpleUploadedFile("archive.jsonl", archive))

    state = _wait(worker, len(flagged))
    assert state["posts"] == PUSHED + ARCHIVED
    job.refresh_from_db()
    assert (job.status, job.created, job.error_count) == ("done", ARCHIVED, 0)
    cases = Case.objects.select_related("post")
    assert sorted(c.post.external_id for c in cases) == sorted(flagged)  # one case per post
    assert {c.category for c in cases} == {"secret"}
    assert not cases.filter(status="new").exists()
    assert CaseEvent.objects.filter(kind="opened").count() == len(flagged)
    assert CaseEvent.objects.filter(kind="coaching_sent").count() == len(flagged)
    # the note in each person's language, by e-mail and in the app
    for person, prefix in ((pushed_by, "p"), (archived_by, "a")):
        mine = {e for e in flagged if e.startswith(prefix)}
        mails = smtp_server.to(person.email)
        assert len(mails) == len(mine)
        assert Notification.objects.filter(user=person, kind="coaching").count() == len(mine)
        notes = CoachingMessage.objects.filter(case__person=person)
        assert {n.language for n in notes} == {person.language}
    assert all("hunter" not in m.text() for m in smtp_server.messages)  # the secret stays out
    # two pool processes appended to the chain at once: it is still one unbroken chain
    checked, problems = audit_verify()
    assert checked > len(flagged) and problems == []
