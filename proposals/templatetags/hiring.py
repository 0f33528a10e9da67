"""Small template helpers for the hiring pages: money as people read it, and the service fee rate."""

from __future__ import annotations

from decimal import Decimal

from django import template

from marketplace.money import fee_rate
from proposals.models import ApplicationStatus, format_money

register = template.Library()


@register.filter
def money(amount: Decimal | None) -> str:
    """$1,234.50 (empty for no amount)."""
    return format_money(amount)


@register.simple_tag
def service_fee_percent() -> str:
    """The service fee rate as a percentage, e.g. "10" or "12.5"."""
    return f"{(fee_rate() * 100).normalize():f}"


# The freelancer receives what the client sends: the same state reads differently from each side.
_FREELANCER_LABELS = {"offered": "Offer received", "invited": "Invitation received"}


@register.filter
def seen_status(application, user) -> str:
    """The state as `user` may know it: ignoring an invitation is private, so to anyone but the freelancer an
    archived invitation is still an invitation waiting for an answer."""
    if application.status == ApplicationStatus.ARCHIVED and getattr(user, "pk", None) != application.freelancer_id:
        return ApplicationStatus.INVITED
    return application.status


@register.filter
def status_for(application, user) -> str:
    """The application's state in the words of the person looking at it."""
    if application.status == ApplicationStatus.HIRED:
        contract = getattr(application, "contract", None)  # None only for data made before contracts existed
        if contract is not None:
            return f"Hired · contract {contract.get_status_display().lower()}"
    if getattr(user, "pk", None) == application.freelancer_id:
        return _FREELANCER_LABELS.get(application.status, application.get_status_display())
    return str(ApplicationStatus(seen_status(application, user)).label)
