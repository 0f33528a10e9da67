"""The hiring layer's answers to changes in the layers below: agencies (settings `AGENCY_MEMBERSHIP_ENDED` and
`AGENCY_SUSPENDED`, called by `agencies.hooks`) and moderators' suspensions (`USER_SUSPENDED`, `jobs.hooks`).

- A member leaves or is removed: they are taken out of the rooms of the agency's
  applications at once (they also stop seeing its applications: `selectors.visible_to` asks for an active
  membership).
- A moderator suspends an agency: its open applications are closed, each logged and both
  sides told, as when a moderator suspends a job.
- A moderator suspends a person: the applications they sent close, each logged, the room told and the client
  notified, so no client waits on (or hires) an account that can no longer answer.
"""

from __future__ import annotations

from collections.abc import Callable

from django.db.models import QuerySet
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
    _close_all(
        Application.objects.filter(agency=agency, status__in=OPEN_STATES),
        by=by,
        reason=SystemReason.AGENCY_SUSPENDED,
        room_text=f"{agency.name} was suspended by a moderator, so this application is closed.",
        notice=lambda app: (
            f"{agency.name}'s application for “{app.job.title}” is closed: the agency was suspended by a moderator"
        ),
        tell_freelancer=True,
    )


def close_suspended_persons_applications(*, user: User, by: User, note: str = "") -> None:
    name = user.display_name
    _close_all(
        Application.objects.filter(freelancer=user, status__in=OPEN_STATES),
        by=by,
        reason=SystemReason.ACCOUNT_SUSPENDED,
        room_text=f"{name}'s account was suspended by a moderator, so this application is closed.",
        notice=lambda app: (
            f"{name}'s application for “{app.job.title}” is closed: their account was suspended by a moderator"
        ),
        tell_freelancer=False,  # they can no longer log in to read it
    )


def _close_all(
    applications: QuerySet[Application],
    *,
    by: User,
    reason: str,
    room_text: str,
    notice: Callable[[Application], str],
    tell_freelancer: bool,
) -> None:
    now = timezone.now()
    for pk in list(applications.order_by("pk").values_list("pk", flat=True)):
        app = lock_application(pk)
        if app.status not in OPEN_STATES:
            continue
        from_state = app.status
        for offer in Offer.objects.select_for_update(of=("self",)).filter(application=app, status=OfferStatus.OPEN):
            offer.close(now=now)
            offer.save()
        app.close(now=now)
        app.save()
        record_event(app, actor=by, action=ApplicationAction.CLOSE, from_state=from_state, reason=reason)
        system_message(app, room_text)
        text = notice(app)
        if tell_freelancer:
            notify_freelancer(app, NotificationKind.JOB_CLOSED, actor=None, text=text)
        notify_client(app, NotificationKind.PROPOSAL_WITHDRAWN, actor=None, text=text)
