"""Email delivery for notifications, through Celery. Nothing is lost; a double send needs a crash in a window.

- The Notification row is the outbox. `deliver_notification_email` claims it with a conditional UPDATE
  (pending and due, or "sending" for longer than the claim timeout -> sending), so a second run or a second
  worker finds nothing to claim and sends nothing.
- Temporary SMTP failures (refused connections, disconnects, timeouts, any 4xx answer) put the row back to
  pending with `email_next_attempt_at` and the task re-schedules itself for then: waits double from
  `EMAIL_RETRY_FIRST_DELAY` up to `EMAIL_RETRY_MAX_DELAY`, until `EMAIL_RETRY_FOR` after the first failure,
  when the row is `failed` with `email_error_temporary` set. Permanent ones (5xx, broken templates) fail at once.
- One retry chain per row: a task that finds its row not yet due (or taken) does nothing, and the sweep only
  takes back a waiting row once it is overdue by `NOTIFICATION_SWEEP_AFTER` (its chain was lost).
- `sweep_pending_notifications` (beat, every minute) re-enqueues rows left pending (the broker was down at
  commit time, a retry was lost with a dead worker) or stuck in "sending" (a worker died mid-send), and, once
  an SMTP probe answers, rows that failed on temporary errors.
- Every email carries a Message-ID fixed by its rows, so a resend after a crash has the same id.
- Message notifications (MESSAGE_RECEIVED with a room) are emailed by `send_message_digests`: one email per
  room and recipient once the room has been quiet for `MESSAGE_DIGEST_DELAY`, listing the messages still
  unread; none when they were read meanwhile.
"""

from __future__ import annotations

import logging
import smtplib
import time
from collections.abc import Iterable
from contextlib import nullcontext
from datetime import datetime, timedelta

from celery import shared_task
from django.conf import settings
from django.core.mail import get_connection
from django.db import DatabaseError, connection
from django.db.models import F, Max, Q, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from . import emails
from .models import ACCOUNT_NOTICES, EmailState, Membership, Notification, NotificationKind
from .selectors import email_enabled

logger = logging.getLogger(__name__)

SWEEP_BATCH = 500
# A retry task may run this much before the row's next attempt time and still claim it (clock and timer slop).
DUE_SLACK = timedelta(seconds=1)
# Marking a sent email as sent survives a lost database connection for about this long (sleeps 1+2+4+5+5).
MARK_SENT_SLEEPS = (1, 2, 4, 5, 5)
# Publishing gives up on the broker quickly; the row stays pending for the sweep.
PUBLISH_RETRY_POLICY = {"max_retries": 1, "interval_start": 0, "interval_step": 0.1, "interval_max": 0.1}

_broker_down_until = 0.0  # monotonic time; enqueueing skips the broker until then after a failure


class TemporaryEmailError(Exception):
    """The mail server could not take the email now; the task tries again after `delay`."""

    def __init__(self, message: str, delay: timedelta) -> None:
        super().__init__(message)
        self.delay = delay


def sweep_after() -> timedelta:
    return settings.NOTIFICATION_SWEEP_AFTER


def claim_timeout() -> timedelta:
    return settings.NOTIFICATION_CLAIM_TIMEOUT


def retry_delay(attempts: int) -> timedelta:
    """The wait after the `attempts`-th failed attempt: doubling from the first delay, capped."""
    first, cap = settings.EMAIL_RETRY_FIRST_DELAY, settings.EMAIL_RETRY_MAX_DELAY
    return min(first * 2 ** min(max(attempts - 1, 0), 30), cap)


def _claimable(now: datetime) -> Q:
    due = Q(email_next_attempt_at__isnull=True) | Q(email_next_attempt_at__lte=now + DUE_SLACK)
    return Q(email_state=EmailState.PENDING) & due | Q(
        email_state=EmailState.SENDING, email_claimed_at__lt=now - claim_timeout()
    )


def _digest_rows() -> Q:
    return Q(kind=NotificationKind.MESSAGE_RECEIVED, room__isnull=False)


def _never_tried(waited: datetime) -> Q:
    """Pending rows with no retry scheduled and no claim since `waited` (their enqueue may have been lost)."""
    return Q(email_next_attempt_at__isnull=True) & (Q(email_claimed_at__isnull=True) | Q(email_claimed_at__lt=waited))


