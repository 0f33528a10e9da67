"""An agency's track record for its profile: jobs done and rating.

Contracts live in a higher layer, so this module reads them through the reverse relation `agency.contracts`
(field names only, no import). Until agency contracts exist the figures are zero.
"""

from __future__ import annotations

from dataclasses import dataclass

from .models import Agency


@dataclass(frozen=True)
class AgencyStats:
    jobs_done: int = 0
    rating: float | None = None
    reviews: int = 0


def agency_stats(agency: Agency) -> AgencyStats:
    related = getattr(agency, "contracts", None)
    if related is None:
        return AgencyStats()
    return AgencyStats()
