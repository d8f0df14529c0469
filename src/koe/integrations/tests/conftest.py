"""A real local AT Protocol network (PLC directory + PDS, from scripts/atproto) for the connector
tests, started once per session, and a connector running in a thread against it.

scripts/test starts the stack itself and passes its PDS address in KOE_ATPROTO_PDS; otherwise
the ``bluesky`` fixture starts it (installing Node.js 22 and the stack on first use) and stops it
by its process id at the end of the session.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import subprocess
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest

SCRIPTS = Path(__file__).resolve().parents[4] / "scripts" / "atproto"
PASSWORD = "koe-test-password"


def wait_until(predicate: Callable[[], object], *, timeout: float = 60, what: str = "") -> object:
    """Poll ``predicate`` until it returns something true; fail after ``timeout`` seconds
    (generous: a busy 2-core machine compiles the policy for the first scan slowly)."""
    from django.db import OperationalError

    deadline = time.monotonic() + timeout
    while True:
        try:
            value = predicate()
        except OperationalError:  # SQLite in memory: the connector thread holds the table
            value = None
        if value:
            return value
        if time.monotonic() > deadline:
            pytest.fail(f"timed out after {timeout}s waiting for {what or predicate}")
        time.sleep(0.05)


@dataclass
class BskyUser:
    """An account on the local PDS, signed in, that can post, edit and delete."""

    client: object
    did: str
    handle: str

    def post(self, text: str) -> str:
        return self.client.send_post(text, profile_identify=self.did).uri

    def edit(self, uri: str, text: str) -> None:
        from atproto import models

        record = models.AppBskyFeedPost.Record(text=text,
                                               created_at=self.client.get_current_time_iso())
        self.client.com.atproto.repo.put_record(models.ComAtprotoRepoPutRecord.Data(
            repo=self.did, collection="app.bsky.feed.post", rkey=uri.rsplit("/", 1)[-1],
            record=record))

    def delete(self, uri: str) -> None:
        self.client.delete_post(uri)


@dataclass
class LocalBluesky:
    """The local network: ``pds`` (http) and ``firehose`` (ws XRPC base) addresses."""

    pds: str

    @property
    def firehose(self) -> str:
        return self.pds.replace("http://", "ws://", 1) + "/xrpc"

    def new_user(self, name: str = "u") -> BskyUser:
        from atproto import Client, models

        handle = f"{name}-{secrets.token_hex(4)}.test"
        client = Client(base_url=self.pds)
        created = client.com.atproto.server.create_account(
            models.ComAtprotoServerCreateAccount.Data(
                handle=handle, email=f"{handle}@example.com", password=PASSWORD))
        client.login(handle, PASSWORD, fetch_bsky_profile=False)
        return BskyUser(client=client, did=created.did, handle=handle)


@pytest.fixture(scope="session")
def bluesky() -> LocalBluesky:
    if os.environ.get("KOE_ATPROTO_PDS"):
        yield LocalBluesky(os.environ["KOE_ATPROTO_PDS"].rstrip("/"))
        return
    if shutil.which("npm") is None and not os.environ.get("CI"):
        pytest.skip("npm is not installed: the local AT Protocol stack cannot be installed")
    done = subprocess.run([str(SCRIPTS / "start")], capture_output=True, text=True, timeout=1200)
    if done.returncode != 0:
        pytest.fail(f"the local AT Protocol stack did not start:\n{done.stderr[-3000:]}")
    info = json.loads(done.stdout.strip().splitlines()[-1])
    try:
        yield LocalBluesky(info["pds"])
    finally:
        subprocess.run([str(SCRIPTS / "stop"), str(info["pid"])], timeout=30, check=False)


@dataclass
class RunningConnector:
    """A connector reading the local firehose in a thread until ``stop()``."""

    connector: object
    stop_event: threading.Event
    thread: threading.Thread
    errors: list = field(default_factory=list)

    def stop(self) -> None:
        self.stop_event.set()
        self.thread.join(timeout=60)
        assert not self.thread.is_alive(), "the connector did not stop within 60 s"


@pytest.fixture
def start_connector(bluesky):
    """``start_connector(accounts=None) -> RunningConnector``: a Bluesky connector that follows
    ``accounts`` (None: every Bluesky account), live once it has seen an event."""
    from koe.integrations.bluesky import BlueskyConnector

    running: list[RunningConnector] = []

    def start(accounts=None, **options) -> RunningConnector:
        connector = BlueskyConnector(firehose=bluesky.firehose, service=bluesky.pds, **options)
        connector.follow(accounts)
        stop_event = threading.Event()
        handle = RunningConnector(connector, stop_event, threading.Thread(target=lambda: None))

        def target() -> None:
            try:
                connector.run(stop_event)
            except BaseException as exc:
                handle.errors.append(exc)

        handle.thread = threading.Thread(target=target, daemon=True, name="bluesky-connector")
        handle.thread.start()
        running.append(handle)
        wait_until(connector.connected.is_set, what="the firehose connection")
        # The server may register the subscription just after the handshake: an event that
        # reaches the connector proves it is live (a new account makes several).
        bluesky.new_user("warmup")
        wait_until(lambda: connector.position is not None, what="a first firehose event")
        return handle

    yield start
    for handle in running:
        handle.stop_event.set()
        handle.thread.join(timeout=60)
