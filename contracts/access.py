"""Who sees which contract: its client, its freelancer, and on an agency contract the agency's members who work
on it. Each is a condition (subqueries, no extra query) for the contract pages and lists.

On an agency contract the named freelancer and the members assigned to it see it, and the agency's owners and
admins see all of its contracts, only while they are active members: a removed member loses access at once.
"""

from __future__ import annotations

from django.db.models import Q

from agencies import selectors as agency_selectors

from .models import ContractAssignment


def freelancer_side(user) -> Q:
    """Contracts `user` sees on the freelancer's side (their own, or their agencies')."""
    agencies = agency_selectors.agency_ids(user)
    assigned = ContractAssignment.objects.filter(user=user).values("contract_id")
    for_agency = Q(agency__in=agencies) & (
        Q(freelancer=user) | Q(pk__in=assigned) | Q(agency__in=agency_selectors.managed_agency_ids(user))
    )
    return Q(agency__isnull=True, freelancer=user) | for_agency


def visible_to(user) -> Q:
    return Q(client=user) | freelancer_side(user)


def is_assigned(contract, user) -> bool:
    """An active member of the contract's agency whom its owner or admin assigned to it."""
    if user is None or not user.is_authenticated or contract.agency_id is None:
        return False
    return ContractAssignment.objects.filter(contract=contract, user=user).exists() and agency_selectors.is_member(
        contract.agency_id, user
    )
