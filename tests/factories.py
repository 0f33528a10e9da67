"""factory-boy factories shared by every app's tests."""

from decimal import Decimal

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from jobs.models import BudgetType, JobPost
from jobs.services import refresh_search_vectors
from marketplace.accounts.models import ClientProfile, FreelancerProfile, User

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
