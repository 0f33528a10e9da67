"""Moderation and screening actions that reach applications, so they live in the hiring layer.

- `suspend_job` and `suspend_client`: a moderator takes a job (or every open job of a client) down through
  `services.close_job(..., to=SUSPENDED)`, which closes each open application and notifies each freelancer.
- `warn_room_sender`, `suspend_room_sender`, `dismiss_room_flags` and `record_room_opening`: the "Flagged rooms"
  queue (suspending a client sender suspends their jobs, which closes applications).
- `screen_room_message`: the messaging screening hook (setting `MESSAGE_SCREENING`). Messaging posts every
  message (`messaging.services.post_message`) and stores what the screening found; this layer applies the
  contact-details setting and queues the room for review as a system flag (`jobs.moderation`).
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q

from jobs.models import Flag, FlagStatus, JobPost, JobStatus, ModerationAction
from jobs.moderation import ModerationError, clean_note, decide_open_flags, queue_for_review, record_decision
from jobs.moderation import require_moderator as _require_moderator
from marketplace.activity.models import Activity
from marketplace.activity.services import activity_for, log_action
from marketplace.screening import screen
from messaging.models import Message, NotificationKind, Room
from messaging.screening import NOT_SCREENED, Screening
from messaging.services import notify

from . import services
from .models import Application, ApplicationStatus

# What the job page and the client's notification say (the moderator's note stays internal: it may name a
# reporter, and reporters are never shown to the flagged user).
PUBLIC_SUSPENSION_REASON = "A moderator found that it may break the marketplace's rules."
CONTACT_POLICIES = ("allow", "warn", "block")


def suspend_job(job: JobPost, *, by, note: str = "") -> JobPost:
    """A moderator suspends a job: it disappears from the marketplace and its open applications close.

    Raises PermissionDenied for a non-moderator and `services.ActionNotAllowed` for a job that can't be
    suspended (already suspended or cancelled).
    Side effects: the job -> suspended (logged with the moderator); every open application -> closed, with one
    event, one room message and one JOB_CLOSED notification per freelancer, and one JOB_SUSPENDED notification
    to the client with the public reason (all in `services.close_job`); the job's open flags -> actioned;
    `held_for_review` cleared; one activity entry (the suspension, with the moderator's note).
    """
    _require_moderator(by, "suspend a job")
    note = clean_note(note)
    with transaction.atomic():
        return _suspend(job, by=by, note=note)


def _suspend(job: JobPost, *, by, note: str) -> JobPost:
    # The flags first, so the job's one activity entry (the suspension) carries how many were decided; the job's
    # row is locked before its flags, in the same order as the other moderation services.
    JobPost.objects.select_for_update().filter(pk=job.pk).first()
    count = decide_open_flags(Flag.objects.filter(job_id=job.pk), moderator=by, note=note, dismiss=False)
    job = services.close_job(
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

    Returns the jobs suspended. Side effects: `is_active` off (their sessions stop working); each open job
    suspended as in `suspend_job` (applications closed, each freelancer notified once); the open flags about
    the client and their jobs -> actioned; one activity entry for the client and one per job.
    """
    _require_moderator(by, "suspend a client")
    note = clean_note(note)
    with transaction.atomic():
        user = get_user_model().objects.select_for_update().get(pk=client.pk)
        if user.is_staff or user.is_superuser:
            raise ModerationError("Staff accounts can't be suspended from the moderation tools.", code="staff")
        if not user.is_active:
            raise ModerationError(f"{user} is already suspended.", code="already_suspended")
        user.is_active = False
        user.save(update_fields=["is_active"])
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


def contact_policy() -> str:
    policy = str(getattr(settings, "CONTACT_DETAILS_BEFORE_CONTRACT", "allow")).lower()
    return policy if policy in CONTACT_POLICIES else "allow"


def screen_room_message(room: Room, *, sender, body: str) -> Screening:
    """The messaging screening hook (setting `MESSAGE_SCREENING`): a message in a hiring room is screened
    while no contract exists.

    Before a contract: contact details follow `CONTACT_DETAILS_BEFORE_CONTRACT` (allow: nothing; warn: both
    sides see a notice; block: refused with a ValidationError); talk of paying outside the platform, working
    before a contract, unpaid tests or suspicious links shows the reader a safety notice and queues the room
    (and the job, when the client wrote it) for review: one system Flag created or updated for the room, in
    the posting transaction.
    """
    application = Application.objects.select_related("job").filter(room=room).first()
    if application is None or application.status == ApplicationStatus.HIRED:  # hired: the contract exists
        return NOT_SCREENED
    result = screen(body)
    policy = contact_policy()
    if result.has_contact_details and policy == "block":
        quoted = ", ".join(f"“{hit.text}”" for hit in result.contact_details[:3])
        raise ValidationError(
            "Contact details can't be shared before a contract is in place: remove the email address, phone "
            f"number or messenger handle ({quoted}) and keep the conversation on the platform.",
            code="contact_details",
        )
    if not result:
        return NOT_SCREENED
    stored = {
        "risky": result.is_risky,
        "contact_notice": result.has_contact_details and policy == "warn",
        "hits": [hit.as_dict() for hit in result.hits],
    }
    if not result.is_risky:
        return Screening(stored)
    job = application.job if sender.pk == application.job.client_id else None

    def queue(message: Message) -> None:
        queue_for_review(text=message.body, result=result, job=job, user=sender, room=room)

    return Screening(stored, on_posted=queue)


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
    _require_moderator(by, "read conversations")
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
    _require_moderator(by, "warn users")
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
    the room's open flags -> actioned; one activity entry per person. Returns how many people were suspended.
    """
    _require_moderator(by, "suspend users")
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
            user.is_active = False
            user.save(update_fields=["is_active"])
            record_decision(by, ModerationAction.SUSPEND_USER, user=user, note=note, flags=count)
    return len(senders)


def dismiss_room_flags(room: Room, *, by, note: str = "") -> int:
    """A moderator finds nothing wrong in a room: its open flags -> dismissed. Returns how many.

    Side effects: each open flag dismissed (one activity entry each); one activity entry per person flagged.
    """
    _require_moderator(by, "dismiss flags")
    note = clean_note(note)
    with transaction.atomic():
        Room.objects.select_for_update().get(pk=room.pk)
        senders = _room_senders(room)
        count = _decide_room(room, by=by, note=note, dismiss=True)
        for sender in senders:
            record_decision(by, ModerationAction.DISMISS_FLAGS, user=sender, note=note, flags=count)
    return count
