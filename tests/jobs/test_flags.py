"""Flags by people: on a job and on a client's profile; one open flag per target; a rate limit."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import IntegrityError
from django.urls import reverse
from django.utils import timezone

from jobs import moderation
from jobs.models import Flag, FlagReason, FlagStatus
from messaging.models import Notification
from tests.factories import ClientFactory, FlagFactory, FreelancerFactory, JobPostFactory

pytestmark = pytest.mark.django_db


def test_flag_job_creates_an_open_flag_about_the_job_and_its_client(job, freelancer):
    flag = moderation.flag_job(job, by=freelancer, reason=FlagReason.OFF_PLATFORM_PAYMENT, comment=" Wants PayPal ")

    assert flag.status == FlagStatus.OPEN
    assert (flag.reporter, flag.job, flag.user) == (freelancer, job, job.client)
    assert flag.comment == "Wants PayPal"
    assert not Notification.objects.exists()  # the flagged client is never told, let alone by whom


def test_flag_job_duplicate_is_refused_with_a_friendly_message(job, freelancer):
    moderation.flag_job(job, by=freelancer, reason=FlagReason.SPAM)

    with pytest.raises(moderation.FlagRefused) as refused:
        moderation.flag_job(job, by=freelancer, reason=FlagReason.SCAM)

    assert refused.value.code == "duplicate"
    assert "You already reported this job" in refused.value.messages[0]
    assert Flag.objects.count() == 1


def test_flag_job_again_after_a_decision_is_allowed(job, freelancer):
    first = moderation.flag_job(job, by=freelancer, reason=FlagReason.SPAM)
    first.dismiss(moderator=None, note="fine")
    first.save()

    again = moderation.flag_job(job, by=freelancer, reason=FlagReason.SPAM)

    assert again.pk != first.pk


def test_flag_job_database_refuses_a_second_open_flag_by_the_same_reporter(job, freelancer):
    FlagFactory(job=job, reporter=freelancer)

    with pytest.raises(IntegrityError):
        FlagFactory(job=job, reporter=freelancer)


def test_flag_job_by_different_people_counts_each(job):
    for _ in range(3):
        moderation.flag_job(job, by=FreelancerFactory(), reason=FlagReason.SPAM)

    assert job.flags.filter(status=FlagStatus.OPEN).count() == 3


def test_flag_job_rate_limit_counts_the_last_hour(settings, freelancer):
    settings.FLAG_RATE_LIMIT_PER_HOUR = 2
    old = FlagFactory(reporter=freelancer)
    Flag.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(hours=2))
    moderation.flag_job(JobPostFactory(), by=freelancer, reason=FlagReason.SPAM)
    moderation.flag_job(JobPostFactory(), by=freelancer, reason=FlagReason.SPAM)

    with pytest.raises(moderation.FlagRefused) as refused:
        moderation.flag_job(JobPostFactory(), by=freelancer, reason=FlagReason.SPAM)

    assert refused.value.code == "rate_limited"
    assert Flag.objects.filter(reporter=freelancer).count() == 3


def test_flag_job_own_job_is_refused(job):
    with pytest.raises(moderation.FlagRefused) as refused:
        moderation.flag_job(job, by=job.client, reason=FlagReason.SPAM)
    assert refused.value.code == "own"


@pytest.mark.parametrize(("reason", "comment", "field"), [("nonsense", "", "reason"), ("other", "  ", "comment")])
def test_flag_job_bad_input_is_refused_on_the_field(job, freelancer, reason, comment, field):
    with pytest.raises(moderation.FlagRefused) as refused:
        moderation.flag_job(job, by=freelancer, reason=reason, comment=comment)
    assert field in refused.value.message_dict


def test_flag_client_and_flag_job_are_separate_targets(job, freelancer):
    moderation.flag_job(job, by=freelancer, reason=FlagReason.SPAM)
    flag = moderation.flag_client(job.client, by=freelancer, reason=FlagReason.SCAM)

    assert (flag.job, flag.user) == (None, job.client)
    with pytest.raises(moderation.FlagRefused, match=f"You already reported {job.client}."):
        moderation.flag_client(job.client, by=freelancer, reason=FlagReason.SPAM)


def test_flag_client_refuses_a_freelancer_target(freelancer):
    with pytest.raises(moderation.FlagRefused):
        moderation.flag_client(FreelancerFactory(), by=freelancer, reason=FlagReason.SPAM)


# Pages


def test_job_page_shows_flag_button_to_others_only(client, job, freelancer):
    client.force_login(freelancer)
    assert "Flag as inappropriate" in client.get(job.get_absolute_url()).content.decode()
    client.force_login(job.client)
    assert "Flag as inappropriate" not in client.get(job.get_absolute_url()).content.decode()


def test_flag_page_post_flags_the_job_and_says_thanks(client, job, freelancer):
    client.force_login(freelancer)
    url = reverse("jobs:flag", args=[job.pk])
    assert "Asks for payment outside the platform" in client.get(url).content.decode()

    response = client.post(url, {"reason": FlagReason.OFF_PLATFORM_PAYMENT, "comment": ""}, follow=True)

    assert response.redirect_chain[-1][0] == job.get_absolute_url()
    assert "a moderator will review this job" in response.content.decode()
    assert Flag.objects.get().reporter == freelancer


def test_flag_page_second_click_says_already_reported(client, job, freelancer):
    client.force_login(freelancer)
    url = reverse("jobs:flag", args=[job.pk])
    client.post(url, {"reason": FlagReason.SPAM})

    response = client.post(url, {"reason": FlagReason.SPAM}, follow=True)

    assert "You already reported this job" in response.content.decode()
    assert "You already reported this job" in client.get(url).content.decode()
    assert Flag.objects.count() == 1


def test_flag_page_without_a_reason_shows_the_error(client, job, freelancer):
    client.force_login(freelancer)
    response = client.post(reverse("jobs:flag", args=[job.pk]), {"comment": "bad"})
    assert response.status_code == 400
    assert "Choose a reason from the list." in response.content.decode()
    assert not Flag.objects.exists()


def test_flag_page_needs_login(client, job):
    response = client.get(reverse("jobs:flag", args=[job.pk]))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_client_profile_flag_button_leads_to_the_flag_page(client, freelancer):
    target = ClientFactory()
    client.force_login(freelancer)
    profile = client.get(reverse("accounts:client_profile", args=[target.username])).content.decode()
    url = reverse("jobs:flag_client", args=[target.username])
    assert f'href="{url}"' in profile and "Flag as inappropriate" in profile

    client.post(url, {"reason": FlagReason.CONTACT_DETAILS, "comment": "Gave me a phone number"})

    flag = Flag.objects.get()
    assert (flag.user, flag.job, flag.reporter) == (target, None, freelancer)


def test_something_else_with_a_blank_comment_is_a_form_error(client, job, freelancer):
    # The service's error has no code; the view read `exc.code` and answered 500.
    client.force_login(freelancer)
    response = client.post(reverse("jobs:flag", args=[job.pk]), {"reason": FlagReason.OTHER, "comment": "  "})
    assert response.status_code == 400
    assert "tell us what is wrong in a few words" in response.content.decode()
    assert not Flag.objects.exists()
