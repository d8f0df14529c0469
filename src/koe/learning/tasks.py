"""Background work of the learning app: reminding people of courses due soon or overdue,
and starting the refresher before a certificate expires. Both are safe to run daily."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from koe.accounts.mail import send_to_person
from koe.people.services import notification_from_template
from koe.web.celery import app

from . import services, workshops
from .models import Enrollment

REMIND_DAYS_BEFORE = 7
REMIND_EVERY_DAYS = 7



@app.task(name="learning.remind_due")
def remind_due(today: str | None = None) -> int:
    """Remind each person (in the app, and by e-mail when they have an address) of their
    courses due within REMIND_DAYS_BEFORE days or overdue, at most once every
    REMIND_EVERY_DAYS days. Returns the number of people reminded."""
    day = dt.date.fromisoformat(today) if today else timezone.localdate()
    waiting = (Enrollment.objects
               .filter(completed_at__isnull=True, due_on__isnull=False, user__is_active=True,
                       due_on__lte=day + dt.timedelta(days=REMIND_DAYS_BEFORE))
               .filter(Q(reminded_on__isnull=True)
                       | Q(reminded_on__lte=day - dt.timedelta(days=REMIND_EVERY_DAYS)))
               .select_related("user", "course").order_by("user_id", "due_on"))
    by_user: dict = {}
    for enrollment in waiting:
        by_user.setdefault(enrollment.user, []).append(enrollment)
    for user, enrollments in by_user.items():
        context = {"enrollments": enrollments, "today": day}
        notification_from_template(user=user, kind="learning_reminder",
                                   template="learning-reminder", context=context,
                                   url=reverse("learning:mine"))
        if user.email:
            send_to_person("learning-reminder", user, context)
        Enrollment.objects.filter(pk__in=[e.pk for e in enrollments]).update(reminded_on=day)
    return len(by_user)


@app.task(name="learning.start_refreshers")
def start_refreshers() -> int:
    return services.refreshers_start()


@app.task(name="learning.remind_workshops")
def remind_workshops() -> int:
    """E-mail registrants of sessions starting within a day (once each)."""
    return workshops.reminders_send()
