"""One log line per request and per task; JSON in production; Sentry with SENTRY_DSN."""

import json
import logging
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from celery import shared_task

from marketplace.ops.tasks import beat_heartbeat
from tests.factories import FreelancerFactory

ROOT = Path(__file__).resolve().parent.parent


def _records(caplog, logger: str) -> list[logging.LogRecord]:
    return [record for record in caplog.records if record.name == logger]


@pytest.mark.django_db
def test_each_request_is_logged_once_with_its_fields(client, caplog):
    freelancer = FreelancerFactory()
    client.force_login(freelancer)
    with caplog.at_level(logging.INFO, logger="marketplace.request"):
        response = client.get("/settings/notifications/")
    [record] = _records(caplog, "marketplace.request")
    assert response.status_code == 200
    assert record.request_id == response["X-Request-ID"] and len(record.request_id) == 32
    assert record.user_id == freelancer.pk
    assert (record.method, record.path, record.status) == ("GET", "/settings/notifications/", 200)
    assert record.duration_ms > 0


@pytest.mark.django_db
def test_the_proxy_request_id_is_kept_and_a_bad_one_replaced(client, caplog):
    with caplog.at_level(logging.INFO, logger="marketplace.request"):
        kept = client.get("/no-such-page/", HTTP_X_REQUEST_ID="lb-7f3a.42")
        replaced = client.get("/", HTTP_X_REQUEST_ID="<script>")
    first, second = _records(caplog, "marketplace.request")
    assert kept["X-Request-ID"] == first.request_id == "lb-7f3a.42"
    assert (first.status, first.user_id) == (404, None)
    assert replaced["X-Request-ID"] == second.request_id != "<script>"


@pytest.mark.django_db
def test_each_task_run_is_logged_with_name_retries_and_duration(caplog):
    with caplog.at_level(logging.INFO, logger="marketplace.task"):
        beat_heartbeat.apply()
    [record] = _records(caplog, "marketplace.task")
    assert (record.task_name, record.state, record.retries) == ("ops.beat_heartbeat", "SUCCESS", 0)
    assert record.duration_ms is not None and record.task_id


@shared_task(bind=True, name="tests.flaky", max_retries=2)
def flaky(self) -> str:
    if self.request.retries < 2:
        raise self.retry(exc=ConnectionError("mail server busy"), countdown=0)
    return "done"


def test_a_retried_task_logs_each_retry_then_its_success(caplog, monkeypatch):
    # The suite propagates errors of eager tasks; a Retry is not one, so let the eager retries run.
    monkeypatch.setitem(flaky.app.conf, "task_eager_propagates", False)
    with caplog.at_level(logging.INFO, logger="marketplace.task"):
        flaky.apply()
    lines = [(r.state, r.retries) for r in _records(caplog, "marketplace.task")]
    assert lines == [("RETRY", 0), ("RETRY", 1), ("SUCCESS", 2)]
    assert "mail server busy" in _records(caplog, "marketplace.task")[0].reason


def _shell(code: str, **env: str) -> subprocess.CompletedProcess:
    unset = {"DEBUG", "SECRET_KEY", "LOG_FORMAT", "SENTRY_DSN", "CELERY_BROKER_URL", "DATABASE_URL"}
    clean = {k: v for k, v in os.environ.items() if k not in unset}
    return subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=ROOT,
        env={**clean, "SECRET_KEY": secrets.token_urlsafe(50), "DATABASE_URL": "sqlite://:memory:", **env},
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )


def test_production_writes_one_json_object_per_request_line():
    code = "from django.test import Client; Client().get('/healthz', HTTP_X_FORWARDED_PROTO='https')"
    result = _shell(code, DEBUG="false")
    lines = [json.loads(line) for line in result.stderr.splitlines() if line.startswith("{")]
    [request] = [line for line in lines if line["logger"] == "marketplace.request"]
    assert request["path"] == "/healthz"
    assert request["status"] in (200, 503)
    assert {"time", "level", "request_id", "user_id", "method", "duration_ms"} <= request.keys()


def test_development_writes_readable_lines():
    result = _shell("from django.test import Client; Client().get('/healthz')", DEBUG="true")
    [line] = [line for line in result.stderr.splitlines() if "marketplace.request" in line]
    assert "INFO marketplace.request: GET /healthz 200" in line
    assert not line.startswith("{")


def test_sentry_is_on_with_a_dsn_and_off_without():
    code = (
        "import sentry_sdk; c = sentry_sdk.get_client(); "
        "print(c.is_active(), sorted(n for n in c.integrations if n in ('django', 'celery')))"
    )
    assert _shell(code).stdout.strip().endswith("False []")
    # A DSN on a reserved, unresolvable name: nothing is sent, the client is only set up.
    assert (
        _shell(code, SENTRY_DSN="https://public@sentry.invalid/1").stdout.strip().endswith("True ['celery', 'django']")
    )
