from datetime import timedelta

import pytest
from django.utils import timezone

from messaging import services, tasks
from messaging.models import EmailState, Membership, Notification, NotificationKind
from tests.factories import FreelancerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _digest_delay(settings):
    settings.MESSAGE_DIGEST_DELAY = timedelta(minutes=5)


def _age(minutes: int) -> None:
    """Pretend every message notification was written `minutes` ago."""
    Notification.objects.filter(kind=NotificationKind.MESSAGE_RECEIVED).update(
        created_at=timezone.now() - timedelta(minutes=minutes)
    )


def _digests() -> int:
    return tasks.send_message_digests.delay().get()


def test_two_messages_make_one_email_after_the_quiet_period(room, client_user, freelancer, mailoutbox, settings):
    settings.SITE_URL = "https://marketplace.example"
    services.post_message(room, sender=client_user, body="Can you start on Monday?")
    services.post_message(room, sender=client_user, body="Also: <b>bring</b> the designs\nhttps://example.com/x")

    assert _digests() == 0  # not quiet long enough yet
    assert mailoutbox == []

    _age(6)
    assert _digests() == 1
    assert len(mailoutbox) == 1
    email = mailoutbox[0]
    assert email.to == [freelancer.email]
    assert email.subject == "2 new messages in “Booking website: Fred Freelancer”"
    html = email.alternatives[0][0]
    assert "Can you start on Monday?" in email.body and "<b>bring</b> the designs" in email.body
    assert "&lt;b&gt;bring&lt;/b&gt; the designs<br>" in html
    for body in (email.body, html):
        assert f"https://marketplace.example/messages/{room.pk}/" in body
        assert "https://marketplace.example/settings/notifications/" in body
    assert set(Notification.objects.values_list("email_state", flat=True)) == {EmailState.SENT}

    assert _digests() == 0  # nothing left to send
    assert tasks.deliver_digest(freelancer.pk, room.pk) == "not claimed"
    assert len(mailoutbox) == 1


def test_no_email_when_the_recipient_read_them_meanwhile(room, client_user, freelancer, mailoutbox):
    services.post_message(room, sender=client_user, body="One")
    services.post_message(room, sender=client_user, body="Two")
    services.mark_room_read(room, user=freelancer)
    _age(6)

    assert _digests() == 0
    assert mailoutbox == []
    assert set(Notification.objects.values_list("email_state", flat=True)) == {EmailState.SKIPPED}


def test_the_digest_checks_the_read_marker_when_it_runs(room, client_user, freelancer, mailoutbox):
    services.post_message(room, sender=client_user, body="One")
    _age(6)
    # Between the beat's pass and the delivery task, the read marker moves (the notifications are untouched).
    Membership.objects.filter(room=room, user=freelancer).update(last_read_at=timezone.now())

    assert tasks.deliver_digest(freelancer.pk, room.pk) == EmailState.SKIPPED
    assert mailoutbox == []
    assert Notification.objects.get().email_last_error == "Read in the app before the email was due."


def test_only_unread_messages_are_listed(room, client_user, freelancer, mailoutbox):
    first = services.post_message(room, sender=client_user, body="Old news")
    services.mark_room_read(room, user=freelancer, up_to=first.created_at)
    services.post_message(room, sender=client_user, body="Fresh news")
    _age(6)

    _digests()
    assert len(mailoutbox) == 1
    assert "Fresh news" in mailoutbox[0].body and "Old news" not in mailoutbox[0].body
    assert mailoutbox[0].subject == "New message in “Booking website: Fred Freelancer”"


def test_a_new_message_restarts_the_quiet_period(room, client_user, mailoutbox):
    services.post_message(room, sender=client_user, body="One")
    _age(6)
    services.post_message(room, sender=client_user, body="Two")
    assert _digests() == 0
    assert mailoutbox == []


def test_one_digest_per_room_and_recipient(room, client_user, freelancer, mailoutbox):
    other = FreelancerFactory()
    services.open_room(subject=other, participants=[client_user, other], title="Another room")
    other_room = other_room_for(client_user, exclude=room)
    services.post_message(room, sender=client_user, body="Hi Fred")
    services.post_message(room, sender=freelancer, body="Hi Carla")
    services.post_message(other_room, sender=other, body="Hello from the other room")
    _age(6)

    assert _digests() == 2
    assert [m.to for m in mailoutbox] == [[client_user.email], [client_user.email]]
    assert {m.subject for m in mailoutbox} == {
        "New message in “Booking website: Fred Freelancer”",
        "New message in “Another room”",
    }
    # Fred's unread message from Carla was answered by Fred himself: no email to Fred.
    assert Notification.objects.get(recipient=freelancer).email_state == EmailState.SKIPPED


def other_room_for(user, *, exclude):
    return user.rooms.exclude(pk=exclude.pk).get()


def test_preference_off_skips_the_digest(room, client_user, freelancer, mailoutbox):
    services.set_preferences(freelancer, {NotificationKind.MESSAGE_RECEIVED: False})
    services.post_message(room, sender=client_user, body="One")
    _age(6)
    _digests()
    assert mailoutbox == []
    assert Notification.objects.get().email_state == EmailState.SKIPPED
    assert Notification.objects.get().read_at is None  # still shown in the app


def test_a_digest_claimed_elsewhere_is_not_sent_twice(room, client_user, freelancer, mailoutbox):
    services.post_message(room, sender=client_user, body="One")
    _age(6)
    Notification.objects.update(email_state=EmailState.SENDING, email_claimed_at=timezone.now())
    assert _digests() == 0
    assert tasks.deliver_digest(freelancer.pk, room.pk) == "not claimed"
    assert mailoutbox == []
