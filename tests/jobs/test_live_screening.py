"""The screening the app runs (`jobs.screening.screen_text`): the rules alone, or with `SCREENING_CLASSIFIER` on the
rules combined with the committed classifier, on room messages and job posts alike."""

from __future__ import annotations

import pytest
from django.urls import reverse

from jobs import services
from jobs.models import BudgetType, Flag
from jobs.screening import screen_text
from marketplace.screening import model as sm
from marketplace.screening import screen
from proposals.models import ApplicationStatus
from tests.factories import JobPostFactory, build

pytestmark = pytest.mark.django_db

# A move to another messenger the rules don't know how to read, and a job scope the rules take for unpaid work
# (both from the training files, so the committed model has learnt them).
PARAPHRASE = "come to my Discord and we'll go over the details"
NEAR_MISS = "Our store offers free samples of every tea blend."


def test_the_examples_are_ones_where_the_two_screenings_differ() -> None:
    assert not screen(PARAPHRASE).is_risky and screen(NEAR_MISS).is_risky
    classifier = sm.load_default()
    assert classifier is not None
    assert {str(c) for c in sm.screen_combined(PARAPHRASE, classifier).categories} == {"off_platform_contact"}
    assert not sm.screen_combined(NEAR_MISS, classifier).categories


@pytest.mark.parametrize("on", [False, True])
def test_a_room_message_is_queued_for_review_by_the_screening_in_use(client, settings, on: bool) -> None:
    settings.SCREENING_CLASSIFIER = on
    app = build(ApplicationStatus.ACTIVE, job=JobPostFactory())
    client.force_login(app.freelancer)

    client.post(reverse("messaging:send", args=[app.room_id]), {"body": PARAPHRASE})

    flags = Flag.objects.filter(room=app.room)
    assert flags.exists() is on
    if on:
        assert [hit["category"] for hit in flags.get().hits] == ["off_platform_contact"]


@pytest.mark.parametrize("on", [False, True])
def test_a_job_post_is_held_by_the_screening_in_use(client_user, settings, on: bool) -> None:
    settings.SCREENING_CLASSIFIER = on
    data = {"title": "Tea shop", "description": NEAR_MISS, "budget_type": BudgetType.FIXED, "fixed_budget": 300}

    job = services.post_job(client=client_user, data=data)

    assert job.held_for_review is not on


def test_thresholds_come_from_the_settings(settings) -> None:
    settings.SCREENING_CLASSIFIER = True
    assert screen_text(PARAPHRASE).categories
    settings.SCREENING_THRESHOLDS = {label: 1.01 for label in sm.LABELS}  # nothing can pass
    assert not screen_text(PARAPHRASE).categories
