"""Agency contracts: the agency is the contracting party, the named freelancer is on the contract, only they run
the timer, members the owner or admin assigned add manual time (marked with their name), only members see the
contract, and removal takes effect at once. Fixed-price agency contracts refuse time like any fixed price."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone as dj_timezone

from agencies import services as agency_services
from agencies.models import Role
from contracts import services
from contracts.models import ContractAssignment
from proposals.services import ActionNotAllowed
from tests.factories import AgencyFactory, AgencyMembershipFactory, FreelancerFactory, hire

from .helpers import flash, press, text

pytestmark = pytest.mark.django_db
WEDNESDAY = datetime(2026, 11, 25, 15, 0, tzinfo=UTC)


def at(hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 11, 25, hour, minute, tzinfo=UTC)


@pytest.fixture(autouse=True)
def clock(monkeypatch):
    monkeypatch.setattr(dj_timezone, "now", lambda: WEDNESDAY)


@pytest.fixture
def agency():
    owner = FreelancerFactory(username="olga", first_name="Olga", last_name="Owner")
    return AgencyFactory(name="Pixel Forge", created_by=owner)


@pytest.fixture
def maria(agency):
    user = FreelancerFactory(username="maria", first_name="Maria", last_name="Silva")
    AgencyMembershipFactory(agency=agency, user=user)
    return user


@pytest.fixture
def lee(agency):
    user = FreelancerFactory(username="lee", first_name="Lee", last_name="Chen")
    AgencyMembershipFactory(agency=agency, user=user)
    return user


@pytest.fixture
def contract(agency, maria):
    return hire(agency=agency, freelancer=maria, sender=agency.created_by, rate="40.00", weekly_limit=20)


def test_an_accepted_agency_offer_makes_an_agency_contract(contract, agency, maria, client):
    assert (contract.agency, contract.freelancer, contract.application.agency) == (agency, maria, agency)
    client.force_login(contract.client)
    page = text(client.get(contract.get_absolute_url()))
    assert "Agency Pixel Forge (paid to the agency)" in page and "Named freelancer Maria Silva" in page
    assert "Agency: Pixel Forge (Maria Silva)" in text(client.get(reverse("contracts:list")))


def test_only_the_named_freelancer_runs_the_timer(contract, agency, maria, lee):
    for person in (agency.created_by, lee):
        with pytest.raises(PermissionDenied, match="Only the freelancer named on this contract can record tracked"):
            services.start_timer(contract, by=person)
    services.start_timer(contract, by=maria)
    contract.refresh_from_db()
    assert contract.timer_started_at is not None


def test_manual_time_by_assigned_members_only_marked_with_its_author(contract, agency, maria, lee):
    with pytest.raises(PermissionDenied, match="the members the agency assigned to it can add time"):
        services.add_manual_time(contract, by=lee, start=at(9), end=at(10), memo="Design")
    with pytest.raises(PermissionDenied, match="Only the agency's owners and admins can assign members"):
        services.assign_member(contract, by=maria, member=lee)
    services.assign_member(contract, by=agency.created_by, member=lee)
    entry = services.add_manual_time(contract, by=lee, start=at(9), end=at(10), memo="Design")
    assert (entry.manual, entry.created_by) == (True, lee)
    # Two people's time may overlap; one person's may not.
    mine = services.add_manual_time(contract, by=maria, start=at(9), end=at(11), memo="Backend")
    assert mine.created_by == maria
    with pytest.raises(ActionNotAllowed, match=re.escape("This overlaps time already in the work diary.")):
        services.add_manual_time(contract, by=lee, start=at(9, 30), end=at(10, 30), memo="More design")
    services.unassign_member(contract, by=agency.created_by, member=lee)
    with pytest.raises(PermissionDenied):
        services.add_manual_time(contract, by=lee, start=at(11), end=at(12), memo="After")


def test_the_client_sees_every_entry_with_its_author(contract, agency, maria, lee, client):
    services.assign_member(contract, by=agency.created_by, member=lee)
    services.add_manual_time(contract, by=lee, start=at(9), end=at(10), memo="Wireframes")
    services.add_manual_time(contract, by=maria, start=at(11), end=at(12), memo="API")
    client.force_login(contract.client)
    diary = text(client.get(reverse("contracts:work_diary", args=[contract.pk])))
    assert re.search(r"Wireframes Manual time Lee Chen", diary) and re.search(r"API Manual time Maria Silva", diary)


def test_nobody_outside_the_agency_assigns_or_is_assigned(contract, agency):
    outsider = FreelancerFactory()
    with pytest.raises(ValidationError, match=re.escape("Choose a member of the agency.")):
        services.assign_member(contract, by=agency.created_by, member=outsider)
    with pytest.raises(PermissionDenied):
        services.assign_member(contract, by=outsider, member=outsider)
    with pytest.raises(PermissionDenied):
        services.add_manual_time(contract, by=outsider, start=at(9), end=at(10), memo="Sneaky")
    with pytest.raises(PermissionDenied):
        services.start_timer(contract, by=outsider)


def test_removal_takes_effect_at_once(contract, agency, maria, lee, client):
    services.assign_member(contract, by=agency.created_by, member=lee)
    url = contract.get_absolute_url()
    for person in (maria, lee, agency.created_by):
        client.force_login(person)
        assert client.get(url).status_code == 200
    agency_services.remove_member(agency.memberships.get(user=lee), by=agency.created_by)
    assert not ContractAssignment.objects.filter(user=lee).exists()
    client.force_login(lee)
    assert client.get(url).status_code == 404
    with pytest.raises(PermissionDenied):
        services.add_manual_time(contract, by=lee, start=at(9), end=at(10), memo="After removal")
    agency_services.remove_member(agency.memberships.get(user=maria), by=agency.created_by)
    client.force_login(maria)
    assert client.get(url).status_code == 404
    assert contract.title not in text(client.get(reverse("contracts:list")))
    with pytest.raises(PermissionDenied, match="no longer a member of the agency"):
        services.start_timer(contract, by=maria)
    with pytest.raises(PermissionDenied):
        services.end_contract(contract, by=maria, reason="Leaving")


def test_a_plain_member_not_on_the_contract_does_not_see_it(contract, agency, client):
    plain = AgencyMembershipFactory(agency=agency, role=Role.MEMBER).user
    client.force_login(plain)
    assert client.get(contract.get_absolute_url()).status_code == 404
    listing = text(client.get(reverse("agency_contracts:list", args=[agency.slug])))
    assert contract.title not in listing
    client.force_login(FreelancerFactory())
    assert client.get(reverse("agency_contracts:list", args=[agency.slug])).status_code == 404


def test_fixed_price_agency_contracts_refuse_time(agency, maria):
    fixed = hire(fixed=True, agency=agency, freelancer=maria, sender=agency.created_by)
    with pytest.raises(ActionNotAllowed, match="fixed-price"):
        services.start_timer(fixed, by=maria)
    with pytest.raises(ActionNotAllowed, match="fixed-price"):
        services.add_manual_time(fixed, by=maria, start=at(9), end=at(10), memo="No")


def test_the_contract_page_by_visible_labels(contract, agency, maria, lee, client):
    client.force_login(agency.created_by)
    page = client.get(contract.get_absolute_url())
    assert "Assigned members" in text(page) and "Start timer" not in text(page)
    response = press(client, page, "Assign member", {"member": lee.pk})
    assert flash(response) == ["Lee Chen is assigned to this contract and can add manual time."]
    client.force_login(lee)
    page = client.get(contract.get_absolute_url())
    assert "Add manual time" in text(page) and "Start timer" not in text(page)
    response = client.post(reverse("contracts:start_timer", args=[contract.pk]), follow=True)
    assert "Only the freelancer named on this contract can record tracked time." in text(response)
    client.force_login(maria)
    page = text(client.get(contract.get_absolute_url()))
    assert "Start timer" in page and "Add manual time" in page and "Assign member" not in page


@pytest.mark.parametrize("rows", [3, 60])
def test_agency_contracts_list_query_budget(agency, maria, client, rows, django_assert_max_num_queries):
    for _ in range(rows):
        hire(agency=agency, freelancer=maria, sender=agency.created_by)
    client.force_login(agency.created_by)
    # session, user, the agency, the membership, the contracts, and the header's two unread counts
    with django_assert_max_num_queries(7):
        response = client.get(reverse("agency_contracts:list", args=[agency.slug]))
    assert len(response.context["contracts"]) == rows
    with django_assert_max_num_queries(8):
        response = client.get(agency.get_absolute_url())
    assert response.context["stats"].jobs_done == rows
