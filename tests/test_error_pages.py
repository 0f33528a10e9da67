"""Error pages (403, 404, 410, 500) in the site's layout, in plain words; the favicon."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.test import RequestFactory
from django.views import defaults

pytestmark = pytest.mark.django_db


def _in_layout(html: str) -> None:
    assert "Skip to content" in html and 'aria-label="Main"' in html
    assert 'rel="icon"' in html and "favicon.svg" in html


def test_404_is_in_the_layout(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    _in_layout(html)
    assert "Page not found" in html


@pytest.mark.parametrize(
    ("view", "status", "words"),
    [
        (lambda r: defaults.permission_denied(r, PermissionDenied()), 403, "You can't open this page"),
        (lambda r: defaults.server_error(r), 500, "Something went wrong on our side"),
    ],
)
def test_403_and_500_are_in_the_layout(view, status, words):
    from django.contrib.auth.models import AnonymousUser

    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    response = view(request)
    assert response.status_code == status
    html = response.content.decode()
    _in_layout(html)
    assert words in html


def test_410_page_is_in_the_layout():
    from django.template.loader import render_to_string

    html = render_to_string("410.html")
    _in_layout(html)
    assert "This page is gone" in html


def test_the_favicon_is_served_as_a_static_file():
    from django.contrib.staticfiles import finders

    assert finders.find("favicon.svg")
