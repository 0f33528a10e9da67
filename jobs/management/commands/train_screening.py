"""Train the screening classifier from the corpus and write the model file that the app loads once per process."""

from __future__ import annotations

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand

from marketplace.screening import model as screening_model


class Command(BaseCommand):
    help = (
        "Train the screening classifier from tests/screening/corpus.json and the labelled files next to it "
        "(screening.model.TRAINING_FILES), plus any --extra files of labelled sentences (e.g. from "
        "export_screening_examples). The same files give the same model."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--corpus-dir", type=Path, default=Path(settings.BASE_DIR) / "tests" / "screening")
        parser.add_argument("--output", type=Path, default=screening_model.DEFAULT_MODEL_PATH)
        parser.add_argument(
            "--extra",
            type=Path,
            action="append",
            default=[],
            help='A JSON file {"sentences": [{"text": ..., "categories": [...]}]}, e.g. moderators\' decisions '
            "from export_screening_examples. May be given more than once.",
        )

    def handle(self, *args: Any, corpus_dir: Path, output: Path, extra: list[Path], **options: Any) -> None:
        corpus = screening_model.load_json(corpus_dir / "corpus.json")
        labelled = [
            sentence
            for name in screening_model.TRAINING_FILES
            for sentence in screening_model.load_json(corpus_dir / name)["sentences"]
        ]
        for path in extra:
            labelled += screening_model.load_json(path)["sentences"]
        examples = screening_model.training_examples(corpus, labelled)
        classifier = screening_model.train(examples)
        screening_model.save(classifier, output)
        extra_note = f" ({sum(1 for _ in extra)} extra file(s))" if extra else ""
        self.stdout.write(f"Trained on {len(examples)} sentences{extra_note}; model written to {output}.")
