"""seed_demo has an agency with three members and an hourly agency contract with tracked and manual time."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from agencies.models import Agency, MembershipStatus
from contracts.models import Contract, TimeEntry

pytestmark = pytest.mark.django_db


def test_seed_demo_has_an_agency_with_an_hourly_contract():
    call_command("seed_demo")
    agency = Agency.objects.get(slug="booking-builders")
    members = set(agency.memberships.filter(status=MembershipStatus.ACTIVE).values_list("user__username", flat=True))
    assert members == {"kenji", "lucas", "amara"}
    contract = Contract.objects.get(agency=agency)
    assert contract.is_hourly and contract.freelancer.username == "lucas"
    entries = {(e.created_by.username, e.manual) for e in TimeEntry.objects.filter(timesheet__contract=contract)}
    assert entries == {("lucas", False), ("amara", True)}
    assert list(contract.assignments.values_list("user__username", flat=True)) == ["amara"]
    call_command("seed_demo")
    assert Agency.objects.count() == 1 and Contract.objects.filter(agency=agency).count() == 1
