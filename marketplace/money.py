"""Money helpers: the service fee and what a freelancer receives. Pure functions on `Decimal`, rounded to cents.

The client sees the rate or price the freelancer bid; the freelancer sees the fee and what they will receive.
The fee rate is `settings.SERVICE_FEE_RATE` (a decimal fraction, 0.10 by default) unless one is passed.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

CENT = Decimal("0.01")

Amount = Decimal | int | str


def to_money(amount: Amount) -> Decimal:
    """`amount` as a Decimal rounded to cents (half up). Floats are refused: they cannot hold cents exactly."""
    if isinstance(amount, float):
        raise TypeError("Pass money as Decimal, int or str, not float.")
    try:
        value = Decimal(amount)
    except (InvalidOperation, TypeError, ValueError) as exc:
        raise ValueError(f"Not an amount of money: {amount!r}") from exc
    if not value.is_finite():
        raise ValueError(f"Not an amount of money: {amount!r}")
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def fee_rate() -> Decimal:
    from django.conf import settings

    return Decimal(str(settings.SERVICE_FEE_RATE))


def service_fee(amount: Amount, rate: Decimal | None = None) -> Decimal:
    """The marketplace's cut of `amount`, rounded to cents (half up)."""
    value = to_money(amount)
    if value < 0:
        raise ValueError("An amount of money cannot be negative.")
    rate = fee_rate() if rate is None else Decimal(rate)
    return (value * rate).quantize(CENT, rounding=ROUND_HALF_UP)


def you_receive(amount: Amount, rate: Decimal | None = None) -> Decimal:
    """What the freelancer receives of `amount` once the service fee is taken."""
    value = to_money(amount)
    return value - service_fee(value, rate)
