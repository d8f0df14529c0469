"""The connector interface every network plug-in implements, its one error type, the table of
plug-ins (dotted paths, imported on first use) and the stored state of a running connector.

A connector follows watched accounts on one network and hands what they post to the monitoring
ingest functions (``koe.monitoring.ingest``): ``post_ingest``, ``post_edited``,
``post_deleted``. It keeps its place in the network's stream on a ``ConnectorState`` row (the
cursor) and writes the cursor in the same transaction as what it ingested, so a restart neither
misses nor repeats a post.

Publishing will reuse the same plug-ins: it adds ``publish(*, account, text, ...) -> external
id`` to this interface (a brand account's approved post goes out through the network's
connector), with failures raised as ``ConnectorError`` like everything else here.
"""

from __future__ import annotations

import threading
import time
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable
from functools import cache
from typing import TYPE_CHECKING

from django.utils import timezone
from django.utils.module_loading import import_string

if TYPE_CHECKING:
    from koe.accounts.models import SocialAccount
    from koe.monitoring.models import ConnectorState

#: Network (``koe.accounts.choices.Network``) → the plug-in's class, imported when first used,
#: so a network's SDK is loaded only where that network is used.
CONNECTORS: dict[str, str] = {
    "bluesky": "koe.integrations.bluesky.BlueskyConnector",
}


class ConnectorError(Exception):
    """A connector could not do its work. ``retryable``: trying again later can help (the
    network or the database was unreachable) — or not (a handle that does not exist, a
    server that refuses us). The message is stored on the connector's state row."""

    def __init__(self, message: str, *, retryable: bool):
        super().__init__(message)
        self.message = message
        self.retryable = retryable


class Connector(ABC):
    """One network's plug-in.

    ``follow(accounts)`` says whose posts to take in (plug-ins also pick up accounts enrolled
    later by themselves); ``run(stop_event)`` reads the network's stream until ``stop_event``
    is set, raising ``ConnectorError`` when it cannot go on; ``resolve(handle)`` turns a
    handle into the network's stable account id (stored as ``SocialAccount.external_id``).
    """

    #: The network this plug-in serves (a ``Network`` value) and the default state row name.
    name: str = ""

    def __init__(self, *, state_name: str | None = None):
        self.state_name = state_name or self.name

    @abstractmethod
    def resolve(self, handle: str) -> str:
        """The network's stable id of the account with this handle."""

    @abstractmethod
    def follow(self, accounts: Iterable[SocialAccount] | None = None) -> None:
        """Take in posts of these accounts (None: every account of this network Koe knows)."""

    @abstractmethod
    def run(self, stop_event: threading.Event) -> None:
        """Read the network until ``stop_event`` is set; resume from the stored cursor."""

    @property
    def followed(self) -> dict[str, int]:
        """Network account id → SocialAccount id of the accounts followed now."""
        return {}

    # ------------------------------------------------------------------ state on the row

    def state(self) -> ConnectorState:
        from koe.monitoring.models import ConnectorState

        state, _ = ConnectorState.objects.get_or_create(name=self.state_name)
        return state

    def record_error(self, error: ConnectorError) -> None:
        """Store why the connector stopped on its row (what an admin sees), not in a traceback."""
        from koe.monitoring.models import ConnectorState

        self.state()
        ConnectorState.objects.filter(name=self.state_name).update(
            last_error=error.message[:2000], retryable=error.retryable, updated_at=timezone.now())

    def clear_error(self) -> None:
        from koe.monitoring.models import ConnectorState

        ConnectorState.objects.filter(name=self.state_name).exclude(last_error="").update(
            last_error="", retryable=True, updated_at=timezone.now())


@cache
def connector_class(network: str) -> type[Connector]:
    """The plug-in class for ``network``, imported on first use."""
    try:
        path = CONNECTORS[network]
    except KeyError:
        raise ConnectorError(f"No connector for the network {network!r} "
                             f"(available: {', '.join(sorted(CONNECTORS))})",
                             retryable=False) from None
    return import_string(path)


def connector_for(network: str, **options) -> Connector:
    """A new connector of ``network`` (options go to the plug-in, e.g. ``firehose=``)."""
    return connector_class(network)(**options)


def run_until_stopped(connector: Connector, stop_event: threading.Event, *,
                      report: Callable[[str], None] = lambda message: None,
                      max_delay: float = 60.0) -> bool:
    """Run ``connector`` until ``stop_event`` is set (what ``koe connect`` does).

    After an error a retry can help, or when the server closed the stream, it waits (1 s,
    doubling up to ``max_delay``) and runs again from the stored cursor. Returns True when
    stopped as asked, False after an error that retrying cannot fix (stored on the row).
    """
    delay = 1.0
    while not stop_event.is_set():
        started = time.monotonic()
        try:
            connector.run(stop_event)
        except ConnectorError as exc:
            connector.record_error(exc)
            report(exc.message)
            if not exc.retryable:
                return False
        else:
            if stop_event.is_set():
                break
            report("the server closed the stream")
        if time.monotonic() - started > 60:
            delay = 1.0  # it ran well for a while: start the back-off over
        report(f"reconnecting in {delay:.0f} s from the stored cursor")
        stop_event.wait(delay)
        delay = min(delay * 2, max_delay)
    return True
