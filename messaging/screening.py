"""The screening hook: a higher layer's policy for the words of a room message.

Messaging owns sending a message (`services.post_message`); whether the words are allowed, and what the room
shows about them, is the hiring layer's policy. The setting `MESSAGE_SCREENING` names that policy's function
(dotted path, loaded with `import_string`), so messaging never imports the layer above it. Empty: no screening.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Any, Protocol, cast

from django.conf import settings
from django.utils.module_loading import import_string

if TYPE_CHECKING:
    from .models import Message, Room


@dataclass(frozen=True)
class Screening:
    """What the policy decided about a message that may be posted (it refuses one with a ValidationError)."""

    # Stored on `Message.screening` (the room's safety notices read it).
    stored: dict[str, Any] = field(default_factory=dict)
    # Called with the new message inside the posting transaction (e.g. to queue the room for review).
    on_posted: Callable[[Message], None] | None = None


class MessageScreen(Protocol):
    def __call__(self, room: Room, *, sender: Any, body: str) -> Screening: ...


NOT_SCREENED = Screening()


@cache
def _load(path: str) -> MessageScreen:
    return cast(MessageScreen, import_string(path))


def screen_message(room: Room, *, sender: Any, body: str) -> Screening:
    """Run the configured policy on `body` (already cleaned); may raise ValidationError to refuse it."""
    path = getattr(settings, "MESSAGE_SCREENING", "")
    if not path:
        return NOT_SCREENED
    return _load(path)(room, sender=sender, body=body)
