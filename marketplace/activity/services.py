"""`log_action`: the one way a service records a state change (see README "Activity log")."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import QuerySet
from django.utils import timezone

from .models import Activity


def log_action(
    actor: Any,
    action: str,
    target: models.Model,
    *,
    from_state: str = "",
    to_state: str | None = None,
    note: str = "",
    reason: str = "",
    reason_text: str = "",
    private_to: str = "",
    data: dict[str, Any] | None = None,
    now: datetime | None = None,
) -> Activity:
    """Record that `actor` (a user, or None for the system) did `action` to `target`.

    `to_state` defaults to the target's `status` after the change (call it after the transition). Call it once
    per state change, inside the service's transaction.
    """
    if to_state is None:
        to_state = str(getattr(target, "status", "") or "")
    return Activity.objects.create(
        content_type=ContentType.objects.get_for_model(target, for_concrete_model=True),
        object_id=target.pk,
        actor=actor if getattr(actor, "pk", None) else None,
        action=str(action),
        from_state=str(from_state or ""),
        to_state=to_state,
        note=note or "",
        reason=str(reason or ""),
        reason_text=reason_text or "",
        private_to=private_to,
        data=data or {},
        created_at=now or timezone.now(),
    )


def activity_for(target: models.Model) -> QuerySet[Activity]:
    """The target's entries, oldest first."""
    return Activity.objects.filter(
        content_type=ContentType.objects.get_for_model(target, for_concrete_model=True), object_id=target.pk
    ).order_by("created_at", "id")
