"""Links from a room message to a higher layer's actions on it ("Report message").

The messaging layer never names a higher layer's URLs: the setting `MESSAGE_LINKS` names a function (dotted path,
loaded with `import_string`) that returns them for a message as {"report"} -> URL. Empty setting: no links.
"""

from __future__ import annotations

from functools import cache
from typing import Protocol, cast

from django.conf import settings
from django.utils.module_loading import import_string

from .models import Message


class MessageLinks(Protocol):
    def __call__(self, message: Message) -> dict[str, str]: ...


@cache
def _load(path: str) -> MessageLinks:
    return cast(MessageLinks, import_string(path))


def message_links(message: Message) -> dict[str, str]:
    path = getattr(settings, "MESSAGE_LINKS", "")
    return _load(path)(message) if path else {}
