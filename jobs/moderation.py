"""Trust and safety at the jobs layer: flags, screening of job posts, and the moderators' decisions that touch
only jobs, flags and client profiles. One function per action; each docstring lists its side effects.

Suspending a job closes its applications, which belong to the hiring layer above: `suspend_job` and
`suspend_client` take the job down through that layer's `close_job`, named by the setting `JOB_CLOSING`
(`jobs/hooks.py`), in their own transaction. The "Flagged rooms" queue (`warn_room_sender`,
`suspend_room_sender`, `dismiss_room_flags`, `record_room_opening`) lives here too; its admin is `jobs/admin.py`'s.
The person a flag is about is never told who reported them: no service here notifies the flagged user.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django_fsm import can_proceed

from marketplace.accounts.models import ClientProfile
from marketplace.activity.models import Activity
from marketplace.activity.services import activity_for, log_action
from marketplace.screening import Category, Hit, ScreeningResult, screen, snippet
from messaging.models import Membership, Message, NotificationKind, Room
from messaging.services import notify

from . import hooks
from .models import Flag, FlagReason, FlagStatus, JobPost, JobStatus, ModerationAction

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
    result = screen(text)
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


# Moderators' decisions -----------------------------------------------------------------------------------------
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


def dismiss_flags(job: JobPost, *, by, note: str = "") -> int:
    """A moderator finds nothing wrong: the job's open flags are dismissed and a held job is published.

    Side effects: each open flag on the job -> dismissed (moderator, time, note); `held_for_review` cleared;
    one moderation entry in the activity log. Returns how many flags were dismissed.
    """
    require_moderator(by, "dismiss flags")
    note = clean_note(note)
    with transaction.atomic():
        locked = JobPost.objects.select_for_update().get(pk=job.pk)
        count = decide_open_flags(Flag.objects.filter(job=locked), moderator=by, note=note, dismiss=True)
        if not count and not locked.held_for_review:
            raise ModerationError(f"The job “{locked.title}” has no open flags.", code="no_flags")
        if locked.held_for_review:
            JobPost.objects.filter(pk=locked.pk).update(held_for_review=False)
        record_decision(by, ModerationAction.DISMISS_FLAGS, job=locked, note=note, flags=count)
    job.refresh_from_db()
    return count


def reinstate_job(job: JobPost, *, by, note: str = "") -> JobPost:
    """A moderator puts a suspended job back in the state it was suspended from.

    Applications closed by the suspension stay closed (freelancers may apply again).
    Side effects: the job's transition (logged with the moderator); `held_for_review` cleared; the job's open
    flags -> dismissed; one moderation entry in the activity log.
    """
    require_moderator(by, "reinstate a job")
    note = clean_note(note)
    with transaction.atomic():
        locked = JobPost.objects.select_for_update().get(pk=job.pk)
        if not can_proceed(locked.reinstate):
            raise ModerationError(
                f"The job “{locked.title}” is {locked.get_status_display().lower()}, not suspended, so there is "
                "nothing to reinstate.",
                code="not_suspended",
            )
        if not locked.client.is_active:
            raise ModerationError(
                f"{locked.client} is suspended, so their job “{locked.title}” stays suspended.",
                code="client_suspended",
            )
        locked.reinstate()
        locked.held_for_review = False
        locked.save()
        count = decide_open_flags(Flag.objects.filter(job=locked), moderator=by, note=note, dismiss=True)
        record_decision(
            by,
            ModerationAction.REINSTATE_JOB,
            job=locked,
            note=note,
            flags=count,
            from_state=JobStatus.SUSPENDED,
            to_state=locked.status,
        )
    job.refresh_from_db()
    return locked


def mark_payment_verified(client, *, by, note: str = "") -> bool:
    """A moderator marks a client's payment method verified. Returns False when it already was.

    Side effects: `ClientProfile.payment_verified`; one moderation entry in the activity log.
    """
    require_moderator(by, "verify payment methods")
    note = clean_note(note)
    with transaction.atomic():
        profile = ClientProfile.objects.select_for_update().filter(user=client).first()
        if profile is None:
            raise ModerationError(f"{client} has no client profile.", code="no_profile")
        if profile.payment_verified:
            return False
        profile.payment_verified = True
        profile.save(update_fields=["payment_verified"])
        record_decision(by, ModerationAction.MARK_PAYMENT_VERIFIED, user=client, note=note)
    return True


def dismiss_selected_flags(flags, *, by, note: str = "") -> int:
    """A moderator dismisses the chosen open flags (any target: a job, a client, a room).

    A job whose open flags are all dismissed this way is published again if the screening held it.
    Side effects: each open flag -> dismissed (moderator, time, note); one activity entry per job or client concerned.
    Returns how many flags were dismissed.
    """
    require_moderator(by, "dismiss flags")
    note = clean_note(note)
    with transaction.atomic():
        decided = list(
            flags.select_related(None).select_for_update(of=("self",)).filter(status=FlagStatus.OPEN).order_by("pk")
        )
        now = timezone.now()
        for flag in decided:
            decide_flag(flag, moderator=by, note=note, dismiss=True, now=now)
        targets: dict[tuple[int | None, int | None], int] = {}
        for flag in decided:
            key = (flag.job_id, None if flag.job_id else flag.user_id)
            targets[key] = targets.get(key, 0) + 1
        for (job_id, user_id), count in targets.items():
            if job_id is not None and not Flag.objects.filter(job_id=job_id, status=FlagStatus.OPEN).exists():
                JobPost.objects.filter(pk=job_id, held_for_review=True).update(held_for_review=False)
            if job_id is None and user_id is None:
                continue  # a room flag about nobody in particular: the flag itself records the decision
            job = JobPost.objects.filter(pk=job_id).first() if job_id else None
            record_decision(
                by,
                ModerationAction.DISMISS_FLAGS,
                job=job,
                user_id=job.client_id if job else user_id,
                note=note,
                flags=count,
            )
    return len(decided)


# Suspensions (the hiring layer closes the applications: `hooks.close_job`) ----------------------------------
# What the job page and the client's notification say (the moderator's note stays internal: it may name a
# reporter, and reporters are never shown to the flagged user).
PUBLIC_SUSPENSION_REASON = "A moderator found that it may break the marketplace's rules."


def suspend_job(job: JobPost, *, by, note: str = "") -> JobPost:
    """A moderator suspends a job: it disappears from the marketplace and its open applications close.

    Raises PermissionDenied for a non-moderator and `marketplace.fsm.ActionNotAllowed` for a job that can't be
    suspended (already suspended or cancelled).
    Side effects: the job -> suspended (logged with the moderator); every open application -> closed, with one
    event, one room message and one JOB_CLOSED notification per freelancer, and one JOB_SUSPENDED notification
    to the client with the public reason (all in the hiring layer's `close_job`, the `JOB_CLOSING` hook); the
    job's open flags -> actioned; `held_for_review` cleared; one activity entry (the suspension, with the
    moderator's note).
    """
    require_moderator(by, "suspend a job")
    note = clean_note(note)
    with transaction.atomic():
        return _suspend(job, by=by, note=note)


def _suspend(job: JobPost, *, by, note: str) -> JobPost:
    # The flags first, so the job's one activity entry (the suspension) carries how many were decided; the job's
    # row is locked before its flags, in the same order as the other moderation services.
    JobPost.objects.select_for_update().filter(pk=job.pk).first()
    count = decide_open_flags(Flag.objects.filter(job_id=job.pk), moderator=by, note=note, dismiss=False)
    job = hooks.close_job(
        job,
        by=by,
        reason=PUBLIC_SUSPENSION_REASON,
        to=JobStatus.SUSPENDED,
        note=note,
        data={"flags_decided": count} if count else None,
    )
    JobPost.objects.filter(pk=job.pk, held_for_review=True).update(held_for_review=False)
    job.held_for_review = False
    return job


def suspend_client(client, *, by, note: str = "") -> list[JobPost]:
    """A moderator suspends a client: they can no longer log in and their open jobs are suspended.

    Returns the jobs suspended. Side effects: `is_active` off (their sessions stop working); the applications
    they sent as a freelancer closed, each client told (`hooks.user_suspended`); each open job suspended as in
    `suspend_job` (applications closed, each freelancer notified once); the open flags about
    the client and their jobs -> actioned; one activity entry for the client and one per job.
    """
    require_moderator(by, "suspend a client")
    note = clean_note(note)
    with transaction.atomic():
        user = get_user_model().objects.select_for_update().get(pk=client.pk)
        if user.is_staff or user.is_superuser:
            raise ModerationError("Staff accounts can't be suspended from the moderation tools.", code="staff")
        if not user.is_active:
            raise ModerationError(f"{user} is already suspended.", code="already_suspended")
        _deactivate(user, by=by, note=note)
        suspended = [
            _suspend(job, by=by, note=note)
            for job in JobPost.objects.filter(client=user, status=JobStatus.OPEN).order_by("pk")
        ]
        count = decide_open_flags(
            Flag.objects.filter(Q(user=user) | Q(job__client=user)), moderator=by, note=note, dismiss=False
        )
        record_decision(by, ModerationAction.SUSPEND_CLIENT, user=user, note=note, flags=count)
    client.is_active = False
    return suspended


def _deactivate(user, *, by, note: str) -> None:
    """The account stops working (its sessions too), and the layers above end what it left open
    (`hooks.user_suspended`): its open applications close and its active contracts pause, the other side told."""
    user.is_active = False
    user.save(update_fields=["is_active"])
    hooks.user_suspended(user=user, by=by, note=note)


# Rooms in the moderators' admin ("Flagged rooms") ----------------------------------------------------------------

ROOM_WARNING_TEXT = (
    "A moderator reviewed a conversation you took part in and reminds you of the marketplace's rules: keep "
    "payments and contact on the platform, and don't ask for work before a contract or for unpaid work."
)
OPEN_ROOM = "open_room"


def reviewable_rooms():
    """Rooms a moderator may read: those with a flag, open or decided (a decided flag records the decision)."""
    return Room.objects.filter(pk__in=Flag.objects.filter(room__isnull=False).values("room_id"))


def record_room_opening(room: Room, *, by) -> Activity:
    """A moderator opens a room's conversation in the admin; every opening is recorded (who, when).

    Raises PermissionDenied for a non-moderator or a room without any flag (nothing to review there).
    Side effects: one activity entry on the room (`open_room`, the moderator, the time).
    """
    require_moderator(by, "read conversations")
    if not reviewable_rooms().filter(pk=room.pk).exists():
        raise PermissionDenied("Only rooms with an open flag or a recorded decision can be read.")
    return log_action(by, OPEN_ROOM, room, to_state="")


def room_openings(room: Room):
    """Who opened the room in the admin and when, newest first."""
    return activity_for(room).filter(action=OPEN_ROOM).select_related("actor").order_by("-created_at", "-id")


def _room_senders(room: Room) -> list:
    """The people the room's open flags are about (the writers of the flagged messages)."""
    ids = Flag.objects.filter(room=room, status=FlagStatus.OPEN, user__isnull=False).values("user_id")
    return list(get_user_model().objects.filter(pk__in=ids).order_by("pk"))


def _decide_room(room: Room, *, by, note: str, dismiss: bool) -> int:
    """Decide the room's open flags; each person who reported in it is told once (never who was reported)."""
    reporter_ids = set(
        Flag.objects.filter(room=room, status=FlagStatus.OPEN, reporter__isnull=False).values_list(
            "reporter_id", flat=True
        )
    )
    count = decide_open_flags(Flag.objects.filter(room=room), moderator=by, note=note, dismiss=dismiss)
    if not count:
        raise ModerationError(f"The room “{room}” has no open flags.", code="no_flags")
    outcome = "found nothing against the rules" if dismiss else "took action"
    for reporter in get_user_model().objects.filter(pk__in=reporter_ids).order_by("pk"):
        notify(
            reporter,
            NotificationKind.REPORT_REVIEWED,
            text=f"Thank you for your report: a moderator reviewed it and {outcome}.",
            url=room.get_absolute_url(),
        )
    return count


def warn_room_sender(room: Room, *, by, note: str = "") -> int:
    """A moderator warns the writers of a room's flagged messages; the room's open flags -> actioned.

    Side effects: the open flags actioned (one activity entry each); per sender one MODERATOR_WARNING
    notification (a fixed text: the note stays internal, it may name a reporter) and one activity entry.
    Returns how many people were warned.
    """
    require_moderator(by, "warn users")
    note = clean_note(note)
    with transaction.atomic():
        Room.objects.select_for_update().get(pk=room.pk)
        senders = _room_senders(room)
        count = _decide_room(room, by=by, note=note, dismiss=False)
        for sender in senders:
            notify(
                sender,
                NotificationKind.MODERATOR_WARNING,
                actor=None,
                text=ROOM_WARNING_TEXT,
                url=room.get_absolute_url(),
            )
            record_decision(by, ModerationAction.WARN_USER, user=sender, note=note, flags=count)
    return len(senders)


def suspend_room_sender(room: Room, *, by, note: str = "") -> int:
    """A moderator suspends the writers of a room's flagged messages: they can no longer log in.

    A client is suspended as in `suspend_client` (their open jobs suspended too). Side effects: `is_active` off;
    their open applications closed and each client told (`hooks.user_suspended`);
    the room's open flags -> actioned; one activity entry per person. Returns how many people were suspended.
    """
    require_moderator(by, "suspend users")
    note = clean_note(note)
    with transaction.atomic():
        Room.objects.select_for_update().get(pk=room.pk)
        senders = _room_senders(room)
        if not senders:
            raise ModerationError(f"The room “{room}” has no open flag about a person.", code="no_sender")
        if any(sender.is_staff or sender.is_superuser for sender in senders):
            raise ModerationError("Staff accounts can't be suspended from the moderation tools.", code="staff")
        count = _decide_room(room, by=by, note=note, dismiss=False)
        for sender in senders:
            user = get_user_model().objects.select_for_update().get(pk=sender.pk)
            if not user.is_active:
                continue
            if JobPost.objects.filter(client=user).exists():
                suspend_client(user, by=by, note=note)
                continue
            _deactivate(user, by=by, note=note)
            record_decision(by, ModerationAction.SUSPEND_USER, user=user, note=note, flags=count)
    return len(senders)


def dismiss_room_flags(room: Room, *, by, note: str = "") -> int:
    """A moderator finds nothing wrong in a room: its open flags -> dismissed. Returns how many.

    Side effects: each open flag dismissed (one activity entry each); one activity entry per person flagged.
    """
    require_moderator(by, "dismiss flags")
    note = clean_note(note)
    with transaction.atomic():
        Room.objects.select_for_update().get(pk=room.pk)
        senders = _room_senders(room)
        count = _decide_room(room, by=by, note=note, dismiss=True)
        for sender in senders:
            record_decision(by, ModerationAction.DISMISS_FLAGS, user=sender, note=note, flags=count)
    return count
