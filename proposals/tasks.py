"""Periodic work of the hiring workflow (Celery beat: `expire-applications` in settings)."""

from __future__ import annotations

from celery import shared_task

from . import services


@shared_task(name="proposals.expire_applications")
def expire_applications() -> int:
    """Expire unanswered invitations and offers past their window; returns how many expired."""
    return services.expire_due()
