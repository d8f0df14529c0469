"""The Bluesky connector against a real local AT Protocol network (PLC + PDS from npm)."""

from __future__ import annotations

import threading

import pytest

from koe.accounts.models import SocialAccount
from koe.accounts.services import enrolment_create, enrolment_withdraw
from koe.integrations.base import ConnectorError
from koe.integrations.bluesky import BlueskyConnector
from koe.monitoring.choices import PostSource
from koe.monitoring.models import ConnectorState, Post
from koe.people.testing import make_person

from .conftest import wait_until

pytestmark = pytest.mark.django_db(transaction=True)


def enrol(user) -> SocialAccount:
    person = make_person()
    return enrolment_create(user=person, network="bluesky", handle=user.handle, consent=True)


def posts_of(account) -> list[Post]:
    return list(Post.objects.filter(account=account).order_by("pk"))


def test_resolve_turns_a_handle_into_the_did(bluesky):
    user = bluesky.new_user("resolve")
    connector = BlueskyConnector(firehose=bluesky.firehose, service=bluesky.pds)

    assert connector.resolve("@" + user.handle) == user.did


def test_resolve_of_an_unknown_handle_is_not_retryable(bluesky):
    connector = BlueskyConnector(firehose=bluesky.firehose, service=bluesky.pds)

    with pytest.raises(ConnectorError) as err:
        connector.resolve("nobody-here.test")
    assert err.value.retryable is False
    assert "nobody-here.test" in err.value.message


def test_resolve_when_the_server_is_down_is_retryable():
    connector = BlueskyConnector(firehose="ws://127.0.0.1:9/xrpc", service="http://127.0.0.1:9")

    with pytest.raises(ConnectorError) as err:
        connector.resolve("someone.test")
    assert err.value.retryable is True


def test_follow_stores_the_did_of_an_enrolled_account(bluesky):
    user = bluesky.new_user("follow")
    account = enrol(user)
    connector = BlueskyConnector(firehose=bluesky.firehose, service=bluesky.pds)

    connector.follow()

    account.refresh_from_db()
    assert account.external_id == user.did
    assert connector.followed == {user.did: account.pk}


def test_a_post_by_an_enrolled_account_is_ingested(bluesky, start_connector):
    user = bluesky.new_user("emma")
    account = enrol(user)
    start_connector()

    uri = user.post("Lovely weather in Kyoto today.")

    post = wait_until(lambda: Post.objects.filter(account=account).first(), what="the post")
    assert post.external_id == uri
    assert post.text == "Lovely weather in Kyoto today."
    assert post.source == PostSource.CONNECTOR
    assert post.url == f"https://bsky.app/profile/{user.did}/post/{uri.rsplit('/', 1)[-1]}"
    assert ConnectorState.objects.get(name="bluesky").cursor is not None


def test_posts_of_withdrawn_and_not_enrolled_accounts_are_not_ingested(bluesky, start_connector):
    enrolled, withdrawn, stranger = (bluesky.new_user(n) for n in ("in", "out", "stranger"))
    watched = enrol(enrolled)
    gone = enrol(withdrawn)
    running = start_connector()
    enrolment_withdraw(account=gone, actor=gone.owner)

    withdrawn.post("Posted after I withdrew.")
    stranger.post("Nobody enrolled me.")
    enrolled.post("Posted while enrolled.")  # last: once it is in, the others went by

    wait_until(lambda: Post.objects.filter(account=watched).exists(), what="the enrolled post")
    assert [p.text for p in Post.objects.all()] == ["Posted while enrolled."]
    assert withdrawn.did in running.connector.followed  # followed; ingest refuses its posts
    assert stranger.did not in running.connector.followed


def test_a_restart_mid_stream_loses_and_duplicates_nothing(bluesky, start_connector):
    user = bluesky.new_user("burst")
    account = enrol(user)
    first = start_connector()
    posted: list[str] = []

    def burst(n: int) -> None:
        for i in range(n):
            posted.append(user.post(f"post number {len(posted) + 1} of a busy day ({i})"))

    writer = threading.Thread(target=burst, args=(10,))
    writer.start()
    wait_until(lambda: Post.objects.filter(account=account).count() >= 3, what="3 posts")
    first.stop()  # while the writer is still posting
    writer.join()
    burst(5)      # posted while no connector runs
    stopped_at = ConnectorState.objects.get(name="bluesky").cursor

    second = start_connector()
    wait_until(lambda: Post.objects.filter(account=account).count() >= 15, what="15 posts")
    second.stop()

    ids = [p.external_id for p in posts_of(account)]
    assert sorted(ids) == sorted(posted)
    assert len(ids) == len(set(ids)) == 15
    handed = first.connector.stats.created + second.connector.stats.created
    assert handed == 15, "a post was handed to ingest twice (the cursor did not resume)"
    assert second.connector.stats.created >= 5
    assert ConnectorState.objects.get(name="bluesky").cursor > stopped_at


def test_an_edit_updates_the_text_and_a_delete_marks_the_post(bluesky, start_connector):
    user = bluesky.new_user("edit")
    account = enrol(user)
    start_connector()
    uri = user.post("First version.")
    wait_until(lambda: Post.objects.filter(account=account).exists(), what="the post")

    user.edit(uri, "Second version.")
    wait_until(lambda: Post.objects.get(external_id=uri).text == "Second version.",
               what="the edit")
    user.delete(uri)

    post = wait_until(lambda: Post.objects.filter(external_id=uri, deleted_at__isnull=False)
                      .first(), what="the deletion")
    assert post.edited_at is not None
    assert Post.objects.filter(account=account).count() == 1


def test_an_account_enrolled_while_running_is_picked_up(bluesky, start_connector):
    running = start_connector(refresh_seconds=0)  # re-read the accounts at every event
    user = bluesky.new_user("late")
    account = enrol(user)

    user.post("Enrolled a moment ago.")

    wait_until(lambda: Post.objects.filter(account=account).exists(), what="the post")
    assert running.connector.followed[user.did] == account.pk


def test_a_stopped_connector_stores_its_cursor_and_no_error(bluesky, start_connector):
    running = start_connector()
    bluesky.new_user("noise")  # events of accounts nobody follows
    position = wait_until(lambda: running.connector.position, what="an event")

    running.stop()

    state = ConnectorState.objects.get(name="bluesky")
    assert state.cursor is not None and state.cursor >= position
    assert state.last_error == ""
    assert running.errors == []
