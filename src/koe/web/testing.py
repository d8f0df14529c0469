"""Browser-test helpers: Playwright driving Debian's Chromium against pytest-django's live server."""

from __future__ import annotations

import os
import shutil

CHROMIUM = os.environ.get("KOE_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage"]


def chromium_available() -> bool:
    return os.path.exists(CHROMIUM) or shutil.which("chromium") is not None


def sign_in(page, live_server, username: str, password: str, *, totp_secret: str | None = None):
    """Sign in through the real form (and the TOTP step when the person has one)."""
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("input[name=login]", username)
    page.fill("input[name=password]", password)
    page.click("button[type=submit]")
    if totp_secret:
        from allauth.mfa.totp.internal.auth import (
            format_hotp_value,
            hotp_value,
            yield_hotp_counters_from_time,
        )

        page.wait_for_selector("input[name=code]")
        counter = next(iter(yield_hotp_counters_from_time()))
        page.fill("input[name=code]", format_hotp_value(hotp_value(totp_secret, counter)))
        page.click("button[type=submit]")
    page.wait_for_load_state("networkidle")
