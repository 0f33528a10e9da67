"""Links from a job's pages to the hiring layer's pages for it (applicants, invitations, proposals, closing).

The jobs layer never names a higher layer's URLs: the setting `JOB_HIRING_LINKS` names a function (dotted path,
loaded with `import_string`) that returns them for a job as {"applicants", "invite", "apply", "close",
"cancel"} -> URL. Empty setting: no links (the templates leave those actions out).
"""

from __future__ import annotations

from functools import cache
from typing import Protocol, cast

from django.conf import settings
from django.urls import reverse
from django.utils.module_loading import import_string

from marketplace.accounts.models import User
from messaging.models import Message

from .models import JobPost


class JobLinks(Protocol):
    def __call__(self, job: JobPost) -> dict[str, str]: ...


@cache
def _load(path: str) -> JobLinks:
    return cast(JobLinks, import_string(path))


def hiring_links(job: JobPost) -> dict[str, str]:
    path = getattr(settings, "JOB_HIRING_LINKS", "")
    return _load(path)(job) if path else {}


def message_links(message: Message) -> dict[str, str]:
    """The jobs layer's actions on a room message (setting `MESSAGE_LINKS`): "Report message"."""
    return {"report": reverse("jobs:flag_message", args=[message.pk])}


def client_profile_links(person: User) -> dict[str, str]:
    """The jobs layer's actions on a client's profile page (setting `CLIENT_PROFILE_LINKS`)."""
    return {"flag": reverse("jobs:flag_client", args=[person.username])}
