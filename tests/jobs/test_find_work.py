"""Find work: search, filters, visibility, order and pages. These run on SQLite and on PostgreSQL."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from jobs.models import JobPost, JobStatus
from proposals import services as hiring
from tests.factories import FreelancerFactory, JobPostFactory

pytestmark = pytest.mark.django_db


def _titles(client, **params) -> list[str]:
    response = client.get(reverse("jobs:list"), params)
    assert response.status_code == 200
    return [job.title for job in response.context["page"].object_list]


def _aged(job: JobPost, hours: int) -> JobPost:
    JobPost.objects.filter(pk=job.pk).update(created_at=timezone.now() - timedelta(hours=hours))
    return job


def test_find_work_has_a_labelled_search_box_and_filters(client, db):
    page = client.get(reverse("jobs:list")).content.decode()
    assert '<search aria-label="Jobs">' in page
    for label in ("Search", "Skill", "Budget type", "Minimum budget", "Experience level", "Sort by"):
        assert f">{label}</label>" in page
    assert ">Search</button>" in page


def test_only_open_public_jobs_are_listed_newest_first(client, make_application):
    older = _aged(JobPostFactory(title="Older aquarium job"), hours=5)
    newer = _aged(JobPostFactory(title="Newer aquarium job"), hours=1)
    JobPostFactory(title="Invite-only aquarium job", visibility="invite_only")
    closed = JobPostFactory(title="Closed aquarium job")
    hiring.close_job(closed, by=closed.client)
    cancelled = JobPostFactory(title="Cancelled aquarium job")
    hiring.close_job(cancelled, by=cancelled.client, to=JobStatus.CANCELLED)
    suspended = JobPostFactory(title="Suspended aquarium job")
    suspended.suspend()
    suspended.save()
    filled = JobPostFactory(title="Filled aquarium job")
    filled.fill()
    filled.save()
    expected = [newer.title, older.title]
    assert _titles(client) == expected
    assert _titles(client, q="aquarium") == expected
    # Not even to a freelancer invited to the invite-only job: search never lists it.
    invited = FreelancerFactory()
    make_application(JobPost.objects.get(title__startswith="Invite-only"), freelancer=invited, status="invited")
    client.force_login(invited)
    assert _titles(client, q="aquarium") == expected


def test_search_finds_a_word_of_the_title_description_or_skills(client, db):
    JobPostFactory(title="Logo for a bakery", description="Warm colours, hand-drawn feel.")
    JobPostFactory(title="Mobile app", description="Members book pottery classes and pay online.")
    JobPostFactory(title="Data work", description="Weekly report.", skills=["Tableau"])
    assert _titles(client, q="bakery") == ["Logo for a bakery"]
    assert _titles(client, q="pottery") == ["Mobile app"]
    assert _titles(client, q="tableau") == ["Data work"]
    assert _titles(client, q="Pottery classes") == ["Mobile app"]
    assert _titles(client, q="submarine") == []
    assert "No open jobs match your search." in client.get(reverse("jobs:list"), {"q": "submarine"}).content.decode()


def test_filter_by_skill_ignores_case(client, db):
    JobPostFactory(title="Django job", skills=["Django", "PostgreSQL"])
    JobPostFactory(title="Flutter job", skills=["Flutter"])
    assert _titles(client, skill="django") == ["Django job"]
    assert _titles(client, skill="  FLUTTER ") == ["Flutter job"]
    assert _titles(client, skill="Cobol") == []


def test_filter_by_budget_type_experience_and_minimum_budget(client, db):
    _aged(JobPostFactory(title="Hourly 20-35", hourly_min=Decimal("20"), hourly_max=Decimal("35")), 4)
    _aged(
        JobPostFactory(
            title="Hourly 50-90", hourly_min=Decimal("50"), hourly_max=Decimal("90"), experience_level="expert"
        ),
        3,
    )
    _aged(
        JobPostFactory(
            title="Fixed 300",
            budget_type="fixed",
            hourly_min=None,
            hourly_max=None,
            fixed_budget=Decimal("300"),
            experience_level="entry",
        ),
        2,
    )
    _aged(
        JobPostFactory(
            title="Fixed 2000", budget_type="fixed", hourly_min=None, hourly_max=None, fixed_budget=Decimal("2000")
        ),
        1,
    )
    assert _titles(client, budget_type="fixed") == ["Fixed 2000", "Fixed 300"]
    assert _titles(client, budget_type="hourly") == ["Hourly 50-90", "Hourly 20-35"]
    assert _titles(client, experience_level="expert") == ["Hourly 50-90"]
    assert _titles(client, experience_level="entry", budget_type="fixed") == ["Fixed 300"]
    # Minimum budget: the top of an hourly range, or a fixed price.
    assert _titles(client, min_budget="40") == ["Fixed 2000", "Fixed 300", "Hourly 50-90"]
    assert _titles(client, min_budget="500") == ["Fixed 2000"]
    assert _titles(client, min_budget="35", budget_type="hourly") == ["Hourly 50-90", "Hourly 20-35"]


def test_bad_filter_values_show_errors_and_the_rest_still_applies(client, db):
    JobPostFactory(title="Expert job", experience_level="expert")
    JobPostFactory(title="Entry job", experience_level="entry")
    response = client.get(reverse("jobs:list"), {"min_budget": "lots", "experience_level": "expert"})
    assert response.status_code == 200
    assert "Enter an amount in dollars, like 40 or 40.50." in response.content.decode()
    assert [j.title for j in response.context["page"].object_list] == ["Expert job"]
    response = client.get(reverse("jobs:list"), {"experience_level": "guru", "page": "abc"})
    assert response.status_code == 200
    assert "Choose one of the options in the list." in response.content.decode()
    assert len(response.context["page"].object_list) == 2


def test_pages_of_20_keep_the_search_in_their_links(client, db):
    for n in range(45):
        _aged(JobPostFactory(title=f"Aquarium job {n:02d}"), hours=n)
    response = client.get(reverse("jobs:list"), {"q": "aquarium", "budget_type": "hourly"})
    page = response.context["page"]
    assert page.paginator.count == 45 and len(page.object_list) == 20
    assert page.object_list[0].title == "Aquarium job 00"
    html = response.content.decode()
    assert "Page 1 of 3" in html
    assert "?q=aquarium&amp;budget_type=hourly&amp;page=2" in html
    last = client.get(reverse("jobs:list"), {"q": "aquarium", "budget_type": "hourly", "page": 3})
    assert [j.title for j in last.context["page"].object_list] == [f"Aquarium job {n}" for n in range(40, 45)]


def test_sqlite_fallback_matches_every_word_anywhere(client, settings, db):
    """The icontains fallback, run explicitly (it is what SQLite uses; on PostgreSQL too when forced)."""
    settings.IS_POSTGRES = False
    JobPostFactory(title="Booking website", description="Apartments in Lisbon.", skills=["Django"])
    JobPostFactory(title="Booking app", description="Classes in Austin.")
    assert _titles(client, q="booking lisbon") == ["Booking website"]
    assert _titles(client, q="BOOKING django") == ["Booking website"]
    assert sorted(_titles(client, q="book")) == ["Booking app", "Booking website"]
    assert _titles(client, q='"lisbon" austin') == []
    assert sorted(_titles(client, q="   ")) == ["Booking app", "Booking website"]  # blank: no search


def test_job_cards_show_budget_skills_client_and_proposals(client, make_application):
    job = JobPostFactory(title="Card job", skills=["Django"], client__profile__location="Austin, USA")
    make_application(job, origin="proposal", status="sent")
    make_application(job, origin="proposal", status="withdrawn")
    make_application(job, origin="invitation", status="invited")
    html = client.get(reverse("jobs:list")).content.decode()
    assert "Hourly: $30.00\u2013$60.00/hr" in html
    assert '<li class="status-pill">Django</li>' in html
    assert "Payment method verified" in html and "Austin, USA" in html
    assert "Proposals: 2" in html
