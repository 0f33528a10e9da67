"""django-fsm-2's `ConcurrentTransitionMixin`, as every state-machine model imports it, and the refusal
every workflow raises (`ActionNotAllowed`).

At run time this is the library's class itself. For mypy it is a subclass with a typed `__init__`: django-fsm-2
4.2 decorates its `__init__` with `typing.override`, which Python 3.11 (our target) does not have, so mypy types
the decorator, that `__init__` and with it every model class built on the mixin as `Any` (`JobPost.objects` and
`JobPost(...)` would be unchecked).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django_fsm import ConcurrentTransitionMixin as _ConcurrentTransitionMixin

if TYPE_CHECKING:

    class ConcurrentTransitionMixin(_ConcurrentTransitionMixin):
        def __init__(self, *args: Any, **kwargs: Any) -> None: ...

else:
    ConcurrentTransitionMixin = _ConcurrentTransitionMixin


class ActionNotAllowed(Exception):
    """A rule of a workflow refuses the action. `message` says why, in words for the person.

    Defined here, below every app, so a lower layer's admin can report a refusal raised by a layer above it
    (a moderator's suspension refused by the hiring layer's `close_job`)."""

    def __init__(self, message: str, *, code: str = "not_allowed") -> None:
        super().__init__(message)
        self.message = message
        self.code = code


__all__ = ["ActionNotAllowed", "ConcurrentTransitionMixin"]
