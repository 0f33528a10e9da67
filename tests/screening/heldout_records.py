"""The record of every held-out file of the screening (issue 15): what the file is, when it was committed, what it
found, and the figures measured on it, held as floors by `test_heldout_files.py`.

One record a file, in the order the files were written. A pass's record is written once, when its file is scored,
and changed only to say that the file is spent.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

Figures = Mapping[str, tuple[float, float]]  # (precision, recall) per category


@dataclass(frozen=True, kw_only=True)
class Record:
    name: str  # the file, in tests/screening/
    about: str  # what the file is, when it was committed, what it found: the pass's written record
    # Its misses were read and it is training data (`sm.TRAINING_FILES`), or about to be; an unspent file must not be.
    spent: bool
    positives: int | None = None  # sentences per category, exactly, where the pass checked it
    # Contact details given with an invitation to use them, labelled moving off the platform as well since the
    # fourteenth pass (a labelling decision taken then; the file's other labels are as written): off the platform
    # contact holds `positives + relabelled` sentences. The floors were checked again with the new labels and hold.
    relabelled: int = 0
    # Sentences labelled contact details as well since the seventeenth pass (a handle told by reference, the fifteenth
    # pass's convention): contact details holds `positives + relabelled_contact` sentences.
    relabelled_contact: int = 0
    # (precision, recall) per category as measured once, rounded down; a change that lowers one fails here.
    rules_floor: Figures
    combined_floor: Figures | None = None  # None: scored with the rules alone
    short: frozenset[str] = frozenset()  # the categories where the combined screening fell short of the target
    # Whether the pass held the combined screening against the rules: recall at least theirs in every category, and
    # precision too except in `less_precise_than_rules`.
    compared_with_rules: bool = True
    less_precise_than_rules: frozenset[str] = frozenset()
    # The overlap check reads the training files listed before this one (`hf.trained_before`), or before
    # `overlap_as_of` when it was scored with an earlier file's training data, or the corpus alone.
    overlap_as_of: str | None = None
    overlap_corpus_only: bool = False
    known_overlap: frozenset[str] = frozenset()  # sentences found in the training data when it was scored
    cv_measured: Figures | None = None  # the pass's cross-validated figures, measured before the file was scored
    # (precision, recall) of work before a contract a sentence at a time only (`sm.PAIRED` empty), measured with the
    # pairs' figures
    without_pairs: tuple[float, float] | None = None


# Adding the next held-out file is adding its record here (unspent: `spent=False`); the tests pick it up. When its
# misses are read and it joins `sm.TRAINING_FILES`, flip `spent` and add a "Since the … pass the file is spent"
# paragraph to its `about`; the figures stay as scored.
RECORDS: tuple[Record, ...] = (
    Record(
        name="heldout.json",
        about="""\
The second pass's held-out file (`heldout.json`, issue 15): its shape, and the rules' figures on it.

The file was written before any tuning of the second pass and scored once then. It is spent: the third pass read
its misses and trains the classifier on it (`screening.model.TRAINING_FILES`); the third pass's held-out file is
`heldout_pass3.json` (its record below). What stays here is a regression floor for the rules alone on
sentences they were never tuned on: the rules' figures as measured for the second pass (README "Screening").
""",
        spent=True,
        # (precision, recall) of the rules per category, as measured; a change that lowers one fails here.
        rules_floor={
            "contact_details": (0.90, 0.90),
            "off_platform_payment": (1.00, 0.80),
            "work_before_contract": (1.00, 0.16),
            "unpaid_work": (1.00, 0.40),
            "suspicious_link": (1.00, 0.80),
            "off_platform_contact": (0.88, 0.80),
        },
        overlap_corpus_only=True,
    ),
    Record(
        name="heldout_pass3.json",
        about="""\
The third pass's held-out file (`heldout_pass3.json`, issue 15): its shape, and the figures measured on it.

The file (131 sentences) was written before any tuning of the third pass, by someone who had not read the corpus
or the paraphrases. The third pass tuned on corpus.json and `screening.model.TRAINING_FILES` only (5-fold
cross-validation, `test_classifier.py`), froze the model and the thresholds in a commit, then scored this file
once, with the rules alone and with the combined screening. The tests hold those figures as floors; nothing may
be tuned on this file (a fourth pass needs a new one). The issue's target, precision >= 0.95 and recall >= 0.90
in every category, was met by the combined screening for four categories of six: work before a contract (recall
0.73) and suspicious links (0.82) fall short (README "Screening").

The file is spent: the fourth pass read its misses and trains on it (`screening.model.TRAINING_FILES`). The rules
alone still hold their floors here (a regression floor on sentences the rules were not tuned on before the fourth
pass); the combined floors now measure a model trained on these sentences, so they only guard against a collapse,
and the overlap test checks that the file stayed out of the training data of the passes that scored it.
""",
        spent=True,
        compared_with_rules=False,
        rules_floor={
            "contact_details": (0.91, 0.91),
            "off_platform_payment": (1.00, 0.90),
            "work_before_contract": (1.00, 0.18),
            "unpaid_work": (1.00, 0.27),
            "suspicious_link": (1.00, 0.54),
            "off_platform_contact": (0.87, 0.63),
        },
        combined_floor={
            "contact_details": (1.00, 0.91),
            "off_platform_payment": (1.00, 1.00),
            "work_before_contract": (1.00, 0.72),
            "unpaid_work": (1.00, 0.90),
            "suspicious_link": (1.00, 0.81),
            "off_platform_contact": (1.00, 0.90),
        },
        short=frozenset({"work_before_contract", "suspicious_link"}),
    ),
    Record(
        name="heldout_pass4.json",
        about="""\
The fourth pass's held-out file (`heldout_pass4.json`, issue 15): its shape, and the figures measured on it.

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
""",
        spent=True,
        compared_with_rules=False,
        rules_floor={
            "contact_details": (1.00, 1.00),
            "off_platform_payment": (1.00, 0.90),
            "work_before_contract": (1.00, 0.27),
            "unpaid_work": (1.00, 0.27),
            "suspicious_link": (1.00, 0.72),
            "off_platform_contact": (0.85, 0.54),
        },
        combined_floor={
            "contact_details": (1.00, 1.00),
            "off_platform_payment": (1.00, 0.90),
            "work_before_contract": (1.00, 1.00),
            "unpaid_work": (1.00, 1.00),
            "suspicious_link": (0.91, 1.00),
            "off_platform_contact": (1.00, 0.72),
        },
        short=frozenset({"suspicious_link", "off_platform_contact"}),
        # The 5-fold cross-validated figures of the fourth pass's model (training data only), measured before this
        # file was scored; a record (`test_classifier.py` holds the current pass's CV floors).
        cv_measured={
            "contact_details": (0.98, 0.94),
            "off_platform_payment": (0.97, 0.94),
            "work_before_contract": (0.96, 0.92),
            "unpaid_work": (0.96, 0.94),
            "suspicious_link": (0.97, 0.94),
            "off_platform_contact": (0.96, 0.90),
        },
        # One sentence of this file is also in paraphrases_pass4.json, found only when the file was scored: written
        # for the training data from the brief's own example ("AnyDesk ... from my link"), without reading this file,
        # it came out word for word the same. The model (trained on it) was kept as scored, not retrained; the rules
        # alone, as they stood before the fourth pass, already find it (install_to_access), so no figure above
        # depends on the overlap.
        known_overlap=frozenset({"install anydesk from my link so i can set up your workstation"}),
    ),
    Record(
        name="heldout_pass5.json",
        about="""\
