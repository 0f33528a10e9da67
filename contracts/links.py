"""The pages of an agency's contracts and balance, handed to the agency's page (setting `AGENCY_LINKS`)."""

from __future__ import annotations

from django.urls import reverse

from agencies.models import Agency


def agency_links(agency: Agency) -> dict[str, str]:
    return {
        "contracts": reverse("agency_contracts:list", args=[agency.slug]),
        "payments": reverse("payments:agency", args=[agency.slug]),
    }
