"""The hiring layer's part of the room page: sending a message through the screening (`moderation`)."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_POST

from messaging import views as messaging_views

from . import moderation


@login_required
@require_POST
def send_message(request: HttpRequest, pk: int) -> HttpResponse:
    """The room's "Send message" form; hiring rooms screen the words before a contract exists."""
    return messaging_views.send_with(request, pk, post=moderation.post_room_message)
