"""Job posts the screening holds for review: hidden from freelancers, "under review" for their client."""

from __future__ import annotations

import pytest
from django.urls import reverse

from jobs import moderation, selectors, services
from jobs.models import BudgetType, Flag, FlagReason, ModerationAction
from jobs.moderation import decisions_for_job
from tests.factories import ModeratorFactory

pytestmark = pytest.mark.django_db

RISKY = "Build my shop. Payment via PayPal friends and family only, outside the platform to avoid fees."


def _data(**overrides) -> dict:
    return {
        "title": "Online shop",
        "description": "A Django shop with a catalogue and a cart.",
        "budget_type": BudgetType.FIXED,
        "fixed_budget": 500,
        **overrides,
    }


def test_post_job_clean_text_is_published(client_user):
    job = services.post_job(client=client_user, data=_data())
    assert not job.held_for_review
    assert not Flag.objects.exists()
    assert list(selectors.searchable_jobs()) == [job]


def test_post_job_asking_for_off_platform_payment_is_held_with_a_system_flag(client_user):
    job = services.post_job(client=client_user, data=_data(description=RISKY))

    assert job.held_for_review
    assert list(selectors.searchable_jobs()) == []
    flag = Flag.objects.get()
    assert (flag.reporter, flag.job, flag.user) == (None, job, client_user)
    assert flag.reason == FlagReason.OFF_PLATFORM_PAYMENT
    assert flag.hit_count == len(flag.hits) > 0
    assert all(hit["category"] != "contact_details" for hit in flag.hits)
    assert "«" in flag.snippet and "PayPal" in flag.snippet
    assert decisions_for_job(job).get().action == ModerationAction.HOLD_JOB


def test_post_job_asking_for_free_work_is_held(client_user):
    text = "Before we hire, complete an unpaid test task: build the whole checkout page for free."
    job = services.post_job(client=client_user, data=_data(description=text))
    assert job.held_for_review
    assert Flag.objects.get().reason == FlagReason.UNPAID_WORK


def test_update_job_with_risky_text_holds_it(job):
    services.update_job(job, by=job.client, data={"description": RISKY})
    assert job.held_for_review
    assert Flag.objects.filter(job=job, reporter__isnull=True).count() == 1


def test_held_job_page_says_under_review_to_its_client_and_is_hidden_from_others(client, client_user, freelancer):
    job = services.post_job(client=client_user, data=_data(description=RISKY))
    client.force_login(client_user)
    assert "Under review" in client.get(job.get_absolute_url()).content.decode()
    assert "Under review" in client.get(reverse("jobs:mine")).content.decode()

    client.force_login(freelancer)
    assert client.get(job.get_absolute_url()).status_code == 404
    assert job.title not in client.get(reverse("jobs:list")).content.decode()


def test_post_job_view_tells_the_client_it_is_under_review(client, client_user):
    client.force_login(client_user)
    data = {
        **_data(description=RISKY),
        "category": "web",
        "experience_level": "intermediate",
        "duration": "1to3m",
        "hires_needed": 1,
        "visibility": "public",
        "skills": "Django",
    }
    response = client.post(reverse("jobs:create"), data, follow=True)
    assert "under review" in response.content.decode()


def test_dismiss_flags_on_a_held_job_publishes_it(client_user):
    job = services.post_job(client=client_user, data=_data(description=RISKY))
    moderator = ModeratorFactory()

    assert moderation.dismiss_flags(job, by=moderator, note="Escrow wording, fine") == 1

    assert not job.held_for_review
    assert list(selectors.searchable_jobs()) == [job]
    flag = Flag.objects.get()
    assert (flag.status, flag.moderator, flag.decision_note) == ("dismissed", moderator, "Escrow wording, fine")
    assert flag.decided_at is not None
