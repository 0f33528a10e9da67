"""Links from a client's profile page to a higher layer's actions on it (flagging the client).

The accounts layer never names a higher layer's URLs: the setting `CLIENT_PROFILE_LINKS` names a function (dotted
path, loaded with `import_string`) that returns them for a person as {"flag"} -> URL. Empty setting: no links.
"""

from __future__ import annotations

from functools import cache
from typing import Protocol, cast

from django.conf import settings
from django.utils.module_loading import import_string

from .models import User


class ProfileLinks(Protocol):
    def __call__(self, person: User) -> dict[str, str]: ...


@cache
def _load(path: str) -> ProfileLinks:
    return cast(ProfileLinks, import_string(path))


def client_profile_links(person: User) -> dict[str, str]:
    path = getattr(settings, "CLIENT_PROFILE_LINKS", "")
    return _load(path)(person) if path else {}
