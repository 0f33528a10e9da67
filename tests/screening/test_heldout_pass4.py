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
the files trained on before the fourth pass scored it (`hf.trained_before("heldout_pass4.json")`).
"""

from __future__ import annotations

import pytest

from marketplace import screening_model as sm
from marketplace.screening import screen

from . import heldout_files as hf

HELDOUT = hf.load("heldout_pass4.json")

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
# One sentence of this file is also in paraphrases_pass4.json, found only when the file was scored: written for the
# training data from the brief's own example ("AnyDesk ... from my link"), without reading this file, it came out
# word for word the same. The model (trained on it) was kept as scored, not retrained; the rules alone, as they
# stood before the fourth pass, already find it (install_to_access), so no figure above depends on the overlap.
KNOWN_OVERLAP = {"install anydesk from my link so i can set up your workstation"}


def test_the_file_has_at_least_100_sentences_10_per_category_and_40_clean() -> None:
    hf.assert_shape(HELDOUT)


def test_no_heldout_sentence_was_in_the_training_data_of_the_fourth_pass() -> None:
    assert hf.overlap(HELDOUT, hf.trained_before("heldout_pass4.json")) == KNOWN_OVERLAP
    assert all(screen(s["text"]).categories for s in HELDOUT if s["text"].casefold() in KNOWN_OVERLAP)


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
    short = {"suspicious_link", "off_platform_contact"}
    assert hf.meets_target(COMBINED_FLOOR[category]) == (category not in short), COMBINED_FLOOR[category]
