"""Statistical screening next to the rules: one text classifier per category, combined with the rules' hits.

Pure module (scikit-learn, no Django), like `marketplace.screening`. Each sentence is described by TF-IDF over
word 1-2-grams and character 2-5-grams (robust to spelling, obfuscation and word order) plus one feature per
category saying whether a rule hit falls in that sentence. One logistic regression per category turns that into
a probability: the combined score. The rules stay the precise part (a rule hit weighs heavily), the words add
paraphrases the rules don't know ("you're hired, begin today"), and near-misses the rules catch by mistake
("my portfolio has free samples") can pull a rule hit's score down.

* `training_examples(corpus, paraphrases)`: the labelled sentences. Corpus sentences take the categories the rules
  find in them (the rules are exact on the tuning corpus at group level), minus those the sentence is listed as a
  negative for; paraphrases (and moderators' exported decisions) carry their own labels.
* `train(examples)` -> `Classifier`; `save`/`load` (joblib); `load_default()` loads the committed model once per
  process.
* `scores(text, classifier)`: one score per category in [0, 1], the highest over the text's sentences.
  `screen_combined(text, classifier, thresholds)` returns the hits of the categories whose score passes the
  threshold: the rules' hits there, or the sentence itself (kind "classifier") when no rule hit it.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import joblib
import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.multiclass import OneVsRestClassifier
from sklearn.pipeline import FeatureUnion
from sklearn.preprocessing import MultiLabelBinarizer

from .contact import _CONTACT_RULES
from .cues import CUE_WEIGHT, CUES
from .detect import _RISKY_RULES, screen
from .glossary import glossed
from .hits import Category, Hit, ScreeningResult
from .moving_off import DETAIL_WITH_INVITE

__all__ = [
    "CATEGORIES",
    "DEFAULT_MODEL_PATH",
    "DEFAULT_THRESHOLDS",
    "MAX_CLASSIFIED_CHARS",
    "Classifier",
    "Example",
    "load",
    "load_default",
    "load_json",
    "save",
    "scores",
    "screen_combined",
    "train",
    "training_examples",
]

CATEGORIES: tuple[Category, ...] = tuple(Category)
LABELS: tuple[str, ...] = tuple(str(c) for c in CATEGORIES)
DEFAULT_MODEL_PATH = Path(__file__).with_name("model.joblib")
# Score a category needs before it is raised, chosen by hand on the 5-fold cross-validated scores of the training
# data (corpus, paraphrases, the spent held-out files), never on an unspent held-out file: the lowest score with
# cross-validated precision >= 0.95 (a held-out file of ~10 positives a category allows no false positive), then
# recall; the fourth pass moved work before a contract to 0.75, unpaid work to 0.6, suspicious links to 0.4 and
# moving off the platform to 0.8; the fifth (with C=100) paying off the platform to 0.4, unpaid work to 0.7,
# suspicious links back to 0.5 (a job scope about a sign-in page passed 0.4 on the fourth held-out file) and moving
# off the platform to 0.75. The sixth pass chose them on the pooled leave-one-held-out-file-out estimate first
# (`bench/screening_lofo.py`: each spent held-out file scored by a model trained without it), in the middle of the
# range where it holds precision >= 0.97 and recall >= 0.92, then on 5-fold CV; only suspicious links moved, to
# 0.45 (missed phishing links were its recurring failure; CV precision stays 0.97). The seventh pass did the same
# with the sixth held-out file among the spent ones (its strict estimate the most telling): the strict
# leave-one-file-out figures are flat from 0.5 to 0.75 for both categories whose recall fell short on that file, so
# CV (pooled over three fold seeds) decided: work before a contract to 0.7 (CV 0.978 / 0.943 against 0.981 / 0.936
# at 0.75) and moving off the platform to 0.65 (0.969 / 0.953 against 0.976 / 0.944). The eighth pass (the seventh
# held-out file spent) traded some precision headroom for recall where the strict leave-one-file-out sweep holds
# precision ~1.00 and CV (three seeds) >= 0.955: paying off the platform to 0.35, unpaid work to 0.6, suspicious
# links to 0.4 and moving off the platform to 0.6; contact details went up to 0.6 (a messenger invitation without a
# handle scored 0.56 as contact details; CV 0.992 / 0.945 against 0.989 / 0.949 at 0.5, the same recall on
# leave-one-file-out: the handles the last files missed are found by the rules now). The ninth pass (the eighth and
# ninth held-out files spent; the ninth file's paying precision fell short) moved paying off the platform back up to
# 0.45: on the strict leave-one-file-out estimate 0.993 / 0.980 against 0.987 / 0.980 at 0.35 (a shop's payment
# options at 0.41), on CV (three seeds) 0.958 / 0.939 against 0.956 / 0.942. The tenth pass (`heldout_pass10.json`
# spent, whose recall fell short in contact details, paying and work before a contract; 479 paraphrases in many
# trades)
# lowered four: contact details to 0.4 (CV 0.990 / 0.964 against 0.991 / 0.956 at 0.6; strict leave-one-file-out
# 0.995 / 0.995 against 0.994 / 0.984), paying off the platform to 0.35 (CV 0.963 / 0.942 against 0.968 / 0.937;
# leave-one-file-out precision 1.000 from 0.3 up), work before a contract to 0.6 (CV 0.958 / 0.928 against 0.960 /
# 0.919 at 0.7); unpaid work, suspicious links and moving off the platform stay (0.6, 0.4, 0.6). The eleventh pass
# (`heldout_pass11.json` spent; 388 paraphrases with 120 hard negatives, many of them "wait for the offer" sentences
# next to the work-before-a-contract positives) moved work before a contract back up to 0.65: CV precision (three
# seeds) at 0.6 fell to 0.949 (0.952 / 0.931 at 0.65, 0.955 / 0.922 at 0.7); the other five stay. The twelfth pass
# (`heldout_pass12.json` and `heldout_pass13.json` spent; 440 paraphrases, 166 of them clean, many "the offer is
# accepted, I start tonight" next to "paperwork to follow" positives) moved work before a contract up to 0.7: CV
# precision at 0.65 fell to 0.949 pooled over three seeds (0.951 on one; 0.953 / 0.919 and 0.956 / 0.918 at 0.7),
# while the strict leave-one-file-out estimate reads 0.992 / 0.930 at 0.7 against 0.988 / 0.934 at 0.65; the other
# five stay. The thirteenth pass (`heldout_pass14.json` and `heldout_pass15.json` spent, 242 paraphrases, 400
# everyday chat messages) moved none: single-seed CV precision is 0.959 or more in every category. The fourteenth
# (`heldout_pass16.json` and `everyday_heldout.json` spent, 292 paraphrases, a detail given with an invitation
# labelled moving off as well) moved none either: single-seed CV precision is 0.959 or more in every category and
# recall 0.924 or more. The fifteenth (`heldout_pass17.json` spent, 287 paraphrases, an email asked for a tool that
# is not a chat channel labelled contact details only) moved none: single-seed CV precision 0.955 or more, recall
# 0.930 or more; the sweep offers no clear gain (paying at 0.3 or moving off at 0.5 buy 0.003-0.007 recall for
# precision, and moving off's precision was what fell short on `heldout_pass17.json`). The sixteenth
# (`heldout_pass18.json` spent, 250 paraphrases) moved none: single-seed CV precision 0.961 or more, recall 0.923 or
# more; contact details at 0.5 would buy 0.002 precision for 0.005 recall, and strict leave-one-file-out is 0.988 or
# more in precision at the current thresholds.
# Settings (`SCREENING_THRESHOLDS`) may override them.
DEFAULT_THRESHOLDS: dict[str, float] = {
    "contact_details": 0.4,
    "off_platform_payment": 0.35,
    "work_before_contract": 0.7,
    "unpaid_work": 0.6,
    "suspicious_link": 0.4,
    "off_platform_contact": 0.6,
}
# The classifier reads at most this many characters of a text, so its cost stays bounded (a room message has
# at most 5,000); the rules still read all of it.
MAX_CLASSIFIED_CHARS = 5_000
SEED = 0
# Inverse regularisation and the weight of the rule features against the (unit-length) TF-IDF vector: one
# feature per category a rule hit falls in, and one per rule kind ("messenger_invite" in contact details is not
# "email": an invitation to a messenger gives no address). C was 30 until the fifth pass; on its 3,150 sentences
# C=100 is better on 5-fold CV in every category (C=60 and C=300 no better). On the sixth pass's ~3,800, C=200 is as
# good on leave-one-file-out and a little better on 5-fold CV (work before a contract, moving off the platform)
# than C=30, 60 or 100. On the eighth pass's ~5,270 it stays: C=100 gives the same strict leave-one-file-out
# figures, C=400 one more false positive (work before a contract).
C_VALUE = 200.0
GLOSSED = True  # the word features read other languages' words with their English glosses (`glossary`)
RULE_WEIGHT = 3.0
KIND_WEIGHT = 3.0
# Every (category, kind) the rules can report; a model keeps the list it was trained with.
RULE_KINDS: tuple[str, ...] = tuple(
    sorted(
        {f"{r.category}:{r.kind}" for r in _CONTACT_RULES + _RISKY_RULES}
        | {f"{Category.OFF_PLATFORM_CONTACT}:{DETAIL_WITH_INVITE}"}
    )
)
# Labelled files next to corpus.json that `train_screening` reads, in this order (a later label of the same
# sentence wins): the second pass's paraphrases, the third pass's, the second and third passes' held-out files,
# spent once they were scored (issue 15) and training material since, the fourth pass's paraphrases, its held-out
# file (spent in the fifth pass), the fifth pass's paraphrases, its held-out file (spent in the sixth pass), the
# sixth pass's paraphrases, its held-out file (spent in the seventh pass), the seventh pass's paraphrases, its
# held-out file (spent in the eighth pass), the eighth pass's paraphrases, its held-out file and the confirmation
# file scored with the same model (both spent in the ninth pass), the ninth pass's paraphrases, its held-out file
# (spent in the tenth pass), the tenth pass's paraphrases, its held-out file (spent in the eleventh pass), the
# eleventh pass's paraphrases, its held-out file and the pairs' held-out file (both spent in the twelfth pass), the
# twelfth pass's paraphrases, its held-out file and another writer's (both spent in the thirteenth pass), the
# thirteenth pass's paraphrases and its everyday chat messages (all clean: short generic chat was raised as moving
# off the platform), its held-out file and the everyday file scored with it (both spent in the fourteenth pass), the
# fourteenth pass's paraphrases, its held-out file (spent in the fifteenth pass), the fifteenth pass's paraphrases,
# its held-out file (spent in the sixteenth pass), the sixteenth pass's paraphrases.
# Since the fourteenth pass a contact detail given with an invitation to use it is labelled moving off the platform
# as well, in every file (280 sentences relabelled then); since the fifteenth an email or a number asked for a tool
# that is not a chat channel (a Figma team, a Drive share) or for someone's records is contact details only (no
# training sentence needed relabelling); the sixteenth pass kept both (a messenger ID or a number asked for a form
# is contact details only, a plain "call me tomorrow" is moving off; none relabelled).
TRAINING_FILES = (
    "paraphrases.json",
    "paraphrases_pass3.json",
    "heldout.json",
    "heldout_pass3.json",
    "paraphrases_pass4.json",
    "heldout_pass4.json",
    "paraphrases_pass5.json",
    "heldout_pass5.json",
    "paraphrases_pass6.json",
    "heldout_pass6.json",
    "paraphrases_pass7.json",
    "heldout_pass7.json",
    "paraphrases_pass8.json",
    "heldout_pass8.json",
    "heldout_pass9.json",
    "paraphrases_pass9.json",
    "heldout_pass10.json",
    "paraphrases_pass10.json",
    "heldout_pass11.json",
    "paraphrases_pass11.json",
    "heldout_pass12.json",
    "heldout_pass13.json",
    "paraphrases_pass12.json",
    "heldout_pass14.json",
    "heldout_pass15.json",
    "paraphrases_pass13.json",
    "everyday_pass13.json",
    "heldout_pass16.json",
    "everyday_heldout.json",
    "paraphrases_pass14.json",
    "heldout_pass17.json",
    "paraphrases_pass15.json",
    "heldout_pass18.json",
    "paraphrases_pass16.json",
    "heldout_pass19.json",
    "paraphrases_pass17.json",
    "multilingual_pass17.json",
    "heldout_pass20.json",
    "paraphrases_pass18.json",
)

Example = tuple[str, frozenset[str]]
_SENTENCE = re.compile(r"[^\n]+?(?:[.!?]+(?=\s|$)|$)", re.MULTILINE)


def training_examples(corpus: Mapping[str, Any], paraphrases: Sequence[Mapping[str, Any]] = ()) -> list[Example]:
    groups = {
        "contact_details": {str(Category.CONTACT_DETAILS)},
        "risky_talk": set(LABELS) - {str(Category.CONTACT_DETAILS)},
    }
    negative_for: dict[str, set[str]] = {}
    sentences: list[str] = []
    for group, cats in groups.items():
        for text in corpus[group]["positive"] + corpus[group]["negative"]:
            if text not in negative_for:
                sentences.append(text)
                negative_for[text] = set()
        for text in corpus[group]["negative"]:
            negative_for[text] |= cats
    for text in corpus.get("neutral", []):
        if text not in negative_for:
            sentences.append(text)
        negative_for[text] = set(LABELS)
    # A labelled sentence's own categories win over those read off the corpus (and a later file over an earlier).
    labelled = {str(p["text"]): frozenset(p["categories"]) for p in paraphrases}
    examples = [
        (text, frozenset({str(c) for c in screen(text).categories} - negative_for[text]))
        for text in sentences
        if text not in labelled
    ]
    examples += list(labelled.items())
    return examples


def _features() -> FeatureUnion:
    return FeatureUnion(
        [
            # Seventeenth pass: the words of other languages read with their English glosses too (`glossary`).
            ("word", TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, preprocessor=glossed if GLOSSED else None)),
            ("char", TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True, lowercase=True)),
        ]
    )


def rule_found(hits: Iterable[Hit]) -> frozenset[str]:
    """What the rule features read of some hits: their categories and their "category:kind"s."""
    hits = list(hits)
    return frozenset(str(h.category) for h in hits) | frozenset(f"{h.category}:{h.kind}" for h in hits)


def _rule_matrix(
    found_per_text: Sequence[frozenset[str]], kinds: Sequence[str], texts: Sequence[str], cues: Sequence[str]
) -> sp.csr_matrix:
    rows = [
        [RULE_WEIGHT if label in found else 0.0 for label in LABELS]
        + [KIND_WEIGHT if kind in found else 0.0 for kind in kinds]
        + [CUE_WEIGHT if CUES[cue](text) else 0.0 for cue in cues]
        for found, text in zip(found_per_text, texts, strict=True)
    ]
    return sp.csr_matrix(np.array(rows, dtype=float).reshape(len(rows), len(LABELS) + len(kinds) + len(cues)))


@dataclass(frozen=True)
class Classifier:
    features: FeatureUnion
    model: OneVsRestClassifier
    labels: tuple[str, ...]
    kinds: tuple[str, ...] = ()
    cues: tuple[str, ...] = ()

    def probabilities(
        self, texts: Sequence[str], found: Sequence[frozenset[str]] | None = None
    ) -> list[dict[str, float]]:
        """Per text, the probability of each category; `found` is what the rules found in each text
        (`rule_found(hits)`; screened here when not given)."""
        if not texts:
            return []
        if found is None:
            found = [rule_found(screen(t).hits) for t in texts]
        texts = list(texts)
        x = sp.hstack([self.features.transform(texts), _rule_matrix(found, self.kinds, texts, self.cues)]).tocsr()
        rows = self.model.predict_proba(x)
        return [{label: float(p) for label, p in zip(self.labels, row, strict=True)} for row in rows]


def train(examples: Iterable[Example]) -> Classifier:
    ordered = sorted(set(examples), key=lambda e: (e[0], sorted(e[1])))  # the same model whatever the file order
    texts = [text for text, _ in ordered]
    binarizer = MultiLabelBinarizer(classes=list(LABELS))
    y = binarizer.fit_transform([sorted(labels) for _, labels in ordered])
    features = _features().fit(texts)
    rules = [rule_found(screen(t).hits) for t in texts]
    cues = tuple(CUES)
    x = sp.hstack([features.transform(texts), _rule_matrix(rules, RULE_KINDS, texts, cues)]).tocsr()
    regression = LogisticRegression(
        C=C_VALUE, class_weight="balanced", solver="liblinear", max_iter=2000, random_state=SEED
    )
    model = OneVsRestClassifier(regression).fit(x, y)
    return Classifier(features=features, model=model, labels=tuple(binarizer.classes_), kinds=RULE_KINDS, cues=cues)


def save(classifier: Classifier, path: Path) -> None:
    joblib.dump(
        {
            "features": classifier.features,
            "model": classifier.model,
            "labels": classifier.labels,
            "kinds": classifier.kinds,
            "cues": classifier.cues,
        },
        path,
        compress=3,
    )


def load(path: Path) -> Classifier:
    data = joblib.load(path)
    return Classifier(
        features=data["features"],
        model=data["model"],
        labels=tuple(data["labels"]),
        kinds=tuple(data.get("kinds", ())),
        cues=tuple(data.get("cues", ())),
    )


@functools.cache
def load_default() -> Classifier | None:
    """The committed model, loaded once per process (None when it was never built)."""
    return load(DEFAULT_MODEL_PATH) if DEFAULT_MODEL_PATH.exists() else None


def _sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans of the first `MAX_CLASSIFIED_CHARS` characters, surrounding spaces trimmed."""
    head = text[:MAX_CLASSIFIED_CHARS]
    spans = []
    for m in _SENTENCE.finditer(head):
        start, end = m.start(), m.end()
        while start < end and head[start].isspace():
            start += 1
        while end > start and head[end - 1].isspace():
            end -= 1
        if start < end:
            spans.append((start, end))
    return spans


