"""The Celery app. Broker from CELERY_BROKER_URL; by default files under KOE_DATA_DIR."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "koe.web.settings")

app = Celery("koe")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


def ensure_queue_folders() -> None:
    """The filesystem broker needs its folders to exist before the first message."""
    from django.conf import settings

    for key in ("data_folder_in", "data_folder_out", "processed_folder", "control_folder"):
        folder = settings.CELERY_BROKER_TRANSPORT_OPTIONS.get(key)
        if folder:
            os.makedirs(folder, exist_ok=True)
