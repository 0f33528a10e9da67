import pytest

from messaging.services import open_room
from tests.factories import ClientFactory, FreelancerFactory, JobPostFactory


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
def room(job, client_user, freelancer):
    return open_room(subject=job, participants=[client_user, freelancer], title="Booking website: Fred Freelancer")
