"""Fixed-price milestones: add, fund through the gateway, submit, request changes, approve and release,
automatic release, refunds after the end with the freelancer's agreement; and the refusals with their messages."""

from __future__ import annotations

import html
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from contracts import services
from contracts.models import Milestone, MilestoneStatus
from contracts.tasks import release_due_milestones
from marketplace.activity.services import activity_for
from messaging.models import Notification, NotificationKind
from payments import ledger
from payments.models import LedgerTransaction, PaymentMethod
from payments.services import PaymentDeclined, add_payment_method
from proposals.services import ActionNotAllowed
from tests.factories import hire

pytestmark = pytest.mark.django_db

M = MilestoneStatus


def with_card(user, number: str = "4242424242424242") -> PaymentMethod:
    return add_payment_method(user, number=number, exp_month=12, exp_year=2099, cvc="123")


@pytest.fixture
def contract():
    contract = hire(fixed=True, price="500.00")
    with_card(contract.client)
    return contract


def first(contract) -> Milestone:
    return contract.milestones.get()


def test_the_fixed_price_is_the_first_milestone_and_the_whole_path_moves_money(contract):
    m = first(contract)
    assert (m.description, m.amount, m.status) == (contract.title, Decimal("500.00"), M.NOT_FUNDED)
    services.fund_milestone(m, by=contract.client)
    assert m.status == M.FUNDED
    assert ledger.balance(ledger.escrow_account(contract)) == Decimal("500.00")
    services.submit_work(m, by=contract.freelancer, message="Here is the first draft.")
    services.request_changes(m, by=contract.client, note="Please use our colours.")
    assert (m.status, m.changes_requested) == (M.FUNDED, "Please use our colours.")
    services.submit_work(m, by=contract.freelancer, message="Colours fixed.")
    services.approve_milestone(m, by=contract.client)
    assert m.status == M.APPROVED and not m.auto_released
    assert ledger.balance(ledger.escrow_account(contract)) == Decimal("0.00")
    assert ledger.balance(ledger.freelancer_account(contract.freelancer)) == Decimal("450.00")
    assert ledger.balance(ledger.fee_account()) == Decimal("50.00")
    kinds = list(Notification.objects.filter(recipient=contract.freelancer).values_list("kind", flat=True))
    for kind in (
        NotificationKind.MILESTONE_FUNDED,
        NotificationKind.MILESTONE_CHANGES_REQUESTED,
        NotificationKind.MILESTONE_RELEASED,
    ):
        assert kind in kinds
    assert (
        Notification.objects.filter(recipient=contract.client, kind=NotificationKind.MILESTONE_SUBMITTED).count() == 2
    )
    assert [log.action for log in activity_for(m)] == [
        "fund",
        "submit",
        "request_changes",
        "submit",
        "approve",
    ]
    assert activity_for(m).filter(action="approve").get().actor == contract.client


def test_the_client_adds_milestones_and_only_on_fixed_price_contracts(contract):
    m = services.add_milestone(contract, by=contract.client, description="Logo variants", amount="150")
    assert (m.amount, m.status) == (Decimal("150.00"), M.NOT_FUNDED)
    assert Notification.objects.filter(recipient=contract.freelancer, kind=NotificationKind.MILESTONE_ADDED).exists()
    with pytest.raises(PermissionDenied):
        services.add_milestone(contract, by=contract.freelancer, description="x", amount="10")
    hourly = hire()
    with pytest.raises(ActionNotAllowed, match="hourly contract"):
        services.add_milestone(hourly, by=hourly.client, description="x", amount="10")


