from django.db.models import Count, F, Q

from .models import Membership, Notification


def unread_counts(user) -> dict[str, int]:
    """Unread notifications and rooms with unread messages, for the navigation badges."""
    notifications = Notification.objects.filter(recipient=user, read_at__isnull=True).count()
    rooms = (
        Membership.objects.filter(user=user, room__last_message_at__isnull=False)
        .filter(Q(last_read_at__isnull=True) | Q(last_read_at__lt=F("room__last_message_at")))
        .aggregate(n=Count("id"))["n"]
    )
    return {"notifications": notifications, "messages": rooms}
