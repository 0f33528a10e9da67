"""Outages on the real stack: a Celery worker, PostgreSQL, an SMTP server that fails for 30 s, a Redis we stop.

The retry schedule is shortened for the worker (waits of 1, 2, 4, 4... seconds) so a 30 s outage means a dozen
attempts per email: a limit by count would have given up, a limit by time (10 minutes here) does not.
"""

import time
from collections import Counter
from decimal import Decimal
from urllib.parse import urlsplit

import pytest
from django.db import transaction
from django.urls import reverse

from jobs.models import JobStatus
from messaging import services, tasks
from messaging.models import EmailState, Notification, NotificationKind
from proposals import services as proposal_services
from tests.factories import ClientFactory, FreelancerFactory, JobPostFactory

from .conftest import SITE_URL, wait_for

pytestmark = [pytest.mark.integration, pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

OUTAGE = 30
EMAILS = 40
SHORT_SCHEDULE = {
    "EMAIL_RETRY_FIRST_DELAY_SECONDS": "1",
    "EMAIL_RETRY_MAX_DELAY_SECONDS": "4",
    "EMAIL_RETRY_FOR_SECONDS": "600",
    "NOTIFICATION_SWEEP_AFTER_SECONDS": "1",
}
NO_DUPLICATE_WINDOW = 5
BROKER_BUDGET = 0.5
REQUEST_BUDGET = 10


def _notify_many(count: int) -> list[Notification]:
    client_user = ClientFactory()
    freelancers = [FreelancerFactory() for _ in range(count)]
    with transaction.atomic():
        return [
            services.notify(
                freelancer,
                NotificationKind.CONTRACT_STARTED,
                actor=client_user,
                text=f"{client_user} hired you",
                url="/contracts/1/",
                context={"job_title": "Booking website"},
            )
            for freelancer in freelancers
        ]


def _all_sent(count: int) -> bool:
    return Notification.objects.filter(email_state=EmailState.SENT).count() == count


def _assert_each_once(sink, notifications: list[Notification]) -> None:
    time.sleep(NO_DUPLICATE_WINDOW)
    received = sink.received
    by_recipient = Counter(r.rcpt_tos[0] for r in received)
    assert by_recipient == Counter(n.recipient.email for n in notifications)
    message_ids = Counter(str(r.message["Message-ID"]) for r in received)
    domain = urlsplit(SITE_URL).hostname
    assert message_ids == Counter(f"<notification-{n.pk}@{domain}>" for n in notifications)
    assert Notification.objects.filter(email_state=EmailState.FAILED).count() == 0


@pytest.mark.parametrize("outage", ["busy_for", "down_for"], ids=["answers_421", "refuses_connections"])
def test_a_30_second_mail_server_outage_loses_no_email_and_doubles_none(smtp_server, celery_worker, outage):
    sink = smtp_server()
    worker = celery_worker(smtp_url=sink.url, **SHORT_SCHEDULE)
    getattr(sink, outage)(OUTAGE)
    started = time.monotonic()

    notifications = _notify_many(EMAILS)

    wait_for(lambda: _all_sent(EMAILS), timeout=OUTAGE + 60, what="every email sent after the outage")
    assert time.monotonic() - started >= OUTAGE - 1  # nothing got through during the outage
    _assert_each_once(sink, notifications)
    attempts = Notification.objects.values_list("email_attempts", flat=True)
    # Every email met the outage and was tried again (how many times depends on the machine's speed; that the
    # limit is time, not a count, is tests/messaging/test_tasks.py's retry-schedule tests).
    assert min(attempts) >= 2
    assert "failed for now" in worker.log()


def test_redis_down_while_closing_a_job_with_200_applications(
    client, smtp_server, celery_worker, own_redis, monkeypatch
):
    sink = smtp_server()
    client_user = ClientFactory()
    job = JobPostFactory(client=client_user)
    freelancers = [FreelancerFactory() for _ in range(200)]
    for freelancer in freelancers:
        proposal_services.submit_proposal(
            job, by=freelancer, cover_letter="I have done this before.", hourly_rate=Decimal("45.00")
        )
    # The client's "new proposal" emails are not what this test counts.
    Notification.objects.update(email_state=EmailState.SKIPPED)
    worker = celery_worker(smtp_url=sink.url, **SHORT_SCHEDULE)
    client.force_login(client_user)
    enqueues: list[tuple[int, float]] = []

    def timed_enqueue(ids):
        ids = list(ids)
        started = time.monotonic()
        try:
            return enqueue(ids)
        finally:
            enqueues.append((len(ids), time.monotonic() - started))

    enqueue = tasks.enqueue_notification_emails
    monkeypatch.setattr(tasks, "enqueue_notification_emails", timed_enqueue)

    own_redis.stop()
    started = time.monotonic()
    response = client.post(reverse("hiring:close_job", args=[job.pk]), {"close-reason": "Hired in-house"})
    elapsed = time.monotonic() - started

    assert response.status_code == 302
    assert response["Location"] == job.get_absolute_url()  # the usual redirect
    # The broker's share of the request: one bulk enqueue that gives up at once.
    assert len(enqueues) == 1 and enqueues[0][0] == 200
    assert enqueues[0][1] < BROKER_BUDGET, f"the broker held the request {enqueues[0][1]:.2f}s"
    # The whole request: 0.6 s on the idle CI machine, 6.6 s measured under coverage with four suites sharing
    # two cores; it is nearly all the ~800 rows of closing 200 applications, so speed is the benchmark's
    # business (README "Email delivery"). This bound still catches the old 31 s broker wait.
    assert elapsed < REQUEST_BUDGET, f"closing took {elapsed:.2f}s with Redis down"
    job.refresh_from_db()
    assert job.status == JobStatus.CLOSED
    closed = list(Notification.objects.filter(kind=NotificationKind.JOB_CLOSED).select_related("recipient"))
    assert len(closed) == 200
    assert {n.email_state for n in closed} == {EmailState.PENDING}

    own_redis.start()  # the worker reconnects; the beat's sweep (here sent to the worker) takes the rows back
    try:
        wait_for(
            lambda: tasks.sweep_pending_notifications.delay() and _all_sent_kind(NotificationKind.JOB_CLOSED, 200),
            timeout=120,
            interval=5,
            what="every job-closed email sent once Redis is back",
        )
    except BaseException:
        print(worker.log()[-6000:])
        raise
    _assert_each_once(sink, closed)


def _all_sent_kind(kind: str, count: int) -> bool:
    return Notification.objects.filter(kind=kind, email_state=EmailState.SENT).count() == count
