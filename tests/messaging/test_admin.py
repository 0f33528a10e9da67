import pytest
from django.urls import reverse

from messaging import services
from messaging.models import EmailState, Notification, NotificationKind
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


def test_admin_lists_rooms_messages_and_notifications(admin_client, room, client_user):
    services.post_message(room, sender=client_user, body="Hello")
    for name in ("room", "message", "notification", "notificationpreference"):
        assert admin_client.get(reverse(f"admin:messaging_{name}_changelist")).status_code == 200
    assert admin_client.get(reverse("admin:messaging_room_change", args=[room.pk])).status_code == 200


def test_admin_can_send_failed_emails_again(admin_client, freelancer, mailoutbox):
    notification = services.notify(freelancer, NotificationKind.JOB_CLOSED, text="The job closed", url="/jobs/1/")
    Notification.objects.filter(pk=notification.pk).update(
        email_state=EmailState.FAILED, email_attempts=8, email_last_error="SMTPDataError: 554"
    )
    response = admin_client.post(
        reverse("admin:messaging_notification_changelist"),
        {"action": "retry_email", "_selected_action": [notification.pk]},
        follow=True,
    )
    assert "1 email(s) queued again." in response.content.decode()
    notification.refresh_from_db()
    assert notification.email_state == EmailState.SENT
    assert notification.email_attempts == 1
    assert len(mailoutbox) == 1


def test_moderators_see_failed_emails_and_retry_them(client, freelancer, mailoutbox):
    from django.contrib.auth.models import Group

    moderator = UserFactory(is_staff=True)
    moderator.groups.add(Group.objects.get(name="Moderators"))
    client.force_login(moderator)
    notification = services.notify(freelancer, NotificationKind.JOB_CLOSED, text="The job closed", url="/jobs/1/")
    Notification.objects.filter(pk=notification.pk).update(
        email_state=EmailState.FAILED,
        email_attempts=40,
        email_error_temporary=True,
        email_last_error="SMTPDataError: (421, b'4.3.0 Try again later')",
    )
    changelist = reverse("admin:messaging_notification_changelist")
    page = client.get(changelist, {"email_state__exact": "failed"}).content.decode()
    assert "Try again later" in page and "Retry failed emails" in page

    response = client.post(changelist, {"action": "retry_email", "_selected_action": [notification.pk]}, follow=True)

    assert "1 email(s) queued again." in response.content.decode()
    notification.refresh_from_db()
    assert notification.email_state == EmailState.SENT
    assert len(mailoutbox) == 1
    assert client.get(reverse("admin:messaging_notification_change", args=[notification.pk])).status_code == 200


def test_a_notification_page_shows_moderators_no_message_text(client, room, client_user):
    from messaging.services import post_message
    from tests.factories import ModeratorFactory

    message = post_message(room, sender=client_user, body="Private terms: 40 an hour, starting Monday")
    notification = Notification.objects.get(message=message)
    client.force_login(ModeratorFactory())

    page = client.get(reverse("admin:messaging_notification_change", args=[notification.pk])).content.decode()

    assert f"Message #{message.pk}" in page
    assert "Private terms" not in page
