"""The one set of factories and builders every test uses: factory-boy factories for rows, and builders that bring
an application or a contract to a state through the services (never by writing the status)."""

from __future__ import annotations

import importlib
from datetime import timedelta
from decimal import Decimal

import factory
from django.contrib.auth.models import Group, Permission
from django.db.models import Q
from django.utils import timezone
from factory.django import DjangoModelFactory

from contracts import services as contract_services
from contracts.models import Contract
from jobs.models import BudgetType, Flag, FlagReason, JobPost
from jobs.services import refresh_search_vectors
from marketplace.accounts.models import ClientProfile, FreelancerProfile, User
from proposals import services
from proposals.models import Application, ApplicationStatus, DeclineReason, Origin, RejectReason, WithdrawReason

PASSWORD = "correct-Horse-battery-9"


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.com")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class FreelancerFactory(UserFactory):
    username = factory.Sequence(lambda n: f"freelancer{n}")
    is_freelancer = True
    profile = factory.RelatedFactory("tests.factories.FreelancerProfileFactory", factory_related_name="user")


class ClientFactory(UserFactory):
    username = factory.Sequence(lambda n: f"client{n}")
    is_client = True
    profile = factory.RelatedFactory("tests.factories.ClientProfileFactory", factory_related_name="user")


class FreelancerProfileFactory(DjangoModelFactory):
    class Meta:
        model = FreelancerProfile

    title = "Python developer"
    overview = "I build web applications."
    hourly_rate = Decimal("50.00")


class ClientProfileFactory(DjangoModelFactory):
    class Meta:
        model = ClientProfile

    company_name = factory.Faker("company")
    location = "Lisbon, Portugal"
    payment_verified = True


class JobPostFactory(DjangoModelFactory):
    class Meta:
        model = JobPost
        skip_postgeneration_save = True

    client = factory.SubFactory(ClientFactory)
    title = factory.Sequence(lambda n: f"Build a booking website #{n}")
    description = "We need a Django developer to build a booking website with payments."
    budget_type = BudgetType.HOURLY
    hourly_min = Decimal("30.00")
    hourly_max = Decimal("60.00")
    hires_needed = 1

    @factory.post_generation
    def skills(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.skills.add(*extracted)

    @factory.post_generation
    def search_document(obj, create, extracted, **kwargs):
        if create:  # as the services do after writing a job
            refresh_search_vectors([obj.pk])


class AgencyFactory(DjangoModelFactory):
    """An agency with an active owner (`owner=` to choose them)."""

    class Meta:
        model = "agencies.Agency"
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Studio {n}")
    slug = factory.Sequence(lambda n: f"studio-{n}")
    description = "A small team of web developers."
    created_by = factory.SubFactory(FreelancerFactory)

    @factory.post_generation
    def owner(obj, create, extracted, **kwargs):
        if create:
            AgencyMembershipFactory(agency=obj, user=extracted or obj.created_by, role="owner")


class AgencyMembershipFactory(DjangoModelFactory):
    """An active member who agreed to be named on proposals (`status="invited"` for an invitation)."""

    class Meta:
        model = "agencies.AgencyMembership"

    agency = factory.SubFactory(AgencyFactory)
    user = factory.SubFactory(FreelancerFactory)
    role = "member"
    status = "active"
    may_be_named = True
    joined_at = factory.LazyFunction(timezone.now)


# Moderators and flags.
_jobs_0004 = importlib.import_module("jobs.migrations.0004_moderators_group")
_jobs_0006 = importlib.import_module("jobs.migrations.0006_flagged_rooms")
_jobs_0011 = importlib.import_module("jobs.migrations.0011_suspended_accounts")
_agencies_0002 = importlib.import_module("agencies.migrations.0002_moderators_see_agencies")
MODERATORS = _jobs_0004.GROUP


def moderators_group() -> Group:
    """The group the data migrations build (jobs 0004, 0006 and 0011, agencies 0002; jobs 0008 took "view
    moderation decision" away), rebuilt the same way after a flush, as in browser tests."""
    group, created = Group.objects.get_or_create(name=MODERATORS)
    if created:
        wanted = Q(content_type__app_label="jobs", codename__in=_jobs_0006.CODENAMES + _jobs_0011.CODENAMES)
        for label, codenames in _jobs_0004.PERMISSIONS.items():
            wanted |= Q(content_type__app_label=label, codename__in=codenames)
        for codenames in _agencies_0002.CODENAMES.values():
            wanted |= Q(content_type__app_label="agencies", codename__in=codenames)
        group.permissions.add(*Permission.objects.filter(wanted).exclude(codename="view_moderationdecision"))
    return group


class ModeratorFactory(UserFactory):
    """A staff user in the Moderators group (not a superuser)."""

    username = factory.Sequence(lambda n: f"moderator{n}")
    is_staff = True

    @factory.post_generation
    def in_group(obj, create, extracted, **kwargs):
        if create:
            obj.groups.add(moderators_group())


class FlagFactory(DjangoModelFactory):
    class Meta:
        model = Flag

    reporter = factory.SubFactory(FreelancerFactory)
    job = factory.SubFactory(JobPostFactory)
    user = factory.LazyAttribute(lambda o: o.job.client if o.job else None)
    reason = FlagReason.OFF_PLATFORM_PAYMENT
    comment = "Asked me to pay a deposit on PayPal."


# Applications brought to any state through the services (never by writing the status).
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
