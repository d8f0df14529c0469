"""Monitoring pages: cases and coaching, ingest (imports, internal spaces), analytics."""

from django.urls import path  # noqa: F401  (each part adds its own paths below)

app_name = "monitoring"

urlpatterns: list = [
]
