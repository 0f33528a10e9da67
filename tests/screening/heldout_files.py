"""What the held-out tests (`test_heldout_files.py`) do with a file: load it, check its shape, check it against the
training data, score it and hold the figures as floors. One file per pass; the figures stay in its record
(`heldout_records.py`)."""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from marketplace.screening import Category, screen
from marketplace.screening import model as sm

HERE = Path(__file__).parent
TARGET = (0.95, 0.90)  # the precision and recall, in every category
Figures = dict[str, tuple[float, float]]


def load(name: str) -> list[dict[str, Any]]:
    return json.loads((HERE / name).read_text(encoding="utf-8"))["sentences"]  # type: ignore[no-any-return]


def assert_shape(sentences: list[dict[str, Any]]) -> None:
    """At least 100 sentences, 10 positives in each category, 40 clean ones, and only known categories."""
    assert len(sentences) >= 100
    known = {str(c) for c in Category}
    for sentence in sentences:
        assert set(sentence["categories"]) <= known, sentence
    for category in Category:
        assert sum(1 for s in sentences if category in s["categories"]) >= 10, category
    assert sum(1 for s in sentences if not s["categories"]) >= 40


def training_sentences(files: Iterable[str] = ()) -> set[str]:
    """The corpus's sentences and those of the labelled `files`, casefolded."""
    corpus = json.loads((HERE / "corpus.json").read_text(encoding="utf-8"))
    texts = {
        sentence
        for section in corpus.values()
        if isinstance(section, dict)
        for sentences in section.values()
        for sentence in sentences
    } | set(corpus["neutral"])
    for name in files:
        texts |= {s["text"] for s in load(name)}
    return {text.casefold() for text in texts}


def trained_before(name: str) -> tuple[str, ...]:
    """The labelled files a held-out file was scored against: those listed before it in `TRAINING_FILES` once it is
    spent (a spent file joins the list right after the paraphrases of the pass that scored it), or all of them while
    it is not."""
    files = sm.TRAINING_FILES
    return files[: files.index(name)] if name in files else files


def overlap(sentences: list[dict[str, Any]], files: Iterable[str] = ()) -> set[str]:
    return {s["text"].casefold() for s in sentences} & training_sentences(files)


def rules_found(sentences: list[dict[str, Any]]) -> list[set[str]]:
    return [{str(c) for c in screen(s["text"]).categories} for s in sentences]


def combined_found(sentences: list[dict[str, Any]]) -> list[set[str]]:
    classifier = sm.load_default()
    assert classifier is not None
    return [{str(c) for c in sm.screen_combined(s["text"], classifier).categories} for s in sentences]


def pair_figures(pairs: Iterable[tuple[set[str], set[str]]]) -> Figures:
    """(precision, recall) per category over (found, wanted) pairs of category sets; 1.0 where nothing counts."""
    pairs = list(pairs)
    out = {}
    for category in sm.LABELS:
        tp = sum(1 for got, want in pairs if category in got and category in want)
        fp = sum(1 for got, want in pairs if category in got and category not in want)
        fn = sum(1 for got, want in pairs if category not in got and category in want)
        out[category] = (tp / (tp + fp) if tp + fp else 1.0, tp / (tp + fn) if tp + fn else 1.0)
    return out


def figures(sentences: list[dict[str, Any]], found: list[set[str]]) -> Figures:
    """(precision, recall) per category of `found` against the file's labels."""
    return pair_figures((got, set(s["categories"])) for got, s in zip(found, sentences, strict=True))


@functools.cache
def sentences(name: str) -> list[dict[str, Any]]:
    """The file's sentences, loaded once per test session."""
    return load(name)


@functools.cache
def rules_figures(name: str) -> Figures:
    """The rules' figures on the file, scored once per test session."""
    return figures(sentences(name), rules_found(sentences(name)))


@functools.cache
def combined_figures(name: str) -> Figures:
    """The combined screening's figures on the file, scored once per test session (a test that changes how it
    scores, e.g. `sm.PAIRED`, calls `combined_found` instead)."""
    return figures(sentences(name), combined_found(sentences(name)))


def assert_floors(label: str, measured: Figures, floors: Mapping[str, tuple[float, float]]) -> None:
    print(f"\n{label}:", {c: f"{p:.2f}/{r:.2f}" for c, (p, r) in measured.items()})
    for category, (precision, recall) in measured.items():
        floor_precision, floor_recall = floors[category]
        assert precision >= floor_precision and recall >= floor_recall, (category, precision, recall)


def meets_target(figure: tuple[float, float]) -> bool:
    return figure[0] >= TARGET[0] and figure[1] >= TARGET[1]
