"""Request checks that every view would otherwise have to repeat."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.utils.cache import patch_cache_control


def _has_nul(values: object) -> bool:
    return any("\x00" in key or any("\x00" in v for v in values.getlist(key)) for key in values)  # type: ignore[attr-defined]


class RejectNulMiddleware:
    """400 for a NUL character in the path, the query string or form fields.

    PostgreSQL text cannot hold NUL, so a lookup or a saved message with one is a database error (a 500), and no
    honest browser sends it.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if "\x00" in request.path or _has_nul(request.GET) or (request.method == "POST" and _has_nul(request.POST)):
            return HttpResponseBadRequest("The request contains a NUL character.", content_type="text/plain")
        return self.get_response(request)


class PrivatePagesMiddleware:
    """`Cache-Control: private, no-store` on every response to a signed-in user (their pages hold private data: no
    shared cache or browser history keeps them), unless the view set its own Cache-Control."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and not response.has_header("Cache-Control"):
            patch_cache_control(response, private=True, no_store=True)
        return response
