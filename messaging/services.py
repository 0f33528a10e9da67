"""Messaging entry points for the other apps and the messaging views.

`notify`, `open_room`, `post_message` and `post_system_message` are meant to be called inside the caller's
transaction: they write rows, and email delivery is enqueued only after the commit.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.db.models import F, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone

from .models import (
    EmailState,
    Membership,
    Message,
    Notification,
    NotificationKind,
    NotificationPreference,
    Room,
)
from .screening import screen_message

if TYPE_CHECKING:
    from marketplace.accounts.models import User

logger = logging.getLogger(__name__)

MESSAGE_MAX_LENGTH = 5000

# Notification ids whose emails `batched_emails` enqueues together after commit.
_email_batch: ContextVar[list[int] | None] = ContextVar("email_batch", default=None)


@contextmanager
def batched_emails() -> Iterator[None]:
    """Within the block (inside the caller's transaction), `notify` collects email deliveries and one on-commit
    callback enqueues them all over one broker connection, e.g. when a job with many applications closes."""
    if _email_batch.get() is not None:
        yield
        return
    ids: list[int] = []
    token = _email_batch.set(ids)
    try:
        yield
    finally:
        _email_batch.reset(token)
    if ids:
        transaction.on_commit(lambda: _enqueue_emails(ids))


def notify(
    recipient: User,
    kind: NotificationKind,
    *,
    actor: User | None = None,
    text: str,
    url: str = "",
    context: dict[str, Any] | None = None,
    room: Room | None = None,
    message: Message | None = None,
) -> Notification:
    """Write one notification row for `recipient` and schedule its email after commit.

    `url` is the site path of the thing the notification is about (emails prefix it with `SITE_URL`).
    Optional `context` keys the email templates read: `job_title`, `note` (words the actor wrote).
    A MESSAGE_RECEIVED notification with a `room` is not emailed on its own: `send_message_digests` emails
    one digest per room after a quiet period.

    Side effects: one Notification row; on commit, the email delivery task is enqueued (a failure to
    enqueue is logged and the sweep retries later; it never breaks the caller).
    """
    notification = Notification.objects.create(
        recipient=recipient,
        kind=kind,
        actor=actor,
        text=text[:300],
        url=url[:300],
        context=context or {},
        room=room,
        message=message,
    )
    if not notification.is_digest:
        batch = _email_batch.get()
        if batch is not None:
            batch.append(notification.pk)
        else:
            transaction.on_commit(lambda: _enqueue_emails([notification.pk]))
    return notification


@dataclass(frozen=True)
class Notice:
    """One notification of a kind that `notify_many` writes for many people at once."""

    recipient_id: int
    text: str
    url: str = ""
    context: dict[str, Any] = field(default_factory=dict)


def notify_many(kind: NotificationKind, notices: Sequence[Notice], *, actor: User | None = None) -> list[Notification]:
    """`notify` for many recipients at once: the same rows in one INSERT, and one on-commit callback (or the
    enclosing `batched_emails` block's) enqueues all their emails. For kinds emailed on their own (not the
    room digests), e.g. every freelancer of a job that closes.
    """
    if kind == NotificationKind.MESSAGE_RECEIVED:
        raise ValueError("notify_many: message notifications go through post_message (room digests)")
    rows = Notification.objects.bulk_create(
        [
            Notification(
                recipient_id=notice.recipient_id,
                kind=kind,
                actor=actor,
                text=notice.text[:300],
                url=notice.url[:300],
                context=notice.context,
            )
            for notice in notices
        ]
    )
    ids = [row.pk for row in rows]
    batch = _email_batch.get()
    if batch is not None:
        batch.extend(ids)
    elif ids:
        transaction.on_commit(lambda: _enqueue_emails(ids))
    return rows


def _enqueue_emails(ids: list[int]) -> None:
    from .tasks import enqueue_notification_emails

    enqueue_notification_emails(ids)


def open_room(*, subject: models.Model, participants: Iterable[User], title: str) -> Room:
    """Return the room about `subject`, creating it (and memberships) if needed. Idempotent."""
    from django.contrib.contenttypes.models import ContentType

    ct = ContentType.objects.get_for_model(subject)
    room, _ = Room.objects.get_or_create(subject_type=ct, subject_id=subject.pk, defaults={"title": title})
    for user in participants:
        Membership.objects.get_or_create(room=room, user=user)
    return room


def leave_rooms(user: User, rooms: QuerySet[models.Model, Any] | Iterable[int]) -> int:
    """Take `user` out of `rooms` (a queryset or ids): they no longer see them or hear about them. Returns how
    many memberships ended.

    Side effects: deletes the user's Membership rows in those rooms.
    """
    deleted, _ = Membership.objects.filter(user=user, room__in=rooms).delete()
    return deleted


def _clean_body(body: str) -> str:
    body = (body or "").strip()
    if not body:
        raise ValidationError("Write a message first.", code="required")
    if len(body) > MESSAGE_MAX_LENGTH:
        raise ValidationError(
            f"Keep messages to {MESSAGE_MAX_LENGTH} characters (this one has {len(body)}).", code="max_length"
        )
    return body


def _advance(field: str, when: datetime) -> Greatest:
    """An update expression that moves a nullable timestamp forward to `when`, never back."""
    return Greatest(Coalesce(F(field), when), when)


def check_new_account_rate(sender: User) -> None:
    """A new account (younger than `NEW_ACCOUNT_DAYS`) sends at most `NEW_ACCOUNT_MESSAGES_PER_HOUR` messages an
    hour from the room form, against spam (every message of theirs in the hour counts; only the form is refused).
    Raises ValidationError past that.
    """
    limit = settings.NEW_ACCOUNT_MESSAGES_PER_HOUR
    now = timezone.now()
    if sender.date_joined < now - timedelta(days=settings.NEW_ACCOUNT_DAYS):
        return
    sent = Message.objects.filter(sender=sender, created_at__gte=now - timedelta(hours=1)).count()
    if sent >= limit:
        raise ValidationError(
            f"New accounts can send {limit} messages an hour. Please wait a little before writing again.",
            code="rate_limited",
        )


def post_message(room: Room, *, sender: User, body: str, notify_others: bool = True) -> Message:
    """`sender` writes `body` in `room`: the one way a person's message is posted.

    The words go through the screening hook first (`messaging.screening`, setting `MESSAGE_SCREENING`): it
    may refuse them with a ValidationError, and what it found is stored on the message so the room can show
    the safety notices.

    `notify_others=False` is for a service whose own notification already quotes the words (for example
    "Maria accepted your invitation: ..."), so the other side hears about it once.

    Raises PermissionDenied unless the sender is a participant, ValidationError for an empty or too long body.
    Side effects: one Message; the room's `last_message_at`; the sender's read marker (their own message
    notifications for the room are marked read); one MESSAGE_RECEIVED notification per other participant
    (emailed in the room's digest, see `messaging.tasks`).
    """
    body = _clean_body(body)
    screening = screen_message(room, sender=sender, body=body)
    with transaction.atomic():
        members = list(Membership.objects.filter(room=room).select_related("user"))
        if not any(m.user_id == sender.pk for m in members):
            raise PermissionDenied("Only the people in this conversation can write in it.")
        message = Message.objects.create(room=room, sender=sender, body=body, screening=dict(screening.stored))
        if screening.on_posted is not None:
            screening.on_posted(message)
        Room.objects.filter(pk=room.pk).update(last_message_at=_advance("last_message_at", message.created_at))
        mark_room_read(room, user=sender, up_to=message.created_at)  # writing in a room means reading it
        room.last_message_at = max(filter(None, [room.last_message_at, message.created_at]))
        sender_name = str(sender)
        for member in members if notify_others else ():
            if member.user_id == sender.pk or not member.user.is_active:
                continue
            notify(
                member.user,
                NotificationKind.MESSAGE_RECEIVED,
                actor=sender,
                text=f"{sender_name} sent you a message in “{room.title}”",
                url=room.get_absolute_url(),
                context={"room_id": room.pk, "message_id": message.pk},
                room=room,
                message=message,
            )
    return message


def post_system_message(room: Room, *, body: str, actor: User | None = None, actor_body: str = "") -> Message:
    """A message from the marketplace itself (no sender), e.g. "Maria withdrew the offer.".

    `actor`: the person whose action the note reports; they read `actor_body` ("You withdrew the offer.") and
    the note is not unread for them (their read marker moves past it when they had read everything before).
    Side effects: one Message and the room's `last_message_at` (unread for the other participants).
    No notification: the calling service sends its own.
    """
    body = _clean_body(body)
    with transaction.atomic():
        before = Room.objects.filter(pk=room.pk).values_list("last_message_at", flat=True).first()
        message = Message.objects.create(
            room=room, sender=None, body=body, actor=actor, actor_body=actor_body.strip() if actor else ""
        )
        Room.objects.filter(pk=room.pk).update(last_message_at=_advance("last_message_at", message.created_at))
        if actor is not None:
            caught_up = Q(last_read_at__gte=before) if before is not None else Q()
            Membership.objects.filter(room=room, user=actor).filter(caught_up).update(
                last_read_at=_advance("last_read_at", message.created_at)
            )
    room.last_message_at = max(filter(None, [room.last_message_at, message.created_at]))
    return message


def post_system_messages(room_ids: Sequence[int], *, body: str) -> list[Message]:
    """`post_system_message` (no actor) in many rooms at once: one Message per room in one INSERT, and one UPDATE
    moves each room's `last_message_at` to its new message. E.g. every room of a job that closes.
    """
    body = _clean_body(body)
    if not room_ids:
        return []
    with transaction.atomic():
        messages = Message.objects.bulk_create([Message(room_id=pk, sender=None, body=body) for pk in room_ids])
        newest = Subquery(Message.objects.filter(room=OuterRef("pk")).order_by("-created_at").values("created_at")[:1])
        Room.objects.filter(pk__in=room_ids).update(
            last_message_at=Greatest(Coalesce(F("last_message_at"), newest), newest)
        )
    return messages


def mark_room_read(room: Room, *, user: User, up_to: datetime | None = None) -> None:
    """The user has seen the room's messages up to `up_to` (default: the latest message).

    Side effects: the user's read marker moves forward; their unread message notifications for those
    messages are marked read, and any digest email not sent yet for them is skipped.
    """
    if up_to is None:
        up_to = Room.objects.filter(pk=room.pk).values_list("last_message_at", flat=True).first()
        if up_to is None:
            return
    now = timezone.now()
    with transaction.atomic():
        Membership.objects.filter(room=room, user=user).filter(
            Q(last_read_at__isnull=True) | Q(last_read_at__lt=up_to)
        ).update(last_read_at=up_to)
        seen = Notification.objects.filter(
            recipient=user, room=room, kind=NotificationKind.MESSAGE_RECEIVED, message__created_at__lte=up_to
        )
        seen.filter(read_at__isnull=True).update(read_at=now)
        seen.filter(email_state=EmailState.PENDING).update(
            email_state=EmailState.SKIPPED, email_last_error="Read in the app before the email was due."
        )


def mark_notification_read(notification: Notification, *, user: User) -> Notification:
    """Mark one of the user's notifications read. Raises PermissionDenied for someone else's."""
    if notification.recipient_id != user.pk:
        raise PermissionDenied("This notification is not yours.")
    if notification.read_at is None:
        notification.read_at = timezone.now()
        Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(read_at=notification.read_at)
    return notification


def mark_read(user: User, ids: Iterable[int]) -> int:
    """Mark these notifications of the user read (others' ids are ignored); returns how many changed."""
    return Notification.objects.filter(recipient=user, pk__in=list(ids), read_at__isnull=True).update(
        read_at=timezone.now()
    )


def mark_all_read(user: User) -> int:
    """Mark every unread notification of the user read; returns how many changed."""
    return Notification.objects.filter(recipient=user, read_at__isnull=True).update(read_at=timezone.now())


def unsubscribe(user: User, kind: str) -> None:
    """The signed link in an email (`messaging.unsubscribe`): that kind of email off for that person."""
    set_preferences(user, {kind: False})


def set_preferences(user: User, email_by_kind: Mapping[str, bool]) -> None:
    """Store the user's email choice for each given kind (in-app notifications are always on)."""
    valid = set(NotificationKind.values)
    rows = [
        NotificationPreference(user=user, kind=kind, email=bool(email))
        for kind, email in email_by_kind.items()
        if kind in valid
    ]
    if rows:
        NotificationPreference.objects.bulk_create(
            rows, update_conflicts=True, unique_fields=["user", "kind"], update_fields=["email"]
        )