def is_temporary(exc: BaseException) -> bool:
    """True for failures worth retrying: the network, or an SMTP 4xx answer."""
    if isinstance(exc, (smtplib.SMTPServerDisconnected, smtplib.SMTPConnectError)):
        return True
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _ in exc.recipients.values()]
        return bool(codes) and all(400 <= code < 500 for code in codes)
    if isinstance(exc, smtplib.SMTPResponseException):
        return 400 <= exc.smtp_code < 500
    return isinstance(exc, (ConnectionError, TimeoutError, OSError))


def _describe(exc: BaseException) -> str:
    return f"{exc.__class__.__name__}: {exc}"[:2000]


def _held(ids: list[int], token: datetime):
    """Rows still "sending" under our claim."""
    return Notification.objects.filter(id__in=ids, email_state=EmailState.SENDING, email_claimed_at=token)


def _finish(ids: list[int], token: datetime, state: str, error: str = "") -> int:
    """Close a claim we hold."""
    fields = {
        "email_state": state,
        "email_last_error": error,
        "email_next_attempt_at": None,
        "email_retry_until": None,
        "email_error_temporary": False,
    }
    if state == EmailState.SENT:
        fields["email_sent_at"] = timezone.now()
    return _held(ids, token).update(**fields)


def _mark_sent(ids: list[int], token: datetime) -> None:
    """Record the mail server's acceptance, reconnecting to the database if the connection was lost.

    Rows left "sending" are taken back after the claim timeout and sent again (with the same Message-ID), so
    this keeps trying for a while before giving up.
    """
    for pause in (*MARK_SENT_SLEEPS, None):
        try:
            if _finish(ids, token, EmailState.SENT) != len(ids):
                logger.warning("Notifications %s were sent after their claim was taken over.", ids)
            return
        except DatabaseError:
            if pause is None:
                logger.exception("Email for notifications %s was sent but could not be marked sent.", ids)
                return
            logger.warning("Could not mark notifications %s sent; reconnecting in %ss.", ids, pause)
            if not connection.in_atomic_block:  # a worker runs in autocommit; the next query reconnects
                connection.close()
            time.sleep(pause)


def _temporary_failure(ids: list[int], token: datetime, attempts: int, error: str) -> None:
    """Put the rows back to pending for their next attempt, or fail them once their retry time is up."""
    now = timezone.now()
    rows = _held(ids, token)
    expired = rows.filter(email_retry_until__lte=now).update(
        email_state=EmailState.FAILED, email_last_error=error, email_next_attempt_at=None, email_error_temporary=True
    )
    if expired:
        logger.error("Email for notifications %s failed for good after %s attempts: %s", ids, attempts, error)
    delay = retry_delay(attempts)
    waiting = rows.update(
        email_state=EmailState.PENDING,
        email_last_error=error,
        email_next_attempt_at=now + delay,
        email_retry_until=Coalesce(F("email_retry_until"), Value(now + settings.EMAIL_RETRY_FOR)),
        email_error_temporary=True,
    )
    if waiting:
        logger.warning("Email for notifications %s failed for now (attempt %s): %s", ids, attempts, error)
        raise TemporaryEmailError(error, delay)


def _send(email, ids: list[int], token: datetime, attempts: int) -> str:
    """Send `email` for the claimed rows and record the outcome. Raises TemporaryEmailError to retry."""
    try:
        email.send()
    except Exception as exc:
        if is_temporary(exc):
            _temporary_failure(ids, token, attempts, _describe(exc))
            return EmailState.FAILED
        logger.error("Email for notifications %s failed for good (attempt %s): %s", ids, attempts, exc)
        _finish(ids, token, EmailState.FAILED, _describe(exc))
        return EmailState.FAILED
    _mark_sent(ids, token)
    return EmailState.SENT


def enqueue_notification_emails(ids: Iterable[int]) -> int:
    """Enqueue delivery of these notifications' emails over one broker connection; returns how many.

    A broker failure is logged once and never raised: the rows stay pending for the sweep, and for
    `EMAIL_ENQUEUE_PAUSE` this process does not try the broker again, so no request waits on it twice.
    """
    global _broker_down_until
    ids = list(ids)
    if not ids:
        return 0
    if time.monotonic() < _broker_down_until:
        logger.info("Broker recently unreachable: %s notification emails left to the sweep.", len(ids))
        return 0
    from marketplace.celery import app

    enqueued = 0
    try:
        with nullcontext() if app.conf.task_always_eager else app.producer_or_acquire() as producer:
            for notification_id in ids:
                deliver_notification_email.apply_async(
                    kwargs={"notification_id": notification_id},
                    producer=producer,
                    retry=True,
                    retry_policy=PUBLISH_RETRY_POLICY,
                )
                enqueued += 1
    except Exception:
        _broker_down_until = time.monotonic() + settings.EMAIL_ENQUEUE_PAUSE.total_seconds()
        logger.warning(
            "Could not enqueue %s of %s notification emails; the sweep will retry.",
            len(ids) - enqueued,
            len(ids),
            exc_info=True,
        )
    return enqueued


