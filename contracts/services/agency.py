"""Agency contracts: the agency's owner or admin assigns members to an hourly contract (they may add manual time,
marked with their name) and takes them off it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from agencies import selectors as agency_selectors
from agencies.models import MANAGERS
from messaging.models import NotificationKind

from ..models import Contract, ContractAssignment
from ._base import lock_contract, log_action, notify_party, require_open

if TYPE_CHECKING:
    from marketplace.accounts.models import User


def _require_manager(contract: Contract, user: User, what: str) -> None:
    if contract.agency_id is None:
        raise PermissionDenied("Only agency contracts have assigned members.")
    mine = agency_selectors.membership(contract.agency_id, user)
    if mine is None or mine.role not in MANAGERS:
        raise PermissionDenied(f"Only the agency's owners and admins can {what}.")


def assign_member(contract: Contract, *, by: User, member: User | None) -> ContractAssignment:
    """ "Assign member": an owner or admin of the contract's agency assigns an active member to the contract, so
    they may add manual time to its work diary. Assigning twice is harmless.

    Side effects: one ContractAssignment; one activity entry on the contract; the member is notified.
    """
    with transaction.atomic():
        locked = lock_contract(contract)
        _require_manager(locked, by, "assign members to this contract")
        require_open(locked, "assign members", paused_ok=True)
        assert locked.agency_id is not None  # `_require_manager` refused a contract without an agency
        if member is None or agency_selectors.membership(locked.agency_id, member) is None:
            raise ValidationError({"member": "Choose a member of the agency."})
        if member.pk == locked.freelancer_id:
            raise ValidationError({"member": f"{member} is the freelancer named on this contract."})
        assignment, created = ContractAssignment.objects.get_or_create(
            contract=locked, user=member, defaults={"assigned_by": by}
        )
        if created:
            log_action(by, "assign_member", locked, to_state="", note=member.username)
            notify_party(
                member,
                NotificationKind.AGENCY_MEMBERSHIP,
                locked,
                actor=by,
                text=f"{by} assigned you to the contract “{locked.title}”: you can add manual time to its work diary",
            )
    return assignment


def unassign_member(contract: Contract, *, by: User, member: User) -> bool:
    """An owner or admin takes a member off the contract; they can no longer add time to it.

    Side effects: the ContractAssignment is deleted; one activity entry on the contract.
    """
    with transaction.atomic():
        locked = lock_contract(contract)
        _require_manager(locked, by, "take members off this contract")
        deleted, _ = ContractAssignment.objects.filter(contract=locked, user=member).delete()
        if deleted:
            log_action(by, "unassign_member", locked, to_state="", note=member.username)
    return bool(deleted)
