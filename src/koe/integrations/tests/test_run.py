"""Running a connector as ``koe connect`` does: until asked to stop, resuming after errors."""

from __future__ import annotations

import threading

import pytest

from koe.accounts.services import enrolment_create
from koe.cli import main
from koe.integrations.base import run_until_stopped
from koe.integrations.bluesky import BlueskyConnector
from koe.monitoring.models import ConnectorState, Post
from koe.people.testing import make_person

from .conftest import wait_until


@pytest.mark.django_db(transaction=True)
def test_run_until_stopped_follows_the_network_and_returns_when_asked(bluesky):
    user = bluesky.new_user("cli")
    account = enrolment_create(user=make_person(), network="bluesky", handle=user.handle,
                               consent=True)
    connector = BlueskyConnector(firehose=bluesky.firehose, service=bluesky.pds)
    connector.follow()
    stop = threading.Event()
    outcome: list[bool] = []
    thread = threading.Thread(target=lambda: outcome.append(run_until_stopped(connector, stop)))
    thread.start()
    wait_until(connector.connected.is_set, what="the connection")
    bluesky.new_user("warmup")
    wait_until(lambda: connector.position is not None, what="a first event")

    uri = user.post("Posted while koe connect runs.")
    wait_until(lambda: Post.objects.filter(account=account, external_id=uri).exists(),
               what="the post")
    stop.set()
    thread.join(timeout=15)

    assert outcome == [True]
    assert ConnectorState.objects.get(name="bluesky").cursor >= connector.position


def test_koe_connect_knows_only_networks_with_a_connector(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["connect", "myspace"])
    assert exit_.value.code == 2
    assert "myspace" in capsys.readouterr().err
