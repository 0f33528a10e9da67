"""The hiring pages. Thin views: forms validate the input, services act (and check who may act), selectors read.

Every action is a POST to its own URL. Nobody but the two parties of an application learns it exists (404);
a rule that refuses the action (`ActionNotAllowed`, or the wrong side of the application) becomes a clear
message and a redirect, never a 500; a form error re-renders the page with the input kept.
"""

from __future__ import annotations

from .client import (
    invite_to_interview,
    reject,
    respond,
    send_offer,
    withdraw_offer,
)
from .freelancer import (
    accept_invitation,
    ask_clarification,
    decline_invitation,
    decline_offer,
    detail,
    fee_preview,
    ignore_invitation,
    proposal_list,
    update_terms,
    withdraw,
)
from .job_pages import (
    applicants,
    applicants_viewed,
    cancel_job,
    close_job,
    invite_freelancers,
    submit_proposal,
)
from .profiles import (
    freelancer_profile,
    hire_from_profile,
    invite_from_profile,
)

__all__ = [
    "accept_invitation",
    "applicants",
    "applicants_viewed",
    "ask_clarification",
    "cancel_job",
    "close_job",
    "decline_invitation",
    "decline_offer",
    "detail",
    "fee_preview",
    "freelancer_profile",
    "hire_from_profile",
    "ignore_invitation",
    "invite_freelancers",
    "invite_from_profile",
    "invite_to_interview",
    "proposal_list",
    "reject",
    "respond",
    "send_offer",
    "submit_proposal",
    "update_terms",
    "withdraw",
    "withdraw_offer",
]
