"""The fourth pass's held-out file (`heldout_pass4.json`, issue 15): its shape, and the figures measured on it.

The file (131 sentences: 11 positives a category, 65 clean) was committed before any tuning of the fourth pass.
The fourth pass tuned on corpus.json and the training files of that time only (5-fold cross-validation; the third
pass's held-out file was training material by then), froze the rules, the model and the thresholds in a commit,
then scored this file once, with the rules alone and with the combined screening. The issue's target, precision
>= 0.95 and recall >= 0.90 in every category, was met by the combined screening for four categories of six:
suspicious links fell short on precision (0.92: one job scope, a password-reset link on a sign-in page, was raised)
and moving off the platform on recall (0.73), so live screening stayed on the rules alone (README "Screening").

Since the fifth pass the file is **spent**: its misses were read and it is training data (`sm.TRAINING_FILES`).
So the figures below are a record, not a measurement of the current model: the rules-alone floors still hold
(the rules never saw this file before the fourth pass scored it, and a rules change that loses them fails here),
the combined floors hold trivially now that the model is trained on the file, and the overlap check covers only
the files trained on before the fourth pass scored it (`PASS4_TRAINING_FILES`).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from marketplace import screening_model as sm
from marketplace.screening import Category, screen

HERE = Path(__file__).parent
HELDOUT = json.loads((HERE / "heldout_pass4.json").read_text(encoding="utf-8"))["sentences"]

# (precision, recall) per category as measured once, rounded down; a change that lowers one fails here.
RULES_FLOOR = {
    "contact_details": (1.00, 1.00),
    "off_platform_payment": (1.00, 0.90),
    "work_before_contract": (1.00, 0.27),
    "unpaid_work": (1.00, 0.27),
    "suspicious_link": (1.00, 0.72),
    "off_platform_contact": (0.85, 0.54),
}
COMBINED_FLOOR = {
    "contact_details": (1.00, 1.00),
    "off_platform_payment": (1.00, 0.90),
    "work_before_contract": (1.00, 1.00),
    "unpaid_work": (1.00, 1.00),
    "suspicious_link": (0.91, 1.00),
    "off_platform_contact": (1.00, 0.72),
}
# The 5-fold cross-validated figures of the fourth pass's model (training data only), measured before this file was
# scored; a record (`test_classifier.py` holds the current pass's CV floors).
CV_MEASURED = {
    "contact_details": (0.98, 0.94),
    "off_platform_payment": (0.97, 0.94),
    "work_before_contract": (0.96, 0.92),
    "unpaid_work": (0.96, 0.94),
    "suspicious_link": (0.97, 0.94),
    "off_platform_contact": (0.96, 0.90),
}
TARGET = (0.95, 0.90)
# What the fourth pass trained on besides corpus.json, the files the overlap check below covers.
PASS4_TRAINING_FILES = (
    "paraphrases.json",
    "paraphrases_pass3.json",
    "heldout.json",
    "heldout_pass3.json",
    "paraphrases_pass4.json",
)
# One sentence of this file is also in paraphrases_pass4.json, found only when the file was scored: written for the
# training data from the brief's own example ("AnyDesk ... from my link"), without reading this file, it came out
# word for word the same. The model (trained on it) was kept as scored, not retrained; the rules alone, as they
# stood before the fourth pass, already find it (install_to_access), so no figure above depends on the overlap.
KNOWN_OVERLAP = {"install anydesk from my link so i can set up your workstation"}


def _figures(found: list[set[str]]) -> dict[str, tuple[float, float]]:
    out = {}
    for category in sm.LABELS:
        pairs = [(category in got, category in s["categories"]) for got, s in zip(found, HELDOUT, strict=True)]
        tp = sum(1 for got, want in pairs if got and want)
        fp = sum(1 for got, want in pairs if got and not want)
        fn = sum(1 for got, want in pairs if want and not got)
        out[category] = (tp / (tp + fp) if tp + fp else 1.0, tp / (tp + fn) if tp + fn else 1.0)
    return out


def _assert_floors(name: str, figures: dict[str, tuple[float, float]], floors: dict[str, tuple[float, float]]) -> None:
    print(f"\n{name} on heldout_pass4.json:", {c: f"{p:.2f}/{r:.2f}" for c, (p, r) in figures.items()})
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


def test_no_heldout_sentence_was_in_the_training_data_of_the_fourth_pass() -> None:
    assert "heldout_pass4.json" not in PASS4_TRAINING_FILES
    assert set(PASS4_TRAINING_FILES) < set(sm.TRAINING_FILES)
    corpus = json.loads((HERE / "corpus.json").read_text(encoding="utf-8"))
    training = {
        sentence
        for section in corpus.values()
        if isinstance(section, dict)
        for sentences in section.values()
        for sentence in sentences
    } | set(corpus["neutral"])
    for name in PASS4_TRAINING_FILES:
        training |= {s["text"] for s in json.loads((HERE / name).read_text(encoding="utf-8"))["sentences"]}
    assert {s["text"].casefold() for s in HELDOUT} & {t.casefold() for t in training} == KNOWN_OVERLAP
    assert all(screen(s["text"]).categories for s in HELDOUT if s["text"].casefold() in KNOWN_OVERLAP)


def test_rules_alone_hold_their_floors() -> None:
    _assert_floors("rules", _figures([{str(c) for c in screen(s["text"]).categories} for s in HELDOUT]), RULES_FLOOR)


def test_combined_screening_holds_its_floors() -> None:
    classifier = sm.load_default()
    assert classifier is not None
    found = [{str(c) for c in sm.screen_combined(s["text"], classifier).categories} for s in HELDOUT]
    _assert_floors("combined", _figures(found), COMBINED_FLOOR)


def test_cross_validated_figures_as_recorded_met_the_target() -> None:
    assert all(precision >= TARGET[0] and recall >= TARGET[1] for precision, recall in CV_MEASURED.values())


@pytest.mark.parametrize("category", sm.LABELS)
def test_the_issue_target_as_measured(category: str) -> None:
    """Which categories meet the target (precision >= 0.95, recall >= 0.90) with the combined screening: the
    floors above decide it, so a better model can turn a "short" into a "met" only by raising its floor."""
    precision, recall = COMBINED_FLOOR[category]
    met = precision >= TARGET[0] and recall >= TARGET[1]
    short = {"suspicious_link", "off_platform_contact"}
    assert met == (category not in short), (category, precision, recall)
