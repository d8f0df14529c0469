"""Background work of monitoring: scanning ingested posts in chunks, handing new cases and
changed posts to the case lifecycle, importing archives, and the daily retention purge."""

from __future__ import annotations

import logging

from celery.signals import worker_init

from koe.web.celery import app

log = logging.getLogger(__name__)


@worker_init.connect(dispatch_uid="koe.monitoring.warm_worker")
def warm_worker(**_kwargs) -> None:
    """Do the once-per-process work in the worker's main process, before it forks its pool:
    compile the published policy with the internal spaces' index, load the URLconf, the
    e-mail templates and both languages' catalogues. Every pool process then starts ready
    (sharing that memory copy-on-write) instead of paying for it in its first tasks."""
    from django.db import connections
    from django.template.loader import get_template
    from django.urls import reverse
    from django.utils import translation

    from .ingest import ingest_scanner

    try:
        ingest_scanner()
        reverse("monitoring:my_case", args=[1])
        for lang in ("ja", "en"):
            with translation.override(lang):
                translation.gettext("Read it and answer")
        for name in ("coaching-note", "case-escalated"):
            for part in ("subject", "body-text", "body-html"):
                get_template(f"emails/{name}-{part}.html")
    except Exception:  # no database yet (a fresh install): the first tasks do it
        log.warning("could not warm the worker before forking", exc_info=True)
    finally:
        connections.close_all()  # the pool processes open their own


@app.task(name="monitoring.scan_posts")
def scan_posts(post_ids: list[int]) -> dict:
    """Scan one chunk of posts (KOE_SCAN_CHUNK ids); findings open or update cases."""
    from .ingest import posts_scan

    result = posts_scan(post_ids=post_ids)
    return {"scanned": result.scanned, "with_findings": result.with_findings,
            "new_cases": len(result.new_case_ids), "updated_cases": len(result.updated_case_ids)}


@app.task(name="monitoring.process_new_cases")
def process_new_cases(case_ids: list[int]) -> None:
    """New cases go to the case lifecycle (coaching, escalation as the ladder says)."""
    from .services import cases_process_new

    cases_process_new(case_ids=case_ids)


@app.task(name="monitoring.post_changed")
def post_changed(post_id: int, change: str) -> None:
    """An edited post is rescanned; its case (edited or deleted) goes to the lifecycle."""
    from .ingest import post_change_apply

    post_change_apply(post_id=post_id, change=change)


@app.task(name="monitoring.import_archive")
def import_archive(job_id: int) -> None:
    """Import one uploaded archive in chunks, updating the job's progress as it goes."""
    from .imports import import_run

    import_run(job_id=job_id)


@app.task(name="monitoring.purge_expired")
def purge_expired() -> dict:
    """Daily: delete posts past their retention and closed cases past the policy's period."""
    from .ingest import retention_purge

    result = retention_purge()
    return {"posts": result.posts, "cases": result.cases}
