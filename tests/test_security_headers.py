"""Security headers: a strict Content-Security-Policy (no inline script or style anywhere), a Permissions-Policy,
and `Cache-Control: private, no-store` on every page a signed-in person sees."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse

from messaging.services import open_room
from tests.factories import ClientFactory, FreelancerFactory, JobPostFactory

pytestmark = pytest.mark.django_db

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
INLINE = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>|<style\b|\sstyle=|\son[a-z]+=", re.IGNORECASE)


def _policy(response) -> dict[str, str]:
    return dict(part.strip().split(" ", 1) for part in response["Content-Security-Policy"].split(";") if part.strip())


@pytest.mark.parametrize("url", ["/", "/accounts/login/", "/admin/login/"])
def test_every_page_sends_a_strict_content_security_policy(client, url):
    policy = _policy(client.get(url))
    assert policy["default-src"] == "'self'"
    assert policy["script-src"] == "'self'" and policy["style-src"] == "'self'"  # no 'unsafe-inline', no eval
    assert policy["object-src"] == "'none'" and policy["frame-ancestors"] == "'none'"
    assert policy["form-action"] == "'self'" and policy["base-uri"] == "'self'"


def test_no_page_template_has_inline_script_style_or_event_handlers():
    """What the policy refuses must not be written: emails (not served under the policy) aside."""
    found = [
        f"{path.relative_to(TEMPLATES)}: {match.group().strip()}"
        for path in TEMPLATES.rglob("*.html")
        if "emails" not in path.parts
        for match in INLINE.finditer(path.read_text())
    ]
    assert found == []


def test_the_room_script_is_a_static_file(client):
    carla, fred = ClientFactory(), FreelancerFactory()
    room = open_room(subject=JobPostFactory(client=carla), participants=[carla, fred], title="Booking website")
    client.force_login(fred)
    html = client.get(reverse("messaging:room", args=[room.pk])).content.decode()
    assert '<script src="/static/js/room.js" defer></script>' in html
    assert finders.find("js/room.js")


def test_permissions_policy_turns_off_unused_browser_features(client):
    header = client.get("/")["Permissions-Policy"]
    for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert f"{feature}=()" in header


@pytest.mark.parametrize(
    "url", [reverse("messaging:inbox"), reverse("accounts:profile_edit"), reverse("jobs:list"), "/"]
)
def test_signed_in_pages_are_private_and_not_stored(client, url):
    client.force_login(FreelancerFactory())
    response = client.get(url)
    directives = {d.strip() for d in response["Cache-Control"].split(",")}
    assert {"private", "no-store"} <= directives


def test_anonymous_public_pages_may_be_cached(client):
    response = client.get(reverse("jobs:list"))
    assert "no-store" not in response.get("Cache-Control", "")
