"""What the layer above does when this layer's moderators take a job or a person down, and what it shows them
about a room.

This layer never imports the hiring layer: the settings name its functions (dotted paths, loaded with
`import_string`).

- `JOB_CLOSING`: closes a job with everything hanging off it, called by `moderation.suspend_job` and
  `moderation.suspend_client` inside their transaction, with `job`, `by`, `reason`, `to` (the job's new state),
  `note` and `data` (recorded on the job's activity entry); returns the job. The hiring layer's `close_job` closes
  each open application and tells each freelancer and the client.
- `USER_SUSPENDED`: a moderator suspended a person (a list of functions, called with `user`, `by`, `note` inside
  the suspension's transaction). The hiring layer closes the applications the person sent and tells each client;
  the contracts layer pauses their active contracts and tells the other side. Nobody waits on, works for or pays
  an account that can no longer answer.
- `USER_REINSTATED`: a moderator reinstated a suspended person (functions called with `user`, `by`, `note` inside
  the reinstatement's transaction). The contracts layer resumes the contracts the suspension paused, unless the
  other side is suspended too, and tells the other side. What the suspension closed (applications, jobs) stays
  closed.
- `ROOM_SUBJECTS`: the rows a room is about (the hiring layer's applications, with their job and people), listed
  on the moderators' room page in the admin. Empty setting: none listed.
"""

from __future__ import annotations

from functools import cache
from typing import Any, Protocol, cast

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import import_string

from messaging.models import Room

from .models import JobPost


class JobCloser(Protocol):
    def __call__(
        self, job: JobPost, *, by: Any, reason: str, to: str, note: str, data: dict[str, Any] | None
    ) -> JobPost: ...


class RoomSubjects(Protocol):
    def __call__(self, room: Room) -> list[Any]: ...


@cache
def _load(path: str) -> Any:
    return import_string(path)


def close_job(job: JobPost, *, by: Any, reason: str, to: str, note: str, data: dict[str, Any] | None) -> JobPost:
    path = getattr(settings, "JOB_CLOSING", "")
    if not path:  # a suspension that left applications open would strand freelancers: refuse to run without it
        raise ImproperlyConfigured("JOB_CLOSING must name the function that closes a job and its applications.")
    return cast(JobCloser, _load(path))(job, by=by, reason=reason, to=to, note=note, data=data)


def user_suspended(*, user: Any, by: Any, note: str) -> None:
    for path in getattr(settings, "USER_SUSPENDED", ()):
        _load(path)(user=user, by=by, note=note)


def user_reinstated(*, user: Any, by: Any, note: str) -> None:
    for path in getattr(settings, "USER_REINSTATED", ()):
        _load(path)(user=user, by=by, note=note)


def room_subjects(room: Room) -> list[Any]:
    path = getattr(settings, "ROOM_SUBJECTS", "")
    return cast(RoomSubjects, _load(path))(room) if path else []
