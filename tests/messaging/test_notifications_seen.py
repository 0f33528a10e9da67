"""Viewing /notifications/ marks what was shown as read: the page posts the ids it listed back (htmx on load),
since a GET changes nothing by itself; "Mark all as read" still marks everything."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from messaging import services
from messaging.models import Notification, NotificationKind
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _notes(user, n: int) -> list[Notification]:
    return [services.notify(user, NotificationKind.OFFER_RECEIVED, text=f"Offer {i}", url="/") for i in range(n)]


def test_the_page_posts_back_what_it_showed_and_those_become_read(client, freelancer):
    shown = _notes(freelancer, 3)
    client.force_login(freelancer)
    page = client.get(reverse("messaging:notifications")).content.decode()
    assert Notification.objects.filter(read_at__isnull=True).count() == 3  # the GET itself changes nothing
    match = re.search(r'hx-post="([^"]+)" hx-trigger="load" hx-vals=\'\{"ids": "([\d,]+)"\}\'', page)
    assert match and match.group(1) == reverse("messaging:notifications_seen")
    assert sorted(int(i) for i in match.group(2).split(",")) == sorted(n.pk for n in shown)

    response = client.post(match.group(1), {"ids": match.group(2)}, HTTP_HX_REQUEST="true")
    assert response.status_code == 204
    assert not Notification.objects.filter(read_at__isnull=True).exists()
    assert 'hx-trigger="load"' not in client.get(reverse("messaging:notifications")).content.decode()


def test_only_your_own_notifications_are_marked(client, freelancer):
    other = UserFactory()
    [theirs] = _notes(other, 1)
    [mine] = _notes(freelancer, 1)
    client.force_login(freelancer)
    response = client.post(reverse("messaging:notifications_seen"), {"ids": f"{theirs.pk},{mine.pk},x"})
    assert response.status_code == 302
    theirs.refresh_from_db()
    mine.refresh_from_db()
    assert theirs.read_at is None and mine.read_at is not None
    assert client.get(reverse("messaging:notifications_seen")).status_code == 405


def test_mark_all_as_read_still_marks_the_rest(client, freelancer):
    _notes(freelancer, 3)
    client.force_login(freelancer)
    client.post(reverse("messaging:notifications_read_all"))
    assert not Notification.objects.filter(recipient=freelancer, read_at__isnull=True).exists()
