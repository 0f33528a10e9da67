"""`/settings/billing/` ("Add payment method", the sandbox gateway) and `/payments/` (balances, transactions)."""

from __future__ import annotations

import html
from decimal import Decimal

import pytest
from django.urls import reverse

from payments import ledger
from payments.gateway import CardDeclined, SandboxGateway
from payments.models import PaymentMethod, TransactionKind
from tests.factories import AgencyFactory, AgencyMembershipFactory, ClientFactory, FreelancerFactory, hire

pytestmark = pytest.mark.django_db


def text(response) -> str:
    return html.unescape(response.content.decode())


def add_card(client, number: str):
    return client.post(
        reverse("payments:billing"),
        {"number": number, "exp_month": "12", "exp_year": "2099", "cvc": "123"},
        follow=True,
    )


def test_a_client_adds_a_card_and_is_payment_verified(client):
    buyer = ClientFactory(profile__payment_verified=False)
    client.force_login(buyer)
    page = text(client.get(reverse("payments:billing")))
    assert "Add payment method" in page and "No payment method yet" in page
    response = add_card(client, "4242 4242 4242 4242")
    page = text(response)
    assert "Visa ending in 4242 was added. Payment method verified." in page
    method = PaymentMethod.objects.get(user=buyer)
    assert (method.last4, method.verified) == ("4242", True)
    assert "4242424242424242" not in method.gateway_token  # the number itself is never kept
    buyer.client_profile.refresh_from_db()
    assert buyer.client_profile.payment_verified
    assert "Payment method verified" in text(client.get(reverse("accounts:client_profile", args=[buyer.username])))


def test_a_declined_card_is_refused_with_a_clear_message(client):
    buyer = ClientFactory(profile__payment_verified=False)
    client.force_login(buyer)
    response = add_card(client, "4000 0000 0000 0002")
    assert response.status_code == 400
    assert "Your card was declined. Try another card." in text(response)
    assert not PaymentMethod.objects.exists()
    buyer.client_profile.refresh_from_db()
    assert not buyer.client_profile.payment_verified


def test_the_sandbox_gateway_test_cards():
    gateway = SandboxGateway()
    card = gateway.verify_card(number="5555555555554444", exp_month=1, exp_year=2099, cvc="123")
    assert (card.brand, card.last4) == ("Mastercard", "4444")
    charge = gateway.charge(token=card.token, amount=Decimal("10.00"), idempotency_key="k", description="x")
    assert (
        charge.reference
        == gateway.charge(token=card.token, amount=Decimal("10.00"), idempotency_key="k", description="x").reference
    )
    declining = gateway.verify_card(number="4000000000000341", exp_month=1, exp_year=2099, cvc="123")
    with pytest.raises(CardDeclined):
        gateway.charge(token=declining.token, amount=Decimal("10.00"), idempotency_key="k2", description="x")


def test_removing_the_last_card_clears_payment_verified(client):
    buyer = ClientFactory()
    client.force_login(buyer)
    add_card(client, "4242424242424242")
    method = PaymentMethod.objects.get(user=buyer)
    response = client.post(reverse("payments:remove_method", args=[method.pk]), follow=True)
    assert "Visa ending in 4242 was removed." in text(response)
    buyer.client_profile.refresh_from_db()
    assert not buyer.client_profile.payment_verified


def test_billing_is_for_clients_and_an_expired_card_is_refused(client):
    client.force_login(FreelancerFactory())
    assert client.get(reverse("payments:billing")).status_code == 403
    client.force_login(ClientFactory())
    response = client.post(
        reverse("payments:billing"), {"number": "4242424242424242", "exp_month": "1", "exp_year": "2001", "cvc": "1"}
    )
    page = text(response)
    assert "This card has expired." in page and "Enter the 3 or 4 digits on the back of the card." in page


def _transactions(contract, rows: int) -> None:
    for i in range(rows):
        ledger.pay_directly(
            f"b-{contract.pk}-{i}", TransactionKind.BONUS, contract, Decimal("100.00"), description=f"Bonus {i}"
        )


def test_payments_shows_each_side_its_balance_and_the_fee(client):
    contract = hire(fixed=True)
    ledger.fund_escrow("f", contract, Decimal("200.00"), description="Milestone 1: design")
    ledger.release_escrow("r", contract, Decimal("200.00"), description="Milestone 1: design")
    client.force_login(contract.freelancer)
    page = text(client.get(reverse("payments:list")))
    assert "Available balance" in page and "$180.00" in page and "$20.00" in page
    client.force_login(contract.client)
    page = text(client.get(reverse("payments:list")))
    assert "Total spent" in page and "$200.00" in page and "\N{MINUS SIGN}$200.00" in page


def test_payments_is_for_logged_in_people_only(client):
    response = client.get(reverse("payments:list"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("rows", [3, 60])
def test_payments_query_budget(client, rows, django_assert_max_num_queries):
    contract = hire(fixed=True)
    _transactions(contract, rows)
    client.force_login(contract.freelancer)
    # session, user, count, page of transactions (annotated, with contracts), balances, nav counts (2)
    with django_assert_max_num_queries(8):
        response = client.get(reverse("payments:list"))
    assert len(response.context["transactions"]) == min(rows, 25)


@pytest.mark.parametrize("rows", [3, 60])
def test_agency_payments_query_budget(client, rows, django_assert_max_num_queries):
    agency = AgencyFactory()
    member = AgencyMembershipFactory(agency=agency).user
    contract = hire(fixed=True, agency=agency, freelancer=member, sender=agency.created_by)
    _transactions(contract, rows)
    client.force_login(agency.created_by)
    # session, user, agency, membership, members, count, page of transactions, balance, nav counts (2)
    with django_assert_max_num_queries(11):
        response = client.get(reverse("payments:agency", args=[agency.slug]))
    assert response.status_code == 200
    assert len(response.context["transactions"]) == min(rows, 25)
