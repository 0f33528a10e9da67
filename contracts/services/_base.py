"""What the contract services share: locking, who may act, the refusal messages, the other side's notification."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied

from agencies import selectors as agency_selectors
from marketplace.activity.services import log_action
from messaging.models import Notification, NotificationKind
from messaging.services import notify
from proposals.models import format_money
from proposals.services import ActionNotAllowed

from ..models import Contract, ContractStatus, Milestone

if TYPE_CHECKING:
    from marketplace.accounts.models import User

__all__ = [
    "ActionNotAllowed",
    "format_money",
    "lock_contract",
    "lock_milestone",
    "log_action",
    "notify_party",
    "require_client",
    "require_freelancer",
    "require_open",
    "require_still_member",
]


def lock_contract(contract: Contract | int) -> Contract:
    """Lock and return the contract row with its parties (inside a transaction)."""
    pk = contract.pk if isinstance(contract, Contract) else contract
    return (
        Contract.objects.select_for_update(of=("self",))
        .select_related("client", "freelancer", "job", "application__room")
        .get(pk=pk)
    )


def lock_milestone(milestone: Milestone | int) -> Milestone:
    """Lock the milestone row and return it with its contract (contract row not locked: a milestone's money
    moves under the milestone lock and the ledger's account locks)."""
    pk = milestone.pk if isinstance(milestone, Milestone) else milestone
    return (
        Milestone.objects.select_for_update(of=("self",))
        .select_related("contract__client", "contract__freelancer")
        .get(pk=pk)
    )


def require_client(contract: Contract, user: User | None, what: str) -> None:
    if user is None or user.pk != contract.client_id:
        raise PermissionDenied(f"Only the client of this contract can {what}.")


def require_freelancer(contract: Contract, user: User | None, what: str) -> None:
    if user is None or user.pk != contract.freelancer_id:
        raise PermissionDenied(f"Only the freelancer of this contract can {what}.")
    require_still_member(contract, user)


def require_still_member(contract: Contract, user: User) -> None:
    """On an agency contract, the person acting for the agency must still be an active member of it."""
    if contract.agency_id is not None and not agency_selectors.is_member(contract.agency_id, user):
        raise PermissionDenied("You are no longer a member of the agency that holds this contract.")


def require_open(contract: Contract, what: str, *, paused_ok: bool = False) -> None:
    if contract.status == ContractStatus.ENDED:
        raise ActionNotAllowed(f"This contract has ended, so you can no longer {what}.", code="contract_ended")
    if contract.status == ContractStatus.PAUSED and not paused_ok:
        raise ActionNotAllowed(
            f"This contract is paused, so you can't {what} until the client resumes it.", code="contract_paused"
        )


def notify_party(
    recipient: User,
    kind: NotificationKind,
    contract: Contract,
    *,
    actor: User | None,
    text: str,
    note: str = "",
    **extra: Any,
) -> Notification:
    return notify(
        recipient,
        kind,
        actor=actor,
        text=text,
        url=contract.get_absolute_url(),
        context={"job_title": contract.title, "contract_id": contract.pk, "note": note, **extra},
    )
