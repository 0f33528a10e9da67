"""Offers: the terms' checks, send, withdraw, ask for clarification, decline (`accept_offer` is in contracts)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING, Any, NotRequired, TypedDict

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from jobs.models import BudgetType, JobPost
from messaging.models import NotificationKind
from messaging.services import post_system_message

from ..models import (
    Application,
    ApplicationAction,
    Offer,
    OfferStatus,
)
from ._base import (
    FIXED_MAX,
    FIXED_MIN,
    HOURLY_RATE_MAX,
    HOURLY_RATE_MIN,
    WEEKLY_LIMIT_MAX,
    ActionNotAllowed,
    _day,
    _decline_input,
    _money,
    _text,
    _why_not,
    check_action,
    ensure_room,
    lock_application,
    notify_client,
    notify_freelancer,
    post_in_room,
    record_event,
    sync,
    system_message,
)
from .invitations import invite

if TYPE_CHECKING:
    from marketplace.accounts.models import User

# An offer's first milestones as the form gives them: (description, amount) pairs.
Milestones = Sequence[tuple[str, Decimal | str]]


class OfferTermsInput(TypedDict):
    """`clean_offer_terms`' result: the Offer fields it checked (`send_offer` adds the milestones)."""

    payment_type: str
    hourly_rate: Decimal | None
    weekly_limit: int | None
    fixed_price: Decimal | None
    start_date: date
    expires_at: datetime
    milestones: NotRequired[list[dict[str, str]]]


def clean_offer_terms(
    *,
    hourly_rate: Decimal | str | None = None,
    weekly_limit: int | str | None = None,
    fixed_price: Decimal | str | None = None,
    start_date: date | None,
    expires_at: datetime | date | None = None,
    now: datetime | None = None,
) -> OfferTermsInput:
    """Offer terms: an hourly rate and a weekly hour limit, or a fixed price; a start date; an expiry."""
    now = now or timezone.now()
    hourly_rate = _money(hourly_rate, "hourly_rate", HOURLY_RATE_MIN, HOURLY_RATE_MAX, "hourly rate")
    fixed_price = _money(fixed_price, "fixed_price", FIXED_MIN, FIXED_MAX, "fixed price")
    if (hourly_rate is None) == (fixed_price is None):
        raise ValidationError("Offer either an hourly rate with a weekly limit, or a fixed price.", code="terms")
    if hourly_rate is not None:
        try:
            weekly_limit = int(weekly_limit) if weekly_limit not in (None, "") else None
        except (TypeError, ValueError) as exc:
            raise ValidationError({"weekly_limit": "Enter the weekly limit as a whole number of hours."}) from exc
        if weekly_limit is None or not 1 <= weekly_limit <= WEEKLY_LIMIT_MAX:
            raise ValidationError({"weekly_limit": f"Set a weekly limit between 1 and {WEEKLY_LIMIT_MAX} hours."})
    else:
        weekly_limit = None
    if start_date is None:
        raise ValidationError({"start_date": "Choose a start date."})
    if start_date < timezone.localdate(now):
        raise ValidationError({"start_date": "The start date can't be in the past."})
    if expires_at is None:
        expires_at = now + timedelta(days=settings.OFFER_EXPIRY_DAYS)
    elif isinstance(expires_at, date) and not isinstance(expires_at, datetime):
        # A date means "until the end of that day".
        expires_at = timezone.make_aware(datetime.combine(expires_at, datetime.max.time().replace(microsecond=0)))
    if expires_at <= now:
        raise ValidationError({"expires_at": "The offer must expire in the future."})
    if expires_at > now + timedelta(days=30):
        raise ValidationError({"expires_at": "An offer can stay open for 30 days at most."})
    payment_type = BudgetType.HOURLY if hourly_rate is not None else BudgetType.FIXED
    return {
        "payment_type": payment_type,
        "hourly_rate": hourly_rate,
        "weekly_limit": weekly_limit,
        "fixed_price": fixed_price,
        "start_date": start_date,
        "expires_at": expires_at,
    }


MILESTONES_MAX = 20


def clean_offer_milestones(milestones: Milestones | None, fixed_price: Decimal | None) -> list[dict[str, str]]:
    """An offer's first milestones: (description, amount) pairs adding up to the fixed price; none on hourly."""
    if not milestones:
        return []
    if fixed_price is None:
        raise ValidationError({"milestones": "Milestones are for fixed-price offers."})
    if len(milestones) > MILESTONES_MAX:
        raise ValidationError({"milestones": f"Offer at most {MILESTONES_MAX} milestones; add more later."})
    cleaned: list[dict[str, str]] = []
    for description, amount in milestones:
        description = (description or "").strip()
        if not description or len(description) > 200:
            raise ValidationError({"milestones": "Describe each milestone in at most 200 characters."})
        checked = _money(amount, "milestones", FIXED_MIN, FIXED_MAX, "milestone amount")
        cleaned.append({"description": description, "amount": str(checked)})
    total = sum((Decimal(m["amount"]) for m in cleaned), Decimal("0"))
    if total != fixed_price:
        raise ValidationError(
            {
                "milestones": f"The milestones add up to ${total:,.2f}; they must add up to the fixed price, "
                f"${fixed_price:,.2f}."
            }
        )
    return cleaned


