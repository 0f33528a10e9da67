import smtplib
from datetime import timedelta

import pytest
from django.core.mail.backends.locmem import EmailBackend
from django.utils import timezone

from messaging import services, tasks
from messaging.models import ACCOUNT_NOTICES, EMAIL_DEFAULTS, EmailState, Notification, NotificationKind
from tests.factories import FreelancerFactory

pytestmark = pytest.mark.django_db


def _pending(recipient, kind=NotificationKind.CONTRACT_STARTED, **fields) -> Notification:
    """A notification row as `notify` writes it, without running the on-commit enqueue."""
    notification = Notification.objects.create(
        recipient=recipient,
        kind=kind,
        text="Carla Client hired you for “Booking website”",
        url="/contracts/3/",
        context={"job_title": "Booking website", "note": "Welcome <b>aboard</b>!"},
    )
    if fields:
        Notification.objects.filter(pk=notification.pk).update(**fields)
        notification.refresh_from_db()
    return notification


class FlakyBackend(EmailBackend):
    """Raises the queued errors one by one, then delivers to the locmem outbox."""

    errors: list[Exception] = []

    def send_messages(self, messages):
        if FlakyBackend.errors:
            raise FlakyBackend.errors.pop(0)
        return super().send_messages(messages)


@pytest.fixture
def eager_retries():
    """Let eager Celery run a task's retries at once, as a worker would after the backoff."""
    from marketplace.celery import app

    previous = app.conf.task_eager_propagates
    app.conf.task_eager_propagates = False
    yield
    app.conf.task_eager_propagates = previous


@pytest.fixture
def flaky(settings, eager_retries):
    settings.EMAIL_BACKEND = "tests.messaging.test_tasks.FlakyBackend"
    FlakyBackend.errors = []
    yield FlakyBackend.errors
    FlakyBackend.errors = []


def test_task_run_twice_sends_once(freelancer, mailoutbox):
    notification = _pending(freelancer)
    tasks.deliver_notification_email.delay(notification_id=notification.pk)
    tasks.deliver_notification_email.delay(notification_id=notification.pk)
    assert len(mailoutbox) == 1
    notification.refresh_from_db()
    assert notification.email_state == EmailState.SENT
    assert notification.email_attempts == 1


def test_a_row_claimed_by_another_worker_is_left_alone(freelancer, mailoutbox):
    notification = _pending(freelancer, email_state=EmailState.SENDING, email_claimed_at=timezone.now())
    assert tasks.deliver_notification(notification.pk) == "not claimed"
    assert mailoutbox == []


def test_a_stale_claim_is_taken_over(freelancer, mailoutbox):
    notification = _pending(
        freelancer, email_state=EmailState.SENDING, email_claimed_at=timezone.now() - timedelta(hours=1)
    )
    assert tasks.deliver_notification(notification.pk) == EmailState.SENT
    assert len(mailoutbox) == 1


@pytest.mark.parametrize("state", [EmailState.SENT, EmailState.SKIPPED, EmailState.FAILED])
def test_finished_rows_are_never_sent_again(freelancer, mailoutbox, state):
    notification = _pending(freelancer, email_state=state)
    assert tasks.deliver_notification(notification.pk) == "not claimed"
    assert mailoutbox == []


def test_missing_row_is_a_no_op(mailoutbox):
    assert tasks.deliver_notification(987654) == "not claimed"


def test_email_links_to_the_thing_and_the_settings(freelancer, mailoutbox, settings):
    settings.SITE_URL = "https://marketplace.example"
    notification = _pending(freelancer)
    tasks.deliver_notification(notification.pk)

    email = mailoutbox[0]
    html = email.alternatives[0][0]
    assert email.subject == "Contract started: Booking website"
    assert email.from_email == settings.DEFAULT_FROM_EMAIL
    for body in (email.body, html):
        assert "https://marketplace.example/contracts/3/" in body
        assert "https://marketplace.example/settings/notifications/" in body
        assert "Carla Client hired you for “Booking website”" in body
    assert "Welcome <b>aboard</b>!" in email.body  # plain text is not HTML-escaped
    assert "Welcome &lt;b&gt;aboard&lt;/b&gt;!" in html  # HTML is
    assert email.extra_headers["List-Unsubscribe"].startswith("<https://marketplace.example/unsubscribe/")


