"""Fixtures shared by every test: fast password hashing and a headless Chromium for browser
tests. The environment (data folder, database, eager Celery) is set by the koe.web.testenv
plugin, which pytest loads before Django starts."""

import os

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
