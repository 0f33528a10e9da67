"""Reports from users: "Report message" in rooms and "Flag as inappropriate" on freelancer profiles."""

from __future__ import annotations

import pytest
from django.urls import reverse

from jobs import moderation
from jobs.models import Flag, FlagReason, FlagStatus
from messaging.models import Notification, NotificationKind
from messaging.services import post_message
from proposals.models import ApplicationStatus
from tests.factories import ClientFactory, FreelancerFactory, JobPostFactory, ModeratorFactory, build

pytestmark = pytest.mark.django_db

S = ApplicationStatus


@pytest.fixture
def room_app():
    app = build(S.ACTIVE, job=JobPostFactory())
    post_message(app.room, sender=app.job.client, body="Could you send over some examples?")
    return app


def _report(client, message, reason=FlagReason.SCAM, comment=""):
    return client.post(
        reverse("jobs:flag_message", args=[message.pk]), {"reason": reason, "comment": comment}, follow=True
    )


def test_participant_reports_a_message_from_the_room(client, room_app):
    message = room_app.room.messages.filter(sender=room_app.job.client).last()
    client.force_login(room_app.freelancer)
    page = client.get(room_app.room.get_absolute_url()).content.decode()
    assert reverse("jobs:flag_message", args=[message.pk]) in page and "Report message" in page

    response = _report(client, message, comment="asks for money first")

    assert "a moderator will review this message" in response.content.decode()
    flag = Flag.objects.get()
    assert (flag.reporter, flag.room, flag.message, flag.user) == (
        room_app.freelancer,
        room_app.room,
        message,
        room_app.job.client,
    )
    assert flag.status == FlagStatus.OPEN


def test_a_second_open_report_of_the_same_message_is_refused(client, room_app):
    message = room_app.room.messages.filter(sender=room_app.job.client).last()
    client.force_login(room_app.freelancer)
    _report(client, message)
    response = _report(client, message)
    assert "You already reported this message" in response.content.decode()
    assert Flag.objects.count() == 1


def test_nobody_reports_their_own_message_or_a_room_they_are_not_in(client, room_app):
    message = room_app.room.messages.filter(sender=room_app.job.client).last()
    client.force_login(room_app.job.client)
    assert "You can only report messages other people wrote" in _report(client, message).content.decode()
    client.force_login(FreelancerFactory())
    assert client.post(reverse("jobs:flag_message", args=[message.pk]), {"reason": FlagReason.SCAM}).status_code == 404
    assert not Flag.objects.exists()


def test_reports_are_rate_limited(client, settings):
    settings.FLAG_RATE_LIMIT_PER_HOUR = 2
    reporter = ClientFactory()
    client.force_login(reporter)
    for _ in range(2):
        freelancer = FreelancerFactory()
        client.post(reverse("jobs:flag_freelancer", args=[freelancer.username]), {"reason": FlagReason.SPAM})
    third = FreelancerFactory()
    response = client.post(
        reverse("jobs:flag_freelancer", args=[third.username]), {"reason": FlagReason.SPAM}, follow=True
    )
    assert "the most we take" in response.content.decode()
    assert Flag.objects.filter(reporter=reporter).count() == 2


def test_flag_a_freelancer_from_their_profile_once(client):
    freelancer, reporter = FreelancerFactory(), ClientFactory()
    client.force_login(reporter)
    page = client.get(freelancer.get_absolute_url()).content.decode()
    url = reverse("jobs:flag_freelancer", args=[freelancer.username])
    assert url in page and "Flag as inappropriate" in page

    client.post(url, {"reason": FlagReason.SPAM, "comment": "copies other profiles"})
    response = client.post(url, {"reason": FlagReason.SPAM}, follow=True)

    assert f"You already reported {freelancer}." in response.content.decode()
    flag = Flag.objects.get()
    assert (flag.user, flag.reporter, flag.job, flag.room) == (freelancer, reporter, None, None)


def test_flag_a_two_role_person_once_whichever_profile_it_comes_from(client):
    person, reporter = FreelancerFactory(is_client=True), FreelancerFactory()
    client.force_login(reporter)
    client.post(reverse("jobs:flag_client", args=[person.username]), {"reason": FlagReason.SCAM})

    page = client.get(reverse("jobs:flag_freelancer", args=[person.username])).content.decode()
    response = client.post(
        reverse("jobs:flag_freelancer", args=[person.username]), {"reason": FlagReason.SPAM}, follow=True
    )

    assert f"You already reported {person}. A moderator will look at it." in page
    assert f"You already reported {person}. A moderator will look at it." in response.content.decode()
    assert "this freelancer" not in response.content.decode()
    assert Flag.objects.filter(reporter=reporter, user=person).count() == 1


def test_reporter_is_never_shown_to_the_reported_person_and_told_once(client, room_app):
    message = room_app.room.messages.filter(sender=room_app.job.client).last()
    client.force_login(room_app.freelancer)
    _report(client, message)
    moderation.warn_room_sender(room_app.room, by=ModeratorFactory())

    warning = Notification.objects.get(recipient=room_app.job.client, kind=NotificationKind.MODERATOR_WARNING)
    assert room_app.freelancer.username not in warning.text
    told = Notification.objects.filter(recipient=room_app.freelancer, kind=NotificationKind.REPORT_REVIEWED)
    assert told.count() == 1 and "took action" in told.get().text
