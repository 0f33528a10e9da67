"""Logins are throttled (django-axes): wrong passwords for one username from one address pause that pair, on the
site's form and the admin's alike, with one page whether or not the account exists."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from tests.factories import PASSWORD, FreelancerFactory, UserFactory

pytestmark = pytest.mark.django_db

LOGIN = reverse("accounts:login")
ADMIN_LOGIN = reverse("admin:login")
ELSEWHERE = {"REMOTE_ADDR": "203.0.113.9"}


def _log_in(client, username: str, password: str, url: str = LOGIN, **extra):
    return client.post(url, {"username": username, "password": password}, **extra)


def _logged_in(client) -> bool:
    return "_auth_user_id" in client.session


def _without_csrf_tokens(response) -> str:
    return re.sub(r"[A-Za-z0-9]{64}", "", response.content.decode())  # masked anew in every response


def _fail(client, username: str, times: int, url: str = LOGIN) -> None:
    for attempt in range(1, times + 1):
        response = _log_in(client, username, "not-the-password", url)
        # the form again with its error, until the last allowed try locks the pair
        assert response.status_code == (429 if attempt >= settings.AXES_FAILURE_LIMIT else 200)


def test_the_right_password_after_too_many_wrong_ones_is_refused(client):
    user = FreelancerFactory()
    _fail(client, user.username, settings.AXES_FAILURE_LIMIT)
    response = _log_in(client, user.username, PASSWORD)
    assert response.status_code == 429 and not _logged_in(client)
    page = response.content.decode()
    assert "Too many attempts" in page
    assert f"paused after {settings.AXES_FAILURE_LIMIT} wrong passwords in a row" in page
    assert "try again in 15 minutes" in page
    assert "Reset it by email" in page


def test_the_lockout_page_is_the_same_whether_the_account_exists_or_not(client):
    user = FreelancerFactory()
    _fail(client, user.username, settings.AXES_FAILURE_LIMIT)
    _fail(client, "nobody-by-this-name", settings.AXES_FAILURE_LIMIT)
    real = _log_in(client, user.username, "not-the-password")
    invented = _log_in(client, "nobody-by-this-name", "not-the-password")
    assert real.status_code == invented.status_code == 429
    assert _without_csrf_tokens(real) == _without_csrf_tokens(invented)


def test_the_admin_login_is_throttled_too(client):
    staff = UserFactory(is_staff=True, is_superuser=True)
    _fail(client, staff.username, settings.AXES_FAILURE_LIMIT, url=ADMIN_LOGIN)
    response = _log_in(client, staff.username, PASSWORD, url=ADMIN_LOGIN)
    assert response.status_code == 429 and not _logged_in(client)


def test_a_lock_holds_one_username_from_one_address_only(client):
    locked, other = FreelancerFactory(), FreelancerFactory()
    _fail(client, locked.username, settings.AXES_FAILURE_LIMIT)
    assert _log_in(client, other.username, PASSWORD).status_code == 302  # another account, same address
    client.post(reverse("accounts:logout"))
    assert _log_in(client, locked.username, PASSWORD, **ELSEWHERE).status_code == 302  # its owner, elsewhere


def test_a_right_password_clears_the_count(client):
    user = FreelancerFactory()
    _fail(client, user.username, settings.AXES_FAILURE_LIMIT - 1)
    assert _log_in(client, user.username, PASSWORD).status_code == 302
    client.post(reverse("accounts:logout"))
    _fail(client, user.username, settings.AXES_FAILURE_LIMIT - 1)
    assert _log_in(client, user.username, PASSWORD).status_code == 302


def test_the_lock_ends_after_the_cool_off(client):
    user = FreelancerFactory()
    _fail(client, user.username, settings.AXES_FAILURE_LIMIT)
    assert _log_in(client, user.username, PASSWORD).status_code == 429
    AccessAttempt.objects.update(attempt_time=timezone.now() - settings.AXES_COOLOFF_TIME - timedelta(seconds=1))
    assert _log_in(client, user.username, PASSWORD).status_code == 302 and _logged_in(client)
