"""Proposals and candidacies: submit, the client's reply, new terms, withdraw, decline the candidate."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from jobs.models import JobPost, Visibility
from messaging.models import NotificationKind

from ..models import (
    Application,
    ApplicationAction,
    ApplicationStatus,
    Origin,
    RejectReason,
    WithdrawReason,
)
from ._base import (
    _EXISTING_FOR_FREELANCER,
    _EXISTING_FOR_NAMED,
    ActionNotAllowed,
    _create_application,
    _refuse_closed_job,
    _refuse_second_application,
    _text,
    check_action,
    clean_reason,
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
    system_message,
)

if TYPE_CHECKING:
    from agencies.models import Agency
    from marketplace.accounts.models import User


def submit_proposal(
    job: JobPost,
    *,
    by: User,
    cover_letter: str,
    hourly_rate: Decimal | str | None = None,
    fixed_bid: Decimal | str | None = None,
    estimated_duration: str = "",
    agency: Agency | None = None,
    named: User | None = None,
) -> Application:
    """A freelancer sends a proposal: a cover letter (fixed once sent) and terms.

    "Submit as" an agency: `by` sends it for `agency`, naming `named` (an active member who agreed to be named,
    or `by`); the application is the named freelancer's, keeps the agency, and the client sees both.

    Side effects: one sent Application; one activity entry; the client is notified (and the named member, when
    someone else named them).
    """
    if by is None or not by.is_freelancer:
        raise PermissionDenied("Only freelancers can send proposals.")
    freelancer = clean_submit_as(agency, named, by=by)
    if job.client_id in (by.pk, freelancer.pk):
        raise PermissionDenied("You can't send a proposal to your own job.")
    cover_letter = _text(cover_letter, "cover_letter", required="Write a cover letter for the client.")
    hourly_rate, fixed_bid, estimated_duration = clean_terms(
        job, hourly_rate=hourly_rate, fixed_bid=fixed_bid, estimated_duration=estimated_duration
    )
    with transaction.atomic():
        job = lock_job(job)
        _refuse_closed_job(job, "proposals")
        if (
            job.visibility == Visibility.INVITE_ONLY
            and not Application.objects.filter(job=job, freelancer=freelancer, invited_at__isnull=False).exists()
        ):
            raise ActionNotAllowed(
                "This job is invite-only: only freelancers the client invited can send a proposal.",
                code="invite_only",
            )
        _refuse_second_application(
            job, freelancer, messages=_EXISTING_FOR_FREELANCER if freelancer == by else _EXISTING_FOR_NAMED
        )
        app = _create_application(
            job=job,
            freelancer=freelancer,
            agency=agency,
            submitted_by=by if agency is not None else None,
            origin=Origin.PROPOSAL,
            status=ApplicationStatus.SENT,
            cover_letter=cover_letter,
            hourly_rate=hourly_rate,
            fixed_bid=fixed_bid,
            estimated_duration=estimated_duration,
        )
        app.job = job
        note = app.terms_display if agency is None else f"For {agency.name}, naming {freelancer}; {app.terms_display}"
        record_event(app, actor=by, action=ApplicationAction.SUBMIT, from_state="", note=note)
        sender = str(by) if agency is None else f"{agency.name} (agency)"
        named_part = "" if agency is None else f", naming {freelancer}"
        notify_client(
            app,
            NotificationKind.PROPOSAL_RECEIVED,
            actor=by,
            text=f"{sender} sent a proposal for “{job.title}”{named_part} ({app.terms_display})",
        )
        if agency is not None and freelancer != by:  # someone else named them (only an agency can)
            notify_freelancer(
                app,
                NotificationKind.AGENCY_PROPOSAL,
                actor=by,
                text=f"{by} sent {agency.name}'s proposal for “{job.title}” naming you ({app.terms_display})",
            )
    return app


def respond(application: Application, *, by: User, message: str) -> Application:
    """The client's first message on a proposal starts the candidacy; the room opens."""
    message = _text(message, "message", required="Write a message to the freelancer.")
    with transaction.atomic():
        app = lock_application(application)
        check_action(app, "respond", by)
        from_state = app.status
        app.respond()
        room = ensure_room(app)
        app.save()
        post_in_room(room, sender=by, body=message)
        record_event(app, actor=by, action=ApplicationAction.RESPOND, from_state=from_state, note=message)
        notify_freelancer(
            app,
            NotificationKind.CANDIDACY_STARTED,
            actor=by,
            text=f"{app.job.client} replied to your proposal for “{app.job.title}”",
            note=message,
        )
    return sync(application, app)


