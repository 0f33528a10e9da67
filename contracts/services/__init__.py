"""Contract actions, one function per user action (permission, transaction with row locks, FSM transition,
ledger movement, activity log, notifications). `accept_offer` lives here, the higher layer, because it creates
a contract."""

from .agency import assign_member, unassign_member
from .diary import (
    add_manual_time,
    bill_timesheet,
    change_weekly_limit,
    close_and_bill_weeks,
    dispute_entry,
    set_manual_time,
    start_timer,
    stop_timer,
    week_summary,
)
from .hiring import accept_offer, end_contract
from .lifecycle import give_bonus, leave_feedback, pause_contract, resume_contract
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
    "add_manual_time",
    "add_milestone",
    "agree_refund",
    "approve_milestone",
    "assign_member",
    "bill_timesheet",
    "change_weekly_limit",
    "close_and_bill_weeks",
    "dispute_entry",
    "end_contract",
    "fund_milestone",
    "give_bonus",
    "leave_feedback",
    "pause_contract",
    "release_due_milestones",
    "request_changes",
    "request_refund",
    "resume_contract",
    "set_manual_time",
    "start_timer",
    "stop_timer",
    "submit_work",
    "unassign_member",
    "week_summary",
]
