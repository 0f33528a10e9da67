from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from kombu.exceptions import OperationalError

from messaging import services, tasks
from messaging.models import (
    EMAIL_DEFAULTS,
    EmailState,
    Membership,
    Message,
    Notification,
    NotificationKind,
    NotificationPreference,
    Room,
)
from messaging.selectors import email_enabled, unread_counts
from tests.factories import FreelancerFactory, JobPostFactory

pytestmark = pytest.mark.django_db


def _notify_offer(recipient, actor=None):
    return services.notify(
        recipient,
        NotificationKind.OFFER_RECEIVED,
        actor=actor,
        text="Carla Client sent you an offer for “Booking website”",
        url="/proposals/7/",
        context={"job_title": "Booking website"},
    )


def test_notify_writes_one_row_and_one_email_to_the_recipient_on_commit(
    freelancer, client_user, mailoutbox, django_capture_on_commit_callbacks
):
    FreelancerFactory(email="bystander@example.com")
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        notification = _notify_offer(freelancer, actor=client_user)
        assert mailoutbox == []  # nothing leaves before the commit

    assert len(callbacks) == 1
    assert Notification.objects.count() == 1
    assert len(mailoutbox) == 1
    email = mailoutbox[0]
    assert email.to == [freelancer.email]
    assert email.subject == "You received an offer: Booking website"
    notification.refresh_from_db()
    assert notification.email_state == EmailState.SENT
    assert notification.email_attempts == 1
    assert notification.email_sent_at is not None
    assert notification.read_at is None  # in-app it is still unread


def test_rolled_back_action_sends_nothing(freelancer, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError), transaction.atomic():
        _notify_offer(freelancer)
        raise RuntimeError("the caller's action failed")
    assert Notification.objects.count() == 0
    assert mailoutbox == []


def test_preference_off_means_no_email_but_the_in_app_row_stays(
    freelancer, mailoutbox, django_capture_on_commit_callbacks
):
    services.set_preferences(freelancer, {NotificationKind.OFFER_RECEIVED: False})
    with django_capture_on_commit_callbacks(execute=True):
        notification = _notify_offer(freelancer)

    assert mailoutbox == []
    notification.refresh_from_db()
    assert notification.email_state == EmailState.SKIPPED
    assert unread_counts(freelancer)["notifications"] == 1


def test_preference_off_for_one_kind_does_not_silence_others(
    freelancer, mailoutbox, django_capture_on_commit_callbacks
):
    services.set_preferences(freelancer, {NotificationKind.JOB_CLOSED: False})
    with django_capture_on_commit_callbacks(execute=True):
        _notify_offer(freelancer)
    assert len(mailoutbox) == 1


def test_broker_down_at_commit_keeps_the_action_and_leaves_the_row_pending(
    freelancer, mailoutbox, django_capture_on_commit_callbacks, monkeypatch, caplog
):
    def broker_down(*args, **kwargs):
        raise OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    monkeypatch.setattr(tasks.deliver_notification_email, "apply_async", broker_down)
    with django_capture_on_commit_callbacks(execute=True):
        notification = _notify_offer(freelancer)

    notification.refresh_from_db()
    assert notification.email_state == EmailState.PENDING
    assert mailoutbox == []
    assert "the sweep will retry" in caplog.text


def test_email_defaults_cover_every_kind_and_contract_started_is_on(freelancer):
    assert set(EMAIL_DEFAULTS) == set(NotificationKind.values)
    assert email_enabled(freelancer, NotificationKind.CONTRACT_STARTED) is True
    assert email_enabled(freelancer, NotificationKind.MESSAGE_RECEIVED) is True


def test_set_preferences_updates_existing_choices(freelancer):
    services.set_preferences(freelancer, {"offer_received": False, "job_closed": False, "not_a_kind": False})
    services.set_preferences(freelancer, {"offer_received": True})
    assert dict(NotificationPreference.objects.filter(user=freelancer).values_list("kind", "email")) == {
        "offer_received": True,
        "job_closed": False,
    }
    assert email_enabled(freelancer, NotificationKind.JOB_CLOSED) is False


def test_open_room_is_idempotent(job, client_user, freelancer):
    first = services.open_room(subject=job, participants=[client_user, freelancer], title="A")
    second = services.open_room(subject=job, participants=[client_user, freelancer], title="B")
    assert first == second
    assert Room.objects.count() == 1
    assert Membership.objects.filter(room=first).count() == 2
    assert second.title == "A"


