"""What the screening reports: categories, hits and the result of screening one text."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Category(StrEnum):
    """What a hit is about; the values match the flag reasons a moderator sees."""

    CONTACT_DETAILS = "contact_details"
    OFF_PLATFORM_PAYMENT = "off_platform_payment"
    WORK_BEFORE_CONTRACT = "work_before_contract"
    UNPAID_WORK = "unpaid_work"
    SUSPICIOUS_LINK = "suspicious_link"
    OFF_PLATFORM_CONTACT = "off_platform_contact"


RISKY_CATEGORIES: frozenset[Category] = frozenset(
    {
        Category.OFF_PLATFORM_PAYMENT,
        Category.WORK_BEFORE_CONTRACT,
        Category.UNPAID_WORK,
        Category.SUSPICIOUS_LINK,
        Category.OFF_PLATFORM_CONTACT,
    }
)


@dataclass(frozen=True, slots=True)
class Hit:
    """One finding: ``text`` is exactly ``source[start:end]``."""

    category: Category
    kind: str
    text: str
    start: int
    end: int

    def as_dict(self) -> dict[str, str | int]:
        """A JSON-friendly form, e.g. for storing the hits on a flag."""
        return {
            "category": str(self.category),
            "kind": self.kind,
            "text": self.text,
            "start": self.start,
            "end": self.end,
        }


@dataclass(frozen=True, slots=True)
class ScreeningResult:
    contact_details: tuple[Hit, ...]
    risky: tuple[Hit, ...]

    @property
    def has_contact_details(self) -> bool:
        return bool(self.contact_details)

    @property
    def is_risky(self) -> bool:
        return bool(self.risky)

    @property
    def hits(self) -> tuple[Hit, ...]:
        return tuple(sorted(self.contact_details + self.risky, key=lambda h: (h.start, h.end)))

    @property
    def categories(self) -> frozenset[Category]:
        return frozenset(h.category for h in self.hits)

    def __bool__(self) -> bool:
        return bool(self.contact_details or self.risky)