def enqueue_notification_email(notification_id: int) -> bool:
    """Enqueue delivery of one notification's email. A failure (broker down) is logged, never raised."""
    return enqueue_notification_emails([notification_id]) == 1


def _retry(task, exc: TemporaryEmailError) -> None:
    # If the retry cannot be published, the row waits in pending and the sweep takes it back when overdue.
    raise task.retry(exc=exc, countdown=exc.delay.total_seconds())


@shared_task(name="messaging.deliver_notification_email", bind=True, max_retries=None, acks_late=True)
def deliver_notification_email(self, *, notification_id: int) -> str:
    try:
        return deliver_notification(notification_id)
    except TemporaryEmailError as exc:
        _retry(self, exc)
        raise


def deliver_notification(notification_id: int) -> str:
    """Claim, render and send one notification's email; returns the outcome ("sent", "skipped", ...)."""
    token = timezone.now()
    claimed = (
        Notification.objects.filter(pk=notification_id)
        .filter(_claimable(token))
        .exclude(_digest_rows())
        .update(email_state=EmailState.SENDING, email_claimed_at=token, email_attempts=F("email_attempts") + 1)
    )
    if not claimed:
        return "not claimed"
    notification = Notification.objects.select_related("recipient", "actor").get(pk=notification_id)
    ids = [notification_id]
    recipient = notification.recipient
    account_notice = notification.kind in ACCOUNT_NOTICES
    if not (recipient.is_active or account_notice) or not recipient.email:
        _finish(ids, token, EmailState.SKIPPED, "The recipient has no active email address.")
        return EmailState.SKIPPED
    if not account_notice and not email_enabled(recipient, notification.kind):
        _finish(ids, token, EmailState.SKIPPED, "Email is off for this kind in the recipient's settings.")
        return EmailState.SKIPPED
    try:
        email = emails.for_notification(notification)
    except Exception as exc:
        logger.exception("Could not render the email of notification %s", notification_id)
        _finish(ids, token, EmailState.FAILED, _describe(exc))
        return EmailState.FAILED
    email.extra_headers["Message-ID"] = emails.message_id("notification", ids)
    return _send(email, ids, token, notification.email_attempts)


def smtp_answers() -> bool:
    """Whether the mail server takes a connection and answers NOOP (for reviving failed rows)."""
    try:
        mail = get_connection(fail_silently=False)
        mail.open()
        try:
            server = getattr(mail, "connection", None)
            return server is None or server.noop()[0] == 250
        finally:
            mail.close()
    except Exception as exc:
        logger.info("SMTP probe failed: %s", _describe(exc))
        return False


def revive_failed_emails(queryset=None) -> int:
    """Put rows that failed (on temporary errors, unless a queryset is given) back to pending, a fresh schedule."""
    if queryset is None:
        queryset = Notification.objects.filter(email_error_temporary=True)
    return queryset.filter(email_state=EmailState.FAILED).update(
        email_state=EmailState.PENDING,
        email_claimed_at=None,
        email_next_attempt_at=None,
        email_retry_until=None,
    )


@shared_task(name="messaging.sweep_pending_notifications")
def sweep_pending_notifications() -> int:
    """Re-enqueue emails left pending or stuck in "sending", and failed ones once SMTP answers again.

    Returns how many were enqueued.
    """
    if (
        Notification.objects.filter(email_state=EmailState.FAILED, email_error_temporary=True).exists()
        and smtp_answers()
    ):
        logger.info("The mail server answers again: %s failed emails back to pending.", revive_failed_emails())
    now = timezone.now()
    waited = now - sweep_after()
    never_tried = _never_tried(waited) & Q(created_at__lt=waited)
    retry_lost = Q(email_next_attempt_at__lt=waited)
    ids = list(
        Notification.objects.exclude(_digest_rows())
        .filter(
            Q(email_state=EmailState.PENDING) & (never_tried | retry_lost)
            | Q(email_state=EmailState.SENDING, email_claimed_at__lt=now - claim_timeout())
        )
        .order_by("created_at", "id")
        .values_list("id", flat=True)[:SWEEP_BATCH]
    )
    enqueued = enqueue_notification_emails(ids)
    if ids:
        logger.info("Sweep re-enqueued %s of %s pending notification emails.", enqueued, len(ids))
    return enqueued


