"""`make run PORT=...` serves that port, and email links follow it when SITE_URL is not set."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _dry_run(*args: str, **env: str) -> str:
    if shutil.which("make") is None:
        pytest.fail("make is needed to run the project")
    environment = {k: v for k, v in os.environ.items() if k != "SITE_URL"} | env
    command = ["make", "-n", "-o", ".venv/.installed-stamp", "run", *args]
    return subprocess.run(command, cwd=ROOT, env=environment, capture_output=True, text=True, check=True).stdout


def test_make_run_takes_a_port_and_email_links_follow_it():
    out = _dry_run("PORT=8011")
    assert "runserver 127.0.0.1:8011" in out
    assert 'SITE_URL="${SITE_URL:-http://127.0.0.1:8011}"' in out


def test_make_run_defaults_to_8000():
    assert "runserver 127.0.0.1:8000" in _dry_run()
