"""End to end against the local Bluesky network: a credential posted by an enrolled employee
opens a case, a private coaching e-mail reaches a real SMTP server, deleting the post resolves
the case; a withdrawn account is not read; a connector restart loses and repeats nothing."""

from __future__ import annotations

import pytest

from koe.accounts.services import enrolment_create, enrolment_withdraw
from koe.monitoring.choices import CaseStatus
from koe.monitoring.models import Case, CoachingMessage, Post
from koe.people.testing import make_person

from .conftest import wait_until

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]

CREDENTIAL = "New laptop is ready! my password is hunter2, do not tell anyone"


def test_a_credential_on_bluesky_is_coached_privately_and_resolved_by_deleting_it(
        bluesky, start_connector, smtp_server):
    emma, leaver = make_person(language="en"), make_person()
    emma_on_bluesky, leaver_on_bluesky = bluesky.new_user("emma"), bluesky.new_user("leaver")
    account = enrolment_create(user=emma, network="bluesky", handle=emma_on_bluesky.handle,
                               consent=True)
    withdrawn = enrolment_create(user=leaver, network="bluesky",
                                 handle=leaver_on_bluesky.handle, consent=True)
    enrolment_withdraw(account=withdrawn, actor=leaver)
    first = start_connector()

    leaver_on_bluesky.post(CREDENTIAL)
    uri = emma_on_bluesky.post(CREDENTIAL)

    case = wait_until(lambda: Case.objects.filter(post__external_id=uri).first(),
                      what="a case for the post")
    assert (case.person, case.category) == (emma, "secret")
    mail = smtp_server.wait_for(emma.email, timeout=60)
    assert "S103" in mail.subject
    assert "hunter2" not in mail.text(), "the coaching note repeats the credential"
    assert f"/monitoring/my-cases/{case.pk}/" in mail.text()
    wait_until(lambda: Case.objects.get(pk=case.pk).status == CaseStatus.COACHING_SENT,
               what="coaching sent")

    first.stop()                 # the connector restarts while the employee deletes the post
    emma_on_bluesky.delete(uri)
    second = start_connector()

    wait_until(lambda: Case.objects.get(pk=case.pk).status == CaseStatus.RESOLVED,
               what="the case to resolve")
    post = Post.objects.get(external_id=uri)
    assert post.deleted_at is not None
    assert list(Post.objects.values_list("account", flat=True)) == [account.pk]
    assert not Post.objects.filter(account=withdrawn).exists()
    assert Case.objects.count() == 1
    assert CoachingMessage.objects.filter(case=case).count() == 1
    assert len(smtp_server.to(emma.email)) == 1
    assert (first.connector.stats.created, second.connector.stats.deleted) == (1, 1)
    assert "post_deleted" in set(case.events.values_list("kind", flat=True))
