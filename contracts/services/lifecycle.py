"""Pause, resume, bonuses and feedback (ending is in `hiring.end_contract`)."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from marketplace.money import Amount, to_money, you_receive
from messaging.models import NotificationKind
from payments import ledger
from payments.models import LedgerTransaction, TransactionKind
from payments.services import PaymentDeclined, charge_client
from proposals.services import sync

from ..models import Contract, ContractStatus, Feedback, PrivateReason
from ._base import ActionNotAllowed, format_money, lock_contract, log_action, notify_party, require_client
from .diary import record_timer

if TYPE_CHECKING:
    from marketplace.accounts.models import User

BONUS_MIN, BONUS_MAX = Decimal("1.00"), Decimal("100000.00")


def _reason(reason: str, *, required: bool = True) -> str:
    reason = (reason or "").strip()
    if required and not reason:
        raise ValidationError({"reason": "Give a reason; the other side reads it."}, code="required")
    if len(reason) > 500:
        raise ValidationError({"reason": "Keep the reason to 500 characters."}, code="max_length")
    return reason


def pause_contract(contract: Contract, *, by: User, reason: str) -> Contract:
    """ "Pause contract": the client pauses; no time can be logged until it resumes. A running timer is
    stopped and its whole segments recorded."""
    reason = _reason(reason)
    with transaction.atomic():
        locked = lock_contract(contract)
        require_client(locked, by, "pause the contract")
        if locked.status != ContractStatus.ACTIVE:
            raise ActionNotAllowed(
                f"This contract is {locked.get_status_display().lower()}, so it can't be paused.", code="wrong_state"
            )
        if locked.timer_started_at is not None:
            record_timer(locked, memo="Timer stopped: the contract was paused", now=timezone.now())
        locked.pause(reason=reason)
        locked.save()
        log_action(by, "pause", locked, from_state=ContractStatus.ACTIVE, note=reason)
        notify_party(
            locked.freelancer,
            NotificationKind.CONTRACT_PAUSED,
            locked,
            actor=by,
            text=f"{by} paused the contract “{locked.title}”: no time can be logged until it resumes",
            note=reason,
        )
    return sync(contract, locked)


def resume_contract(contract: Contract, *, by: User, reason: str = "") -> Contract:
    """ "Resume contract": the client resumes a paused contract; the freelancer is told."""
    reason = _reason(reason, required=False)
    with transaction.atomic():
        locked = lock_contract(contract)
        require_client(locked, by, "resume the contract")
        if locked.status != ContractStatus.PAUSED:
            raise ActionNotAllowed("Only a paused contract can be resumed.", code="wrong_state")
        locked.resume(reason=reason)
        locked.save()
        log_action(by, "resume", locked, from_state=ContractStatus.PAUSED, note=reason)
        notify_party(
            locked.freelancer,
            NotificationKind.CONTRACT_PAUSED,
            locked,
            actor=by,
            text=f"{by} resumed the contract “{locked.title}”",
            note=reason,
        )
    return sync(contract, locked)


def give_bonus(contract: Contract, *, by: User, amount: Amount, note: str, key: str) -> LedgerTransaction:
    """ "Give a bonus": on any contract, with a note. `key` comes from the form, so a double submit pays once."""
    note = (note or "").strip()
    if not note:
        raise ValidationError({"note": "Add a note: the freelancer reads it with the bonus."}, code="required")
    try:
        amount = to_money(amount)
    except (TypeError, ValueError) as exc:
        raise ValidationError({"amount": "Enter an amount in dollars."}) from exc
    if not BONUS_MIN <= amount <= BONUS_MAX:
        raise ValidationError(
            {"amount": f"A bonus is between {format_money(BONUS_MIN)} and {format_money(BONUS_MAX)}."}
        )
    if not key or len(key) > 64:
        raise ValidationError("This form expired; open the contract again.")
    ledger_key = f"bonus-{contract.pk}-{key}"
    try:
        with transaction.atomic():
            locked = lock_contract(contract)
            require_client(locked, by, "give a bonus")
            existing = LedgerTransaction.objects.filter(idempotency_key=ledger_key).first()
            if existing is not None:
                return existing
            description = f"Bonus: {note}"[:300]
            charge = charge_client(locked.client, amount, key=ledger_key, description=description)
            tx = ledger.pay_directly(
                ledger_key,
                TransactionKind.BONUS,
                locked,
                amount,
                description=description,
                by=by,
                reference=charge.reference,
            )
            notify_party(
                locked.freelancer,
                NotificationKind.BONUS_RECEIVED,
                locked,
                actor=by,
                text=f"{by} sent you a bonus of {format_money(amount)} on “{locked.title}”: "
                f"{format_money(you_receive(amount))} after the service fee",
                note=note,
            )
    except PaymentDeclined as exc:
        with transaction.atomic():
            notify_party(
                by,
                NotificationKind.PAYMENT_DECLINED,
                contract,
                actor=None,
                text=f"Your bonus on “{contract.title}” did not go through: {exc.message}",
            )
        raise
    return tx


def leave_feedback(
    contract: Contract, *, by: User, stars: int, comment: str, private_reason: str = "", private_note: str = ""
) -> Feedback:
    """ "Leave feedback" once the contract has ended: stars, a public comment, private reasons. Both sides'
    feedback is published when the second one is left, or `FEEDBACK_REVEAL_DAYS` after the end."""
    comment = (comment or "").strip()
    if not isinstance(stars, int) or not 1 <= stars <= 5:
        raise ValidationError({"stars": "Choose 1 to 5 stars."})
    if not comment:
        raise ValidationError({"comment": "Write a public comment about working together."}, code="required")
    if private_reason and private_reason not in PrivateReason.values:
        raise ValidationError({"private_reason": "Choose a reason from the list."})
    now = timezone.now()
    with transaction.atomic():
        locked = lock_contract(contract)
        if not locked.is_party(by):
            raise PermissionDenied("Only the client and the freelancer of this contract can leave feedback.")
        if not locked.is_ended:
            raise ActionNotAllowed("Feedback is left when the contract ends.", code="not_ended")
        if Feedback.objects.filter(contract=locked, author=by).exists():
            raise ActionNotAllowed("You already left feedback on this contract.", code="already_left")
        other = locked.other_party(by)
        theirs = Feedback.objects.filter(contract=locked, author=other).first()
        assert locked.ended_at is not None  # set by `end()`, and the contract is ended
        reveal = locked.ended_at + timedelta(days=settings.FEEDBACK_REVEAL_DAYS)
        published_at = min(now, reveal) if theirs is not None else reveal
        feedback = Feedback.objects.create(
            contract=locked,
            author=by,
            recipient=other,
            stars=stars,
            comment=comment[:2000],
            private_reason=private_reason,
            private_note=(private_note or "").strip()[:2000],
            published_at=published_at,
        )
        if theirs is not None and theirs.published_at > published_at:
            theirs.published_at = published_at
            theirs.save(update_fields=["published_at"])
        notify_party(
            other,
            NotificationKind.FEEDBACK_RECEIVED,
            locked,
            actor=by,
            text=f"{by} left feedback on “{locked.title}”"
            + (
                "; both are now shown"
                if theirs
                else f". Leave yours: both are shown once you do, or after {settings.FEEDBACK_REVEAL_DAYS} days"
            ),
        )
    return feedback
