"""The Celery app. Broker from CELERY_BROKER_URL; by default files under KOE_DATA_DIR."""

import os

from celery import Celery
from celery.signals import task_prerun

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "koe.web.settings")

app = Celery("koe")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@task_prerun.connect(dispatch_uid="koe.close_old_connections")
def _close_old_connections(sender=None, **_kwargs) -> None:
    """As Django does around a request: drop a connection past CONN_MAX_AGE or broken (the
    fixup keeps connections across tasks, CELERY_DB_REUSE_MAX in settings). Not for an eager
    task, which runs inside its caller's transaction."""
    from django.db import close_old_connections

    if not getattr(getattr(sender, "request", None), "is_eager", False):
        close_old_connections()


def ensure_queue_folders() -> None:
    """The filesystem broker needs its folders to exist before the first message."""
    from django.conf import settings

    for key in ("data_folder_in", "data_folder_out", "processed_folder", "control_folder"):
        folder = settings.CELERY_BROKER_TRANSPORT_OPTIONS.get(key)
        if folder:
            os.makedirs(folder, exist_ok=True)
