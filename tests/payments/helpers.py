"""Contracts for the money tests, made through the hiring services."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from contracts import services as contract_services
from contracts.models import Contract
from jobs.models import BudgetType
from proposals import services
from tests.factories import ClientFactory, FreelancerFactory, JobPostFactory


def hire(
    *,
    fixed: bool = False,
    client=None,
    freelancer=None,
    price: str = "500.00",
    rate: str = "40.00",
    weekly_limit: int = 10,
    agency=None,
    sender=None,
) -> Contract:
    """A contract through the services; with `agency`, `sender` (default: the freelancer) sends the proposal for
    the agency naming `freelancer`."""
    client = client or ClientFactory()
    freelancer = freelancer or FreelancerFactory()
    sender = sender or freelancer
    as_agency = {"agency": agency, "named": freelancer} if agency is not None else {}
    if fixed:
        job = JobPostFactory(
            client=client,
            budget_type=BudgetType.FIXED,
            hourly_min=None,
            hourly_max=None,
            fixed_budget=Decimal(price),
        )
        app = services.submit_proposal(
            job,
            by=sender,
            cover_letter="I can do it.",
            fixed_bid=Decimal(price),
            estimated_duration="1 month",
            **as_agency,
        )
        terms = {"fixed_price": Decimal(price)}
    else:
        job = JobPostFactory(client=client)
        app = services.submit_proposal(
            job, by=sender, cover_letter="I can do it.", hourly_rate=Decimal(rate), **as_agency
        )
        terms = {"hourly_rate": Decimal(rate), "weekly_limit": weekly_limit}
    app = services.respond(app, by=client, message="Hello")
    services.send_offer(app, by=client, start_date=timezone.localdate() + timedelta(days=1), **terms)
    app.refresh_from_db()
    return contract_services.accept_offer(app, by=freelancer)
