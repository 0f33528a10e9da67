"""Read-only queries for the messaging pages and the navigation. Each keeps a fixed number of queries."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING

from django.db.models import Count, F, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.http import Http404

from .models import Membership, Message, Notification, NotificationPreference, Room, email_default

if TYPE_CHECKING:
    from marketplace.accounts.models import User

# Before any message: compared with a null read marker, every message counts as unread.
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def unread_counts(user: User) -> dict[str, int]:
    """Unread notifications and rooms with unread messages, for the navigation badges (two COUNT queries)."""
    notifications = Notification.objects.filter(recipient=user, read_at__isnull=True).count()
    rooms = (
        Membership.objects.filter(user=user, room__last_message_at__isnull=False)
        .filter(Q(last_read_at__isnull=True) | Q(last_read_at__lt=F("room__last_message_at")))
        .aggregate(n=Count("id"))["n"]
    )
    return {"notifications": notifications, "messages": rooms}


def inbox(user: User) -> QuerySet[Membership]:
    """The user's rooms, newest activity first, each annotated for the inbox in two queries.

    Annotations on each membership: `last_body`, `last_sender_id` (null for a system message), `unread`
    (messages from others after the read marker). `room.memberships` is prefetched with users, to name the
    other participants.
    """
    last = Message.objects.filter(room=OuterRef("room_id")).order_by("-created_at", "-id")
    unread = (
        Message.objects.filter(
            room=OuterRef("room_id"), created_at__gt=Coalesce(OuterRef("last_read_at"), Value(_EPOCH))
        )
        .exclude(sender=OuterRef("user_id"))
        .order_by()
        .values("room")
        .annotate(n=Count("id"))
        .values("n")
    )
    return (
        Membership.objects.filter(user=user)
        .select_related("room")
        .prefetch_related(
            Prefetch("room__memberships", queryset=Membership.objects.select_related("user").order_by("joined_at"))
        )
        .annotate(
            last_body=Subquery(last.values("body")[:1]),
            last_sender_id=Subquery(last.values("sender_id")[:1]),
            unread=Coalesce(Subquery(unread, output_field=IntegerField()), Value(0)),
        )
        .order_by(F("room__last_message_at").desc(nulls_last=True), "-room__created_at", "-room_id")
    )


def membership_or_404(user: User, room_id: int) -> Membership:
    """The user's membership of the room, with the room; 404 for anyone who is not a participant."""
    membership = Membership.objects.select_related("room").filter(room_id=room_id, user=user).first()
    if membership is None:
        raise Http404("No such conversation.")
    return membership


def read_up_to(room: Room, last_id: int) -> datetime | None:
    """When the room's message `last_id` was written (the newest at or before it): what "read up to" means."""
    return (
        Message.objects.filter(room=room, id__lte=last_id)
        .order_by("-created_at", "-id")
        .values_list("created_at", flat=True)
        .first()
    )


def room_messages(room: Room, *, before: int | None = None, limit: int = 100) -> tuple[list[Message], bool]:
    """The latest `limit` messages of the room (older than message id `before` when given), oldest first.

    Returns the messages and whether older ones exist.
    """
    qs = Message.objects.filter(room=room).select_related("sender").order_by("-created_at", "-id")
    if before is not None:
        qs = qs.filter(id__lt=before)
    page = list(qs[: limit + 1])
    has_older = len(page) > limit
    return list(reversed(page[:limit])), has_older


def messages_after(room_id: int, after: int, *, limit: int = 200) -> list[Message]:
    """Messages of the room with an id above `after`, oldest first (what a polling page has not seen yet).

    At most `limit`; the page asks again from the newest one it got.
    """
    return list(Message.objects.filter(room_id=room_id, id__gt=after).select_related("sender").order_by("id")[:limit])


def participants(room: Room) -> list[User]:
    return [m.user for m in room.memberships.select_related("user").order_by("joined_at")]


def notifications_for(user: User) -> QuerySet[Notification]:
    return Notification.objects.filter(recipient=user).select_related("actor").order_by("-created_at", "-id")


def email_preferences(user: User) -> dict[str, bool]:
    """Email on/off for every kind the user has chosen; kinds without a row use `EMAIL_DEFAULTS`."""
    return dict(NotificationPreference.objects.filter(user=user).values_list("kind", "email"))


def email_enabled(user: User, kind: str) -> bool:
    chosen = NotificationPreference.objects.filter(user=user, kind=kind).values_list("email", flat=True).first()
    return email_default(kind) if chosen is None else chosen
