"""An agency member who leaves or is removed comes off the agency's contracts at once (setting
`AGENCY_MEMBERSHIP_ENDED`, called by `agencies.hooks`); access checks also ask for an active membership."""

from __future__ import annotations

from agencies.models import Agency
from marketplace.accounts.models import User

from .models import ContractAssignment


def drop_agency_assignments(*, agency: Agency, user: User, by: User) -> None:
    ContractAssignment.objects.filter(contract__agency=agency, user=user).delete()
