"""Email delivery end to end: a real Celery worker, Redis, PostgreSQL and an SMTP server on 127.0.0.1."""

import time
from datetime import timedelta

import pytest
from django.db import transaction
from django.utils import timezone

from messaging import services, tasks
from messaging.models import EmailState, Notification, NotificationKind
from tests.factories import ClientFactory, FreelancerFactory, JobPostFactory

from .conftest import SITE_URL, wait_for

pytestmark = [pytest.mark.integration, pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

DELIVERY_TIMEOUT = 30
# After the expected email arrived, how long to keep watching that no second one follows.
NO_DUPLICATE_WINDOW = 3


def _hire(client_user, freelancer) -> Notification:
    """A user action: one transaction that writes the notification (its email is enqueued on commit)."""
    with transaction.atomic():
        return services.notify(
            freelancer,
            NotificationKind.CONTRACT_STARTED,
            actor=client_user,
            text=f"{client_user} hired you for “Booking website”",
            url="/contracts/42/",
            context={"job_title": "Booking website"},
        )


def _state(notification: Notification) -> str:
    notification.refresh_from_db()
    return notification.email_state


def test_an_action_produces_exactly_one_email(smtp_server, celery_worker):
    sink = smtp_server()
    celery_worker(smtp_url=sink.url)
    client_user = ClientFactory()
    freelancer = FreelancerFactory(email="fred@example.com")

    notification = _hire(client_user, freelancer)

    wait_for(lambda: sink.received, timeout=DELIVERY_TIMEOUT, what="the email at the SMTP server")
    wait_for(lambda: _state(notification) == EmailState.SENT, timeout=DELIVERY_TIMEOUT, what="the row marked sent")
    # A second delivery task and a sweep for the same row send nothing more.
    tasks.deliver_notification_email.delay(notification_id=notification.pk)
    tasks.sweep_pending_notifications.delay()
    time.sleep(NO_DUPLICATE_WINDOW)

    assert len(sink.received) == 1
    received = sink.received[0]
    assert received.rcpt_tos == ["fred@example.com"]
    assert received.subject == "Contract started: Booking website"
    assert f"{SITE_URL}/contracts/42/" in received.text
    assert f"{SITE_URL}/settings/notifications/" in received.text
    assert f'href="{SITE_URL}/contracts/42/"' in received.html
    notification.refresh_from_db()
    assert notification.email_attempts == 1
    assert notification.email_sent_at is not None


def test_broker_down_at_commit_the_action_succeeds_and_the_sweep_delivers_later(
    smtp_server, celery_worker, broker_unreachable, caplog
):
    sink = smtp_server()
    celery_worker(smtp_url=sink.url)
    client_user = ClientFactory()
    freelancer = FreelancerFactory()

    with broker_unreachable():
        notification = _hire(client_user, freelancer)  # no exception reaches the caller

    assert "the sweep will retry" in caplog.text
    assert Notification.objects.filter(pk=notification.pk).exists()
    time.sleep(NO_DUPLICATE_WINDOW)
    assert sink.received == []
    assert _state(notification) == EmailState.PENDING

    # The broker is back and a while has passed: the beat's sweep (here sent to the worker) re-enqueues it.
    Notification.objects.filter(pk=notification.pk).update(created_at=timezone.now() - timedelta(minutes=10))
    tasks.sweep_pending_notifications.delay()

    wait_for(lambda: sink.received, timeout=DELIVERY_TIMEOUT, what="the swept email at the SMTP server")
    wait_for(lambda: _state(notification) == EmailState.SENT, timeout=DELIVERY_TIMEOUT, what="the row marked sent")
    tasks.sweep_pending_notifications.delay()
    time.sleep(NO_DUPLICATE_WINDOW)
    assert len(sink.received) == 1
    assert sink.received[0].rcpt_tos == [freelancer.email]


def test_smtp_refusing_at_first_gets_the_email_exactly_once(smtp_server, celery_worker):
    sink = smtp_server(refuse_first=2)
    # Waits of 1 and 2 s instead of 15 and 30 s.
    worker = celery_worker(smtp_url=sink.url, EMAIL_RETRY_FIRST_DELAY_SECONDS="1")
    freelancer = FreelancerFactory()

    notification = _hire(ClientFactory(), freelancer)

    wait_for(lambda: sink.received, timeout=DELIVERY_TIMEOUT, what="the email after the retries")
    wait_for(lambda: _state(notification) == EmailState.SENT, timeout=DELIVERY_TIMEOUT, what="the row marked sent")
    time.sleep(NO_DUPLICATE_WINDOW)

    assert sink.handler.attempts == 3  # refused, refused, accepted
    assert len(sink.received) == 1
    assert sink.received[0].rcpt_tos == [freelancer.email]
    notification.refresh_from_db()
    assert notification.email_attempts == 3
    assert notification.email_last_error == ""
    assert "retry" in worker.log().lower()


def test_messages_are_emailed_as_one_digest_per_room(smtp_server, celery_worker):
    sink = smtp_server()
    celery_worker(smtp_url=sink.url)
    client_user = ClientFactory()
    freelancer = FreelancerFactory()
    room = services.open_room(
        subject=JobPostFactory(client=client_user), participants=[client_user, freelancer], title="Booking website"
    )
    services.post_message(room, sender=client_user, body="Can you start on Monday?")
    services.post_message(room, sender=client_user, body="And send me your portfolio, please.")
    # The quiet period has passed.
    Notification.objects.update(created_at=timezone.now() - timedelta(hours=1))

    tasks.send_message_digests.delay()

    wait_for(lambda: sink.received, timeout=DELIVERY_TIMEOUT, what="the digest at the SMTP server")
    wait_for(
        lambda: set(Notification.objects.values_list("email_state", flat=True)) == {EmailState.SENT},
        timeout=DELIVERY_TIMEOUT,
        what="both rows marked sent",
    )
    tasks.send_message_digests.delay()
    time.sleep(NO_DUPLICATE_WINDOW)
    assert len(sink.received) == 1
    digest = sink.received[0]
    assert digest.rcpt_tos == [freelancer.email]
    assert digest.subject == "2 new messages in “Booking website”"
    assert "Can you start on Monday?" in digest.text and "send me your portfolio" in digest.text
    assert f"{SITE_URL}/messages/{room.pk}/" in digest.text
