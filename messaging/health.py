"""How far behind email delivery is, for /healthz."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import Min, Q

from .models import EmailState, Notification, NotificationKind


def oldest_pending_email_age(now: datetime) -> timedelta | None:
    """Age of the oldest email still to be sent; a digest's quiet period does not count as waiting."""
    waiting = Notification.objects.filter(email_state__in=[EmailState.PENDING, EmailState.SENDING])
    digest = Q(kind=NotificationKind.MESSAGE_RECEIVED, room__isnull=False)
    oldest_single = waiting.exclude(digest).aggregate(at=Min("created_at"))["at"]
    oldest_digest = waiting.filter(digest).aggregate(at=Min("created_at"))["at"]
    ages = []
    if oldest_single is not None:
        ages.append(now - oldest_single)
    if oldest_digest is not None:
        ages.append(max(now - oldest_digest - settings.MESSAGE_DIGEST_DELAY, timedelta(0)))
    return max(ages) if ages else None
