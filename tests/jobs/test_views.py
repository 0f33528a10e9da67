import pytest
from django.urls import reverse

from jobs.models import JobPost, JobStatus
from tests.factories import ClientFactory, FreelancerFactory, JobPostFactory

pytestmark = pytest.mark.django_db


def _form(**overrides) -> dict:
    data = {
        "title": "Build a booking website",
        "description": "Guests book apartments and pay a deposit online.",
        "skills": "Django, Stripe",
        "category": "web",
        "experience_level": "intermediate",
        "duration": "1to3m",
        "hires_needed": "1",
        "visibility": "public",
        "budget_type": "hourly",
        "hourly_min": "35",
        "hourly_max": "60.50",
        "fixed_budget": "",
    }
    data.update(overrides)
    return data


def test_post_job_page_has_labelled_fields(client, client_user):
    client.force_login(client_user)
    page = client.get(reverse("jobs:create")).content.decode()
    for label in ("Title", "Description", "Skills", "Minimum hourly rate", "Maximum hourly rate", "Fixed price"):
        assert f">{label}</label>" in page
    assert ">Post job</button>" in page


def test_client_posts_a_job(client, client_user):
    client.force_login(client_user)
    response = client.post(reverse("jobs:create"), _form())
    job = JobPost.objects.get()
    assert response.status_code == 302 and response["Location"] == job.get_absolute_url()
    assert job.client == client_user and job.status == JobStatus.OPEN
    assert str(job.hourly_max) == "60.50"
    assert sorted(job.skills.names()) == ["Django", "Stripe"]
    page = client.get(job.get_absolute_url()).content.decode()
    assert "Your job is posted." in page
    assert "Hourly: $35.00\u2013$60.50/hr" in page


def test_client_posts_a_fixed_price_job(client, client_user):
    client.force_login(client_user)
    client.post(reverse("jobs:create"), _form(budget_type="fixed", fixed_budget="1500", hourly_min="", hourly_max=""))
    job = JobPost.objects.get()
    assert str(job.fixed_budget) == "1500.00" and job.hourly_min is None


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"title": ""}, "title", "Give the job a title."),
        ({"title": "    "}, "title", "Give the job a title."),
        ({"description": "  \r\n  \t "}, "description", "Describe the work: the description cannot be blank."),
        ({"hires_needed": "0"}, "hires_needed", "You need to hire at least 1 freelancer."),
        ({"hires_needed": "-2"}, "hires_needed", "You need to hire at least 1 freelancer."),
        ({"hourly_min": "70", "hourly_max": "40"}, "hourly_max", "must be at least the minimum"),
        ({"hourly_min": ""}, "hourly_min", "Enter the lowest hourly rate"),
        ({"hourly_max": ""}, "hourly_max", "Enter the highest hourly rate"),
        ({"hourly_min": "0"}, "hourly_min", "Minimum hourly rate must be at least $1.00."),
        ({"hourly_min": "abc"}, "hourly_min", "Enter an amount in dollars, like 40 or 40.50."),
        ({"hourly_max": "NaN"}, "hourly_max", "Enter an amount in dollars, like 40 or 40.50."),
        ({"hourly_max": "1e400"}, "hourly_max", ""),
        ({"hourly_max": "12.345"}, "hourly_max", "Use at most two digits for the cents, like 40.50."),
        ({"budget_type": "fixed", "fixed_budget": ""}, "fixed_budget", "Enter the fixed price"),
        ({"budget_type": "fixed", "fixed_budget": "-10"}, "fixed_budget", "Fixed price must be at least $5.00."),
        ({"budget_type": "fixed", "fixed_budget": "99999999999"}, "fixed_budget", "Fixed price can be at most $"),
        ({"budget_type": "barter"}, "budget_type", "Choose one of the options in the list."),
        ({"visibility": "secret"}, "visibility", "Choose one of the options in the list."),
    ],
)
def test_posting_bad_input_shows_field_errors_never_a_500(client, client_user, overrides, field, message):
    client.force_login(client_user)
    response = client.post(reverse("jobs:create"), _form(**overrides))
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert field in errors, errors
    assert message in " ".join(errors[field])
    assert "Please correct the fields marked below." in response.content.decode()
    assert not JobPost.objects.exists()


def test_post_job_needs_a_client(client):
    assert client.get(reverse("jobs:create")).status_code == 302  # to the login page
    client.force_login(FreelancerFactory())
    response = client.post(reverse("jobs:create"), _form())
    assert response.status_code == 403
    assert "Only clients can post jobs." in response.content.decode()
    assert not JobPost.objects.exists()


def test_owner_edits_an_open_job(client, job):
    client.force_login(job.client)
    page = client.get(reverse("jobs:edit", args=[job.pk])).content.decode()
    assert 'value="Django, PostgreSQL"' in page or 'value="PostgreSQL, Django"' in page
    response = client.post(reverse("jobs:edit", args=[job.pk]), _form(title="Booking site, phase two"))
    assert response.status_code == 302
    job.refresh_from_db()
    assert job.title == "Booking site, phase two"
    assert sorted(job.skills.names()) == ["Django", "Stripe"]


