"""The settings file refuses unsafe production configuration; checked in a fresh interpreter."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in {"SECRET_KEY", "DEBUG", "ALLOWED_HOSTS", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_debug_off_without_secret_key_refuses_to_start():
    result = _manage("check", DEBUG="false")
    assert result.returncode != 0
    assert "set SECRET_KEY" in result.stderr


def test_production_settings_pass_check_deploy():
    result = _manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DEBUG="false",
        SECRET_KEY=secrets.token_urlsafe(60),
        ALLOWED_HOSTS="marketplace.example.com",
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_database_connections_persist_with_health_checks_by_default():
    clean = {k: v for k, v in os.environ.items() if k not in {"CONN_MAX_AGE", "CONN_HEALTH_CHECKS"}}
    code = "from django.conf import settings as s; d = s.DATABASES['default']; print(d['CONN_MAX_AGE'])"
    code += "; print(d['CONN_HEALTH_CHECKS'])"
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-v", "0", "-c", code],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.stdout.split() == ["60", "True"], result.stderr
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-v", "0", "-c", code],
        cwd=ROOT,
        env={**clean, "CONN_MAX_AGE": "0"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.stdout.split()[0] == "0", result.stderr
