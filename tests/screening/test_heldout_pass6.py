"""The sixth pass's held-out file (`heldout_pass6.json`, issue 15): its shape, and the figures measured on it.

The file (226 sentences: 24 positives a category, 82 clean, 45 of them near-misses) was committed (ad9b3c8, two
everyday clean sentences reworded in 0cd4929 because they were also training sentences) before any tuning of the
sixth pass and not opened while tuning. The sixth pass tuned on corpus.json and `screening_model.TRAINING_FILES`
only (5-fold cross-validation, `test_classifier.py`, and a leave-one-held-out-file-out estimate on the spent files,
`bench/screening_lofo.py`), froze the rules, the model and the thresholds (merged in 56a6cff), then scored this file
once, with the rules alone and with the combined screening. These tests hold those figures as floors; nothing may
be tuned on this file (a seventh pass needs a new one).

The issue's target, precision >= 0.95 and recall >= 0.90 in every category, was met by the combined screening for
three categories of six: contact details falls short on precision (0.89: two reference numbers taken for phone
numbers), work before a contract on recall (0.87: three of 24 missed) and moving off the platform on recall (0.83:
four of 24 missed). The rules alone meet it in no category; the combined screening is at least as precise as the
rules in every category and finds far more (README "Screening").

Since the seventh pass the file is **spent**: its misses were read and it is training data (`sm.TRAINING_FILES`).
So the figures below are a record, not a measurement of the current model: the rules-alone floors still hold
(the rules never saw this file before the sixth pass scored it, and a rules change that loses them fails here),
the combined floors hold trivially now that the model is trained on the file, and the overlap check covers only
the files trained on before the sixth pass scored it (`hf.trained_before("heldout_pass6.json")`).
"""

from __future__ import annotations

import pytest

from marketplace import screening_model as sm

from . import heldout_files as hf

HELDOUT = hf.load("heldout_pass6.json")

# (precision, recall) per category as measured once, rounded down; a change that lowers one fails here.
RULES_FLOOR = {
    "contact_details": (0.85, 1.00),
    "off_platform_payment": (1.00, 0.83),
    "work_before_contract": (1.00, 0.33),
    "unpaid_work": (1.00, 0.25),
    "suspicious_link": (1.00, 0.66),
    "off_platform_contact": (0.83, 0.62),
}
COMBINED_FLOOR = {
    "contact_details": (0.88, 1.00),
    "off_platform_payment": (1.00, 0.91),
    "work_before_contract": (1.00, 0.87),
    "unpaid_work": (1.00, 0.95),
    "suspicious_link": (1.00, 1.00),
    "off_platform_contact": (1.00, 0.83),
}


def test_the_file_has_at_least_100_sentences_10_per_category_and_40_clean() -> None:
    hf.assert_shape(HELDOUT)
    assert all(sum(1 for s in HELDOUT if c in s["categories"]) == 24 for c in sm.LABELS)


def test_no_heldout_sentence_was_in_the_training_data_of_the_sixth_pass() -> None:
    assert hf.overlap(HELDOUT, hf.trained_before("heldout_pass6.json")) == set()


def test_rules_alone_hold_their_floors() -> None:
    hf.assert_floors("rules", hf.figures(HELDOUT, hf.rules_found(HELDOUT)), RULES_FLOOR)


def test_combined_screening_holds_its_floors() -> None:
    hf.assert_floors("combined", hf.figures(HELDOUT, hf.combined_found(HELDOUT)), COMBINED_FLOOR)


@pytest.mark.parametrize("category", sm.LABELS)
def test_the_combined_screening_is_at_least_as_good_as_the_rules(category: str) -> None:
    """Why live screening may combine the two (`SCREENING_CLASSIFIER`): on this fresh file, in every category."""
    (rules_p, rules_r), (combined_p, combined_r) = RULES_FLOOR[category], COMBINED_FLOOR[category]
    assert combined_p >= rules_p and combined_r >= rules_r


@pytest.mark.parametrize("category", sm.LABELS)
def test_the_issue_target_as_measured(category: str) -> None:
    """Which categories meet the target (precision >= 0.95, recall >= 0.90) with the combined screening: the
    floors above decide it, so a better model can turn a "short" into a "met" only by raising its floor."""
    short = {"contact_details", "work_before_contract", "off_platform_contact"}
    assert hf.meets_target(COMBINED_FLOOR[category]) == (category not in short), COMBINED_FLOOR[category]
