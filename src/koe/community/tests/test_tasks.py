"""Followers hear about new answers by e-mail, in their language, and only if they may still
see the question."""

import pytest

from koe.community import services
from koe.people.testing import make_person

pytestmark = pytest.mark.django_db


def test_followers_get_an_email_about_a_new_answer(team, smtp_server,
                                                   django_capture_on_commit_callbacks):
    q = services.question_ask(author=team["asker"], title="社外秘の写真？", body="?")
    follower = make_person(language="ja")
    services.follow_set(user=follower, question=q)
    with django_capture_on_commit_callbacks(execute=True):
        services.answer_post(question=q, author=team["colleague"], body="Check the whiteboard <b>first</b>.")
    ja = smtp_server.wait_for(follower.email)
    smtp_server.wait_for(team["asker"].email)
    to = sorted(m.rcpt_tos[0] for m in smtp_server.messages)
    assert to == sorted([team["asker"].email, follower.email])  # not the answer's writer
    # Over real SMTP: the Japanese subject (with a Japanese title) decodes back intact.
    assert ja.subject == "新しい回答：社外秘の写真？"
    assert f"/community/questions/{q.pk}/" in ja.text()
    assert "&lt;b&gt;first&lt;/b&gt;" in ja.text("html")


def test_a_governance_only_question_is_not_mailed_to_people_who_cannot_see_it(
        team, mailoutbox, django_capture_on_commit_callbacks):
    q = services.question_ask(author=team["asker"], title="Private", body="x",
                              visibility="governance")
    # Followed while it was visible, or by a moderator who later lost the role: no e-mail.
    services.follow_set(user=team["colleague"], question=q)
    with django_capture_on_commit_callbacks(execute=True):
        services.answer_post(question=q, author=team["moderator"], body="We are on it.")
    assert [m.to for m in mailoutbox] == [[team["asker"].email]]
