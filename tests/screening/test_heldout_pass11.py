"""The tenth pass's held-out file (`heldout_pass11.json`, issue 15): its shape, and the figures measured on it.

The file (260 sentences: 30 positives a category, 80 clean, 45 of them near-misses) was committed (a710f3e) before
any tuning of the tenth pass and not opened while tuning. It was written in trades no earlier file used
(photography and video, bookkeeping, data labelling, interior design, online shops, tutoring, sewing, podcasts,
mechanical CAD, events, grants, virtual assistance) and in other shapes (chat shorthand, Indian-English office
phrasing, quoted speech, spelled-out addresses), with no near-duplicate (difflib >= 0.75) in the training data when
it was committed. The tenth pass tuned on corpus.json and `screening_model.TRAINING_FILES` only (its writer saw the
file's commit message, which names the trades, but not the file), froze the rules, the model and the thresholds
(merged at d042249), then this file was scored once, with the rules alone and with the combined screening. Three
of its sentences have a near-duplicate in the tenth pass's paraphrases (two positives, both found, and one clean
sentence, not raised). These tests hold the figures as floors.

The target is met in three categories of six (unpaid work, suspicious links, moving off the platform, the last at
exactly 0.90: 27 of 30). Contact details (0.83: handles told in a sentence after "Line (…)", "I'm …" and "—",
"ops-lead at boxfulfil.co.uk", a Spanish phone number), paying off the platform (0.83: USDT on Tron, MoneyGram,
Bitcoin, "sort code and account number", a UPI id) and work before a contract (0.96 / 0.77: seven missed, one
clean sentence raised, "No need to start before the contract, take your time") fall short on recall. The rules
alone meet it in no category (README "Screening").

Since the eleventh pass the file is **spent**: its misses were read and it is training data (`sm.TRAINING_FILES`,
after `paraphrases_pass10.json`). So the figures below are a record, not a measurement of the current model: the
rules-alone floors still hold (the rules never saw this file before it was scored, and a rules change that loses
them fails here), the combined floors hold trivially now that the model is trained on the file, and the overlap
check covers only the files trained on when it was scored, those of the tenth pass
(`hf.trained_before("heldout_pass11.json")`).
"""

from __future__ import annotations

import pytest

from marketplace import screening_model as sm

from . import heldout_files as hf

HELDOUT = hf.load("heldout_pass11.json")

# (precision, recall) per category as measured once, rounded down; a change that lowers one fails here.
RULES_FLOOR = {
    "contact_details": (0.91, 0.73),
    "off_platform_payment": (1.00, 0.46),
    "work_before_contract": (0.75, 0.10),
    "unpaid_work": (1.00, 0.23),
    "suspicious_link": (1.00, 0.56),
    "off_platform_contact": (0.90, 0.33),
}
COMBINED_FLOOR = {
    "contact_details": (1.00, 0.83),
    "off_platform_payment": (1.00, 0.83),
    "work_before_contract": (0.95, 0.76),
    "unpaid_work": (1.00, 0.96),
    "suspicious_link": (1.00, 0.96),
    "off_platform_contact": (1.00, 0.90),
}
SHORT = {"contact_details", "off_platform_payment", "work_before_contract"}


def test_the_file_has_at_least_100_sentences_10_per_category_and_40_clean() -> None:
    hf.assert_shape(HELDOUT)
    assert all(sum(1 for s in HELDOUT if c in s["categories"]) == 30 for c in sm.LABELS)


def test_no_heldout_sentence_was_in_the_training_data_of_the_tenth_pass() -> None:
    assert hf.overlap(HELDOUT, hf.trained_before("heldout_pass11.json")) == set()


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
