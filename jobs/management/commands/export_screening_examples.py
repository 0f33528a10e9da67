"""Export moderators' decisions on screening flags as labelled sentences for `train_screening --extra`."""

from __future__ import annotations

import json
from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand

from jobs.screening_feedback import labelled_examples

ABOUT = (
    "Labelled examples from moderators' decisions on flags with screening hits (manage.py "
    "export_screening_examples): actioned confirms the hits' categories, dismissed removes the flag's. "
    "Retrain with: manage.py train_screening --extra FILE"
)


class Command(BaseCommand):
    help = "Export decided flags with screening hits as labelled examples (JSON, the paraphrases.json format)."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--output", type=Path, help="Write to this file instead of standard output.")

    def handle(self, *args: Any, output: Path | None, **options: Any) -> None:
        sentences = [example.as_dict() for example in labelled_examples()]
        document = json.dumps({"_about": ABOUT, "sentences": sentences}, ensure_ascii=False, indent=2) + "\n"
        if output is None:
            self.stdout.write(document, ending="")
            return
        output.write_text(document, encoding="utf-8")
        self.stdout.write(f"Wrote {len(sentences)} labelled examples to {output}.")
