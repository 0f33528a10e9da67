import smtplib
from datetime import timedelta

import pytest
from django.core.mail.backends.locmem import EmailBackend
from django.utils import timezone

from messaging import services, tasks
from messaging.models import EMAIL_DEFAULTS, EmailState, Notification, NotificationKind
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
    assert email.extra_headers["List-Unsubscribe"] == "<https://marketplace.example/settings/notifications/>"


@pytest.mark.parametrize("kind", NotificationKind.values)
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
    # Eager mode runs the retries at once; a worker waits with exponential backoff in between.
    tasks.deliver_notification_email.apply(kwargs={"notification_id": notification.pk})

    assert len(mailoutbox) == 1
    notification.refresh_from_db()
    assert notification.email_state == EmailState.SENT
    assert notification.email_attempts == 3
    assert notification.email_last_error == ""


def test_temporary_failure_releases_the_row_for_a_retry(freelancer, flaky):
    flaky.append(smtplib.SMTPDataError(421, b"4.3.0 Try again later"))
    notification = _pending(freelancer)
    with pytest.raises(tasks.TemporaryEmailError):
        tasks.deliver_notification(notification.pk)
    notification.refresh_from_db()
    assert notification.email_state == EmailState.PENDING
    assert notification.email_last_error.startswith("SMTPDataError")
    assert notification.email_claimed_at is not None


def test_the_task_retries_with_exponential_backoff():
    task = tasks.deliver_notification_email
    assert task.name == "messaging.deliver_notification_email"
    assert task.autoretry_for == (tasks.TemporaryEmailError,)
    assert task.retry_backoff is True and task.max_retries == tasks.MAX_ATTEMPTS


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
    assert notification.email_attempts == 1
    assert type(error).__name__ in notification.email_last_error
    assert "5." in notification.email_last_error


def test_gives_up_after_max_attempts(freelancer, mailoutbox, flaky):
    flaky.extend([smtplib.SMTPServerDisconnected("gone")] * (tasks.MAX_ATTEMPTS + 5))
    notification = _pending(freelancer)
    tasks.deliver_notification_email.apply(kwargs={"notification_id": notification.pk})
    notification.refresh_from_db()
    assert notification.email_state == EmailState.FAILED
    assert notification.email_attempts == tasks.MAX_ATTEMPTS
    assert mailoutbox == []


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
