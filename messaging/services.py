"""Messaging entry points for the other apps. Call them inside the caller's transaction."""

from __future__ import annotations

from typing import Any

from django.db import models, transaction

from .models import Notification, NotificationKind


def notify(
    recipient,
    kind: NotificationKind,
    *,
    actor=None,
    text: str,
    url: str = "",
    context: dict[str, Any] | None = None,
) -> Notification:
    """Write one notification row for `recipient` and schedule its email after commit.

    Side effects: one Notification row; on commit, the email delivery task is enqueued.
    """
    notification = Notification.objects.create(
        recipient=recipient, kind=kind, actor=actor, text=text[:300], url=url, context=context or {}
    )
    transaction.on_commit(lambda: _enqueue_email(notification.pk))
    return notification


def _enqueue_email(notification_id: int) -> None:
    """Placeholder until the delivery task exists; replaced by the messaging issue."""


def open_room(*, subject: models.Model, participants: list, title: str):
    """Return the room about `subject`, creating it (and memberships) if needed. Idempotent."""
    from django.contrib.contenttypes.models import ContentType

    from .models import Membership, Room

    ct = ContentType.objects.get_for_model(subject)
    room, _ = Room.objects.get_or_create(subject_type=ct, subject_id=subject.pk, defaults={"title": title})
    for user in participants:
        Membership.objects.get_or_create(room=room, user=user)
    return room
