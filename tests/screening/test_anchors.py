"""Screening tries each pattern only where it can start (issue 12): the results must be those of scanning the whole
text with every pattern, as screening did before. Pure Python, no database.

The shortcuts are private (`_Scan`), so these tests reach into the module: they compare each shortcut with the
plain `re` call it stands for, on the corpus and on texts made of the words and characters the patterns care about.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from unittest import mock

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from marketplace.screening import contact, detect, links, screen, terms
from marketplace.screening import scan as scanning

CORPUS = json.loads((Path(__file__).parent / "corpus.json").read_text(encoding="utf-8"))
HELDOUT = json.loads((Path(__file__).parent / "heldout.json").read_text(encoding="utf-8"))["sentences"]
SENTENCES = (
    [
        sentence
        for section in CORPUS.values()
        if isinstance(section, dict)
        for sentences in section.values()
        for sentence in sentences
    ]
    + CORPUS["neutral"]
    + [s["text"] for s in HELDOUT]
)
RULES = contact._CONTACT_RULES + detect._RISKY_RULES
PATTERNS = [rule.pattern for rule in RULES] + [
    scanning._NEGATION,
    scanning._TOPIC,
    terms._PAYMENT_CONTEXT,
    terms._EVALUATION,
    links._DOWNLOAD_VERB,
    terms._PAY_WORD,
    terms._START_NEARBY,
]

# The corpus's words, and the pieces the patterns turn on: "at"/"dot" in all their dress, addresses, numbers,
# links, file names, negations, the letters IGNORECASE folds to ASCII (U+0130, U+0131, U+017F, U+212A) and spaces
# that are not " ".
WORDS = [
    *sorted({w for s in SENTENCES for w in re.findall(r"\S+", s)}),
    "at", "AT", "[at]", "(at)", "{at}", "<at>", "@", "dot", "[dot]", "(.)", ".", "..", "com", "io", "me", "gmail",
    "a@b.com", "x%y@mail.co", "name at gmail dot com", "+1", "+44 20", "(555)", "555-123-4567", "0044", "2024",
    "t.me/x", "wa.me/123", "bit.ly/abc", "https://", "www.", "setup.exe", "a.b.c.d.e.apk", "-x.msi", "gift", "card",
    "giftcards", "Amazon", "steam", "not", "never", "don't", "don\u2019t", "no one", "but", "so", "pay", "PayPal",
    "pay pal", "venmo", "wire", "start", "before", "contract", "free", "test", "skype:", "whats app", "my",
    "\u0130", "\u0131", "\u017fkype", "\u212aik", "caf\u00e9", "\u00a0", "_", "-", "'", "%", "#", "$5", "10%",
]  # fmt: skip
SEPARATORS = [" ", " ", " ", "", "  ", "\n", ". ", ", ", "-", ".", "/", "@", "\u00a0", "! ", "\t", ": ", "'"]

texts = st.one_of(
    st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from(SEPARATORS)), max_size=50).map(
        lambda parts: "".join(word + separator for word, separator in parts)
    ),
    st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=4).map(" ".join),
    st.text(alphabet="at dot.@[]()x1-_\u00a0\n", max_size=80),
)


def _negated_by_scanning(scan: scanning._Scan, start: int) -> bool:
    # The clause check as it was written before the anchors (see _Scan.negated).
    prefix = scan.text[max(0, start - 60) : start]
    breaks = list(scanning._CLAUSE_BREAK.finditer(prefix))
    if breaks:
        prefix = prefix[breaks[-1].end() :]
    return bool(scanning._NEGATION.search(prefix))


@contextmanager
def _scanning_whole_texts() -> Iterator[None]:
    """Screening as before the anchors: every pattern searched over the whole text or window."""
    with (
        mock.patch.object(scanning._Scan, "finditer", lambda self, pattern: pattern.finditer(self.text)),
        mock.patch.object(
            scanning._Scan, "search", lambda self, pattern, left, right: bool(pattern.search(self.text, left, right))
        ),
        mock.patch.object(
            scanning._Scan,
            "window_has",
            lambda self, pattern, left, right: bool(pattern.search(self.text[max(0, left) : right])),
        ),
        mock.patch.object(scanning._Scan, "negated", _negated_by_scanning),
    ):
        scanning._scan.cache_clear()
        try:
            yield
        finally:
            scanning._scan.cache_clear()


def _spans(matches: Iterator[re.Match[str]]) -> list[tuple[int, int]]:
    return [m.span() for m in matches]


def _assert_same_as_scanning(text: str) -> None:
    scan = scanning._Scan(text)
    for pattern in PATTERNS:
        assert _spans(scan.finditer(pattern)) == _spans(pattern.finditer(text)), (pattern.pattern[:60], text)
    for left in {0, len(text) // 3, len(text) // 2}:
        for right in {len(text), len(text) // 2 + 7, left + 40}:
            for pattern in PATTERNS[-7:]:
                window = text[left:right]
                assert scan.window_has(pattern, left, right) == bool(pattern.search(window)), (pattern.pattern, window)
    for start in range(0, len(text), 7):
        assert scan.negated(start) == _negated_by_scanning(scan, start), (text, start)
    with _scanning_whole_texts():
        expected = screen(text)
    assert screen(text) == expected


def test_every_rule_is_tried_only_where_it_can_start() -> None:
    # A pattern the analysis cannot read, and that has no finder, would quietly scan every text whole again.
    for rule in RULES:
        assert id(rule.pattern) in detect._ANCHORS.number or id(rule.pattern) in detect._FINDERS, rule.kind


def test_the_phone_rule_alone_scans_whole_texts_and_only_texts_with_a_digit() -> None:
    # Its lookbehind fails fast at nearly every position, so one scan costs a few ms per 100,000 characters.
    assert list(scanning._Scan("call me, no digits here").finditer(contact._PHONE_CANDIDATE)) == []


EDGE_CASES = [
    "mail a.b%c@example.com or x%y%z @ mail . io",  # a "%" in the local part: an address can start after it
    "lisa dot wong at hotmail dot com, bob [at] web [dot] de, x(at)y(dot)io",
    "run a.b.c.d.exe and b.exe.exe.exe, then install --x.msi",
    "a Steam gift card, an amazon giftcard, giftcards",
    "we don't know about knot payments; never pay via paypal outside the platform",
    "\u0130NSTAGRAM: @\u017fkype_me \u212aik: bob.k wa.me/4477009",
]


def test_corpus_and_edge_case_matches_are_those_of_scanning_whole_texts() -> None:
    for text in SENTENCES + EDGE_CASES:
        _assert_same_as_scanning(text)


@settings(max_examples=300, deadline=None)
@given(text=texts)
def test_matches_are_those_of_scanning_whole_texts(text: str) -> None:
    _assert_same_as_scanning(text)


def test_folding_keeps_length_and_word_characters_and_matches_what_ignorecase_matches() -> None:
    letters = "".join(chr(c) for c in range(0x250)) + "\u0130\u0131\u017f\u212a\u03a3\u1e9e"
    folded = scanning._fold(letters)
    assert len(folded) == len(letters)
    for original, lower in zip(letters, folded, strict=True):
        assert scanning._is_word(original) == scanning._is_word(lower)
        if lower.isascii() and lower.isalpha():
            assert re.fullmatch(lower, original, re.IGNORECASE), original


@pytest.mark.parametrize(
    ("pattern", "leads"),
    [
        (r"\b(?:pay|paid)\s+me", {("pay", True, 0), ("paid", True, 0)}),
        (r"\bPayments?\b", {("payment", True, 0), ("payments", True, 0)}),
        (r"\bcompensat\w*", {("compensat", False, 0)}),
        (r"\bab.", {("ab", False, 0)}),
        (r"(?>\bab)c", {("abc", False, 0)}),
        (r"(?!\w)\bab", {("ab", False, 0)}),
        (r"(?<![\w.])@x", {("@", True, 0)}),
        (r"\b(?:[a-z]+\s+)?gift", {("gift", False, 0), ("gift", False, 1)}),
        (r"\b(?:[a-z]+ +)?gift-card", {("gift", True, 0), ("gift", True, 1)}),
        # A match that may start inside a word, or with any character, has no lead.
        (r"pay", None),
        (r"(?<=\w)ab", None),
        (r"\b\w+@", None),
        (r"[^a]x", None),
        (r"\b(?:[a-z.]+\s+)?gift", None),
        (r"\b(?:[!-z]+\s+)?gift", None),
        (r"\b\u00e9t\u00e9", None),  # a non-ASCII letter: IGNORECASE matches it to letters not worked out here
    ],
)
def test_leads_are_read_off_the_pattern(pattern: str, leads: set[tuple[str, bool, int]] | None) -> None:
    assert scanning._leads(re.compile(pattern, re.IGNORECASE)) == leads


def test_patterns_searched_in_sentences_and_windows_are_anchored() -> None:
    for pattern in PATTERNS[len(RULES) :]:
        assert id(pattern) in detect._ANCHORS.number, pattern.pattern


_HINT = re.compile(r"\(\?=\[[^\]\[()]+\]\)")  # the lookaheads _hinted puts before a word after a lazy gap


@pytest.mark.parametrize("pattern", [p for p in PATTERNS if _HINT.search(p.pattern)], ids=lambda p: p.pattern[:30])
def test_first_letter_hints_change_no_match(pattern: re.Pattern[str]) -> None:
    # Each hint only says sooner what the word after it would say: without the hints, the same matches.
    plain = re.compile(_HINT.sub("", pattern.pattern), pattern.flags)
    for text in SENTENCES + EDGE_CASES + ["\u017ftart it now, the \u212aontract \u0130S later"]:
        assert _spans(pattern.finditer(text)) == _spans(plain.finditer(text)), text


@pytest.mark.parametrize(
    ("fragment", "firsts"),
    [
        (r"(?:later|after\s+that)", {"l", "a"}),
        (r"(?:formal\s+)?(?:offer|hire)", {"f", "o", "h"}),
        (r"(?:x|[0-9a])", {"x", "a", *"0123456789"}),
        (r"(?:a|\w)", None),  # a class of its own: not worked out
        (r"(?:a)?", None),  # may match nothing
    ],
)
def test_first_characters_are_read_off_a_fragment(fragment: str, firsts: set[str] | None) -> None:
    parsed = list(scanning._sre_parse.parse(fragment, re.IGNORECASE).data)
    assert scanning._first_chars(parsed) == firsts


@settings(max_examples=300, deadline=None)
@given(text=texts)
def test_first_letter_hints_change_no_match_in_generated_texts(text: str) -> None:
    for pattern in PATTERNS:
        if _HINT.search(pattern.pattern):
            plain = re.compile(_HINT.sub("", pattern.pattern), pattern.flags)
            assert _spans(pattern.finditer(text)) == _spans(plain.finditer(text))
