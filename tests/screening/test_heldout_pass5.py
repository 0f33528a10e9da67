"""The fifth pass's held-out file (`heldout_pass5.json`, issue 15): its shape, and the figures measured on it.

The file (131 sentences: 11 positives a category, 65 clean) was committed (a958646) before any tuning of the fifth
pass and not opened while tuning. The fifth pass tuned on corpus.json and `screening_model.TRAINING_FILES` only
(5-fold cross-validation, `test_classifier.py`; the fourth pass's held-out file is training material since), froze
the rules, the model and the thresholds in a commit (8d82780), then scored this file once, with the rules alone and
with the combined screening. These tests hold those figures as floors; nothing may be tuned on this file (a sixth
pass needs a new one). The issue's target, precision >= 0.95 and recall >= 0.90 in every category, was met by the
combined screening for three categories of six: work before a contract falls short on precision (0.83: two clean
sentences about the offer raised), suspicious links on recall (0.82: two phishing links on unknown domains missed)
and moving off the platform on precision (0.92: a payment "outside the site" taken for a move), so live screening
still uses the rules alone (README "Screening").

Since the sixth pass the file is **spent**: its misses were read and it is training data (`sm.TRAINING_FILES`).
So the figures below are a record, not a measurement of the current model: the rules-alone floors still hold
(the rules never saw this file before the fifth pass scored it, and a rules change that loses them fails here),
the combined floors hold trivially now that the model is trained on the file, and the overlap check covers only
the files trained on before the fifth pass scored it (`hf.trained_before("heldout_pass5.json")`).
"""

from __future__ import annotations

import pytest

from marketplace import screening_model as sm

from . import heldout_files as hf

HELDOUT = hf.load("heldout_pass5.json")

# (precision, recall) per category as measured once, rounded down; a change that lowers one fails here.
RULES_FLOOR = {
    "contact_details": (0.84, 1.00),
    "off_platform_payment": (1.00, 0.81),
    "work_before_contract": (0.83, 0.45),
    "unpaid_work": (1.00, 0.36),
    "suspicious_link": (1.00, 0.72),
    "off_platform_contact": (0.75, 0.54),
}
COMBINED_FLOOR = {
    "contact_details": (1.00, 1.00),
    "off_platform_payment": (1.00, 0.90),
    "work_before_contract": (0.83, 0.90),
    "unpaid_work": (1.00, 1.00),
    "suspicious_link": (1.00, 0.81),
    "off_platform_contact": (0.91, 1.00),
}
# The 5-fold cross-validated figures of the same model (training data only), measured before this file was scored
# (unrounded 0.988/0.945, 0.982/0.936, 0.962/0.929, 0.966/0.946, 0.983/0.924, 0.976/0.930); a record
# (`test_classifier.py` holds the current pass's CV floors).
CV_MEASURED = {
    "contact_details": (0.98, 0.94),
    "off_platform_payment": (0.98, 0.93),
    "work_before_contract": (0.96, 0.92),
    "unpaid_work": (0.96, 0.94),
    "suspicious_link": (0.98, 0.92),
    "off_platform_contact": (0.97, 0.93),
}


def test_the_file_has_at_least_100_sentences_10_per_category_and_40_clean() -> None:
    hf.assert_shape(HELDOUT)


def test_no_heldout_sentence_was_in_the_training_data_of_the_fifth_pass() -> None:
    assert hf.overlap(HELDOUT, hf.trained_before("heldout_pass5.json")) == set()


def test_rules_alone_hold_their_floors() -> None:
    hf.assert_floors("rules", hf.figures(HELDOUT, hf.rules_found(HELDOUT)), RULES_FLOOR)


def test_combined_screening_holds_its_floors() -> None:
    hf.assert_floors("combined", hf.figures(HELDOUT, hf.combined_found(HELDOUT)), COMBINED_FLOOR)


def test_cross_validated_figures_as_recorded_met_the_target() -> None:
    assert all(hf.meets_target(figure) for figure in CV_MEASURED.values())


@pytest.mark.parametrize("category", sm.LABELS)
def test_the_issue_target_as_measured(category: str) -> None:
    """Which categories meet the target (precision >= 0.95, recall >= 0.90) with the combined screening: the
    floors above decide it, so a better model can turn a "short" into a "met" only by raising its floor."""
    short = {"work_before_contract", "suspicious_link", "off_platform_contact"}
    assert hf.meets_target(COMBINED_FLOOR[category]) == (category not in short), COMBINED_FLOOR[category]
