import pytest
from django.urls import reverse

from jobs.models import JobPost, JobStatus
from proposals import services as hiring
from tests.factories import ClientFactory, FreelancerFactory, JobPostFactory

pytestmark = pytest.mark.django_db


def _suspend(job: JobPost, reason: str = "Asks for payment outside the platform") -> None:
    job.suspend(reason=reason)
    job.save()


def test_anyone_views_an_open_public_job(client, job):
    response = client.get(job.get_absolute_url())
    assert response.status_code == 200
    page = response.content.decode()
    assert job.title in page and "Client activity on this job" in page
    assert ">Close job</button>" not in page  # only its client gets the client's actions


def test_unknown_job_is_404(client, db):
    assert client.get(reverse("jobs:detail", args=[999999])).status_code == 404


def test_invite_only_job_is_hidden_from_people_without_an_application(client, make_application):
    job = JobPostFactory(visibility="invite_only")
    assert client.get(job.get_absolute_url()).status_code == 404
    client.force_login(FreelancerFactory())
    assert client.get(job.get_absolute_url()).status_code == 404
    client.force_login(ClientFactory())
    assert client.get(job.get_absolute_url()).status_code == 404


def test_invite_only_job_is_open_to_its_client_staff_and_invited_freelancers(client, staff, make_application):
    job = JobPostFactory(visibility="invite_only")
    invited = FreelancerFactory()
    make_application(job, freelancer=invited, origin="invitation", status="invited")
    for viewer in (job.client, staff, invited):
        client.force_login(viewer)
        assert client.get(job.get_absolute_url()).status_code == 200, viewer
    client.force_login(job.client)
    assert "Invite-only: this job is hidden from search." in client.get(job.get_absolute_url()).content.decode()


def test_a_past_application_still_opens_an_invite_only_job(client, make_application):
    job = JobPostFactory(visibility="invite_only")
    declined = FreelancerFactory()
    make_application(job, freelancer=declined, origin="invitation", status="declined")
    client.force_login(declined)
    assert client.get(job.get_absolute_url()).status_code == 200


def test_suspended_job_is_gone_for_everyone_but_its_client_and_staff(client, job, staff, make_application):
    applicant = FreelancerFactory()
    make_application(job, freelancer=applicant, status="sent")
    _suspend(job)
    response = client.get(job.get_absolute_url())
    assert response.status_code == 410
    assert "This job is no longer available" in response.content.decode()
    assert job.title not in response.content.decode()
    for viewer in (applicant, ClientFactory()):
        client.force_login(viewer)
        assert client.get(job.get_absolute_url()).status_code == 410
    for viewer in (job.client, staff):
        client.force_login(viewer)
        response = client.get(job.get_absolute_url())
        assert response.status_code == 200
        assert "suspended by a moderator" in response.content.decode()


@pytest.mark.parametrize(("to", "label"), [(JobStatus.CLOSED, "closed"), (JobStatus.CANCELLED, "cancelled")])
def test_ended_public_job_stays_readable_but_takes_no_proposals(client, job, to, label):
    hiring.close_job(job, by=job.client, reason="Private reason", to=to)
    response = client.get(job.get_absolute_url())
    assert response.status_code == 200
    page = response.content.decode()
    assert f"This job is {label} and no longer accepting proposals." in page
    assert "Private reason" not in page  # the reason is for the client
    client.force_login(job.client)
    page = client.get(job.get_absolute_url()).content.decode()
    assert "Your reason: Private reason" in page
    assert f'job-status-{label}">{label.capitalize()}</span>' in page


def test_filled_job_says_it_no_longer_takes_proposals(client, job):
    job.fill()
    job.save()
    assert (
        "This job is filled and no longer accepting proposals." in client.get(job.get_absolute_url()).content.decode()
    )


def test_job_page_shows_the_client_box(client, make_application):
    acme = ClientFactory(profile__payment_verified=False, profile__location="Porto, Portugal")
    job = JobPostFactory(client=acme)
    other = JobPostFactory(client=acme)
    JobPostFactory(client=acme, visibility="invite_only")
    make_application(other, status="hired")
    make_application(job, status="hired")
    make_application(job, status="sent")
    make_application(JobPostFactory(), status="hired")  # someone else's hire
    page = client.get(job.get_absolute_url()).content.decode()
    assert "Payment method not verified" in page
    assert "Location: Porto, Portugal" in page
    assert "3 jobs posted" in page
    assert "2 hires made" in page
    assert f"Member since {acme.date_joined:%B} {acme.date_joined.day}, {acme.date_joined.year}" in page


def test_suspended_invite_only_job_stays_unknown_to_outsiders(client, make_application):
    job = JobPostFactory(visibility="invite_only")
    invited = FreelancerFactory()
    make_application(job, freelancer=invited, origin="invitation", status="invited")
    _suspend(job)
    assert client.get(job.get_absolute_url()).status_code == 404
    client.force_login(invited)
    assert client.get(job.get_absolute_url()).status_code == 410
