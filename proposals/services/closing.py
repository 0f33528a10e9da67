"""The system and the job's end: expiry of invitations and offers, closing a job and its applications."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django_fsm import ConcurrentTransition, can_proceed

from jobs.models import JobPost, JobStatus
from marketplace.activity.services import log_action, log_actions
from messaging.models import NotificationKind
from messaging.services import Notice, notify, notify_many, post_system_messages

from ..models import (
    OPEN_STATES,
    Application,
    ApplicationAction,
    ApplicationStatus,
    Offer,
    OfferStatus,
    SystemReason,
)
from ._base import (
    ActionNotAllowed,
    _text,
    lock_application,
    lock_job,
    notice_context,
    notify_client,
    notify_freelancer,
    record_event,
    sync,
    system_message,
)

if TYPE_CHECKING:
    from marketplace.accounts.models import User

logger = logging.getLogger("proposals.services")  # the name it logged under before the split


# The system: expiry and closing ------------------------------------------------------------------------------------
def expire_due(now: datetime | None = None, *, only: list[int] | None = None) -> int:
    """Expire unanswered invitations and offers past their window; returns how many expired.

    Each application is handled in its own transaction, so one failure does not hold up the others.
    `only` limits the run to these application ids (the admin action).
    """
    now = now or timezone.now()
    cutoff = now - timedelta(days=settings.INVITATION_EXPIRY_DAYS)
    invitations = Application.objects.filter(status__in=[ApplicationStatus.INVITED, ApplicationStatus.ARCHIVED]).filter(
        Q(invited_at__lte=cutoff) | Q(invited_at__isnull=True, created_at__lte=cutoff)
    )
    offers = Application.objects.filter(
        status=ApplicationStatus.OFFERED, offers__status=OfferStatus.OPEN, offers__expires_at__lte=now
    )
    if only is not None:
        invitations, offers = invitations.filter(pk__in=only), offers.filter(pk__in=only)
    ids = sorted(set(invitations.values_list("pk", flat=True)) | set(offers.values_list("pk", flat=True)))
    expired = 0
    for pk in ids:
        try:
            expired += _expire_one(pk, now)
        except Exception:
            logger.exception("Could not expire application %s", pk)
    if expired:
        logger.info("Expired %s application(s).", expired)
    return expired


def _expire_one(pk: int, now: datetime) -> int:
    with transaction.atomic():
        app = lock_application(pk)
        from_state = app.status
        if from_state in (ApplicationStatus.INVITED, ApplicationStatus.ARCHIVED):
            invited_at = app.invited_at or app.created_at
            if invited_at > now - timedelta(days=settings.INVITATION_EXPIRY_DAYS):
                return 0
            app.expire(now=now)
            app.save()
            record_event(
                app,
                actor=None,
                action=ApplicationAction.EXPIRE,
                from_state=from_state,
                reason=SystemReason.INVITATION_EXPIRED,
                now=now,
            )
            notify_freelancer(
                app,
                NotificationKind.INVITATION_EXPIRED,
                actor=None,
                text=f"The invitation to interview for “{app.job.title}” expired without an answer",
            )
            notify_client(
                app,
                NotificationKind.INVITATION_EXPIRED,
                actor=None,
                text=f"Your invitation to {app.freelancer} for “{app.job.title}” expired without an answer",
            )
            return 1
        if from_state == ApplicationStatus.OFFERED:
            offer = (
                Offer.objects.select_for_update(of=("self",))
                .filter(application=app, status=OfferStatus.OPEN, expires_at__lte=now)
                .first()
            )
            if offer is None:
                return 0
            offer.expire(now=now)
            offer.save()
            app.expire(now=now)
            app.save()
            record_event(
                app,
                actor=None,
                action=ApplicationAction.EXPIRE,
                from_state=from_state,
                reason=SystemReason.OFFER_EXPIRED,
                now=now,
            )
            system_message(app, "The offer expired without an answer.")
            notify_freelancer(
                app,
                NotificationKind.OFFER_EXPIRED,
                actor=None,
                text=f"The offer for “{app.job.title}” expired",
            )
            notify_client(
                app,
                NotificationKind.OFFER_EXPIRED,
                actor=None,
                text=f"Your offer to {app.freelancer} for “{app.job.title}” expired without an answer",
            )
            return 1
    return 0


_CLOSE_TEXT: dict[str, str] = {
    SystemReason.JOB_CLOSED: "The client closed the job “{title}”, so your application is closed",
    SystemReason.JOB_CANCELLED: "The client cancelled the job “{title}”, so your application is closed",
    SystemReason.JOB_FILLED: (
        "The job “{title}” has been filled, so your application is closed. Thank you for your interest"
    ),
    SystemReason.JOB_SUSPENDED: "The job “{title}” was taken down by a moderator, so your application is closed",
}


def close_open_applications(
    job: JobPost, *, reason: str, now: datetime | None = None, exclude: int | None = None
) -> list[Application]:
    """Close every open application of a (locked) job: one event and one notification per freelancer, and a note
    in each room.

    In bulk, so the number of queries does not grow with the applications (a job may have a thousand): the open
    applications are locked in one query and their open offers in another, the transitions run in memory (they do
    no I/O), one UPDATE per table saves them (guarded by the state, as ConcurrentTransitionMixin's save is), and
    the events, room notes and notifications are one INSERT each; their emails are enqueued by one on-commit
    callback.
    """
    now = now or timezone.now()
    open_apps = Application.objects.select_for_update(of=("self",)).filter(job=job, status__in=OPEN_STATES)
    if exclude is not None:
        open_apps = open_apps.exclude(pk=exclude)
    apps = list(open_apps.order_by("pk"))
    if not apps:
        return apps
    _close_offers([app for app in apps if app.status == ApplicationStatus.OFFERED], now=now)
    from_states = [app.status for app in apps]
    for app in apps:
        app.job = job
        app.close(now=now)
    _save_closed(Application.objects.filter(status__in=OPEN_STATES), apps, ended_at=now, updated_at=now)
    log_actions(None, ApplicationAction.CLOSE, apps, from_states=from_states, reason=reason, now=now)
    post_system_messages(
        [app.room_id for app in apps if app.room_id is not None],
        body="This job is no longer open, so this application is closed.",
    )
    text = _CLOSE_TEXT[reason].format(title=job.title)
    notify_many(
        NotificationKind.JOB_CLOSED,
        [Notice(app.freelancer_id, text=text, url=app.get_absolute_url(), context=notice_context(app)) for app in apps],
    )
    return apps


def _close_offers(offered: list[Application], *, now: datetime) -> None:
    """Close the open offers of these (locked, offered) applications: one locking SELECT, one UPDATE."""
    if not offered:
        return
    offers = list(
        Offer.objects.select_for_update(of=("self",)).filter(
            application__in=[app.pk for app in offered], status=OfferStatus.OPEN
        )
    )
    for offer in offers:
        offer.close(now=now)
    _save_closed(Offer.objects.filter(status=OfferStatus.OPEN), offers, decided_at=now)


def _save_closed(
    from_open: QuerySet[Application] | QuerySet[Offer], rows: list[Application] | list[Offer], **fields: datetime
) -> None:
    """Save rows that a transition just closed in one UPDATE, as their `save()` would: only rows still open in the
    database are written (ConcurrentTransitionMixin's guard), and a row that moved meanwhile is refused."""
    if not rows:
        return
    status = rows[0].status
    updated = from_open.filter(pk__in=[row.pk for row in rows]).update(status=status, **fields)
    if updated != len(rows):
        raise ConcurrentTransition("Cannot save object! The state has been changed since fetched from the database!")
    for row in rows:
        for name, value in fields.items():
            setattr(row, name, value)
        row._update_initial_state()


_CLOSE_TO: dict[str, tuple[str, SystemReason]] = {
    JobStatus.CLOSED: ("close", SystemReason.JOB_CLOSED),
    JobStatus.CANCELLED: ("cancel", SystemReason.JOB_CANCELLED),
    JobStatus.SUSPENDED: ("suspend", SystemReason.JOB_SUSPENDED),
}


def close_job(
    job: JobPost,
    *,
    by: User,
    reason: str = "",
    to: str = JobStatus.CLOSED,
    note: str | None = None,
    data: dict[str, Any] | None = None,
) -> JobPost:
    """Close, cancel (the client) or suspend (a moderator) a job, and close every open application of it.

    Each freelancer with an open application gets one notification; on a suspension the client is told too
    (with the moderator's reason). Returns the job. The activity entry keeps `note` (a moderator's internal
    note; the public `reason` when not given) and `data`.
    """
    if to not in _CLOSE_TO:
        raise ValueError(f"close_job: `to` must be one of {sorted(_CLOSE_TO)}, not {to!r}")
    if to == JobStatus.SUSPENDED:
        if by is None or not (by.is_superuser or getattr(by, "is_moderator", False)):
            raise PermissionDenied("Only moderators can suspend a job.")
    elif by is None or by.pk != job.client_id:
        raise PermissionDenied("Only the client who posted this job can close it.")
    reason = _text(reason, "reason", max_length=2000)
    method_name, app_reason = _CLOSE_TO[to]
    action = "suspend_job" if to == JobStatus.SUSPENDED else method_name  # jobs.models.ModerationAction
    now = timezone.now()
    with transaction.atomic():
        locked = lock_job(job)
        move = getattr(locked, method_name)
        if not can_proceed(move):
            raise ActionNotAllowed(
                f"The job “{locked.title}” is {locked.get_status_display().lower()}, so it can't be "
                f"{JobStatus(to).label.lower()} now.",
                code="job_not_open",
            )
        from_state = locked.status
        move(reason=reason)
        locked.save()
        log_action(by, action, locked, from_state=from_state, note=reason if note is None else note, data=data)
        close_open_applications(locked, reason=app_reason, now=now)
        if to == JobStatus.SUSPENDED:
            notify(
                locked.client,
                NotificationKind.JOB_SUSPENDED,
                actor=None,
                text=f"A moderator suspended your job post “{locked.title}”",
                url=locked.get_absolute_url(),
                context={"job_title": locked.title, "note": reason},
            )
    return sync(job, locked)
