"""An agency member who leaves or is removed comes off the agency's contracts at once
(`agencies.signals.membership_ended`); access checks also ask for an active membership."""

from __future__ import annotations

from typing import Any

from .models import ContractAssignment


def drop_agency_assignments(sender: Any, *, agency, user, **kwargs: Any) -> None:
    ContractAssignment.objects.filter(contract__agency=agency, user=user).delete()
