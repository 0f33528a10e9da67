"""Links in room messages, and the new-account message rate limit."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from messaging.services import post_message
from proposals.models import ApplicationStatus
from tests.factories import JobPostFactory, build

pytestmark = pytest.mark.django_db

S = ApplicationStatus


@pytest.fixture
def app():
    return build(S.ACTIVE, job=JobPostFactory())


def test_links_in_a_risky_message_are_text_not_links(client, app):
    post_message(app.room, sender=app.job.client, body="Download the brief from https://bit.ly/3abc and start now")
    client.force_login(app.freelancer)
    page = client.get(app.room.get_absolute_url()).content.decode()
    assert "https://bit.ly/3abc" in page
    assert 'href="https://bit.ly/3abc"' not in page
    assert "leaving/?to=https%3A%2F%2Fbit.ly" not in page


def test_other_external_links_open_through_the_notice_page(client, app):
    post_message(app.room, sender=app.job.client, body="Our docs: https://docs.example.org/guide?a=1&b=2")
    client.force_login(app.freelancer)
    page = client.get(app.room.get_absolute_url()).content.decode()
    notice = reverse("messaging:leaving") + "?to=https%3A%2F%2Fdocs.example.org%2Fguide%3Fa%3D1%26b%3D2"
    assert notice.replace("&", "&amp;") in page or notice in page
    assert 'href="https://docs.example.org' not in page

    leaving = client.get(notice).content.decode()
    assert "You are leaving the marketplace" in leaving
    assert 'href="https://docs.example.org/guide?a=1&amp;b=2"' in leaving


def test_the_notice_page_links_only_to_web_addresses(client):
    page = client.get(reverse("messaging:leaving"), {"to": "javascript:alert(1)"}).content.decode()
    assert "javascript:" not in page and "can't be opened" in page


def test_a_new_account_first_messages_are_rate_limited(client, app, settings):
    settings.NEW_ACCOUNT_MESSAGES_PER_HOUR = 2
    client.force_login(app.freelancer)
    send = reverse("messaging:send", args=[app.room.pk])
    before = app.room.messages.count()
    for i in range(2):
        assert client.post(send, {"body": f"Hello {i}"}).status_code == 302
    response = client.post(send, {"body": "Third"})
    assert response.status_code == 400
    assert "New accounts can send 2 messages an hour" in response.content.decode()
    assert app.room.messages.count() == before + 2


def test_older_accounts_are_not_limited(client, app, settings):
    settings.NEW_ACCOUNT_MESSAGES_PER_HOUR = 1
    type(app.freelancer).objects.filter(pk=app.freelancer.pk).update(date_joined=timezone.now() - timedelta(days=30))
    client.force_login(app.freelancer)
    send = reverse("messaging:send", args=[app.room.pk])
    for i in range(3):
        assert client.post(send, {"body": f"Hello {i}"}).status_code == 302
