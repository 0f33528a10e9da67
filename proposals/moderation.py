"""The hiring layer's policy for the words of a room message (the messaging screening hook).

`screen_room_message` is named by the setting `MESSAGE_SCREENING`. Messaging posts every message
(`messaging.services.post_message`) and stores what the screening found; this layer decides while no contract
exists: it applies the contact-details setting and queues the room for review as a system flag
(`jobs.moderation.queue_for_review`). The moderators' decisions, suspensions included, are `jobs.moderation`'s.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError

from jobs.moderation import queue_for_review
from jobs.screening import screen_text
from messaging.models import Message, Room
from messaging.screening import NOT_SCREENED, Screening

from .models import Application, ApplicationStatus

CONTACT_POLICIES = ("allow", "warn", "block")


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
    result = screen_text(body)
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