@pytest.mark.parametrize("kind", sorted(set(NotificationKind.values) - ACCOUNT_NOTICES))
def test_every_kind_renders_subject_text_and_html(freelancer, mailoutbox, kind):
    services.set_preferences(freelancer, {kind: True})
    notification = _pending(freelancer, kind=kind)
    assert tasks.deliver_notification(notification.pk) == EmailState.SENT
    email = mailoutbox[0]
    assert email.to == [freelancer.email]
    assert email.subject and "\n" not in email.subject
    assert "Booking website" in email.subject
    assert "http://127.0.0.1:8000/contracts/3/" in email.body
    assert "/settings/notifications/" in email.alternatives[0][0]


def test_kinds_off_by_default_are_skipped_until_switched_on(freelancer, mailoutbox):
    assert EMAIL_DEFAULTS[NotificationKind.TERMS_UPDATED] is False
    first = _pending(freelancer, kind=NotificationKind.TERMS_UPDATED)
    assert tasks.deliver_notification(first.pk) == EmailState.SKIPPED
    services.set_preferences(freelancer, {NotificationKind.TERMS_UPDATED: True})
    second = _pending(freelancer, kind=NotificationKind.TERMS_UPDATED)
    assert tasks.deliver_notification(second.pk) == EmailState.SENT
    assert len(mailoutbox) == 1


def test_inactive_recipient_is_skipped(mailoutbox):
    gone = FreelancerFactory(is_active=False)
    notification = _pending(gone)
    assert tasks.deliver_notification(notification.pk) == EmailState.SKIPPED
    assert mailoutbox == []


def _make_due(notification: Notification) -> None:
    """The backoff has passed (a worker's retry task would run now)."""
    Notification.objects.filter(pk=notification.pk).update(email_next_attempt_at=timezone.now() - timedelta(seconds=1))


@pytest.mark.parametrize(
    "error",
    [
        smtplib.SMTPServerDisconnected("Connection unexpectedly closed"),
        smtplib.SMTPConnectError(421, b"Too busy"),
        smtplib.SMTPDataError(421, b"4.3.0 Try again later"),
        smtplib.SMTPSenderRefused(451, b"4.7.1 Greylisted", "no-reply@marketplace.local"),
        smtplib.SMTPRecipientsRefused({"a@example.com": (450, b"Mailbox busy")}),
        ConnectionRefusedError(111, "Connection refused"),
        TimeoutError("timed out"),
    ],
    ids=lambda e: type(e).__name__,
)
def test_temporary_failures_retry_and_send_once(freelancer, mailoutbox, flaky, error):
    flaky.extend([error, error])
    notification = _pending(freelancer)
    for _ in range(2):
        with pytest.raises(tasks.TemporaryEmailError):
            tasks.deliver_notification(notification.pk)
        _make_due(notification)
    assert tasks.deliver_notification(notification.pk) == EmailState.SENT

    assert len(mailoutbox) == 1
    notification.refresh_from_db()
    assert notification.email_state == EmailState.SENT
    assert notification.email_attempts == 3
    assert notification.email_last_error == ""
    assert notification.email_next_attempt_at is None and not notification.email_error_temporary


def test_temporary_failure_schedules_the_next_attempt(freelancer, flaky):
    flaky.append(smtplib.SMTPDataError(421, b"4.3.0 Try again later"))
    notification = _pending(freelancer)
    before = timezone.now()
    with pytest.raises(tasks.TemporaryEmailError) as raised:
        tasks.deliver_notification(notification.pk)
    assert raised.value.delay == timedelta(seconds=15)
    notification.refresh_from_db()
    assert notification.email_state == EmailState.PENDING
    assert notification.email_last_error.startswith("SMTPDataError")
    assert notification.email_next_attempt_at >= before + timedelta(seconds=15)
    assert notification.email_retry_until >= before + timedelta(hours=24)
    # Another task for the row (a duplicate, a sweep) finds it not due and sends nothing: one retry chain.
    assert tasks.deliver_notification(notification.pk) == "not claimed"


def test_retry_waits_double_up_to_the_cap(settings):
    assert [tasks.retry_delay(n).total_seconds() for n in range(1, 9)] == [15, 30, 60, 120, 240, 300, 300, 300]
    settings.EMAIL_RETRY_FIRST_DELAY = timedelta(seconds=1)
    settings.EMAIL_RETRY_MAX_DELAY = timedelta(seconds=4)
    assert [tasks.retry_delay(n).total_seconds() for n in range(1, 6)] == [1, 2, 4, 4, 4]


def test_the_task_reschedules_itself_and_the_retry_waits_for_its_time(freelancer, mailoutbox, flaky):
    flaky.append(smtplib.SMTPServerDisconnected("gone"))
    notification = _pending(freelancer)
    # Eager Celery runs the retry at once; the row is not due yet, so it sends nothing (a worker waits 15 s).
    tasks.deliver_notification_email.apply(kwargs={"notification_id": notification.pk})
    notification.refresh_from_db()
    assert notification.email_state == EmailState.PENDING
    assert notification.email_attempts == 1
    assert mailoutbox == []


