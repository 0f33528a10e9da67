"""The held-out file of the pairs of sentences (`heldout_pass13.json`, issue 15): its shape, and the figures
measured on it.

The file (140 whole messages of one to three sentences: 15 positives a category, 50 clean, 35 of them
near-misses, most clean ones of two sentences too) was committed (a09b83a) before the change it measures: work
before a contract scored over each pair of adjacent sentences as well as a sentence at a time
(`screening_model.PAIRED`, 5901917; rules, model and thresholds are the eleventh pass's). It was scored once
afterwards, with the rules alone, with the combined screening, and with the combined screening without the pairs
(decided before scoring, to measure the change). These tests hold the figures as floors; nothing may be tuned on
this file.

With 15 positives a category, one sentence moves a figure by 0.07, and precision 0.95 allows no false positive.
The target is met in three categories of six (contact details, unpaid work, suspicious links). The pairs raise
work before a contract from 0.60 to 0.80 recall and raise no clean message; still missed: "Please draft the
January newsletter. Paperwork to follow." (0.45), "Fly the drone ... Accept the offer whenever it arrives" (0.49),
"Write the quiz questions for lesson one first. Then I'll go through the hiring steps here." Paying and moving off
the platform are short by one sentence each way: "Our company pays recruiters by invoice to their own firm. Let's
end the contract here" missed, "The newsletter should tell readers how to pay by card or PayPal." raised; "I'd
rather discuss my finances by email. Send me your address." missed (0.30), and "... I'll pay with Zelle. Easier for
me." raised as moving off as well as paying (README "Screening").
"""

from __future__ import annotations

import pytest

from marketplace import screening_model as sm

from . import heldout_files as hf

HELDOUT = hf.load("heldout_pass13.json")

# (precision, recall) per category as measured once, rounded down; a change that lowers one fails here.
RULES_FLOOR = {
    "contact_details": (1.00, 1.00),
    "off_platform_payment": (0.92, 0.86),
    "work_before_contract": (1.00, 0.00),
    "unpaid_work": (1.00, 0.20),
    "suspicious_link": (1.00, 0.53),
    "off_platform_contact": (0.91, 0.73),
}
COMBINED_FLOOR = {
    "contact_details": (1.00, 1.00),
    "off_platform_payment": (0.93, 0.93),
    "work_before_contract": (1.00, 0.80),
    "unpaid_work": (1.00, 0.93),
    "suspicious_link": (1.00, 1.00),
    "off_platform_contact": (0.93, 0.93),
}
SHORT = {"off_platform_payment", "work_before_contract", "off_platform_contact"}
WITHOUT_PAIRS_RECALL = 0.60  # work before a contract, a sentence at a time only (9 of 15)


def test_the_file_has_at_least_100_sentences_10_per_category_and_40_clean() -> None:
    hf.assert_shape(HELDOUT)
    assert all(sum(1 for s in HELDOUT if c in s["categories"]) == 15 for c in sm.LABELS)


def test_no_heldout_sentence_is_in_the_training_data() -> None:
    assert "heldout_pass13.json" not in sm.TRAINING_FILES  # spending it means turning this test into a record
    assert hf.overlap(HELDOUT, hf.trained_before("heldout_pass13.json")) == set()


def test_rules_alone_hold_their_floors() -> None:
    hf.assert_floors("rules", hf.figures(HELDOUT, hf.rules_found(HELDOUT)), RULES_FLOOR)


def test_combined_screening_holds_its_floors() -> None:
    hf.assert_floors("combined", hf.figures(HELDOUT, hf.combined_found(HELDOUT)), COMBINED_FLOOR)


def test_pairs_of_sentences_find_work_before_a_contract_that_single_sentences_miss(monkeypatch) -> None:
    paired = hf.figures(HELDOUT, hf.combined_found(HELDOUT))
    monkeypatch.setattr(sm, "PAIRED", frozenset())
    alone = hf.figures(HELDOUT, hf.combined_found(HELDOUT))

    assert alone["work_before_contract"] == pytest.approx((1.0, WITHOUT_PAIRS_RECALL))
    assert paired["work_before_contract"][1] > alone["work_before_contract"][1]
    # Only that category is paired: the others read the same either way.
    assert {c: f for c, f in paired.items() if c != "work_before_contract"} == {
        c: f for c, f in alone.items() if c != "work_before_contract"
    }


@pytest.mark.parametrize("category", sm.LABELS)
def test_the_combined_screening_finds_at_least_as_much_as_the_rules(category: str) -> None:
    (rules_p, rules_r), (combined_p, combined_r) = RULES_FLOOR[category], COMBINED_FLOOR[category]
    assert combined_r >= rules_r and combined_p >= rules_p


@pytest.mark.parametrize("category", sm.LABELS)
def test_the_issue_target_as_measured(category: str) -> None:
    """Which categories meet the target (precision >= 0.95, recall >= 0.90) with the combined screening: the
    floors above decide it, so a better model can turn a "short" into a "met" only by raising its floor."""
    assert hf.meets_target(COMBINED_FLOOR[category]) == (category not in SHORT), COMBINED_FLOOR[category]
