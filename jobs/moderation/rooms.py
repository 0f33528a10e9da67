"""Rooms in the moderators' admin ("Flagged rooms"): reading a flagged room, warning or suspending a sender,
dismissing."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import transaction

from marketplace.activity.models import Activity
from marketplace.activity.services import activity_for, log_action
from messaging.models import NotificationKind, Room
from messaging.services import notify

from ..models import Flag, FlagStatus, JobPost, ModerationAction
from .base import (
    ModerationError,
    clean_note,
    decide_open_flags,
    record_decision,
    require_moderator,
)
from .decisions import (
    _deactivate,
    suspend_client,
)

# Rooms in the moderators' admin ("Flagged rooms") ----------------------------------------------------------------

ROOM_WARNING_TEXT = (
    "A moderator reviewed a conversation you took part in and reminds you of the marketplace's rules: keep "
    "payments and contact on the platform, and don't ask for work before a contract or for unpaid work."
)
OPEN_ROOM = "open_room"


def reviewable_rooms():
    """Rooms a moderator may read: those with a flag, open or decided (a decided flag records the decision)."""
    return Room.objects.filter(pk__in=Flag.objects.filter(room__isnull=False).values("room_id"))


def record_room_opening(room: Room, *, by) -> Activity:
    """A moderator opens a room's conversation in the admin; every opening is recorded (who, when).

    Raises PermissionDenied for a non-moderator or a room without any flag (nothing to review there).
    Side effects: one activity entry on the room (`open_room`, the moderator, the time).
    """
    require_moderator(by, "read conversations")
    if not reviewable_rooms().filter(pk=room.pk).exists():
        raise PermissionDenied("Only rooms with an open flag or a recorded decision can be read.")
    return log_action(by, OPEN_ROOM, room, to_state="")


def room_openings(room: Room):
    """Who opened the room in the admin and when, newest first."""
    return activity_for(room).filter(action=OPEN_ROOM).select_related("actor").order_by("-created_at", "-id")


def _room_senders(room: Room) -> list:
    """The people the room's open flags are about (the writers of the flagged messages)."""
    ids = Flag.objects.filter(room=room, status=FlagStatus.OPEN, user__isnull=False).values("user_id")
    return list(get_user_model().objects.filter(pk__in=ids).order_by("pk"))


def _decide_room(room: Room, *, by, note: str, dismiss: bool) -> int:
    """Decide the room's open flags; each person who reported in it is told once (never who was reported)."""
    reporter_ids = set(
        Flag.objects.filter(room=room, status=FlagStatus.OPEN, reporter__isnull=False).values_list(
            "reporter_id", flat=True
        )
    )
    count = decide_open_flags(Flag.objects.filter(room=room), moderator=by, note=note, dismiss=dismiss)
    if not count:
        raise ModerationError(f"The room “{room}” has no open flags.", code="no_flags")
    outcome = "found nothing against the rules" if dismiss else "took action"
    for reporter in get_user_model().objects.filter(pk__in=reporter_ids).order_by("pk"):
        notify(
            reporter,
            NotificationKind.REPORT_REVIEWED,
            text=f"Thank you for your report: a moderator reviewed it and {outcome}.",
            url=room.get_absolute_url(),
        )
    return count


def warn_room_sender(room: Room, *, by, note: str = "") -> int:
    """A moderator warns the writers of a room's flagged messages; the room's open flags -> actioned.

    Side effects: the open flags actioned (one activity entry each); per sender one MODERATOR_WARNING
    notification (a fixed text: the note stays internal, it may name a reporter) and one activity entry.
    Returns how many people were warned.
    """
    require_moderator(by, "warn users")
    note = clean_note(note)
    with transaction.atomic():
        Room.objects.select_for_update().get(pk=room.pk)
        senders = _room_senders(room)
        count = _decide_room(room, by=by, note=note, dismiss=False)
        for sender in senders:
            notify(
                sender,
                NotificationKind.MODERATOR_WARNING,
                actor=None,
                text=ROOM_WARNING_TEXT,
                url=room.get_absolute_url(),
            )
            record_decision(by, ModerationAction.WARN_USER, user=sender, note=note, flags=count)
    return len(senders)


def suspend_room_sender(room: Room, *, by, note: str = "") -> int:
    """A moderator suspends the writers of a room's flagged messages: they can no longer log in.

    A client is suspended as in `suspend_client` (their open jobs suspended too). Side effects: `is_active` off;
    their open applications closed and each client told (`hooks.user_suspended`); each person emailed why and where
    to appeal (`_deactivate`);
    the room's open flags -> actioned; one activity entry per person. Returns how many people were suspended.
    """
    require_moderator(by, "suspend users")
    note = clean_note(note)
    with transaction.atomic():
        Room.objects.select_for_update().get(pk=room.pk)
        senders = _room_senders(room)
        if not senders:
            raise ModerationError(f"The room “{room}” has no open flag about a person.", code="no_sender")
        if any(sender.is_staff or sender.is_superuser for sender in senders):
            raise ModerationError("Staff accounts can't be suspended from the moderation tools.", code="staff")
        count = _decide_room(room, by=by, note=note, dismiss=False)
        for sender in senders:
            user = get_user_model().objects.select_for_update().get(pk=sender.pk)
            if not user.is_active:
                continue
            if JobPost.objects.filter(client=user).exists():
                suspend_client(user, by=by, note=note)
                continue
            _deactivate(user, by=by, note=note)
            record_decision(by, ModerationAction.SUSPEND_USER, user=user, note=note, flags=count)
    return len(senders)


def dismiss_room_flags(room: Room, *, by, note: str = "") -> int:
    """A moderator finds nothing wrong in a room: its open flags -> dismissed. Returns how many.

    Side effects: each open flag dismissed (one activity entry each); one activity entry per person flagged.
    """
    require_moderator(by, "dismiss flags")
    note = clean_note(note)
    with transaction.atomic():
        Room.objects.select_for_update().get(pk=room.pk)
        senders = _room_senders(room)
        count = _decide_room(room, by=by, note=note, dismiss=True)
        for sender in senders:
            record_decision(by, ModerationAction.DISMISS_FLAGS, user=sender, note=note, flags=count)
    return count
