"""The payment gateway interface and the built-in sandbox gateway.

A gateway verifies a card (returning a token; the card number is never stored) and charges a token. Both
take an idempotency key where money moves, so a retried charge is taken once. `settings.PAYMENT_GATEWAY` is the
dotted path of the class in use; a real provider's adapter implements the same two methods.

Sandbox test cards (any future expiry, any 3-digit CVC):
- 4242 4242 4242 4242 (Visa) and 5555 5555 5555 4444 (Mastercard): verified, every charge succeeds;
- 4000 0000 0000 0002: declined when it is added;
- 4000 0000 0000 0341: added and verified, but every charge is declined.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from decimal import Decimal
from typing import Protocol

from django.conf import settings
from django.utils.module_loading import import_string


class CardDeclined(Exception):
    """The gateway refused the card or the charge; `message` is for the person."""

    def __init__(self, message: str = "Your card was declined.") -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class VerifiedCard:
    token: str
    brand: str
    last4: str


@dataclass(frozen=True)
class Charge:
    reference: str
    amount: Decimal


class PaymentGateway(Protocol):
    def verify_card(self, *, number: str, exp_month: int, exp_year: int, cvc: str) -> VerifiedCard: ...

    def charge(self, *, token: str, amount: Decimal, idempotency_key: str, description: str) -> Charge: ...


SANDBOX_GOOD = {"4242424242424242": "Visa", "5555555555554444": "Mastercard"}
SANDBOX_DECLINED_ON_ADD = "4000000000000002"
SANDBOX_DECLINED_ON_CHARGE = "4000000000000341"


class SandboxGateway:
    """Answers like a real gateway would for the test cards above; no network, nothing stored."""

    def verify_card(self, *, number: str, exp_month: int, exp_year: int, cvc: str) -> VerifiedCard:
        number = "".join(number.split())
        if number == SANDBOX_DECLINED_ON_ADD:
            raise CardDeclined("Your card was declined. Try another card.")
        if number in SANDBOX_GOOD:
            brand = SANDBOX_GOOD[number]
        elif number == SANDBOX_DECLINED_ON_CHARGE:
            brand = "Visa"
        else:
            raise CardDeclined("This card is not accepted. In the sandbox, use one of the test cards.")
        token = "sandbox_" + hashlib.sha256(f"{number}:{exp_month}:{exp_year}".encode()).hexdigest()[:24]
        if number == SANDBOX_DECLINED_ON_CHARGE:
            token = "sandbox_decline_" + token.removeprefix("sandbox_")
        return VerifiedCard(token=token, brand=brand, last4=number[-4:])

    def charge(self, *, token: str, amount: Decimal, idempotency_key: str, description: str) -> Charge:
        if token.startswith("sandbox_decline_"):
            raise CardDeclined("Your card was declined. No money was taken; update your payment method and try again.")
        reference = "ch_" + hashlib.sha256(f"{token}:{idempotency_key}".encode()).hexdigest()[:20]
        return Charge(reference=reference, amount=amount)


def get_gateway() -> PaymentGateway:
    return import_string(settings.PAYMENT_GATEWAY)()
