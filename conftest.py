"""Test set-up shared by every test: a throw-away data folder, and the database choice.

The suite runs on SQLite by default and on PostgreSQL when KOE_TEST_DATABASE_URL is set
(scripts/test runs it both ways).
"""

import os
import tempfile

os.environ.setdefault("KOE_DATA_DIR", tempfile.mkdtemp(prefix="koe-test-"))
os.environ.setdefault("KOE_SECRET_KEY", "test-secret-key-not-for-production-" + "x" * 20)
if os.environ.get("KOE_TEST_DATABASE_URL"):
    os.environ["DATABASE_URL"] = os.environ["KOE_TEST_DATABASE_URL"]
os.environ.setdefault("CELERY_TASK_ALWAYS_EAGER", "true")

collect_ignore_glob = ["src/koe/web/wsgi.py", "src/koe/web/asgi.py", "src/koe/*/migrations/*"]
