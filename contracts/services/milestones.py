"""Fixed-price milestones: add, fund (the client's card into escrow), submit work, approve and release (less the
service fee), request changes, automatic release after `MILESTONE_AUTO_RELEASE_DAYS`, and refunds once the
contract has ended and the freelancer agrees.

Each action locks the milestone row first, so two clicks or a click racing the auto-release task give one
outcome; the ledger key of each movement is fixed per milestone, so money moves once even when retried.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from marketplace.money import Amount, to_money, you_receive
from messaging.models import NotificationKind
from payments import ledger
from payments.services import PaymentDeclined, charge_client
from proposals.services import sync

from ..models import Contract, Milestone, MilestoneStatus
from ._base import (
    ActionNotAllowed,
    format_money,
    lock_contract,
    lock_milestone,
    log_action,
    notify_party,
    require_client,
    require_freelancer,
    require_open,
)

if TYPE_CHECKING:
    from marketplace.accounts.models import User

M = MilestoneStatus
AMOUNT_MIN, AMOUNT_MAX = Decimal("5.00"), Decimal("10000000.00")


def _clean_amount(amount: Amount) -> Decimal:
    try:
        value = to_money(amount)
    except (TypeError, ValueError) as exc:
        raise ValidationError({"amount": "Enter an amount in dollars, like 250 or 250.00."}) from exc
    if not AMOUNT_MIN <= value <= AMOUNT_MAX:
        raise ValidationError(
            {"amount": f"A milestone is between {format_money(AMOUNT_MIN)} and {format_money(AMOUNT_MAX)}."}
        )
    return value


def _clean_text(text: str, field: str, required: str, max_length: int = 5000) -> str:
    text = (text or "").strip()
    if not text:
        raise ValidationError({field: required}, code="required")
    if len(text) > max_length:
        raise ValidationError({field: f"Keep it to {max_length} characters."}, code="max_length")
    return text


def _not_fixed(contract: Contract) -> None:
    if contract.is_hourly:
        raise ActionNotAllowed("This is an hourly contract: it is paid from the work diary, not milestones.")


def add_milestone(
    contract: Contract, *, by: User, description: str, amount: Amount, due_date: date | None = None
) -> Milestone:
    """ "Add milestone": the client adds a part of the work (not funded yet); the freelancer is told."""
    description = _clean_text(description, "description", "Describe the milestone.", max_length=200)
    amount = _clean_amount(amount)
    with transaction.atomic():
        locked = lock_contract(contract)
        require_client(locked, by, "add milestones")
        _not_fixed(locked)
        require_open(locked, "add milestones")
        milestone = Milestone.objects.create(contract=locked, description=description, amount=amount, due_date=due_date)
        log_action(by, "add_milestone", milestone, from_state="", note=f"{description}: {format_money(amount)}")
        notify_party(
            locked.freelancer,
            NotificationKind.MILESTONE_ADDED,
            locked,
            actor=by,
            text=f"{by} added a milestone to “{locked.title}”: {description} ({format_money(amount)})",
        )
    return milestone


def _refuse(milestone: Milestone, action: str) -> None:
    """The clear message for an action the milestone's state does not allow."""
    status = milestone.status
    messages = {
        M.NOT_FUNDED: {
            "submit": "This milestone is not funded yet. Wait for the client to fund it before you submit work.",
            "approve": "This milestone is not funded, so there is nothing to release. Fund it first.",
            "request_changes": "This milestone is not funded and has no submitted work.",
            "refund": "This milestone was never funded, so there is nothing to refund.",
        },
        M.FUNDED: {
            "fund": "This milestone is already funded.",
            "approve": "There is no submitted work to approve on this milestone yet.",
            "request_changes": "There is no submitted work on this milestone to ask changes on.",
        },
        M.SUBMITTED: {
            "fund": "This milestone is already funded.",
            "submit": "Work on this milestone is already submitted and waiting for the client.",
            "refund": "Work on this milestone was submitted: it can be approved, not refunded.",
        },
        M.APPROVED: {
            "fund": "This milestone was already approved and released.",
            "submit": "This milestone was already approved and released.",
            "approve": "This milestone was already approved and released.",
            "request_changes": "This milestone was already approved and released.",
            "refund": "This milestone was already approved and released, so it can't be refunded.",
        },
        M.REFUNDED: {action: "This milestone was refunded to the client."},
    }
    message = messages.get(status, {}).get(action)
    if message:
        raise ActionNotAllowed(message, code="wrong_state")


