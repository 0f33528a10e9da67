"""The eighth pass's held-out file (`heldout_pass8.json`, issue 15): its shape, and the figures measured on it.

The file (260 sentences: 30 positives a category, 80 clean, 45 of them near-misses; three sentences reworded before
committing because they were also training sentences) was committed (3f22b60) before any tuning of the eighth pass
and not opened while tuning. The eighth pass tuned on corpus.json and `screening_model.TRAINING_FILES` only (5-fold
cross-validation, `test_classifier.py`, and the leave-one-held-out-file-out estimate of `bench/screening_lofo.py`,
the seventh file now among the spent ones), froze the rules, the model and the thresholds (merged in 11286d8), then
scored this file once, with the rules alone and with the combined screening. These tests hold those figures as
floors; nothing may be tuned on this file (a ninth pass needs a new one).

The issue's target, precision >= 0.95 and recall >= 0.90 in every category, was met by the combined screening in
all six categories: 172 of 180 positives found with one false positive. Unpaid work is exactly at the line (27 of
30). The rules alone meet it only for contact details (README "Screening").

Since the ninth pass the file is **spent**: its misses were read and it is training data (`sm.TRAINING_FILES`).
So the figures below are a record, not a measurement of the current model: the rules-alone floors still hold
(the rules never saw this file before the eighth pass scored it, and a rules change that loses them fails here),
the combined floors hold trivially now that the model is trained on the file, and the overlap check covers only
the files trained on before the eighth pass scored it (`hf.trained_before("heldout_pass8.json")`).
"""

from __future__ import annotations

import pytest

from marketplace import screening_model as sm

from . import heldout_files as hf

HELDOUT = hf.load("heldout_pass8.json")

# (precision, recall) per category as measured once, rounded down; a change that lowers one fails here.
RULES_FLOOR = {
    "contact_details": (0.96, 0.90),
    "off_platform_payment": (0.95, 0.73),
    "work_before_contract": (0.88, 0.26),
    "unpaid_work": (1.00, 0.30),
    "suspicious_link": (1.00, 0.70),
    "off_platform_contact": (0.89, 0.56),
}
COMBINED_FLOOR = {
    "contact_details": (1.00, 0.93),
    "off_platform_payment": (0.96, 0.96),
    "work_before_contract": (1.00, 0.93),
    "unpaid_work": (1.00, 0.90),
    "suspicious_link": (1.00, 1.00),
    "off_platform_contact": (1.00, 1.00),
}


def test_the_file_has_at_least_100_sentences_10_per_category_and_40_clean() -> None:
    hf.assert_shape(HELDOUT)
    assert all(sum(1 for s in HELDOUT if c in s["categories"]) == 30 for c in sm.LABELS)


def test_no_heldout_sentence_was_in_the_training_data_of_the_eighth_pass() -> None:
    assert hf.overlap(HELDOUT, hf.trained_before("heldout_pass8.json")) == set()


def test_rules_alone_hold_their_floors() -> None:
    hf.assert_floors("rules", hf.figures(HELDOUT, hf.rules_found(HELDOUT)), RULES_FLOOR)


def test_combined_screening_holds_its_floors() -> None:
    hf.assert_floors("combined", hf.figures(HELDOUT, hf.combined_found(HELDOUT)), COMBINED_FLOOR)


@pytest.mark.parametrize("category", sm.LABELS)
def test_the_combined_screening_is_at_least_as_good_as_the_rules(category: str) -> None:
    """Why live screening combines the two (`SCREENING_CLASSIFIER`): on this fresh file too, in every category."""
    (rules_p, rules_r), (combined_p, combined_r) = RULES_FLOOR[category], COMBINED_FLOOR[category]
    assert combined_p >= rules_p and combined_r >= rules_r


@pytest.mark.parametrize("category", sm.LABELS)
def test_the_issue_target_as_measured(category: str) -> None:
    """Precision >= 0.95 and recall >= 0.90 with the combined screening, in every category, as measured once: the
    floors above hold those figures."""
    assert hf.meets_target(COMBINED_FLOOR[category]), COMBINED_FLOOR[category]
