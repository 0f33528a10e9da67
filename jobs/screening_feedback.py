"""Learning from moderators: decided flags with screening hits as labelled examples and as precision figures.

A flag with screening hits that a moderator actioned confirms its hits' categories; one they dismissed says the
screening was wrong about them. `precision_by_category()` feeds `manage.py screening_report`, and
`labelled_examples()` feeds `manage.py export_screening_examples`, whose file `train_screening --extra` reads.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from marketplace.screening import Category
from messaging.models import Message

from .models import Flag, FlagStatus

CATEGORIES: tuple[str, ...] = tuple(str(c) for c in Category)
DECIDED = (FlagStatus.ACTIONED, FlagStatus.DISMISSED)


def decided_flags_with_hits() -> QuerySet[Flag]:
    """Flags a moderator actioned or dismissed that carry screening hits, oldest decision first."""
    flags: QuerySet[Flag] = (
        Flag.objects.filter(status__in=DECIDED).exclude(hits=[]).select_related("job").order_by("decided_at", "pk")
    )
    return flags


def _categories(hits: Iterable[dict[str, Any]]) -> frozenset[str]:
    return frozenset(str(h.get("category")) for h in hits if str(h.get("category")) in CATEGORIES)


@dataclass(frozen=True)
class CategoryPrecision:
    category: str
    actioned: int
    dismissed: int

    @property
    def decided(self) -> int:
        return self.actioned + self.dismissed

    @property
    def precision(self) -> float | None:
        return self.actioned / self.decided if self.decided else None


def precision_by_category() -> list[CategoryPrecision]:
    """Per category, among decided flags with a hit in it: actioned / (actioned + dismissed)."""
    counts: dict[str, dict[str, int]] = {c: {"actioned": 0, "dismissed": 0} for c in CATEGORIES}
    for status, hits in decided_flags_with_hits().values_list("status", "hits"):
        for category in _categories(hits):
            counts[category][str(status)] += 1
    return [CategoryPrecision(c, counts[c]["actioned"], counts[c]["dismissed"]) for c in CATEGORIES]


@dataclass(frozen=True)
class LabelledExample:
    """A screened text and the categories it really has, by a moderator's decision on its flag."""

    text: str
    categories: tuple[str, ...]
    decision: str
    flag_id: int

    def as_dict(self) -> dict[str, object]:
        return {"text": self.text, "categories": list(self.categories), "decision": self.decision, "flag": self.flag_id}


def _label(found: frozenset[str], flagged: frozenset[str], decision: str) -> tuple[str, ...]:
    # Actioned: the hits were right. Dismissed: the flag's categories were wrong for this text; any other
    # category the screening found in it stays as found.
    return tuple(sorted(found if decision == FlagStatus.ACTIONED else found - flagged))


def _room_texts(flags: list[Flag]) -> dict[int, list[tuple[str, frozenset[str]]]]:
    """For each room flag, the screened messages it covered: posted in its room after the room's previous
    decided flag and before its own decision (a room has one open screening flag at a time)."""
    by_room: dict[int, list[Flag]] = defaultdict(list)
    for flag in flags:
        if flag.room_id is not None:
            by_room[flag.room_id].append(flag)
    covered: dict[int, list[tuple[str, frozenset[str]]]] = {}
    messages = Message.objects.filter(room_id__in=by_room).exclude(screening={}).order_by("created_at", "pk")
    screened: dict[int, list[Message]] = defaultdict(list)
    for message in messages:
        screened[message.room_id].append(message)
    for room_id, room_flags in by_room.items():
        previous = None
        for flag in room_flags:
            covered[flag.pk] = [
                (m.body, _categories(m.screening.get("hits", [])))
                for m in screened[room_id]
                if (previous is None or m.created_at > previous)
                and (flag.decided_at is None or m.created_at <= flag.decided_at)
                and (flag.message_id is None or m.pk == flag.message_id)
                and _categories(m.screening.get("hits", []))
            ]
            previous = flag.decided_at
    return covered


def labelled_examples() -> Iterator[LabelledExample]:
    """Every decided flag with screening hits as labelled texts (a room's screened messages, or the job's title
    and description); a text seen under several flags keeps its latest decision."""
    flags = list(decided_flags_with_hits())
    rooms = _room_texts(flags)
    latest: dict[str, LabelledExample] = {}
    for flag in flags:
        flagged = _categories(flag.hits)
        if flag.room_id is not None:
            texts = rooms.get(flag.pk, [])
        elif flag.job is not None:
            texts = [(f"{flag.job.title}\n\n{flag.job.description}", flagged)]
        else:
            texts = []
        for text, found in texts:
            decision = str(flag.status)
            latest[text] = LabelledExample(text, _label(found, flagged, decision), decision, flag.pk)
    yield from latest.values()
