from __future__ import annotations

from decimal import Decimal

from django import template

from marketplace.money import you_receive

register = template.Library()


@register.filter
def money(amount: Decimal | None) -> str:
    """ "$1,234.50", or the same with a minus sign in front for money going out."""
    if amount is None:
        return ""
    sign = "\N{MINUS SIGN}" if amount < 0 else ""
    return f"{sign}${abs(amount):,.2f}"


@register.filter
def receive(amount: Decimal | None) -> str:
    """What the freelancer receives of `amount` after the service fee, as money."""
    return "" if amount is None else money(you_receive(amount))
