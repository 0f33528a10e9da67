"""Screening precision on moderators' decisions, per category."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from jobs.screening_feedback import precision_by_category


class Command(BaseCommand):
    help = (
        "Print, per screening category, how many decided flags with a hit in it moderators actioned and dismissed, "
        "and the precision actioned / (actioned + dismissed)."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        rows = precision_by_category()
        if not any(row.decided for row in rows):
            self.stdout.write("No decided flags with screening hits yet: nothing to report.")
            return
        self.stdout.write("Screening precision on moderators' decisions (decided flags with screening hits)")
        self.stdout.write(f"{'category':<22} {'actioned':>8} {'dismissed':>9} {'precision':>9}")
        for row in rows:
            precision = "-" if row.precision is None else f"{row.precision:.2f}"
            self.stdout.write(f"{row.category:<22} {row.actioned:>8} {row.dismissed:>9} {precision:>9}")
