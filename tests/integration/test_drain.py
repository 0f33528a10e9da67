"""Two Celery worker processes drain a backlog of emails; a worker killed mid-drain loses nothing and doubles nothing.

Real PostgreSQL, Redis, `celery worker` processes and SMTP servers on 127.0.0.1. The drain rate is printed.
"""

from __future__ import annotations

import asyncio
import collections
import os
import signal
import threading
import time
from dataclasses import dataclass, field

import pytest
from aiosmtpd.controller import Controller
from django.contrib.auth import get_user_model

from messaging import tasks
from messaging.models import EmailState, Notification, NotificationKind

from .conftest import free_port, wait_for

pytestmark = [pytest.mark.integration, pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

BACKLOG = 1000
DRAIN_TIMEOUT = 300
NO_DUPLICATE_WINDOW = 3


@dataclass
class Sink:
    """An SMTP server that records accepted emails; with `hold_at=n` it keeps the n-th email's DATA unanswered
    until the client goes away, and then does not accept it (nothing was acknowledged to the sender)."""

    hold_at: int | None = None
    seen: int = 0
    recipients: list[str] = field(default_factory=list)
    holding: threading.Event = field(default_factory=threading.Event)
    dropped: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    async def handle_DATA(self, server, session, envelope) -> str:
        with self.lock:
            self.seen += 1
            hold = self.seen == self.hold_at
        if hold:
            self.holding.set()
            try:
                while True:
                    await asyncio.sleep(0.05)
            except asyncio.CancelledError:  # the client's connection is gone: no 250 was ever sent
                with self.lock:
                    self.dropped += 1
                raise
        with self.lock:
            self.recipients.extend(envelope.rcpt_tos)
        return "250 2.0.0 OK"

    def received(self) -> list[str]:
        with self.lock:
            return list(self.recipients)


@pytest.fixture
def sinks():
    controllers: list[Controller] = []

    def start(**kwargs) -> tuple[Sink, str]:
        sink = Sink(**kwargs)
        port = free_port()
        controller = Controller(sink, hostname="127.0.0.1", port=port, ready_timeout=10)
        controller.start()
        controllers.append(controller)
        return sink, f"smtp://127.0.0.1:{port}"

    yield start
    for controller in controllers:
        controller.stop()


def _backlog(count: int) -> list[int]:
    """`count` people with one pending notification email each, as if the workers had been down."""
    User = get_user_model()
    users = User.objects.bulk_create(
        User(username=f"drain{i}", email=f"drain{i}@example.com", password="!", is_freelancer=True)
        for i in range(count)
    )
    rows = Notification.objects.bulk_create(
        Notification(
            recipient=user,
            kind=NotificationKind.CONTRACT_STARTED,
            text="You were hired for “Booking website”",
            url="/contracts/42/",
            context={"job_title": "Booking website"},
        )
        for user in users
    )
    return [row.pk for row in rows]


def _sent() -> int:
    return Notification.objects.filter(email_state=EmailState.SENT).count()


def _succeeded(worker) -> int:
    return sum(
        "messaging.deliver_notification_email[" in line and "succeeded" in line for line in worker.log().splitlines()
    )


def _assert_each_once(recipients: list[str], count: int) -> None:
    doubled = [address for address, n in collections.Counter(recipients).items() if n > 1]
    assert doubled == []
    assert sorted(recipients) == sorted(f"drain{i}@example.com" for i in range(count))


def test_two_workers_drain_a_thousand_emails_none_lost_none_doubled(sinks, celery_worker, capsys):
    sink, url = sinks()
    first = celery_worker(smtp_url=url)
    second = celery_worker(smtp_url=url)
    ids = _backlog(BACKLOG)

    started = time.monotonic()
    for notification_id in ids:
        assert tasks.enqueue_notification_email(notification_id)
    wait_for(lambda: _sent() == BACKLOG, timeout=DRAIN_TIMEOUT, what=f"{BACKLOG} emails sent", interval=0.5)
    elapsed = time.monotonic() - started
    time.sleep(NO_DUPLICATE_WINDOW)

    _assert_each_once(sink.received(), BACKLOG)
    assert Notification.objects.exclude(email_state=EmailState.SENT).count() == 0
    assert set(Notification.objects.values_list("email_attempts", flat=True)) == {1}
    assert _succeeded(first) > 0 and _succeeded(second) > 0  # both processes took part
    with capsys.disabled():
        print(f"\n[drain] {BACKLOG} emails by 2 worker processes in {elapsed:.1f} s: {BACKLOG / elapsed:.0f} emails/s")


def test_a_worker_killed_mid_drain_the_sweep_delivers_the_rest_exactly_once(sinks, celery_worker):
    count = 200
    # The doomed worker's SMTP server holds its 20th email unanswered: the kill lands mid-send, before acceptance.
    doomed_sink, doomed_url = sinks(hold_at=20)
    survivor_sink, survivor_url = sinks()
    windows = {"NOTIFICATION_SWEEP_AFTER_SECONDS": "1", "NOTIFICATION_CLAIM_TIMEOUT_SECONDS": "3"}
    doomed = celery_worker(smtp_url=doomed_url, **windows)
    survivor = celery_worker(smtp_url=survivor_url, **windows)
    ids = _backlog(count)

    for notification_id in ids:
        assert tasks.enqueue_notification_email(notification_id)
    assert doomed_sink.holding.wait(timeout=DRAIN_TIMEOUT), "the doomed worker never reached its 20th email"
    os.killpg(doomed.process.pid, signal.SIGKILL)
    doomed.process.wait(timeout=10)
    wait_for(lambda: doomed_sink.dropped == 1, timeout=10, what="the held SMTP session to end with the worker")

    # The survivor drains the queue; the email the dead worker held stays claimed ("sending").
    wait_for(lambda: _sent() == count - 1, timeout=DRAIN_TIMEOUT, what="the rest of the queue", interval=0.5)
    stuck = Notification.objects.exclude(email_state=EmailState.SENT)
    assert [row.email_state for row in stuck] == [EmailState.SENDING]

    # Once its claim has timed out, beat's sweep (here sent to the surviving worker) hands it out again.
    time.sleep(3.5)
    tasks.sweep_pending_notifications.delay()
    wait_for(lambda: _sent() == count, timeout=60, what="the swept email sent", interval=0.5)
    tasks.sweep_pending_notifications.delay()
    time.sleep(NO_DUPLICATE_WINDOW)

    _assert_each_once(doomed_sink.received() + survivor_sink.received(), count)
    assert len(doomed_sink.received()) == 19
    assert survivor.process.poll() is None