The fifth pass's held-out file (`heldout_pass5.json`, issue 15): its shape, and the figures measured on it.

The file (131 sentences: 11 positives a category, 65 clean) was committed (a958646) before any tuning of the fifth
pass and not opened while tuning. The fifth pass tuned on corpus.json and `screening.model.TRAINING_FILES` only
(5-fold cross-validation, `test_classifier.py`; the fourth pass's held-out file is training material since), froze
the rules, the model and the thresholds in a commit (8d82780), then scored this file once, with the rules alone and
with the combined screening. The tests hold those figures as floors; nothing may be tuned on this file (a sixth
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
""",
        spent=True,
        compared_with_rules=False,
        rules_floor={
            "contact_details": (0.84, 1.00),
            "off_platform_payment": (1.00, 0.81),
            "work_before_contract": (0.83, 0.45),
            "unpaid_work": (1.00, 0.36),
            "suspicious_link": (1.00, 0.72),
            "off_platform_contact": (0.75, 0.54),
        },
        combined_floor={
            "contact_details": (1.00, 1.00),
            "off_platform_payment": (1.00, 0.90),
            "work_before_contract": (0.83, 0.90),
            "unpaid_work": (1.00, 1.00),
            "suspicious_link": (1.00, 0.81),
            "off_platform_contact": (0.91, 1.00),
        },
        short=frozenset({"work_before_contract", "suspicious_link", "off_platform_contact"}),
        # The 5-fold cross-validated figures of the same model (training data only), measured before this file was
        # scored (unrounded 0.988/0.945, 0.982/0.936, 0.962/0.929, 0.966/0.946, 0.983/0.924, 0.976/0.930); a record
        # (`test_classifier.py` holds the current pass's CV floors).
        cv_measured={
            "contact_details": (0.98, 0.94),
            "off_platform_payment": (0.98, 0.93),
            "work_before_contract": (0.96, 0.92),
            "unpaid_work": (0.96, 0.94),
            "suspicious_link": (0.98, 0.92),
            "off_platform_contact": (0.97, 0.93),
        },
    ),
    Record(
        name="heldout_pass6.json",
        about="""\
The sixth pass's held-out file (`heldout_pass6.json`, issue 15): its shape, and the figures measured on it.

The file (226 sentences: 24 positives a category, 82 clean, 45 of them near-misses) was committed (ad9b3c8, two
everyday clean sentences reworded in 0cd4929 because they were also training sentences) before any tuning of the
sixth pass and not opened while tuning. The sixth pass tuned on corpus.json and `screening.model.TRAINING_FILES`
only (5-fold cross-validation, `test_classifier.py`, and a leave-one-held-out-file-out estimate on the spent files,
`bench/screening_lofo.py`), froze the rules, the model and the thresholds (merged in 56a6cff), then scored this file
once, with the rules alone and with the combined screening. The tests hold those figures as floors; nothing may
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
""",
        spent=True,
        positives=24,
        relabelled=9,
        rules_floor={
            "contact_details": (0.85, 1.00),
            "off_platform_payment": (1.00, 0.83),
            "work_before_contract": (1.00, 0.33),
            "unpaid_work": (1.00, 0.25),
            "suspicious_link": (1.00, 0.66),
            "off_platform_contact": (0.83, 0.62),
        },
        # Why live screening may combine the two (`SCREENING_CLASSIFIER`): on this fresh file, the combined screening
        # is at least as good as the rules in every category.
        combined_floor={
            "contact_details": (0.88, 1.00),
            "off_platform_payment": (1.00, 0.91),
            "work_before_contract": (1.00, 0.87),
            "unpaid_work": (1.00, 0.95),
            "suspicious_link": (1.00, 1.00),
            "off_platform_contact": (1.00, 0.83),
        },
        short=frozenset({"contact_details", "work_before_contract", "off_platform_contact"}),
    ),
    Record(
        name="heldout_pass7.json",
        about="""\
The seventh pass's held-out file (`heldout_pass7.json`, issue 15): its shape, and the figures measured on it.

The file (226 sentences: 24 positives a category, 82 clean, 45 of them near-misses; four everyday clean sentences
reworded before committing because they were also training sentences) was committed (e9198ee) before any tuning of
the seventh pass and not opened while tuning. The seventh pass tuned on corpus.json and
`screening.model.TRAINING_FILES` only (5-fold cross-validation, `test_classifier.py`, and the leave-one-held-out-
file-out estimate of `bench/screening_lofo.py`, the sixth file now among the spent ones), froze the rules, the model
and the thresholds (merged in 4628072), then scored this file once, with the rules alone and with the combined
screening. The tests hold those figures as floors; nothing may be tuned on this file (an eighth pass needs a new
one).

The issue's target, precision >= 0.95 and recall >= 0.90 in every category, was met by the combined screening for
three categories of six: contact details falls short on recall (0.87: three handles given without "@" or a known
shape missed), paying off the platform on recall (0.87: three of 24 missed) and work before a contract on both
(0.91 / 0.87: two clean or payment sentences raised, three missed). The rules alone meet it in no category; the
combined screening is at least as precise as the rules in every category and finds far more (README "Screening").

Since the eighth pass the file is **spent**: its misses were read and it is training data (`sm.TRAINING_FILES`).
So the figures below are a record, not a measurement of the current model: the rules-alone floors still hold
(the rules never saw this file before the seventh pass scored it, and a rules change that loses them fails here),
the combined floors hold trivially now that the model is trained on the file, and the overlap check covers only
the files trained on before the seventh pass scored it (`hf.trained_before("heldout_pass7.json")`).
""",
        spent=True,
        positives=24,
        relabelled=5,
        rules_floor={
            "contact_details": (0.86, 0.83),
            "off_platform_payment": (0.95, 0.79),
            "work_before_contract": (0.83, 0.20),
            "unpaid_work": (1.00, 0.33),
            "suspicious_link": (1.00, 0.62),
            "off_platform_contact": (0.90, 0.75),
        },
        # Why live screening combines the two (`SCREENING_CLASSIFIER`): on this fresh file too, the combined
        # screening is at least as good as the rules in every category.
        combined_floor={
            "contact_details": (1.00, 0.87),
            "off_platform_payment": (1.00, 0.87),
            "work_before_contract": (0.91, 0.87),
            "unpaid_work": (1.00, 1.00),
            "suspicious_link": (1.00, 0.91),
            "off_platform_contact": (1.00, 1.00),
        },
        short=frozenset({"contact_details", "off_platform_payment", "work_before_contract"}),
    ),
    Record(
        name="heldout_pass8.json",
        about="""\
The eighth pass's held-out file (`heldout_pass8.json`, issue 15): its shape, and the figures measured on it.

The file (260 sentences: 30 positives a category, 80 clean, 45 of them near-misses; three sentences reworded before
committing because they were also training sentences) was committed (3f22b60) before any tuning of the eighth pass
and not opened while tuning. The eighth pass tuned on corpus.json and `screening.model.TRAINING_FILES` only (5-fold
cross-validation, `test_classifier.py`, and the leave-one-held-out-file-out estimate of `bench/screening_lofo.py`,
the seventh file now among the spent ones), froze the rules, the model and the thresholds (merged in 11286d8), then
scored this file once, with the rules alone and with the combined screening. The tests hold those figures as
floors; nothing may be tuned on this file (a ninth pass needs a new one).

The issue's target, precision >= 0.95 and recall >= 0.90 in every category, was met by the combined screening in
all six categories: 172 of 180 positives found with one false positive. Unpaid work is exactly at the line (27 of
30). The rules alone meet it only for contact details (README "Screening").

Since the ninth pass the file is **spent**: its misses were read and it is training data (`sm.TRAINING_FILES`).
So the figures below are a record, not a measurement of the current model: the rules-alone floors still hold
(the rules never saw this file before the eighth pass scored it, and a rules change that loses them fails here),
the combined floors hold trivially now that the model is trained on the file, and the overlap check covers only
the files trained on before the eighth pass scored it (`hf.trained_before("heldout_pass8.json")`).
""",
        spent=True,
        positives=30,
        relabelled=5,
        rules_floor={
            "contact_details": (0.96, 0.90),
            "off_platform_payment": (0.95, 0.73),
            "work_before_contract": (0.88, 0.26),
            "unpaid_work": (1.00, 0.30),
            "suspicious_link": (1.00, 0.70),
            "off_platform_contact": (0.89, 0.56),
        },
        # Why live screening combines the two (`SCREENING_CLASSIFIER`): on this fresh file too, the combined
        # screening is at least as good as the rules in every category.
        combined_floor={
            "contact_details": (1.00, 0.93),
            "off_platform_payment": (0.96, 0.96),
            "work_before_contract": (1.00, 0.93),
            "unpaid_work": (1.00, 0.90),
            "suspicious_link": (1.00, 1.00),
            "off_platform_contact": (1.00, 1.00),
        },
    ),
    Record(
        name="heldout_pass9.json",
        about="""\
A confirmation file for the eighth pass (`heldout_pass9.json`, issue 15): its shape, and the figures measured
on it.

The file (260 sentences: 30 positives a category, 80 clean, 45 of them near-misses) was written after the eighth
pass was frozen and scored on its own held-out file (`heldout_pass8.json`, where the target was met in all six
categories), committed (4e961e3), then scored once with the eighth pass's rules, model and thresholds, nothing tuned
before or after. It asks whether the eighth file's result holds on a second fresh file.

It holds in five categories of six. Paying off the platform falls short on precision (0.93: 27 found, two clean
sentences raised: a shop's payment options, and "The table is cut off on small screens", where "cut" reads as the
platform's cut), at recall 0.90. The rules alone meet the target in no category; they are more precise than the
combined screening in two categories, paying (one false positive against two) and unpaid work (none against one:
"Every trial task we give is paid"), while the combined screening finds 170 of 180 positives against the rules' 123.
The tests hold the figures as floors.

Since the ninth pass the file is **spent**: its misses were read and it is training data (`sm.TRAINING_FILES`,
after `heldout_pass8.json`). So the figures below are a record, not a measurement of the current model: the
rules-alone floors still hold (the rules never saw this file before it was scored, and a rules change that loses
them fails here), the combined floors hold trivially now that the model is trained on the file, and the overlap
check covers only the files trained on when it was scored, those of the eighth pass
(`hf.trained_before("heldout_pass8.json")`: the eighth file was not yet training data then).
""",
        spent=True,
        positives=30,
        relabelled=11,
        rules_floor={
            "contact_details": (0.90, 0.93),
            "off_platform_payment": (0.96, 0.86),
            "work_before_contract": (1.00, 0.40),
            "unpaid_work": (1.00, 0.43),
            "suspicious_link": (1.00, 0.80),
            "off_platform_contact": (0.80, 0.66),
        },
        combined_floor={
            "contact_details": (1.00, 0.96),
            "off_platform_payment": (0.93, 0.90),
            "work_before_contract": (1.00, 0.96),
            "unpaid_work": (0.96, 0.93),
            "suspicious_link": (1.00, 0.96),
            "off_platform_contact": (1.00, 0.93),
        },
        short=frozenset({"off_platform_payment"}),
        # Recall in every category; precision in every category but paying off the platform and unpaid work, where
        # the classifier added a false positive the rules did not make.
        less_precise_than_rules=frozenset({"off_platform_payment", "unpaid_work"}),
        # Scored with the eighth pass's training data: the eighth file was not yet training data then.
        overlap_as_of="heldout_pass8.json",
    ),
    Record(
        name="heldout_pass10.json",
        about="""\
The ninth pass's held-out file (`heldout_pass10.json`, issue 15): its shape, and the figures measured on it.

The file (260 sentences: 30 positives a category, 80 clean, 45 of them near-misses) was committed (eca096e) before
any tuning of the ninth pass and not opened while tuning. Unlike the earlier files, it was written on purpose in
other trades (music, law, architecture, games, transcription) and other sentence shapes (third person, longer
sentences that mix the work with the risky part), so that it mirrors neither the earlier held-out files nor their
style: 30 of its sentences have a near-duplicate in the training data, against 57 and 62 for the eighth and ninth
files. The ninth pass tuned on corpus.json and `screening.model.TRAINING_FILES` only, froze the rules, the model
and the thresholds (merged at 0fd4694), then scored this file once, with the rules alone and with
the combined screening. The tests hold those figures as floors.

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
""",
        spent=True,
        positives=30,
        relabelled=2,
        rules_floor={
            "contact_details": (0.89, 0.86),
            "off_platform_payment": (0.94, 0.56),
            "work_before_contract": (0.83, 0.16),
            "unpaid_work": (1.00, 0.16),
            "suspicious_link": (1.00, 0.66),
            "off_platform_contact": (1.00, 0.56),
        },
        combined_floor={
            "contact_details": (1.00, 0.86),
            "off_platform_payment": (0.95, 0.76),
            "work_before_contract": (0.96, 0.80),
            "unpaid_work": (1.00, 0.93),
            "suspicious_link": (1.00, 0.96),
            "off_platform_contact": (0.96, 0.96),
        },
        short=frozenset({"contact_details", "off_platform_payment", "work_before_contract"}),
        # Recall in every category; precision in every category but moving off the platform, where the classifier
        # raised one clean sentence ("Looks good to me, let's submit") that the rules did not.
        less_precise_than_rules=frozenset({"off_platform_contact"}),
    ),
    Record(
        name="heldout_pass11.json",
        about="""\
The tenth pass's held-out file (`heldout_pass11.json`, issue 15): its shape, and the figures measured on it.

The file (260 sentences: 30 positives a category, 80 clean, 45 of them near-misses) was committed (a710f3e) before
any tuning of the tenth pass and not opened while tuning. It was written in trades no earlier file used
(photography and video, bookkeeping, data labelling, interior design, online shops, tutoring, sewing, podcasts,
mechanical CAD, events, grants, virtual assistance) and in other shapes (chat shorthand, Indian-English office
phrasing, quoted speech, spelled-out addresses), with no near-duplicate (difflib >= 0.75) in the training data when
it was committed. The tenth pass tuned on corpus.json and `screening.model.TRAINING_FILES` only (its writer saw the
file's commit message, which names the trades, but not the file), froze the rules, the model and the thresholds
(merged at d042249), then this file was scored once, with the rules alone and with the combined screening. Three
of its sentences have a near-duplicate in the tenth pass's paraphrases (two positives, both found, and one clean
sentence, not raised). The tests hold the figures as floors.

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
""",
        spent=True,
        positives=30,
        relabelled=6,
        rules_floor={
            "contact_details": (0.91, 0.73),
            "off_platform_payment": (1.00, 0.46),
            "work_before_contract": (0.75, 0.10),
            "unpaid_work": (1.00, 0.23),
            "suspicious_link": (1.00, 0.56),
            "off_platform_contact": (0.90, 0.33),
        },
        combined_floor={
            "contact_details": (1.00, 0.83),
            "off_platform_payment": (1.00, 0.83),
            "work_before_contract": (0.95, 0.76),
            "unpaid_work": (1.00, 0.96),
            "suspicious_link": (1.00, 0.96),
            "off_platform_contact": (1.00, 0.90),
        },
        short=frozenset({"contact_details", "off_platform_payment", "work_before_contract"}),
    ),
    Record(
        name="heldout_pass12.json",
        about="""\
The eleventh pass's held-out file (`heldout_pass12.json`, issue 15): its shape, and the figures measured on it.

The file (260 items: 30 positives a category, 80 clean, 45 of them near-misses) was committed (0b8e787) before any
tuning of the eleventh pass and not opened while tuning. Unlike the earlier files, 127 of its items are whole
messages of two or three sentences, as rooms carry them (a greeting or a word on the work, then the risky part),
123 of them positives; its clean items are mostly single sentences. When it was committed, none of its items had a
near-duplicate (difflib >= 0.75) in the training data, nor after the pass. The pass's brief asked its writer for
some multi-sentence messages among the paraphrases (30 of 388), a hint at the file's shape, not its content. The
eleventh pass tuned on corpus.json and `screening.model.TRAINING_FILES` only, froze the rules, the model and the
thresholds (merged at 8cbd320), then this file was scored once, with the rules alone and with the combined
screening. The tests hold the figures as floors; nothing may be tuned on this file (a twelfth pass needs a new
one).

The target is met in five categories of six. Work before a contract falls short on recall (0.73: eight of 30
missed, among them "plan the Paris days today. I'll press hire once the deposit lands", "Back up the site and
update WordPress today; I'll add the milestone tomorrow", "You're hired in all but name"). Moving off the platform
has one false positive: "Could you start on my resume tonight? The offer will follow after my interview on
Friday." (a work-before-a-contract positive, which the screening missed as such). The rules alone meet the target
in contact details only (README "Screening").

Its misses were read, so it was spent for tuning though not yet training data: they showed work before a contract
split over two sentences, which led to scoring that category over pairs of sentences too (`PAIRED`, measured on
`heldout_pass13.json`); with the pairs this file reads 0.80 there (two more found), the floors below stay as scored.

Since the twelfth pass the file is **spent**: its misses were read and it is training data (`sm.TRAINING_FILES`,
after `paraphrases_pass11.json`). So the figures below are a record, not a measurement of the current model: the
rules-alone floors still hold (the rules never saw this file before it was scored, and a rules change that loses
them fails here), the combined floors hold trivially now that the model is trained on the file, and the overlap
check covers only the files trained on when it was scored, those of the eleventh pass
(`hf.trained_before("heldout_pass12.json")`).
""",
        spent=True,
        positives=30,
        relabelled=6,
        rules_floor={
            "contact_details": (0.96, 0.90),
            "off_platform_payment": (1.00, 0.83),
            "work_before_contract": (0.50, 0.03),
            "unpaid_work": (1.00, 0.26),
            "suspicious_link": (1.00, 0.53),
            "off_platform_contact": (0.95, 0.70),
        },
        combined_floor={
            "contact_details": (1.00, 0.93),
            "off_platform_payment": (1.00, 0.96),
            "work_before_contract": (1.00, 0.73),
            "unpaid_work": (1.00, 0.93),
            "suspicious_link": (1.00, 1.00),
            "off_platform_contact": (0.96, 0.93),
        },
        short=frozenset({"work_before_contract"}),
    ),
    Record(
        name="heldout_pass13.json",
        about="""\
The held-out file of the pairs of sentences (`heldout_pass13.json`, issue 15): its shape, and the figures
measured on it.

The file (140 whole messages of one to three sentences: 15 positives a category, 50 clean, 35 of them
near-misses, most clean ones of two sentences too) was committed (a09b83a) before the change it measures: work
before a contract scored over each pair of adjacent sentences as well as a sentence at a time
(`screening.model.PAIRED`, 5901917; rules, model and thresholds are the eleventh pass's). It was scored once
afterwards, with the rules alone, with the combined screening, and with the combined screening without the pairs
(decided before scoring, to measure the change). The tests hold the figures as floors; nothing may be tuned on
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

Since the twelfth pass the file is **spent**: its misses were read and it is training data (`sm.TRAINING_FILES`,
after `heldout_pass12.json`). So the figures below are a record, not a measurement of the current model: the
rules-alone floors still hold (the rules never saw this file before it was scored, and a rules change that loses
them fails here), the combined floors hold trivially now that the model is trained on the file, and the overlap
check covers the files trained on before it (`hf.trained_before("heldout_pass13.json")`): those of the eleventh
pass, with which it was scored, and `heldout_pass12.json`.
""",
        spent=True,
        positives=15,
        relabelled=2,
        rules_floor={
            "contact_details": (1.00, 1.00),
            "off_platform_payment": (0.92, 0.86),
            "work_before_contract": (1.00, 0.00),
            "unpaid_work": (1.00, 0.20),
            "suspicious_link": (1.00, 0.53),
            "off_platform_contact": (0.91, 0.73),
        },
        combined_floor={
            "contact_details": (1.00, 1.00),
            "off_platform_payment": (0.93, 0.93),
            "work_before_contract": (1.00, 0.80),
            "unpaid_work": (1.00, 0.93),
            "suspicious_link": (1.00, 1.00),
            "off_platform_contact": (0.93, 0.93),
        },
        short=frozenset({"off_platform_payment", "work_before_contract", "off_platform_contact"}),
        without_pairs=(1.0, 9 / 15),
    ),
    Record(
        name="heldout_pass14.json",
        about="""\
The twelfth pass's held-out file (`heldout_pass14.json`, issue 15): its shape, and the figures measured on it.

The file (260 items: 30 positives a category, one category each, 80 clean, 45 of them near-misses; single
sentences and whole messages, in trades and shapes of its own) was written and committed (303dff8, with a commit
message that says nothing of its content) before any tuning of the twelfth pass, with no near-duplicate
(difflib >= 0.75) in the training data then, heldout_pass12.json and heldout_pass13.json included. The pass's
writer never opened it. The twelfth pass (merged at f3ed66e) froze the rules, the model and the thresholds, then
this file was scored once: with the rules alone, with the combined screening, and with the combined screening
without the pairs of sentences. The tests hold the figures as floors; nothing may be tuned on this file.

**The target is met in all six categories** (the first time since the eighth pass's file): 168 of 180 positives
found with 3 false positives; the rules alone found 96. Each of paying, work before a contract and suspicious
links sits at exactly 0.90 (27 of 30), so one more miss in any of them falls short. Missed: a phone spelled out
in number words ("zero six, seventy-one, twenty, forty-four, nine nine"), "legal at quarryhill dot law" (a
domain told in words, no email cue), cash in an envelope, Amazon gift cards ("the rest comes as"), "Send me your
M-Pesa number and I'll pay … there" (raised as moving off, not paying), three requests to start with the offer
"coming soon", "on its way", "after it" (0.29 to 0.36), three shorteners or look-alikes it does not know
("goo.su", "pin.it.calligraphy-refs.club", "1drv.ms.photo-share.win") and "Drop me a line on Viber, I'm never on
this site" (0.54). Raised on clean items: a blog post on why freelancers should avoid payments outside the
platform (paying, 0.99) and "the unpaid-leave section" of a handbook (unpaid work, 0.80). The pairs of sentences
find two requests more (work before a contract 0.83 without them).

Since the thirteenth pass the file is **spent**: its misses were read and it is training data (`sm.TRAINING_FILES`,
after `paraphrases_pass12.json`). So the figures below are a record, not a measurement of the current model: the
rules-alone floors still hold (the rules never saw this file before it was scored, and a rules change that loses
them fails here), the combined floors hold trivially now that the model is trained on the file, and the overlap
check covers the files trained on before it (`hf.trained_before("heldout_pass14.json")`): those of the twelfth
pass, with which it was scored.
""",
        spent=True,
        positives=30,
        relabelled=1,
        rules_floor={
            "contact_details": (0.93, 0.93),
            "off_platform_payment": (0.95, 0.63),
            "work_before_contract": (1.00, 0.10),
            "unpaid_work": (1.00, 0.33),
            "suspicious_link": (1.00, 0.73),
            "off_platform_contact": (1.00, 0.46),
        },
        combined_floor={
            "contact_details": (1.00, 0.93),
            "off_platform_payment": (0.96, 0.90),
            "work_before_contract": (1.00, 0.90),
            "unpaid_work": (0.96, 1.00),
            "suspicious_link": (1.00, 0.90),
            "off_platform_contact": (0.96, 0.96),
        },
        less_precise_than_rules=frozenset({"unpaid_work", "off_platform_contact"}),
        without_pairs=(1.0, 25 / 30),
    ),
    Record(
        name="heldout_pass15.json",
        about="""\
A held-out file by another writer (`heldout_pass15.json`, issue 15): its shape, and the figures measured on it.

Every earlier file was written by the engineer who ran the pass. This one (260 items: 30 positives a category,
one category each, 80 clean, 45 of them near-misses; over forty trades, chat shorthand, typos, non-native and
formal English) was written by a helper given only the product, the six categories' definitions and the file's
counts, who looked at nothing in the repository: not the code, the training data or any other held-out file. It
was written while the twelfth pass was being tuned (so not "before any tuning of the pass"), but its writer and
the pass's writer never saw each other's work, and it was committed (16519df, with a neutral message) before the
pass was merged. Ten of its items have a near-duplicate (difflib >= 0.75) in the training data, among them four
clean ones and "can we continue on whatsapp? this chat is slow"; they were left as written. It was scored once,
with the same model and in the same way as `heldout_pass14.json`. The tests hold the figures as floors; nothing
may be tuned on this file.

The target is met in three categories of six (work before a contract, unpaid work, suspicious links); 161 of 180
positives found with 3 false positives, the rules alone 100. Contact details (0.87) miss a spaced-out email ("m
i k e . r e n o v a t e @ g m a i l . c o m"), a phone in spaced digits ("0 4 1 2 - 5 5 8 - 3 9 0"), a handle
after "same as here but with underscore:", and a LinkedIn profile given with "message me there" (raised as
moving off, which the writer's definitions leave out when a detail is given). Paying off the platform (0.80)
misses Steam or Google Play cards, cash "when you come to measure", "do you accept USDT? TRC20 preferred",
"payoneer direct", "mark the job complete at zero and I'll bank transfer you", and "I'll send to your card number
directly" (raised as moving off). Moving off the platform is at 0.93 / 0.93: "what email should I invite?" to a
Slack workspace and "any chance you're on Microsoft Teams? I'd rather coordinate … there than here" missed, the
LinkedIn profile and "send to your card number" raised. Work before a contract raises "The contract is active
now. Go ahead with the first two chapters." (1.00), one of the file's near-duplicates of a clean training
sentence.

Since the thirteenth pass the file is **spent**: its misses were read and it is training data (`sm.TRAINING_FILES`,
after `heldout_pass14.json`). So the figures below are a record, not a measurement of the current model: the
rules-alone floors still hold (the rules never saw this file before it was scored, and a rules change that loses
them fails here), the combined floors hold trivially now that the model is trained on the file, and the overlap
check covers the files trained on before it (`hf.trained_before("heldout_pass15.json")`): those of the twelfth
pass, with which it was scored, and `heldout_pass14.json`.
The eighteenth pass labelled one more sentence contact details as well (`relabelled_contact`): "can we jump on a
google meet outside the site? I'll send an invite to your gmail if you give it to me" asks for a detail for a call,
contact details and moving off by the fifteenth pass's convention (the eighteenth pass's model raised it so).
""",
        spent=True,
        positives=30,
        relabelled=16,
        relabelled_contact=1,
        rules_floor={
            "contact_details": (0.89, 0.83),
            "off_platform_payment": (1.00, 0.60),
            "work_before_contract": (1.00, 0.23),
            "unpaid_work": (1.00, 0.30),
            "suspicious_link": (1.00, 0.76),
            "off_platform_contact": (0.90, 0.60),
        },
        combined_floor={
            "contact_details": (1.00, 0.86),
            "off_platform_payment": (1.00, 0.80),
            "work_before_contract": (0.96, 0.93),
            "unpaid_work": (1.00, 0.93),
            "suspicious_link": (1.00, 0.90),
            "off_platform_contact": (0.93, 0.93),
        },
        short=frozenset({"contact_details", "off_platform_payment", "off_platform_contact"}),
        less_precise_than_rules=frozenset({"work_before_contract"}),
        without_pairs=(27 / 28, 27 / 30),
    ),
    Record(
        name="heldout_pass16.json",
        about="""\
The thirteenth pass's held-out file (`heldout_pass16.json`, issue 15), by another writer: its shape, and the
figures measured on it.

Written by a helper given only the product, the six categories' definitions and the counts, who looked at nothing
in the repository (as `heldout_pass15.json`'s writer), in about twenty-five trades and many registers; committed
(56ef7bc, neutral message) before any tuning of the thirteenth pass; one clean item found verbatim in the training
data ("sorry for the late reply, was travelling") was removed before the commit, so it holds 259 items (30
positives a category, one category each, 79 clean of which 45 near-misses). The pass's writer never opened it. The
thirteenth pass (merged at 263cd32), the rule for "number one" (698defc) and the everyday chat messages
(`everyday_pass13.json`, e0e38f7, chosen before this file was scored and without reading it) froze the rules, the
model and the thresholds; then it was scored once. The tests hold the figures as floors; nothing may be tuned on
this file.

The target is met in five categories of six: 166 of 180 positives found with 3 false positives, the rules alone
102. Moving off the platform is short on precision (0.93 / 0.90): two contact details given with an invitation
("wechat id: …, easier for me than this chat", a LinkedIn profile with "message me there so we can talk
properly") were raised as moving off too, which the writer's definitions leave out when a detail is given; and
"meet in person at a café in Lisbon", "would you mind giving me your phone so we can do voice notes?" and "do you
have line or kakao?" were missed. Paying (0.96 / 0.90) misses "mpesa works for me, i'll send it directly", "share
your card details so I can transfer the advance" (0.35, at the threshold's edge) and "an ETH payment … if you drop
the marketplace contract", and raises "wire me a message on threema" as paying. Work before a contract finds 28 of
30 (misses: "i'll send offer after lunch but u can start …" 0.37, "offer coming as soon as my card is verified"
0.34) and raises nothing; without the pairs of sentences it reads 0.97 / 0.93 (the pairs find nothing more here,
their cap clears one clean item). Links miss a PowerShell script, an .exe "from this google drive link" (0.33) and
a W-8 look-alike domain. 21 items have a near-duplicate (difflib >= 0.75) in the training data as scored (five of
them in `heldout_pass15.json`, by a writer of the same kind); without them the target is met in four categories
(paying 0.96 / 0.89, moving off 0.92 / 0.88).

Since the fourteenth pass the file is **spent**: its misses were read and it is training data (`sm.TRAINING_FILES`,
after `everyday_pass13.json`). So the figures below are a record, not a measurement of the current model: the
rules-alone floors still hold (the rules never saw this file before it was scored, and a rules change that loses
them fails here), the combined floors hold trivially now that the model is trained on the file, and the overlap
check covers the files trained on before it (`hf.trained_before("heldout_pass16.json")`): those of the thirteenth
pass, with which it was scored. The same pass made a detail given with an invitation to use it moving off the
platform as well (the two items raised as moving off above among them): 20 of the file's contact details are
labelled so now (`relabelled`); the floors were checked with the new labels and hold. The seventeenth pass labelled
one more sentence contact details as well (`relabelled_contact`): "facebook messenger is better for me, can u find
me there? same name" tells a handle by reference to this site's name, a contact detail by the fifteenth pass's
convention (its own model scored it 0.40 for contact details, at the threshold). The combined floors hold with it;
the rules alone, which do not read "same name" as a handle, read contact details 0.93 / 0.90 on the file now (0.93 /
0.93 before), and their recall floor came down with the label, not with a change of the rules.
""",
        spent=True,
        positives=30,
        relabelled=20,
        relabelled_contact=1,
        rules_floor={
            "contact_details": (0.93, 0.90),  # recall 0.93 before the seventeenth pass's relabelling
            "off_platform_payment": (0.95, 0.76),
            "work_before_contract": (1.00, 0.23),
            "unpaid_work": (1.00, 0.20),
            "suspicious_link": (1.00, 0.66),
            "off_platform_contact": (0.78, 0.60),
        },
        combined_floor={
            "contact_details": (1.00, 0.93),
            "off_platform_payment": (0.96, 0.90),
            "work_before_contract": (1.00, 0.93),
            "unpaid_work": (1.00, 0.96),
            "suspicious_link": (1.00, 0.90),
            "off_platform_contact": (0.93, 0.90),
        },
        short=frozenset({"off_platform_contact"}),
    ),
    Record(
        name="heldout_pass17.json",
        about="""\
The fourteenth pass's held-out file (`heldout_pass17.json`, issue 15), by another writer: its shape, and the
figures measured on it.

Written by a helper given only the product, the six categories' definitions and the counts, who looked at nothing
in the repository (a third writer of that kind). Its definitions said, for the first time, that a detail given with
an invitation to use it is both a contact detail and moving off (the fourteenth pass's convention). Committed
(f7662b3, neutral message) before any tuning of the fourteenth pass; one positive of paying off the platform found
verbatim in earlier files was removed before the commit, so it holds 251 items (30 positives a category, 29 for
paying, 8 items with two labels, 80 clean of which 53 near-misses). The pass's writer never opened it. The fourteenth
pass (merged at 644e7ea) froze the rules, the model and the thresholds; then it was scored once. The tests hold the
figures as floors; nothing may be tuned on this file.

The target is met in two categories of six (work before a contract 1.00 / 0.93, unpaid work 0.96 / 0.93): 158 of 179
positives found with 3 false positives, the rules alone 92 with 4. Contact details (1.00 / 0.76) miss handles told
in passing ("im on IG as the_ledger_lady", "ig is ivan.3d.render", "Skype name if needed: rafael.mixing", "my tg
username is the same as my name here plus 99"), "could you share your phone number pls" and two emails asked for to
add someone to a Figma team or a Google Drive share; those two were raised as moving off instead, the two false
positives of moving off (0.93 / 1.00), which the writer labelled contact only (a tool's invitation, not a channel).
Links (1.00 / 0.76) miss a macro workbook ("a .xlsm, macros must be on"), "player.exe" in a WeTransfer link, a .js
file to paste into the browser console, a .crx extension and three log-in pages on domains under "example." (which
the writer was told to use for made-up details, and which the screening reads as a documentation domain). Paying
(1.00 / 0.90, 26 of 29) misses "IBAN coming, just transfer the 400 there", "eth or usdc on polygon, your choice" and
"can we do venmo for the tip". Work before a contract misses "I'll work on it over the weekend and you send the
contract monday, deal?" and "we usually let freelancers start, then formalize the contract after first week";
without the pairs of sentences it reads 1.00 / 0.90. Unpaid work raises "free google fonts only please". 14 items
have a near-duplicate (difflib >= 0.75) in the training data as scored; without them the figures barely move
(contact 0.75, paying 0.88, links 0.76 recall).

Since the fifteenth pass the file is **spent**: its misses were read and it is training data (`sm.TRAINING_FILES`,
after `paraphrases_pass14.json`). So the figures below are a record, not a measurement of the current model: the
rules-alone floors still hold (the rules never saw this file before it was scored, and a rules change that loses
them fails here), the combined floors hold trivially now that the model is trained on the file, and the overlap
check covers the files trained on before it (`hf.trained_before("heldout_pass17.json")`): those of the fourteenth
pass, with which it was scored. Its labels already follow the fourteenth pass's convention and the fifteenth pass's
decision (an email asked for to add someone to a tool that is not a chat channel, a Figma team or a Google Drive
share, is a contact detail only), so none was relabelled.
""",
        spent=True,
        rules_floor={
            "contact_details": (0.88, 0.73),
            "off_platform_payment": (1.00, 0.68),
            "work_before_contract": (1.00, 0.20),
            "unpaid_work": (1.00, 0.23),
            "suspicious_link": (1.00, 0.66),
            "off_platform_contact": (0.94, 0.56),
        },
        combined_floor={
            "contact_details": (1.00, 0.76),
            "off_platform_payment": (1.00, 0.89),
            "work_before_contract": (1.00, 0.93),
            "unpaid_work": (0.96, 0.93),
            "suspicious_link": (1.00, 0.76),
            "off_platform_contact": (0.93, 1.00),
        },
        short=frozenset({"contact_details", "off_platform_payment", "suspicious_link", "off_platform_contact"}),
        less_precise_than_rules=frozenset({"unpaid_work", "off_platform_contact"}),
        without_pairs=(27 / 27, 27 / 30),
    ),
    Record(
        name="heldout_pass18.json",
        about="""\
The fifteenth pass's held-out file (`heldout_pass18.json`, issue 15), by another writer: its shape, and the
figures measured on it.

Written by a helper given only the product, the six categories' definitions (with the fourteenth pass's labelling
convention) and the counts, who looked at nothing in the repository (a fourth writer of that kind), told to use
made-up domains that look real (not "example."). Written while the fifteenth pass was tuning, independently of it,
and committed (c140d09, neutral message) before the pass was merged; the pass's writer never opened it. 250 items:
30 positives a category, 10 items with two labels, 80 clean of which 50 near-misses; none found verbatim in
earlier files. The fifteenth pass (merged at 967e5c4) froze the rules, the model and the thresholds; then it was
scored once. The tests hold the figures as floors; nothing may be tuned on this file.

The target is met in three categories of six (work before a contract 1.00 / 0.97, unpaid work 1.00 / 0.97, links
1.00 / 0.93): 161 of 180 positives found with 6 false positives, the rules alone 91 with 6. Moving off the platform
(0.83 / 0.83) misses plain requests to call ("call me tomorrow morning and we sort the scope", "ring me after 6pm,
it's easier to explain … on the phone"), "slide into my DMs on twitter", a detail with "join me there" and a
"secure portal instead" next to a phishing link; and raises five: a Skype ID and a phone number asked for a
vendor registration or a pickup form, a handle "on the blue bird app" told without an invitation, "should the
resume have a LinkedIn line?" and "my paypal is …, send the 80 there", which the combined screening reads as
moving off instead of paying (the rules had paying). Contact details (1.00 / 0.80) miss an email asked for Figma or
an app-store listing, "my x handle is @…" and that blue-bird handle. Paying (0.96 / 0.87) misses "zelle or venmo
works", "revolut me the 40 euro", "UPI pe bhej dijiye" and the PayPal address above, and raises a bookkeeping list
of "PayPal fees, Stripe fees". Work before a contract misses "ya start kar do bhai, offer baad me bhejta hoon";
without the pairs of sentences it reads 1.00 / 0.90. Links miss "Invoice_Payment_Details.pdf.exe" and a .js test
script run "as admin". 13 items have a near-duplicate (difflib >= 0.75) in the training data as scored.

Since the sixteenth pass the file is **spent**: its misses were read and it is training data (`sm.TRAINING_FILES`,
after `paraphrases_pass15.json`). So the figures below are a record, not a measurement of the current model: the
rules-alone floors still hold (the rules never saw this file before it was scored, and a rules change that loses
them fails here), the combined floors hold trivially now that the model is trained on the file, and the overlap
check covers the files trained on before it (`hf.trained_before("heldout_pass18.json")`): those of the fifteenth
pass, with which it was scored. Its labels already follow the fourteenth pass's convention and the fifteenth pass's
decision (a Skype ID or a number asked for a vendor registration or a pickup form, an email asked for Figma, is a
contact detail only; a plain "call me tomorrow" is moving off), so none was relabelled.
""",
        spent=True,
        positives=30,
        rules_floor={
            "contact_details": (0.92, 0.76),
            "off_platform_payment": (0.95, 0.76),
            "work_before_contract": (1.00, 0.13),
            "unpaid_work": (1.00, 0.26),
            "suspicious_link": (1.00, 0.70),
            "off_platform_contact": (0.80, 0.40),
        },
        combined_floor={
            "contact_details": (1.00, 0.80),
            "off_platform_payment": (0.96, 0.86),
            "work_before_contract": (1.00, 0.96),
            "unpaid_work": (1.00, 0.96),
            "suspicious_link": (1.00, 0.93),
            "off_platform_contact": (0.83, 0.83),
        },
        short=frozenset({"contact_details", "off_platform_payment", "off_platform_contact"}),
        without_pairs=(27 / 27, 27 / 30),
    ),
    Record(
        name="heldout_pass19.json",
        about="""\
The sixteenth pass's held-out file (`heldout_pass19.json`, issue 15), by another writer: its shape, and the
figures measured on it.

Written by a helper given only the product, the six categories' definitions (with the labelling conventions of the
fourteenth and fifteenth passes) and the counts, who looked at nothing in the repository (a fifth writer of that
kind), asked for indirect wording (slang, hints, euphemisms) and "a little code-mixing". Written while the sixteenth
pass was tuning, independently of it, and committed (7e14da5, neutral message) before the pass was merged; the
pass's writer never opened it. 250 items: 30 positives a category, 10 with two labels, 80 clean of which 50
near-misses; none found verbatim in earlier files. The sixteenth pass (merged with 30 clean requests to talk added
after CI, 89d0957) froze the rules, the model and the thresholds; then it was scored once. The tests hold the
figures as floors; nothing may be tuned on this file.

The target is met in one category of six (links 1.00 / 0.93): 152 of 180 positives found with 9 false positives,
the rules alone 101 with 5. The writer took "a little code-mixing" further than any earlier file: 13 of the 28 missed
positives are written in Spanish, Portuguese, French, Tagalog, Russian or Hinglish ("aceita pix? te mando agora
metade", "empieza con el diseño ya porfa, el contrato lo armamos después", "sa messenger na lang tayo mag-usap"),
which neither the rules nor the English training data cover. In English it misses "start posting on the IG account
tomorrow, I'll sort the offer end of week", "bro just do the backend fix tonight, offer tomorrow first thing", "I
accept USDT (TRC20) only for this gig", "Can you do Zelle? Our bookkeeper hates the marketplace payouts", "call me
when u free, i explain the whole app better by voice", "I'd rather not keep chatting here, they read everything.
text me later?", a number asked for a vendor profile, a direct line given for consent forms, a TikTok handle "same
as my username here", and "docs-g00gle.com" and "gdrive-share.click" links. False positives: bookkeeping and lease
drafting about bank statements, PayPal fees and rent transfers (paying, 3), a voice-over line with a 1-800 number
(contact), a LinkedIn asked to verify a background (moving off), "write me a 500 word sample on crypto regulation,
not paid" read as paying instead of unpaid. The pairs of sentences find nothing more here: work before a contract
reads 0.96 / 0.83 with them or without. 14 items have a near-duplicate (difflib >= 0.75) in the training data as
scored.

Since the seventeenth pass the file is **spent**: its misses were read and it is training data (`sm.TRAINING_FILES`,
after `paraphrases_pass16.json`). So the figures below are a record, not a measurement of the current model: the
rules-alone floors still hold (the rules never saw this file before it was scored, and a rules change that loses
them fails here), the combined floors hold trivially now that the model is trained on the file, and the overlap
check covers the files trained on before it (`hf.trained_before("heldout_pass19.json")`): those of the sixteenth
pass, with which it was scored. Its labels follow the conventions of the fourteenth and fifteenth passes (a LinkedIn
asked to check a background is a contact detail only), so none was relabelled.
""",
        spent=True,
        positives=30,
        rules_floor={
            "contact_details": (0.89, 0.83),
            "off_platform_payment": (0.95, 0.70),
            "work_before_contract": (1.00, 0.23),
            "unpaid_work": (1.00, 0.36),
            "suspicious_link": (1.00, 0.73),
            "off_platform_contact": (0.93, 0.50),
        },
        combined_floor={
            "contact_details": (0.92, 0.83),
            "off_platform_payment": (0.85, 0.80),
            "work_before_contract": (0.96, 0.83),
            "unpaid_work": (1.00, 0.86),
            "suspicious_link": (1.00, 0.93),
            "off_platform_contact": (0.92, 0.80),
        },
        short=frozenset(
            {
                "contact_details",
                "off_platform_payment",
                "work_before_contract",
                "unpaid_work",
                "off_platform_contact",
            }
        ),
        less_precise_than_rules=frozenset({"off_platform_payment", "work_before_contract", "off_platform_contact"}),
    ),
    Record(
        name="heldout_pass20.json",
        about="""\
The seventeenth pass's held-out file (`heldout_pass20.json`, issue 15), by another writer: its shape, and the
figures measured on it.

Written by a helper given only the product, the six categories' definitions (with the labelling conventions of the
fourteenth and fifteenth passes) and the counts, who looked at nothing in the repository (a sixth writer of that
kind), asked for indirect wording and "a little code-mixing" as the sixteenth pass's writer was. Written before any
tuning of the seventeenth pass and committed (b4e78bb, neutral message) before its rules; the pass's helpers never
opened it. 250 items: 30 positives a category, 10 with two labels, 80 clean of which 56 near-misses; none found
verbatim in earlier files. The seventeenth pass froze the rules, the glossary, the model and the thresholds
(563d6d9); then it was scored once. The tests hold the figures as floors; nothing may be tuned on this file.

The target is met in three categories of six: paying 0.97 / 0.93, unpaid work 1.00 / 0.93, links 1.00 / 0.90; 155
of 180 positives found with 6 false positives, the rules alone 84 with 6. Short: contact details 0.92 / 0.73 (an
email asked for a tool, which the conventions make a contact detail only, in shapes the rules do not read: "the
email tied to your Figma account", "your Apple ID email ... TestFlight", "the best email to put you on the Trello
board", "the email you use on Dropbox", "your personal email to send the event badge", "full name, home address and
mobile number for our HR paperwork"; a TikTok profile link and "my Dribbble is @kofi.makes"; a number given for an
ad's copy or a data format raised), work before a contract 1.00 / 0.87 ("start whenever and I'll open a contract
once I see some progress", "I'll open the contract retroactively for the hours", "I'll add the milestone when my
client pays me", "I'll send an official offer after our call here"), moving off 0.89 / 0.80 ("Text me when you've got
the first cut, don't bother posting it here", "jump on Google Meet tomorrow", "reply on Signal, I'm not comfortable
discussing the budget in this chat", "add you to our Microsoft Teams channel", a number spelled out in French after
"Écris-moi sur WhatsApp"; raised: a "Chat on WhatsApp" button to build, an email for a calendar invite, a number
asked for a venue's load-in). The other languages: "Me paga por Pix que eu faço com desconto" missed, a Spanish
log-in on "drive-google.co" missed; a look-alike spelled with two Cyrillic letters ("freelancer-jobs.co/login ... the
same password as here", each "e" a Cyrillic "ie") missed. The pairs of sentences find nothing more here (work
before a contract 1.00 / 0.87 with them or without). 11 items have a near-duplicate (difflib >= 0.75) in the
training data as scored.

Since the eighteenth pass the file is **spent**: its misses were read and it is training data (`sm.TRAINING_FILES`,
after `multilingual_pass17.json`). So the figures below are a record, not a measurement of the current model: the
rules-alone floors still hold (the rules never saw this file before it was scored, and a rules change that loses
them fails here), the combined floors hold trivially now that the model is trained on the file, and the overlap
check covers the files trained on before it (`hf.trained_before("heldout_pass20.json")`): those of the seventeenth
pass, with which it was scored. Its labels follow the conventions (an email for a calendar invite is a contact detail
only), so none was relabelled.
""",
        spent=True,
        positives=30,
        rules_floor={
            "contact_details": (0.90, 0.66),
            "off_platform_payment": (1.00, 0.66),
            "work_before_contract": (1.00, 0.20),
            "unpaid_work": (0.83, 0.16),
            "suspicious_link": (1.00, 0.73),
            "off_platform_contact": (0.78, 0.36),
        },
        combined_floor={
            "contact_details": (0.91, 0.73),
            "off_platform_payment": (0.96, 0.93),
            "work_before_contract": (1.00, 0.86),
            "unpaid_work": (1.00, 0.93),
            "suspicious_link": (1.00, 0.90),
            "off_platform_contact": (0.88, 0.80),
        },
        short=frozenset({"contact_details", "work_before_contract", "off_platform_contact"}),
        less_precise_than_rules=frozenset({"off_platform_payment"}),
    ),
    Record(
        name="heldout_pass21.json",
        about="""\
The eighteenth pass's held-out file (`heldout_pass21.json`, issue 15), by another writer: its shape, and the
figures measured on it.

Written by a helper given only the product, the six categories' definitions (with the labelling conventions of the
fourteenth and fifteenth passes) and the counts, who looked at nothing in the repository (a seventh writer of that
kind), with the same brief as the two before (indirect wording, "a little code-mixing"). Written before the
eighteenth pass read `heldout_pass20.json`'s misses and committed (5ea5ac4, neutral message) before the pass's rules;
the pass's helpers never opened it. 250 items: 30 positives a category, 10 with two labels, 80 clean of which 57
near-misses; none found verbatim in earlier files. The eighteenth pass froze the rules, the model and the thresholds
(ffa7d8f); then it was scored once. The tests hold the figures as floors; nothing may be tuned on this file.

The target is met in three categories of six: work before a contract 0.97 / 0.97, unpaid work 1.00 / 1.00, links
0.97 / 0.97. 170 of 180 positives found (0.94) with 8 false positives, the rules alone 99 with 7. Short by a false
positive each: contact details 0.93 / 0.90 (a dentist's clinic phone on a business card to design and a bakery's
number for a flyer's footer raised) and paying 0.94 / 1.00 ("explain how Bitcoin transaction fees work" in a
tutoring session, "Let's do WeChat, my team doesn't use this site" read as paying); moving off 0.93 / 0.83 misses
"send it to me on Telegram" after a free sample, "sort the payment on WhatsApp", "I'll send you a Teams invite,
we'll do the onboarding there", "Let's do WeChat", "the app with the green phone icon", and raises "add me to the
Notion workspace pls: k dot oyelaran at proton dot me" and a phone number asked for a Calendly booking (both
contact details only by the conventions). Also missed: an address asked "for Google Docs", a "calendar email",
"work in parallel from Monday" while procurement issues the contract, a javascript: link that reads the cookies;
raised: "Ring me when you land" as work before a contract (labelled clean by its writer), "Download the latest
Blender from blender.org" as a link. The pairs of sentences find one more work before a contract (0.97 / 0.93 a
sentence at a time). 22 items have a near-duplicate (difflib >= 0.75) in the training data as scored.
""",
        spent=False,
        positives=30,
        rules_floor={
            "contact_details": (0.88, 0.76),
            "off_platform_payment": (0.91, 0.73),
            "work_before_contract": (1.00, 0.26),
            "unpaid_work": (1.00, 0.30),
            "suspicious_link": (1.00, 0.80),
            "off_platform_contact": (0.86, 0.43),
        },
        combined_floor={
            "contact_details": (0.93, 0.90),
            "off_platform_payment": (0.93, 1.00),
            "work_before_contract": (0.96, 0.96),
            "unpaid_work": (1.00, 1.00),
            "suspicious_link": (0.96, 0.96),
            "off_platform_contact": (0.92, 0.83),
        },
        short=frozenset({"contact_details", "off_platform_payment", "off_platform_contact"}),
        less_precise_than_rules=frozenset({"work_before_contract", "suspicious_link"}),
        without_pairs=(28 / 29, 28 / 30),
    ),
)
