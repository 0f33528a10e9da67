"""Screening does the same work per character on 100,000 characters as on 10,000 (issue 12), counted, not timed.

The count is every Python function and builtin call `screen()` makes, regex calls included, so it does not depend
on the machine or its load. It catches work that grows with the text per hit or per word (a rescan of the text or
of a sentence through Python, a list walked per hit); work inside one regex call is not counted, which the timed
test in test_screening.py and bench/screening.py cover. Pure Python, no database.
"""

from __future__ import annotations

import random
import sys
from types import FrameType
from typing import Any

import pytest

from marketplace.screening import scan as scanning
from marketplace.screening import screen

_WORDS = "pay via paypal me the you contact whatsapp skype start before contract free test at dot gmail com 555 123"
_RANDOM = " ".join(random.Random(12).choices(_WORDS.split(), k=25_000))
UNITS = {
    "payment words": "please pay via PayPal or Venmo, bank transfer works too. ",
    "contact words": "email me at john dot smith at gmail dot com or call +1 555 123 4567, skype: john.s ",
    "random words": _RANDOM,
    "one long word": "a",
    "no spaces": "pay.paypal@whatsapp,start-before+contract",
}


def _calls(length: int, unit: str) -> int:
    text = (unit * (length // len(unit) + 1))[:length]
    scanning._scan.cache_clear()  # a text screened again reuses its scan
    calls = 0

    def count(frame: FrameType, event: str, arg: Any) -> None:
        nonlocal calls
        calls += event in ("call", "c_call")

    sys.setprofile(count)
    try:
        result = screen(text)
    finally:
        sys.setprofile(None)
    assert all(text[hit.start : hit.end] == hit.text for hit in result.hits)
    return calls


@pytest.mark.parametrize("name", list(UNITS))
def test_screening_work_per_character_does_not_grow_with_length(name: str) -> None:
    small, large = _calls(10_000, UNITS[name]), _calls(100_000, UNITS[name])
    # Ten times the text, at most ten times the calls (and a little: hits do not fall on the same offsets).
    assert large <= small * 10.5, (small, large)
