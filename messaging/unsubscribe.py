"""Signed one-click unsubscribe links: every notification email carries one for its kind.

The token is the recipient's id and the notification kind, signed with the site's secret (salted, no expiry:
an old email's link still works). Anyone holding the link can switch that one kind of email off for that one
person, without logging in; that is all it can do. Mail clients POST to it (RFC 8058, the `List-Unsubscribe-Post`
header); a person who opens it gets a page with one button, so a link scanner's GET changes nothing.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core import signing
from django.urls import reverse

from .models import NotificationKind

SALT = "messaging.unsubscribe"


def make_token(user: Any, kind: str) -> str:
    return signing.dumps({"u": user.pk, "k": str(kind)}, salt=SALT, compress=True)


def read_token(token: str) -> tuple[int, str] | None:
    """(user id, kind) for a token this site signed; None for anything else."""
    try:
        data = signing.loads(token, salt=SALT)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("u"), int) or not isinstance(data.get("k"), str):
        return None
    return data["u"], data["k"]


def unsubscribe_path(user: Any, kind: str) -> str:
    return reverse("messaging:unsubscribe", args=[make_token(user, kind)])


def target(token: str) -> tuple[Any, str] | None:
    """(user, kind) a valid link is for: an active person and a notification kind; None otherwise. Reads only."""
    found = read_token(token)
    if found is None or found[1] not in NotificationKind.values:
        return None
    user = get_user_model().objects.filter(pk=found[0], is_active=True).first()
    return None if user is None else (user, found[1])
