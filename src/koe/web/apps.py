from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "koe.web"
    label = "web"
    verbose_name = "Koe"

    def ready(self):
        from .celery import ensure_queue_folders

        ensure_queue_folders()
