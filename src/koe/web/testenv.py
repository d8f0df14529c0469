"""A pytest plugin, loaded with ``-p koe.web.testenv`` before pytest-django reads the settings:
the environment every test run needs (a throw-away data folder, eager Celery, the database).

The suite runs on SQLite by default and on PostgreSQL when KOE_TEST_DATABASE_URL is set
(scripts/test runs it both ways).
"""

import os
import tempfile

os.environ.setdefault("KOE_DATA_DIR", tempfile.mkdtemp(prefix="koe-test-"))
os.environ.setdefault("KOE_CACHE_DIR", os.path.join(os.environ["KOE_DATA_DIR"], "cache"))
os.environ.setdefault("KOE_SECRET_KEY", "test-secret-key-not-for-production-" + "x" * 20)
os.environ.setdefault("CELERY_TASK_ALWAYS_EAGER", "true")
os.environ.setdefault("KOE_EMAIL_BACKEND", "django.core.mail.backends.locmem.EmailBackend")
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API + live server
if os.environ.get("KOE_TEST_DATABASE_URL"):
    os.environ["DATABASE_URL"] = os.environ["KOE_TEST_DATABASE_URL"]
else:
    os.environ.pop("DATABASE_URL", None)
