"""Agency money: an agency contract's payments land on the agency's balance (not the named freelancer's), and the
owner's distribution to a member is one balanced internal transfer, written once per form, never past the
balance."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Sum
from django.urls import reverse
from django.utils import timezone as dj_timezone

from contracts import services
from contracts.tasks import close_and_bill_weeks
from payments import ledger, selectors
from payments.models import LedgerEntry, LedgerTransaction, TransactionKind
from payments.services import add_payment_method, distribute_to_member
from proposals.services import ActionNotAllowed
from tests.factories import AgencyFactory, AgencyMembershipFactory, FreelancerFactory, hire

from .helpers import flash, press, text

pytestmark = pytest.mark.django_db
D = Decimal


@pytest.fixture
def agency():
    return AgencyFactory(name="Pixel Forge", created_by=FreelancerFactory(username="olga"))


@pytest.fixture
def maria(agency):
    user = FreelancerFactory(username="maria", first_name="Maria", last_name="Silva")
    AgencyMembershipFactory(agency=agency, user=user)
    return user


def pay(contract):
    add_payment_method(contract.client, number="4242424242424242", exp_month=12, exp_year=2099, cvc="123")


def balanced(tx: LedgerTransaction) -> bool:
    return tx.entries.aggregate(total=Sum("amount"))["total"] == 0


def test_bonus_and_milestone_release_land_on_the_agencys_balance(agency, maria):
    hourly = hire(agency=agency, freelancer=maria, sender=agency.created_by)
    pay(hourly)
    tx = services.give_bonus(hourly, by=hourly.client, amount="100", note="Great work", key="k1")
    assert balanced(tx)
    assert selectors.agency_balance(agency) == D("90.00")  # less the 10% service fee
    assert ledger.balance(ledger.freelancer_account(maria)) == D("0.00")

    fixed = hire(fixed=True, agency=agency, freelancer=maria, sender=agency.created_by, price="500.00")
    pay(fixed)
    milestone = fixed.milestones.get()
    services.fund_milestone(milestone, by=fixed.client)
    services.submit_work(milestone, by=maria, message="Done")
    services.approve_milestone(milestone, by=fixed.client)
    assert selectors.agency_balance(agency) == D("540.00")
    assert ledger.balance(ledger.escrow_account(fixed)) == D("0.00")
    assert selectors.balances(maria).earnings == D("0.00")


def test_the_weekly_bill_of_an_agency_contract_goes_to_the_agency(agency, maria, monkeypatch):
    now = datetime(2026, 11, 25, 15, tzinfo=UTC)
    monkeypatch.setattr(dj_timezone, "now", lambda: now)
    contract = hire(agency=agency, freelancer=maria, sender=agency.created_by, rate="40.00", weekly_limit=20)
    pay(contract)
    services.add_manual_time(
        contract, by=maria, start=datetime(2026, 11, 25, 9, tzinfo=UTC), end=now.replace(hour=11), memo="Work"
    )
    monkeypatch.setattr(dj_timezone, "now", lambda: datetime(2026, 12, 5, 9, tzinfo=UTC))
    close_and_bill_weeks()
    close_and_bill_weeks()
    bill = LedgerTransaction.objects.get(kind=TransactionKind.HOURLY)
    assert balanced(bill)
    assert selectors.agency_balance(agency) == D("72.00")  # 2 hrs at $40 less the fee


def test_the_owner_distributes_the_balance_as_a_balanced_internal_transfer(agency, maria):
    contract = hire(agency=agency, freelancer=maria, sender=agency.created_by)
    pay(contract)
    services.give_bonus(contract, by=contract.client, amount="100", note="Thanks", key="k")
    owner = agency.created_by
    tx = distribute_to_member(agency, by=owner, member=maria, amount="60", note="November", key="d1")
    again = distribute_to_member(agency, by=owner, member=maria, amount="60", note="November", key="d1")
    assert again == tx and tx.kind == TransactionKind.DISTRIBUTION and balanced(tx)
    assert selectors.agency_balance(agency) == D("30.00")
    assert selectors.balances(maria).earnings == D("60.00")
    # Money is neither made nor lost: every entry of the whole ledger adds up to zero.
    assert LedgerEntry.objects.aggregate(total=Sum("amount"))["total"] == 0
    with pytest.raises(ActionNotAllowed, match=r"Pixel Forge's balance is \$30.00, so \$31.00 can't be distributed."):
        distribute_to_member(agency, by=owner, member=maria, amount="31", note="", key="d2")
    with pytest.raises(PermissionDenied, match="Only the agency's owner can distribute"):
        distribute_to_member(agency, by=maria, member=maria, amount="1", note="", key="d3")
    with pytest.raises(ValidationError, match="is not a member of Pixel Forge"):
        distribute_to_member(agency, by=owner, member=FreelancerFactory(), amount="1", note="", key="d4")
    assert selectors.agency_balance(agency) == D("30.00")


def test_the_agency_payments_page_and_distribute_by_label(agency, maria, client):
    contract = hire(agency=agency, freelancer=maria, sender=agency.created_by)
    pay(contract)
    services.give_bonus(contract, by=contract.client, amount="100", note="Thanks", key="k")
    client.force_login(agency.created_by)
    agency_page = text(client.get(agency.get_absolute_url()))
    assert "Agency payments" in agency_page and "Agency contracts" in agency_page
    page = client.get(reverse("payments:agency", args=[agency.slug]))
    assert "$90.00" in text(page) and "Bonus" in text(page)
    response = press(client, page, "Distribute", {"member": maria.pk, "amount": "25.00", "note": "Thanks"})
    assert flash(response) == ["Maria Silva was paid $25.00 from Pixel Forge's balance."]
    assert "$65.00" in text(response) and "Agency distribution" in text(response)
    client.force_login(maria)
    page = client.get(reverse("payments:agency", args=[agency.slug]))
    assert "Distribute" not in text(page)
    mine = text(client.get(reverse("payments:list")))
    assert "Agency distribution" in mine and "$25.00" in mine and "Bonus" not in mine
    client.force_login(FreelancerFactory())
    assert client.get(reverse("payments:agency", args=[agency.slug])).status_code == 404


def test_a_distribute_form_with_errors_is_shown_again(agency, maria, client):
    client.force_login(agency.created_by)
    url = reverse("payments:agency", args=[agency.slug])
    response = client.post(url, {"member": maria.pk, "amount": "", "key": "k"})
    assert response.status_code == 400 and "Amount is required." in text(response)
    response = client.post(url, {"member": maria.pk, "amount": "5.00", "key": "k"}, follow=True)
    assert flash(response) == ["Pixel Forge's balance is $0.00, so $5.00 can't be distributed."]
