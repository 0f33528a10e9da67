"""Flags: reports by people (jobs, clients, freelancers, messages) and flags raised by the screening."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone

from marketplace.screening import Hit, ScreeningResult, snippet
from messaging.models import Membership, Message

from ..models import Flag, FlagReason, FlagStatus, JobPost, ModerationAction
from ..screening import screen_text
from .base import (
    COMMENT_MAX_LENGTH,
    HOLD_CATEGORIES,
    MAX_STORED_HITS,
    REASON_FOR_CATEGORY,
    SNIPPET_MAX_LENGTH,
    FlagRefused,
    record_decision,
)


# Flags by people ------------------------------------------------------------------------------------------------
def flag_job(job: JobPost, *, by, reason: str, comment: str = "") -> Flag:
    """`by` reports `job` with a reason from the list and an optional comment.

    Refused (FlagRefused) for the job's own client, a second open flag by the same person on the job, or more
    than `FLAG_RATE_LIMIT_PER_HOUR` flags by that person in the last hour.
    Side effects: one open Flag about the job and its client. Nobody is notified; moderators see it in the queue.
    """
    reason, comment = _clean_flag_input(reason, comment)
    if job.client_id == getattr(by, "pk", None):
        raise FlagRefused("You can't flag your own job post.", code="own")
    return _create_flag(
        by,
        duplicate=Flag.objects.filter(reporter=by, job=job, status=FlagStatus.OPEN),
        duplicate_message="You already reported this job. A moderator will look at it.",
        fields={"job": job, "user_id": job.client_id, "reason": reason, "comment": comment},
    )


def flag_client(client, *, by, reason: str, comment: str = "") -> Flag:
    """`by` reports a client from their profile. Same rules and side effects as `flag_job`."""
    return _flag_person(client, by=by, role="client", reason=reason, comment=comment)


def flag_freelancer(freelancer, *, by, reason: str, comment: str = "") -> Flag:
    """`by` reports a freelancer from their profile. Same rules and side effects as `flag_job`."""
    return _flag_person(freelancer, by=by, role="freelancer", reason=reason, comment=comment)


def _flag_person(person, *, by, role: str, reason: str, comment: str) -> Flag:
    # A person has one open flag per reporter, whichever profile it came from: someone with both roles is one
    # person to the moderators, so the refusal names them rather than the role of the page.
    reason, comment = _clean_flag_input(reason, comment)
    if not getattr(person, f"is_{role}", False):
        raise FlagRefused(f"Only {role}s can be flagged from a {role} profile.", code="invalid")
    if person.pk == getattr(by, "pk", None):
        raise FlagRefused("You can't flag yourself.", code="own")
    return _create_flag(
        by,
        duplicate=Flag.objects.filter(
            reporter=by, user=person, job__isnull=True, room__isnull=True, status=FlagStatus.OPEN
        ),
        duplicate_message=f"You already reported {person}. A moderator will look at it.",
        fields={"user": person, "reason": reason, "comment": comment},
    )


def flag_message(message: Message, *, by, reason: str, comment: str = "") -> Flag:
    """A participant reports a message in their room ("Report message"). Rules as in `flag_job`.

    Refused for one's own or a system message and for someone outside the room. Side effects: one open Flag
    about the room, the message and its sender; moderators find the room in "Flagged rooms". Nobody is notified.
    """
    reason, comment = _clean_flag_input(reason, comment)
    if message.sender_id is None or message.sender_id == getattr(by, "pk", None):
        raise FlagRefused("You can only report messages other people wrote.", code="own")
    if not Membership.objects.filter(room_id=message.room_id, user_id=getattr(by, "pk", None)).exists():
        raise PermissionDenied("Only the room's participants can report its messages.")
    return _create_flag(
        by,
        duplicate=Flag.objects.filter(reporter=by, message=message, status=FlagStatus.OPEN),
        duplicate_message="You already reported this message. A moderator will look at it.",
        fields={
            "room_id": message.room_id,
            "message": message,
            "user_id": message.sender_id,
            "reason": reason,
            "comment": comment,
            "snippet": message.body[:300],
        },
    )


def has_open_flag(user, *, job=None, client=None, message=None) -> bool:
    """Whether `user` already has an open flag on the job, the message or the person's profile."""
    if not getattr(user, "is_authenticated", False):
        return False
    flags = Flag.objects.filter(reporter=user, status=FlagStatus.OPEN)
    if job is not None:
        return flags.filter(job=job).exists()
    if message is not None:
        return flags.filter(message=message).exists()
    return flags.filter(user=client, job__isnull=True, room__isnull=True).exists()


