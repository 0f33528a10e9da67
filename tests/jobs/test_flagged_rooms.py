"""Moderators read flagged rooms in the admin (read-only, every reading recorded) and act on them."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from jobs import moderation
from jobs.models import Flag, FlagStatus, ModerationAction
from marketplace.activity.models import Activity
from messaging.models import Message, Notification, NotificationKind
from messaging.services import post_message
from proposals.models import ApplicationStatus
from tests.factories import PASSWORD, JobPostFactory, ModeratorFactory, UserFactory, build

pytestmark = pytest.mark.django_db

S = ApplicationStatus
QUEUE = reverse("admin:jobs_flaggedroom_changelist")
RISKY = "Let's pay via PayPal directly, start now"
READ = "Read the conversation"


def room_url(room) -> str:
    return reverse("admin:jobs_flaggedroom_change", args=[room.pk])


def readings(room):
    return list(moderation.room_openings(room))


@pytest.fixture
def mod_client(client, moderator):
    client.force_login(moderator)
    return client


@pytest.fixture
def flagged():
    app = build(S.ACTIVE, job=JobPostFactory())
    post_message(app.room, sender=app.freelancer, body="Hello, here is my plan.")
    post_message(app.room, sender=app.freelancer, body=RISKY)
    return app


def _act(client, action: str, rooms, note: str = ""):
    data = {"action": action, "_selected_action": [str(r.pk) for r in rooms], "index": "0", "note": note}
    return client.post(QUEUE, data, follow=True)


def test_moderator_reads_a_flagged_room_with_hits_highlighted_and_the_job(mod_client, moderator, flagged):
    page = mod_client.get(room_url(flagged.room)).content.decode()
    # The page (a GET) shows the job, the applications and the flags, and writes nothing.
    assert flagged.job.title in page and str(flagged.freelancer) in page
    assert f'value="{READ}"' in page and "Hello, here is my plan." not in page
    assert readings(flagged.room) == []

    response = mod_client.post(room_url(flagged.room))

    assert response.status_code == 200
    page = response.content.decode()
    assert "Hello, here is my plan." in page
    assert '<mark class="screening-hit" title="off_platform_payment">' in page
    [opening] = readings(flagged.room)
    assert opening.actor == moderator and opening.action == moderation.OPEN_ROOM
    assert f"by {moderator}" in page


def test_every_reading_is_recorded(mod_client, flagged):
    mod_client.post(room_url(flagged.room))
    mod_client.post(room_url(flagged.room))
    assert len(readings(flagged.room)) == 2


def test_moderator_cannot_read_an_unflagged_room(mod_client):
    calm = build(S.ACTIVE, job=JobPostFactory())
    post_message(calm.room, sender=calm.freelancer, body="When can we talk about the scope?")

    for response in (
        mod_client.get(room_url(calm.room), follow=True),
        mod_client.post(room_url(calm.room), follow=True),
    ):
        assert response.redirect_chain[-1][0] == QUEUE
        assert f"No flagged room with ID “{calm.room.pk}”." in response.content.decode()
        assert "When can we talk about the scope?" not in response.content.decode()
    assert readings(calm.room) == []
    with pytest.raises(Exception, match="Only rooms with an open flag"):
        moderation.record_room_opening(calm.room, by=ModeratorFactory())


def test_a_decided_room_stays_readable(mod_client, moderator, flagged):
    moderation.dismiss_room_flags(flagged.room, by=moderator)
    assert "Hello, here is my plan." in mod_client.post(room_url(flagged.room)).content.decode()
    assert mod_client.get(QUEUE + "?queue=all").context["cl"].result_list[0].pk == flagged.room.pk


def test_moderator_cannot_post_in_the_room(mod_client, flagged):
    count = Message.objects.count()
    response = mod_client.post(room_url(flagged.room), {"body": "moderator words"})
    assert response.status_code == 200 and "moderator words" not in response.content.decode()
    assert Message.objects.count() == count
    # The participants' room page stays closed to a moderator.
    assert mod_client.get(flagged.room.get_absolute_url()).status_code == 404


def test_non_staff_user_gets_the_admin_login(client, flagged):
    client.force_login(UserFactory())
    for response in (client.get(room_url(flagged.room)), client.post(room_url(flagged.room))):
        assert response.status_code == 302 and reverse("admin:login") in response["Location"]
    assert readings(flagged.room) == []


def test_flag_and_flagged_job_pages_link_to_the_room(mod_client, flagged):
    client_app = build(S.ACTIVE, job=JobPostFactory())
    post_message(client_app.room, sender=client_app.job.client, body=RISKY)
    flag = Flag.objects.get(room=flagged.room)
    assert room_url(flagged.room) in mod_client.get(reverse("admin:jobs_flag_change", args=[flag.pk])).content.decode()
    jobs_page = mod_client.get(reverse("admin:jobs_flaggedjob_changelist")).content.decode()
    assert room_url(client_app.room) in jobs_page


def test_flagged_rooms_queue_is_ordered_by_risk(mod_client, flagged, django_assert_max_num_queries):
    worse = build(S.ACTIVE, job=JobPostFactory())
    post_message(worse.room, sender=worse.freelancer, body=RISKY + " and send the files to bit.ly/x1")
    build(S.ACTIVE, job=JobPostFactory())  # no flag: not listed

    with django_assert_max_num_queries(15):
        response = mod_client.get(QUEUE)

    assert [room.pk for room in response.context["cl"].result_list] == [worse.room.pk, flagged.room.pk]
    assert str(worse.freelancer.username) in response.content.decode()


def test_warn_the_sender_notifies_them_and_actions_the_flags(mod_client, moderator, flagged):
    response = _act(mod_client, "warn_senders", [flagged.room], note="first warning")

    assert "Senders warned in 1 room(s)." in response.content.decode()
    warnings = Notification.objects.filter(recipient=flagged.freelancer, kind=NotificationKind.MODERATOR_WARNING)
    assert [n.text for n in warnings] == [moderation.ROOM_WARNING_TEXT]
    assert Flag.objects.get(room=flagged.room).status == FlagStatus.ACTIONED
    entry = Activity.objects.get(action=ModerationAction.WARN_USER)
    assert (entry.target, entry.actor, entry.note) == (flagged.freelancer, moderator, "first warning")


def test_suspend_the_sender_stops_their_login(mod_client, moderator, flagged):
    response = _act(mod_client, "suspend_senders", [flagged.room], note="scam")

    assert (
        "Senders suspended in 1 room(s): they can no longer log in, and each is emailed why and where to appeal."
        in response.content.decode()
    )
    flagged.freelancer.refresh_from_db()
    assert not flagged.freelancer.is_active
    sender = Client()
    sender.post(reverse("accounts:login"), {"username": flagged.freelancer.username, "password": PASSWORD})
    assert "_auth_user_id" not in sender.session
    assert Flag.objects.get(room=flagged.room).status == FlagStatus.ACTIONED
    entry = Activity.objects.get(action=ModerationAction.SUSPEND_USER)
    assert (entry.target, entry.actor, entry.data) == (flagged.freelancer, moderator, {"flags_decided": 1})
    # Nothing open any more: a second try is refused with a message.
    with pytest.raises(Exception, match="has no open flag about a person"):
        moderation.suspend_room_sender(flagged.room, by=moderator)


def test_suspending_a_freelancer_sender_closes_their_other_applications_and_tells_each_client(
    mod_client, moderator, flagged
):
    elsewhere = build(S.OFFERED, freelancer=flagged.freelancer)
    invited = build(S.INVITED, freelancer=flagged.freelancer)
    untouched = build(S.ACTIVE)
    before = set(Notification.objects.values_list("pk", flat=True))

    _act(mod_client, "suspend_senders", [flagged.room], note="scam")

    for app in (flagged, elsewhere, invited):
        app.refresh_from_db()
        assert app.status == S.CLOSED
    elsewhere.offers.get().refresh_from_db()
    assert elsewhere.offers.get().status == "closed"
    untouched.refresh_from_db()
    assert untouched.status == S.ACTIVE
    name = flagged.freelancer.display_name
    told = Notification.objects.exclude(pk__in=before).filter(kind=NotificationKind.PROPOSAL_WITHDRAWN)
    assert sorted(n.recipient_id for n in told) == sorted(a.job.client_id for a in (flagged, elsewhere, invited))
    # The suspended freelancer is told once, by the suspension notice (emailed although they can't log in).
    assert list(
        Notification.objects.exclude(pk__in=before).filter(recipient=flagged.freelancer).values_list("kind", flat=True)
    ) == [NotificationKind.ACCOUNT_SUSPENDED]
    assert {n.text for n in told if n.recipient_id == elsewhere.job.client_id} == {
        f"{name}'s application for “{elsewhere.job.title}” is closed: their account was suspended by a moderator"
    }
    # The client's page says the same: the room's notice and the timeline's reason.
    client = Client()
    client.force_login(elsewhere.job.client)
    page = client.get(elsewhere.get_absolute_url()).content.decode()
    assert "The freelancer&#x27;s account was suspended by a moderator" in page
    room = client.get(elsewhere.room.get_absolute_url()).content.decode()
    assert f"{name}&#x27;s account was suspended by a moderator, so this application is closed." in room


def test_suspending_a_client_sender_suspends_their_jobs(moderator):
    app = build(S.ACTIVE, job=JobPostFactory())
    post_message(app.room, sender=app.job.client, body=RISKY)

    assert moderation.suspend_room_sender(app.room, by=moderator) == 1

    app.job.refresh_from_db()
    app.job.client.refresh_from_db()
    assert not app.job.client.is_active and app.job.status == "suspended"
    assert Activity.objects.filter(action=ModerationAction.SUSPEND_CLIENT).count() == 1


def test_staff_senders_are_not_suspended_here(moderator):
    app = build(S.ACTIVE, job=JobPostFactory())
    post_message(app.room, sender=app.freelancer, body=RISKY)
    app.freelancer.is_staff = True
    app.freelancer.save()
    with pytest.raises(Exception, match="Staff accounts"):
        moderation.suspend_room_sender(app.room, by=moderator)


def test_dismiss_the_room_flags(mod_client, flagged):
    response = _act(mod_client, "dismiss_room_flags", [flagged.room])
    assert "Flags dismissed in 1 room(s)." in response.content.decode()
    assert Flag.objects.get(room=flagged.room).status == FlagStatus.DISMISSED
    assert [r.pk for r in mod_client.get(QUEUE).context["cl"].result_list] == []
    with pytest.raises(Exception, match="has no open flags"):
        moderation.warn_room_sender(flagged.room, by=ModeratorFactory())


def test_room_actions_refuse_non_moderators(mod_client, flagged):
    with pytest.raises(Exception, match="Only moderators"):
        moderation.suspend_room_sender(flagged.room, by=flagged.job.client)
    with pytest.raises(Exception, match="Only moderators"):
        moderation.record_room_opening(flagged.room, by=flagged.job.client)