def fund_milestone(milestone: Milestone, *, by: User) -> Milestone:
    """ "Fund milestone": the client's card is charged and the amount is held in escrow.

    A declined card changes nothing: the milestone stays unfunded, no ledger entry is written, and the client
    is told (on the page and by a notification).
    """
    now = timezone.now()
    try:
        with transaction.atomic():
            m = lock_milestone(milestone)
            contract = m.contract
            require_client(contract, by, "fund milestones")
            require_open(contract, "fund milestones")
            _refuse(m, "fund")
            key = f"milestone-{m.pk}-fund"
            description = f"{contract.title}: {m.description}"
            charge = charge_client(contract.client, m.amount, key=key, description=description)
            ledger.fund_escrow(key, contract, m.amount, description=description, by=by, reference=charge.reference)
            m.fund(now=now)
            m.save()
            log_action(by, "fund", m, from_state=M.NOT_FUNDED)
            notify_party(
                contract.freelancer,
                NotificationKind.MILESTONE_FUNDED,
                contract,
                actor=by,
                text=f"{by} funded “{m.description}” ({format_money(m.amount)}): you can start this part of the work",
            )
    except PaymentDeclined as exc:
        _tell_declined(milestone.contract, by, exc, what=f"funding “{milestone.description}”")
        raise
    return _synced(milestone, m)


def _tell_declined(contract: Contract, client: User, exc: PaymentDeclined, *, what: str) -> None:
    with transaction.atomic():
        notify_party(
            client,
            NotificationKind.PAYMENT_DECLINED,
            contract,
            actor=None,
            text=f"Your payment for {what} on “{contract.title}” did not go through: {exc.message}",
        )


def submit_work(milestone: Milestone, *, by: User, message: str) -> Milestone:
    """ "Submit work": the freelancer submits the milestone's work with a message; the client reviews it."""
    message = _clean_text(message, "message", "Tell the client what you are submitting.")
    now = timezone.now()
    with transaction.atomic():
        m = lock_milestone(milestone)
        contract = m.contract
        require_freelancer(contract, by, "submit work")
        require_open(contract, "submit work")
        _refuse(m, "submit")
        m.submit(message=message, now=now)
        m.save()
        log_action(by, "submit", m, from_state=M.FUNDED, note=message)
        days = settings.MILESTONE_AUTO_RELEASE_DAYS
        notify_party(
            contract.client,
            NotificationKind.MILESTONE_SUBMITTED,
            contract,
            actor=by,
            text=f"{by} submitted work on “{m.description}”: approve and release it, or request changes, "
            f"within {days} days (it is released automatically after that)",
            note=message,
        )
    return _synced(milestone, m)


def request_changes(milestone: Milestone, *, by: User, note: str) -> Milestone:
    """ "Request changes": the submitted work goes back to the freelancer; the money stays in escrow."""
    note = _clean_text(note, "note", "Say what should change.")
    with transaction.atomic():
        m = lock_milestone(milestone)
        contract = m.contract
        require_client(contract, by, "request changes")
        _refuse(m, "request_changes")
        m.request_changes(note=note)
        m.save()
        log_action(by, "request_changes", m, from_state=M.SUBMITTED, note=note)
        notify_party(
            contract.freelancer,
            NotificationKind.MILESTONE_CHANGES_REQUESTED,
            contract,
            actor=by,
            text=f"{by} requested changes on “{m.description}”",
            note=note,
        )
    return _synced(milestone, m)


