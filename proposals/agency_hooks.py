"""The hiring layer's answers to changes in the agencies layer (settings `AGENCY_MEMBERSHIP_ENDED` and
`AGENCY_SUSPENDED`, called by `agencies.hooks`).

- A member leaves or is removed: they are taken out of the rooms of the agency's
  applications at once (they also stop seeing its applications: `selectors.visible_to` asks for an active
  membership).
- A moderator suspends an agency: its open applications are closed, each logged and both
  sides told, as when a moderator suspends a job.
"""

from __future__ import annotations

from django.utils import timezone

from agencies.models import Agency
from marketplace.accounts.models import User
from messaging.models import NotificationKind
from messaging.services import leave_rooms

from .models import OPEN_STATES, Application, ApplicationAction, Offer, OfferStatus, SystemReason
from .services import lock_application, notify_client, notify_freelancer, record_event, system_message


def leave_agency_rooms(*, agency: Agency, user: User, by: User) -> None:
    rooms = Application.objects.filter(agency=agency, room__isnull=False).values("room_id")
    leave_rooms(user, rooms)


def close_agency_applications(*, agency: Agency, by: User, note: str = "") -> None:
    now = timezone.now()
    ids = list(
        Application.objects.filter(agency=agency, status__in=OPEN_STATES).order_by("pk").values_list("pk", flat=True)
    )
    for pk in ids:
        app = lock_application(pk)
        if app.status not in OPEN_STATES:
            continue
        from_state = app.status
        for offer in Offer.objects.select_for_update(of=("self",)).filter(application=app, status=OfferStatus.OPEN):
            offer.close(now=now)
            offer.save()
        app.close(now=now)
        app.save()
        record_event(
            app, actor=by, action=ApplicationAction.CLOSE, from_state=from_state, reason=SystemReason.AGENCY_SUSPENDED
        )
        system_message(app, f"{agency.name} was suspended by a moderator, so this application is closed.")
        text = f"{agency.name}'s application for “{app.job.title}” is closed: the agency was suspended by a moderator"
        notify_freelancer(app, NotificationKind.JOB_CLOSED, actor=None, text=text)
        notify_client(app, NotificationKind.PROPOSAL_WITHDRAWN, actor=None, text=text)
