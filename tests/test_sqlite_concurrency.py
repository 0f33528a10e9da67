"""The embedded SQLite default waits for a concurrent writer instead of failing with "database is locked".

Checked in a fresh interpreter whose DATABASE_URL is a SQLite file, so it runs whatever database the suite uses.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Two atomic read-then-write blocks at once, as a double submit does: with deferred transactions one failed with
# "database is locked" when it tried to write.
SCRIPT = """
import json, threading, time
import django

django.setup()
from django.conf import settings
from django.db import connection, connections, transaction

errors = []


def increment():
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SELECT n FROM counter")
            (n,) = cursor.fetchone()
            time.sleep(0.3)  # the other writer arrives meanwhile
            cursor.execute("UPDATE counter SET n = %s", [n + 1])
    except Exception as exc:
        errors.append(repr(exc))
    finally:
        connections.close_all()


with connection.cursor() as cursor:
    cursor.execute("CREATE TABLE counter (n INTEGER)")
    cursor.execute("INSERT INTO counter VALUES (0)")
threads = [threading.Thread(target=increment) for _ in range(2)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
with connection.cursor() as cursor:
    cursor.execute("SELECT n FROM counter")
    (n,) = cursor.fetchone()
print(json.dumps({"options": settings.DATABASES["default"]["OPTIONS"], "errors": errors, "n": n}))
"""


def _run_on_sqlite(tmp_path: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}}
    env.update(DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}", DJANGO_SETTINGS_MODULE="marketplace.settings")
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_two_writers_on_the_sqlite_default_wait_for_each_other(tmp_path: Path) -> None:
    outcome = _run_on_sqlite(tmp_path)
    assert outcome["options"]["transaction_mode"] == "IMMEDIATE" and outcome["options"]["timeout"] >= 10
    assert outcome["errors"] == []
    assert outcome["n"] == 2  # the second read waited for the first write: no lost update