def _release(m: Milestone, *, by: User | None, now: datetime, automatic: bool) -> None:
    contract = m.contract
    m.approve(now=now, automatic=automatic)
    m.save()
    ledger.release_escrow(
        f"milestone-{m.pk}-release", contract, m.amount, description=f"{contract.title}: {m.description}", by=by
    )
    received = format_money(you_receive(m.amount))
    how = "was released automatically after the review period" if automatic else f"was approved by {by}"
    log_action(by, "approve", m, from_state=M.SUBMITTED, note="automatic release" if automatic else "")
    notify_party(
        contract.freelancer,
        NotificationKind.MILESTONE_RELEASED,
        contract,
        actor=by,
        text=f"“{m.description}” {how}: {received} is in your balance (after the service fee)",
    )
    if automatic:
        notify_party(
            contract.client,
            NotificationKind.MILESTONE_RELEASED,
            contract,
            actor=None,
            text=f"“{m.description}” ({format_money(m.amount)}) was released to {contract.freelancer} "
            f"after {settings.MILESTONE_AUTO_RELEASE_DAYS} days without a review",
        )


def approve_milestone(milestone: Milestone, *, by: User) -> Milestone:
    """ "Approve and release": escrow goes to the freelancer less the service fee. Approving twice is refused."""
    now = timezone.now()
    with transaction.atomic():
        m = lock_milestone(milestone)
        require_client(m.contract, by, "approve and release milestones")
        _refuse(m, "approve")
        _release(m, by=by, now=now, automatic=False)
    return _synced(milestone, m)


def release_due_milestones(*, now: datetime | None = None) -> int:
    """The beat task's work: release every milestone submitted more than the review period ago. Each one is
    locked and checked again, so a client acting at the same moment (approving, requesting changes) wins or
    loses cleanly. Returns how many were released."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=settings.MILESTONE_AUTO_RELEASE_DAYS)
    due = list(Milestone.objects.filter(status=M.SUBMITTED, submitted_at__lte=cutoff).values_list("pk", flat=True))
    released = 0
    for pk in due:
        with transaction.atomic():
            m = lock_milestone(pk)
            if m.status != M.SUBMITTED or m.submitted_at is None or m.submitted_at > cutoff:
                continue  # the client acted first
            _release(m, by=None, now=now, automatic=True)
            released += 1
    return released


def request_refund(milestone: Milestone, *, by: User) -> Milestone:
    """ "Request refund": once the contract has ended, the client asks for a funded milestone back; the
    freelancer decides."""
    with transaction.atomic():
        m = lock_milestone(milestone)
        contract = m.contract
        require_client(contract, by, "request refunds")
        if not contract.is_ended:
            raise ActionNotAllowed(
                "A funded milestone can be refunded only after the contract ends, and only if the freelancer agrees.",
                code="contract_not_ended",
            )
        _refuse(m, "refund")
        if m.refund_requested_at is not None:
            raise ActionNotAllowed("You already asked for this refund; the freelancer has been told.")
        m.refund_requested_at = timezone.now()
        m.save(update_fields=["refund_requested_at"])
        log_action(by, "request_refund", m, from_state=m.status)
        notify_party(
            contract.freelancer,
            NotificationKind.MILESTONE_REFUND,
            contract,
            actor=by,
            text=f"{by} asks for the refund of “{m.description}” ({format_money(m.amount)}) from escrow",
        )
    return _synced(milestone, m)


def agree_refund(milestone: Milestone, *, by: User) -> Milestone:
    """ "Agree to refund": after the contract ended, the freelancer returns a funded milestone to the client."""
    now = timezone.now()
    with transaction.atomic():
        m = lock_milestone(milestone)
        contract = m.contract
        require_freelancer(contract, by, "agree to refunds")
        if not contract.is_ended:
            raise ActionNotAllowed(
                "A funded milestone can be refunded only after the contract ends.", code="contract_not_ended"
            )
        _refuse(m, "refund")
        m.refund(now=now)
        m.save()
        ledger.refund_escrow(
            f"milestone-{m.pk}-refund",
            contract,
            m.amount,
            description=f"Refund: {contract.title}: {m.description}",
            by=by,
        )
        log_action(by, "refund", m, from_state=M.FUNDED)
        notify_party(
            contract.client,
            NotificationKind.MILESTONE_REFUND,
            contract,
            actor=by,
            text=f"{by} agreed to refund “{m.description}”: {format_money(m.amount)} is back with you",
        )
    return _synced(milestone, m)


def _synced(target: Milestone, fresh: Milestone) -> Milestone:
    return sync(target, fresh)
