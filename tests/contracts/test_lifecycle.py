"""Bonuses, pause and resume, feedback (shown once both left it or after 14 days) on the contract and profiles."""

from __future__ import annotations

import html
import re
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from contracts import services
from contracts.models import ContractStatus, Feedback
from jobs import moderation as job_moderation
from jobs.models import FlagReason
from jobs.moderation import flag_message
from marketplace.activity.services import activity_for
from messaging.models import Notification, NotificationKind
from messaging.services import post_message
from payments import ledger
from payments.models import LedgerTransaction
from payments.services import PaymentDeclined, add_payment_method
from proposals.services import ActionNotAllowed
from tests.factories import FreelancerFactory, ModeratorFactory, hire

pytestmark = pytest.mark.django_db


def card(user, number: str = "4242424242424242") -> None:
    add_payment_method(user, number=number, exp_month=12, exp_year=2099, cvc="123")


def text(response) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html.unescape(response.content.decode())).split())


def test_a_bonus_pays_the_freelancer_less_the_fee_once_per_form():
    contract = hire(fixed=True)
    card(contract.client)
    tx = services.give_bonus(contract, by=contract.client, amount="100", note="Great work", key="abc")
    again = services.give_bonus(contract, by=contract.client, amount="100", note="Great work", key="abc")
    assert tx.pk == again.pk and LedgerTransaction.objects.filter(kind="bonus").count() == 1
    assert ledger.balance(ledger.freelancer_account(contract.freelancer)) == Decimal("90.00")
    note = Notification.objects.get(recipient=contract.freelancer, kind=NotificationKind.BONUS_RECEIVED)
    assert "$100.00" in note.text and "$90.00 after the service fee" in note.text
    with pytest.raises(PermissionDenied):
        services.give_bonus(contract, by=contract.freelancer, amount="10", note="x", key="k2")
    with pytest.raises(ValidationError):
        services.give_bonus(contract, by=contract.client, amount="10", note="", key="k3")


def test_a_declined_bonus_moves_nothing_and_tells_the_client():
    contract = hire()
    card(contract.client, "4000000000000341")
    with pytest.raises(PaymentDeclined, match="declined"):
        services.give_bonus(contract, by=contract.client, amount="50", note="Thanks", key="k")
    assert not LedgerTransaction.objects.exists()
    assert Notification.objects.filter(recipient=contract.client, kind=NotificationKind.PAYMENT_DECLINED).exists()


def test_pause_and_resume_with_reasons_notify_and_a_paused_contract_refuses_time(monkeypatch):
    wednesday = datetime(2026, 11, 25, 15, 0, tzinfo=UTC)  # mid-week, so the manual time below is in this week
    monkeypatch.setattr(timezone, "now", lambda: wednesday)
    contract = hire()
    services.start_timer(contract, by=contract.freelancer)
    with pytest.raises(ValidationError):
        services.pause_contract(contract, by=contract.client, reason="")
    with pytest.raises(PermissionDenied):
        services.pause_contract(contract, by=contract.freelancer, reason="x")
    services.pause_contract(contract, by=contract.client, reason="Budget review this month")
    assert (contract.status, contract.status_note, contract.timer_started_at) == (
        ContractStatus.PAUSED,
        "Budget review this month",
        None,
    )
    with pytest.raises(ActionNotAllowed, match="This contract is paused, so no time can be logged"):
        services.start_timer(contract, by=contract.freelancer)
    start = wednesday - timedelta(minutes=30)
    with pytest.raises(ActionNotAllowed, match="paused"):
        services.add_manual_time(
            contract, by=contract.freelancer, start=start, end=start + timedelta(minutes=10), memo="x"
        )
    with pytest.raises(ActionNotAllowed, match="can't be paused"):
        services.pause_contract(contract, by=contract.client, reason="again")
    services.resume_contract(contract, by=contract.client, reason="Back on")
    assert contract.status == ContractStatus.ACTIVE
    with pytest.raises(ActionNotAllowed, match="Only a paused contract can be resumed"):
        services.resume_contract(contract, by=contract.client)
    kinds = Notification.objects.filter(recipient=contract.freelancer, kind=NotificationKind.CONTRACT_PAUSED)
    assert kinds.count() == 2
    assert [log.action for log in activity_for(contract)] == ["pause", "resume"]


def test_feedback_is_shown_once_both_left_it_or_after_14_days(settings):
    contract = hire(fixed=True)
    with pytest.raises(ActionNotAllowed, match="when the contract ends"):
        services.leave_feedback(contract, by=contract.client, stars=5, comment="Great")
    services.end_contract(contract, by=contract.client, reason="Finished")
    first = services.leave_feedback(
        contract, by=contract.client, stars=5, comment="Excellent work", private_reason="completed"
    )
    assert not first.is_published()
    assert first.published_at == contract.ended_at + timedelta(days=14)
    with pytest.raises(ActionNotAllowed, match="already left feedback"):
        services.leave_feedback(contract, by=contract.client, stars=4, comment="Again")
    second = services.leave_feedback(contract, by=contract.freelancer, stars=4, comment="Clear brief")
    first.refresh_from_db()
    assert first.is_published() and second.is_published()
    assert Notification.objects.filter(kind=NotificationKind.FEEDBACK_RECEIVED).count() == 2
    with pytest.raises(ValidationError):
        services.leave_feedback(hire(fixed=True), by=contract.client, stars=6, comment="x")


def test_feedback_left_by_one_side_is_shown_after_14_days():
    contract = hire(fixed=True)
    services.end_contract(contract, by=contract.freelancer, reason="Done")
    feedback = services.leave_feedback(contract, by=contract.freelancer, stars=3, comment="Slow to pay")
    assert not feedback.is_published()
    assert feedback.is_published(now=timezone.now() + timedelta(days=14, minutes=1))


