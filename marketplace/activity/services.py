"""`log_action`: the one way a service records a state change (see README "Activity log")."""

from __future__ import annotations

from collections.abc import Sequence
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


def log_actions(
    actor: Any,
    action: str,
    targets: Sequence[models.Model],
    *,
    from_states: Sequence[str],
    note: str = "",
    reason: str = "",
    reason_text: str = "",
    private_to: str = "",
    data: dict[str, Any] | None = None,
    now: datetime | None = None,
) -> list[Activity]:
    """`log_action` for many targets at once, in one INSERT: the same entries as calling it for each target
    (`from_states[i]` for `targets[i]`, `to_state` each target's `status` after the change), in that order.

    For a change that moves many rows together, e.g. the applications that close with their job.
    """
    if len(from_states) != len(targets):
        raise ValueError("log_actions: one from_state per target")
    when = now or timezone.now()
    actor = actor if getattr(actor, "pk", None) else None
    rows = [
        Activity(
            content_type=ContentType.objects.get_for_model(target, for_concrete_model=True),
            object_id=target.pk,
            actor=actor,
            action=str(action),
            from_state=str(from_state or ""),
            to_state=str(getattr(target, "status", "") or ""),
            note=note or "",
            reason=str(reason or ""),
            reason_text=reason_text or "",
            private_to=private_to,
            data=dict(data or {}),
            created_at=when,
        )
        for target, from_state in zip(targets, from_states, strict=True)
    ]
    return Activity.objects.bulk_create(rows) if rows else []


def activity_for(target: models.Model) -> QuerySet[Activity]:
    """The target's entries, oldest first."""
    return Activity.objects.filter(
        content_type=ContentType.objects.get_for_model(target, for_concrete_model=True), object_id=target.pk
    ).order_by("created_at", "id")