@pytest.mark.parametrize(
    "error",
    [
        smtplib.SMTPDataError(554, b"5.7.1 Message rejected as spam"),
        smtplib.SMTPRecipientsRefused({"a@example.com": (550, b"5.1.1 No such user")}),
        smtplib.SMTPAuthenticationError(535, b"5.7.8 Bad credentials"),
    ],
    ids=lambda e: type(e).__name__,
)
def test_permanent_failures_mark_the_row_failed_with_the_error(freelancer, mailoutbox, flaky, error):
    flaky.append(error)
    notification = _pending(freelancer)
    tasks.deliver_notification_email.apply(kwargs={"notification_id": notification.pk})

    assert mailoutbox == []
    notification.refresh_from_db()
    assert notification.email_state == EmailState.FAILED
    assert notification.email_error_temporary is False
    assert notification.email_attempts == 1
    assert type(error).__name__ in notification.email_last_error
    assert "5." in notification.email_last_error


def test_gives_up_when_the_retry_time_is_over_and_keeps_the_last_error(freelancer, mailoutbox, flaky):
    flaky.extend([smtplib.SMTPServerDisconnected("gone")] * 20)
    notification = _pending(freelancer)
    for _ in range(12):  # far more attempts than a count-based limit would allow
        with pytest.raises(tasks.TemporaryEmailError):
            tasks.deliver_notification(notification.pk)
        _make_due(notification)
    Notification.objects.filter(pk=notification.pk).update(email_retry_until=timezone.now())
    assert tasks.deliver_notification(notification.pk) == EmailState.FAILED
    notification.refresh_from_db()
    assert notification.email_state == EmailState.FAILED
    assert notification.email_attempts == 13
    assert notification.email_error_temporary is True
    assert notification.email_last_error == "SMTPServerDisconnected: gone"
    assert mailoutbox == []


def test_sweep_revives_temporary_failures_once_smtp_answers(freelancer, mailoutbox, monkeypatch):
    long_ago = timezone.now() - timedelta(days=2)
    temporary = _pending(
        freelancer, created_at=long_ago, email_state=EmailState.FAILED, email_error_temporary=True, email_attempts=40
    )
    permanent = _pending(freelancer, created_at=long_ago, email_state=EmailState.FAILED, email_last_error="554")
    monkeypatch.setattr(tasks, "smtp_answers", lambda: False)
    assert tasks.sweep_pending_notifications() == 0
    monkeypatch.setattr(tasks, "smtp_answers", lambda: True)
    assert tasks.sweep_pending_notifications() == 1
    states = dict(Notification.objects.values_list("pk", "email_state"))
    assert states == {temporary.pk: EmailState.SENT, permanent.pk: EmailState.FAILED}
    assert len(mailoutbox) == 1


