"""Statistical screening next to the rules: a text classifier per category, combined with the rules' hits.

Pure module (scikit-learn, no Django), like `marketplace.screening`. TF-IDF over word 1-2-grams and character
2-5-grams (robust to spelling, obfuscation and word order) feeds one logistic regression per category. The
rules stay the precise part; the classifier adds paraphrases the rules don't know ("you're hired, begin today").

* `training_examples(corpus, paraphrases)`: the labelled sentences. Corpus sentences take the categories the rules
  find in them (the rules are exact on the tuning corpus at group level), minus those the sentence is listed as a
  negative for; paraphrases carry their own labels.
* `train(examples)` -> `Classifier`; `save`/`load` (joblib); `load_default()` loads the committed model once per
  process.
* `scores(text, classifier)`: one score per category in [0, 1]: 1.0 when a rule hits, else the classifier's highest
  probability over the text's sentences. `screen_combined(text, classifier, thresholds)` returns the rules'
  `ScreeningResult` plus a "classifier" hit (the sentence) for each category whose score passes its threshold.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import joblib
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.multiclass import OneVsRestClassifier
from sklearn.pipeline import FeatureUnion, Pipeline
from sklearn.preprocessing import MultiLabelBinarizer

from .screening import Category, Hit, ScreeningResult, screen

__all__ = [
    "CATEGORIES",
    "DEFAULT_MODEL_PATH",
    "DEFAULT_THRESHOLDS",
    "Classifier",
    "load",
    "load_default",
    "scores",
    "screen_combined",
    "train",
    "training_examples",
]

CATEGORIES: tuple[Category, ...] = tuple(Category)
DEFAULT_MODEL_PATH = Path(__file__).with_name("screening_model.joblib")
# Probability a sentence needs before the classifier alone raises a category (settings may override).
DEFAULT_THRESHOLDS: dict[str, float] = {str(c): 0.5 for c in CATEGORIES}
SEED = 0

Example = tuple[str, frozenset[str]]
_SENTENCE = re.compile(r"[^.!?\n]+[.!?]*")


def training_examples(corpus: Mapping, paraphrases: Sequence[Mapping] = ()) -> list[Example]:
    groups = {
        "contact_details": {str(Category.CONTACT_DETAILS)},
        "risky_talk": {str(c) for c in CATEGORIES} - {"contact_details"},
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
        negative_for[text] = {str(c) for c in CATEGORIES}
    examples = [(text, frozenset({str(c) for c in screen(text).categories} - negative_for[text])) for text in sentences]
    examples += [(p["text"], frozenset(p["categories"])) for p in paraphrases]
    return examples


def _pipeline() -> Pipeline:
    features = FeatureUnion(
        [
            ("word", TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, lowercase=True)),
            ("char", TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True, lowercase=True)),
        ]
    )
    model = LogisticRegression(C=10.0, solver="liblinear", max_iter=2000, random_state=SEED)
    return Pipeline([("features", features), ("model", OneVsRestClassifier(model))])


@dataclass(frozen=True)
class Classifier:
    pipeline: Pipeline
    labels: tuple[str, ...]

    def probabilities(self, texts: Sequence[str]) -> list[dict[str, float]]:
        if not texts:
            return []
        rows = self.pipeline.predict_proba(list(texts))
        return [{label: float(p) for label, p in zip(self.labels, row, strict=True)} for row in rows]


def train(examples: Iterable[Example]) -> Classifier:
    examples = sorted(examples)  # the same model whatever order the files list them in
    binarizer = MultiLabelBinarizer(classes=[str(c) for c in CATEGORIES])
    y = binarizer.fit_transform([labels for _, labels in examples])
    pipeline = _pipeline().fit([text for text, _ in examples], y)
    return Classifier(pipeline=pipeline, labels=tuple(binarizer.classes_))


def save(classifier: Classifier, path: Path) -> None:
    joblib.dump({"pipeline": classifier.pipeline, "labels": classifier.labels}, path, compress=3)


def load(path: Path) -> Classifier:
    data = joblib.load(path)
    return Classifier(pipeline=data["pipeline"], labels=tuple(data["labels"]))


@functools.cache
def load_default() -> Classifier | None:
    """The committed model, loaded once per process (None when it was never built)."""
    return load(DEFAULT_MODEL_PATH) if DEFAULT_MODEL_PATH.exists() else None


def _sentences(text: str) -> list[tuple[int, int]]:
    spans = [(m.start(), m.end()) for m in _SENTENCE.finditer(text) if m.group().strip()]
    return spans or ([(0, len(text))] if text.strip() else [])


def _sentence_probabilities(text: str, classifier: Classifier) -> list[tuple[int, int, dict[str, float]]]:
    spans = _sentences(text)
    probs = classifier.probabilities([text[s:e] for s, e in spans])
    return [(s, e, p) for (s, e), p in zip(spans, probs, strict=True)]


def scores(text: str, classifier: Classifier | None, *, rules: ScreeningResult | None = None) -> dict[str, float]:
    """One score per category: 1.0 when a rule hits, else the classifier's highest sentence probability."""
    rules = rules if rules is not None else screen(text)
    result = {str(c): 0.0 for c in CATEGORIES}
    if classifier is not None:
        for _, _, probs in _sentence_probabilities(text, classifier):
            for label, p in probs.items():
                result[label] = max(result[label], p)
    for category in rules.categories:
        result[str(category)] = 1.0
    return result


def screen_combined(
    text: str, classifier: Classifier | None, thresholds: Mapping[str, float] | None = None
) -> ScreeningResult:
    """The rules' result plus classifier hits (whole sentences) for categories the rules did not find."""
    rules = screen(text)
    if classifier is None or not text.strip():
        return rules
    limits = {**DEFAULT_THRESHOLDS, **(thresholds or {})}
    found = rules.categories
    extra: list[Hit] = []
    best: dict[str, tuple[float, int, int]] = {}
    for start, end, probs in _sentence_probabilities(text, classifier):
        for label, p in probs.items():
            if p >= limits[label] and Category(label) not in found and p > best.get(label, (0.0, 0, 0))[0]:
                best[label] = (p, start, end)
    for label, (_, start, end) in best.items():
        # Trim the sentence's surrounding spaces so `text[hit.start:hit.end] == hit.text` reads well.
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        extra.append(Hit(Category(label), "classifier", text[start:end], start, end))
    contact = rules.contact_details + tuple(h for h in extra if h.category == Category.CONTACT_DETAILS)
    risky = rules.risky + tuple(h for h in extra if h.category != Category.CONTACT_DETAILS)
    return ScreeningResult(contact_details=contact, risky=risky)


def load_json(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))
