"""Background work of ingest: the daily retention purge (on the beat schedule) and the tasks
that scan chunks and import archives."""

from __future__ import annotations

import datetime as dt

import pytest
from django.conf import settings
from django.utils import timezone

from koe.audit.models import AuditEntry
from koe.monitoring import ingest, tasks
from koe.monitoring.models import Case, Finding, Post

from .ingest_helpers import CREDENTIAL, HARMLESS, enrolled_account

pytestmark = pytest.mark.django_db


def test_the_purge_is_on_the_daily_beat_schedule():
    entry = next(e for e in settings.CELERY_BEAT_SCHEDULE.values()
                 if e["task"] == "monitoring.purge_expired")
    assert entry["schedule"] == 24 * 3600.0
    assert tasks.purge_expired.name == "monitoring.purge_expired"


def test_retention_deletes_expired_posts_and_old_closed_cases_only(
        django_capture_on_commit_callbacks):
    account = enrolled_account()
    with django_capture_on_commit_callbacks(execute=True):
        ingest.post_ingest_many(account=account, source="api", items=[
            {"id": "old", "text": CREDENTIAL}, {"id": "new", "text": HARMLESS},
            {"id": "old-open", "text": "password is opensesame1"}])
    today = timezone.localdate()
    Post.objects.filter(external_id__startswith="old").update(
        retain_until=today - dt.timedelta(days=1))
    old_case = Case.objects.get(post__external_id="old")
    open_case = Case.objects.get(post__external_id="old-open")
    long_ago = timezone.now() - dt.timedelta(days=1096)
    Case.objects.filter(pk=old_case.pk).update(status="resolved", resolved_at=long_ago)
    Case.objects.filter(pk=open_case.pk).update(opened_at=long_ago)
    recent = Case.objects.create(account=account, person=account.owner, severity="minor",
                                 category="pii", action="coach", status="dismissed",
                                 resolved_at=timezone.now() - dt.timedelta(days=10))
    assert tasks.purge_expired.delay().get() == {"posts": 2, "cases": 1}
    assert list(Post.objects.values_list("external_id", flat=True)) == ["new"]
    assert not Case.objects.filter(pk=old_case.pk).exists()
    assert not Finding.objects.filter(case_id=old_case.pk).exists()
    open_case.refresh_from_db()
    assert open_case.post is None and open_case.findings.exists()  # the case outlives the post
    assert Case.objects.filter(pk=recent.pk).exists()
    entry = AuditEntry.objects.get(action="monitoring.retention_purged")
    assert entry.data["posts"] == 2 and entry.data["cases"] == 1
    assert tasks.purge_expired.delay().get() == {"posts": 0, "cases": 0}


def test_a_policy_with_shorter_retention_sets_retain_until(monkeypatch):
    from koe.policies import selectors

    scanner = selectors.current_scanner()
    monkeypatch.setattr(scanner.policy, "retention", {"posts": 30, "cases": 90})
    account = enrolled_account()
    post = ingest.post_ingest(account=account, external_id="1", text=HARMLESS, source="api")
    assert post.retain_until == timezone.localdate() + dt.timedelta(days=30)


def test_scan_task_reports_what_it_did():
    account = enrolled_account()
    result = ingest.post_ingest_many(account=account, source="api", items=[
        {"id": "1", "text": CREDENTIAL}, {"id": "2", "text": HARMLESS}])
    out = tasks.scan_posts.delay(result.post_ids).get()
    assert out == {"scanned": 2, "with_findings": 1, "new_cases": 1, "updated_cases": 0}
    # scanning the same chunk again updates the case instead of opening another
    again = tasks.scan_posts.delay(result.post_ids).get()
    assert again["new_cases"] == 0 and again["updated_cases"] == 1
    assert Case.objects.count() == 1 and Finding.objects.count() == 1
