"""The embedded SQLite default waits for a concurrent writer instead of failing with "database is locked"."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connections, transaction

pytestmark = pytest.mark.skipif(
    not settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"), reason="the SQLite default only"
)


def test_sqlite_transactions_are_immediate_with_a_busy_timeout() -> None:
    options = settings.DATABASES["default"]["OPTIONS"]
    assert options["transaction_mode"] == "IMMEDIATE" and options["timeout"] >= 10


def test_two_writers_wait_for_each_other(tmp_path: Path, django_db_blocker) -> None:
    # Two atomic read-then-write blocks at once, as a double submit does: with deferred transactions one failed
    # with "database is locked" when it tried to write.
    alias = "sqlite_file"
    connections.settings[alias] = {**settings.DATABASES["default"], "NAME": str(tmp_path / "db.sqlite3")}
    errors: list[BaseException] = []

    def increment() -> None:
        try:
            with transaction.atomic(using=alias), connections[alias].cursor() as cursor:
                cursor.execute("SELECT n FROM counter")
                (n,) = cursor.fetchone()
                time.sleep(0.3)  # the other writer arrives meanwhile
                cursor.execute("UPDATE counter SET n = %s", [n + 1])
        except Exception as exc:  # reported by the assertion below
            errors.append(exc)
        finally:
            connections[alias].close()

    with django_db_blocker.unblock():
        try:
            with connections[alias].cursor() as cursor:
                cursor.execute("CREATE TABLE counter (n INTEGER)")
                cursor.execute("INSERT INTO counter VALUES (0)")
            threads = [threading.Thread(target=increment) for _ in range(2)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            assert errors == []
            with connections[alias].cursor() as cursor:
                cursor.execute("SELECT n FROM counter")
                assert cursor.fetchone() == (2,)  # the second read waited for the first write: no lost update
        finally:
            connections[alias].close()
            del connections.settings[alias]