@shared_task(name="messaging.send_message_digests")
def send_message_digests() -> int:
    """Enqueue one digest per (recipient, room) whose message notifications have been quiet long enough."""
    now = timezone.now()
    waited = now - sweep_after()
    due = (
        Notification.objects.filter(_digest_rows())
        .filter(
            Q(email_state=EmailState.PENDING) & (_never_tried(waited) | Q(email_next_attempt_at__lt=waited))
            | Q(email_state=EmailState.SENDING, email_claimed_at__lt=now - claim_timeout())
        )
        .order_by()
        .values("recipient_id", "room_id")
        .annotate(latest=Max("created_at"))
        .filter(latest__lte=now - settings.MESSAGE_DIGEST_DELAY)
        .order_by("latest")[:SWEEP_BATCH]
    )
    enqueued = 0
    for group in due:
        try:
            deliver_message_digest.apply_async(
                kwargs={"recipient_id": group["recipient_id"], "room_id": group["room_id"]}
            )
        except Exception:
            logger.warning("Could not enqueue message digests; the next run will retry.", exc_info=True)
            break
        enqueued += 1
    return enqueued


@shared_task(name="messaging.deliver_message_digest", bind=True, max_retries=None, acks_late=True)
def deliver_message_digest(self, *, recipient_id: int, room_id: int) -> str:
    try:
        return deliver_digest(recipient_id, room_id)
    except TemporaryEmailError as exc:
        _retry(self, exc)
        raise


def deliver_digest(recipient_id: int, room_id: int) -> str:
    """Claim the recipient's pending message notifications in the room and email the unread ones at once."""
    token = timezone.now()
    rows = Notification.objects.filter(_digest_rows(), recipient_id=recipient_id, room_id=room_id)
    candidates = list(rows.filter(_claimable(token)).values_list("id", flat=True))
    if not candidates:
        return "not claimed"
    rows.filter(id__in=candidates).filter(_claimable(token)).update(
        email_state=EmailState.SENDING, email_claimed_at=token, email_attempts=F("email_attempts") + 1
    )
    claimed = list(
        rows.filter(id__in=candidates, email_state=EmailState.SENDING, email_claimed_at=token)
        .select_related("recipient", "message__sender")
        .order_by("created_at", "id")
    )
    if not claimed:
        return "not claimed"
    ids = [n.pk for n in claimed]
    recipient = claimed[0].recipient
    membership = Membership.objects.select_related("room").filter(room_id=room_id, user_id=recipient_id).first()
    if membership is None or not recipient.is_active or not recipient.email:
        _finish(ids, token, EmailState.SKIPPED, "The recipient is no longer in the room or has no email address.")
        return EmailState.SKIPPED
    if not email_enabled(recipient, NotificationKind.MESSAGE_RECEIVED):
        _finish(ids, token, EmailState.SKIPPED, "Email is off for messages in the recipient's settings.")
        return EmailState.SKIPPED
    last_read = membership.last_read_at
    unread = [
        n
        for n in claimed
        if n.read_at is None and n.message is not None and (last_read is None or n.message.created_at > last_read)
    ]
    read = [n.pk for n in claimed if n not in unread]
    if read:
        _finish(read, token, EmailState.SKIPPED, "Read in the app before the email was due.")
    if not unread:
        return EmailState.SKIPPED
    messages = sorted({n.message for n in unread}, key=lambda m: (m.created_at, m.pk))
    unread_ids = [n.pk for n in unread]
    try:
        email = emails.message_digest(recipient=recipient, room=membership.room, messages=messages)
    except Exception as exc:
        logger.exception("Could not render the message digest for notifications %s", unread_ids)
        _finish(unread_ids, token, EmailState.FAILED, _describe(exc))
        return EmailState.FAILED
    email.extra_headers["Message-ID"] = emails.message_id("digest", unread_ids)
    return _send(email, unread_ids, token, max(n.email_attempts for n in unread))
