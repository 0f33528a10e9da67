"""The hiring layer's answer to an agency member leaving or being removed (`agencies.signals.membership_ended`):
they are taken out of the rooms of the agency's applications at once (they also stop seeing its applications,
because `selectors.visible_to` asks for an active membership)."""

from __future__ import annotations

from typing import Any

from messaging.services import leave_rooms

from .models import Application


def leave_agency_rooms(sender: Any, *, agency, user, **kwargs: Any) -> None:
    rooms = Application.objects.filter(agency=agency, room__isnull=False).values("room_id")
    leave_rooms(user, rooms)
