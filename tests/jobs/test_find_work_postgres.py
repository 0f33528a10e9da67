"""PostgreSQL full-text search for "Find work": stemming, skills, websearch syntax and ranking."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.conf import settings
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from jobs import services
from jobs.models import JobPost
from jobs.selectors import JobSearch, find_work
from tests.factories import ClientFactory, JobPostFactory, UserFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]


def _titles(client, **params) -> list[str]:
    response = client.get(reverse("jobs:list"), params)
    assert response.status_code == 200
    return [job.title for job in response.context["page"].object_list]


def _aged(job: JobPost, hours: int) -> JobPost:
    JobPost.objects.filter(pk=job.pk).update(created_at=timezone.now() - timedelta(hours=hours))
    return job


def test_runs_on_postgresql():
    assert settings.IS_POSTGRES


def test_full_text_search_stems_words_and_searches_skills(client):
    JobPostFactory(title="Holiday rentals site", description="Guests make bookings and pay deposits online.")
    JobPostFactory(title="Sales dashboard", description="Weekly numbers.", skills=["PostgreSQL", "Metabase"])
    JobPostFactory(title="Brand identity", description="A logo and packaging for a roaster.")
    assert _titles(client, q="booking") == ["Holiday rentals site"]  # "bookings" stems to "book"
    assert _titles(client, q="paying deposit") == ["Holiday rentals site"]
    assert _titles(client, q="metabase") == ["Sales dashboard"]
    assert _titles(client, q="logo -packaging") == []  # websearch syntax: exclude a word
    assert _titles(client, q='"packaging for a roaster"') == ["Brand identity"]
    assert _titles(client, q="booking OR logo", sort="newest") == ["Brand identity", "Holiday rentals site"]


def test_search_combines_with_filters_and_hides_closed_jobs(client):
    JobPostFactory(title="Django booking", skills=["Django"], experience_level="expert")
    JobPostFactory(title="Flask booking", skills=["Flask"], experience_level="expert")
    closed = JobPostFactory(title="Closed Django booking", skills=["Django"])
    closed.close()
    closed.save()
    assert _titles(client, q="booking", skill="django") == ["Django booking"]
    assert _titles(client, q="booking", experience_level="entry") == []


def test_newest_first_by_default_best_match_on_request(client):
    _aged(JobPostFactory(title="Aquarium maintenance app", description="Schedules for aquarium cleaners."), 10)
    _aged(JobPostFactory(title="Pet shop website", description="We also sell aquarium supplies."), 1)
    assert _titles(client, q="aquarium") == ["Pet shop website", "Aquarium maintenance app"]
    assert _titles(client, q="aquarium", sort="relevance") == ["Aquarium maintenance app", "Pet shop website"]


JOB_DATA = {
    "category": "web",
    "budget_type": "hourly",
    "hourly_min": Decimal("40.00"),
    "hourly_max": Decimal("70.00"),
    "experience_level": "expert",
    "duration": "1to3m",
    "hires_needed": 1,
    "visibility": "public",
}


def test_the_services_keep_the_stored_search_document_current(client):
    carla = ClientFactory()
    job = services.post_job(
        client=carla,
        data={**JOB_DATA, "title": "Holiday rentals site", "description": "Guests pay online.", "skills": ["Stripe"]},
    )
    assert _titles(client, q="stripe") == ["Holiday rentals site"]
    services.update_job(job, by=carla, data={"title": "Tea shop site", "skills": ["Shopify"]})
    assert _titles(client, q="holiday") == [] and _titles(client, q="stripe") == []
    assert _titles(client, q="tea shopify") == ["Tea shop site"]


def test_the_search_filter_can_read_the_gin_index():
    JobPostFactory(title="Holiday rentals site")
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'job_search_vector_gin'")
        assert "USING gin (search_vector)" in cursor.fetchone()[0]
        cursor.execute("SET LOCAL enable_seqscan = off")  # a handful of rows: make the planner show its index
        where = find_work(JobSearch(query="holiday")).query.where
        assert "search_vector" in str(where)
        cursor.execute(
            "EXPLAIN SELECT id FROM jobs_jobpost WHERE search_vector @@ websearch_to_tsquery('english', 'holiday')"
        )
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "job_search_vector_gin" in plan, plan


def test_an_edit_in_the_admin_refreshes_the_stored_search_document(client):
    job = JobPostFactory(title="Holiday rentals site")
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    data = {
        "client": job.client_id,
        "title": "Tea shop site",
        "description": job.description,
        "skills": "Shopify",
        "category": job.category,
        "budget_type": job.budget_type,
        "hourly_min": "30",
        "hourly_max": "60",
        "fixed_budget": "",
        "experience_level": job.experience_level,
        "duration": job.duration,
        "hires_needed": "1",
        "visibility": job.visibility,
    }
    assert client.post(reverse("admin:jobs_jobpost_change", args=[job.pk]), data).status_code == 302
    client.logout()
    assert _titles(client, q="holiday") == []
    assert _titles(client, q="tea shopify") == ["Tea shop site"]
