"""An agency's track record for its profile: jobs done and rating.

Contracts live in a higher layer, so this module reads them through the reverse relation `agency.contracts`
(field names only, no import): jobs done are its contracts, and the rating is the average of the clients'
published feedback on them. One query.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Avg, Count, F, Q
from django.utils import timezone

from .models import Agency


@dataclass(frozen=True)
class AgencyStats:
    jobs_done: int = 0
    rating: float | None = None
    reviews: int = 0


def agency_stats(agency: Agency) -> AgencyStats:
    published = Q(feedback__author=F("client"), feedback__published_at__lte=timezone.now())
    row = agency.contracts.aggregate(  # type: ignore[attr-defined]
        jobs=Count("id", distinct=True),
        rating=Avg("feedback__stars", filter=published),
        reviews=Count("feedback", filter=published),
    )
    return AgencyStats(jobs_done=row["jobs"] or 0, rating=row["rating"], reviews=row["reviews"] or 0)
