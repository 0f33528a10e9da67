"""List pages keep a fixed number of queries whatever the amount of data."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from messaging import services
from messaging.models import NotificationKind
from tests.factories import FreelancerFactory, JobPostFactory

pytestmark = pytest.mark.django_db

# session + user, paginator count, page, participants prefetch, two navigation counts
INBOX_BUDGET = 7
# session + user, paginator count, page (with actors), two navigation counts
NOTIFICATIONS_BUDGET = 6


def _rooms(owner, n: int) -> None:
    for i in range(n):
        other = FreelancerFactory()
        room = services.open_room(
            subject=JobPostFactory(client=owner), participants=[owner, other], title=f"Conversation {i}"
        )
        services.post_message(room, sender=other, body=f"Hello number {i}")
        if i % 2:
            services.post_message(room, sender=owner, body="Reply")
        if i % 3 == 0:
            services.post_system_message(room, body="The offer was withdrawn.")


def _notifications(owner, n: int) -> None:
    actor = FreelancerFactory()
    for i in range(n):
        services.notify(owner, NotificationKind.PROPOSAL_RECEIVED, actor=actor if i % 2 else None, text=f"Event {i}")


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize("rows", [3, 60])
def test_inbox_query_budget(client, client_user, rows, django_assert_max_num_queries):
    _rooms(client_user, rows)
    client.force_login(client_user)
    with django_assert_max_num_queries(INBOX_BUDGET):
        response = client.get(reverse("messaging:inbox"))
    assert len(response.context["page"].object_list) == min(rows, 30)


@pytest.mark.parametrize("rows", [3, 60])
def test_notifications_query_budget(client, client_user, rows, django_assert_max_num_queries):
    _notifications(client_user, rows)
    client.force_login(client_user)
    with django_assert_max_num_queries(NOTIFICATIONS_BUDGET):
        response = client.get(reverse("messaging:notifications"))
    assert len(response.context["page"].object_list) == min(rows, 25)


def test_inbox_and_notifications_do_not_grow_with_the_data(client, client_user):
    client.force_login(client_user)
    _rooms(client_user, 3)
    _notifications(client_user, 3)
    small = (_queries(client, reverse("messaging:inbox")), _queries(client, reverse("messaging:notifications")))
    _rooms(client_user, 57)
    _notifications(client_user, 57)
    large = (_queries(client, reverse("messaging:inbox")), _queries(client, reverse("messaging:notifications")))
    assert small == large


@pytest.mark.parametrize("rows", [3, 60])
def test_room_query_budget(client, client_user, rows, django_assert_max_num_queries):
    other = FreelancerFactory()
    room = services.open_room(subject=JobPostFactory(client=client_user), participants=[client_user, other], title="R")
    for i in range(rows):
        services.post_message(room, sender=other if i % 2 else client_user, body=f"Message {i}")
    client.force_login(client_user)
    # session + user, membership, messages, mark read (savepoint, 3 updates, release), participants, nav counts,
    # the room's subject (the safety notices read its state)
    with django_assert_max_num_queries(13):
        response = client.get(reverse("messaging:room", args=[room.pk]))
    assert len(response.context["room_messages"]) == rows
