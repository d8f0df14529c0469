"""Bluesky connector: reads the network's firehose (``com.atproto.sync.subscribeRepos``) with
the ``atproto`` SDK, picks out the ``app.bsky.feed.post`` records that watched accounts create,
edit and delete, and hands them to the monitoring ingest functions.

The stream's sequence number is the cursor. It is stored on the connector's ``ConnectorState``
row in the same transaction as the posts a commit brought, so after a restart the connector
asks the server for the events after the last one it handled: nothing is missed, nothing is
taken twice. Events of accounts Koe does not follow only move the cursor, written at most every
``checkpoint_seconds`` (replaying them after a crash is harmless).

Accounts are matched by DID (``SocialAccount.external_id``), resolved from the handle once and
stored. Whether an account is watched (enrolled, not withdrawn; brand accounts always) is
checked on every post against the database, so a withdrawal stops ingest at once.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.db import DatabaseError, OperationalError, connection, transaction
from django.utils import timezone

from koe.accounts.choices import Network
from koe.accounts.models import SocialAccount

from ..base import Connector, ConnectorError

log = logging.getLogger(__name__)

POST_COLLECTION = "app.bsky.feed.post"
WEB_URL = "https://bsky.app/profile/{did}/post/{rkey}"
DB_ATTEMPTS = 5


@dataclass
class Stats:
    """What one ``run`` did (the benchmark and the CLI report these)."""

    events: int = 0
    commits_followed: int = 0
    created: int = 0
    edited: int = 0
    deleted: int = 0
    skipped: int = 0
    started: float = field(default_factory=time.monotonic)

    @property
    def events_per_second(self) -> float:
        elapsed = time.monotonic() - self.started
        return self.events / elapsed if elapsed > 0 else 0.0


def _firehose_client(base_uri: str, cursor: Callable[[], int | None],
                     connected: threading.Event):
    from atproto import FirehoseSubscribeReposClient

    class Firehose(FirehoseSubscribeReposClient):
        """Asks for the events after ``cursor()`` on every (re)connection."""

        def _before_connect(self) -> None:
            position = cursor()
            self.update_params({"cursor": position} if position is not None else {})

        def _get_client(self):
            client = super()._get_client()
            connected.set()
            return client

    return Firehose(base_uri=base_uri)


def handle_of(account: SocialAccount) -> str:
    return account.handle.strip().lstrip("@")


class BlueskyConnector(Connector):
    """Follows watched Bluesky accounts through a firehose (a relay, or one PDS).

    ``firehose`` is the XRPC websocket base (``wss://bsky.network/xrpc``); ``service`` the
    XRPC server that resolves handles (``https://bsky.social``). Both default to the settings
    ``KOE_BLUESKY_FIREHOSE`` and ``KOE_BLUESKY_SERVICE``.
    """

    name = Network.BLUESKY

    def __init__(self, *, firehose: str | None = None, service: str | None = None,
                 state_name: str | None = None, checkpoint_seconds: float = 1.0,
                 refresh_seconds: float = 5.0):
        super().__init__(state_name=state_name)
        self.firehose = (firehose or settings.KOE_BLUESKY_FIREHOSE).rstrip("/")
        self.service = (service or settings.KOE_BLUESKY_SERVICE).rstrip("/")
        self.checkpoint_seconds = checkpoint_seconds
        self.refresh_seconds = refresh_seconds
        self.connected = threading.Event()
        self.stats = Stats()
        self._only: set[int] | None = None
        self._dids: dict[str, int] = {}
        self._refreshed = 0.0
        self._cursor: int | None = None        # the last event handled
        self._saved: int | None = None         # the last cursor written to the row
        self._saved_at = 0.0
        self._client = None
        self._failure: ConnectorError | None = None

    # ------------------------------------------------------------------ accounts

    def resolve(self, handle: str) -> str:
        from atproto import Client
        from atproto.exceptions import BadRequestError, NetworkError, RequestException

        handle = handle.strip().lstrip("@")
        try:
            answer = Client(base_url=self.service).com.atproto.identity.resolve_handle(
                params={"handle": handle})
        except BadRequestError as exc:
            raise ConnectorError(f"Bluesky does not know the handle @{handle} ({exc})",
                                 retryable=False) from exc
        except (NetworkError, RequestException) as exc:
            raise ConnectorError(f"Could not reach {self.service} to resolve @{handle} ({exc})",
                                 retryable=True) from exc
        return answer.did

    def follow(self, accounts: Iterable[SocialAccount] | None = None) -> None:
        self._only = None if accounts is None else {a.pk for a in accounts}
        self._refresh()

    def _refresh(self) -> None:
        """Re-read which DIDs are followed; resolve and store DIDs of accounts added since."""
        rows = SocialAccount.objects.filter(network=Network.BLUESKY)
        if self._only is not None:
            rows = rows.filter(pk__in=self._only)
        dids: dict[str, int] = {}
        for account in rows.only("pk", "handle", "external_id"):
            did = account.external_id
            if not did:
                try:
                    did = self.resolve(handle_of(account))
                except ConnectorError as exc:
                    log.warning("bluesky: %s", exc.message)
                    continue
                SocialAccount.objects.filter(pk=account.pk).update(external_id=did)
            dids[did] = account.pk
        self._dids = dids
        self._refreshed = time.monotonic()

    @property
    def position(self) -> int | None:
        """The sequence number of the last event handled (None before the first)."""
        return self._cursor

    @property
    def followed(self) -> dict[str, int]:
        """DID → SocialAccount id of the accounts followed now."""
        return dict(self._dids)

    # ------------------------------------------------------------------ the stream

    def run(self, stop_event: threading.Event) -> None:
        state = self.state()
        self._cursor = self._saved = state.cursor
        self._saved_at = time.monotonic()
        self._failure = None
        self.connected.clear()
        self.stats = Stats()
        if self._refreshed == 0.0:
            self._refresh()
        client = self._client = _firehose_client(self.firehose, lambda: self._cursor,
                                                 self.connected)

        finished = threading.Event()

        def stop_when_asked() -> None:
            while not finished.is_set():
                if stop_event.wait(0.2):
                    client.stop()
                    return

        watcher = threading.Thread(target=stop_when_asked, daemon=True,
                                   name="bluesky-stop-watcher")
        watcher.start()
        try:
            client.start(self._on_message, self._on_error)
            self._checkpoint(force=True)
            if self._failure is None:
                self.clear_error()
        finally:
            finished.set()  # releases the watcher
            connection.close()  # run() may have its own thread: leave no session behind
        if self._failure is not None:
            raise self._failure

    def _on_error(self, exc: BaseException) -> None:
        if isinstance(exc, ConnectorError):
            self._failure = exc
        elif isinstance(exc, DatabaseError):
            self._failure = ConnectorError(f"Database error at event {self._cursor}: {exc}",
                                           retryable=True)
        else:
            self._failure = ConnectorError(
                f"Could not handle the event after {self._cursor}: "
                f"{type(exc).__name__}: {exc}", retryable=False)
        log.error("bluesky: %s", self._failure.message)
        if self._client is not None:
            self._client.stop()

    def _on_message(self, frame) -> None:
        body = frame.body
        seq = body.get("seq")
        self.stats.events += 1
        if time.monotonic() - self._refreshed > self.refresh_seconds:
            self._refresh()
        if frame.type == "#commit" and body.get("repo") in self._dids:
            from atproto import parse_subscribe_repos_message

            self._handle_commit(parse_subscribe_repos_message(frame))
        elif frame.type == "#info":
            log.warning("bluesky: the server says %s: %s", body.get("name"), body.get("message"))
        if isinstance(seq, int):
            self._cursor = seq
            self._checkpoint()

    def _checkpoint(self, *, force: bool = False) -> None:
        """Write the cursor of events that brought nothing (at most every checkpoint_seconds)."""
        if self._cursor is None or self._cursor == self._saved:
            return
        if not force and time.monotonic() - self._saved_at < self.checkpoint_seconds:
            return
        self._save_cursor(self._cursor)

    def _save_cursor(self, seq: int) -> None:
        from koe.monitoring.models import ConnectorState

        ConnectorState.objects.filter(name=self.state_name).update(
            cursor=seq, updated_at=timezone.now())
        self._saved, self._saved_at = seq, time.monotonic()

    def _handle_commit(self, commit) -> None:
        from atproto import CAR

        ops = [op for op in commit.ops if op.path.startswith(POST_COLLECTION + "/")]
        if not ops:
            return
        account = SocialAccount.objects.filter(pk=self._dids[commit.repo]).first()
        if account is None:
            return
        self.stats.commits_followed += 1
        blocks = CAR.from_bytes(commit.blocks).blocks if commit.blocks else {}
        for attempt in range(DB_ATTEMPTS):
            try:
                with transaction.atomic():
                    outcomes = [self._apply(account, commit, op, blocks) for op in ops]
                    self._save_cursor(commit.seq)
                break
            except OperationalError:
                # A busy database (SQLite's lock, a PostgreSQL deadlock) often clears in a
                # moment; the transaction rolled back, so trying again cannot count twice.
                if attempt == DB_ATTEMPTS - 1:
                    raise
                time.sleep(0.05 * 2 ** attempt)
        self._cursor = commit.seq
        for outcome in outcomes:
            setattr(self.stats, outcome, getattr(self.stats, outcome) + 1)

    def _apply(self, account: SocialAccount, commit, op, blocks) -> str:
        """Hand one post operation to ingest; returns the Stats field it counts in."""
        from koe.engine.errors import KoeError
        from koe.monitoring import ingest
        from koe.monitoring.choices import PostSource

        uri = f"at://{commit.repo}/{op.path}"
        if op.action == "delete":
            found = ingest.post_deleted(account=account, external_id=uri, at=timezone.now())
            return "deleted" if found else "skipped"
        record = blocks.get(op.cid) if op.cid is not None else None
        text = (record or {}).get("text") or ""
        if not text.strip():
            return "skipped"  # an image-only post, or blocks the server left out
        try:
            if op.action == "update" and ingest.post_edited(
                    account=account, external_id=uri, text=text, at=timezone.now()):
                return "edited"
            # A new post, or an edit of one Koe never saw: take it in.
            post = ingest.post_ingest(
                account=account, external_id=uri, text=text,
                posted_at=_when(record.get("createdAt")),
                url=WEB_URL.format(did=commit.repo, rkey=op.path.rsplit("/", 1)[-1]),
                source=PostSource.CONNECTOR)
        except KoeError as exc:
            log.warning("bluesky: %s not taken in: %s", uri, exc)
            return "skipped"
        return "created" if post is not None else "skipped"


def _when(value):
    """The record's createdAt as a datetime (None when missing or not a date)."""
    from koe.monitoring.ingest import ItemError, parse_when

    try:
        return parse_when(value, "createdAt") if value else None
    except ItemError:
        return None
