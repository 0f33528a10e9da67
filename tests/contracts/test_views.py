"""Contract pages: "My Jobs", the client's contracts, one contract, "End contract" and "Accept offer"."""

from __future__ import annotations

import html
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from contracts import services
from contracts.models import Contract, ContractStatus
from proposals.models import ApplicationStatus
from tests.factories import ClientFactory, FreelancerFactory, JobPostFactory, UserFactory, build

pytestmark = pytest.mark.django_db

S = ApplicationStatus


def text(response) -> str:
    return html.unescape(response.content.decode())


def flash(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


def hire(freelancer=None, client=None, title=None) -> Contract:
    job = JobPostFactory(**({"client": client} if client else {}), **({"title": title} if title else {}))
    app = build(S.HIRED, job=job, freelancer=freelancer)
    return app.contract


def test_accept_offer_hires_and_points_to_the_contract(client):
    app = build(S.OFFERED)
    client.force_login(app.freelancer)
    response = client.post(reverse("contracts:accept_offer", args=[app.pk]), follow=True)
    assert flash(response) == ["Tick the box to confirm: accepting the offer hires you and starts the contract."]
    assert not Contract.objects.exists()  # no tick, no hire
    response = client.post(reverse("contracts:accept_offer", args=[app.pk]), {"confirm": "yes"}, follow=True)
    contract = Contract.objects.get()
    assert response.redirect_chain[-1][0] == contract.get_absolute_url()
    assert flash(response) == ["You accepted the offer. You are hired: the contract is under My Jobs."]
    page = text(response)
    assert contract.title in page and "$50.00/hr, up to 20 hrs/week" in page
    # A double click makes one contract and no error.
    response = client.post(reverse("contracts:accept_offer", args=[app.pk]), {"confirm": "yes"}, follow=True)
    assert response.status_code == 200 and Contract.objects.count() == 1


def test_only_the_freelancer_accepts_the_offer(client):
    app = build(S.OFFERED)
    client.force_login(app.job.client)
    response = client.post(reverse("contracts:accept_offer", args=[app.pk]), follow=True)
    assert flash(response) == ["Only the freelancer can do this."]
    client.force_login(FreelancerFactory())
    assert client.post(reverse("contracts:accept_offer", args=[app.pk])).status_code == 404
    assert client.get(reverse("contracts:accept_offer", args=[app.pk])).status_code == 405
    assert not Contract.objects.exists()


def test_my_jobs_lists_active_contracts_first(client):
    fred = FreelancerFactory()
    ended = hire(fred, title="Old job")
    services.end_contract(ended, by=fred, reason="Done")
    active = hire(fred, title="Current job")
    client.force_login(fred)
    page = text(client.get(reverse("contracts:list")))
    assert ">My Jobs</h1>" in page
    assert page.index("Current job") < page.index("Old job")
    assert f'href="{active.get_absolute_url()}"' in page
    assert "Ended" in page


def test_the_client_sees_their_contracts(client):
    contract = hire()
    client.force_login(contract.client)
    page = text(client.get(reverse("contracts:list")))
    assert ">Contracts</h1>" in page and contract.title in page
    assert f"Freelancer: {contract.freelancer.display_name}" in page
    client.force_login(ClientFactory())
    page = text(client.get(reverse("contracts:list")))
    assert contract.title not in page and "No contracts yet." in page


CONTRACTS_BUDGET = 6


CONTRACTS_PAGE_SIZE = 25


def _many_contracts(freelancer, client_user, count: int) -> None:
    for _ in range(count):
        hire(freelancer, client_user)


@pytest.mark.parametrize("count", [3, 60])
def test_contracts_page_query_budget(client, count, django_assert_max_num_queries):
    fred, carla = FreelancerFactory(), ClientFactory()
    _many_contracts(fred, carla, count)
    for user in (fred, carla):
        client.force_login(user)
        client.get(reverse("contracts:list"))
        with django_assert_max_num_queries(CONTRACTS_BUDGET):
            response = client.get(reverse("contracts:list"))
        shown = response.content.decode().count('class="status-pill contract-status-active"')
        assert shown == min(count, CONTRACTS_PAGE_SIZE)


def test_contracts_page_queries_do_not_grow_with_the_data(client):
    fred, carla = FreelancerFactory(), ClientFactory()
    _many_contracts(fred, carla, 2)
    client.force_login(fred)
    url = reverse("contracts:list")
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    _many_contracts(fred, carla, 8)
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(few)


def test_contract_page_shows_parties_terms_room_and_end_contract(client):
    contract = hire()
    client.force_login(contract.freelancer)
    page = text(client.get(contract.get_absolute_url()))
    assert contract.client.display_name in page and contract.freelancer.display_name in page
    assert "$50.00/hr, up to 20 hrs/week" in page and "Hourly rate" in page
    assert f'href="{contract.application.room.get_absolute_url()}"' in page
    assert ">End contract</button>" in page and "Reason for ending the contract" in page


@pytest.mark.parametrize("who", ["freelancer", "client", "staff"])
def test_contract_page_is_for_the_parties_only(client, who):
    contract = hire()
    user = {"freelancer": FreelancerFactory, "client": ClientFactory, "staff": lambda: UserFactory(is_staff=True)}[
        who
    ]()
    client.force_login(user)
    assert client.get(contract.get_absolute_url()).status_code == 404
    assert client.post(reverse("contracts:end", args=[contract.pk]), {"reason": "x"}).status_code == 404
    contract.refresh_from_db()
    assert contract.status == ContractStatus.ACTIVE


def test_either_side_ends_the_contract_with_a_reason(client):
    contract = hire()
    client.force_login(contract.client)
    url = reverse("contracts:end", args=[contract.pk])
    response = client.post(url, {"reason": ""})
    assert response.status_code == 200 and "Say why the contract ends." in text(response)
    response = client.post(url, {"reason": "The work is done, thank you!"}, follow=True)
    name = contract.freelancer.display_name
    assert flash(response) == [f"You ended the contract. {name} has been told. Leave feedback below."]
    page = text(response)
    assert "The work is done, thank you!" in page and ">End contract</button>" not in page
    contract.refresh_from_db()
    assert contract.status == ContractStatus.ENDED and contract.ended_by == contract.client
    response = client.post(url, {"reason": "Again"}, follow=True)
    assert flash(response) == ["This contract has already ended."]


def test_both_see_the_contract_after_the_hire(client):
    contract = hire()
    for user, heading in ((contract.freelancer, "My Jobs"), (contract.client, "Contracts")):
        client.force_login(user)
        page = text(client.get(reverse("contracts:list")))
        assert f">{heading}</h1>" in page
        assert re.search(rf'<a href="{contract.get_absolute_url()}">{re.escape(contract.title)}</a>', page)
