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

import pytest

from marketplace import screening_model as sm

from . import heldout_files as hf

HELDOUT = hf.load("heldout_pass3.json")

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


def test_the_file_has_at_least_100_sentences_10_per_category_and_40_clean() -> None:
    hf.assert_shape(HELDOUT)


def test_no_heldout_sentence_is_in_the_training_data() -> None:
    assert hf.overlap(HELDOUT, hf.trained_before("heldout_pass3.json")) == set()


def test_rules_alone_hold_their_floors() -> None:
    hf.assert_floors("rules", hf.figures(HELDOUT, hf.rules_found(HELDOUT)), RULES_FLOOR)


def test_combined_screening_holds_its_floors() -> None:
    hf.assert_floors("combined", hf.figures(HELDOUT, hf.combined_found(HELDOUT)), COMBINED_FLOOR)


@pytest.mark.parametrize("category", sm.LABELS)
def test_the_issue_target_as_measured(category: str) -> None:
    """Which categories meet the target (precision >= 0.95, recall >= 0.90) with the combined screening: the
    floors above decide it, so a better model can turn a "short" into a "met" only by raising its floor."""
    short = {"work_before_contract", "suspicious_link"}
    assert hf.meets_target(COMBINED_FLOOR[category]) == (category not in short), COMBINED_FLOOR[category]