def test_post_message_by_a_participant(room, client_user, freelancer, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        message = services.post_message(room, sender=client_user, body="  Hello Fred!  ")

    assert message.body == "Hello Fred!"
    room.refresh_from_db()
    assert room.last_message_at == message.created_at
    assert Membership.objects.get(room=room, user=client_user).last_read_at == message.created_at
    assert Membership.objects.get(room=room, user=freelancer).last_read_at is None
    notification = Notification.objects.get()
    assert notification.recipient == freelancer
    assert notification.kind == NotificationKind.MESSAGE_RECEIVED
    assert notification.room == room and notification.message == message
    assert notification.url == f"/messages/{room.pk}/"
    # Message emails wait for the room's digest: nothing is enqueued per message.
    assert callbacks == []
    assert mailoutbox == []
    assert unread_counts(freelancer) == {"notifications": 1, "messages": 1}
    assert unread_counts(client_user) == {"notifications": 0, "messages": 0}


def test_post_message_can_leave_the_notification_to_the_calling_service(room, client_user, freelancer):
    services.post_message(room, sender=freelancer, body="I accept the invitation.", notify_others=False)
    assert not Notification.objects.exists()
    assert unread_counts(client_user) == {"notifications": 0, "messages": 1}


def test_only_participants_can_post(room):
    outsider = FreelancerFactory()
    with pytest.raises(PermissionDenied):
        services.post_message(room, sender=outsider, body="Let me in")
    assert not Message.objects.exists()


@pytest.mark.parametrize("body", ["", "   \n ", "x" * 5001])
def test_post_message_refuses_empty_or_too_long_bodies(room, client_user, body):
    with pytest.raises(ValidationError):
        services.post_message(room, sender=client_user, body=body)
    assert not Message.objects.exists()


def test_system_message_counts_as_unread_for_everyone_and_notifies_nobody(room, client_user, freelancer):
    message = services.post_system_message(room, body="The offer was withdrawn.")
    assert message.sender is None
    assert unread_counts(client_user)["messages"] == 1
    assert unread_counts(freelancer)["messages"] == 1
    assert not Notification.objects.exists()


def test_mark_room_read_clears_the_badges_and_skips_the_pending_digest(room, client_user, freelancer):
    services.post_message(room, sender=client_user, body="One")
    services.post_message(room, sender=client_user, body="Two")
    assert unread_counts(freelancer) == {"notifications": 2, "messages": 1}

    services.mark_room_read(room, user=freelancer)

    assert unread_counts(freelancer) == {"notifications": 0, "messages": 0}
    assert set(Notification.objects.values_list("email_state", flat=True)) == {EmailState.SKIPPED}


def test_mark_room_read_up_to_a_message_leaves_later_ones_unread(room, client_user, freelancer):
    first = services.post_message(room, sender=client_user, body="One")
    services.post_message(room, sender=client_user, body="Two")
    services.mark_room_read(room, user=freelancer, up_to=first.created_at)
    assert unread_counts(freelancer) == {"notifications": 1, "messages": 1}
    # It never moves the marker backwards.
    services.mark_room_read(room, user=freelancer)
    services.mark_room_read(room, user=freelancer, up_to=first.created_at - timedelta(days=1))
    assert unread_counts(freelancer) == {"notifications": 0, "messages": 0}


def test_replying_marks_the_room_read_for_the_sender(room, client_user, freelancer):
    services.post_message(room, sender=client_user, body="Hi")
    services.post_message(room, sender=freelancer, body="Hello")
    assert unread_counts(freelancer)["messages"] == 0
    assert unread_counts(client_user)["messages"] == 1


def test_mark_notification_read_and_mark_all_read(freelancer, client_user):
    first = _notify_offer(freelancer)
    _notify_offer(freelancer)
    _notify_offer(client_user)

    services.mark_notification_read(first, user=freelancer)
    assert unread_counts(freelancer)["notifications"] == 1
    with pytest.raises(PermissionDenied):
        services.mark_notification_read(first, user=client_user)

    assert services.mark_all_read(freelancer) == 1
    assert unread_counts(freelancer)["notifications"] == 0
    assert unread_counts(client_user)["notifications"] == 1


def test_unread_counts_take_two_queries(freelancer, django_assert_num_queries):
    _notify_offer(freelancer)
    with django_assert_num_queries(2):
        assert unread_counts(freelancer) == {"notifications": 1, "messages": 0}


def test_rooms_are_one_per_subject():
    job = JobPostFactory()
    room = services.open_room(subject=job, participants=[job.client], title="T")
    assert room.subject == job
    assert timezone.now() - room.created_at < timedelta(minutes=1)


def test_notify_many_writes_one_row_each_and_enqueues_them_together(django_capture_on_commit_callbacks):
    fred, maria = FreelancerFactory(), FreelancerFactory()
    with django_capture_on_commit_callbacks() as callbacks:
        rows = services.notify_many(
            NotificationKind.JOB_CLOSED,
            [services.Notice(fred.pk, text="Closed", url="/a/"), services.Notice(maria.pk, text="x" * 400)],
        )
    assert [(n.recipient_id, n.text, n.url) for n in rows] == [(fred.pk, "Closed", "/a/"), (maria.pk, "x" * 300, "")]
    assert len(callbacks) == 1
    assert services.notify_many(NotificationKind.JOB_CLOSED, []) == []
    with pytest.raises(ValueError, match="room digests"):
        services.notify_many(NotificationKind.MESSAGE_RECEIVED, [services.Notice(fred.pk, text="Hi")])


def test_post_system_messages_moves_each_room_to_its_new_message():
    rooms = [Room.objects.create(title=f"Room {i}") for i in range(2)]
    messages = services.post_system_messages([room.pk for room in rooms], body="  The job closed.  ")
    assert [m.body for m in messages] == ["The job closed.", "The job closed."]
    for room, message in zip(rooms, messages, strict=True):
        room.refresh_from_db()
        assert room.last_message_at == message.created_at
    assert services.post_system_messages([], body="Nothing") == []