def _clean_flag_input(reason: str, comment: str) -> tuple[str, str]:
    if reason not in FlagReason.values:
        raise FlagRefused({"reason": "Choose a reason from the list."}, code="invalid")
    comment = (comment or "").strip()
    if len(comment) > COMMENT_MAX_LENGTH:
        raise FlagRefused(
            {"comment": f"Keep the comment to {COMMENT_MAX_LENGTH} characters (this one has {len(comment)})."},
            code="invalid",
        )
    if reason == FlagReason.OTHER and not comment:
        raise FlagRefused({"comment": "You chose “Something else”: tell us what is wrong in a few words."})
    return reason, comment


def _create_flag(by, *, duplicate, duplicate_message: str, fields: dict) -> Flag:
    if by is None or not by.is_authenticated:
        raise PermissionDenied("Log in to flag.")
    limit = settings.FLAG_RATE_LIMIT_PER_HOUR
    with transaction.atomic():
        # The reporter's row is the lock that makes the duplicate and rate checks exact under concurrency.
        get_user_model().objects.select_for_update().filter(pk=by.pk).first()
        if duplicate.exists():
            raise FlagRefused(duplicate_message, code="duplicate")
        recent = Flag.objects.filter(reporter=by, created_at__gte=timezone.now() - timedelta(hours=1)).count()
        if recent >= limit:
            raise FlagRefused(
                f"You have sent {limit} flags in the last hour, the most we take. Try again later.",
                code="rate_limited",
            )
        try:
            with transaction.atomic():
                return Flag.objects.create(reporter=by, **fields)
        except IntegrityError as exc:  # a second click that raced the first one
            raise FlagRefused(duplicate_message, code="duplicate") from exc


# Flags by the screening -----------------------------------------------------------------------------------------
def queue_for_review(*, text: str, result: ScreeningResult, job=None, user=None, room=None) -> Flag:
    """Queue a job, a room or both for review as a system flag (no reporter) with the hits and a snippet.

    A room keeps one open system flag: later findings are added to it. Must run inside the caller's
    transaction. Side effects: one Flag created or updated. Nobody is notified.
    """
    hits = list(result.risky or result.hits)
    if not hits:
        raise ValueError("queue_for_review needs a screening result with hits.")
    found = [hit.as_dict() for hit in hits]
    excerpt = _snippet(text, hits)
    open_system = Flag.objects.select_for_update().filter(reporter__isnull=True, status=FlagStatus.OPEN)
    existing = None
    if room is not None:
        existing = open_system.filter(room=room).first()
    elif job is not None:
        existing = open_system.filter(job=job, room__isnull=True).first()
    if existing is not None:
        existing.hits = (existing.hits + found)[:MAX_STORED_HITS]
        existing.hit_count = existing.hit_count + len(found)
        existing.snippet = f"{existing.snippet}\n{excerpt}"[-SNIPPET_MAX_LENGTH:]
        if job is not None and existing.job_id is None:
            existing.job = job
        existing.save(update_fields=["hits", "hit_count", "snippet", "job"])
        return existing
    return Flag.objects.create(
        job=job,
        user=user,
        room=room,
        reason=REASON_FOR_CATEGORY[hits[0].category],
        hits=found[:MAX_STORED_HITS],
        hit_count=len(found),
        snippet=excerpt,
    )


def _snippet(text: str, hits: Iterable[Hit]) -> str:
    return " … ".join(snippet(text, hit) for hit in list(hits)[:3])[:SNIPPET_MAX_LENGTH]


def hold_if_risky(job: JobPost) -> bool:
    """Screen a job post's title and description; hold it for review when it asks for off-platform payment,
    free work, work before a contract or has suspicious links. Must run inside the caller's transaction.

    Returns whether the job is (now) held. Side effects when it is newly held: `held_for_review`, one system
    Flag on the job with the hits and a snippet, one moderation entry in the activity log (by the system).
    """
    text = f"{job.title}\n\n{job.description}"
    result = screen_text(text)
    if not (result.categories & HOLD_CATEGORIES):
        return job.held_for_review
    if job.held_for_review:
        return True
    JobPost.objects.filter(pk=job.pk).update(held_for_review=True)
    job.held_for_review = True
    risky = ScreeningResult(contact_details=(), risky=tuple(h for h in result.risky if h.category in HOLD_CATEGORIES))
    queue_for_review(text=text, result=risky, job=job, user=job.client)
    record_decision(None, ModerationAction.HOLD_JOB, job=job, note="Held by the screening.")
    return True