def test_the_contract_page_buttons_and_profiles_show_the_rating(client):
    contract = hire(fixed=True)
    card(contract.client)
    url = contract.get_absolute_url()
    client.force_login(contract.client)
    page = text(client.get(url))
    assert "Give a bonus" in page and "Pause contract" in page and "End contract" in page
    key = client.get(url).context["bonus_form"].initial["key"]
    response = client.post(
        reverse("contracts:bonus", args=[contract.pk]),
        {"bonus-amount": "25", "bonus-note": "Thanks!", "bonus-key": key},
        follow=True,
    )
    assert f"Bonus of $25.00 sent to {contract.freelancer.display_name}." in text(response)
    client.post(
        reverse("contracts:bonus", args=[contract.pk]),
        {"bonus-amount": "25", "bonus-note": "Thanks!", "bonus-key": key},
    )
    assert LedgerTransaction.objects.filter(kind="bonus").count() == 1  # a double submit pays once
    response = client.post(reverse("contracts:pause", args=[contract.pk]), {"pause-reason": "Holiday"}, follow=True)
    assert "Contract paused. The freelancer has been told." in text(response) and "Resume contract" in text(response)
    response = client.post(reverse("contracts:resume", args=[contract.pk]), {"resume-reason": ""}, follow=True)
    assert "Contract resumed." in text(response)
    client.post(reverse("contracts:end", args=[contract.pk]), {"reason": "All done"})
    page = text(client.get(url))
    assert "Leave feedback" in page and "Rating" in page and "Public comment" in page
    client.post(reverse("contracts:feedback", args=[contract.pk]), {"stars": "5", "comment": "A pleasure"})
    client.force_login(contract.freelancer)
    page = text(client.get(url))
    assert "A pleasure" not in page  # hidden until the freelancer leaves theirs
    response = client.post(
        reverse("contracts:feedback", args=[contract.pk]), {"stars": "4", "comment": "Clear and fast"}, follow=True
    )
    page = text(response)
    assert "5 of 5 stars" in page and "A pleasure" in page and "Clear and fast" in page
    profile = text(client.get(reverse("hiring:freelancer_profile", args=[contract.freelancer.username])))
    assert "5.0 of 5 stars from 1 review" in profile and "A pleasure" in profile
    client_page = text(client.get(reverse("accounts:client_profile", args=[contract.client.username])))
    assert "4.0 of 5 stars from 1 review" in client_page and "1 hire · $25.00 spent" in client_page
    assert Feedback.objects.count() == 2


def test_the_client_box_on_job_pages_shows_spend_and_rating(client):
    contract = hire(fixed=True)
    card(contract.client)
    services.give_bonus(contract, by=contract.client, amount="120", note="Thanks", key="k")
    services.end_contract(contract, by=contract.client, reason="Done")
    services.leave_feedback(contract, by=contract.freelancer, stars=4, comment="Good client")
    services.leave_feedback(contract, by=contract.client, stars=5, comment="Good freelancer")
    from tests.factories import JobPostFactory

    job = JobPostFactory(client=contract.client)
    client.force_login(FreelancerFactory())
    page = text(client.get(job.get_absolute_url()))
    assert "$120.00 spent · Rated 4.0 of 5 from 1 review" in page


def test_a_suspended_freelancers_contract_pauses_and_the_client_is_told(client):
    contract = hire()
    services.start_timer(contract, by=contract.freelancer)
    ended = hire(client=contract.client)
    services.end_contract(ended, by=contract.client, reason="Done")
    message = post_message(contract.application.room, sender=contract.freelancer, body="Send the rest by wire.")
    flag_message(message, by=contract.client, reason=FlagReason.OFF_PLATFORM_PAYMENT)
    before = set(Notification.objects.values_list("pk", flat=True))

    job_moderation.suspend_room_sender(contract.application.room, by=ModeratorFactory(), note="scam")

    contract.refresh_from_db()
    ended.refresh_from_db()
    name = contract.freelancer.display_name
    assert (contract.status, contract.timer_started_at, ended.status) == (ContractStatus.PAUSED, None, "ended")
    told = Notification.objects.exclude(pk__in=before).filter(kind=NotificationKind.CONTRACT_PAUSED)
    assert [n.recipient for n in told] == [contract.client]
    assert told.get().text == (
        f"The contract “{contract.title}” is paused: {name}'s account was suspended by a moderator. "
        "No time can be logged; you can end the contract from its page."
    )
    client.force_login(contract.client)
    assert f"Paused: {name}'s account was suspended by a moderator." in text(client.get(contract.get_absolute_url()))
    services.end_contract(contract, by=contract.client, reason="The freelancer is gone")
    contract.refresh_from_db()
    assert contract.status == ContractStatus.ENDED


def test_a_suspended_clients_contracts_pause_and_each_freelancer_is_told(client):
    contract = hire()
    before = set(Notification.objects.values_list("pk", flat=True))

    job_moderation.suspend_client(contract.client, by=ModeratorFactory(), note="scam")

    contract.refresh_from_db()
    assert contract.status == ContractStatus.PAUSED
    told = Notification.objects.exclude(pk__in=before).filter(kind=NotificationKind.CONTRACT_PAUSED)
    assert [n.recipient for n in told] == [contract.freelancer]
    assert "the client's account was suspended by a moderator. Don't do more work on it" in told.get().text
    client.force_login(contract.freelancer)
    page = text(client.get(contract.get_absolute_url()))
    assert f"Paused: {contract.client.display_name}'s account was suspended by a moderator." in page
