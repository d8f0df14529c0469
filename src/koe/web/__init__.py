"""Koe's Django project: settings, URLs, the Celery app, the self-check."""
