"""The ninth pass's held-out file (`heldout_pass10.json`, issue 15): its shape, and the figures measured on it.

The file (260 sentences: 30 positives a category, 80 clean, 45 of them near-misses) was committed (eca096e) before
any tuning of the ninth pass and not opened while tuning. Unlike the earlier files, it was written on purpose in
other trades (music, law, architecture, games, transcription) and other sentence shapes (third person, longer
sentences that mix the work with the risky part), so that it mirrors neither the earlier held-out files nor their
style: 30 of its sentences have a near-duplicate in the training data, against 57 and 62 for the eighth and ninth
files. The ninth pass tuned on corpus.json and `screening_model.TRAINING_FILES` only, froze the rules, the model
and the thresholds (merged at 0fd4694), then scored this file once, with the rules alone and with
the combined screening. These tests hold those figures as floors.

The target is met in three categories of six (unpaid work, suspicious links, moving off the platform). Contact
details (0.87: handles told in a sentence, "the producer is on skype as beats.by.kofi"), paying off the platform
(0.77: seven of 30 missed) and work before a contract (0.96 / 0.80: six missed, one clean sentence raised) fall
short on recall: the earlier files' 6 of 6 and 5 of 6 owed part of their result to being written like the training
data. The rules alone meet it in no category (README "Screening").

Since the tenth pass the file is **spent**: its misses were read and it is training data (`sm.TRAINING_FILES`,
after `paraphrases_pass9.json`). So the figures below are a record, not a measurement of the current model: the
rules-alone floors still hold (the rules never saw this file before it was scored, and a rules change that loses
them fails here), the combined floors hold trivially now that the model is trained on the file, and the overlap
check covers only the files trained on when it was scored, those of the ninth pass
(`hf.trained_before("heldout_pass10.json")`).
"""

from __future__ import annotations

import pytest

from marketplace import screening_model as sm

from . import heldout_files as hf

HELDOUT = hf.load("heldout_pass10.json")

# (precision, recall) per category as measured once, rounded down; a change that lowers one fails here.
RULES_FLOOR = {
    "contact_details": (0.89, 0.86),
    "off_platform_payment": (0.94, 0.56),
    "work_before_contract": (0.83, 0.16),
    "unpaid_work": (1.00, 0.16),
    "suspicious_link": (1.00, 0.66),
    "off_platform_contact": (1.00, 0.56),
}
COMBINED_FLOOR = {
    "contact_details": (1.00, 0.86),
    "off_platform_payment": (0.95, 0.76),
    "work_before_contract": (0.96, 0.80),
    "unpaid_work": (1.00, 0.93),
    "suspicious_link": (1.00, 0.96),
    "off_platform_contact": (0.96, 0.96),
}
SHORT = {"contact_details", "off_platform_payment", "work_before_contract"}


def test_the_file_has_at_least_100_sentences_10_per_category_and_40_clean() -> None:
    hf.assert_shape(HELDOUT)
    assert all(sum(1 for s in HELDOUT if c in s["categories"]) == 30 for c in sm.LABELS)


def test_no_heldout_sentence_was_in_the_training_data_of_the_ninth_pass() -> None:
    assert hf.overlap(HELDOUT, hf.trained_before("heldout_pass10.json")) == set()


def test_rules_alone_hold_their_floors() -> None:
    hf.assert_floors("rules", hf.figures(HELDOUT, hf.rules_found(HELDOUT)), RULES_FLOOR)


def test_combined_screening_holds_its_floors() -> None:
    hf.assert_floors("combined", hf.figures(HELDOUT, hf.combined_found(HELDOUT)), COMBINED_FLOOR)


@pytest.mark.parametrize("category", sm.LABELS)
def test_the_combined_screening_finds_at_least_as_much_as_the_rules(category: str) -> None:
    """Recall in every category; precision in every category but moving off the platform, where the classifier
    raised one clean sentence ("Looks good to me, let's submit") that the rules did not."""
    (rules_p, rules_r), (combined_p, combined_r) = RULES_FLOOR[category], COMBINED_FLOOR[category]
    assert combined_r >= rules_r
    assert (combined_p >= rules_p) == (category != "off_platform_contact")


@pytest.mark.parametrize("category", sm.LABELS)
def test_the_issue_target_as_measured(category: str) -> None:
    """Which categories meet the target (precision >= 0.95, recall >= 0.90) with the combined screening: the
    floors above decide it, so a better model can turn a "short" into a "met" only by raising its floor."""
    assert hf.meets_target(COMBINED_FLOOR[category]) == (category not in SHORT), COMBINED_FLOOR[category]
