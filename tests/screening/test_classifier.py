"""The screening classifier: reproducible training, figures on the tuning corpus, 5-fold CV and the held-out file.

The held-out file (`heldout.json`) was written before this pass and is never tuned on: these tests only measure
it. The floors below are the figures measured when the classifier landed (README "Screening"); the issue's
target on the held-out file (precision >= 0.95 and recall >= 0.90 per category) is not reached yet, see README.
"""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest
from sklearn.model_selection import KFold

from marketplace import screening_model as sm

HERE = Path(__file__).parent
CORPUS = json.loads((HERE / "corpus.json").read_text(encoding="utf-8"))
PARAPHRASES = json.loads((HERE / "paraphrases.json").read_text(encoding="utf-8"))["sentences"]
HELDOUT = json.loads((HERE / "heldout.json").read_text(encoding="utf-8"))["sentences"]

# Measured figures, (precision, recall) per category, rounded down.
CV_FLOOR = {
    "contact_details": (0.91, 0.99),
    "off_platform_payment": (0.99, 0.94),
    "work_before_contract": (0.93, 0.73),
    "unpaid_work": (0.92, 0.75),
    "suspicious_link": (0.93, 0.67),
    "off_platform_contact": (0.92, 0.94),
}
HELDOUT_FLOOR = {
    "contact_details": (0.83, 1.00),
    "off_platform_payment": (0.90, 0.90),
    "work_before_contract": (0.88, 0.66),
    "unpaid_work": (1.00, 0.70),
    "suspicious_link": (1.00, 0.90),
    "off_platform_contact": (0.75, 0.90),
}


def _figures(pairs: list[tuple[set[str], set[str]]]) -> dict[str, tuple[float, float]]:
    out = {}
    for category in map(str, sm.CATEGORIES):
        tp = sum(1 for got, want in pairs if category in got and category in want)
        fp = sum(1 for got, want in pairs if category in got and category not in want)
        fn = sum(1 for got, want in pairs if category not in got and category in want)
        out[category] = (tp / (tp + fp) if tp + fp else 1.0, tp / (tp + fn) if tp + fn else 1.0)
    return out


def _predict(classifier: sm.Classifier, text: str) -> set[str]:
    return {str(c) for c in sm.screen_combined(text, classifier).categories}


@pytest.fixture(scope="module")
def examples() -> list[sm.Example]:
    return sorted(sm.training_examples(CORPUS, PARAPHRASES))


@pytest.fixture(scope="module")
def trained(examples) -> sm.Classifier:
    return sm.train(examples)


def test_the_committed_model_is_what_training_builds(trained):
    committed = sm.load_default()
    assert committed is not None, "run `python manage.py train_screening` and commit the model"
    texts = [p["text"] for p in PARAPHRASES[:40]]
    for fresh, stored in zip(trained.probabilities(texts), committed.probabilities(texts), strict=True):
        assert fresh == pytest.approx(stored, abs=1e-9)


def test_figures_on_the_tuning_corpus(trained, examples):
    figures = _figures([(_predict(trained, text), set(labels)) for text, labels in examples])
    print("\ntuning corpus:", {c: f"{p:.2f}/{r:.2f}" for c, (p, r) in figures.items()})
    for category, (precision, recall) in figures.items():
        assert precision >= 0.95 and recall >= 0.95, category


def test_five_fold_cross_validated_figures(examples):
    pairs = []
    for train_idx, test_idx in KFold(5, shuffle=True, random_state=sm.SEED).split(examples):
        model = sm.train([examples[i] for i in train_idx])
        pairs += [(_predict(model, examples[i][0]), set(examples[i][1])) for i in test_idx]
    figures = _figures(pairs)
    print("\n5-fold CV:", {c: f"{p:.2f}/{r:.2f}" for c, (p, r) in figures.items()})
    for category, (precision, recall) in figures.items():
        floor_p, floor_r = CV_FLOOR[category]
        assert precision >= floor_p and recall >= floor_r, (category, precision, recall)


def test_figures_on_the_held_out_file():
    classifier = sm.load_default()
    figures = _figures([(_predict(classifier, s["text"]), set(s["categories"])) for s in HELDOUT])
    print("\nheld-out:", {c: f"{p:.2f}/{r:.2f}" for c, (p, r) in figures.items()})
    assert len(HELDOUT) >= 100
    for category, (precision, recall) in figures.items():
        floor_p, floor_r = HELDOUT_FLOOR[category]
        assert precision >= floor_p and recall >= floor_r, (category, precision, recall)


def test_rules_still_decide_and_the_classifier_adds_paraphrases():
    classifier = sm.load_default()
    rules_only = sm.screen_combined("Email me at ana@example.com", classifier)
    assert {h.kind for h in rules_only.hits} != {"classifier"}
    text = "Great news. You got the job, so start building today and the offer follows next week."
    result = sm.screen_combined(text, classifier)
    scores = sm.scores(text, classifier)
    assert set(scores) == {str(c) for c in sm.CATEGORIES}
    assert all(0.0 <= s <= 1.0 for s in scores.values())
    for hit in result.hits:
        assert text[hit.start : hit.end] == hit.text


def test_thresholds_decide_when_the_classifier_alone_raises_a_category():
    classifier = sm.load_default()
    text = "Could you make us a free mockup first so we can choose?"
    strict = sm.screen_combined(text, classifier, {c: 1.01 for c in sm.DEFAULT_THRESHOLDS})
    lenient = sm.screen_combined(text, classifier, {c: 0.0 for c in sm.DEFAULT_THRESHOLDS})
    assert not any(h.kind == "classifier" for h in strict.hits)
    assert any(h.kind == "classifier" for h in lenient.hits)


def test_the_module_stays_free_of_django():
    tree = ast.parse(Path(sm.__file__).read_text(encoding="utf-8"))
    imported = {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
    imported |= {node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
    assert imported and not any(name.split(".")[0] == "django" for name in imported)
