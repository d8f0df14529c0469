"""Background work of policies: rendering PDF/EPUB on publish, acknowledgement reminders."""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from koe.web.celery import app

log = logging.getLogger(__name__)


@app.task(name="policies.render_artifacts")
def render_policy_artifacts(version_id: int) -> int:
    """PDF and EPUB, English and Japanese, of one published version."""
    from .models import PolicyVersion
    from .services import artifacts_render

    version = PolicyVersion.objects.filter(pk=version_id).first()
    if version is None:
        return 0
    return len(artifacts_render(version=version))


@app.task(name="policies.send_ack_reminders")
def send_ack_reminder_emails(reminder_ids: list[int]) -> int:
    """E-mail each reminded person, in their language. Returns how many were sent."""
    from .models import AckReminder

    sent = 0
    for reminder in (AckReminder.objects.select_related("user", "version")
                     .filter(pk__in=reminder_ids)):
        try:
            reminder_email(reminder).send()
            sent += 1
        except Exception:  # one bad address must not stop the others
            log.exception("policy reminder %s could not be sent", reminder.pk)
    return sent


@app.task(name="policies.remind_unacknowledged")
def remind_unacknowledged() -> int:
    """For a periodic schedule: remind everyone who has not confirmed the published version."""
    from koe.web.errors import Conflict

    from .services import ack_reminders_send

    try:
        return ack_reminders_send(actor=None)
    except Conflict:  # nothing published yet
        return 0


def reminder_email(reminder) -> EmailMultiAlternatives:
    """The reminder e-mail from the template triplet emails/policy-reminder-*.html."""
    user, version = reminder.user, reminder.version
    lang = user.language if user.language in ("en", "ja") else settings.LANGUAGE_CODE
    with translation.override(lang):
        ctx = {"user": user, "version": version, "lang": lang,
               "title": version.title,
               "url": settings.SITE_URL.rstrip("/") + reverse("policies:current")}
        subject = " ".join(render_to_string("emails/policy-reminder-subject.html", ctx).split())
        text = render_to_string("emails/policy-reminder-body-text.html", ctx)
        html = render_to_string("emails/policy-reminder-body-html.html", ctx)
    message = EmailMultiAlternatives(subject=subject, body=text, to=[user.email],
                                     from_email=settings.DEFAULT_FROM_EMAIL)
    message.attach_alternative(html, "text/html")
    return message
