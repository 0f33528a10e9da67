import pytest

from proposals.models import Application
from tests.factories import ClientFactory, FreelancerFactory, JobPostFactory, UserFactory


@pytest.fixture
def client_user(db):
    return ClientFactory()


@pytest.fixture
def freelancer(db):
    return FreelancerFactory()


@pytest.fixture
def staff(db):
    return UserFactory(is_staff=True)


@pytest.fixture
def job(client_user):
    return JobPostFactory(client=client_user, skills=["Django", "PostgreSQL"])


@pytest.fixture
def make_application():
    """Create an Application row directly, in any state (the hiring layer's services are not needed here)."""

    def _make(job, *, status, origin="proposal", freelancer=None, **fields):
        return Application.objects.create(
            job=job, freelancer=freelancer or FreelancerFactory(), origin=origin, status=status, **fields
        )

    return _make
