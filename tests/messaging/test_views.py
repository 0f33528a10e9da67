import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from messaging import services
from messaging.models import Message, Notification, NotificationKind, NotificationPreference
from messaging.selectors import unread_counts
from tests.factories import ClientFactory, FreelancerFactory, JobPostFactory

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


def _badge(html: str, what: str) -> str | None:
    match = re.search(rf'aria-label="(\d+) unread {what}"', html)
    return match.group(1) if match else None


# --- access -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["inbox", "notifications", "preferences"])
def test_pages_need_a_login(client, name):
    response = client.get(reverse(f"messaging:{name}"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


def test_outsiders_get_404_for_every_room_url(client, room, client_user):
    services.post_message(room, sender=client_user, body="Private")
    client.force_login(FreelancerFactory())
    assert client.get(reverse("messaging:room", args=[room.pk])).status_code == 404
    assert client.get(reverse("messaging:room_updates", args=[room.pk]), {"after": 0}).status_code == 404
    assert client.post(reverse("messaging:send", args=[room.pk]), {"body": "Let me in"}).status_code == 404
    assert client.post(reverse("messaging:send", args=[room.pk]), {"body": "Let me in"}, **HTMX).status_code == 404
    assert Message.objects.count() == 1
    assert client.get(reverse("messaging:room", args=[room.pk + 1000])).status_code == 404


def test_anonymous_cannot_post(client, room):
    response = client.post(reverse("messaging:send", args=[room.pk]), {"body": "Hi"})
    assert response.status_code == 302
    assert not Message.objects.exists()


# --- inbox ----------------------------------------------------------------------------------------------------


def test_inbox_lists_rooms_newest_activity_first_with_last_message_and_unread_count(client, client_user):
    quiet, busy, empty = (FreelancerFactory(first_name=n, last_name="X") for n in ("Quinn", "Bea", "Emma"))
    rooms = {}
    for person in (quiet, busy, empty):
        rooms[person] = services.open_room(
            subject=JobPostFactory(client=client_user), participants=[client_user, person], title=f"Job {person}"
        )
    services.post_message(rooms[quiet], sender=quiet, body="Old message from Quinn")
    services.post_message(rooms[busy], sender=busy, body="First from Bea")
    services.post_message(rooms[busy], sender=client_user, body="My reply")
    services.post_message(rooms[busy], sender=busy, body="Second from Bea")
    services.post_message(rooms[busy], sender=busy, body="Third <i>from</i> Bea")

    client.force_login(client_user)
    response = client.get(reverse("messaging:inbox"))
    html = response.content.decode()

    entries = response.context["page"].object_list
    assert [m.room for m in entries] == [rooms[busy], rooms[quiet], rooms[empty]]
    assert [m.unread for m in entries] == [2, 1, 0]
    assert "Third &lt;i&gt;from&lt;/i&gt; Bea" in html
    assert "Old message from Quinn" in html
    assert "No messages yet." in html
    assert 'aria-label="2 unread"' in html and 'aria-label="1 unread"' in html
    assert "With Bea X" in html
    assert _badge(html, "conversations") == "2"


def test_inbox_shows_own_and_system_last_messages(client, room, client_user):
    services.post_message(room, sender=client_user, body="Sent by me")
    client.force_login(client_user)
    assert "You: Sent by me" in client.get(reverse("messaging:inbox")).content.decode()
    services.post_system_message(room, body="The offer was withdrawn.")
    html = client.get(reverse("messaging:inbox")).content.decode()
    assert "Marketplace: The offer was withdrawn." in html
    assert 'aria-label="1 unread"' in html


# --- room -----------------------------------------------------------------------------------------------------


def test_room_escapes_bodies_links_urls_and_keeps_line_breaks(client, room, client_user, freelancer):
    services.post_message(
        room, sender=client_user, body="<script>alert('x')</script>\nSee https://example.com/brief?a=1&b=2"
    )
    client.force_login(freelancer)
    response = client.get(reverse("messaging:room", args=[room.pk]))
    html = response.content.decode()

    assert response.status_code == 200
    assert response.context["room"] == room
    assert "flash-messages" not in html  # the conversation must not leak into the flash messages block
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;<br>" in html
    # External links open through the "You are leaving the marketplace" notice.
    assert (
        '<a class="external-link" href="/leaving/?to=https%3A%2F%2Fexample.com%2Fbrief%3Fa%3D1%26b%3D2" '
        'rel="nofollow">https://example.com/brief?a=1&amp;b=2</a>' in html
    )
    assert '<label for="id_body">Message</label>' in html
    assert "Send message</button>" in html


def test_opening_the_room_changes_nothing_mark_as_read_does_and_the_badges_go_down(
    client, room, client_user, freelancer
):
    first = services.post_message(room, sender=client_user, body="Hello")
    client.force_login(freelancer)
    html = client.get(reverse("messaging:inbox")).content.decode()
    assert _badge(html, "conversations") == "1"
    assert _badge(html, "notifications") == "1"

    # Opening the room (a GET: a prefetch, a crawler, a reload) writes nothing.
    html = client.get(reverse("messaging:room", args=[room.pk])).content.decode()
    assert unread_counts(freelancer) == {"notifications": 1, "messages": 1}
    read = reverse("messaging:room_read", args=[room.pk])
    assert f'hx-post="{read}" hx-trigger="load, messagesShown from:body"' in html  # the shown page posts it
    assert f'<input type="hidden" id="read-up-to" name="last_id" value="{first.pk}">' in html
    assert "Mark as read</button>" in html  # without JavaScript, a button
    assert client.get(read).status_code == 405

    # A message that arrives after the page was shown stays unread.
    services.post_message(room, sender=client_user, body="Are you there?")
    response = client.post(read, {"last_id": first.pk}, **HTMX)
    assert response.status_code == 200
    assert unread_counts(freelancer) == {"notifications": 1, "messages": 1}
    html = response.content.decode()  # the badges, out of band, so they drop on the same page
    assert '<li id="nav-messages" hx-swap-oob="true">' in html and _badge(html, "conversations") == "1"
    # The copy inside "Menu" on narrow screens drops too (its own id, a count without a label).
    assert '<li id="nav-messages-narrow" hx-swap-oob="true">' in html
    assert '<li id="nav-notifications-narrow" hx-swap-oob="true">' in html

    response = client.post(read, {"last_id": Message.objects.latest("id").pk})
    assert response.status_code == 302 and response.url == reverse("messaging:room", args=[room.pk])
    assert unread_counts(freelancer) == {"notifications": 0, "messages": 0}


@pytest.mark.parametrize("last_id", ["", "abc", "-1", "0", "1e309", "\u00b2"])
def test_mark_as_read_with_a_bad_id_marks_nothing(client, room, client_user, freelancer, last_id):
    services.post_message(room, sender=client_user, body="Hello")
    client.force_login(freelancer)
    response = client.post(reverse("messaging:room_read", args=[room.pk]), {"last_id": last_id}, **HTMX)
    assert response.status_code == 200
    assert unread_counts(freelancer)["messages"] == 1


def test_mark_as_read_is_for_participants_only(client, room, client_user):
    message = services.post_message(room, sender=client_user, body="Hello")
    client.force_login(FreelancerFactory())
    response = client.post(reverse("messaging:room_read", args=[room.pk]), {"last_id": message.pk})
    assert response.status_code == 404


def test_room_shows_the_latest_messages_and_links_to_earlier_ones(client, room, client_user):
    Message.objects.bulk_create(
        [Message(room=room, sender=client_user, body=f"Message number {i}") for i in range(105)]
    )
    client.force_login(client_user)
    response = client.get(reverse("messaging:room", args=[room.pk]))
    shown = response.context["room_messages"]
    assert len(shown) == 100 and shown[-1].body == "Message number 104"
    assert response.context["has_older"] is True
    older = client.get(reverse("messaging:room", args=[room.pk]), {"before": shown[0].pk})
    assert [m.body for m in older.context["room_messages"]] == [f"Message number {i}" for i in range(5)]
    assert "Send message" not in older.content.decode()  # reading history; the form is on the latest page


def test_send_message_without_javascript_redirects_back(client, room, client_user, freelancer):
    client.force_login(client_user)
    response = client.post(reverse("messaging:send", args=[room.pk]), {"body": "Hi Fred"})
    assert response.status_code == 302
    assert response.url == f"/messages/{room.pk}/#send-form"
    assert Message.objects.get().body == "Hi Fred"
    assert Notification.objects.get().recipient == freelancer


def test_empty_message_shows_an_error(client, room, client_user):
    client.force_login(client_user)
    response = client.post(reverse("messaging:send", args=[room.pk]), {"body": "   "})
    assert response.status_code == 400
    assert "Write a message first." in response.content.decode()
    response = client.post(reverse("messaging:send", args=[room.pk]), {"body": ""}, **HTMX)
    assert response.status_code == 200
    assert response["HX-Retarget"] == "#send-form"
    assert "Write a message first." in response.content.decode()
    assert not Message.objects.exists()


def test_htmx_send_returns_the_new_messages_and_a_fresh_form(client, room, client_user, freelancer):
    earlier = services.post_message(room, sender=freelancer, body="Earlier, seen")
    unseen = services.post_message(room, sender=freelancer, body="Arrived while typing")
    client.force_login(client_user)
    response = client.post(
        reverse("messaging:send", args=[room.pk]), {"body": "Great, thanks", "after": earlier.pk}, **HTMX
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Earlier, seen" not in html
    assert "Arrived while typing" in html and "Great, thanks" in html
    mine = Message.objects.get(body="Great, thanks")
    assert f'id="last-seen" name="after" value="{mine.pk}" hx-swap-oob="true"' in html
    assert 'id="send-form"' in html and 'hx-swap-oob="true"' in html
    assert unseen.pk < mine.pk


def test_polling_is_cheap_when_nothing_changed(client, room, client_user, freelancer, django_assert_max_num_queries):
    message = services.post_message(room, sender=client_user, body="Hello")
    client.force_login(freelancer)
    url = reverse("messaging:room_updates", args=[room.pk])
    with django_assert_max_num_queries(4):  # session, user, membership, messages
        response = client.get(url, {"after": message.pk})
    assert response.status_code == 204
    assert response.content == b""


def test_polling_returns_newer_messages_and_asks_the_page_to_mark_them_read(client, room, client_user, freelancer):
    first = services.post_message(room, sender=client_user, body="First")
    client.force_login(freelancer)
    client.post(reverse("messaging:room_read", args=[room.pk]), {"last_id": first.pk})
    second = services.post_message(room, sender=client_user, body="Second <b>bold</b>")
    assert unread_counts(freelancer)["messages"] == 1

    response = client.get(reverse("messaging:room_updates", args=[room.pk]), {"after": first.pk}, **HTMX)
    html = response.content.decode()
    assert response.status_code == 200
    assert "First" not in html
    assert "Second &lt;b&gt;bold&lt;/b&gt;" in html
    assert f'id="last-seen" name="after" value="{second.pk}" hx-swap-oob="true"' in html
    assert f'id="read-up-to" name="last_id" value="{second.pk}" hx-swap-oob="true"' in html
    assert response["HX-Trigger-After-Settle"] == "messagesShown"  # the page's read form posts the new id
    assert unread_counts(freelancer)["messages"] == 1  # polling (a GET) writes nothing

    client.post(reverse("messaging:room_read", args=[room.pk]), {"last_id": second.pk}, **HTMX)
    assert unread_counts(freelancer) == {"notifications": 0, "messages": 0}


def test_room_page_polls_with_the_last_seen_id(client, room, client_user):
    message = services.post_message(room, sender=client_user, body="Hello")
    client.force_login(client_user)
    html = client.get(reverse("messaging:room", args=[room.pk])).content.decode()
    assert f'hx-get="/messages/{room.pk}/updates/"' in html
    assert f'<input type="hidden" id="last-seen" name="after" value="{message.pk}">' in html
    assert 'hx-trigger="every 2s"' in html


# --- notifications --------------------------------------------------------------------------------------------


def _notification(user, text, minutes_ago=0, url="/contracts/1/"):
    notification = services.notify(user, NotificationKind.CONTRACT_STARTED, text=text, url=url)
    Notification.objects.filter(pk=notification.pk).update(created_at=timezone.now() - timedelta(minutes=minutes_ago))
    return notification


def test_notifications_newest_first_and_paginated(client, freelancer):
    for i in range(30):
        _notification(freelancer, f"Event {i:02d}", minutes_ago=100 - i)
    _notification(ClientFactory(), "Someone else's")
    client.force_login(freelancer)

    first = client.get(reverse("messaging:notifications"))
    texts = [n.text for n in first.context["page"].object_list]
    assert texts == [f"Event {i:02d}" for i in range(29, 4, -1)]
    second = client.get(reverse("messaging:notifications"), {"page": 2})
    assert [n.text for n in second.context["page"].object_list] == [f"Event {i:02d}" for i in range(4, -1, -1)]
    assert "Someone else" not in first.content.decode() + second.content.decode()


def test_clicking_a_notification_marks_it_read_and_goes_to_its_url(client, freelancer):
    notification = _notification(freelancer, "You were hired", url="/contracts/9/")
    client.force_login(freelancer)
    html = client.get(reverse("messaging:notifications")).content.decode()
    assert f'action="/notifications/{notification.pk}/"' in html
    assert client.get(reverse("messaging:notification_open", args=[notification.pk])).status_code == 405
    notification.refresh_from_db()
    assert notification.read_at is None  # opening by GET changes nothing

    response = client.post(reverse("messaging:notification_open", args=[notification.pk]))
    assert response.status_code == 302 and response.url == "/contracts/9/"
    notification.refresh_from_db()
    assert notification.read_at is not None


def test_a_notification_never_redirects_off_site(client, freelancer):
    notification = _notification(freelancer, "Odd", url="https://evil.example/phish")
    client.force_login(freelancer)
    response = client.post(reverse("messaging:notification_open", args=[notification.pk]))
    assert response.url == reverse("messaging:notifications")


def test_someone_elses_notification_is_404(client, freelancer):
    notification = _notification(freelancer, "Mine")
    client.force_login(ClientFactory())
    assert client.post(reverse("messaging:notification_open", args=[notification.pk])).status_code == 404
    assert client.post(reverse("messaging:notification_read", args=[notification.pk])).status_code == 404
    notification.refresh_from_db()
    assert notification.read_at is None


def test_mark_read_and_mark_all_read(client, freelancer):
    one = _notification(freelancer, "One")
    _notification(freelancer, "Two")
    _notification(freelancer, "Three")
    client.force_login(freelancer)

    response = client.post(reverse("messaging:notification_read", args=[one.pk]), {"page": "1"})
    assert response.status_code == 302 and response.url == reverse("messaging:notifications")
    assert unread_counts(freelancer)["notifications"] == 2
    html = client.get(reverse("messaging:notifications")).content.decode()
    assert "Mark all as read" in html
    assert _badge(html, "notifications") == "2"

    response = client.post(reverse("messaging:notifications_read_all"), follow=True)
    html = response.content.decode()
    assert "All notifications are marked as read." in html
    assert "Mark all as read" not in html
    assert _badge(html, "notifications") is None


def test_mark_read_needs_post(client, freelancer):
    notification = _notification(freelancer, "One")
    client.force_login(freelancer)
    assert client.get(reverse("messaging:notification_read", args=[notification.pk])).status_code == 405
    assert client.get(reverse("messaging:notifications_read_all")).status_code == 405


# --- preferences ----------------------------------------------------------------------------------------------


def test_preferences_show_defaults_and_save(client, freelancer):
    client.force_login(freelancer)
    response = client.get(reverse("messaging:preferences"))
    html = response.content.decode()
    form = response.context["form"]
    assert form["contract_started"].initial is True
    assert form["message_received"].initial is True
    assert "Email me when I accept an offer and my contract begins" in html
    assert "Email me when I receive an offer" in html
    assert "As a freelancer" in html and "As a client" not in html  # only the sections for their role

    data = {name: "on" for name, field in form.fields.items() if field.initial}
    del data["offer_received"]
    response = client.post(reverse("messaging:preferences"), data, follow=True)
    assert "Your notification settings were saved." in response.content.decode()
    assert NotificationPreference.objects.get(user=freelancer, kind="offer_received").email is False
    assert NotificationPreference.objects.get(user=freelancer, kind="contract_started").email is True
    assert response.context["form"]["offer_received"].initial is False


def test_client_sees_client_choices(client, client_user):
    client.force_login(client_user)
    html = client.get(reverse("messaging:preferences")).content.decode()
    assert "As a client" in html and "Email me when a freelancer sends a proposal to my job" in html
    assert "Email me when a candidate changes their rate or bid" in html
    form = client.get(reverse("messaging:preferences")).context["form"]
    assert form["terms_updated"].initial is False
