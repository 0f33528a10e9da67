"""Real services for the integration tests: a `celery -A marketplace worker` process and an SMTP server.

The worker uses the broker of `CELERY_BROKER_URL` (its queue is purged first), the test database (PostgreSQL:
an in-memory SQLite database cannot be shared with another process) and `EMAIL_URL` pointing at an aiosmtpd
server on 127.0.0.1 that records what it accepts. Every wait is bounded.
"""

from __future__ import annotations

import contextlib
import email
import email.policy
import os
import socket
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

import pytest
from aiosmtpd.controller import Controller
from django.conf import settings
from django.db import connection

SITE_URL = "http://marketplace.test"
WORKER_START_TIMEOUT = 60
SHUTDOWN_TIMEOUT = 15


def wait_for(condition: Callable[[], object], *, timeout: float, what: str, interval: float = 0.1):
    """Poll `condition` until it returns something truthy; fail after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        result = condition()
        if result:
            return result
        if time.monotonic() > deadline:
            pytest.fail(f"Timed out after {timeout}s waiting for {what}", pytrace=False)
        time.sleep(interval)


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# --- SMTP -----------------------------------------------------------------------------------------------------


@dataclass
class Received:
    mail_from: str
    rcpt_tos: list[str]
    message: email.message.EmailMessage

    @property
    def subject(self) -> str:
        return str(self.message["Subject"])

    @property
    def text(self) -> str:
        return self.message.get_body(preferencelist=("plain",)).get_content()

    @property
    def html(self) -> str:
        return self.message.get_body(preferencelist=("html",)).get_content()


@dataclass
class RecordingHandler:
    """Accepts mail and records it; answers 421 ("try again later") to the first `refuse_first` attempts and to
    every attempt until `busy_until` (a `time.monotonic()` value)."""

    refuse_first: int = 0
    busy_until: float = 0.0
    attempts: int = 0
    received: list[Received] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    async def handle_DATA(self, server, session, envelope) -> str:
        with self.lock:
            self.attempts += 1
            if self.attempts <= self.refuse_first or time.monotonic() < self.busy_until:
                return "421 4.3.0 Service busy, try again later"
            parsed = email.message_from_bytes(
                envelope.original_content or envelope.content, policy=email.policy.default
            )
            self.received.append(Received(envelope.mail_from, list(envelope.rcpt_tos), parsed))
        return "250 2.0.0 OK"


@dataclass
class SmtpSink:
    handler: RecordingHandler
    port: int
    controller: Controller | None = None
    timers: list[threading.Timer] = field(default_factory=list)

    @property
    def received(self) -> list[Received]:
        with self.handler.lock:
            return list(self.handler.received)

    @property
    def url(self) -> str:
        return f"smtp://127.0.0.1:{self.port}"

    def start(self) -> None:
        self.controller = Controller(self.handler, hostname="127.0.0.1", port=self.port, ready_timeout=10)
        self.controller.start()

    def stop(self) -> None:
        for timer in self.timers:
            timer.cancel()
        if self.controller is not None:
            self.controller.stop()
            self.controller = None

    def busy_for(self, seconds: float) -> None:
        """Answer 421 to every email for the next `seconds`."""
        self.handler.busy_until = time.monotonic() + seconds

    def down_for(self, seconds: float) -> None:
        """Refuse connections (nothing listens on the port) for the next `seconds`."""
        self.stop()
        timer = threading.Timer(seconds, self.start)
        self.timers.append(timer)
        timer.start()


@pytest.fixture
def smtp_server() -> Iterator[Callable[..., SmtpSink]]:
    """Start an SMTP server on 127.0.0.1: `smtp_server()` or `smtp_server(refuse_first=2)`."""
    sinks: list[SmtpSink] = []

    def start(refuse_first: int = 0) -> SmtpSink:
        sink = SmtpSink(RecordingHandler(refuse_first=refuse_first), free_port())
        sink.start()
        sinks.append(sink)
        return sink

    yield start
    for sink in sinks:
        sink.stop()


# --- Redis ----------------------------------------------------------------------------------------------------


@dataclass
class OwnRedis:
    """A `redis-server` of this test alone, so it can be stopped without touching the shared one."""

    port: int
    process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )

        def answers() -> bool:
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", self.port), timeout=1) as s:
                s.sendall(b"PING\r\n")
                return s.recv(16).startswith(b"+PONG")
            return False

        wait_for(answers, timeout=10, what="redis-server to answer")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=SHUTDOWN_TIMEOUT)
        self.process = None


@pytest.fixture
def own_redis(monkeypatch) -> Iterator[OwnRedis]:
    """A private Redis on a free port: this process and the workers started in the test use it."""
    from marketplace.celery import app

    redis = OwnRedis(free_port())
    redis.start()
    previous = app.conf.get("broker_write_url")
    # Celery reads CELERY_BROKER_URL from the environment before its own setting.
    monkeypatch.setenv("CELERY_BROKER_URL", redis.url)
    app.conf.broker_url = app.conf.broker_write_url = redis.url
    _reset_pools(app)
    yield redis
    app.conf.broker_write_url = previous
    monkeypatch.undo()
    _reset_pools(app)
    redis.stop()


def _reset_pools(app) -> None:
    app._pool = None
    app.amqp._producer_pool = None


# --- Celery worker --------------------------------------------------------------------------------------------


def _test_database_url() -> str:
    db = connection.settings_dict
    if "postgresql" not in db["ENGINE"]:
        pytest.fail("The worker needs the test database in PostgreSQL (set DATABASE_URL=postgres://...)")
    user = quote(db.get("USER") or "", safe="")
    password = quote(db.get("PASSWORD") or "", safe="")
    credentials = f"{user}:{password}@" if password else (f"{user}@" if user else "")
    host = db.get("HOST") or "127.0.0.1"
    port = f":{db['PORT']}" if db.get("PORT") else ""
    return f"postgres://{credentials}{host}{port}/{quote(db['NAME'], safe='')}"


@dataclass
class Worker:
    process: subprocess.Popen
    log_path: Path

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""


def _stop(worker: Worker) -> None:
    if worker.process.poll() is None:
        worker.process.terminate()
        try:
            worker.process.wait(timeout=SHUTDOWN_TIMEOUT)
        except subprocess.TimeoutExpired:
            worker.process.kill()
            worker.process.wait(timeout=SHUTDOWN_TIMEOUT)


@pytest.fixture
def celery_worker(tmp_path) -> Iterator[Callable[..., Worker]]:
    """Start `celery -A marketplace worker` against the test database: `celery_worker(smtp_url=...)`."""
    from marketplace.celery import app

    workers: list[Worker] = []

    def start(*, smtp_url: str, **extra_env: str) -> Worker:
        app.control.purge()  # nothing left over from an earlier test
        log_path = tmp_path / f"worker-{len(workers)}.log"
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "marketplace.settings",
            "DATABASE_URL": _test_database_url(),
            "CELERY_BROKER_URL": os.environ["CELERY_BROKER_URL"],
            "EMAIL_URL": smtp_url,
            "EMAIL_TIMEOUT": "5",
            "SITE_URL": SITE_URL,
            "DEBUG": "true",
            "PYTHONUNBUFFERED": "1",
            **extra_env,
        }
        command = [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "marketplace",
            "worker",
            "--pool=solo",
            "--loglevel=INFO",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
            f"--queues={settings.CELERY_EMAIL_QUEUE},{settings.CELERY_HOUSEKEEPING_QUEUE}",
            f"--hostname=test-{uuid.uuid4().hex[:8]}@%h",
        ]
        with open(log_path, "wb") as log:
            process = subprocess.Popen(
                command, cwd=settings.BASE_DIR, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
            )
        worker = Worker(process, log_path)
        workers.append(worker)

        def ready() -> bool:
            if process.poll() is not None:
                pytest.fail(f"The Celery worker exited early:\n{worker.log()}", pytrace=False)
            return " ready." in worker.log()

        wait_for(ready, timeout=WORKER_START_TIMEOUT, what="the Celery worker to be ready")
        return worker

    yield start
    for worker in workers:
        _stop(worker)


@pytest.fixture
def broker_unreachable() -> Callable[[], contextlib.AbstractContextManager[None]]:
    """Within the block, this process publishes to a port where no broker listens (the worker is untouched)."""
    from marketplace.celery import app

    @contextlib.contextmanager
    def outage() -> Iterator[None]:
        previous = app.conf.get("broker_write_url")
        app.conf.broker_write_url = f"redis://127.0.0.1:{free_port()}/0"
        _reset_pools(app)
        try:
            yield
        finally:
            app.conf.broker_write_url = previous
            _reset_pools(app)

    return outage
