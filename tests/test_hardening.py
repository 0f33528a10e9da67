"""Request input that used to reach the database or redirect() unchecked."""

from __future__ import annotations

import pytest
from django.test import RequestFactory

from marketplace.http import parse_id, safe_next
from tests.factories import FreelancerFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("method", "path", "data"),
    [
        ("get", "/freelancers/%00/", {}),
        ("get", "/jobs/", {"q": "a\x00b"}),
        ("get", "/jobs/", {"q\x00": "a"}),
        ("post", "/accounts/login/", {"username": "a\x00", "password": "x"}),
    ],
)
def test_a_nul_character_is_a_bad_request(client, method, path, data):
    # PostgreSQL text cannot hold NUL: these were 500s there, even for anonymous users.
    response = getattr(client, method)(path, data)
    assert response.status_code == 400
    assert b"NUL" in response.content


def test_a_nul_in_a_signed_in_users_message_is_a_bad_request(client):
    client.force_login(FreelancerFactory())
    assert client.post("/messages/", {"body": "hi\x00"}).status_code == 400


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("/jobs/1/", "/jobs/1/"),
        ("jobs", "/default/"),
        ("//evil.example/", "/default/"),
        ("/\\evil.example/", "/default/"),
        ("https://evil.example/", "/default/"),
        ("", "/default/"),
    ],
)
def test_safe_next_takes_only_paths_on_this_site(value, expected):
    request = RequestFactory().post("/x/", {"next": value})
    assert safe_next(request, "/default/") == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [("12", 12), (" 7 ", 7), ("²", None), ("١٢", None), ("0", None), ("-1", None), ("99999999999", None), (None, None)],
)
def test_parse_id(value, expected):
    assert parse_id(value) == expected
