"""Contract actions, one function per user action (permission, transaction with row locks, FSM transition,
ledger movement, activity log, notifications). `accept_offer` lives here, the higher layer, because it creates
a contract."""

from .hiring import accept_offer, end_contract
from .milestones import (
    add_milestone,
    agree_refund,
    approve_milestone,
    fund_milestone,
    release_due_milestones,
    request_changes,
    request_refund,
    submit_work,
)

__all__ = [
    "accept_offer",
    "add_milestone",
    "agree_refund",
    "approve_milestone",
    "end_contract",
    "fund_milestone",
    "release_due_milestones",
    "request_changes",
    "request_refund",
    "submit_work",
]
