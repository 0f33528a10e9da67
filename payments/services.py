"""Payment actions: adding a payment method, and charging a client's card for the contract services above.

A charge goes through the gateway with an idempotency key, so when the caller's database transaction is
retried the card is charged once. A declined card raises `PaymentDeclined` and the caller leaves the money
where it was.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse

from agencies import selectors as agency_selectors
from agencies.models import Role
from marketplace.accounts.models import ClientProfile
from marketplace.activity.services import log_action
from marketplace.money import Amount, to_money
from messaging.models import NotificationKind
from messaging.services import notify
from proposals.models import format_money
from proposals.services import ActionNotAllowed

from . import ledger
from .gateway import CardDeclined, Charge, get_gateway
from .models import LedgerTransaction, PaymentMethod

if TYPE_CHECKING:
    from agencies.models import Agency
    from marketplace.accounts.models import User


class PaymentDeclined(ActionNotAllowed):
    """The gateway declined the charge; nothing moved."""


def add_payment_method(user: User, *, number: str, exp_month: int, exp_year: int, cvc: str) -> PaymentMethod:
    """ "Add payment method": the gateway verifies the card; a verified card marks the client verified."""
    if not user.is_client:
        raise PermissionDenied("Only clients add payment methods.")
    try:
        card = get_gateway().verify_card(number=number, exp_month=exp_month, exp_year=exp_year, cvc=cvc)
    except CardDeclined as exc:
        raise ValidationError({"number": exc.message}, code="declined") from exc
    with transaction.atomic():
        method = PaymentMethod.objects.create(
            user=user,
            brand=card.brand,
            last4=card.last4,
            exp_month=exp_month,
            exp_year=exp_year,
            gateway_token=card.token,
            verified=True,
        )
        profile, _ = ClientProfile.objects.select_for_update().get_or_create(user=user)
        if not profile.payment_verified:
            profile.payment_verified = True
            profile.save(update_fields=["payment_verified"])
    return method


def remove_payment_method(method: PaymentMethod, *, by: User) -> None:
    if method.user_id != by.pk:
        raise PermissionDenied("This is not your payment method.")
    with transaction.atomic():
        method.delete()
        if not PaymentMethod.objects.filter(user=by, verified=True).exists():
            ClientProfile.objects.filter(user=by).update(payment_verified=False)


def default_method(user: User) -> PaymentMethod | None:
    return PaymentMethod.objects.filter(user=user, verified=True).order_by("-created_at", "-id").first()


def charge_client(client: User, amount: Decimal, *, key: str, description: str) -> Charge:
    """Charge the client's newest verified card; `PaymentDeclined` when there is none or the card is declined."""
    method = default_method(client)
    if method is None:
        raise PaymentDeclined("Add a payment method under Settings → Billing before paying.", code="no_payment_method")
    try:
        return get_gateway().charge(
            token=method.gateway_token, amount=amount, idempotency_key=key, description=description
        )
    except CardDeclined as exc:
        raise PaymentDeclined(exc.message, code="card_declined") from exc


DISTRIBUTION_MIN = Decimal("0.01")


def distribute_to_member(
    agency: Agency, *, by: User, member: User, amount: Amount, note: str, key: str
) -> LedgerTransaction:
    """ "Distribute": the agency's owner moves money from the agency's balance to a member's earnings, as one
    internal ledger transfer. `key` comes from the form, so a double submit moves the money once.

    Side effects: one balanced LedgerTransaction (agency -> member); one activity entry on the agency; the
    member is notified.
    """
    note = (note or "").strip()[:200]
    try:
        amount = to_money(amount)
    except (TypeError, ValueError, ArithmeticError) as exc:
        raise ValidationError({"amount": "Enter an amount in dollars."}) from exc
    if amount < DISTRIBUTION_MIN:
        raise ValidationError({"amount": "Enter an amount above zero."})
    if not key or len(key) > 64:
        raise ValidationError("This form expired; open the agency's payments again.")
    ledger_key = f"distribution-{agency.pk}-{key}"
    with transaction.atomic():
        mine = agency_selectors.membership(agency, by)
        if mine is None or mine.role != Role.OWNER:
            raise PermissionDenied("Only the agency's owner can distribute its balance.")
        existing = LedgerTransaction.objects.filter(idempotency_key=ledger_key).first()
        if existing is not None:
            return existing
        if agency_selectors.membership(agency, member) is None:
            raise ValidationError({"member": f"{member} is not a member of {agency.name}."})
        description = f"{agency.name} to {member}" + (f": {note}" if note else "")
        try:
            tx = ledger.distribute(ledger_key, agency, member, amount, description=description, by=by)
        except ledger.InsufficientFunds as exc:
            available = ledger.balance(ledger.agency_account(agency))
            raise ActionNotAllowed(
                f"{agency.name}'s balance is {format_money(available)}, so {format_money(amount)} can't be "
                "distributed.",
                code="insufficient_funds",
            ) from exc
        log_action(by, "distribute", agency, to_state="", note=description, data={"amount": str(amount)})
        notify(
            member,
            NotificationKind.AGENCY_DISTRIBUTION,
            actor=by,
            text=f"{by} paid you {format_money(amount)} from {agency.name}'s balance",
            url=reverse("payments:list"),
        )
    return tx
