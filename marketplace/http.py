"""Reading untrusted request values: where to go next, and ids typed into forms and query strings."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.http import url_has_allowed_host_and_scheme

# PostgreSQL integer columns end here; larger ids would be a database error, not "no such row".
MAX_ID = 2**31 - 1


def safe_next(request: HttpRequest, default: str) -> str:
    """The form's or query's `next` when it is a path on this site, else `default`.

    Only a leading "/" counts: anything else ("jobs", "javascript:...") would be taken by `redirect()` for a
    URL name or sent elsewhere.
    """
    target = request.POST.get("next") or request.GET.get("next") or ""
    if (
        target.startswith("/")
        and not target.startswith(("//", "/\\"))
        and "\x00" not in target
        and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=False)
    ):
        return target
    return default


def parse_id(value: object) -> int | None:
    """A positive database id from ASCII digits, or None ("²" passes `isdigit()` but makes `int()` fail)."""
    if not isinstance(value, str):
        return None
    value = value.strip()
    if not (value.isascii() and value.isdigit()) or len(value) > 10:
        return None
    number = int(value)
    return number if 0 < number <= MAX_ID else None
