"""One place where contract-side services record who changed what (issue 10 brings one activity log for the
whole project; when it lands, this function calls it and nothing else changes).

The contract-side models are left out of django-fsm-log's automatic logging (settings
`DJANGO_FSM_LOG_IGNORED_MODELS`) so each change is recorded once, here, with who did it and why.
"""

from __future__ import annotations

from django_fsm_log.models import StateLog


def log_action(actor, action: str, target, *, from_state: str, note: str = "") -> None:
    """Record that `actor` (None for the system) did `action` on `target`, moving it from `from_state` to its
    current `status`."""
    StateLog.objects.create(
        content_object=target,
        by=actor if getattr(actor, "pk", None) else None,
        source_state=from_state,
        state=target.status,
        transition=action,
        description=note or None,
    )
