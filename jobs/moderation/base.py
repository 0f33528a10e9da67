"""What every moderation service shares: limits, errors, the moderator check and the decision record."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.utils import timezone

from marketplace.activity.models import Activity
from marketplace.activity.services import log_action
from marketplace.screening import Category

from ..models import Flag, FlagReason, FlagStatus, JobPost, ModerationAction

COMMENT_MAX_LENGTH = 1000
NOTE_MAX_LENGTH = 2000
MAX_STORED_HITS = 50
SNIPPET_MAX_LENGTH = 2000

# The flag reason a screening category stands for.
REASON_FOR_CATEGORY: dict[str, str] = {
    Category.OFF_PLATFORM_PAYMENT: FlagReason.OFF_PLATFORM_PAYMENT,
    Category.WORK_BEFORE_CONTRACT: FlagReason.WORK_BEFORE_CONTRACT,
    Category.UNPAID_WORK: FlagReason.UNPAID_WORK,
    Category.SUSPICIOUS_LINK: FlagReason.SCAM,
    Category.OFF_PLATFORM_CONTACT: FlagReason.CONTACT_DETAILS,
    Category.CONTACT_DETAILS: FlagReason.CONTACT_DETAILS,
}
# A job post whose text falls in one of these is held for review instead of being published.
HOLD_CATEGORIES = frozenset(
    {Category.OFF_PLATFORM_PAYMENT, Category.UNPAID_WORK, Category.WORK_BEFORE_CONTRACT, Category.SUSPICIOUS_LINK}
)


class FlagRefused(ValidationError):
    """A flag the rules refuse; the message is for the reporter. Codes: duplicate, rate_limited, own, invalid."""


class ModerationError(ValidationError):
    """The target's state does not allow the moderator's action; the message says why."""


def require_moderator(by, what: str = "do this") -> None:
    if by is None or not getattr(by, "is_moderator", False):
        raise PermissionDenied(f"Only moderators can {what}.")


def clean_note(note: str | None) -> str:
    return (note or "").strip()[:NOTE_MAX_LENGTH]


def record_decision(
    moderator,
    action: str,
    *,
    job=None,
    user=None,
    user_id: int | None = None,
    note: str = "",
    flags: int = 0,
    from_state: str = "",
    to_state: str = "",
) -> Activity:
    """The activity entry of a decision (who, what, when, why) on the job, or on the client when no job is
    concerned; shown on the job's and the client's admin pages (`decisions_for_job`, `decisions_for_client`)."""
    if job is None and user is None:
        user = get_user_model().objects.get(pk=user_id)
    return log_action(
        moderator,
        action,
        job if job is not None else user,
        from_state=from_state,
        to_state=to_state,
        note=note,
        data={"flags_decided": flags} if flags else None,
    )


def decisions_for_job(job: JobPost):
    """The moderators' (and the screening's) decisions on a job, newest first."""
    return (
        Activity.objects.filter(
            content_type=ContentType.objects.get_for_model(JobPost),
            object_id=job.pk,
            action__in=ModerationAction.values,
        )
        .select_related("actor")
        .order_by("-created_at", "-id")
    )


def decisions_for_client(user_id: int):
    """The decisions on a client and on each of their jobs, newest first."""
    job_ids = JobPost.objects.filter(client_id=user_id).values("pk")
    return (
        Activity.objects.filter(action__in=ModerationAction.values)
        .filter(
            Q(content_type=ContentType.objects.get_for_model(get_user_model()), object_id=user_id)
            | Q(content_type=ContentType.objects.get_for_model(JobPost), object_id__in=job_ids)
        )
        .select_related("actor", "content_type")
        .order_by("-created_at", "-id")
    )


def decide_flag(flag: Flag, *, moderator, note: str, dismiss: bool, now) -> None:
    """One (locked, open) flag dismissed or actioned, with its activity entry."""
    (flag.dismiss if dismiss else flag.action)(moderator=moderator, note=note, now=now)
    flag.save()
    log_action(moderator, "dismiss" if dismiss else "action", flag, from_state=FlagStatus.OPEN, note=note, now=now)


def decide_open_flags(flags, *, moderator, note: str, dismiss: bool) -> int:
    """Dismiss or action every open flag in the queryset (locked). Returns how many were decided."""
    now = timezone.now()
    count = 0
    for flag in flags.select_related(None).select_for_update(of=("self",)).filter(status=FlagStatus.OPEN):
        decide_flag(flag, moderator=moderator, note=note, dismiss=dismiss, now=now)
        count += 1
    return count