def test_refused_actions_say_why(contract):
    m = first(contract)
    with pytest.raises(ActionNotAllowed, match="not funded, so there is nothing to release"):
        services.approve_milestone(m, by=contract.client)
    with pytest.raises(ActionNotAllowed, match="Wait for the client to fund it"):
        services.submit_work(m, by=contract.freelancer, message="Done")
    services.fund_milestone(m, by=contract.client)
    with pytest.raises(ActionNotAllowed, match="already funded"):
        services.fund_milestone(m, by=contract.client)
    with pytest.raises(ActionNotAllowed, match="no submitted work to approve"):
        services.approve_milestone(m, by=contract.client)
    with pytest.raises(PermissionDenied):
        services.submit_work(m, by=contract.client, message="Done")
    services.submit_work(m, by=contract.freelancer, message="Done")
    with pytest.raises(PermissionDenied):
        services.approve_milestone(m, by=contract.freelancer)
    services.approve_milestone(m, by=contract.client)
    with pytest.raises(ActionNotAllowed, match="already approved and released"):
        services.approve_milestone(m, by=contract.client)
    assert LedgerTransaction.objects.filter(kind="release").count() == 1


def test_a_declined_card_leaves_the_money_where_it_was_and_tells_the_client():
    contract = hire(fixed=True)
    m = first(contract)
    with pytest.raises(PaymentDeclined, match="Add a payment method"):
        services.fund_milestone(m, by=contract.client)
    with_card(contract.client, "4000000000000341")  # verified, but every charge is declined
    with pytest.raises(PaymentDeclined, match="Your card was declined"):
        services.fund_milestone(m, by=contract.client)
    m.refresh_from_db()
    assert m.status == M.NOT_FUNDED
    assert not LedgerTransaction.objects.exists()
    told = Notification.objects.filter(recipient=contract.client, kind=NotificationKind.PAYMENT_DECLINED)
    assert told.count() == 2 and "did not go through" in told.first().text


def test_a_submitted_milestone_is_released_after_the_review_period(contract, settings):
    settings.MILESTONE_AUTO_RELEASE_DAYS = 14
    m = first(contract)
    services.fund_milestone(m, by=contract.client)
    services.submit_work(m, by=contract.freelancer, message="Done")
    assert services.release_due_milestones(now=timezone.now() + timedelta(days=13)) == 0
    assert services.release_due_milestones(now=timezone.now() + timedelta(days=14, minutes=1)) == 1
    m.refresh_from_db()
    assert m.status == M.APPROVED and m.auto_released
    assert ledger.balance(ledger.freelancer_account(contract.freelancer)) == Decimal("450.00")
    assert Notification.objects.filter(recipient=contract.client, kind=NotificationKind.MILESTONE_RELEASED).exists()
    assert release_due_milestones.delay().get() == 0  # the beat task: nothing left, nothing moves twice


def test_refunds_only_after_the_end_and_with_the_freelancers_agreement(contract):
    m = first(contract)
    services.fund_milestone(m, by=contract.client)
    with pytest.raises(ActionNotAllowed, match="only after the contract ends"):
        services.request_refund(m, by=contract.client)
    with pytest.raises(ActionNotAllowed, match="only after the contract ends"):
        services.agree_refund(m, by=contract.freelancer)
    services.end_contract(contract, by=contract.client, reason="Project cancelled")
    services.request_refund(m, by=contract.client)
    with pytest.raises(PermissionDenied):
        services.agree_refund(m, by=contract.client)
    services.agree_refund(m, by=contract.freelancer)
    assert m.status == M.REFUNDED
    assert ledger.balance(ledger.escrow_account(contract)) == Decimal("0.00")
    assert ledger.balance(ledger.client_account(contract.client)) == Decimal("0.00")
    with pytest.raises(ActionNotAllowed, match="refunded"):
        services.agree_refund(m, by=contract.freelancer)


def text(response) -> str:
    return html.unescape(response.content.decode())


