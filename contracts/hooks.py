"""The contracts layer's answers to changes in the layers below.

- `AGENCY_MEMBERSHIP_ENDED` (`agencies.hooks`): an agency member who leaves or is removed comes off the agency's
  contracts at once; access checks also ask for an active membership.
- `USER_SUSPENDED` (`jobs.hooks`): a moderator suspended a person. Their active contracts pause (no time can be
  logged, a running timer is stopped) and the other side is told why and what they can do, so nobody keeps
  working for, or paying, an account that can no longer answer. The client can still end the contract.
- `USER_REINSTATED` (`jobs.hooks`): a moderator reinstated the person. The contracts their suspension paused (and
  nobody changed since) resume, and the other side is told; one whose other side is suspended too stays paused,
  now for that person's suspension.
"""

from __future__ import annotations

from django.db.models import Q
from django.utils import timezone

from agencies.models import Agency
from marketplace.accounts.models import User
from messaging.models import NotificationKind

from .models import Contract, ContractAssignment, ContractStatus
from .services._base import lock_contract, log_action, notify_party
from .services.diary import record_timer


def drop_agency_assignments(*, agency: Agency, user: User, by: User) -> None:
    ContractAssignment.objects.filter(contract__agency=agency, user=user).delete()


def suspension_reason(user: User) -> str:
    """The status note of a contract paused by `user`'s suspension (shown to both sides)."""
    return f"{user.display_name}'s account was suspended by a moderator."


def pause_suspended_persons_contracts(*, user: User, by: User, note: str = "") -> None:
    now = timezone.now()
    reason = suspension_reason(user)
    mine = Q(client=user) | Q(freelancer=user)
    for pk in Contract.objects.filter(mine, status=ContractStatus.ACTIVE).order_by("pk").values_list("pk", flat=True):
        contract = lock_contract(pk)
        if contract.status != ContractStatus.ACTIVE:
            continue
        if contract.timer_started_at is not None:
            record_timer(contract, memo="Timer stopped: the contract was paused", now=now)
        contract.pause(reason=reason)
        contract.save()
        log_action(by, "pause", contract, from_state=ContractStatus.ACTIVE, note=reason)
        if contract.client_id == user.pk:
            text = (
                f"The contract “{contract.title}” is paused: the client's account was suspended by a moderator. "
                "Don't do more work on it; what you already logged stays on the contract."
            )
        else:
            text = (
                f"The contract “{contract.title}” is paused: {user.display_name}'s account was suspended by a "
                "moderator. No time can be logged; you can end the contract from its page."
            )
        notify_party(contract.other_party(user), NotificationKind.CONTRACT_PAUSED, contract, actor=None, text=text)


def resume_reinstated_persons_contracts(*, user: User, by: User, note: str = "") -> None:
    reason = suspension_reason(user)
    mine = Q(client=user) | Q(freelancer=user)
    paused = Contract.objects.filter(mine, status=ContractStatus.PAUSED, status_note=reason)
    for pk in paused.order_by("pk").values_list("pk", flat=True):
        contract = lock_contract(pk)
        if contract.status != ContractStatus.PAUSED or contract.status_note != reason:
            continue  # resumed, ended or paused again for another reason since
        other = contract.other_party(user)
        if not other.is_active:
            contract.status_note = suspension_reason(other)
            contract.save(update_fields=["status_note"])
            continue
        contract.resume(reason="")
        contract.save()
        log_action(
            by,
            "resume",
            contract,
            from_state=ContractStatus.PAUSED,
            note=f"{user.display_name}'s account was reinstated by a moderator.",
        )
        notify_party(
            other,
            NotificationKind.CONTRACT_PAUSED,
            contract,
            actor=None,
            text=(
                f"The contract “{contract.title}” is active again: {user.display_name}'s account was reinstated by "
                "a moderator."
            ),
        )