def update_terms(
    application: Application,
    *,
    by: User,
    hourly_rate: Decimal | str | None = None,
    fixed_bid: Decimal | str | None = None,
    estimated_duration: str = "",
) -> Application:
    """The freelancer proposes a different rate or bid; the state and the cover letter stay."""
    with transaction.atomic():
        app = lock_application(application)
        check_action(app, "update_terms", by)
        hourly_rate, fixed_bid, estimated_duration = clean_terms(
            app.job, hourly_rate=hourly_rate, fixed_bid=fixed_bid, estimated_duration=estimated_duration
        )
        if (app.hourly_rate, app.fixed_bid, app.estimated_duration) == (hourly_rate, fixed_bid, estimated_duration):
            raise ValidationError("These are already your terms: change the rate or bid first.", code="unchanged")
        before = app.terms_display or "none"
        app.update_terms(hourly_rate=hourly_rate, fixed_bid=fixed_bid, estimated_duration=estimated_duration)
        app.save()
        note = f"New terms: {app.terms_display} (were {before})"
        record_event(app, actor=by, action=ApplicationAction.UPDATE_TERMS, from_state=app.status, note=note)
        system_message(
            app,
            f"{by} proposed new terms: {app.terms_display}.",
            actor=by,
            actor_body=f"You proposed new terms: {app.terms_display}.",
        )
        notify_client(
            app,
            NotificationKind.TERMS_UPDATED,
            actor=by,
            text=f"{by} proposed new terms for “{app.job.title}”: {app.terms_display}",
        )
    return sync(application, app)


def withdraw(application: Application, *, by: User, reason: str, other_text: str = "") -> Application:
    """Withdraw proposal: the freelancer leaves (sent or active -> withdrawn) with a reason from the list."""
    reason, other_text = clean_reason(WithdrawReason, reason, other_text)
    now = timezone.now()
    with transaction.atomic():
        app = lock_application(application)
        check_action(app, "withdraw", by)
        from_state = app.status
        app.withdraw(now=now)
        app.save()
        record_event(
            app,
            actor=by,
            action=ApplicationAction.WITHDRAW,
            from_state=from_state,
            reason=reason,
            reason_text=other_text,
            now=now,
        )
        system_message(app, f"{by} withdrew their proposal.", actor=by, actor_body="You withdrew your proposal.")
        notify_client(
            app,
            NotificationKind.PROPOSAL_WITHDRAWN,
            actor=by,
            text=f"{by} withdrew their proposal for “{app.job.title}”",
        )
    return sync(application, app)


def reject(application: Application, *, by: User, reason: str, other_text: str = "") -> Application:
    """Decline candidate (or withdraw an invitation). The freelancer is told politely, never the reason."""
    reason, other_text = clean_reason(RejectReason, reason, other_text)
    now = timezone.now()
    with transaction.atomic():
        app = lock_application(application)
        check_action(app, "reject", by)
        from_state = app.status
        app.reject(now=now)
        app.save()
        record_event(
            app,
            actor=by,
            action=ApplicationAction.REJECT,
            from_state=from_state,
            reason=reason,
            reason_text=other_text,
            now=now,
        )
        if from_state in (ApplicationStatus.INVITED, ApplicationStatus.ARCHIVED):
            text = f"The invitation to interview for “{app.job.title}” was withdrawn by the client"
        else:
            text = (
                f"Your application for “{app.job.title}” was not selected. "
                "Thank you for applying: the client decided to move forward with other candidates"
            )
        system_message(app, "The client decided not to move forward with this application.")
        notify_freelancer(app, NotificationKind.APPLICATION_DECLINED, actor=by, text=text)
    return sync(application, app)
