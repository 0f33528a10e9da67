"""Screening-speed benchmark: `screen()` on 1,000 / 10,000 / 100,000 characters of adversarial texts.

    .venv/bin/python bench/screening.py            # best of 5 runs per size
    BENCH_RUNS=1 .venv/bin/python bench/screening.py

Pure Python (no Django, no database). Prints milliseconds per text and per 1,000 characters, so growth with the
length shows at a glance (linear: the per-1,000 figure stays flat), and the time of a fixed pure-Python loop, so
figures from different machines can be compared. Figures go in the README ("Performance").
"""

from __future__ import annotations

import os
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from marketplace import screening
from marketplace.screening import scan as scanning

RUNS = int(os.environ.get("BENCH_RUNS", "5"))
SIZES = (1_000, 10_000, 100_000)
_VOCABULARY = (
    "pay via paypal venmo zelle bank transfer outside the platform contact me on whatsapp skype telegram email "
    "gmail dot com at call text number start before contract free test sample unpaid download install link the a "
    "you we our project design logo website budget hours week hello thanks please 555 123 4567 2024 $50 10%"
)
TEXTS = {
    "ordinary job post": (
        "We are looking for an experienced Django developer to build a booking site for our clinic. You will "
        "design the data model, write tests and deploy to our servers. Please share examples of similar work and "
        "your availability for the next two months. "
    ),
    # what the issue measured: a description of repeated payment words (every sentence is a hit)
    "repeated payment words": "Please pay me via PayPal or Venmo, a bank transfer works too. ",
    "repeated contact words": "Email me at john dot smith at gmail dot com or call +1 555 123 4567, skype: john.s ",
    "random words": " ".join(random.Random(1).choices(_VOCABULARY.split(), k=40_000)),
    "one long word": "a",
    "no spaces": "pay.paypal@whatsapp,start-before+contract+free_test/bit.ly/x%20",
}


def _ms(text: str) -> float:
    best = float("inf")
    for _ in range(RUNS):
        scanning._scan.cache_clear()  # a text screened again reuses its scan
        started = time.perf_counter()
        screening.screen(text)
        best = min(best, time.perf_counter() - started)
    return best * 1000


def _python_speed() -> float:
    started = time.perf_counter()
    total = 0
    for i in range(10_000_000):
        total += i
    return time.perf_counter() - started


def main() -> None:
    print(f"Python {sys.version.split()[0]}; a 10,000,000-step Python loop takes {_python_speed():.2f} s here")
    print(f"{'text':24} " + " ".join(f"{size:>9,} ch" for size in SIZES) + "   ms per 1,000 ch at 1k / 10k / 100k")
    for name, unit in TEXTS.items():
        figures = [_ms((unit * (size // len(unit) + 1))[:size]) for size in SIZES]
        per_thousand = " / ".join(f"{ms * 1000 / size:.2f}" for ms, size in zip(figures, SIZES, strict=True))
        print(f"{name:24} " + " ".join(f"{ms:9.1f} ms" for ms in figures) + f"   {per_thousand}")


if __name__ == "__main__":
    main()
