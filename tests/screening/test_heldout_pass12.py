"""The eleventh pass's held-out file (`heldout_pass12.json`, issue 15): its shape, and the figures measured on it.

The file (260 items: 30 positives a category, 80 clean, 45 of them near-misses) was committed (0b8e787) before any
tuning of the eleventh pass and not opened while tuning. Unlike the earlier files, 127 of its items are whole
messages of two or three sentences, as rooms carry them (a greeting or a word on the work, then the risky part),
123 of them positives; its clean items are mostly single sentences. When it was committed, none of its items had a
near-duplicate (difflib >= 0.75) in the training data, nor after the pass. The pass's brief asked its writer for
some multi-sentence messages among the paraphrases (30 of 388), a hint at the file's shape, not its content. The
eleventh pass tuned on corpus.json and `screening_model.TRAINING_FILES` only, froze the rules, the model and the
thresholds (merged at 8cbd320), then this file was scored once, with the rules alone and with the combined
screening. These tests hold the figures as floors; nothing may be tuned on this file (a twelfth pass needs a new
one).

The target is met in five categories of six. Work before a contract falls short on recall (0.73: eight of 30
missed, among them "plan the Paris days today. I'll press hire once the deposit lands", "Back up the site and
update WordPress today; I'll add the milestone tomorrow", "You're hired in all but name"). Moving off the platform
has one false positive: "Could you start on my resume tonight? The offer will follow after my interview on
Friday." (a work-before-a-contract positive, which the screening missed as such). The rules alone meet the target
in contact details only (README "Screening").

Its misses were read, so it is spent for tuning though not yet training data: they showed work before a contract
split over two sentences, which led to scoring that category over pairs of sentences too (`PAIRED`, measured on
`heldout_pass13.json`); with the pairs this file reads 0.80 there (two more found), the floors above stay as scored.
"""

from __future__ import annotations

import pytest

from marketplace import screening_model as sm

from . import heldout_files as hf

HELDOUT = hf.load("heldout_pass12.json")

# (precision, recall) per category as measured once, rounded down; a change that lowers one fails here.
RULES_FLOOR = {
    "contact_details": (0.96, 0.90),
    "off_platform_payment": (1.00, 0.83),
    "work_before_contract": (0.50, 0.03),
    "unpaid_work": (1.00, 0.26),
    "suspicious_link": (1.00, 0.53),
    "off_platform_contact": (0.95, 0.70),
}
COMBINED_FLOOR = {
    "contact_details": (1.00, 0.93),
    "off_platform_payment": (1.00, 0.96),
    "work_before_contract": (1.00, 0.73),
    "unpaid_work": (1.00, 0.93),
    "suspicious_link": (1.00, 1.00),
    "off_platform_contact": (0.96, 0.93),
}
SHORT = {"work_before_contract"}


def test_the_file_has_at_least_100_sentences_10_per_category_and_40_clean() -> None:
    hf.assert_shape(HELDOUT)
    assert all(sum(1 for s in HELDOUT if c in s["categories"]) == 30 for c in sm.LABELS)


def test_no_heldout_sentence_is_in_the_training_data() -> None:
    assert "heldout_pass12.json" not in sm.TRAINING_FILES  # spending it means turning this test into a record
    assert hf.overlap(HELDOUT, hf.trained_before("heldout_pass12.json")) == set()


def test_rules_alone_hold_their_floors() -> None:
    hf.assert_floors("rules", hf.figures(HELDOUT, hf.rules_found(HELDOUT)), RULES_FLOOR)


def test_combined_screening_holds_its_floors() -> None:
    hf.assert_floors("combined", hf.figures(HELDOUT, hf.combined_found(HELDOUT)), COMBINED_FLOOR)


@pytest.mark.parametrize("category", sm.LABELS)
def test_the_combined_screening_finds_at_least_as_much_as_the_rules(category: str) -> None:
    (rules_p, rules_r), (combined_p, combined_r) = RULES_FLOOR[category], COMBINED_FLOOR[category]
    assert combined_r >= rules_r and combined_p >= rules_p


@pytest.mark.parametrize("category", sm.LABELS)
def test_the_issue_target_as_measured(category: str) -> None:
    """Which categories meet the target (precision >= 0.95, recall >= 0.90) with the combined screening: the
    floors above decide it, so a better model can turn a "short" into a "met" only by raising its floor."""
    assert hf.meets_target(COMBINED_FLOOR[category]) == (category not in SHORT), COMBINED_FLOOR[category]
