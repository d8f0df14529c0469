"""Settings come from the environment; the suite runs on the database it was asked to use."""

import os

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import connection

from koe.web.env import database_from_url, env_bool, env_int


def test_the_suite_runs_on_the_database_it_was_asked_for():
    expected = "postgresql" if os.environ.get("KOE_TEST_DATABASE_URL") else "sqlite"
    assert connection.vendor == expected


def test_database_urls_for_both_engines():
    pg = database_from_url("postgres://koe:s%40cret@db.example:5433/koe?sslmode=require")
    assert pg["ENGINE"].endswith("postgresql") and pg["PASSWORD"] == "s@cret"
    assert (pg["HOST"], pg["PORT"], pg["NAME"]) == ("db.example", "5433", "koe")
    assert pg["OPTIONS"] == {"sslmode": "require"}
    assert database_from_url("sqlite:////var/koe/db.sqlite3")["NAME"] == "/var/koe/db.sqlite3"


def test_a_wrong_setting_names_the_variable(monkeypatch):
    with pytest.raises(ImproperlyConfigured, match="DATABASE_URL must start with"):
        database_from_url("mysql://x")
    monkeypatch.setenv("KOE_SIGNUP_ENABLED", "maybe")
    with pytest.raises(ImproperlyConfigured, match="KOE_SIGNUP_ENABLED must be true or false"):
        env_bool("KOE_SIGNUP_ENABLED")
    monkeypatch.setenv("KOE_SMTP_PORT", "twenty-five")
    with pytest.raises(ImproperlyConfigured, match="KOE_SMTP_PORT must be a whole number"):
        env_int("KOE_SMTP_PORT", 25)
