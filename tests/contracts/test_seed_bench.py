"""`seed_bench` fills an empty PostgreSQL database with rows today's schema accepts and the pages read."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from jobs.models import JobPost
from marketplace.accounts.models import User
from messaging.models import Membership, Message
from proposals.models import Application, ApplicationStatus

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]


def test_seed_bench_makes_the_hot_spots_and_the_pages_read_them(client):
    out = io.StringIO()
    call_command("seed_bench", jobs=30, applications=200, freelancers=40, clients=3, stdout=out)
    assert "Seeded 30 jobs and 200 applications" in out.getvalue()
    assert JobPost.objects.count() == 30 and Application.objects.count() == 200
    assert not JobPost.objects.filter(search_vector__isnull=True).exists()
    hot_client = User.objects.get(username="bench-client-0")
    hot_freelancer = User.objects.get(username="bench-freelancer-0")
    hot_job = JobPost.objects.order_by("pk").first()
    assert hot_job.client == hot_client
    # Fewer jobs than the hot spots' 1,000: the hot job and the hot freelancer get as many as there are jobs.
    assert hot_job.applications.count() == 30
    assert Application.objects.filter(freelancer=hot_freelancer).count() == 30
    active = Application.objects.filter(status=ApplicationStatus.ACTIVE)
    assert active.exists() and not active.filter(room__isnull=True).exists()
    assert Membership.objects.count() == 2 * active.count() and Message.objects.count() == 3 * active.count()

    client.force_login(hot_client)
    new = hot_job.applications.filter(status=ApplicationStatus.SENT).count()
    applicants = client.get(reverse("hiring:applicants", args=[hot_job.pk]) + "?tab=proposals")
    assert f">New proposals ({new})</a>" in applicants.content.decode()
    client.force_login(hot_freelancer)
    assert client.get(reverse("proposals:list")).status_code == 200
    assert client.get(reverse("jobs:list") + "?q=booking").status_code == 200

    with pytest.raises(CommandError, match="already has jobs"):
        call_command("seed_bench", jobs=30, applications=200, freelancers=40, clients=3, stdout=io.StringIO())
