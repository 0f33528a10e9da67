"""django-fsm-2's `ConcurrentTransitionMixin`, as every state-machine model imports it.

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

__all__ = ["ConcurrentTransitionMixin"]
