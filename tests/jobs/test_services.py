from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from jobs import services
from jobs.models import JobPost, JobStatus
from proposals import services as hiring
from tests.factories import ClientFactory, FreelancerFactory, JobPostFactory

pytestmark = pytest.mark.django_db


def _data(**overrides) -> dict:
    data = {
        "title": "Build a booking website",
        "description": "Calendar, payments and confirmation emails for twelve apartments.",
        "skills": ["Django", "Stripe"],
        "category": "web",
        "budget_type": "hourly",
        "hourly_min": Decimal("40.00"),
        "hourly_max": Decimal("70.00"),
        "experience_level": "expert",
        "duration": "1to3m",
        "hires_needed": 1,
        "visibility": "public",
    }
    data.update(overrides)
    return data


def test_post_job_creates_an_open_job_with_skills_and_decimal_money(client_user):
    job = services.post_job(client=client_user, data=_data())
    job = JobPost.objects.get(pk=job.pk)
    assert job.status == JobStatus.OPEN
    assert job.client == client_user
    assert isinstance(job.hourly_min, Decimal) and job.hourly_min == Decimal("40.00")
    assert sorted(job.skills.names()) == ["Django", "Stripe"]
    assert job.fixed_budget is None


def test_post_job_fixed_price_drops_hourly_figures(client_user):
    job = services.post_job(
        client=client_user, data=_data(budget_type="fixed", fixed_budget=Decimal("600"), hourly_min=Decimal("5"))
    )
    assert job.fixed_budget == Decimal("600")
    assert job.hourly_min is None and job.hourly_max is None


def test_post_job_reuses_skills_whatever_their_case(client_user):
    first = services.post_job(client=client_user, data=_data(skills=["Django"]))
    second = services.post_job(client=client_user, data=_data(skills=["django", "DJANGO ", "Celery"]))
    assert [t.pk for t in first.skills.all()] == [t.pk for t in second.skills.filter(name__iexact="django")]
    assert sorted(second.skills.names()) == ["Celery", "Django"]


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"title": "   "}, "title"),
        ({"description": " \n\t "}, "description"),
        ({"hires_needed": 0}, "hires_needed"),
        ({"hourly_min": None}, "hourly_min"),
        ({"hourly_max": None}, "hourly_max"),
        ({"hourly_min": Decimal("80"), "hourly_max": Decimal("50")}, "hourly_max"),
        ({"hourly_min": Decimal("0.50")}, "hourly_min"),
        ({"budget_type": "fixed", "fixed_budget": None}, "fixed_budget"),
        ({"budget_type": "fixed", "fixed_budget": Decimal("1")}, "fixed_budget"),
        ({"skills": [f"skill {n}" for n in range(16)]}, "skills"),
        ({"skills": ["x" * 51]}, "skills"),
    ],
)
def test_post_job_invalid_data_raises_field_errors_and_saves_nothing(client_user, overrides, field):
    with pytest.raises(ValidationError) as exc:
        services.post_job(client=client_user, data=_data(**overrides))
    assert field in exc.value.message_dict
    assert not JobPost.objects.exists()


def test_only_clients_post_jobs():
    with pytest.raises(PermissionDenied):
        services.post_job(client=FreelancerFactory(), data=_data())


def test_unknown_fields_are_a_programming_error(client_user):
    with pytest.raises(TypeError):
        services.post_job(client=client_user, data=_data(status="closed"))


def test_update_job_by_owner_changes_only_given_fields(job):
    services.update_job(job, by=job.client, data={"title": "  New title  ", "skills": ["Python"]})
    job.refresh_from_db()
    assert job.title == "New title"
    assert job.skills.names()[0] == "Python"
    assert job.description.startswith("We need a Django developer")


def test_update_job_by_someone_else_is_refused(job):
    with pytest.raises(PermissionDenied):
        services.update_job(job, by=ClientFactory(), data={"title": "Hijacked"})
    job.refresh_from_db()
    assert job.title != "Hijacked"


def test_update_job_refuses_a_closed_job(job):
    hiring.close_job(job, by=job.client)
    with pytest.raises(services.JobStateError, match="closed, so it can no longer be edited"):
        services.update_job(job, by=job.client, data={"title": "Too late"})


def test_update_job_validates_like_posting(job):
    with pytest.raises(ValidationError) as exc:
        services.update_job(job, by=job.client, data={"hourly_min": Decimal("90"), "hourly_max": Decimal("10")})
    assert "hourly_max" in exc.value.message_dict


def test_record_applicants_view_sets_last_viewed_for_the_client_only(job, staff):
    assert job.client_last_viewed_at is None
    services.record_applicants_view(job, by=staff)  # moderators looking do not count
    job.refresh_from_db()
    assert job.client_last_viewed_at is None
    before = job.updated_at
    services.record_applicants_view(job, by=job.client)
    seen = job.client_last_viewed_at
    job.refresh_from_db()
    assert job.client_last_viewed_at == seen is not None
    assert job.updated_at == before  # viewing is not editing
    with pytest.raises(PermissionDenied):
        services.record_applicants_view(job, by=FreelancerFactory())


def test_stale_saves_cannot_undo_a_transition(job):
    from django_fsm import ConcurrentTransition

    stale = JobPost.objects.get(pk=job.pk)
    hiring.close_job(job, by=job.client)
    stale.title = "Edited elsewhere"
    with pytest.raises(ConcurrentTransition), transaction.atomic():
        stale.save()
    job.refresh_from_db()
    assert job.status == JobStatus.CLOSED


def test_suspended_job_is_reinstated_to_where_it_was():
    closed = JobPostFactory()
    hiring.close_job(closed, by=closed.client)
    closed.suspend(reason="Asks for payment outside the platform")
    closed.save()
    assert closed.status == JobStatus.SUSPENDED
    closed.reinstate()
    closed.save()
    assert closed.status == JobStatus.CLOSED

    open_job = JobPostFactory()
    open_job.suspend()
    open_job.save()
    open_job.reinstate()
    open_job.save()
    open_job.refresh_from_db()
    assert open_job.status == JobStatus.OPEN and open_job.suspended_from == ""


def test_hires_needed_cannot_drop_to_the_hires_already_made(job, make_application):
    # Lowering "hires needed" after a hire used to let the client hire past it.
    services.update_job(job, by=job.client, data={"hires_needed": 3})
    make_application(job, status="hired")
    make_application(job, status="hired")
    for too_few in (1, 2):
        with pytest.raises(ValidationError, match="You have hired 2 already") as refused:
            services.update_job(job, by=job.client, data={"hires_needed": too_few})
        assert "hires_needed" in refused.value.error_dict
    job.refresh_from_db()
    assert job.hires_needed == 3
    services.update_job(job, by=job.client, data={"hires_needed": 4})
