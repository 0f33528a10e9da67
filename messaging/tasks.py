"""Email delivery for notifications, through Celery. Nothing is lost, nothing is sent twice.

- The Notification row is the outbox. `deliver_notification_email` claims it with a conditional UPDATE
  (pending, or "sending" for longer than the claim timeout -> sending), so a second run or a second worker
  finds nothing to claim and sends nothing.
- Temporary SMTP failures (disconnects, refused connections, timeouts, 4xx answers) put the row back to
  pending and retry with exponential backoff; permanent ones (5xx, broken templates) mark it failed with
  the error. After `MAX_ATTEMPTS` claims a row is failed too.
- `sweep_pending_notifications` (beat, every minute) re-enqueues rows left pending, e.g. because the broker
  was down at commit time, or stuck in "sending" because a worker died.
- Message notifications (MESSAGE_RECEIVED with a room) are emailed by `send_message_digests`: one email per
  room and recipient once the room has been quiet for `MESSAGE_DIGEST_DELAY`, listing the messages still
  unread; none when they were read meanwhile.

Windows, overridable in settings: `NOTIFICATION_SWEEP_AFTER` (default 2 minutes) and
`NOTIFICATION_CLAIM_TIMEOUT` (default 10 minutes, far above `EMAIL_TIMEOUT`).
"""

from __future__ import annotations

import logging
import smtplib
from datetime import datetime, timedelta

from celery import shared_task
from django.conf import settings
from django.db.models import F, Max, Q
from django.utils import timezone

from . import emails
from .models import EmailState, Membership, Notification, NotificationKind
from .selectors import email_enabled

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 8
SWEEP_BATCH = 500


class TemporaryEmailError(Exception):
    """The mail server could not take the email now; Celery retries with backoff."""


def sweep_after() -> timedelta:
    return settings.NOTIFICATION_SWEEP_AFTER


def claim_timeout() -> timedelta:
    return settings.NOTIFICATION_CLAIM_TIMEOUT


def _claimable(now: datetime) -> Q:
    return Q(email_state=EmailState.PENDING) | Q(
        email_state=EmailState.SENDING, email_claimed_at__lt=now - claim_timeout()
    )


def _digest_rows() -> Q:
    return Q(kind=NotificationKind.MESSAGE_RECEIVED, room__isnull=False)


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


def _finish(ids: list[int], token: datetime, state: str, error: str = "") -> int:
    """Close a claim we hold (rows still "sending" under our claim time)."""
    fields = {"email_state": state, "email_last_error": error}
    if state == EmailState.SENT:
        fields["email_sent_at"] = timezone.now()
    # Back to pending keeps email_claimed_at, so the sweep leaves the row to Celery's retry for a while.
    return Notification.objects.filter(id__in=ids, email_state=EmailState.SENDING, email_claimed_at=token).update(
        **fields
    )


def _send(email, ids: list[int], token: datetime, attempts: int) -> str:
    """Send `email` for the claimed rows and record the outcome. Raises TemporaryEmailError to retry."""
    try:
        email.send()
    except Exception as exc:
        if is_temporary(exc) and attempts < MAX_ATTEMPTS:
            logger.warning("Email for notifications %s failed for now (attempt %s): %s", ids, attempts, exc)
            _finish(ids, token, EmailState.PENDING, _describe(exc))
            raise TemporaryEmailError(_describe(exc)) from exc
        logger.error("Email for notifications %s failed for good (attempt %s): %s", ids, attempts, exc)
        _finish(ids, token, EmailState.FAILED, _describe(exc))
        return EmailState.FAILED
    if _finish(ids, token, EmailState.SENT) != len(ids):
        logger.warning("Notifications %s were sent after their claim was taken over.", ids)
    return EmailState.SENT


def enqueue_notification_email(notification_id: int) -> bool:
    """Enqueue delivery of one notification's email. A failure (broker down) is logged, never raised."""
    try:
        deliver_notification_email.apply_async(kwargs={"notification_id": notification_id})
    except Exception:
        logger.warning(
            "Could not enqueue the email of notification %s; the sweep will retry.", notification_id, exc_info=True
        )
        return False
    return True


@shared_task(
    name="messaging.deliver_notification_email",
    bind=True,
    autoretry_for=(TemporaryEmailError,),
    retry_backoff=True,
    retry_backoff_max=300,
    retry_jitter=True,
    max_retries=MAX_ATTEMPTS,
    acks_late=True,
)
def deliver_notification_email(self, *, notification_id: int) -> str:
    return deliver_notification(notification_id)


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
    if not recipient.is_active or not recipient.email:
        _finish(ids, token, EmailState.SKIPPED, "The recipient has no active email address.")
        return EmailState.SKIPPED
    if not email_enabled(recipient, notification.kind):
        _finish(ids, token, EmailState.SKIPPED, "Email is off for this kind in the recipient's settings.")
        return EmailState.SKIPPED
    try:
        email = emails.for_notification(notification)
    except Exception as exc:
        logger.exception("Could not render the email of notification %s", notification_id)
        _finish(ids, token, EmailState.FAILED, _describe(exc))
        return EmailState.FAILED
    return _send(email, ids, token, notification.email_attempts)


@shared_task(name="messaging.sweep_pending_notifications")
def sweep_pending_notifications() -> int:
    """Re-enqueue emails left pending for a while or stuck in "sending"; returns how many were enqueued."""
    now = timezone.now()
    waited = now - sweep_after()
    ids = list(
        Notification.objects.exclude(_digest_rows())
        .filter(
            Q(email_state=EmailState.PENDING, created_at__lt=waited)
            & (Q(email_claimed_at__isnull=True) | Q(email_claimed_at__lt=waited))
            | Q(email_state=EmailState.SENDING, email_claimed_at__lt=now - claim_timeout())
        )
        .order_by("created_at", "id")
        .values_list("id", flat=True)[:SWEEP_BATCH]
    )
    enqueued = 0
    for notification_id in ids:
        if not enqueue_notification_email(notification_id):
            break  # the broker is down: the next sweep tries again
        enqueued += 1
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
            Q(email_state=EmailState.PENDING) & (Q(email_claimed_at__isnull=True) | Q(email_claimed_at__lt=waited))
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


@shared_task(
    name="messaging.deliver_message_digest",
    bind=True,
    autoretry_for=(TemporaryEmailError,),
    retry_backoff=True,
    retry_backoff_max=300,
    retry_jitter=True,
    max_retries=MAX_ATTEMPTS,
    acks_late=True,
)
def deliver_message_digest(self, *, recipient_id: int, room_id: int) -> str:
    return deliver_digest(recipient_id, room_id)


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
    return _send(email, unread_ids, token, max(n.email_attempts for n in unread))
