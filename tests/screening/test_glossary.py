"""The glossary that lets the word features read other languages (seventeenth pass, issue 15)."""

from __future__ import annotations

import pytest

from marketplace.screening import glossary


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("empieza con el diseño ya, el contrato lo armamos después", {"start", "contract"}),
        ("давай в телеге, оплату переведу", {"telegram", "payment"}),
        ("काम शुरू करो", {"start"}),  # Devanagari vowel signs stay inside the word
    ],
)
def test_foreign_words_get_english_glosses(text: str, expected: set[str]) -> None:
    assert expected <= set(glossary.glosses(text))


def test_a_stem_covers_inflected_forms() -> None:
    assert glossary.glosses("оплатой") == glossary.glosses("оплату") == ["payment"]


def test_a_two_word_phrase_is_glossed() -> None:
    assert "later" in glossary.glosses("kaam shuru karo, contract baad me")


@pytest.mark.parametrize(
    "text",
    ["please send the invoice by friday, thanks", "the hotel is near the station", "can you install the plugin?"],
)
def test_english_gets_no_foreign_gloss(text: str) -> None:
    assert all(gloss in text for gloss in glossary.glosses(text))


def test_glossed_text_keeps_the_text_and_adds_the_glosses() -> None:
    assert glossary.glossed("Contrato DESPUÉS") == "contrato después | contract after"
    assert glossary.glossed("see you tomorrow") == "see you tomorrow"
