"""Invitations to interview: invite, invite to interview from a proposal, accept, decline, archive."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from jobs.models import BudgetType, JobPost
from messaging.models import NotificationKind

from ..models import (
    FREELANCER,
    Application,
    ApplicationAction,
    ApplicationStatus,
    Origin,
)
from ._base import (
    _EXISTING_FOR_CLIENT,
    ActionNotAllowed,
    _create_application,
    _decline_input,
    _has_terms_input,
    _refuse_closed_job,
    _refuse_second_application,
    _text,
    check_action,
    clean_submit_as,
    clean_terms,
    ensure_room,
    lock_application,
    lock_job,
    notify_client,
    notify_freelancer,
    post_in_room,
    record_event,
    sync,
)

if TYPE_CHECKING:
    from agencies.models import Agency
    from marketplace.accounts.models import User


def invite(job: JobPost, freelancer: User, *, by: User, message: str = "", tell: bool = True) -> Application:
    """The client invites a freelancer to interview (a new application in "invited").

    `tell=False`: the caller's own notification covers it (`hire_directly` tells about the offer once)."""
    if by is None or by.pk != job.client_id:
        raise PermissionDenied("Only the client who posted this job can invite freelancers to it.")
    if not freelancer.is_freelancer or not freelancer.is_active or freelancer.pk == by.pk:
        raise ActionNotAllowed(f"{freelancer} can't be invited: they are not an active freelancer.")
    message = _text(message, "message") or (
        f"Hello {freelancer.first_name or freelancer.username}, I'd like to invite you to interview for "
        f"my job “{job.title}”. Please take a look and let me know if you are interested."
    )
    now = timezone.now()
    with transaction.atomic():
        job = lock_job(job)
        _refuse_closed_job(job, "invitations")
        _refuse_second_application(job, freelancer, messages=_EXISTING_FOR_CLIENT)
        # No terms yet: an invitation is not a bid. Accepting without terms takes the profile rate.
        app = _create_application(
            job=job,
            freelancer=freelancer,
            origin=Origin.INVITATION,
            status=ApplicationStatus.INVITED,
            invitation_message=message,
            invited_at=now,
        )
        app.job = job
        record_event(app, actor=by, action=ApplicationAction.INVITE, from_state="", note=message, now=now)
        if tell:
            notify_freelancer(
                app,
                NotificationKind.INVITATION_RECEIVED,
                actor=by,
                text=f"{job.client} invited you to interview for “{job.title}”",
                note=message,
            )
    return app


# Transitions on an existing application ---------------------------------------------------------------------------
def invite_to_interview(application: Application, *, by: User, message: str = "") -> Application:
    """The client asks the author of a proposal to interview, without messaging yet (sent -> invited)."""
    message = _text(message, "message")
    now = timezone.now()
    with transaction.atomic():
        app = lock_application(application)
        check_action(app, "invite_to_interview", by)
        from_state = app.status
        app.invite_to_interview(message=message, now=now)
        app.save()
        record_event(app, actor=by, action=ApplicationAction.INVITE_TO_INTERVIEW, from_state=from_state, note=message)
        notify_freelancer(
            app,
            NotificationKind.INVITATION_RECEIVED,
            actor=by,
            text=f"{app.job.client} invited you to interview for “{app.job.title}”",
            note=message,
        )
    return sync(application, app)


def accept_invitation(
    application: Application,
    *,
    by: User,
    message: str,
    hourly_rate: Decimal | str | None = None,
    fixed_bid: Decimal | str | None = None,
    estimated_duration: str = "",
    agency: Agency | None = None,
) -> Application:
    """The freelancer accepts (optionally with new terms) and writes a message; the room opens.

    "Submit as" an agency the freelancer belongs to: the application is then the agency's, naming the invited
    freelancer; the client sees both, and an offer made from it becomes an agency contract.

    Side effects: the application becomes active; a room with the client; the message in it; activity entries;
    the client is notified.
    """
    message = _text(message, "message", required="Write a message to the client.")
    if agency is not None:
        clean_submit_as(agency, None, by=by)
    new_terms = _has_terms_input(hourly_rate, fixed_bid)
    now = timezone.now()
    with transaction.atomic():
        app = lock_application(application)
        check_action(app, "accept_invitation", by)
        if new_terms:
            terms = clean_terms(
                app.job, hourly_rate=hourly_rate, fixed_bid=fixed_bid, estimated_duration=estimated_duration
            )
        from_state = app.status
        app.accept_invitation(now=now)
        if agency is not None:
            app.agency, app.submitted_by = agency, by
        if new_terms:
            app.hourly_rate, app.fixed_bid, app.estimated_duration = terms
        elif not app.has_terms and app.job.budget_type == BudgetType.HOURLY:
            app.hourly_rate = getattr(getattr(app.freelancer, "freelancer_profile", None), "hourly_rate", None)
        room = ensure_room(app)
        app.save()
        post_in_room(room, sender=by, body=message)
        record_event(
            app,
            actor=by,
            action=ApplicationAction.ACCEPT_INVITATION,
            from_state=from_state,
            note=message if agency is None else f"For {agency.name}: {message}",
        )
        text = f"{by} accepted your invitation to interview for “{app.job.title}”"
        if agency is not None:
            text += f" for the agency {agency.name}"
        if new_terms:
            record_event(
                app,
                actor=by,
                action=ApplicationAction.UPDATE_TERMS,
                from_state=app.status,
                note=f"Proposed terms: {app.terms_display}",
            )
            text += f" and proposed {app.terms_display}"
        notify_client(app, NotificationKind.INVITATION_ACCEPTED, actor=by, text=text, note=message)
    return sync(application, app)


def decline_invitation(
    application: Application, *, by: User, reason: str, other_text: str = "", message: str = ""
) -> Application:
    """The freelancer declines with a reason from the list and an optional message (no contact details)."""
    reason, other_text, message = _decline_input(reason, other_text, message)
    now = timezone.now()
    with transaction.atomic():
        app = lock_application(application)
        check_action(app, "decline_invitation", by)
        from_state = app.status
        app.decline_invitation(now=now)
        app.save()
        record_event(
            app,
            actor=by,
            action=ApplicationAction.DECLINE_INVITATION,
            from_state=from_state,
            reason=reason,
            reason_text=other_text,
            note=message,
        )
        notify_client(
            app,
            NotificationKind.INVITATION_DECLINED,
            actor=by,
            text=f"{by} declined your invitation to interview for “{app.job.title}”",
            note=message,
        )
    return sync(application, app)


def ignore_invitation(application: Application, *, by: User) -> Application:
    """Out of the way, under "Archived"; the client is not told, and it is not a response."""
    with transaction.atomic():
        app = lock_application(application)
        check_action(app, "ignore", by)
        from_state = app.status
        app.ignore()
        app.save()
        # Private: the client still sees the invitation waiting for an answer.
        record_event(app, actor=by, action=ApplicationAction.IGNORE, from_state=from_state, private_to=FREELANCER)
    return sync(application, app)