def test_the_milestone_buttons_by_visible_label(client, contract):
    m = first(contract)
    url = contract.get_absolute_url()
    client.force_login(contract.client)
    page = text(client.get(url))
    assert "Milestones" in page and "Fund milestone" in page and "Add milestone" in page
    action = lambda name: reverse("contracts:milestone_action", args=[contract.pk, m.pk, name])  # noqa: E731
    response = client.post(action("fund"), follow=True)
    assert "Milestone funded: the money is held in escrow until you release it." in text(response)
    response = client.post(action("approve"), follow=True)
    assert "There is no submitted work to approve on this milestone yet." in text(response)
    client.force_login(contract.freelancer)
    page = text(client.get(url))
    assert "Submit work" in page and "you'll receive $450.00" in page
    assert "Say what should change." not in page
    response = client.post(action("submit"), {"message": ""}, follow=True)
    assert "Tell the client what you are submitting." in text(response)
    client.post(action("submit"), {"message": "All done"})
    client.force_login(contract.client)
    page = text(client.get(url))
    assert "Approve and release" in page and "Request changes" in page and "Submitted: All done" in page
    response = client.post(action("approve"), follow=True)
    assert "Milestone approved and released to the freelancer." in text(response)
    response = client.post(
        reverse("contracts:add_milestone", args=[contract.pk]),
        {"description": "Second part", "amount": "200"},
        follow=True,
    )
    assert "Milestone “Second part” added." in text(response)
    client.force_login(contract.freelancer)
    page = text(client.get(url))
    assert "Milestone released" in page and "$450.00" in page


def test_a_declined_charge_is_shown_on_the_page(client):
    contract = hire(fixed=True)
    with_card(contract.client, "4000000000000341")
    client.force_login(contract.client)
    m = first(contract)
    response = client.post(reverse("contracts:milestone_action", args=[contract.pk, m.pk, "fund"]), follow=True)
    assert "The milestone was not funded: Your card was declined." in text(response)


def test_strangers_cannot_touch_milestones(client, contract):
    from tests.factories import ClientFactory

    client.force_login(ClientFactory())
    m = first(contract)
    response = client.post(reverse("contracts:milestone_action", args=[contract.pk, m.pk, "fund"]))
    assert response.status_code == 404


@pytest.mark.parametrize("rows", [3, 60])
def test_contract_page_query_budget(client, contract, rows, django_assert_max_num_queries):
    for i in range(rows - 1):
        services.add_milestone(contract, by=contract.client, description=f"Part {i}", amount="10")
    for i in range(rows):
        ledger.pay_directly(f"b{i}", "bonus", contract, Decimal("5.00"), description=f"Bonus {i}")
    client.force_login(contract.client)
    with django_assert_max_num_queries(9):
        response = client.get(contract.get_absolute_url())
    assert len(response.context["milestones"]) == rows


def test_an_offer_can_carry_the_first_milestones(client):
    from proposals import services as proposal_services
    from tests.factories import ClientFactory, FreelancerFactory, JobPostFactory

    buyer, seller = ClientFactory(), FreelancerFactory()
    job = JobPostFactory(
        client=buyer, budget_type="fixed", hourly_min=None, hourly_max=None, fixed_budget=Decimal("700")
    )
    app = proposal_services.submit_proposal(
        job, by=seller, cover_letter="Yes", fixed_bid=Decimal("700"), estimated_duration="1 month"
    )
    app = proposal_services.respond(app, by=buyer, message="Hi")
    client.force_login(buyer)
    url = reverse("proposals:send_offer", args=[app.pk])
    form = {"payment_type": "fixed", "fixed_price": "700", "start_date": timezone.localdate().isoformat()}
    response = client.post(url, {**form, "milestones": "Designs: 300\nBuild: 300"})
    assert "The milestones add up to $600.00; they must add up to the fixed price, $700.00." in text(response)
    response = client.post(url, {**form, "milestones": "Designs 300"})
    assert "a description, a colon and an amount" in text(response)
    client.post(url, {**form, "milestones": "Designs: 300\nBuild: $400"})
    app.refresh_from_db()
    contract = services.accept_offer(app, by=seller)
    assert [(m.description, m.amount) for m in contract.milestones.all()] == [
        ("Designs", Decimal("300.00")),
        ("Build", Decimal("400.00")),
    ]
