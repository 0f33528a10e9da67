"""Train the screening classifier from the corpus and write the model file that the app loads once per process."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from marketplace import screening_model


class Command(BaseCommand):
    help = "Train the screening classifier from tests/screening/corpus.json and paraphrases.json (reproducible)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--corpus-dir", type=Path, default=Path(settings.BASE_DIR) / "tests" / "screening")
        parser.add_argument("--output", type=Path, default=screening_model.DEFAULT_MODEL_PATH)
        parser.add_argument("--extra", type=Path, help="A JSON file of labelled examples (e.g. from moderators).")

    def handle(self, *args, corpus_dir: Path, output: Path, extra: Path | None, **options) -> None:
        corpus = screening_model.load_json(corpus_dir / "corpus.json")
        paraphrases = screening_model.load_json(corpus_dir / "paraphrases.json")["sentences"]
        if extra is not None:
            paraphrases = [*paraphrases, *screening_model.load_json(extra)["sentences"]]
        examples = screening_model.training_examples(corpus, paraphrases)
        classifier = screening_model.train(examples)
        screening_model.save(classifier, output)
        self.stdout.write(f"Trained on {len(examples)} sentences; model written to {output}.")