# Work before a contract is a relation between two statements, the work now and the formality later, and a message
# often puts them in two sentences ("Could you start tonight? The offer will follow on Friday."), neither risky
# alone. So this category is also scored over each pair of adjacent sentences; the others are said in one place (a
# handle, a link, a payment rail) and stay scored a sentence at a time, where a pair could only add false positives.
PAIRED = frozenset({"work_before_contract"})
# Twelfth pass. The other way round, a neighbour can also clear a sentence: "I accepted your offer. I will begin the
# logo sketches this evening." scored 0.98 on its second sentence alone (a start with a time, read without the
# contract said just before), 0.01 as a pair. So in a text of several sentences, a sentence's score in a `PAIRED`
# category is capped at the best score of the pairs it belongs to plus this margin: a neighbour that puts the
# contract first pulls it down, a neighbour that only dilutes the words (a greeting, a line on the work) does not.
PAIR_MARGIN = 0.3


def _sentence_scores(
    text: str, classifier: Classifier, rules: ScreeningResult
) -> list[tuple[int, int, dict[str, float]]]:
    """Per sentence, then per pair of adjacent sentences (`PAIRED` categories only): its span and its scores."""
    spans = _sentences(text)
    pairs = [(spans[i][0], spans[i + 1][1]) for i in range(len(spans) - 1)] if PAIRED else []
    windows = spans + pairs
    found = [
        rule_found(h for h in rules.hits if start <= h.start < end or h.start <= start < h.end)
        for start, end in windows
    ]
    probs = classifier.probabilities([text[s:e] for s, e in windows], found)
    n = len(spans)
    for i in range(n if PAIRED and n > 1 else 0):
        # Pair i - 1 is (sentence i - 1, sentence i), pair i is (sentence i, sentence i + 1).
        adjacent = [probs[n + j] for j in (i - 1, i) if 0 <= j < n - 1]
        for label in PAIRED:
            cap = max(pair[label] for pair in adjacent) + PAIR_MARGIN
            probs[i] = {**probs[i], label: min(probs[i][label], cap)}
    return [
        (s, e, p if i < n else {label: v for label, v in p.items() if label in PAIRED})
        for i, ((s, e), p) in enumerate(zip(windows, probs, strict=True))
    ]


