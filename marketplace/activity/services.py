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
    entry = _entry(
        actor,
        action,
        target,
        from_state=from_state,
        to_state=to_state,
        note=note,
        reason=reason,
        reason_text=reason_text,
        private_to=private_to,
        data=data,
        now=now or timezone.now(),
    )
    entry.save()
    return entry


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
    rows = [
        _entry(
            actor,
            action,
            target,
            from_state=from_state,
            to_state=None,
            note=note,
            reason=reason,
            reason_text=reason_text,
            private_to=private_to,
            data=data,
            now=when,
        )
        for target, from_state in zip(targets, from_states, strict=True)
    ]
    return Activity.objects.bulk_create(rows) if rows else []


def _entry(
    actor: Any,
    action: str,
    target: models.Model,
    *,
    from_state: str,
    to_state: str | None,
    note: str,
    reason: str,
    reason_text: str,
    private_to: str,
    data: dict[str, Any] | None,
    now: datetime,
) -> Activity:
    """One unsaved entry; `to_state` None means the target's `status` now."""
    return Activity(
        content_type=ContentType.objects.get_for_model(target, for_concrete_model=True),
        object_id=target.pk,
        actor=actor if getattr(actor, "pk", None) else None,
        action=str(action),
        from_state=str(from_state or ""),
        to_state=str(getattr(target, "status", "") or "") if to_state is None else to_state,
        note=note or "",
        reason=str(reason or ""),
        reason_text=reason_text or "",
        private_to=private_to,
        data=dict(data or {}),
        created_at=now,
    )


def activity_for(target: models.Model) -> QuerySet[Activity]:
    """The target's entries, oldest first."""
    return Activity.objects.filter(
        content_type=ContentType.objects.get_for_model(target, for_concrete_model=True), object_id=target.pk
    ).order_by("created_at", "id")