def send_offer(
    application: Application,
    *,
    by: User,
    hourly_rate: Decimal | str | None = None,
    weekly_limit: int | str | None = None,
    fixed_price: Decimal | str | None = None,
    start_date: date | None,
    expires_at: datetime | date | None = None,
    message: str = "",
    milestones: Milestones | None = None,
) -> Offer:
    """The client's formal hire proposal (sent or active -> offered); opens the room if none. Returns the offer.

    A fixed-price offer may carry its first milestones (`milestones`: (description, amount) pairs adding up to
    the price); the contract starts with them."""
    message = _text(message, "message")
    now = timezone.now()
    terms = clean_offer_terms(
        hourly_rate=hourly_rate,
        weekly_limit=weekly_limit,
        fixed_price=fixed_price,
        start_date=start_date,
        expires_at=expires_at,
        now=now,
    )
    terms["milestones"] = clean_offer_milestones(milestones, terms["fixed_price"])
    with transaction.atomic():
        app = lock_application(application)
        check_action(app, "send_offer", by)
        from_state = app.status
        app.send_offer()
        room = ensure_room(app)
        app.save()
        offer = Offer.objects.create(application=app, message=message, **terms)
        record_event(
            app,
            actor=by,
            action=ApplicationAction.SEND_OFFER,
            from_state=from_state,
            note=message or f"Offer: {offer.terms_display}",
        )
        terms_words = (
            f"{offer.terms_display}, starting {_day(offer.start_date)}. "
            f"It is open until {_day(timezone.localtime(offer.expires_at))}."
        )
        post_system_message(
            room, body=f"{by} sent an offer: {terms_words}", actor=by, actor_body=f"You sent an offer: {terms_words}"
        )
        notify_freelancer(
            app,
            NotificationKind.OFFER_RECEIVED,
            actor=by,
            text=f"{app.job.client} sent you an offer for “{app.job.title}”: {offer.terms_display}",
            note=message,
            offer_id=offer.pk,
        )
    sync(application, app)
    return offer


def _open_offer_or_refuse(app: Application, action: str) -> Offer:
    offer = Offer.objects.select_for_update(of=("self",)).filter(application=app, status=OfferStatus.OPEN).first()
    if offer is None:
        raise ActionNotAllowed(_why_not(app, action), code="no_open_offer")
    return offer


def hire_directly(job: JobPost, freelancer: User, *, by: User, message: str = "", **terms: Any) -> Offer:
    """ "Hire" from a freelancer's profile: an offer without a proposal.

    One transaction: an invitation (not told on its own) and its offer (invited -> offered, the direct-offer
    edge of `send_offer`); the freelancer hears once, about the offer, and can accept, decline or ask. Any
    refusal or invalid term leaves nothing behind."""
    with transaction.atomic():
        app = invite(job, freelancer, by=by, message=message, tell=False)
        return send_offer(app, by=by, message=message, **terms)


def withdraw_offer(application: Application, *, by: User) -> Application:
    """The client takes the offer back (offered -> active); the candidacy goes on."""
    now = timezone.now()
    with transaction.atomic():
        app = lock_application(application)
        check_action(app, "withdraw_offer", by)
        offer = _open_offer_or_refuse(app, "withdraw_offer")
        offer.withdraw(now=now)
        offer.save()
        from_state = app.status
        app.withdraw_offer()
        app.save()
        record_event(app, actor=by, action=ApplicationAction.WITHDRAW_OFFER, from_state=from_state, now=now)
        system_message(app, f"{by} withdrew the offer.", actor=by, actor_body="You withdrew the offer.")
        notify_freelancer(
            app,
            NotificationKind.OFFER_WITHDRAWN,
            actor=by,
            text=f"{app.job.client} withdrew the offer for “{app.job.title}”",
        )
    return sync(application, app)


def ask_clarification(application: Application, *, by: User, message: str) -> Application:
    """The freelancer asks about the offer in the room; the offer stays open."""
    message = _text(message, "message", required="Write your question for the client.")
    with transaction.atomic():
        app = lock_application(application)
        check_action(app, "ask_clarification", by)
        _open_offer_or_refuse(app, "ask_clarification")
        app.ask_clarification()
        room = ensure_room(app)
        app.save()
        post_in_room(room, sender=by, body=message)
        record_event(app, actor=by, action=ApplicationAction.ASK_CLARIFICATION, from_state=app.status, note=message)
        notify_client(
            app,
            NotificationKind.OFFER_CLARIFICATION,
            actor=by,
            text=f"{by} asked for clarification on your offer for “{app.job.title}”",
            note=message,
        )
    return sync(application, app)


def decline_offer(
    application: Application, *, by: User, reason: str, other_text: str = "", message: str = ""
) -> Application:
    """The freelancer declines the offer with a reason and an optional message (no contact details)."""
    reason, other_text, message = _decline_input(reason, other_text, message)
    now = timezone.now()
    with transaction.atomic():
        app = lock_application(application)
        check_action(app, "decline_offer", by)
        offer = _open_offer_or_refuse(app, "decline_offer")
        offer.decline(now=now)
        offer.save()
        from_state = app.status
        app.decline_offer(now=now)
        app.save()
        record_event(
            app,
            actor=by,
            action=ApplicationAction.DECLINE_OFFER,
            from_state=from_state,
            reason=reason,
            reason_text=other_text,
            note=message,
            now=now,
        )
        if app.room is not None:  # no query when `room_id` is None
            if message:
                post_in_room(app.room, sender=by, body=message)
            post_system_message(
                app.room, body=f"{by} declined the offer.", actor=by, actor_body="You declined the offer."
            )
        notify_client(
            app,
            NotificationKind.OFFER_DECLINED,
            actor=by,
            text=f"{by} declined your offer for “{app.job.title}”",
            note=message,
        )
    return sync(application, app)
