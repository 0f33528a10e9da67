"""Periodic work of contracts (Celery beat, schedules in settings)."""

from __future__ import annotations

from celery import shared_task

from . import services


@shared_task(name="contracts.release_due_milestones")
def release_due_milestones() -> int:
    """Release milestones whose submitted work waited `MILESTONE_AUTO_RELEASE_DAYS` without a review."""
    return services.release_due_milestones()


@shared_task(name="contracts.close_and_bill_weeks")
def close_and_bill_weeks() -> dict[str, int]:
    """Weeks that ended go to review; weeks whose review ended are billed through the ledger."""
    return services.close_and_bill_weeks()
