"""Test support for concurrent audited writes on PostgreSQL.

Every audited write holds the audit chain (a transaction-scoped advisory lock) until it
commits, and PostgreSQL checks its new rows' foreign keys at COMMIT with FOR KEY SHARE on each
parent. A service that locks a parent FOR UPDATE and then waits for the chain deadlocks with
it; the tests that prove the services lock FOR NO KEY UPDATE instead use these two helpers.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

from django.db import connections, transaction


def in_thread(target: Callable[[], object], errors: list[Exception]) -> threading.Thread:
    """Start ``target`` in a thread with its own database connection; its exception, if any,
    is appended to ``errors``."""
    def run():
        try:
            target()
        except Exception as exc:  # collected and asserted by the test
            errors.append(exc)
        finally:
            connections.close_all()

    thread = threading.Thread(target=run)
    thread.start()
    return thread


def while_holding_the_chain(first: Callable[[], object], second: Callable[[], object],
                            *, settle: float = 0.5) -> list[Exception]:
    """Run ``first`` (an audited write: it holds the chain until it commits) and, before it
    commits, ``second`` in another thread, which locks its rows and then waits for the chain.
    Returns the errors of both (a deadlock is one)."""
    errors: list[Exception] = []
    thread = None
    try:
        with transaction.atomic():
            first()
            thread = in_thread(second, errors)
            time.sleep(settle)  # ``second`` has locked its rows and waits for the chain
    except Exception as exc:  # the commit may be the one PostgreSQL aborts
        errors.append(exc)
    if thread is not None:
        thread.join(timeout=30)
        assert not thread.is_alive()
    return errors
