"""Builders that bring an application to any state through the services (never by writing the status).

Shared by tests/proposals and tests/contracts (their conftest files import the fixtures).
"""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from contracts import services as contract_services
from jobs.models import BudgetType, JobPost
from marketplace.accounts.models import User
from proposals import services
from proposals.models import Application, ApplicationStatus, DeclineReason, Origin, RejectReason, WithdrawReason
from tests.factories import ClientFactory, FreelancerFactory, JobPostFactory, UserFactory

S = ApplicationStatus


def offer_terms(**overrides) -> dict:
    return {
        "hourly_rate": Decimal("50.00"),
        "weekly_limit": 20,
        "start_date": timezone.localdate() + timedelta(days=3),
        **overrides,
    }


def build(state: str, *, job=None, freelancer=None, origin: str = "proposal") -> Application:
    """An application in `state`, reached through the services like people would.

    Each call makes its own job unless one is given, so closing or filling it touches only this application.
    """
    job = job or JobPostFactory()
    freelancer = freelancer or FreelancerFactory()
    client = job.client
    if state in (S.INVITED, S.ARCHIVED, S.DECLINED, S.EXPIRED) or origin == "invitation":
        app = services.invite(job, freelancer, by=client, message="Would you like to interview?")
        if state == S.INVITED:
            return app
        if state == S.ARCHIVED:
            return services.ignore_invitation(app, by=freelancer)
        if state == S.DECLINED:
            return services.decline_invitation(app, by=freelancer, reason=DeclineReason.TOO_BUSY)
        if state == S.EXPIRED:
            services.expire_due(now=timezone.now() + timedelta(days=30), only=[app.pk])
            app.refresh_from_db()
            return app
        app = services.accept_invitation(app, by=freelancer, message="Happy to talk.")
    else:
        app = services.submit_proposal(
            job, by=freelancer, cover_letter="I have done this before.", hourly_rate=Decimal("45.00")
        )
        if state == S.SENT:
            return app
        if state == S.WITHDRAWN:
            return services.withdraw(app, by=freelancer, reason=WithdrawReason.APPLIED_BY_MISTAKE)
        if state == S.REJECTED:
            return services.reject(app, by=client, reason=RejectReason.BUDGET)
        if state == S.CLOSED:
            services.close_job(job, by=client, reason="No longer needed")
            app.refresh_from_db()
            return app
        app = services.respond(app, by=client, message="Hello, tell me more.")
    if state == S.ACTIVE:
        return app
    services.send_offer(app, by=client, **offer_terms())
    app.refresh_from_db()
    if state == S.OFFERED:
        return app
    if state == S.HIRED:
        contract_services.accept_offer(app, by=freelancer)
        app.refresh_from_db()
        return app
    raise AssertionError(f"no builder for {state}")


@pytest.fixture
def client_user(db):
    return ClientFactory(first_name="Carla", last_name="Client")


@pytest.fixture
def freelancer(db):
    return FreelancerFactory(first_name="Fred", last_name="Freelancer")


@pytest.fixture
def job(client_user):
    return JobPostFactory(client=client_user, title="Booking website")


@pytest.fixture
def fixed_job(client_user):
    return JobPostFactory(
        client=client_user,
        title="Logo design",
        budget_type=BudgetType.FIXED,
        hourly_min=None,
        hourly_max=None,
        fixed_budget=Decimal("800.00"),
    )


def bulk_applications(count: int, *, status: str = S.SENT, job=None, freelancer=None) -> None:
    """`count` applications in `status`, written in bulk: only for the 1,000-row page tests.

    With `job`, each comes from a new freelancer; with `freelancer`, each is for a new job of one client. Going
    through the services would take minutes at this size; the pages only read these rows.
    """
    if job is not None:
        people = User.objects.bulk_create(
            [UserFactory.build(username=f"bulk-{job.pk}-{status}-{i}", is_freelancer=True) for i in range(count)]
        )
        pairs = [(job, person) for person in people]
    else:
        client = ClientFactory()
        jobs = JobPost.objects.bulk_create([JobPostFactory.build(client=client) for _ in range(count)])
        pairs = [(one, freelancer) for one in jobs]
    Application.objects.bulk_create(
        [
            Application(
                job=one,
                freelancer=person,
                origin=Origin.PROPOSAL,
                status=status,
                cover_letter="I have done this before.",
                hourly_rate=Decimal("45.00"),
            )
            for one, person in pairs
        ]
    )
