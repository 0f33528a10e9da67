"""Rate limits on posting (django-ratelimit): sign-up and password reset per address (and per email), messages
per person. A refusal is clear and the same whether an account exists or not."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse

from messaging import services
from messaging.models import Message
from tests.factories import ClientFactory, FreelancerFactory, JobPostFactory

pytestmark = pytest.mark.django_db

ELSEWHERE = {"REMOTE_ADDR": "203.0.113.9"}


def _sign_up(client, n: int, **extra):
    data = {
        "username": f"newcomer{n}",
        "email": f"newcomer{n}@example.com",
        "password1": "a-Long-enough-pass-77",
        "password2": "a-Long-enough-pass-77",
        "role": "freelancer",
    }
    response = client.post(reverse("accounts:signup"), data, **extra)
    client.post(reverse("accounts:logout"))
    return response


def test_sign_ups_from_one_address_are_limited(client, settings):
    settings.SIGNUP_RATE_LIMIT = "2/h"
    assert [_sign_up(client, n).status_code for n in range(3)] == [302, 302, 429]
    refused = _sign_up(client, 3)
    assert "Too many requests" in refused.content.decode()
    assert "Please wait a while and try again." in refused.content.decode()
    assert _sign_up(client, 4, **ELSEWHERE).status_code == 302  # another address
    assert client.get(reverse("accounts:signup")).status_code == 200  # reading the form is not limited


@pytest.mark.parametrize("existing", [True, False])
def test_password_resets_are_limited_whether_the_account_exists_or_not(client, settings, existing):
    settings.PASSWORD_RESET_RATE_LIMIT = "2/h"
    email = "someone@example.com"
    if existing:
        FreelancerFactory(email=email)
    url = reverse("accounts:password_reset")
    assert [client.post(url, {"email": email}).status_code for _ in range(3)] == [302, 302, 429]
    assert len(mail.outbox) == (2 if existing else 0)
    # The same email from another address is limited too (per email), so one inbox is not flooded.
    assert client.post(url, {"email": email}, **ELSEWHERE).status_code == 429


def test_sending_messages_too_fast_is_refused_under_the_box(client, settings):
    settings.MESSAGE_RATE_LIMIT = "3/m"
    carla, fred = ClientFactory(), FreelancerFactory()
    room = services.open_room(subject=JobPostFactory(client=carla), participants=[carla, fred], title="Job")
    client.force_login(fred)
    url = reverse("messaging:send", args=[room.pk])
    assert [client.post(url, {"body": f"Message {n}"}).status_code for n in range(3)] == [302, 302, 302]
    refused = client.post(url, {"body": "One too many"})
    assert refused.status_code == 400
    assert "You are sending messages too fast. Wait a minute, then send it again." in refused.content.decode()
    assert Message.objects.count() == 3
    client.force_login(carla)  # the limit is per person
    assert client.post(url, {"body": "Hello Fred"}).status_code == 302
