"""The third pass's held-out file (`heldout_pass3.json`, issue 15): its shape, and the figures measured on it.

The file (131 sentences) was written before any tuning of the third pass, by someone who had not read the corpus
or the paraphrases. The third pass tuned on corpus.json and `screening_model.TRAINING_FILES` only (5-fold
cross-validation, `test_classifier.py`), froze the model and the thresholds in a commit, then scored this file
once, with the rules alone and with the combined screening. These tests hold those figures as floors; nothing may
be tuned on this file (a fourth pass needs a new one). The issue's target, precision >= 0.95 and recall >= 0.90
in every category, was met by the combined screening for four categories of six: work before a contract (recall
0.73) and suspicious links (0.82) fall short (README "Screening").

The file is spent: the fourth pass read its misses and trains on it (`screening_model.TRAINING_FILES`). The rules
alone still hold their floors here (a regression floor on sentences the rules were not tuned on before the fourth
pass); the combined floors now measure a model trained on these sentences, so they only guard against a collapse,
and the overlap test checks that the file stayed out of the training data of the passes that scored it.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from marketplace import screening_model as sm
from marketplace.screening import Category, screen

HERE = Path(__file__).parent
HELDOUT = json.loads((HERE / "heldout_pass3.json").read_text(encoding="utf-8"))["sentences"]

# (precision, recall) per category as measured once, rounded down; a change that lowers one fails here.
RULES_FLOOR = {
    "contact_details": (0.91, 0.91),
    "off_platform_payment": (1.00, 0.90),
    "work_before_contract": (1.00, 0.18),
    "unpaid_work": (1.00, 0.27),
    "suspicious_link": (1.00, 0.54),
    "off_platform_contact": (0.87, 0.63),
}
COMBINED_FLOOR = {
    "contact_details": (1.00, 0.91),
    "off_platform_payment": (1.00, 1.00),
    "work_before_contract": (1.00, 0.72),
    "unpaid_work": (1.00, 0.90),
    "suspicious_link": (1.00, 0.81),
    "off_platform_contact": (1.00, 0.90),
}
TARGET = (0.95, 0.90)


def _figures(found: list[set[str]]) -> dict[str, tuple[float, float]]:
    out = {}
    for category in sm.LABELS:
        tp = sum(1 for got, s in zip(found, HELDOUT, strict=True) if category in got and category in s["categories"])
        fp = sum(
            1 for got, s in zip(found, HELDOUT, strict=True) if category in got and category not in s["categories"]
        )
        fn = sum(
            1 for got, s in zip(found, HELDOUT, strict=True) if category not in got and category in s["categories"]
        )
        out[category] = (tp / (tp + fp) if tp + fp else 1.0, tp / (tp + fn) if tp + fn else 1.0)
    return out


def _assert_floors(name: str, figures: dict[str, tuple[float, float]], floors: dict[str, tuple[float, float]]) -> None:
    print(f"\n{name} on heldout_pass3.json:", {c: f"{p:.2f}/{r:.2f}" for c, (p, r) in figures.items()})
    for category, (precision, recall) in figures.items():
        floor_precision, floor_recall = floors[category]
        assert precision >= floor_precision and recall >= floor_recall, (category, precision, recall)


def test_the_file_has_at_least_100_sentences_10_per_category_and_40_clean() -> None:
    assert len(HELDOUT) >= 100
    known = {str(c) for c in Category}
    for sentence in HELDOUT:
        assert set(sentence["categories"]) <= known, sentence
    for category in Category:
        assert sum(1 for s in HELDOUT if category in s["categories"]) >= 10, category
    assert sum(1 for s in HELDOUT if not s["categories"]) >= 40


def test_no_heldout_sentence_is_in_the_training_data() -> None:
    corpus = json.loads((HERE / "corpus.json").read_text(encoding="utf-8"))
    training = {
        sentence
        for section in corpus.values()
        if isinstance(section, dict)
        for sentences in section.values()
        for sentence in sentences
    } | set(corpus["neutral"])
    for name in sm.TRAINING_FILES[: sm.TRAINING_FILES.index("heldout_pass3.json")]:
        training |= {s["text"] for s in json.loads((HERE / name).read_text(encoding="utf-8"))["sentences"]}
    assert not {s["text"].casefold() for s in HELDOUT} & {t.casefold() for t in training}


def test_rules_alone_hold_their_floors() -> None:
    _assert_floors("rules", _figures([{str(c) for c in screen(s["text"]).categories} for s in HELDOUT]), RULES_FLOOR)


def test_combined_screening_holds_its_floors() -> None:
    classifier = sm.load_default()
    assert classifier is not None
    found = [{str(c) for c in sm.screen_combined(s["text"], classifier).categories} for s in HELDOUT]
    _assert_floors("combined", _figures(found), COMBINED_FLOOR)


@pytest.mark.parametrize("category", sm.LABELS)
def test_the_issue_target_as_measured(category: str) -> None:
    """Which categories meet the target (precision >= 0.95, recall >= 0.90) with the combined screening: the
    floors above decide it, so a better model can turn a "short" into a "met" only by raising its floor."""
    precision, recall = COMBINED_FLOOR[category]
    met = precision >= TARGET[0] and recall >= TARGET[1]
    short = {"work_before_contract", "suspicious_link"}
    assert met == (category not in short), (category, precision, recall)