def test_edit_with_bad_input_keeps_the_job(client, job):
    client.force_login(job.client)
    response = client.post(reverse("jobs:edit", args=[job.pk]), _form(title="", hires_needed="0"))
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"title", "hires_needed"}
    title = job.title
    job.refresh_from_db()
    assert job.title == title


@pytest.mark.parametrize("who", ["other_client", "freelancer", "anonymous"])
def test_only_the_owner_can_edit(client, job, who):
    if who == "other_client":
        client.force_login(ClientFactory())
    elif who == "freelancer":
        client.force_login(FreelancerFactory())
    url = reverse("jobs:edit", args=[job.pk])
    get, post = client.get(url), client.post(url, _form(title="Hijacked"))
    if who == "anonymous":
        assert get.status_code == post.status_code == 302
    else:
        assert get.status_code in (403, 404) and post.status_code in (403, 404)
    job.refresh_from_db()
    assert job.title != "Hijacked"


def test_others_get_404_for_an_invite_only_job_they_cannot_see(client):
    job = JobPostFactory(visibility="invite_only")
    client.force_login(ClientFactory())
    assert client.get(reverse("jobs:edit", args=[job.pk])).status_code == 404
    assert client.post(reverse("hiring:close_job", args=[job.pk])).status_code == 404


def test_closed_job_cannot_be_edited(client, job):
    client.force_login(job.client)
    client.post(reverse("hiring:close_job", args=[job.pk]))
    response = client.get(reverse("jobs:edit", args=[job.pk]), follow=True)
    assert "This job is closed, so it can no longer be edited." in response.content.decode()


def test_owner_closes_a_job_from_its_page(client, job):
    client.force_login(job.client)
    page = client.get(job.get_absolute_url()).content.decode()
    assert f'action="{reverse("hiring:close_job", args=[job.pk])}"' in page
    assert ">Close job</button>" in page
    response = client.post(reverse("hiring:close_job", args=[job.pk]), {"close-reason": "Hired elsewhere"}, follow=True)
    page = response.content.decode()
    job.refresh_from_db()
    assert job.status == JobStatus.CLOSED and job.status_reason == "Hired elsewhere"
    assert "Job closed. It no longer takes proposals." in page
    assert '<span class="status-pill job-status-closed">Closed</span>' in page
    assert "no longer accepting proposals" in page
    assert ">Close job</button>" not in page


def test_closing_again_shows_a_message_not_an_error(client, job):
    client.force_login(job.client)
    client.post(reverse("hiring:close_job", args=[job.pk]))
    response = client.post(reverse("hiring:close_job", args=[job.pk]), follow=True)
    assert response.status_code == 200
    assert "is closed, so it can&#x27;t be closed now." in response.content.decode()


def test_close_is_a_post(client, job):
    client.force_login(job.client)
    assert client.get(reverse("hiring:close_job", args=[job.pk])).status_code == 405


def test_others_cannot_close_or_cancel(client, job):
    client.force_login(FreelancerFactory())
    assert client.post(reverse("hiring:close_job", args=[job.pk])).status_code == 403
    assert client.post(reverse("hiring:cancel_job", args=[job.pk])).status_code == 403
    job.refresh_from_db()
    assert job.status == JobStatus.OPEN


def test_owner_cancels_with_a_reason(client, job):
    client.force_login(job.client)
    response = client.post(
        reverse("hiring:cancel_job", args=[job.pk]), {"cancel-reason": "Posted by mistake"}, follow=True
    )
    job.refresh_from_db()
    assert job.status == JobStatus.CANCELLED and job.status_reason == "Posted by mistake"
    assert "Job post cancelled." in response.content.decode()


def test_too_long_reason_is_refused_politely(client, job):
    client.force_login(job.client)
    response = client.post(reverse("hiring:close_job", args=[job.pk]), {"close-reason": "x" * 1001}, follow=True)
    assert response.status_code == 200
    assert "at most 1000 characters" in response.content.decode()
    job.refresh_from_db()
    assert job.status == JobStatus.OPEN


def test_my_job_posts_is_for_clients(client, client_user):
    assert client.get(reverse("jobs:mine")).status_code == 302
    client.force_login(FreelancerFactory())
    assert client.get(reverse("jobs:mine")).status_code == 403
    client.force_login(client_user)
    page = client.get(reverse("jobs:mine")).content.decode()
    assert "You have not posted a job yet." in page


@pytest.mark.django_db
def test_my_job_posts_links_each_job_to_its_applicants(client):
    job = JobPostFactory()
    client.force_login(job.client)
    page = client.get(reverse("jobs:mine")).content.decode()
    assert f'href="/jobs/{job.pk}/applicants/">Review applicants</a>' in page


@pytest.mark.parametrize(
    ("skills", "error"),
    [
        (", ".join(f"skill{n}" for n in range(16)), "List at most 15 skills."),
        ("Django, " + "x" * 51, "A skill name has at most 50 characters."),
    ],
)
def test_too_many_or_too_long_skills_are_form_errors(client, client_user, skills, error):
    # The service's {"skills": ...} error raised inside clean_skills() used to be a 500.
    client.force_login(client_user)
    response = client.post(reverse("jobs:create"), _form(skills=skills))
    assert response.status_code == 200
    assert error in response.content.decode()
    assert not JobPost.objects.exists()
