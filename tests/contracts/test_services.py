"""accept_offer (the hire that creates a contract) and end_contract."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from contracts import services
from contracts.models import Contract, ContractStatus
from jobs.models import JobStatus
from proposals import services as proposal_services
from proposals.models import ApplicationStatus, OfferStatus
from tests.factories import ClientFactory, FreelancerFactory, JobPostFactory, build, offer_terms

pytestmark = pytest.mark.django_db

S = ApplicationStatus


def test_accepting_an_offer_hires_and_creates_the_contract_with_a_snapshot_of_the_terms():
    app = build(S.ACTIVE)
    start = timezone.localdate() + timedelta(days=5)
    proposal_services.send_offer(
        app, by=app.job.client, hourly_rate=Decimal("62.50"), weekly_limit=15, start_date=start
    )
    room = app.room

    contract = services.accept_offer(app, by=app.freelancer)

    app.refresh_from_db()
    assert app.status == S.HIRED
    assert app.ended_at is not None
    assert app.latest_offer.status == OfferStatus.ACCEPTED
    assert (contract.client, contract.freelancer, contract.job, contract.application) == (
        app.job.client,
        app.freelancer,
        app.job,
        app,
    )
    assert (contract.payment_type, contract.hourly_rate, contract.weekly_limit, contract.fixed_price) == (
        "hourly",
        Decimal("62.50"),
        15,
        None,
    )
    assert (contract.start_date, contract.status, contract.title) == (start, ContractStatus.ACTIVE, app.job.title)
    assert contract.terms_display == "$62.50/hr, up to 15 hrs/week"
    assert app.room == room  # the room stays
    assert room.messages.filter(sender__isnull=True, body__contains="contract has begun").exists()
    assert app.events.last().action == "accept_offer"
    # Later changes to the application do not rewrite what was agreed.
    contract.refresh_from_db()
    assert contract.hourly_rate == Decimal("62.50")


def test_a_fixed_price_offer_makes_a_fixed_price_contract(fixed_job):
    freelancer = FreelancerFactory()
    app = proposal_services.submit_proposal(
        fixed_job, by=freelancer, cover_letter="Hi", fixed_bid="750", estimated_duration="1 to 3 months"
    )
    proposal_services.send_offer(app, by=fixed_job.client, fixed_price=Decimal("700"), start_date=timezone.localdate())
    contract = services.accept_offer(app, by=freelancer)
    assert (contract.payment_type, contract.fixed_price, contract.hourly_rate, contract.weekly_limit) == (
        "fixed",
        Decimal("700.00"),
        None,
        None,
    )


def test_the_job_fills_when_hires_needed_is_reached_and_closes_the_rest():
    job = JobPostFactory(hires_needed=2)
    first, second = build(S.OFFERED, job=job), build(S.OFFERED, job=job)
    waiting = [build(state, job=job) for state in (S.SENT, S.INVITED, S.ARCHIVED, S.ACTIVE)]

    services.accept_offer(first, by=first.freelancer)
    job.refresh_from_db()
    assert job.status == JobStatus.OPEN  # one of two hires
    for app in [second, *waiting]:
        status = app.status
        app.refresh_from_db()
        assert app.status == status

    services.accept_offer(second, by=second.freelancer)
    job.refresh_from_db()
    assert job.status == JobStatus.FILLED
    for app in waiting:
        app.refresh_from_db()
        assert app.status == S.CLOSED
        assert app.events.last().reason == "job_filled"
    assert Contract.objects.filter(job=job).count() == 2
    first.refresh_from_db()
    assert first.status == S.HIRED


def test_filling_closes_another_open_offer():
    job = JobPostFactory(hires_needed=1)
    winner, other = build(S.OFFERED, job=job), build(S.OFFERED, job=job)
    services.accept_offer(winner, by=winner.freelancer)
    other.refresh_from_db()
    assert other.status == S.CLOSED
    assert other.latest_offer.status == OfferStatus.CLOSED
    with pytest.raises(proposal_services.ActionNotAllowed, match="This offer was closed with the job"):
        services.accept_offer(other, by=other.freelancer)
    assert Contract.objects.count() == 1


def test_only_the_freelancer_accepts():
    app = build(S.OFFERED)
    for someone in (app.job.client, FreelancerFactory(), ClientFactory()):
        with pytest.raises(PermissionDenied):
            services.accept_offer(app, by=someone)
    assert not Contract.objects.exists()


def test_accepting_twice_makes_one_contract():
    app = build(S.OFFERED)
    first = services.accept_offer(app, by=app.freelancer)
    again = services.accept_offer(app, by=app.freelancer)
    assert first == again
    assert Contract.objects.count() == 1


def test_a_stale_instance_still_gets_the_clear_message():
    app = build(S.OFFERED)
    stale = type(app).objects.get(pk=app.pk)
    proposal_services.withdraw_offer(app, by=app.job.client)
    assert stale.status == S.OFFERED  # the page the freelancer has open is out of date
    with pytest.raises(proposal_services.ActionNotAllowed) as refused:
        services.accept_offer(stale, by=stale.freelancer)
    assert refused.value.message == "This offer was withdrawn by the client, so it can no longer be accepted."
    assert stale.status == S.OFFERED
    assert not Contract.objects.exists()


@pytest.mark.parametrize("side", ["client", "freelancer"])
def test_either_party_ends_the_contract(side):
    app = build(S.HIRED)
    contract = Contract.objects.get(application=app)
    by = contract.client if side == "client" else contract.freelancer

    services.end_contract(contract, by=by, reason="The work is done")

    assert contract.status == ContractStatus.ENDED
    contract.refresh_from_db()
    assert (contract.status, contract.ended_by, contract.end_reason) == (ContractStatus.ENDED, by, "The work is done")
    assert contract.ended_at is not None
    assert app.events.last().action == "end_contract"
    app.refresh_from_db()
    assert app.status == S.HIRED


def test_ending_a_contract_needs_a_party_a_reason_and_an_active_contract():
    contract = Contract.objects.get(application=build(S.HIRED))
    with pytest.raises(PermissionDenied):
        services.end_contract(contract, by=FreelancerFactory(), reason="Nope")
    with pytest.raises(ValidationError):
        services.end_contract(contract, by=contract.client, reason=" ")
    services.end_contract(contract, by=contract.client, reason="Done")
    with pytest.raises(proposal_services.ActionNotAllowed, match="already ended"):
        services.end_contract(contract, by=contract.freelancer, reason="Done too")


def test_offer_terms_default_expiry_and_start_date(settings):
    settings.OFFER_EXPIRY_DAYS = 3
    app = build(S.ACTIVE)
    offer = proposal_services.send_offer(app, by=app.job.client, **offer_terms())
    assert timedelta(days=3) - timedelta(minutes=1) < offer.expires_at - timezone.now() <= timedelta(days=3)
