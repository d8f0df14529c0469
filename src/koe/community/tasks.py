"""Background work of the community app: telling a question's followers about a new answer."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse

from koe.accounts.mail import send_to_person
from koe.people.permissions import can
from koe.people.services import notification_from_template
from koe.web.celery import app

from .choices import Visibility
from .models import Answer


@app.task(name="community.notify_followers")
def notify_followers(answer_id: int) -> int:
    """Tell the followers of the answer's question, in the app and by e-mail (not its writer,
    and only people who may still see the question). Returns the number of e-mails sent."""
    answer = Answer.objects.select_related("question", "author").filter(pk=answer_id).first()
    if answer is None:
        return 0
    question = answer.question
    path = reverse("community:question", args=[question.pk])
    url = settings.SITE_URL.rstrip("/") + path
    sent = 0
    for follow in question.follows.select_related("user").exclude(user=answer.author):
        user = follow.user
        if not user.is_active:
            continue
        if (question.visibility == Visibility.GOVERNANCE and user.pk != question.author_id
                and not can(user, "qa.moderate")):
            continue
        notification_from_template(user=user, kind="qa_answer", template="qa-new-answer",
                                   context={"question": question},
                                   url=f"{path}#answer-{answer.pk}", body=answer.body[:300])
        if not user.email:
            continue
        send_to_person("qa-new-answer", user, {"question": question, "answer": answer,
                                               "excerpt": answer.body[:500], "url": url})
        sent += 1
    return sent
