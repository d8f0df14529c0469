"""Fixtures shared by every test: fast password hashing, a headless Chromium for browser
tests and a real local SMTP server for e-mail tests. The environment (data folder, database,
eager Celery) is set by the koe.web.testenv plugin, which pytest loads before Django starts."""

import email
import email.message
import email.policy
import os
import socket
import threading
import time
from dataclasses import dataclass

import pytest

collect_ignore_glob = ["src/koe/web/wsgi.py", "src/koe/web/asgi.py", "src/koe/*/migrations/*"]


@pytest.fixture(scope="session")
def chromium():
    from koe.web.testing import CHROMIUM, CHROMIUM_ARGS, chromium_available

    if not chromium_available():
        if os.environ.get("CI"):
            pytest.fail("Chromium is missing: scripts/system-deps installs it")
        pytest.skip("Chromium is not installed (scripts/system-deps installs it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(chromium):
    context = chromium.new_context(locale="en-US", viewport={"width": 1200, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _fresh_policy_caches():
    """Each test reads the published policy and the internal spaces afresh: the processes'
    short-lived caches would otherwise carry one test's policy into the next (same row ids
    after the rollback, read within the cache's two seconds)."""
    from koe.monitoring.ingest import forget_spaces
    from koe.policies.selectors import forget_published

    forget_published()
    forget_spaces()


@dataclass
class ReceivedMail:
    """One message as the SMTP server received it: the envelope and the parsed message (its
    headers decoded: ``message["Subject"]`` is the text a person reads)."""

    mail_from: str
    rcpt_tos: list[str]
    raw: bytes
    message: email.message.EmailMessage

    @property
    def subject(self) -> str:
        # A long encoded subject is folded right after "Subject:"; the parser keeps the folding
        # space in front, which no mail client shows.
        return str(self.message["Subject"]).strip()

    def text(self, subtype: str = "plain") -> str:
        """The decoded text (or ``"html"``) body."""
        part = self.message.get_body(preferencelist=(subtype,))
        return part.get_content() if part is not None else ""


class SMTPInbox:
    """What a local aiosmtpd server received, shared with the test thread."""

    def __init__(self):
        self.host, self.port = "127.0.0.1", 0
        self.messages: list[ReceivedMail] = []
        self._changed = threading.Condition()

    async def handle_DATA(self, server, session, envelope):  # aiosmtpd's handler hook
        raw = envelope.original_content or envelope.content
        received = ReceivedMail(envelope.mail_from, list(envelope.rcpt_tos), raw,
                                email.message_from_bytes(raw, policy=email.policy.default))
        with self._changed:
            self.messages.append(received)
            self._changed.notify_all()
        return "250 Message accepted for delivery"

    def clear(self) -> None:
        with self._changed:
            self.messages.clear()

    def to(self, recipient: str) -> list[ReceivedMail]:
        return [m for m in list(self.messages) if recipient in m.rcpt_tos]

    def wait_for(self, recipient: str, *, count: int = 1, timeout: float = 10) -> ReceivedMail:
        """The latest message to ``recipient`` once ``count`` have arrived; fails after
        ``timeout`` seconds (delivery may happen on another thread, e.g. a worker)."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while len(self.to(recipient)) < count:
                left = deadline - time.monotonic()
                if left <= 0:
                    got = [m.rcpt_tos for m in self.messages]
                    pytest.fail(f"no e-mail to {recipient} within {timeout}s (received: {got})")
                self._changed.wait(left)
        return self.to(recipient)[-1]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def _smtp_controller():
    from aiosmtpd.controller import Controller

    inbox = SMTPInbox()
    for attempt in range(5):  # the free port may be taken between the probe and the bind
        inbox.port = _free_port()
        controller = Controller(inbox, hostname=inbox.host, port=inbox.port)
        try:
            controller.start()
            break
        except Exception:
            if attempt == 4:
                raise
    yield inbox
    controller.stop()


@pytest.fixture
def smtp_server(_smtp_controller, settings):
    """A real SMTP server on 127.0.0.1 that Django's SMTP backend sends to for this test.
    ``smtp_server.messages`` are parsed messages; ``smtp_server.wait_for(address)`` waits."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = _smtp_controller.host, _smtp_controller.port
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 10
    _smtp_controller.clear()
    yield _smtp_controller
    _smtp_controller.clear()