def scores(text: str, classifier: Classifier, *, rules: ScreeningResult | None = None) -> dict[str, float]:
    """One score per category in [0, 1]: the highest combined probability over the text's sentences."""
    rules = rules if rules is not None else screen(text)
    result = dict.fromkeys(LABELS, 0.0)
    for _, _, probs in _sentence_scores(text, classifier, rules):
        for label, p in probs.items():
            result[label] = max(result[label], p)
    return result


def screen_combined(
    text: str,
    classifier: Classifier,
    thresholds: Mapping[str, float] | None = None,
    *,
    rules: ScreeningResult | None = None,
) -> ScreeningResult:
    """The hits of the categories whose combined score passes its threshold.

    A category keeps the rules' hits when it passes and a rule found it; otherwise its best sentence becomes one
    hit of kind "classifier" (`text[hit.start:hit.end] == hit.text`). Rule hits beyond the classified head of a
    long text are kept as they are.
    """
    rules = rules if rules is not None else screen(text)
    limits = {**DEFAULT_THRESHOLDS, **(thresholds or {})}
    best: dict[str, tuple[float, int, int]] = {}
    for start, end, probs in _sentence_scores(text, classifier, rules):
        for label, p in probs.items():
            if p >= limits[label] and p > best.get(label, (-1.0, 0, 0))[0]:
                best[label] = (p, start, end)
    kept: list[Hit] = []
    for hit in rules.hits:
        if str(hit.category) in best or hit.start >= MAX_CLASSIFIED_CHARS:
            kept.append(hit)
    ruled = {str(h.category) for h in kept}
    for label, (_, start, end) in best.items():
        if label not in ruled:
            kept.append(Hit(Category(label), "classifier", text[start:end], start, end))
    contact = tuple(h for h in kept if h.category == Category.CONTACT_DETAILS)
    risky = tuple(h for h in kept if h.category != Category.CONTACT_DETAILS)
    return ScreeningResult(contact_details=contact, risky=risky)


def load_json(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))
