import pytest
from django.urls import reverse
from django.utils import timezone

from jobs import selectors, services
from proposals import services as hiring
from tests.factories import FreelancerFactory, JobPostFactory

pytestmark = pytest.mark.django_db


def test_client_activity_counts_each_figure_from_the_applications(job, make_application, django_assert_num_queries):
    for status in ("sent", "sent", "active", "offered", "withdrawn", "hired", "rejected"):
        make_application(job, origin="proposal", status=status)
    for status in ("invited", "archived", "active", "declined", "expired", "hired"):
        make_application(job, origin="invitation", status=status)
    make_application(JobPostFactory(), origin="proposal", status="sent")  # another job: not counted
    with django_assert_num_queries(2):
        activity = selectors.client_activity(job)
    assert activity["proposals"] == 7
    assert activity["interviewing"] == 2  # active only: an offer out is counted under offers
    assert activity["offers"] == 1
    assert activity["invites_sent"] == 6
    assert activity["unanswered_invites"] == 2  # invited and archived
    assert activity["hires"] == 2
    assert len(activity["hired_names"]) == 2
    assert activity["last_viewed_by_client"] is None


def test_client_activity_for_a_job_without_applications_is_one_query(job, django_assert_num_queries):
    with django_assert_num_queries(1):
        activity = selectors.client_activity(job)
    assert {k: activity[k] for k in ("proposals", "interviewing", "invites_sent", "unanswered_invites", "hires")} == {
        "proposals": 0,
        "interviewing": 0,
        "invites_sent": 0,
        "unanswered_invites": 0,
        "hires": 0,
    }
    assert activity["hired_names"] == []


def test_job_page_shows_activity_live_with_hired_names_and_last_view(client, job, make_application):
    ana = FreelancerFactory(first_name="Ana", last_name="Silva")
    make_application(job, freelancer=ana, origin="invitation", status="hired")
    make_application(job, origin="proposal", status="active")
    page = client.get(job.get_absolute_url()).content.decode()
    assert "<dt>Hires</dt><dd>1: Ana Silva</dd>" in page
    assert "<dt>Interviewing</dt><dd>1</dd>" in page
    assert "<dt>Last viewed by client</dt>\n        <dd>Not yet</dd>" in page

    # The figures move the moment the applications do: no cache.
    make_application(job, origin="invitation", status="invited")
    services.record_applicants_view(job, by=job.client)
    page = client.get(job.get_absolute_url()).content.decode()
    assert "<dt>Invites sent</dt><dd>2</dd>" in page
    assert "<dt>Unanswered invites</dt><dd>1</dd>" in page
    assert "Not yet" not in page
    assert "now" in page


def test_client_summary_counts_hires_across_the_clients_jobs(client_user, make_application):
    first, second = JobPostFactory(client=client_user), JobPostFactory(client=client_user)
    hiring.close_job(second, by=client_user)
    make_application(first, status="hired")
    make_application(second, status="hired")
    make_application(second, status="declined")
    summary = selectors.client_summary(client_user)
    assert summary["jobs_posted"] == 2
    assert summary["open_jobs"] == 1
    assert summary["hires"] == 2
    assert summary["payment_verified"] is True
    assert summary["member_since"] == client_user.date_joined


def test_my_job_posts_counts_per_stage(client, client_user, make_application):
    job = JobPostFactory(client=client_user, title="Booking website")
    quiet = JobPostFactory(client=client_user, title="Quiet job")
    JobPostFactory(title="Someone else's job")
    for status in ("sent", "sent", "active", "offered", "hired"):
        make_application(job, origin="proposal", status=status)
    for status in ("invited", "archived", "declined"):
        make_application(job, origin="invitation", status=status)
    page = list(selectors.my_job_posts(client_user))
    selectors.add_job_numbers(page)
    jobs = {j.title: j for j in page}
    assert set(jobs) == {"Booking website", "Quiet job"}
    counts = jobs["Booking website"]
    assert (
        counts.proposals_count,
        counts.unanswered_invites_count,
        counts.interviewing_count,
        counts.offers_count,
        counts.hires_count,
    ) == (5, 2, 1, 1, 1)
    assert jobs["Quiet job"].proposals_count == 0

    client.force_login(client_user)
    page = client.get(reverse("jobs:mine")).content.decode()
    assert "Booking website" in page and quiet.title in page and "Someone else" not in page
    for heading in ("Proposals", "Unanswered invites", "Interviewing", "Offers", "Hires"):
        assert f'<th scope="col">{heading}</th>' in page


def test_last_viewed_shows_on_the_page(client, job):
    job.client_last_viewed_at = timezone.now()
    services.record_applicants_view(job, by=job.client)
    assert "Last viewed by client" in client.get(job.get_absolute_url()).content.decode()
