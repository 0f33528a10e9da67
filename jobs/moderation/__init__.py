"""Trust and safety at the jobs layer: flags, screening of job posts, and the moderators' decisions that touch
only jobs, flags and client profiles. One function per action; each docstring lists its side effects.

Suspending a job closes its applications, which belong to the hiring layer above: `suspend_job` and
`suspend_client` take the job down through that layer's `close_job`, named by the setting `JOB_CLOSING`
(`jobs/hooks.py`), in their own transaction. The "Flagged rooms" queue (`warn_room_sender`,
`suspend_room_sender`, `dismiss_room_flags`, `record_room_opening`) lives here too; its admin is
`jobs/moderation_admin.py`'s. The person a flag is about is never told who reported them: no service here notifies
the flagged user.

One module per part (`base`: limits, errors, the moderator check and the decision record; `flags`: reports and
screening holds; `decisions`: decisions on jobs and clients, suspensions included; `rooms`: the "Flagged rooms"
queue); callers import from `jobs.moderation`.
"""

from __future__ import annotations

from .base import (
    COMMENT_MAX_LENGTH,
    HOLD_CATEGORIES,
    MAX_STORED_HITS,
    NOTE_MAX_LENGTH,
    REASON_FOR_CATEGORY,
    SNIPPET_MAX_LENGTH,
    FlagRefused,
    ModerationError,
    clean_note,
    decide_flag,
    decide_open_flags,
    decisions_for_client,
    decisions_for_job,
    record_decision,
    require_moderator,
)
from .decisions import (
    PUBLIC_SUSPENSION_REASON,
    SUSPENSIONS,
    dismiss_flags,
    dismiss_selected_flags,
    mark_payment_verified,
    reinstate_account,
    reinstate_job,
    suspend_client,
    suspend_job,
    suspended_accounts,
)
from .flags import (
    flag_client,
    flag_freelancer,
    flag_job,
    flag_message,
    has_open_flag,
    hold_if_risky,
    queue_for_review,
)
from .rooms import (
    OPEN_ROOM,
    ROOM_WARNING_TEXT,
    dismiss_room_flags,
    record_room_opening,
    reviewable_rooms,
    room_openings,
    suspend_room_sender,
    warn_room_sender,
)

__all__ = [
    "COMMENT_MAX_LENGTH",
    "HOLD_CATEGORIES",
    "MAX_STORED_HITS",
    "NOTE_MAX_LENGTH",
    "OPEN_ROOM",
    "PUBLIC_SUSPENSION_REASON",
    "REASON_FOR_CATEGORY",
    "ROOM_WARNING_TEXT",
    "SNIPPET_MAX_LENGTH",
    "SUSPENSIONS",
    "FlagRefused",
    "ModerationError",
    "clean_note",
    "decide_flag",
    "decide_open_flags",
    "decisions_for_client",
    "decisions_for_job",
    "dismiss_flags",
    "dismiss_room_flags",
    "dismiss_selected_flags",
    "flag_client",
    "flag_freelancer",
    "flag_job",
    "flag_message",
    "has_open_flag",
    "hold_if_risky",
    "mark_payment_verified",
    "queue_for_review",
    "record_decision",
    "record_room_opening",
    "reinstate_account",
    "reinstate_job",
    "require_moderator",
    "reviewable_rooms",
    "room_openings",
    "suspend_client",
    "suspend_job",
    "suspend_room_sender",
    "suspended_accounts",
    "warn_room_sender",
]
