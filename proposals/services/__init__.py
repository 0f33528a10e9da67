"""The hiring workflow's actions, one function per action (brief section 3; `accept_offer` is in contracts).

Each service:
1. checks who acts (PermissionDenied for the wrong person: a freelancer on a client's action, or vice versa),
2. validates the input (ValidationError, keyed by field, for a form to show next to the input),
3. opens one transaction and locks the job row, then the application row (always in that order, so two
   services never deadlock; `close_job` and `contracts.services.accept_offer` take the same order),
4. refuses a state that does not allow the action with `ActionNotAllowed` and a message for the person,
5. calls the FSM transition, writes the related rows and one activity entry (`log_action`),
6. notifies the other side through `messaging.services.notify` (a row now, the email after commit).

Services return the fresh application and also update the instance they were given.
"""

from __future__ import annotations

from ._base import (
    FIXED_MAX,
    FIXED_MIN,
    HOURLY_RATE_MAX,
    HOURLY_RATE_MIN,
    REASON_TEXT_MAX_LENGTH,
    TEXT_MAX_LENGTH,
    WEEKLY_LIMIT_MAX,
    ActionNotAllowed,
    _refuse_second_application,
    applicants_url,
    check_action,
    clean_reason,
    clean_submit_as,
    clean_terms,
    ensure_room,
    lock_application,
    lock_job,
    notify_client,
    notify_freelancer,
    post_in_room,
    record_event,
    refuse_contact_details,
    sync,
    system_message,
)
from .candidacy import (
    reject,
    respond,
    submit_proposal,
    update_terms,
    withdraw,
)
from .closing import (
    close_job,
    close_open_applications,
    expire_due,
)
from .invitations import (
    accept_invitation,
    decline_invitation,
    ignore_invitation,
    invite,
    invite_to_interview,
)
from .offers import (
    ask_clarification,
    clean_offer_milestones,
    clean_offer_terms,
    decline_offer,
    hire_directly,
    send_offer,
    withdraw_offer,
)

__all__ = [
    "FIXED_MAX",
    "FIXED_MIN",
    "HOURLY_RATE_MAX",
    "HOURLY_RATE_MIN",
    "REASON_TEXT_MAX_LENGTH",
    "TEXT_MAX_LENGTH",
    "WEEKLY_LIMIT_MAX",
    "ActionNotAllowed",
    "_refuse_second_application",
    "accept_invitation",
    "applicants_url",
    "ask_clarification",
    "check_action",
    "clean_offer_milestones",
    "clean_offer_terms",
    "clean_reason",
    "clean_submit_as",
    "clean_terms",
    "close_job",
    "close_open_applications",
    "decline_invitation",
    "decline_offer",
    "ensure_room",
    "expire_due",
    "hire_directly",
    "ignore_invitation",
    "invite",
    "invite_to_interview",
    "lock_application",
    "lock_job",
    "notify_client",
    "notify_freelancer",
    "post_in_room",
    "record_event",
    "refuse_contact_details",
    "reject",
    "respond",
    "send_offer",
    "submit_proposal",
    "sync",
    "system_message",
    "update_terms",
    "withdraw",
    "withdraw_offer",
]
