from __future__ import annotations

from decimal import Decimal

from django import template

register = template.Library()


@register.filter
def money(amount: Decimal | None) -> str:
    """ "$1,234.50", or "−$12.00" for money going out."""
    if amount is None:
        return ""
    sign = "−" if amount < 0 else ""
    return f"{sign}${abs(amount):,.2f}"
