"""What the layers above do when an agency changes under them, called explicitly by this layer's services.

This layer never imports the ones above: the settings name their functions (dotted paths, loaded with
`import_string`), and the services call them inside their own transaction, so the change and its consequences
commit together or not at all.

- `AGENCY_MEMBERSHIP_ENDED`: a member left or was removed; called with `agency`, `user`, `by`. The hiring layer
  takes them out of the rooms of the agency's applications, the contracts layer off its contracts' assignments.
- `AGENCY_SUSPENDED`: a moderator suspended the agency; called with `agency`, `by`, `note`. The hiring layer
  closes its open applications.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import Any

from django.conf import settings
from django.utils.module_loading import import_string

from .models import Agency


@cache
def _load(path: str) -> Callable[..., None]:
    return import_string(path)  # type: ignore[no-any-return]


def _call(setting: str, **kwargs: Any) -> None:
    for path in getattr(settings, setting, ()):
        _load(path)(**kwargs)


def membership_ended(*, agency: Agency, user: Any, by: Any) -> None:
    _call("AGENCY_MEMBERSHIP_ENDED", agency=agency, user=user, by=by)


def agency_suspended(*, agency: Agency, by: Any, note: str) -> None:
    _call("AGENCY_SUSPENDED", agency=agency, by=by, note=note)