def test_smtp_probe_reports_an_unreachable_server(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 1, 1
    assert tasks.smtp_answers() is False


def test_a_resent_notification_carries_the_same_message_id(freelancer, mailoutbox):
    notification = _pending(freelancer)
    assert tasks.deliver_notification(notification.pk) == EmailState.SENT
    # The worker died after the mail server took the email, before the row was marked sent.
    long_ago = timezone.now() - timedelta(hours=1)
    Notification.objects.filter(pk=notification.pk).update(
        email_state=EmailState.SENDING, email_claimed_at=long_ago, created_at=long_ago
    )
    assert tasks.sweep_pending_notifications() == 1
    assert len(mailoutbox) == 2
    first, second = (m.message()["Message-ID"] for m in mailoutbox)
    assert first == second == tasks.emails.message_id("notification", [notification.pk])
    assert first.startswith(f"<notification-{notification.pk}@")


def test_a_lost_database_connection_after_sending_is_retried_not_resent(freelancer, mailoutbox, monkeypatch):
    from django.db import OperationalError

    finish = tasks._finish
    failures = [OperationalError("server closed the connection unexpectedly")]

    def flaky_finish(*args, **kwargs):
        if failures and args[2] == EmailState.SENT:
            raise failures.pop()
        return finish(*args, **kwargs)

    monkeypatch.setattr(tasks, "_finish", flaky_finish)
    monkeypatch.setattr(tasks, "MARK_SENT_SLEEPS", (0, 0))
    notification = _pending(freelancer)
    assert tasks.deliver_notification(notification.pk) == EmailState.SENT
    notification.refresh_from_db()
    assert notification.email_state == EmailState.SENT
    assert len(mailoutbox) == 1


def test_a_template_error_fails_the_row_instead_of_looping(freelancer, mailoutbox, monkeypatch):
    def broken(notification):
        raise ValueError("template is broken")

    monkeypatch.setitem(tasks.emails.BUILDERS, NotificationKind.CONTRACT_STARTED, broken)
    notification = _pending(freelancer)
    assert tasks.deliver_notification(notification.pk) == EmailState.FAILED
    notification.refresh_from_db()
    assert notification.email_last_error == "ValueError: template is broken"


def test_sweep_re_enqueues_rows_left_pending_or_stuck_sending(freelancer, mailoutbox, room, client_user):
    long_ago = timezone.now() - timedelta(hours=1)
    fresh = _pending(freelancer)  # just written: its own on-commit enqueue is still on the way
    left_pending = _pending(freelancer, created_at=long_ago)
    stuck = _pending(freelancer, created_at=long_ago, email_state=EmailState.SENDING, email_claimed_at=long_ago)
    retrying = _pending(freelancer, created_at=long_ago, email_claimed_at=timezone.now())  # Celery retries it
    busy = _pending(freelancer, created_at=long_ago, email_state=EmailState.SENDING, email_claimed_at=timezone.now())
    done = _pending(freelancer, created_at=long_ago, email_state=EmailState.SENT)
    services.post_message(room, sender=client_user, body="A message: emailed by the digest, not the sweep")
    Notification.objects.filter(kind=NotificationKind.MESSAGE_RECEIVED).update(created_at=long_ago)

    assert tasks.sweep_pending_notifications.delay().get() == 2

    states = dict(Notification.objects.values_list("pk", "email_state"))
    assert states[left_pending.pk] == states[stuck.pk] == EmailState.SENT
    assert states[fresh.pk] == states[retrying.pk] == EmailState.PENDING
    assert states[busy.pk] == EmailState.SENDING
    assert states[done.pk] == EmailState.SENT
    assert len(mailoutbox) == 2
    assert Notification.objects.get(kind=NotificationKind.MESSAGE_RECEIVED).email_state == EmailState.PENDING


def test_sweep_leaves_a_row_waiting_in_backoff_and_takes_back_an_overdue_one(freelancer, mailoutbox):
    now = timezone.now()
    long_ago = now - timedelta(hours=1)
    waiting = _pending(
        freelancer, created_at=long_ago, email_claimed_at=long_ago, email_next_attempt_at=now + timedelta(minutes=4)
    )
    lost = _pending(
        freelancer, created_at=long_ago, email_claimed_at=long_ago, email_next_attempt_at=now - timedelta(minutes=5)
    )
    assert tasks.sweep_pending_notifications() == 1
    states = dict(Notification.objects.values_list("pk", "email_state"))
    assert states == {waiting.pk: EmailState.PENDING, lost.pk: EmailState.SENT}


def test_enqueue_with_the_broker_down_warns_once_and_pauses(freelancer, monkeypatch, caplog):
    calls = []

    def broker_down(*args, **kwargs):
        calls.append(kwargs)
        raise ConnectionRefusedError(111, "Connection refused")

    monkeypatch.setattr(tasks.deliver_notification_email, "apply_async", broker_down)
    assert tasks.enqueue_notification_emails(range(1, 201)) == 0
    assert tasks.enqueue_notification_email(201) is False  # within the pause: the broker is not tried
    assert len(calls) == 1
    assert calls[0]["retry_policy"]["max_retries"] == 1
    warnings = [r for r in caplog.records if r.levelname == "WARNING"]
    assert len(warnings) == 1 and "200 of 200" in warnings[0].getMessage()


def test_sweep_stops_at_the_first_enqueue_failure(freelancer, monkeypatch):
    long_ago = timezone.now() - timedelta(hours=1)
    for _ in range(3):
        _pending(freelancer, created_at=long_ago)
    calls = []

    def broker_down(*args, **kwargs):
        calls.append(kwargs)
        raise ConnectionRefusedError(111, "Connection refused")

    monkeypatch.setattr(tasks.deliver_notification_email, "apply_async", broker_down)
    assert tasks.sweep_pending_notifications() == 0
    assert len(calls) == 1
    assert set(Notification.objects.values_list("email_state", flat=True)) == {EmailState.PENDING}


def test_beat_schedule_names_the_real_tasks(settings):
    from marketplace.celery import app

    names = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert {"messaging.sweep_pending_notifications", "messaging.send_message_digests"} <= names
    assert {"messaging.sweep_pending_notifications", "messaging.send_message_digests"} <= set(app.tasks)
