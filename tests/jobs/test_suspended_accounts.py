"""Moderators reinstate accounts they suspended ("Suspended accounts" in the admin): the person can log in again
and the contracts the suspension paused resume, the other side told; closed applications stay closed."""

from __future__ import annotations

import html
import re

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from contracts import services as contract_services
from contracts.models import ContractStatus
from jobs import moderation
from jobs.models import FlagReason, ModerationAction
from marketplace.activity.models import Activity
from messaging.models import Notification, NotificationKind
from messaging.services import post_message
from proposals.models import ApplicationStatus
from tests.factories import PASSWORD, FreelancerFactory, ModeratorFactory, UserFactory, hire

pytestmark = pytest.mark.django_db

LIST = reverse("admin:jobs_suspendedaccount_changelist")
DONE = (
    "1 account(s) reinstated: they can log in again (each is emailed so), and the contracts their suspension paused "
    "are active again unless the other side is suspended too. Closed applications stay closed; reinstate suspended "
    "jobs from Flagged jobs."
)


def text(response) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html.unescape(response.content.decode())).split())


def suspend_freelancer(contract) -> None:
    message = post_message(contract.application.room, sender=contract.freelancer, body="Pay me by wire instead.")
    moderation.flag_message(message, by=contract.client, reason=FlagReason.OFF_PLATFORM_PAYMENT)
    moderation.suspend_room_sender(contract.application.room, by=ModeratorFactory(), note="payment outside")


def reinstate_in_admin(client, users, note: str = ""):
    data = {
        "action": "reinstate_accounts",
        "_selected_action": [str(u.pk) for u in users],
        "index": "0",
        "note": note,
    }
    return client.post(LIST, data, follow=True)


def new_notifications(before: set[int]):
    return Notification.objects.exclude(pk__in=before).filter(kind=NotificationKind.CONTRACT_PAUSED)


def test_reinstating_a_suspended_freelancer_resumes_the_contract_and_tells_the_client(client, moderator):
    contract = hire()
    freelancer = contract.freelancer
    suspend_freelancer(contract)
    other = FreelancerFactory(is_active=False)  # closed another way: not the moderators' to reopen
    client.force_login(moderator)
    listed = text(client.get(LIST))
    assert freelancer.username in listed and other.username not in listed
    history = text(client.get(reverse("admin:jobs_suspendedaccount_change", args=[freelancer.pk])))
    assert "Suspended the sender of a flagged room message by" in history and "payment outside" in history
    before = set(Notification.objects.values_list("pk", flat=True))

    page = text(reinstate_in_admin(client, [freelancer], note="Reported by mistake"))

    assert DONE in page
    freelancer.refresh_from_db()
    contract.refresh_from_db()
    assert freelancer.is_active and (contract.status, contract.status_note) == (ContractStatus.ACTIVE, "")
    name = freelancer.display_name
    told = new_notifications(before)
    assert [n.recipient for n in told] == [contract.client]
    assert told.get().text == (
        f"The contract “{contract.title}” is active again: {name}'s account was reinstated by a moderator."
    )
    decision = Activity.objects.get(action=ModerationAction.REINSTATE_USER)
    assert (decision.actor, decision.target, decision.note) == (moderator, freelancer, "Reported by mistake")
    assert freelancer.username not in text(client.get(LIST))
    # The application the suspension closed stays closed: the contract is what resumes.
    contract.application.refresh_from_db()
    assert contract.application.status == ApplicationStatus.HIRED
    # Both sides' contract pages: no longer paused, and the freelancer can log in and log time again.
    client.force_login(contract.client)
    assert "Paused:" not in text(client.get(contract.get_absolute_url()))
    client.logout()
    client.post(reverse("accounts:login"), {"username": freelancer.username, "password": PASSWORD})
    assert client.session["_auth_user_id"] == str(freelancer.pk)
    assert "Paused:" not in text(client.get(contract.get_absolute_url()))
    contract_services.start_timer(contract, by=freelancer)


def test_a_contract_stays_paused_while_the_other_side_is_still_suspended(moderator):
    contract = hire()
    suspend_freelancer(contract)
    moderation.suspend_client(contract.client, by=moderator, note="scam")
    before = set(Notification.objects.values_list("pk", flat=True))

    moderation.reinstate_account(contract.freelancer, by=moderator)

    contract.refresh_from_db()
    client_name = contract.client.display_name
    assert contract.status == ContractStatus.PAUSED
    assert contract.status_note == f"{client_name}'s account was suspended by a moderator."
    assert not new_notifications(before).exists()

    moderation.reinstate_account(contract.client, by=moderator)

    contract.refresh_from_db()
    assert contract.status == ContractStatus.ACTIVE
    assert [n.recipient for n in new_notifications(before)] == [contract.freelancer]


def test_a_contract_paused_again_for_another_reason_stays_paused(moderator):
    contract = hire()
    suspend_freelancer(contract)
    contract_services.resume_contract(contract, by=contract.client)
    contract_services.pause_contract(contract, by=contract.client, reason="Waiting for the next budget")

    moderation.reinstate_account(contract.freelancer, by=moderator)

    contract.refresh_from_db()
    assert (contract.status, contract.status_note) == (ContractStatus.PAUSED, "Waiting for the next budget")


def test_only_a_suspended_account_can_be_reinstated_and_only_by_a_moderator(client, moderator):
    contract = hire()
    suspend_freelancer(contract)
    with pytest.raises(PermissionDenied, match="Only moderators can reinstate accounts"):
        moderation.reinstate_account(contract.freelancer, by=contract.client)
    with pytest.raises(moderation.ModerationError, match="can already log in"):
        moderation.reinstate_account(contract.client, by=moderator)
    closed = UserFactory(is_active=False)
    with pytest.raises(moderation.ModerationError, match="was not suspended by a moderator"):
        moderation.reinstate_account(closed, by=moderator)
    contract.freelancer.refresh_from_db()
    assert not contract.freelancer.is_active and not closed.is_active

    client.force_login(contract.client)  # not staff: the admin asks them to log in
    response = client.get(LIST)
    assert response.status_code == 302 and response.url.startswith(reverse("admin:login"))


SUSPENDED_ACCOUNTS_BUDGET = 9


@pytest.mark.parametrize("count", [2, 20])
def test_suspended_accounts_list_query_budget(client, moderator, count, django_assert_max_num_queries):
    """The list's queries do not grow with the accounts listed."""
    people = UserFactory.create_batch(count)
    for person in people:
        moderation.suspend_client(person, by=moderator)
    client.force_login(moderator)
    with django_assert_max_num_queries(SUSPENDED_ACCOUNTS_BUDGET):
        page = text(client.get(LIST))
    assert all(person.username in page for person in people)
