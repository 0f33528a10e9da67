"""Moderation and screening actions that reach applications, so they live in the hiring layer.

- `suspend_job` and `suspend_client`: a moderator takes a job (or every open job of a client) down through
  `services.close_job(..., to=SUSPENDED)`, which closes each open application and notifies each freelancer.
- `screen_room_message`: the messaging screening hook (setting `MESSAGE_SCREENING`). Messaging posts every
  message (`messaging.services.post_message`) and stores what the screening found; this layer applies the
  contact-details setting and queues the room for review as a system flag (`jobs.moderation`).
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q

from jobs.models import Flag, JobPost, JobStatus, ModerationAction
from jobs.moderation import ModerationError, clean_note, decide_open_flags, queue_for_review, record_decision
from jobs.moderation import require_moderator as _require_moderator
from marketplace.screening import screen
from messaging.models import Message, Room
from messaging.screening import NOT_SCREENED, Screening

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
