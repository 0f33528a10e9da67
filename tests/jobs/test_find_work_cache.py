"""Find work's cached fragments (jobs.cards): a card changes as soon as anything it shows changes, and nothing
about one visitor reaches another through the cache."""

import html
import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from jobs import services as job_services
from jobs.models import JobPost
from marketplace.accounts.models import ClientProfile
from proposals import services as hiring
from tests.factories import FreelancerFactory, JobPostFactory, UserFactory

pytestmark = pytest.mark.django_db


def _text(client, **params) -> str:
    """The page's text as a reader sees it: tags dropped, whitespace collapsed."""
    response = client.get(reverse("jobs:list"), params)
    assert response.status_code == 200
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", response.content.decode(), flags=re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", body)).split())


def _apply(job, freelancer):
    return hiring.submit_proposal(job, by=freelancer, cover_letter="I have done this before.", hourly_rate="45")


def test_each_visitor_sees_their_own_marks_on_cached_cards(client):
    aquarium = JobPostFactory(title="Aquarium website")
    bakery = JobPostFactory(title="Bakery website")
    fred, maria = FreelancerFactory(), FreelancerFactory()
    _apply(aquarium, fred)
    _apply(bakery, maria)
    hiring.invite(bakery, fred, by=bakery.client, message="Would you like to interview?")

    first = _text(client)  # anonymous: fills the cache with both cards
    assert "Aquarium website Bakery website" not in first  # newest first
    assert "You applied" not in first and "You are invited" not in first

    client.force_login(fred)
    page = _text(client)
    assert "Aquarium website You applied" in page
    assert "Bakery website You are invited" in page
    client.force_login(maria)
    page = _text(client)
    assert "Bakery website You applied" in page
    assert "Aquarium website You" not in page
    client.logout()
    page = _text(client)
    assert "You applied" not in page and "You are invited" not in page


def test_a_cached_card_is_not_read_from_the_database_again(client):
    for i in range(3):
        JobPostFactory(title=f"Aquarium job {i}", skills=["Django", "Fishkeeping"])
    with CaptureQueriesContext(connection) as cold:
        client.get(reverse("jobs:list"))
    with CaptureQueriesContext(connection) as warm:
        page = _text(client)
    assert "Fishkeeping" in page
    assert any("taggit" in query["sql"] for query in cold.captured_queries)
    assert not any("taggit" in query["sql"] for query in warm.captured_queries)  # skills come from the cache
    assert len(warm.captured_queries) == len(cold.captured_queries) - 1


def test_editing_a_job_changes_its_cached_card(client):
    job = JobPostFactory(title="Aquarium website", description="Fish tanks.", skills=["Django"])
    assert "Aquarium website" in _text(client)
    job_services.update_job(
        job, by=job.client, data={"title": "Aquarium shop", "description": "Coral reefs.", "skills": ["Vue"]}
    )
    page = _text(client)
    assert "Aquarium shop" in page and "Coral reefs." in page and "Vue" in page
    assert "Aquarium website" not in page and "Fish tanks." not in page and "Django" not in page


def test_a_new_proposal_changes_the_count_on_the_card(client):
    job = JobPostFactory(title="Aquarium website")
    assert "Proposals: 0" in _text(client)
    _apply(job, FreelancerFactory())
    assert "Proposals: 1" in _text(client)


def test_the_clients_profile_changes_the_card(client):
    job = JobPostFactory(title="Aquarium website")
    assert "Payment method verified · Lisbon, Portugal" in _text(client)
    ClientProfile.objects.filter(user=job.client).update(payment_verified=False, location="Porto, Portugal")
    assert "Payment method not verified · Porto, Portugal" in _text(client)


def test_posted_time_is_not_cached(client):
    job = JobPostFactory(title="Aquarium website")
    assert "Posted now" in _text(client)
    JobPost.objects.filter(pk=job.pk).update(created_at=timezone.now() - timedelta(days=3, hours=1))
    assert "Posted 3 days, 1 hour ago" in _text(client)


def test_the_cached_search_form_shows_each_searchs_own_values_and_errors(client):
    JobPostFactory(title="Aquarium website")
    assert 'value="aquarium"' in client.get(reverse("jobs:list"), {"q": "aquarium"}).content.decode()
    page = client.get(reverse("jobs:list"), {"q": "bakery"}).content.decode()
    assert 'value="bakery"' in page and 'value="aquarium"' not in page
    assert "Minimum budget must be at least $0.00." in _text(client, min_budget="-5")
    assert "Minimum budget must be at least" not in _text(client, min_budget="5")


def test_a_searchs_cached_count_follows_the_listed_jobs(client):
    first = JobPostFactory(title="Aquarium website")
    JobPostFactory(title="Bakery website")
    assert "1 matching job" in _text(client, q="aquarium")
    second = JobPostFactory(title="Aquarium shop")  # posted
    assert "2 matching jobs" in _text(client, q="aquarium")
    hiring.close_job(first, by=first.client)  # closed
    assert "1 matching job" in _text(client, q="aquarium")
    bakery = JobPost.objects.get(title="Bakery website")
    job_services.update_job(bakery, by=bakery.client, data={"title": "Aquarium bakery"})  # edited into the search
    assert "2 matching jobs" in _text(client, q="aquarium")
    JobPost.objects.filter(pk=second.pk).update(held_for_review=True)  # held for review
    assert "1 matching job" in _text(client, q="aquarium")
    assert "Sort by" in _text(client, q="aquarium", sort="relevance")  # the sort does not change the count
    assert "1 matching job" in _text(client, q="aquarium", sort="relevance")


def test_a_card_for_a_client_without_a_profile(client):
    JobPostFactory(title="Aquarium website", client=UserFactory(is_client=True))
    assert "Aquarium website" in _text(client)
    assert "Payment method not verified · Proposals: 0" in _text(client)  # from the cache the second time


def test_a_free_text_search_keeps_its_cached_form_a_minute_not_hours(client, monkeypatch):
    from django.core.cache import caches

    from jobs import cards
    from jobs.views import FREE_TEXT_FORM_SECONDS

    store, kept = caches[cards.CACHE_ALIAS], {}
    real_set = store.set

    def recording_set(key, value, timeout=None, **kwargs):
        if key.startswith("fragment:jobs/partials/find_work_form.html"):
            kept[key] = timeout
        return real_set(key, value, timeout, **kwargs)

    monkeypatch.setattr(store, "set", recording_set)
    client.get(reverse("jobs:list"), {"q": "a search nobody made before"})
    client.get(reverse("jobs:list"), {"budget_type": "fixed", "sort": "newest"})

    assert sorted(kept.values()) == [FREE_TEXT_FORM_SECONDS, cards.TIMEOUT]
