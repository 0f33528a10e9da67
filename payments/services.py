"""Payment actions: adding a payment method, and charging a client's card for the contract services above.

A charge goes through the gateway with an idempotency key, so when the caller's database transaction is
retried the card is charged once. A declined card raises `PaymentDeclined` and the caller leaves the money
where it was.
"""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from marketplace.accounts.models import ClientProfile
from proposals.services import ActionNotAllowed

from .gateway import CardDeclined, Charge, get_gateway
from .models import PaymentMethod


class PaymentDeclined(ActionNotAllowed):
    """The gateway declined the charge; nothing moved."""


def add_payment_method(user, *, number: str, exp_month: int, exp_year: int, cvc: str) -> PaymentMethod:
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


def remove_payment_method(method: PaymentMethod, *, by) -> None:
    if method.user_id != by.pk:
        raise PermissionDenied("This is not your payment method.")
    with transaction.atomic():
        method.delete()
        if not PaymentMethod.objects.filter(user=by, verified=True).exists():
            ClientProfile.objects.filter(user=by).update(payment_verified=False)


def default_method(user) -> PaymentMethod | None:
    return PaymentMethod.objects.filter(user=user, verified=True).order_by("-created_at", "-id").first()


def charge_client(client, amount: Decimal, *, key: str, description: str) -> Charge:
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
