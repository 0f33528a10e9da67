"""A confirmation file for the eighth pass (`heldout_pass9.json`, issue 15): its shape, and the figures measured
on it.

The file (260 sentences: 30 positives a category, 80 clean, 45 of them near-misses) was written after the eighth
pass was frozen and scored on its own held-out file (`test_heldout_pass8.py`, where the target was met in all six
categories), committed (4e961e3), then scored once with the eighth pass's rules, model and thresholds, nothing tuned
before or after. It asks whether the eighth file's result holds on a second fresh file.

It holds in five categories of six. Paying off the platform falls short on precision (0.93: 27 found, two clean
sentences raised: a shop's payment options, and "The table is cut off on small screens", where "cut" reads as the
platform's cut), at recall 0.90. The rules alone meet the target in no category; they are more precise than the
combined screening in two categories, paying (one false positive against two) and unpaid work (none against one:
"Every trial task we give is paid"), while the combined screening finds 170 of 180 positives against the rules' 123.
These tests hold the figures as floors.

Since the ninth pass the file is **spent**: its misses were read and it is training data (`sm.TRAINING_FILES`,
after `heldout_pass8.json`). So the figures below are a record, not a measurement of the current model: the
rules-alone floors still hold (the rules never saw this file before it was scored, and a rules change that loses
them fails here), the combined floors hold trivially now that the model is trained on the file, and the overlap
check covers only the files trained on when it was scored, those of the eighth pass
(`hf.trained_before("heldout_pass8.json")`: the eighth file was not yet training data then).
"""

from __future__ import annotations

import pytest

from marketplace import screening_model as sm

from . import heldout_files as hf

HELDOUT = hf.load("heldout_pass9.json")

# (precision, recall) per category as measured once, rounded down; a change that lowers one fails here.
RULES_FLOOR = {
    "contact_details": (0.90, 0.93),
    "off_platform_payment": (0.96, 0.86),
    "work_before_contract": (1.00, 0.40),
    "unpaid_work": (1.00, 0.43),
    "suspicious_link": (1.00, 0.80),
    "off_platform_contact": (0.80, 0.66),
}
COMBINED_FLOOR = {
    "contact_details": (1.00, 0.96),
    "off_platform_payment": (0.93, 0.90),
    "work_before_contract": (1.00, 0.96),
    "unpaid_work": (0.96, 0.93),
    "suspicious_link": (1.00, 0.96),
    "off_platform_contact": (1.00, 0.93),
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
def test_the_combined_screening_finds_at_least_as_much_as_the_rules(category: str) -> None:
    """Recall in every category; precision in every category but paying off the platform and unpaid work, where
    the classifier added a false positive the rules did not make."""
    (rules_p, rules_r), (combined_p, combined_r) = RULES_FLOOR[category], COMBINED_FLOOR[category]
    assert combined_r >= rules_r
    assert (combined_p >= rules_p) == (category not in {"off_platform_payment", "unpaid_work"})


@pytest.mark.parametrize("category", sm.LABELS)
def test_the_issue_target_as_measured(category: str) -> None:
    """Which categories meet the target (precision >= 0.95, recall >= 0.90) with the combined screening."""
    assert hf.meets_target(COMBINED_FLOOR[category]) == (category != "off_platform_payment"), COMBINED_FLOOR[category]
