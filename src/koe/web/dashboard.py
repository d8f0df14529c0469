"""The personal dashboard on the home page: my training, certificates, policy acknowledgement
and questions — reads only, each from its own app's selectors."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.utils import timezone

from koe.people.permissions import can

EXPIRY_WARNING_DAYS = 30


@dataclass
class Dashboard:
    training: list = field(default_factory=list)       # MyCourse rows, open ones first
    open_courses: int = 0
    overdue_courses: int = 0
    certificates: list = field(default_factory=list)   # Certificate rows, with .days_left
    policy_version: object = None
    acknowledgement: object = None
    my_questions: list = field(default_factory=list)
    followed_news: list = field(default_factory=list)
    is_manager: bool = False
    can_report: bool = False
    cases: object = None  # monitoring.selectors.CaseCounts


def personal_dashboard(user, *, today: dt.date | None = None) -> Dashboard:
    from koe.community.selectors import followed_with_new_answers, my_questions
    from koe.learning.selectors import my_learning
    from koe.policies.selectors import acknowledgement_of, published_version

    today = today or timezone.localdate()
    out = Dashboard()
    if can(user, "learning.take"):
        learning = my_learning(user)
        out.training = learning.assigned
        out.open_courses = sum(1 for m in learning.assigned if m.enrollment.completed_at is None)
        out.overdue_courses = sum(1 for m in learning.assigned if m.enrollment.is_overdue)
        for cert in learning.certificates:
            cert.days_left = (cert.expires_on - today).days
            cert.expiring = 0 < cert.days_left <= EXPIRY_WARNING_DAYS
        out.certificates = learning.certificates
    out.policy_version = published_version()
    out.acknowledgement = acknowledgement_of(user, out.policy_version)
    if can(user, "qa.ask"):
        out.my_questions = my_questions(user, limit=10)
        out.followed_news = followed_with_new_answers(user, limit=10)
    out.is_manager = user.reports.filter(is_active=True).exists()
    if can(user, "monitoring.cases_mine"):
        from koe.monitoring.selectors import case_counts

        out.cases = case_counts(user)
    out.can_report = can(user, "learning.report")
    return out
