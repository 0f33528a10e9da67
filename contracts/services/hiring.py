"""Contract actions. `accept_offer` lives here (the higher layer) because it creates a contract.

Same shape as `proposals.services`: permission, one transaction with row locks (the job row, then the
application row), a clear `ActionNotAllowed` for a state that does not allow the action, the transition, the
related rows, the timeline event and the notifications.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from jobs.models import JobStatus
from marketplace.activity.services import log_action
from messaging.models import NotificationKind
from messaging.services import notify, post_system_message
from proposals.models import Application, ApplicationAction, ApplicationStatus, Offer, OfferStatus, SystemReason
from proposals.services import (
    ActionNotAllowed,
    check_action,
    close_open_applications,
    lock_application,
    record_event,
    sync,
)

from ..models import Contract, ContractStatus, Milestone
from .diary import record_timer

if TYPE_CHECKING:
    from marketplace.accounts.models import User


def accept_offer(application: Application, *, by: User) -> Contract:
    """The freelancer accepts the open offer: the application is hired and a contract begins.

    In one transaction: lock the job then the application; check the offer is still open (the loser of a race
    with `withdraw_offer` gets a clear message); hire; mark the offer accepted; create the contract with a
    snapshot of the terms; notify both sides; and when the job has all the hires it needs, fill it and close
    its other open applications. The room stays. Accepting twice (a double click) returns the same contract.
    """
    now = timezone.now()
    with transaction.atomic():
        app = lock_application(application)
        if by is not None and by.pk == app.freelancer_id and app.status == ApplicationStatus.HIRED:
            existing = Contract.objects.filter(application=app).first()
            if existing is not None:  # a second click on "Accept offer": the first one already did it
                sync(application, app)
                return existing
        check_action(app, "accept_offer", by)
        offer = Offer.objects.select_for_update(of=("self",)).filter(application=app, status=OfferStatus.OPEN).first()
        if offer is None:
            raise ActionNotAllowed("There is no open offer on this application, so it can't be accepted.")
        if offer.expires_at <= now:
            raise ActionNotAllowed("This offer expired, so it can no longer be accepted.", code="offer_expired")
        job = app.job
        offer.accept(now=now)
        offer.save()
        from_state = app.status
        app.accept_offer(now=now)
        app.save()
        contract = Contract.objects.create(
            client=job.client,
            freelancer=app.freelancer,
            agency_id=app.agency_id,
            job=job,
            application=app,
            offer=offer,
            title=job.title,
            payment_type=offer.payment_type,
            hourly_rate=offer.hourly_rate,
            weekly_limit=offer.weekly_limit,
            fixed_price=offer.fixed_price,
            start_date=offer.start_date,
        )
        if not contract.is_hourly:
            # The offer's milestones, or its whole price as one; the client funds them and can add more.
            planned = offer.milestones or [{"description": job.title[:200], "amount": str(offer.fixed_price)}]
            Milestone.objects.bulk_create(
                Milestone(contract=contract, description=m["description"], amount=Decimal(m["amount"])) for m in planned
            )
        record_event(
            app,
            actor=by,
            action=ApplicationAction.ACCEPT_OFFER,
            from_state=from_state,
            note=f"Contract started: {contract.terms_display}",
            now=now,
        )
        if app.room is not None:  # no query when `room_id` is None
            post_system_message(
                app.room,
                body=f"{by} accepted the offer. The contract has begun.",
                actor=by,
                actor_body="You accepted the offer. The contract has begun.",
            )
        url = contract.get_absolute_url()
        context = {"job_title": job.title, "application_id": app.pk, "contract_id": contract.pk}
        notify(
            job.client,
            NotificationKind.OFFER_ACCEPTED,
            actor=by,
            text=f"{by} accepted your offer: the contract for “{job.title}” has begun",
            url=url,
            context=context,
        )
        notify(
            app.freelancer,
            NotificationKind.CONTRACT_STARTED,
            actor=job.client,
            text=f"Your contract with {job.client} for “{job.title}” has begun",
            url=url,
            context=context,
        )
        hired = Application.objects.filter(job=job, status=ApplicationStatus.HIRED).count()
        if hired >= job.hires_needed and job.is_open:
            job.fill()
            job.save()
            log_action(None, "fill", job, from_state=JobStatus.OPEN, now=now)
            close_open_applications(job, reason=SystemReason.JOB_FILLED, now=now, exclude=app.pk)
    sync(application, app)
    return contract


def end_contract(contract: Contract, *, by: User, reason: str) -> Contract:
    """Either party ends the contract with a reason; the other side is told."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "Say why the contract ends."}, code="required")
    if len(reason) > 2000:
        raise ValidationError({"reason": "Keep the reason to 2000 characters."}, code="max_length")
    now = timezone.now()
    with transaction.atomic():
        locked = (
            Contract.objects.select_for_update(of=("self",))
            .select_related("client", "freelancer", "job", "application__room")
            .get(pk=contract.pk)
        )
        if not locked.is_party(by):
            raise PermissionDenied("Only the client and the freelancer of this contract can end it.")
        if locked.status == ContractStatus.ENDED:
            raise ActionNotAllowed("This contract has already ended.", code="wrong_state")
        from_status = locked.status
        if locked.timer_started_at is not None:
            record_timer(locked, memo="Timer stopped: the contract ended", now=now)
        locked.end(by=by, reason=reason, now=now)
        locked.save()
        log_action(by, "end", locked, from_state=from_status, note=reason)
        app = locked.application
        record_event(
            app,
            actor=by,
            action=ApplicationAction.END_CONTRACT,
            from_state=app.status,
            note=reason,
            now=now,
        )
        if app.room is not None:  # no query when `room_id` is None
            post_system_message(
                app.room, body=f"{by} ended the contract.", actor=by, actor_body="You ended the contract."
            )
        other = locked.other_party(by)
        notify(
            other,
            NotificationKind.CONTRACT_ENDED,
            actor=by,
            text=f"{by} ended the contract for “{locked.title}”. Leave feedback on working together.",
            url=locked.get_absolute_url(),
            context={"job_title": locked.title, "contract_id": locked.pk, "note": reason},
        )
    return sync(contract, locked)
