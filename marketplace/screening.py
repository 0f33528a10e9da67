"""Screening of user-written text for contact details and risky talk.

A pure module (the standard library only, no Django) used by decline messages, room messages before a
contract, job descriptions and the contact-details setting. It finds:

* contact details: email addresses (also obfuscated: "name at gmail dot com", "name [at] gmail [dot] com"),
  phone numbers in common national and international formats, messenger handles and links;
* risky talk: paying outside the platform, work before a contract, unpaid test work, file-download links
  from strangers (shortened links, file hosts, executables) and requests to move off the platform.

Every finding is a :class:`Hit` with character offsets into the original text, so callers can highlight it
(``text[hit.start:hit.end] == hit.text``) or show a :func:`snippet` to moderators. The detectors are tuned on
``tests/screening/corpus.json``; the tests report precision and recall on it.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import sre_constants as _sre
    import sre_parse as _sre_parse
else:  # the same modules; the old names warn when imported since Python 3.11
    from re import _constants as _sre
    from re import _parser as _sre_parse

__all__ = [
    "RISKY_CATEGORIES",
    "Category",
    "Hit",
    "ScreeningResult",
    "find_contact_details",
    "find_risky_talk",
    "screen",
    "snippet",
]


class Category(StrEnum):
    """What a hit is about; the values match the flag reasons a moderator sees."""

    CONTACT_DETAILS = "contact_details"
    OFF_PLATFORM_PAYMENT = "off_platform_payment"
    WORK_BEFORE_CONTRACT = "work_before_contract"
    UNPAID_WORK = "unpaid_work"
    SUSPICIOUS_LINK = "suspicious_link"
    OFF_PLATFORM_CONTACT = "off_platform_contact"


RISKY_CATEGORIES: frozenset[Category] = frozenset(
    {
        Category.OFF_PLATFORM_PAYMENT,
        Category.WORK_BEFORE_CONTRACT,
        Category.UNPAID_WORK,
        Category.SUSPICIOUS_LINK,
        Category.OFF_PLATFORM_CONTACT,
    }
)


@dataclass(frozen=True, slots=True)
class Hit:
    """One finding: ``text`` is exactly ``source[start:end]``."""

    category: Category
    kind: str
    text: str
    start: int
    end: int

    def as_dict(self) -> dict[str, str | int]:
        """A JSON-friendly form, e.g. for storing the hits on a flag."""
        return {
            "category": str(self.category),
            "kind": self.kind,
            "text": self.text,
            "start": self.start,
            "end": self.end,
        }


@dataclass(frozen=True, slots=True)
class ScreeningResult:
    contact_details: tuple[Hit, ...]
    risky: tuple[Hit, ...]

    @property
    def has_contact_details(self) -> bool:
        return bool(self.contact_details)

    @property
    def is_risky(self) -> bool:
        return bool(self.risky)

    @property
    def hits(self) -> tuple[Hit, ...]:
        return tuple(sorted(self.contact_details + self.risky, key=lambda h: (h.start, h.end)))

    @property
    def categories(self) -> frozenset[Category]:
        return frozenset(h.category for h in self.hits)

    def __bool__(self) -> bool:
        return bool(self.contact_details or self.risky)


# --------------------------------------------------------------------------------------------------------------
# Rule machinery
# --------------------------------------------------------------------------------------------------------------

_F = re.IGNORECASE
_Accept = Callable[[str, re.Match[str]], bool]


@dataclass(frozen=True, slots=True)
class _Rule:
    category: Category
    kind: str
    pattern: re.Pattern[str]
    accept: _Accept | None = None
    negatable: bool = False  # "never pay outside the platform" is not risky talk
    topical: bool = False  # skip when the sentence is about building or writing about payments
    categorize: Callable[[str, re.Match[str]], Category] | None = None


def _run(rules: Iterable[_Rule], text: str) -> list[Hit]:
    scan = _scan(text)
    found: list[_Found] = []
    for priority, rule in enumerate(rules):
        accept, categorize, topical, negatable = rule.accept, rule.categorize, rule.topical, rule.negatable
        for m in scan.finditer(rule.pattern):
            start, end = m.span()
            if start == end or (accept is not None and not accept(text, m)):
                continue
            if (topical and scan.sentence_has(_TOPIC, start, end)) or (negatable and scan.negated(start)):
                continue
            found.append((categorize(text, m) if categorize else rule.category, start, end, priority, rule.kind))
    return _merge(found, text)


# A hit before merging: category, start, end, the rule's priority and kind.
_Found = tuple[Category, int, int, int, str]


def _merge(found: list[_Found], text: str) -> list[Hit]:
    """Merge overlapping hits of the same category into one span; the earliest rule names the kind."""
    merged: list[_Found] = []
    for category, start, end, priority, kind in sorted(found, key=lambda f: (f[0], f[1], -f[2])):
        if merged and merged[-1][0] == category and start < merged[-1][2]:
            _, prev_start, prev_end, prev_priority, prev_kind = merged[-1]
            kind = prev_kind if prev_priority <= priority else kind
            merged[-1] = (category, prev_start, max(prev_end, end), min(prev_priority, priority), kind)
        else:
            merged.append((category, start, end, priority, kind))
    hits = [Hit(category, kind, text[start:end], start, end) for category, start, end, _, kind in merged]
    return sorted(hits, key=lambda h: (h.start, h.end, h.category))


# --------------------------------------------------------------------------------------------------------------
# Anchors: where a pattern's match can start
# --------------------------------------------------------------------------------------------------------------
# Scanning the whole text with each of the ~45 patterns cost 5 to 70 ms per 100,000 characters per pattern: one
# that begins with \b, a lookbehind or a case-insensitive word gives the regex engine no literal prefix to skip
# ahead to, so it attempts a match at every position. Instead one scan of the text finds the words (and the few
# characters) that begin some pattern, and each pattern is matched only where it can begin. The words are read
# from the parsed patterns, so they cannot drift from them; a pattern whose beginning cannot be read has its own
# finder below, or is scanned whole as before.

# A lead: the case-folded first word of a match; whether it is that whole word or only its start; and how many
# words before it the match starts (``(?:[a-z]+\s+)?gift`` starts one word before "gift").
_Lead = tuple[str, bool, int]
_Code = tuple[Any, Any]


def _is_word(char: str) -> bool:
    return char.isalnum() or char == "_"  # exactly what \w matches in a str pattern


def _fold(text: str) -> str:
    """``text`` lower-cased without changing its length or which characters are word characters.

    Besides ASCII, ``re.IGNORECASE`` matches U+0130 and U+0131 (dotted capital and dotless small i) to "i",
    U+017F (long s) to "s" and U+212A (the Kelvin sign) to "k".
    """
    if "\u0130" in text:
        text = text.replace("\u0130", "i")  # its lower case is two characters long
    folded = text.lower()  # the Kelvin sign becomes "k"
    if not folded.isascii():
        folded = folded.replace("\u0131", "i").replace("\u017f", "s")
    return folded


def _leads(pattern: re.Pattern[str]) -> frozenset[_Lead] | None:
    """The leads of every match of ``pattern``, or None when they cannot be told."""
    return _walk(list(_sre_parse.parse(pattern.pattern, pattern.flags).data), "", False, 0)


def _walk(codes: list[_Code], word: str, at_word_start: bool, back: int) -> frozenset[_Lead] | None:
    """The leads of a match of ``codes`` that has matched ``word`` so far (word characters only)."""
    for i, (op, av) in enumerate(codes):
        rest = codes[i + 1 :]
        if op is _sre.AT:
            if av is _sre.AT_BOUNDARY:
                if word:
                    return frozenset({(word, True, back)})
                at_word_start = True
        elif op is _sre.ASSERT_NOT and not word and _no_word_before(av):
            at_word_start = True
        elif op in (_sre.ASSERT, _sre.ASSERT_NOT):
            continue  # ignoring a condition only lets more positions in
        elif op is _sre.LITERAL:
            char = chr(av)
            if not char.isascii() and char.lower() != char.upper():
                return None  # a non-ASCII cased letter: its case-insensitive matches are not worth working out
            char = char.lower()
            if not _is_word(char):
                if word:
                    return frozenset({(word, True, back)})
                return None if back else frozenset({(char, True, 0)})  # any occurrence of the character
            if not (word or at_word_start):
                return None  # could start inside a word
            word += char
        elif op is _sre.IN:
            literals = [a for o, a in av if o is _sre.LITERAL]
            if len(literals) == len(av) <= 8:
                return _union(_walk([(_sre.LITERAL, a), *rest], word, at_word_start, back) for a in literals)
            if word:
                return frozenset({(word, all(_no_word_char(o, a) for o, a in av), back)})
            return None
        elif op is _sre.SUBPATTERN:
            return _walk([*av[3].data, *rest], word, at_word_start, back)
        elif op is _sre.ATOMIC_GROUP:
            return _walk([*av.data, *rest], word, at_word_start, back)
        elif op is _sre.BRANCH:
            return _union(_walk([*alternative.data, *rest], word, at_word_start, back) for alternative in av[1])
        elif op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT, _sre.POSSESSIVE_REPEAT):
            low, high, item = av
            if not word and at_word_start and not back and rest and _one_word(av) and _separator(rest[0]):
                return _walk(rest[1:], "", True, 1)  # a whole word, then spaces or punctuation
            # Once: the rest follows. More: the word read so far is only a start (the item or the rest may follow).
            entered = _walk([*item.data, *rest] if high == 1 else list(item.data), word, at_word_start, back)
            return entered if low else _union((_walk(rest, word, at_word_start, back), entered))
        else:
            break  # any character, a category, a back reference: the word may go on
    return frozenset({(word, False, back)}) if word else None


def _union(parts: Iterable[frozenset[_Lead] | None]) -> frozenset[_Lead] | None:
    leads: set[_Lead] = set()
    for part in parts:
        if part is None:
            return None
        leads |= part
    return frozenset(leads)


def _no_word_before(av: Any) -> bool:
    """A negative lookbehind such as ``(?<![\\w.@])``: the match starts a word or starts after a non-word."""
    direction, item = av
    if direction != -1 or len(item.data) != 1:
        return False
    op, members = item.data[0]
    return bool(op is _sre.IN and (_sre.CATEGORY, _sre.CATEGORY_WORD) in members and (_sre.NEGATE, None) not in members)


def _no_word_char(op: Any, av: Any) -> bool:
    if op is _sre.LITERAL:
        return not _is_word(chr(av))
    return op is _sre.CATEGORY and av in (_sre.CATEGORY_SPACE, _sre.CATEGORY_LINEBREAK, _sre.CATEGORY_NOT_WORD)


def _one_word(av: Any) -> bool:
    """``[a-z]+``: one or more word characters, so (followed by a separator) exactly one whole word."""
    low, _high, item = av
    if low < 1 or len(item.data) != 1 or item.data[0][0] is not _sre.IN:
        return False
    for op, member in item.data[0][1]:
        if op is _sre.RANGE:
            if not all(_is_word(chr(c)) for c in range(member[0], member[1] + 1)):
                return False
        elif not (op is _sre.LITERAL and _is_word(chr(member))) and not (
            op is _sre.CATEGORY and member in (_sre.CATEGORY_WORD, _sre.CATEGORY_DIGIT)
        ):
            return False
    return True


def _separator(code: _Code) -> bool:
    r"""``\s+``: one or more characters, none of them a word character."""
    op, av = code
    if op not in (_sre.MAX_REPEAT, _sre.MIN_REPEAT, _sre.POSSESSIVE_REPEAT) or av[0] < 1 or len(av[2].data) != 1:
        return False
    item_op, item_av = av[2].data[0]
    if item_op is _sre.IN:
        return all(_no_word_char(o, a) for o, a in item_av)
    return _no_word_char(item_op, item_av)


def _hinted(fragment: str) -> str:
    """``fragment`` behind a lookahead for the letters its matches can begin with, when they can be told.

    For a word after a lazy gap (``[^.!?\n]{0,40}?\b(?:sort|make|...)``): the engine tries the fragment at every
    position of the gap, and a one-character class fails sooner than each alternative in turn. It matches the
    same texts (the class holds every first character; IGNORECASE folds it as it folds the fragment).
    """
    firsts = _first_chars(list(_sre_parse.parse(fragment, _F).data))
    return f"(?=[{re.escape(''.join(sorted(firsts)))}]){fragment}" if firsts else fragment


def _first_chars(codes: list[_Code]) -> set[str] | None:
    """The characters a match of ``codes`` can begin with, or None when they cannot be told (or it can be empty)."""
    found: set[str] = set()
    for op, av in codes:
        if op is _sre.LITERAL:
            return found | {chr(av)}
        if op is _sre.IN:
            for member_op, member in av:
                if member_op is _sre.LITERAL:
                    found.add(chr(member))
                elif member_op is _sre.RANGE:
                    found.update(chr(c) for c in range(member[0], member[1] + 1))
                else:
                    return None
            return found
        if op is _sre.SUBPATTERN or op is _sre.BRANCH:
            for alternative in [av[3]] if op is _sre.SUBPATTERN else av[1]:
                part = _first_chars(list(alternative.data))
                if part is None:
                    return None
                found |= part
            return found
        if op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT):
            part = _first_chars(list(av[2].data))
            if part is None:
                return None
            found |= part
            if av[0] >= 1:
                return found
            continue  # optional: the rest may begin the match
        return None
    return None


def _trie(words: Iterable[tuple[str, bool]]) -> str:
    """A regex for any of ``words`` (whole words or word starts), as a trie so the engine does not try each."""
    root: dict[str, Any] = {}
    for word, whole in words:
        node = root
        for char in word:
            node = node.setdefault(char, {})
        node[r"\b" if whole else ""] = {}

    def emit(node: dict[str, Any]) -> str:
        if "" in node:
            return ""  # a word start is complete: what follows does not matter
        alternatives = [(key if key == r"\b" else re.escape(key)) + emit(child) for key, child in sorted(node.items())]
        return alternatives[0] if len(alternatives) == 1 else "(?:" + "|".join(alternatives) + ")"

    return emit(root)


class _Anchors:
    """The anchored patterns, their leads, and the one scan that finds their candidate starts in a text."""

    def __init__(self, patterns: Iterable[re.Pattern[str]]) -> None:
        # by id(): hashing a compiled pattern hashes its whole program, every time
        self.number: dict[int, int] = {}
        self.whole: dict[str, list[tuple[int, int]]] = {}
        self.start: dict[str, list[tuple[int, int]]] = {}
        self.firsts: list[frozenset[str] | None] = []
        for pattern in patterns:
            leads = None if id(pattern) in self.number else _leads(pattern)
            if leads is None:
                continue
            number = self.number[id(pattern)] = len(self.number)
            for word, whole, back in leads:
                (self.whole if whole else self.start).setdefault(word, []).append((number, back))
            # The letters a match can start with (any, when it can start a word before its lead).
            self.firsts.append(None if any(back for _, _, back in leads) else frozenset(w[0] for w, _, _ in leads))
        words = {(w, True) for w in self.whole if _is_word(w[0])} | {(w, False) for w in self.start}
        chars = "".join(sorted(w for w in self.whole if not _is_word(w[0])))
        self.width = max(len(w) for w, _ in words) + 1  # a key this long is longer than every whole-word lead
        scan = rf"\b(?={_trie(words)})\w{{1,{self.width}}}"
        self.scan = re.compile(scan + f"|[{re.escape(chars)}]" if chars else scan)
        self._routes: dict[str, tuple[tuple[int, int], ...]] = {}

    def routes(self, key: str) -> tuple[tuple[int, int], ...]:
        """The (pattern, words back) that can start at a word beginning with ``key`` (at most ``width`` long)."""
        routed = self._routes.get(key)
        if routed is None:
            found = set(self.whole.get(key, ()))
            for length in range(1, len(key) + 1):
                found.update(self.start.get(key[:length], ()))
            routed = tuple(sorted(found))
            if len(self._routes) > 100_000:
                self._routes.clear()  # user text has no end of distinct words; keep the memo bounded
            self._routes[key] = routed
        return routed


class _Scan:
    """One text being screened, with what every rule needs of it found once: the starts of the anchored patterns,
    the sentences, and which sentences a pattern occurs in."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.folded = _fold(text)
        self._backwards: str | None = None
        self._sentences: tuple[list[int], list[int]] | None = None
        self._sentence_has: dict[tuple[int, int, int], bool] = {}
        self._sentences_with: dict[int, set[int]] = {}  # by pattern: the sentences it occurs in
        self._window_has: dict[tuple[int, str], bool] = {}
        by_key: dict[str, list[int]] = {}
        for m in _ANCHORS.scan.finditer(self.folded):
            by_key.setdefault(m.group(), []).append(m.start())
        starts: dict[int, list[int]] = {}
        for key, positions in by_key.items():
            for number, back in _ANCHORS.routes(key):
                starts.setdefault(number, []).extend(positions if not back else map(self.word_before, positions))
        for positions in starts.values():
            positions.sort()
        self.starts = starts

    def of(self, pattern: re.Pattern[str]) -> list[int]:
        return self.starts.get(_ANCHORS.number[id(pattern)], [])

    def finditer(self, pattern: re.Pattern[str]) -> Iterator[re.Match[str]]:
        """``pattern.finditer(text)``, trying the pattern only where it can start."""
        number = _ANCHORS.number.get(id(pattern))
        if number is not None:
            return _match_at(pattern, self.text, self.starts.get(number, ()))
        finder = _FINDERS.get(id(pattern))
        return finder(pattern, self.text) if finder else pattern.finditer(self.text)

    def _within(self, pattern: re.Pattern[str], left: int, right: int) -> list[int]:
        """The candidate starts of (anchored) ``pattern`` in text[left:right]."""
        starts = self.starts.get(_ANCHORS.number[id(pattern)], [])
        return starts[bisect_left(starts, left) : bisect_left(starts, right)]

    def search(self, pattern: re.Pattern[str], left: int, right: int) -> bool:
        """``bool(pattern.search(text, left, right))``, where no word runs across ``right``."""
        return any(pattern.match(self.text, start, right) for start in self._within(pattern, left, right))

    def window_has(self, pattern: re.Pattern[str], left: int, right: int) -> bool:
        """``bool(pattern.search(text[left:right]))`` for an anchored pattern."""
        left, right = max(0, left), min(len(self.text), right)
        window = self.text[left:right]
        # A text that trips a rule thousands of times repeats itself, and the answer depends on the window alone.
        key = (id(pattern), window)
        found = self._window_has.get(key)
        if found is None:
            found = self._window_has[key] = self._window_has_uncached(pattern, left, right, window)
        return found

    def _window_has_uncached(self, pattern: re.Pattern[str], left: int, right: int, window: str) -> bool:
        starts = self._within(pattern, left, right)
        # In the slice a word its edges cut is a word of its own, which can start a match (with a lead's letter).
        firsts = _ANCHORS.firsts[_ANCHORS.number[id(pattern)]]
        if self.cuts_word(right):
            cut = self.run_before(_WORD_RUN, right, left)
            if firsts is None or self.folded[cut] in firsts:
                starts.append(cut)
        if self.cuts_word(left) and (firsts is None or self.folded[left] in firsts):
            starts.append(left)
        return any(pattern.match(window, start - left) for start in starts)

    def cuts_word(self, i: int) -> bool:
        """Whether a word runs across position ``i``."""
        pair = self.text[i - 1 : i + 1] if i > 0 else ""
        return len(pair) == 2 and (pair.isalnum() or pair.replace("_", "a").isalnum())

    @property
    def sentences(self) -> tuple[list[int], list[int]]:
        if self._sentences is None:
            self._sentences = _sentence_bounds(self.text)
        return self._sentences

    def sentence_has(self, pattern: re.Pattern[str], start: int, end: int) -> bool:
        """Whether ``pattern`` occurs in the sentence(s) around text[start:end]."""
        starts, ends = self._sentences or self.sentences
        k = bisect_right(starts, start) - 1
        if end <= ends[k]:  # within one sentence, as nearly every hit is
            has = self._sentences_with.get(id(pattern))
            if has is None:
                has = self._sentences_with[id(pattern)] = self._sentences_having(pattern)
            return k in has
        left = starts[k]
        # the first sentence end at or after ``end`` (a separator starting inside the hit does not end it)
        i = bisect_left(ends, end)
        right = ends[i] if i < len(ends) else len(self.text)
        # Many hits share a sentence (repeated phrases, one long line): search each sentence once per pattern.
        key = (id(pattern), left, right)
        found = self._sentence_has.get(key)
        if found is None:
            # ``right`` ends a sentence (. ! ? or a newline, or the end of the text), so no word runs across it
            # and the anchors found in the whole text are the sentence's.
            found = self._sentence_has[key] = self.search(pattern, left, right)
        return found

    def _sentences_having(self, pattern: re.Pattern[str]) -> set[int]:
        """The sentences (by number) in which ``pattern`` occurs: one pass over its candidate starts."""
        starts, ends = self.sentences
        having: set[int] = set()
        k = 0
        for start in self.starts.get(_ANCHORS.number[id(pattern)], ()):
            while ends[k] <= start and k + 1 < len(ends) and starts[k + 1] <= start:
                k += 1
            # a start between a sentence's end and the next one's start (the separator) is in no sentence
            if k not in having and start < ends[k] and pattern.match(self.text, start, ends[k]):
                having.add(k)
        return having

    def negated(self, start: int) -> bool:
        """True when the clause leading up to ``start`` negates it ("we never ask for payment outside ...")."""
        # Most hits have no negation word in reach, and the anchors tell so without the two scans below.
        if not self.window_has(_NEGATION, start - 60, start):
            return False
        prefix = self.text[max(0, start - 60) : start]
        breaks = list(_CLAUSE_BREAK.finditer(prefix))
        if breaks:
            prefix = prefix[breaks[-1].end() :]
        return bool(_NEGATION.search(prefix))

    @property
    def backwards(self) -> str:
        """The folded text reversed, to read runs of characters that end at a position."""
        if self._backwards is None:
            self._backwards = self.folded[::-1]
        return self._backwards

    def run_before(self, run: re.Pattern[str], end: int, stop: int = 0) -> int:
        """Where the (reversed) ``run`` of characters ending at ``end`` begins, reading back no further than
        ``stop``."""
        size = len(self.text)
        m = run.match(self.backwards, size - end, size - stop)
        return end - (m.end() - (size - end)) if m else end

    def word_before(self, start: int) -> int:
        return self.run_before(_WORD_BEFORE, start)


# Read backwards (see _Scan.run_before): the separator and the word before a word; the word a position cuts.
_WORD_BEFORE = re.compile(r"\W+\w+")
_WORD_RUN = re.compile(r"\w*")


@lru_cache(maxsize=2)  # screen() runs both detectors on one text; a scan of 100,000 characters holds a few MB
def _scan(text: str) -> _Scan:
    return _Scan(text)


def _match_at(pattern: re.Pattern[str], text: str, starts: Iterable[int]) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text)`` given every position a match can start at, in order (no pattern here matches
    the empty string, which finditer would treat apart)."""
    pos = 0
    for start in starts:
        if start >= pos and (m := pattern.match(text, start)):
            pos = m.end()
            yield m


_SENTENCE_END = re.compile(r"[.!?]+(?=\s|$)|\n")


def _sentence_bounds(text: str) -> tuple[list[int], list[int]]:
    """Start and end offsets of every sentence (it ends at . ! ? before a space or the end, or at a newline)."""
    starts, ends = [0], []
    for m in _SENTENCE_END.finditer(text):
        ends.append(m.start())
        starts.append(m.end())
    ends.append(len(text))
    return starts, ends


def _sentence_has(pattern: re.Pattern[str], text: str, start: int, end: int) -> bool:
    return _scan(text).sentence_has(pattern, start, end)


_CLAUSE_BREAK = re.compile(r"[,;:()\n]|[.!?](?=\s)|\b(?:but|so|and|then)\b", _F)
_NEGATION = re.compile(
    r"\b(?:never|not|no\s+one|nobody|don['\u2019]?t|do\s+not|doesn['\u2019]?t|won['\u2019]?t|will\s+not|shouldn['\u2019]?t|"
    r"should\s+not|must\s+not|mustn['\u2019]?t|cannot|can['\u2019]?t|refuse|avoid\s+(?:asking|requests)|nothing|"
    r"no\s+need\s+to)\b"  # eleventh pass: "No need to start before the contract, take your time"
    r"|\bno\s+$"  # "nothing starts before ...", "no work starts before ..." (the hit starts at "work")
    # thirteenth pass: advice against the thing itself ("why freelancers should avoid payments outside the platform")
    r"|\bavoid(?:s|ed|ing)?\s+(?:any\s+|all\s+)?(?:payments?|paying|transactions?|deals?|contact)\s+$",
    _F,
)


# Sentences about building, integrating or writing about payment products are not payment talk.
_TOPIC = re.compile(
    r"\b(?:customers?|users?|buyers?|shoppers?|visitors?|subscribers?|checkout|gateways?|apis?|sdks?|webhooks?|"
    r"plugins?|integrat\w*|e-?commerce|woocommerce|shopify|storefront|magento|fintech|blog|articles?|"
    r"whitepaper|research\w*|tutorial|course|ui|ux|features?|dashboard|screen|mockups?|reconciliation|"
    r"(?:that|which)\s+accepts?|"
    # Tenth pass: a shop's, a page's or an app's payment options, which are a product, not a way to be paid.
    r"e-?shop|webshop|online\s+(?:shop|store)|(?:our|the|their|client['\u2019]?s)\s+(?:shop|store)|"
    r"(?:donation|payment|checkout|order)\s+(?:page|form|buttons?|options?)|in\s+the\s+app|the\s+app\s+should|"
    r"payment\s+methods?\s+(?:our|the|their|your)\s+(?:shop|store|site|app|page|client)|(?<!bonus\s)(?<!tip\s)buttons?|"
    # Eleventh pass: rails shown by an app, listed in an FAQ or named as payment methods are a product too.
    r"faqs?|as\s+(?:payment|pay)\s+(?:methods?|options?)|the\s+app\s+(?:needs|must|has\s+to|will)|"
    # Thirteenth pass: a newsletter or a piece on scams is about payments, not a request for one.
    r"newsletters?|scams?|scammers?)\b",
    _F,
)

# --------------------------------------------------------------------------------------------------------------
# Contact details
# --------------------------------------------------------------------------------------------------------------


def _words(spaced: str) -> frozenset[str]:
    return frozenset(spaced.split())


_TLDS = (
    r"(?:com|net|org|edu|gov|io|co|dev|me|info|biz|us|uk|de|fr|it|es|nl|pl|ru|ua|in|ca|au|br|jp|cn|ch|se|no|"
    r"fi|dk|be|at|pt|ie|nz|za|mx|ai|app|tech|email|online|site|xyz|agency|studio|design|cz|sk|hu|ro|gr|tr|il|"
    r"kr|sg|hk|tw|ar|cl|ng|ke|eg|pk|vn|th|my|ph|"
    # Thirteenth pass: newer generic domains a business uses for its own mail ("legal at quarryhill dot law").
    r"law|legal|club|shop|store|pro|art|photo|photography|media|page|blog|cloud|life|world|works|studio|"
    r"consulting|solutions|services|company|team|tools|farm|garden|build|construction|dental|clinic|health)"
)
_MAIL_PROVIDERS = _words(
    "gmail googlemail yahoo ymail outlook hotmail live msn icloud me mac aol proton protonmail pm mail gmx "
    "yandex zoho fastmail tutanota tuta hey mailbox qq 163 126 wp o2 web seznam libero orange free naver"
)
# Words that often stand before a plain " at " in ordinary prose ("good at", "based at", "worked at").
_AT_STOPWORDS = _words(
    "i im me us you him her them it we they he she here there this that the a an is am are was were be been "
    "good great best better bad expert experts skilled experienced strong weak decent proficient fluent "
    "available based look looking looked work works worked working employed intern interned "
    "engineer developer designer manager lead senior junior started start joined join studied study "
    "arrive arrived stay staying live living meet meeting office home school university college hired "
    "lecturer teacher volunteer volunteered lunch dinner noon night morning evening once least most "
    "only all anyone someone everyone people"
)

_EMAIL_PLAIN = re.compile(
    r"(?<![\w.+\-])[a-z0-9](?:[\w.%+\-]*[\w%+\-])?@[a-z0-9](?:[a-z0-9\-]*[a-z0-9])?"
    r"(?:\.[a-z0-9](?:[a-z0-9\-]*[a-z0-9])?)*\.[a-z]{2,24}(?![\w@])",
    _F,
)
_EMAIL_SPACED = re.compile(
    r"(?<![\w.+\-])[a-z0-9][\w.+\-]*\s*@\s*[a-z0-9][a-z0-9\-]*(?:\s*\.\s*[a-z0-9][a-z0-9\-]*)*?\s*\.\s*"
    + _TLDS
    + r"\b",
    _F,
)
_AT = r"(?:\s*[\[({<]\s*(?:at|@)\s*[\])}>]\s*|\s+at\s+)"
_DOT = r"(?:\s*[\[({<]\s*(?:dot|\.)\s*[\])}>]\s*|\s+dot\s+|\.)"
_EMAIL_DOMAIN = rf"(?P<domain>[a-z0-9][\w\-]*(?:{_DOT}[a-z0-9][\w\-]*){{0,3}}?)(?P<dot>{_DOT}){_TLDS}\b(?!\.\w)"
_EMAIL_OBFUSCATED = re.compile(
    rf"(?<![\w.+\-'\u2019])(?P<local>[a-z0-9][\w+\-]*(?:{_DOT}[a-z0-9][\w+\-]*){{0,3}})(?P<at>{_AT}){_EMAIL_DOMAIN}",
    _F,
)
_WORD_DOT = re.compile(r"\s+dot\s+|[\[({<]\s*(?:dot|\.)\s*[\])}>]", _F)
# Thirteenth pass: an address spelled a letter at a time ("m i k e . r e n o @ g m a i l . c o m"): single
# characters with spaces between them around an "@"; accepted when the letters close up into an address.
_EMAIL_LETTERS = re.compile(
    r"(?<![\w.])[a-z0-9](?:\s[a-z0-9._\-]){2,}\s?@\s?[a-z0-9](?:\s[a-z0-9.\-]){4,}(?![\w.])", _F
)


def _accept_letter_email(text: str, m: re.Match[str]) -> bool:
    return bool(_EMAIL_PLAIN.fullmatch(re.sub(r"\s+", "", m.group())))


def _accept_obfuscated_email(text: str, m: re.Match[str]) -> bool:
    if "@" in m.group("at") and "[" not in m.group("at") and "(" not in m.group("at"):
        return False  # a plain "@" is the plain/spaced email pattern's business
    if m.group("at").strip().lower() != "at":
        return True  # "[at]", "(at)", "{at}": deliberate obfuscation
    first_word = re.split(r"\s+dot\s+|[.\s\[({<]", m.group("local"), maxsplit=1)[0].lower()
    if first_word in _AT_STOPWORDS:
        return False
    domain_first = re.split(r"\s+dot\s+|[.\s\[({<]", m.group("domain"), maxsplit=1)[0].lower()
    spelled_dot = bool(_WORD_DOT.search(m.group("domain")) or _WORD_DOT.search(m.group("dot")))
    if spelled_dot or domain_first in _MAIL_PROVIDERS:
        return True
    # Eleventh pass: "by email: ops-lead at boxfulfil.co.uk", an address with a plain "at" and a real dot, told as
    # an email (the word within the 40 characters before it).
    # The name must look like an address's ("ops-lead", "j.smith") or follow the cue and a colon ("email: anna at").
    cue = None
    for cue in _EMAIL_CUE.finditer(text, max(0, m.start() - 40), m.start()):  # noqa: B007 (only the last is wanted)
        pass
    if cue is None:
        return False
    return bool(re.search(r"[._\-\d]", m.group("local"))) or bool(
        re.fullmatch(r"\s*(?::|is|-|\u2013)\s*", text[cue.end() : m.start()], _F)
    )


_EMAIL_CUE = re.compile(r"\b(?:e-?mail(?:ed|ing)?|mail\s+(?:me|us|him|her|them)|inbox|address)\b", _F)


# Phone numbers -------------------------------------------------------------------------------------------------

_PHONE_CANDIDATE = re.compile(
    r"(?<![\w$£€¥₹#@/\\.,:+\-])(?:\+[ \t]?)?\(?\d+\)?(?:(?:[ \t]*[.\-\u2013][ \t]*|[ \t]{1,2})\(?\d+\)?){0,7}"
)
_PHONE_CUE = re.compile(
    r"\b(?:call|calls|calling|text|txt|phone|tel|telephone|mob|mobile|cell|cellphone|whats\s?app|viber|signal|"
    r"sms|ring|dial|reach|contact|number|numbers?['\u2019]s|no)\b|#",
    _F,
)
_AFTER_NUMBER = re.compile(
    r"\s*(?:%|percent|[kmb]\b|bn\b|usd|eur|gbp|dollars?|euros?|pounds?|hours?|hrs?|h\b|mins?|minutes?|"
    r"seconds?|secs?|ms\b|years?|yrs?|months?|days?|weeks?|users?|words?|requests?|records?|rows?|items?|"
    r"visits?|leads?|downloads?|views?|followers?|subscribers?|px|pt\b|mb\b|gb\b|tb\b|kb\b)",
    _F,
)
_BEFORE_NUMBER = re.compile(r"(?:[$£€¥₹]|\b(?:usd|eur|gbp|inr|rs|version|ver|v|isbn|sku|id|order))\W{0,2}$", _F)
# The last label before a number says what it is (issue 15, seventh pass): an invoice, order, reference, tracking,
# serial or ID number, a code, an IBAN or an amount is not a phone even when the label says "number" ("the invoice
# number is 2026-0047"); "phone", "call", "text", "cell", "whatsapp", "number" or "reach" alone still cue one.
_NUMBER_LABEL = re.compile(
    r"\b(?:(?P<other>invoice|inv|order|ref|reference|tracking|ticket|booking|confirmation|transaction|txn|receipt|"
    r"serial|sku|isbn|ean|upc|iban|swift|bic|sort\s+code|routing|vat|tax|postcode|post\s+code|postal\s+code|zip|"
    r"pin|otp|licen[cs]e|policy|amount|total|balance|version|code|id)\b(?:\s*(?:number|no\.?|num|nr\.?|#|code|id))?"
    r"|(?P<owned>customer|client|member|employee|student|project|job|contract|milestone|case|claim|model|part|batch|"
    r"lot|registration|account|shipment|parcel|po|purchase\s+order)\s*(?:number|no\.?|num|nr\.?|#|code|id)"
    r"|(?P<phone>call|text|txt|phone|tel|telephone|mobile|mob|cell|cellphone|whats\s?app|viber|signal|sms|ring|"
    r"dial|reach|number))\b",
    _F,
)


# The first word of every label but a phone's: a window without any is decided without the regex (the cheap path).
_OTHER_LABEL_WORDS = frozenset((
    "invoice", "inv", "order", "ref", "reference", "tracking", "ticket", "booking", "confirmation", "transaction",
    "txn", "receipt", "serial", "sku", "isbn", "ean", "upc", "iban", "swift", "bic", "sort", "routing", "vat", "tax",
    "postcode", "post", "postal", "zip", "pin", "otp", "licence", "license", "policy", "amount", "total", "balance",
    "version", "code", "id", "customer", "client", "member", "employee", "student", "project", "job", "contract",
    "milestone", "case", "claim", "model", "part", "batch", "lot", "registration", "account", "shipment", "parcel",
    "po", "purchase",
))  # fmt: skip
_WORD = re.compile(r"\w+")


def _labelled_not_a_phone(text: str, start: int) -> bool:
    """Whether the last label in the 40 characters before a number names something other than a phone."""
    window = text[max(0, start - 40) : start]
    if _OTHER_LABEL_WORDS.isdisjoint(_WORD.findall(window.lower())):
        return False
    last = None
    for last in _NUMBER_LABEL.finditer(text, max(0, start - 40), start):  # noqa: B007 (only the last is wanted)
        pass
    return last is not None and last.group("phone") is None


_YEAR = re.compile(r"(?:19|20)\d\d")
_DECIMALS_AFTER = re.compile(r"[.,]\d")
_DIGIT_RUN = re.compile(r"\d+")
_DATE = re.compile(r"\d{4}[-./]\d{1,2}[-./]\d{1,2}|\d{1,2}[-./]\d{1,2}[-./]\d{2,4}")


def _accept_phone(text: str, m: re.Match[str]) -> bool:
    s = m.group()
    if not 7 <= sum(map(str.isdigit, s)) <= 15:
        return False  # every branch below wants 7 to 15 digits; most numbers in prose ("50", "2024") end here
    start, end = m.span()
    following = text[end : end + 1]
    if following.isalnum() or (following and following in "%$€£") or _DECIMALS_AFTER.match(text, end):
        return False
    if _AFTER_NUMBER.match(text, end) or _BEFORE_NUMBER.search(text[max(0, start - 10) : start]):
        return False
    groups = _DIGIT_RUN.findall(s)
    digits = "".join(groups)
    international = s.startswith("+") or (s.startswith("00") and len(digits) >= 10)
    if international:
        if not 8 <= len(digits) <= 15:
            return False
    else:
        if _DATE.fullmatch(s.strip()) or sum(1 for g in groups if _YEAR.fullmatch(g)) >= 2:
            return False
        # the costliest check, so only made when it decides
        cue = (7 <= len(digits) <= 9 and len(groups) > 1) or (len(groups) == 1 and not digits.startswith("0"))
        if cue:
            cue = bool(_PHONE_CUE.search(text[max(0, start - 30) : start] + " " + text[end : end + 20]))
        if not cue and 8 <= len(digits) <= 9 and _NATIONAL_GROUPING.fullmatch(s.strip()):
            cue = True  # eleventh pass: a national grouping needs no cue ("91 555 32 10", "612 34 56 78")
        if not (10 <= len(digits) <= 12 or (7 <= len(digits) <= 9 and cue and len(groups) > 1)):
            return False
        if len(groups) == 1 and not (digits.startswith("0") or cue):
            return False  # a bare 10-12 digit run needs a hint that it is a phone number
        if len(groups) > 1 and len(groups[0]) <= 3 and all(len(g) == 3 for g in groups[1:]):
            return False  # thousands grouping: "1 000 000 000"
    for i, g in enumerate(groups):
        if len(g) == 1 and not (i == 0 or (international and i == 1)):
            return False  # ISBNs, IP addresses, "v1.2.3.4"
    is_ipv4 = len(groups) == 4 and all(len(g) <= 3 for g in groups) and s.count(".") == 3
    return not is_ipv4 and not _labelled_not_a_phone(text, start)  # the label last: only a phone-shaped number


# Eleventh pass: a number grouped the way Spain, France, Belgium, the Netherlands or Scandinavia write phones, two
# or three digits then pairs ("91 555 32 10", "612 34 56 78", "06 12 34 56"): no amount or count is written so.
_NATIONAL_GROUPING = re.compile(r"\d{2,3}[ .]\d{2,3}[ .]\d{2}[ .]\d{2}")
_DIGIT_WORD = r"(?:zero|oh|one|two|three|four|five|six|seven|eight|nine)"
_PHONE_WORDS = re.compile(rf"\b{_DIGIT_WORD}(?:[\s,\-]+{_DIGIT_WORD}\b){{6,}}", _F)
# Thirteenth pass: a phone read out in pairs ("zero six, seventy-one, twenty, forty-four, nine nine"): digits, teens
# and tens (with or without a unit) in a run, accepted when they add up to nine digits or more and a tens or teens
# word is among them (a run of single digits is _PHONE_WORDS's).
_UNIT_WORD = r"(?:one|two|three|four|five|six|seven|eight|nine)"
_TENS_WORD = rf"(?:twenty|thirty|forty|fourty|fifty|sixty|seventy|eighty|ninety)(?:[\s\-]?{_UNIT_WORD}\b)?"
_TEEN_WORD = (
    r"(?:ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|"
    rf"double\s+(?:zero|oh|{_UNIT_WORD[3:-1]}))"
)
_NUMBER_WORD = rf"(?:{_TENS_WORD}|{_TEEN_WORD}|{_DIGIT_WORD})"
_PHONE_PAIRS = re.compile(rf"\b{_NUMBER_WORD}(?:[\s,\-]+{_NUMBER_WORD}\b){{3,}}", _F)
_ONE_NUMBER_WORD = re.compile(_NUMBER_WORD, _F)


def _accept_phone_pairs(text: str, m: re.Match[str]) -> bool:
    words = [w.group().lower() for w in _ONE_NUMBER_WORD.finditer(m.group())]
    if not any(not re.fullmatch(_DIGIT_WORD, w, _F) for w in words):
        return False
    digits = sum(1 if re.fullmatch(_DIGIT_WORD, w, _F) else 2 for w in words)
    return digits >= 9


# Thirteenth pass: a phone in spaced single digits ("0 4 1 2 - 5 5 8 - 3 9 0"): nine digits or more, each alone.
_PHONE_SPACED_DIGITS = re.compile(r"(?<![\w.,])(?:\+\s?)?\d(?:\s(?:[\-.]\s)?\d){8,13}(?![\w.,]\d|\w)")

# Messengers ----------------------------------------------------------------------------------------------------

_STRONG_MESSENGER_NAMES = (
    r"whats\s?app|telegram|skype|discord|viber|we\s?chat|snap\s?chat|kik|threema|icq|instagram|insta"
)
_STRONG_MESSENGERS = rf"(?:{_STRONG_MESSENGER_NAMES})"
# Weaker names ("signal", "line", "wa") only count next to a handle, a number or "me on".
_MESSENGERS = rf"(?:{_STRONG_MESSENGER_NAMES}|signal|(?:facebook\s+)?messenger|line|imo|tg|wa|ig|snap)"
# "the Telegram bot", "WhatsApp Business API", "Signal protocol": the product, not a way to reach someone.
_NOT_A_CHANNEL = (
    r"(?!\s*(?:bots?|api|apis|sdk|business|integration|channel|groups?\s+bot|processing|protocol|clone|"
    r"mini\s+app|web\s+app|app\s+development|for\s+business|theme|stickers?|filters?)\b)"
)
_HANDLE_WORDS = r"(?:id|name|handle|username|user\s?name|user|number|no\.?|account|contact|nick|tag)"
_STOPWORDS = _words(
    "a an the is are was not no my your our this that it its same below above here there attached in on at of "
    "for to with and or but down broken blocked private offline online busy slow fine new old different "
    "mentioned listed visible hidden available unavailable always never usually just only also still please "
    "calls call chat chats group groups channel channels bot bots business api me you us him her them "
    "probably currently"
)

_MESSENGER_LINK = re.compile(
    r"(?<![\w.@])(?:https?://)?(?:www\.)?(?:t\.me|telegram\.(?:me|dog)|wa\.me|api\.whatsapp\.com|"
    r"chat\.whatsapp\.com|discord\.gg|discord(?:app)?\.com/(?:invite|users)|join\.skype\.com|m\.me|signal\.me|"
    r"line\.me|viber\.me|invite\.viber\.com|snapchat\.com/add|u\.wechat\.com)/[\w\-+/?=&#%.~]*[\w\-+/=&#%~]",
    _F,
)
_MESSENGER_LABEL = re.compile(
    rf"\b(?P<label>{_MESSENGERS})(?:\s+(?P<idw>{_HANDLE_WORDS}))?(?P<sep>\s*[:=]\s*|\s+[-\u2013]\s*|\s+)"
    r"(?P<v>\+?\(?\d[\d\s().\-]{5,}\d|@?[a-z0-9][\w.:#\-]{1,}[\w])",
    _F,
)
_HANDLE_LIKE = re.compile(r"^[@+]|[_.\d:#]")


def _accept_messenger_label(text: str, m: re.Match[str]) -> bool:
    label = m.group("label").lower()
    value = m.group("v")
    if value.lower().lstrip("@") in _STOPWORDS:
        return False
    if value[0].isdigit() or value[0] in "+(":
        return len(re.sub(r"\D", "", value)) >= 7
    handle_like = bool(_HANDLE_LIKE.search(value))
    if value.startswith("@"):
        return True
    if re.fullmatch(r"\s*[:=]\s*|\s+[-\u2013]\s*", m.group("sep")) or m.group("idw"):
        return handle_like or len(value) >= 4
    return handle_like and bool(re.fullmatch(_STRONG_MESSENGERS, label, _F))


_MY_CHANNEL = re.compile(
    rf"\bmy\s+(?:personal\s+|private\s+|work\s+|direct\s+)?(?P<label>{_MESSENGERS}|e-?mail|gmail|mail|"
    r"number|phone|cell|mobile|contact)(?:\s+(?P<idw>id|handle|username|user\s?name|name|number|no\.?|"
    r"address|account|contact|details|info))?\s*(?:is|[:=]|-)\s*(?P<v>@?[a-z0-9][\w.:#\-\[\]()@+]*[\w\]])",
    _F,
)


def _accept_my_channel(text: str, m: re.Match[str]) -> bool:
    value = m.group("v")
    if value.lower().lstrip("@") in _STOPWORDS or len(value) < 3:
        return False
    label = m.group("label").lower()
    if label in {"number", "phone", "cell", "mobile"}:
        return len(re.sub(r"\D", "", value)) >= 7
    if label in {"email", "e-mail", "gmail", "mail", "contact"}:
        return bool(_HANDLE_LIKE.search(value))
    return True


_HANDLE = r"(?<![\w.@])@[a-z0-9_][\w.]{1,}[\w]"
# Twelfth pass: the "@handle" shape next to the name of a social network or a work chat too ("DM me on Twitter,
# @coach_dmitri", "@lena.k on Slack"), not only a messenger's.
_SOCIAL_APPS = r"(?:twitter|bluesky|bsky|mastodon|reddit|slack|teams|linkedin|facebook|tiktok|kakao(?:\s?talk)?|zalo)"
_MESSENGER_HANDLE = re.compile(
    rf"\b(?:{_MESSENGERS}|{_SOCIAL_APPS})\b{_NOT_A_CHANNEL}[^.!?\n@]{{0,25}}?{_HANDLE}"
    rf"|{_HANDLE}\s+(?:on|at|in|via|over)\s+(?:{_MESSENGERS}|{_SOCIAL_APPS})\b",
    _F,
)
_MESSENGER_INVITE = re.compile(
    r"\b(?:add|message|msg|ping|text|contact|reach|find|call|dm|pm|hit|catch|write|buzz|follow|"
    r"connect\s+with|chat\s+with)\s+(?:me|us)(?:\s+up)?\s+(?:on|via|at|through|over|in|using)\s+"
    rf"{_MESSENGERS}\b{_NOT_A_CHANNEL}"
    rf"|\b(?:{_STRONG_MESSENGERS}|signal|snap)\s+(?:me|us)\b(?!\s+(?:bot|api))",
    _F,
)

# Eighth pass. A handle after an app's or a mail provider's name and a label, with nothing else to give it away:
# "kakao id: minji_design", "my handle on snapchat is leo.films", "gmail: farah.designs.lhr", "zalo - tran.huy88".
# The value must look like a handle (a dot, an underscore, a digit, "#" or a leading "@"); a plain word counts only
# after an explicit "id", "handle", "username"... and a colon ("line id: minji"), never after "is".
_HANDLE_APPS = (
    rf"(?:{_STRONG_MESSENGER_NAMES}|signal|(?:facebook\s+)?messenger|kakao(?:\s?talk)?|zalo|weixin|qq|tiktok|"
    r"twitter|bluesky|bsky|mastodon|reddit|keybase|threema|imessage|facetime|hangouts|google\s+chat|teams|slack|"
    r"facebook|linkedin|gmail|g-?mail|googlemail|yahoo|"
    r"ymail|outlook|hotmail|proton(?:\s?mail)?|icloud|yandex|zoho|gmx|aol|fastmail|tutanota|naver|daum|"
    r"rediff(?:mail)?|qq\s?mail|mail\.ru|web\.de)"
)
_HANDLE_LABEL = r"(?:id|handle|username|user\s?name|user|name|nick(?:name)?|account|address|tag|login)"
_APP_HANDLE = re.compile(
    rf"\b(?P<label>{_HANDLE_APPS})(?:\s+(?P<idw>{_HANDLE_LABEL}))?(?P<sep>\s*[:=]\s*|\s+is\s+|\s+[-\u2013]\s+)"
    r"(?P<v>@?[a-z0-9][\w.\-#]*[\w])"
    rf"|\bmy\s+(?:\w+\s+)?(?P<idw2>{_HANDLE_LABEL})\s+(?:on|in|at|for|over)\s+(?P<label2>{_HANDLE_APPS})\s*"
    r"(?:is|[:=]|-)\s*(?P<v2>@?[a-z0-9][\w.\-#]*[\w])",
    _F,
)


def _accept_app_handle(text: str, m: re.Match[str]) -> bool:
    value = m.group("v") or m.group("v2")
    if value.lower().lstrip("@") in _STOPWORDS or len(value) < 3 or value.lower().startswith(("http", "www.")):
        return False
    if re.fullmatch(r"[\d.\-]+", value):
        return False  # a version or a number ("slack: 4.2", "teams - 2024"): the phone rule decides numbers
    if value.startswith("@") or re.search(r"[_.\d#]", value):
        return True
    return bool(m.group("idw")) and ":" in m.group("sep") and len(value) >= 4


# Tenth pass. A handle told inside a sentence rather than after a label: "jonas_builds on discord", "the producer is
# on skype as beats.by.kofi", "carlos.mendez.ux (skype)", "skype (s.ivanova)", "my work skype, s.ivanova.translate".
# With no label the value must be shaped like a handle: letters joined by a dot or an underscore (or a leading "@");
# file names, versions, domains and abbreviations ("mix_v2.wav", "v2.1", "node.js", "e.g.") are not handles.
_TOLD_HANDLE = r"@?[a-z][a-z0-9]*(?:[._][a-z0-9]+)+"
_HANDLE_BEFORE_APP = re.compile(
    rf"(?<![\w.@/\-])(?P<v>{_TOLD_HANDLE})(?:\s*\(\s*(?:on\s+)?{_HANDLE_APPS}\s*\)"
    rf"|\s+(?:on|via|over)\s+(?:my\s+)?(?:{_STRONG_MESSENGERS}|{_SOCIAL_APPS})\b{_NOT_A_CHANNEL})",
    _F,
)
# Eleventh pass: the weaker names (Line, Signal, imo) in the same shapes, a Discord tag ("cadwizard#4821"), "on
# <app>, I'm x.y", "<app> ... — x.y" (the handle after a dash ends the sentence), "find me as x.y on <app>".
_WEAK_APPS = r"(?:line|signal|imo)"
_TOLD_HANDLE_OR_TAG = rf"(?:{_TOLD_HANDLE}|@?[a-z][a-z0-9_.]{{2,}}#\d{{4}})"
_APP_BEFORE_HANDLE = re.compile(
    rf"\b(?:on|via)\s+(?:{_HANDLE_APPS}|{_WEAK_APPS})\s+as\s+(?P<v>{_TOLD_HANDLE_OR_TAG})(?![\w@])"
    rf"|\b{_HANDLE_APPS}\s*\(\s*(?P<v2>{_TOLD_HANDLE})\s*\)"
    rf"|\b(?:uses?|using|on|via|over|in)\s+{_WEAK_APPS}\s*\(\s*(?P<v4>{_TOLD_HANDLE})\s*\)"
    rf"|\bmy\s+(?:(?:work|personal|private|business|other|old|new|second)\s+)?{_HANDLE_APPS}\s*,\s*"
    rf"(?P<v3>{_TOLD_HANDLE})(?![\w@])"
    rf"|\bon\s+(?:{_HANDLE_APPS}|{_WEAK_APPS})\s*,?\s+(?:i['\u2019]m|i\s+am|it['\u2019]s|we['\u2019]re|look\s+for|"
    rf"search(?:\s+for)?|find|add)\s+(?P<v5>{_TOLD_HANDLE_OR_TAG})(?![\w@])"
    rf"|\b{_HANDLE_APPS}\b[^.!?\n\u2014\u2013]{{0,50}}?\s[\u2014\u2013]\s*(?P<v6>{_TOLD_HANDLE})\s*(?:[.!?]|$)"
    rf"|\b(?:find|add|reach|search\s+for|look\s+for|message|ping)\s+(?:me|us|him|her)\s+as\s+"
    rf"(?P<v7>{_TOLD_HANDLE_OR_TAG})\s+(?:on|via|over)\s+(?:{_HANDLE_APPS}|{_WEAK_APPS})\b",
    _F,
)
_NOT_A_HANDLE = re.compile(
    r"(?:.*\.(?:js|ts|py|rb|go|net|io|com|org|co|uk|de|app|dev|ai|png|jpe?g|gif|svg|pdf|zip|rar|mp[34]|wav|"
    r"aiff?|flac|mov|avi|docx?|xlsx?|pptx?|csv|txt|exe|html?|css|json|xml|psd|ai|dwg|stl|obj|fbx|blend|apk)"
    r"|v?\d.*|(?:[a-z]\.)+[a-z]?|e\.?g|i\.?e|etc|vs|a\.?m|p\.?m|st|mr|mrs|ms|dr|no)",
    _F,
)
# The word before a handle told first: a file sent or posted on an app is not a handle ("I posted mix_final on
# discord").
_OBJECT_BEFORE = re.compile(
    r"(?:^|\W)(?:the|a|an|this|that|these|those|file|files|folder|sent|send|sending|shared|share|sharing|posted|"
    r"post|uploaded|upload|dropped|drop|put|pinned|forwarded|forward|attached|build|version|channel|server|"
    r"group|bot)\s*$",
    _F,
)
_MESSENGER_AFTER = re.compile(
    rf"(?:\s*\(\s*(?:on\s+)?{_HANDLE_APPS}\s*\)|\s+(?:on|via|over)\s+(?:my\s+)?(?:{_STRONG_MESSENGERS}|{_SOCIAL_APPS})\b)",
    _F,
)
_HANDLE_AT_END = re.compile(rf"(?<![\w.@/\-]){_TOLD_HANDLE}$", _F)


def _handles_before_apps(pattern: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """Where a handle ends right before "on <app>" or "(<app>)": read back at most 60 characters from there."""
    starts = []
    for m in _MESSENGER_AFTER.finditer(text):
        left = max(0, m.start() - 60)
        if found := _HANDLE_AT_END.search(text, left, m.start()):
            starts.append(found.start())
    return _match_at(pattern, text, starts)


def _accept_told_handle(text: str, m: re.Match[str]) -> bool:
    groups = m.groupdict()
    value = next((groups[g] for g in ("v", "v2", "v3", "v4", "v5", "v6", "v7") if groups.get(g)), "").lstrip("@")
    if len(value) < 4 or _NOT_A_HANDLE.fullmatch(value):
        return False
    return not (m.re is _HANDLE_BEFORE_APP and _OBJECT_BEFORE.search(text, max(0, m.start() - 20), m.start()))


_CONTACT_RULES: tuple[_Rule, ...] = (
    _Rule(Category.CONTACT_DETAILS, "email", _EMAIL_PLAIN),
    _Rule(Category.CONTACT_DETAILS, "email", _EMAIL_SPACED),
    _Rule(Category.CONTACT_DETAILS, "email_obfuscated", _EMAIL_OBFUSCATED, accept=_accept_obfuscated_email),
    _Rule(Category.CONTACT_DETAILS, "phone", _PHONE_CANDIDATE, accept=_accept_phone),
    _Rule(Category.CONTACT_DETAILS, "phone_in_words", _PHONE_WORDS),
    _Rule(Category.CONTACT_DETAILS, "phone_in_words", _PHONE_PAIRS, accept=_accept_phone_pairs),
    _Rule(Category.CONTACT_DETAILS, "phone", _PHONE_SPACED_DIGITS),
    _Rule(Category.CONTACT_DETAILS, "email", _EMAIL_LETTERS, accept=_accept_letter_email),
    _Rule(Category.CONTACT_DETAILS, "messenger_link", _MESSENGER_LINK),
    _Rule(Category.CONTACT_DETAILS, "messenger_handle", _MESSENGER_LABEL, accept=_accept_messenger_label),
    _Rule(Category.CONTACT_DETAILS, "messenger_handle", _MESSENGER_HANDLE),
    _Rule(Category.CONTACT_DETAILS, "contact_handle", _MY_CHANNEL, accept=_accept_my_channel),
    _Rule(Category.CONTACT_DETAILS, "messenger_invite", _MESSENGER_INVITE),
    _Rule(Category.CONTACT_DETAILS, "app_handle", _APP_HANDLE, accept=_accept_app_handle),
    _Rule(Category.CONTACT_DETAILS, "told_handle", _HANDLE_BEFORE_APP, accept=_accept_told_handle),
    _Rule(Category.CONTACT_DETAILS, "told_handle", _APP_BEFORE_HANDLE, accept=_accept_told_handle),
)


def find_contact_details(text: str) -> list[Hit]:
    """Email addresses, phone numbers and messenger handles or links in ``text``, in order of position."""
    if not text:
        return []
    return _run(_CONTACT_RULES, text)


# --------------------------------------------------------------------------------------------------------------
# Risky talk
# --------------------------------------------------------------------------------------------------------------

# Payment channels that are (almost) never part of a platform's own flow when named in a chat.
_PAY_SERVICES_STRONG = (
    r"(?:pay\s?pal|venmo|zelle|cash\s?app|revolut|payoneer|skrill|neteller|western\s+union|money\s?gram|"
    r"transferwise|crypto(?:currency)?|bitcoin|btc|usdt|usdc|tether|ethereum|binance(?:\s+pay)?|trc-?20|erc-?20|"
    r"wire\s+transfer|bank\s+transfer|(?:[a-z]+\s+)?gift\s*cards?|money\s+order|alipay|paytm|interac|e-?transfer|"
    r"monero|xmr|dogecoin|solana|(?:amazon|steam|itunes|apple|google\s+play)\s+(?:vouchers?|credit)|"
    # eleventh pass: stablecoins and their chains, remittance services, national wallets and instant-payment apps
    r"stablecoins?|tron|trx|busd|pyusd|xrp|ripple|litecoin|bnb|remitly|world\s?remit|xoom|ria\s+money\s+transfer|"
    r"paysera|airtm|perfect\s+money|webmoney|qiwi|wechat\s+pay|g-?pay|gcash|bkash|easypaisa|jazzcash|phonepe|"
    r"bizum|vipps|mobilepay|twint|blik|lydia|satispay|payid|chime|apple\s+cash|upi\s+(?:id|handle|number))"
)
# Ambiguous words that mean a payment channel only right after "pay via/by/in/to ...".
_PAY_SERVICES_WEAK = (
    r"(?:wise|cash|checks?|cheques?|wire|bank(?:\s+account)?|(?:personal|private)\s+account|swift|sepa|iban|"
    r"stripe|apple\s+pay|google\s+pay|upi|eth|ltc|litecoin|crypto\s+wallet|m-?pesa)"
)
_PAY_VERB = (
    r"(?:pay|pays|paying|paid|payments?|send|sends|sending|sent|transfer|transfers|transferring|transferred|"
    r"wire|wired|receive|receiving|compensat\w*|settle|invoice|reimburs\w*|get\s+paid)"
)
_PAY_FILLER = (
    r"(?:you|me|us|it|this|that|the|my|your|our|a|an|money|amount|balance|rest|remainder|remaining|deposit|"
    r"advance|fee|fees|payment|payments|invoice|funds|salary|full|first|second|half|upfront|directly|direct|"
    r"instead|only|now|today|tonight|tomorrow|later|will|be|is|are|can|could|would|made|sent|done|processed|"
    r"handled|transferred|wired|paid|weekly|monthly|all|everything|installment|milestone|each|every|bonus|"
    r"\$?\d[\d,.]*%?|usd|eur|dollars|in\s+(?:euros?|dollars|pounds|rupees|usd|eur|gbp|(?:us|canadian|aussie)\s+dollars))"
)
# A payment service used as a modifier ("the Venmo logo", "PayPal API", "Venmo-style") is not a payment channel.
_NOT_A_PAYMENT = (
    r"(?![\w-]|\s+(?:logos?|icons?|brand\w*|buttons?|badges?|apis?|sdks?|integrations?|plugins?|clones?|forms?|"
    r"fields?|pages?|flows?|modules?|screens?|widgets?|components?|features?)\b)"
)
_PAY_PREP = r"(?:via|through|thru|by|with|over|on|using|in|into|to|as)"

_PAY_VIA = re.compile(
    rf"\b{_PAY_VERB}(?:\s+{_PAY_FILLER}){{0,6}}\s+{_PAY_PREP}\s+(?:(?:my|your|our|a|an|the)\s+)?"
    rf"(?:{_PAY_SERVICES_STRONG}|{_PAY_SERVICES_WEAK}){_NOT_A_PAYMENT}(?:\s+(?:directly|instead|only|privately))?",
    _F,
)
_SERVICE_AS_VERB = re.compile(
    r"\b(?:pay\s?pal|venmo|zelle|cash\s?app|wire)\s+(?:you|me|us|him|her|them|it|the\s+(?:money|funds|"
    r"deposit|advance|rest|balance|full\s+amount|amount)|\$?\d)",
    _F,
)
_PAY_WORD = re.compile(
    r"\b(?:pay|pays|paying|paid|payments?|money|receive|installments?|deposit|advance|salary|fees?|invoice|"
    r"send|transfer|settle|reimburse\w*|compensat\w*|upfront|up-front|checkout|charges?|remaining|"
    r"remainder|milestones?|balance)\b",
    _F,
)
_SERVICE_MENTION = re.compile(rf"\b{_PAY_SERVICES_STRONG}{_NOT_A_PAYMENT}", _F)


def _accept_service_mention(text: str, m: re.Match[str]) -> bool:
    """A strong payment service within a few words of a payment word ("Payment is done via Skrill")."""
    scan = _scan(text)
    return scan.window_has(_PAY_WORD, m.start() - 40, m.start()) or scan.window_has(_PAY_WORD, m.end(), m.end() + 40)


_PAY_DIRECTLY = re.compile(
    r"\b(?:pay|paid|paying|payments?|settle|deal)\b(?:\s+(?:you|me|us|them|it|the\s+\w+|\w+)){0,2}\s+"
    r"(?:directly|direct|privately|personally|on\s+the\s+side|between\s+us|outside)\b"
    rf"|\bdirect\s+(?:payments?|transfers?|deposits?){_NOT_A_PAYMENT}|\bpayments?\s+off[-\s]?(?:platform|site)\b",
    _F,
)
_OUTSIDE_PLATFORM = re.compile(
    r"\b(?:outside|off)(?:\s+of)?\s+(?:the\s+|this\s+|our\s+)?(?:platform|site|website|marketplace|upwork|"
    r"fiverr|escrow)\b|\boff[-\s](?:platform|site)\b|\boutside\s+of\s+it\b",
    _F,
)
# What is done "outside the site" tells paying from talking: a payment word, a payment service or an amount
# ("half by Skrill now, half later, all outside the site") makes it a payment.
_PAYMENT_CONTEXT = re.compile(
    r"\b(?:pay|pays|paying|paid|payments?|money|fees?|invoice\w*|settle|transactions?|deposit|charge|royalt\w*|"
    rf"commission|escrow|cut|wired?|wallet|cash|upfront|bill|billed|billing|{_PAY_SERVICES_STRONG[3:-1]})\b|%|"
    r"[$\u00a3\u20ac]\s?\d",
    _F,
)


def _payment_or_contact(text: str, m: re.Match[str]) -> Category:
    if _sentence_has(_PAYMENT_CONTEXT, text, m.start(), m.end()):
        return Category.OFF_PLATFORM_PAYMENT
    return Category.OFF_PLATFORM_CONTACT


_AVOID_FEES = re.compile(
    r"\b(?:avoid|skip|save(?:\s+on)?|dodge|bypass|get\s+around|cut\s+out)\s+(?:the\s+|paying\s+|any\s+|on\s+)?"
    r"(?:platform(?:['\u2019]s)?\s+|site(?:['\u2019]s)?\s+|service\s+|marketplace\s+|upwork\s+|commission\s+)?"
    r"(?:fees?|commission|cut)\b",
    _F,
)
_BYPASS = re.compile(
    r"\b(?:bypass|circumvent|go\s+around|cut\s+out|skip|avoid)\s+(?:the\s+)?"
    r"(?:platform|site|middle\s?man|middlemen|escrow)\b",
    _F,
)
_CHOOSE_METHOD = re.compile(
    r"\b(?:choose|pick|select|name|tell\s+me|let\s+me\s+know)\s+(?:your|a|any)\s+(?:own\s+|preferred\s+|"
    r"favou?rite\s+)?(?:payment|pay)\s+(?:method|option|way|app|platform)s?\b"
    r"|\b(?:any|whatever|whichever)\s+payment\s+(?:method|option)s?\s+(?:you|is|works|suits)\b"
    r"|\bwhich\s+payment\s+(?:method|option|app)s?\s+(?:do|would)\s+you\b"
    r"|\bhow\s+(?:do|would)\s+you\s+(?:like|prefer|want)\s+to\s+(?:be\s+paid|receive\s+(?:the\s+)?payment)\b",
    _F,
)
_GIFT_CARDS = re.compile(
    r"\b(?:buy|purchase|get|send|pay|paid|reimburse\w*|compensat\w*|redeem)\b[^.!?\n]{0,30}?\bgift\s*cards?\b",
    _F,
)
_PAYMENT_DETAILS_REQUEST = re.compile(
    r"\b(?:send|share|give|provide|drop|text|dm|pm|tell)\s+(?:me|us)\s+(?:your|ur)\s+|"
    r"\bwhat['\u2019]?s\s+(?:your|ur)\s+|\bwhat\s+is\s+(?:your|ur)\s+|\bonce\s+you\s+send\s+(?:me\s+)?(?:your|ur)\s+",
    _F,
)
_PAYMENT_DETAILS = re.compile(
    r"(?:\w+\s+)?(?:wallet(?:\s+address)?|pay\s?pal|venmo|zelle|cash\s?app|revolut|wise|payoneer|skrill|"
    r"bank\s+(?:details|account|info)|account\s+(?:details|number)|iban|swift(?:\s+code)?|routing\s+number|"
    r"card\s+(?:details|number)|btc|usdt|crypto)\b",
    _F,
)
_PAYMENT_DETAILS_ASK = re.compile(
    rf"(?:{_PAYMENT_DETAILS_REQUEST.pattern})(?:{_PAYMENT_DETAILS.pattern})"
    # eleventh pass: particulars that only a payment needs, asked for without "me" ("send your sort code and account
    # number", "please share your UPI id", "drop your IFSC")
    r"|\b(?:send|share|give|provide|drop|text|dm|pm|post|forward)\s+(?:(?:me|us)\s+)?(?:your|ur)\s+"
    r"(?:(?:bank\s+)?sort\s+code|upi\s+(?:id|handle|number)|vpa|ifsc(?:\s+code)?|bsb(?:\s+number)?|iban|"
    r"swift(?:\s+code)?|routing\s+number|(?:crypto\s+|usdt\s+|btc\s+|bitcoin\s+|eth\s+)?wallet\s+address|"
    r"pay\s?pal(?:\s+e-?mail)?|venmo|zelle|cash\s?app|revolut|payoneer|bank\s+details)\b",
    _F,
)
_OVERPAYMENT = re.compile(
    r"\b(?:send|refund|return|wire|transfer|pay)\s+(?:me\s+|us\s+)?(?:back\s+)?(?:the\s+)?"
    r"(?:difference|excess|overpayment|extra\s+(?:money|amount))\b"
    r"|\bdeposit\s+(?:the|a|my|this|it)\s*(?:check|cheque)?\b[^.!?\n]{0,30}\bsend\s+back\b"
    r"|\b(?:send|mail|give|write)\s+(?:you|me)\s+a\s+(?:check|cheque|money\s+order)\b",
    _F,
)

# Work before a contract ----------------------------------------------------------------------------------------

_START = (
    r"(?:start|starts|started|starting|begin|begins|beginning|get\s+started|get\s+going|commence|kick\s+off|"
    r"work|working|jump\s+in|dive\s+in|go\s+ahead|proceed)"
)
_CONTRACT = r"(?:contract|offer|agreement|paperwork|formalities|hire|hiring|escrow|deposit)"
_BEFORE_CONTRACT = re.compile(
    rf"\b{_START}\b[^.!?\n]{{0,40}}?\bbefore\s+(?:(?:the|a|an|any|we|you|i|it['\u2019]?s)\s+)?(?:\w+\s+){{0,2}}?"
    rf"(?:{_CONTRACT}|sign|signing|signed|anything\s+is\s+signed|it['\u2019]?s\s+official)\b",
    _F,
)
_WITHOUT_CONTRACT = re.compile(
    rf"\b{_START}\b[^.!?\n]{{0,40}}?\bwithout\s+(?:waiting\s+for\s+)?(?:(?:a|an|the|any)\s+)?"
    rf"(?:formal\s+|signed\s+|official\s+)?{_CONTRACT}\b",
    _F,
)
_CONTRACT_LATER = re.compile(
    rf"\b{_START}\b[^.!?\n]{{0,50}}?\b"
    + _hinted(rf"(?:formal\s+)?{_CONTRACT}")
    + r"s?\b[^.!?\n]{0,25}?\b"
    + _hinted(
        r"(?:later(?!\s+(?:today|this|tonight))|afterwards|after\s+that|comes?\s+later|can\s+wait|"
        r"(?:is|are)\s+(?:just\s+)?(?:a\s+)?formalit(?:y|ies))"
    ),
    _F,
)
_CONTRACT_NEXT_WEEK = re.compile(
    rf"\b{_START}\b[^.!?\n]{{0,40}}?\b"
    + _hinted(
        r"(?:sort|make|do|create|send|sign|set\s+up|handle|figure|deal\s+with|"
        r"finali[sz]e|formali[sz]e|draw\s+up|write\s+up)"
    )
    + r"\w*\s+(?:out\s+)?(?:(?:the|a|an)\s+)?(?:formal\s+)?"
    rf"{_CONTRACT}s?\b[^.!?\n]{{0,15}}?\b"
    + _hinted(r"(?:tomorrow|next\s+(?:week|month)|in\s+a\s+(?:few|couple\s+of)\s+days|eventually|at\s+some\s+point)")
    + r"\b",
    _F,
)
_CONTRACT_FOLLOWS = re.compile(
    rf"\b(?:the\s+|a\s+|an\s+)?(?:formal\s+)?{_CONTRACT}s?\s+(?:will\s+|can\s+|should\s+)?(?:come|follow|be\s+"
    r"(?:sent|created|done|ready|signed|sorted))\s+(?:later(?!\s+(?:today|this|tonight))|afterwards|eventually)\b",
    _F,
)
_START_NEARBY = re.compile(rf"\b{_START}\b", _F)


def _accept_contract_follows(text: str, m: re.Match[str]) -> bool:
    """ "The offer will come later" is risky when the same message asks to start."""
    return _scan(text).window_has(_START_NEARBY, m.start() - 120, m.end() + 80)


_SKIP_CONTRACT = re.compile(
    r"\b(?:no\s+need\s+(?:to\s+wait\s+)?for|don['\u2019]?t\s+(?:need\s+to\s+)?wait\s+for|skip|forget(?:\s+about)?|"
    r"don['\u2019]?t\s+worry\s+about|never\s+mind|"
    r"don['\u2019]?t\s+bother\s+(?:waiting\s+)?(?:for|with)|(?:we|you)\s+don['\u2019]?t\s+need)\s+"
    r"(?:the|a|an|any|my|our|your)\s+(?:formal\s+|official\s+)?"
    r"(?:contract|offer|agreement|paperwork|escrow|hire|hiring)\b",
    _F,
)
_HIRE_AFTER_WORK = re.compile(
    r"\b(?:do|finish|complete|deliver|build|make|design|start|first)\b[^.!?\n]{0,50}?\b"
    + _hinted(r"(?:then|after\s+that|afterwards|once\s+(?:it['\u2019]?s|that['\u2019]?s)\s+done)")
    + r"\s*,?\s+(?:i|we)"
    r"(?:['\u2019]ll|\s+will|\s+can)?\s+(?:\w+\s+)?(?:hire\s+you|send\s+(?:you\s+)?(?:the|an|a)\s+(?:offer|contract)|"
    r"(?:create|open|start|sign)\s+(?:the|a)\s+contract|make\s+(?:it|this)\s+official|"
    r"(?:make|do)\s+(?:the|a|an)\s+(?:hire|offer)\b)"
    r"|\b(?:i|we)(?:['\u2019]ll|\s+will)\s+(?:\w+\s+)?(?:hire\s+you|send\s+(?:you\s+)?(?:the|an|a)\s+(?:offer|contract)|"
    r"(?:create|open)\s+(?:the|a)\s+contract)\b[^.!?\n]{0,30}?\b" + _hinted(r"(?:once|after|when)") + r"\s+you\s+"
    r"(?:finish|complete|deliver|do|show\s+me|build|design)",
    _F,
)

# The offer, the hire or the acceptance of a proposal promised for when some work is delivered: "the offer will be
# sent once you've finished the first module", "I'll accept your proposal once you upload the first screens",
# "deliver the first screens before I accept your proposal", "before I send the offer, could you begin ...".
_DELIVERED = (
    r"(?:finish|finished|complete|completed|deliver|delivered|build|built|write|written|wrote|upload|uploaded|push|"
    r"pushed|ship|shipped|translate|translated|design|designed|code|coded|implement|implemented|done)"
)
_OFFER_AFTER_WORK = re.compile(
    r"\b(?:offer|hire|hiring|contract|proposal)s?\b[^.!?\n]{0,40}?\b"
    + _hinted(r"(?:once|after|when|as\s+soon\s+as)")
    + rf"\s+you(?:['\u2019]ve|\s+have)?\s+(?:\w+\s+)?{_DELIVERED}\b"
    r"|\b(?:i|we)(?:['\u2019]ll|\s+will|\s+can|\s+would)?\s+(?:only\s+)?(?:\w+\s+)?"
    r"(?:send|make|issue|create|accept|hire|press|click|approve)\b[^.!?\n]{0,30}?\b"
    + _hinted(r"(?:once|after|when|as\s+soon\s+as)")
    + rf"\s+(?:you(?:['\u2019]ve|\s+have)?\s+(?:\w+\s+)?{_DELIVERED}|i(?:['\u2019]ve|\s+have)?\s+(?:seen|see|got|"
    r"received?)\s+(?:the|your)\s+(?:first|finished|completed|working))\b"
    r"|\b(?:deliver|finish|complete|build|design|write|code|translate|start|begin)\w*\b[^.!?\n]{0,50}?\b"
    + _hinted(r"before")
    + r"\s+(?:i|we)\s+(?:\w+\s+)?(?:accept\s+(?:\w+\s+)?(?:proposal|bid|application|offer|you)|hire|"
    r"send\s+(?:you\s+)?(?:the|an|any|my)\s+(?:\w+\s+)?offer|make\s+(?:it|this|you)\s+official)"
    r"|\bbefore\s+(?:i|we)\s+(?:\w+\s+)?(?:send|make|accept|hire|issue|create)\w*\s+(?:\w+\s+){0,2}?"
    r"(?:offer|contract|proposal|application|bid|you)\b[^.!?\n]{0,12}?\b(?:could|can|would|please|i\s+need|"
    r"i['\u2019]d\s+like)\b[^.!?\n]{0,25}?\b"
    + _hinted(r"(?:start|begin|build|deliver|finish|work|design|write|code|translate)"),
    _F,
)
_NOT_AN_OFFER = re.compile(
    r"\b(?:end|ends|ended|close|closes|closed|paid|pay|release|released|releases|renew|renewed|cancel\w*|free|"
    r"samples?|tests?|trial|unpaid)\b",
    _F,
)


def _accept_offer_after_work(text: str, m: re.Match[str]) -> bool:
    """Not "the contract ends once you've delivered", nor "I'll send the files once you've finished the NDA"."""
    found = m.group()
    if _NOT_AN_OFFER.search(found):
        return False
    return bool(re.search(r"\b(?:offer|hire|contract|proposal|bid|application|official)\b", found, re.IGNORECASE))


# Unpaid work ---------------------------------------------------------------------------------------------------

_UNPAID_NOUNS = (
    r"(?:test|tests|trial|task|tasks|sample|samples|assignment|project|work|tryout|try-out|demo|audition|"
    r"challenge|exercise|probation|internship|labou?r|articles?|designs?|mockups?|concept|logo)"
)
_UNPAID_WORK = re.compile(
    r"\b(?:unpaid|non[-\s]?paid|no[-\s]pay|uncompensated|without\s+pay(?:ment)?)\s+(?:\w+\s+){0,2}?"
    + _UNPAID_NOUNS
    + r"\b"
    r"|(?<!-)\bfree\s+(?:(?:small|quick|short|little|mini|one[-\s]day|one[-\s]week|\d+[-\s]?(?:hour|day|week)s?)"
    r"\s+)?(?:test(?:\s+(?:task|project|assignment|job|work))?|tests|samples?|assignment|tryout|try-out|"
    r"audition|work|labou?r|task|trial\s+(?:task|work|week|day|period|project|assignment))\b",
    _F,
)
_TEST_NOT_PAID = re.compile(
    r"\b(?:test|trial|sample|assignment|task|tryout|demo)\w*\b[^.!?\n]{0,40}?"
    r"\b" + _hinted(r"(?:is|are|will\s+be|would\s+be)") + r"\s+(?:\w+\s+)?(?:unpaid|not\s+paid|uncompensated|voluntary|"
    r"free\s+of\s+charge)\b"
    r"|\b(?:test|trial|sample|assignment|task|tryout|demo)\w*\b[^.!?\n]{0,40}?"
    r"\b"
    + _hinted(r"(?:won['\u2019]?t|will\s+not|isn['\u2019]?t|is\s+not|aren['\u2019]?t|are\s+not)")
    + r"\s+(?:be\s+)?"
    r"(?:paid|compensated)\b",
    _F,
)
_FOR_FREE = re.compile(
    r"\bfor\s+free\b|\bfree\s+of\s+charge\b|\bwithout\s+(?:any\s+)?(?:pay|payment|compensation)\b", _F
)
_EVALUATION = re.compile(
    r"\b(?:test|tests|sample|samples|trial|demo|prove|show\s+(?:your|us|me)|evaluate|assess|audition|"
    r"skills|before\s+(?:we|i)\s+hire|to\s+see\s+if|candidates?|applicants?)\b",
    _F,
)


def _accept_for_free(text: str, m: re.Match[str]) -> bool:
    return _sentence_has(_EVALUATION, text, m.start(), m.end())


_PAID_ONLY_IF = re.compile(
    r"\b(?:only|just)\s+(?:be\s+|get\s+)?(?:paid|pay(?:\s+you)?|compensated)\s+(?:if|when|once)\s+"
    r"(?:we|i|the\s+client)\s+(?:choose|chose|select|like|love|accept|approve|hire|pick|use)\b"
    r"|\b(?:paid|pay\s+you)\s+only\s+(?:if|when)\s+(?:we|i)\s+(?:choose|like|accept|approve|hire|pick|use)\b",
    _F,
)

# Thirteenth pass: shapes of paying off the platform that name no pay verb the earlier rules know.
_STORE_CARDS = (
    r"(?:steam|google\s+play|play\s+store|amazon|itunes|apple|razer\s+gold|ebay|vanilla|walmart|target|"
    r"sephora|visa|mastercard|prepaid|netflix|xbox|playstation|psn)\s+(?:gift\s*)?(?:cards?|vouchers?|codes?)"
)
_PAY_IN_KIND = re.compile(
    # store cards as the payment ("the rest comes as Amazon gift cards", "I pay in Steam cards")
    rf"\b(?:pay|pays|paying|paid|payment|rest|balance|remainder|comes?\s+as|settle|accept|take|cover)\b"
    rf"[^.!?\n]{{0,40}}?\b{_hinted(_STORE_CARDS)}\b|\b{_STORE_CARDS}\s+(?:as|for|instead)\b"
    # cash in hand ("pay cash when you come", "cash in an envelope", "cash on arrival")
    r"|\b(?:pay|pays|paying|paid|give\s+you|hand\s+you)\s+(?:you\s+)?(?:in\s+)?cash\b(?!\s*flow)"
    r"|\bcash\s+in\s+(?:an?\s+|the\s+)?envelope\b|\bcash\s+(?:on|upon)\s+(?:arrival|pick-?up|collection)\b"
    r"|\bcash\s+(?:when|once)\s+(?:you|i)\s+(?:come|arrive|get\s+here|finish|deliver)\b"
    # "do you accept USDT?", "can you take bitcoin"
    rf"|\b(?:do|would|can|could|will)\s+you\s+(?:accept|take)\s+(?:payment\s+(?:in|via|by|through)\s+)?"
    rf"{_PAY_SERVICES_STRONG}\b"
    # "payoneer direct", "zelle directly"
    r"|\b(?:pay\s?pal|venmo|zelle|cash\s?app|revolut|payoneer|skrill|wise|western\s+union|crypto|usdt|btc)"
    r"\s+direct(?:ly)?\b"
    # "I'll bank transfer you", "e-transfer you", "wire you the rest"
    r"|\b(?:bank\s+transfer|bank-transfer|e-?transfer|wire)\s+(?:you|u)\b"
    # "I'll send it to your card number"
    r"|\b(?:send|sending|transfer|transferring|pay|paying|wire|deposit|top\s+up)\s+(?:it\s+|the\s+\w+\s+|money\s+)?"
    r"(?:straight\s+|directly\s+)?(?:to|into|onto)\s+your\s+(?:bank\s+|debit\s+|credit\s+)?card(?:\s+number)?\b"
    # "send me your M-Pesa number and I'll pay you there"
    r"|\b(?:m-?pesa|mobile\s+money|momo|airtel\s+money|mtn\s+money|orange\s+money|gcash|bkash)\s+"
    r"(?:number|no\.?|account|wallet)\b[^.!?\n]{0,50}?\b(?:pay|send|transfer)",
    _F,
)


# Suspicious links and files ------------------------------------------------------------------------------------

_SHORTENED_LINK = re.compile(
    r"(?<![\w.@])(?:https?://)?(?:bit\.ly|tinyurl\.com|goo\.gl|t\.co|ow\.ly|is\.gd|buff\.ly|cutt\.ly|rb\.gy|"
    r"shorturl\.at|tiny\.cc|rebrand\.ly|s\.id|v\.gd|shorte\.st|adf\.ly|bl\.ink|t\.ly|qr\.ae|lnkd\.in|"
    r"bit\.do|bitly\.com|j\.mp|tiny\.one|tinyurl\.is|cutt\.us|u\.to|clck\.ru|x\.co|soo\.gd|po\.st|tr\.im|su\.pr|"
    r"snip\.ly|snipurl\.com|mcaf\.ee|dlvr\.it|ift\.tt|gg\.gg|t2m\.io|shrtco\.de|surl\.li|kutt\.it|tny\.im|u\.nu|"
    r"v\.ht|2\.gp|cli\.gs|short\.gy|shorturl\.gg|tinu\.be|qrco\.de|urlz\.fr|ulvis\.net|shorter\.me|bc\.vc|"
    r"ouo\.io|zpr\.io|hyperurl\.co|trib\.al|hubs\.l[ay]|s\.coop|1url\.com|go2l\.ink|l\.ead\.me|rotf\.lol|"
    r"n9\.cl|bitly\.ws|shorturl\.asia|zws\.im|reurl\.cc|0rz\.tw|url\.ie|chilp\.it|"
    # thirteenth pass: more public shorteners
    r"goo\.su|vk\.cc|qps\.ru|shor\.by|urlr\.me|dub\.sh|short\.io|tiny\.pl|2no\.co|xurl\.es|y\.gy|did\.li|"
    r"shorturl\.com|tinyurl\.ru|cutt\.ly|l\.linklyhq\.com|lnk\.bio|shrtm\.nu|tiny\.ie|shrinke\.me|"
    r"shrink\.pe|exe\.io|fc\.lc|ouo\.press|link\.tl|smarturl\.it|trimurl\.co|bom\.so|han\.gl|me2\.do|"
    r"url\.kr|dwz\.cn|t\.cn|suo\.im|u\.nu)"
    r"/[\w\-+/?=&#%.~]*[\w\-+/=&#%~]",
    _F,
)
_FILE_HOST_LINK = re.compile(
    r"(?<![\w.@])(?:https?://)?(?:www\.)?(?:drive\.google\.com|docs\.google\.com|dropbox\.com|"
    r"dl\.dropboxusercontent\.com|mega\.nz|mega\.co\.nz|mediafire\.com|wetransfer\.com|we\.tl|"
    r"onedrive\.live\.com|1drv\.ms|sendspace\.com|anonfiles\.com|gofile\.io|files\.fm|file\.io|transfer\.sh|"
    r"4shared\.com|zippyshare\.com|pixeldrain\.com)/[\w\-+/?=&#%.~]*[\w\-+/=&#%~]",
    _F,
)
_DOWNLOAD_VERB = re.compile(
    r"\b(?:download|downloading|install|installing|run|open|launch|execute|extract|unzip|unpack|grab|get)\b", _F
)
_RISKY_EXTENSIONS = r"(?:exe|scr|msi|bat|cmd|vbs|vbe|ps1|jar|apk|dmg|pkg|iso|lnk|hta|wsf|pif|cpl)"
_RISKY_FILE = re.compile(rf"(?<![\w.\-])[\w\-]+(?:\.[\w\-]+){{0,4}}\.{_RISKY_EXTENSIONS}\b", _F)
_REMOTE_OR_INSTALL = re.compile(
    r"\b(?:install|download|run)\s+(?:anydesk|teamviewer|rustdesk|ultraviewer|ammyy)\b"
    r"|\b(?:install|download|run)\s+(?:our|this|the|my)\s+(?:\w+\s+){0,2}?(?:app|application|software|program|"
    r"client|tool|extension|plugin|tracker|agent|viewer|launcher)\b[^.!?\n]{0,40}?"
    r"\b(?:to\s+(?:access|see|view|get|start|receive|open|join|read|unlock)|(?:from|via|using)\s+(?:this|the|my|"
    r"our)\s+(?:\w+\s+){0,2}?link)\b",
    _F,
)

_ENABLE_MACROS = re.compile(r"\benable\s+(?:the\s+)?(?:macros?|content|editing\s+and\s+content)\b", _F)
_DOCUMENT_WORD = re.compile(
    r"\b(?:docm|xlsm|docx?|xlsx?|file|document|attachment|spreadsheet|workbook|archive|zip)\b", _F
)


def _accept_enable_macros(text: str, m: re.Match[str]) -> bool:
    """ "enable macros" said of a file to download or open, not of a macro to write."""
    return _sentence_has(_DOWNLOAD_VERB, text, m.start(), m.end()) or _sentence_has(
        _DOCUMENT_WORD, text, m.start(), m.end()
    )


# Credentials, bank or card details or an identity asked for on another site ("sign in at upw0rk-verify.net",
# "confirm your bank details at pay-release-form.info"): a login verb, then within the clause a domain. Kept when the
# clause asks for the reader's own credentials or details, or the domain is shaped like a phishing page's. Since the
# eighth pass also restoring or recovering access there ("restore access at support-desk-help.com").
_CREDENTIALS_ELSEWHERE = re.compile(
    r"\b(?:log\s*in|log\s+into|sign\s*in|sign\s+into|verify|confirm|validate|authenticate|re-?enter|enter|type|"
    r"submit|update|claim|unlock|connect|restore|recover|regain|reactivate|re-activate|reinstate|reset)\b"
    r"[^.!?\n]{0,50}?(?:\b(?:at|on|to|into|via|through|using|here)\s*:?\s*"
    r"(?:(?:our|my|the|this)\s+(?:\w+\s+){0,2}?)?|:\s*)"
    r"(?:https?://)?(?:www\.)?(?P<site>[a-z0-9][a-z0-9\-]*(?:\.[a-z0-9][a-z0-9\-]*){0,3}\."
    rf"(?:{_TLDS}|top|click|link|live|icu|buzz|shop|store|club|vip|win|support|help|today|cc|ws|pw))\b(?!\.\w)",
    _F,
)
_PHISHING_WORDS = (
    "verif", "secure", "login", "signin", "sign-in", "auth", "account", "payout", "claim", "bonus", "reward", "wallet",
    "billing", "confirm", "unlock", "support", "escrow", "release", "kyc", "portal", "upw0rk", "upvvork", "recover",
    "restore", "appeal", "reinstate",
)  # fmt: skip
_PHISHING_DOMAIN = re.compile("|".join(_PHISHING_WORDS), _F)
_OWN_DETAILS = re.compile(
    r"\byour\s+(?:\w+\s+){0,2}?(?:password|passcode|credentials|bank\w*|card|iban|identity|ssn|seed|wallet|payout|"
    r"earnings)\b|\b(?:verify|confirm|validate|authenticate|unlock|re-?activate)\s+your\s+(?:account|profile|"
    r"e-?mail)\b",
    _F,
)
_LEGIT_SITES = re.compile(
    r"(?:^|\.)(?:github|gitlab|bitbucket|google|figma|notion|trello|atlassian|microsoft|apple|stripe|paypal)\.", _F
)


# Eleventh pass: a site whose name is a well-known one's or the marketplace's with look-alike letters or digits
# ("rnarketplace.com", "upvvork", "paypa1", "g00gle-docs-share.com") is risky with any log-in or request.
_LOOKALIKE_SWAPS = str.maketrans({"0": "o", "1": "l", "3": "e", "4": "a", "5": "s", "7": "t"})
_LOOKALIKE_OF = (
    "marketplace", "upwork", "fiverr", "freelancer", "paypal", "google", "microsoft", "apple", "amazon", "docusign",
    "dropbox", "linkedin", "stripe", "payoneer", "outlook", "wise",
)  # fmt: skip


def _is_lookalike(site: str) -> bool:
    name = site.lower()
    plain = name.translate(_LOOKALIKE_SWAPS).replace("rn", "m").replace("vv", "w").replace("cl", "d")
    return any(brand in plain and brand not in name for brand in _LOOKALIKE_OF)


def _accept_credentials_elsewhere(text: str, m: re.Match[str]) -> bool:
    site = m.group("site")
    if _is_lookalike(site):
        return True
    if _LEGIT_SITES.search(site):
        return False
    # "... at rev-onboard.app with your marketplace credentials": the details may follow the address.
    return bool(_PHISHING_DOMAIN.search(site) or _OWN_DETAILS.search(text, m.start(), min(len(text), m.end() + 60)))


# The same request after the address ("your payout is waiting at payout-center.info, log in there", "click
# http://freelance-bonus.click to claim your welcome payment"): the request, kept when an address not on the
# well-known list stands before it in the sentence (within 80 characters, so the look back stays bounded) and
# either the address is shaped like a phishing page's or the request names the reader's own secrets or money.
_REQUEST_AFTER_LINK = re.compile(
    r"\b(?:log\s*in|sign\s*in|verify|confirm|enter|type|submit|claim|collect|withdraw|unlock|redeem|validate|"
    r"re-?activate|receive|release)\b[^.!?\n]{0,40}?\b(?P<object>there|here|(?:your|ur)\s+(?:\w+\s+){0,2}?"
    r"(?:password|passcode|credentials|login|log-in|card|bank\w*|wallet|seed|payout|earnings|payment|funds|bonus|"
    r"reward|identity|ssn|account|details))\b",
    _F,
)
_SITE_BEFORE = re.compile(
    r"(?:https?://|(?<![\w@.\-]))(?:www\.)?(?P<site>[a-z0-9][a-z0-9\-]{0,40}(?:\.[a-z0-9][a-z0-9\-]{0,40}){0,3}\."
    rf"(?:{_TLDS}|top|click|link|live|icu|buzz|shop|store|club|vip|win|support|help|today|cc|ws|pw))\b(?!\.\w)",
    _F,
)
_STRONG_OBJECT = re.compile(
    r"password|passcode|credentials|card|bank|wallet|seed|payout|earnings|payment|funds|bonus|reward|identity|ssn",
    _F,
)


def _accept_request_after_link(text: str, m: re.Match[str]) -> bool:
    starts, _ = _scan(text).sentences
    sentence_start = starts[bisect_right(starts, m.start()) - 1]
    before = text[max(sentence_start, m.start() - 80) : m.start()]
    return _risky_site_in(before, bool(_STRONG_OBJECT.search(m.group("object"))))


@lru_cache(maxsize=1024)
def _risky_site_in(before: str, strong: bool) -> bool:
    """Whether `before` holds an address not on the well-known list that is risky with the request (cached: a text
    that trips the rule thousands of times repeats itself, and the answer depends on the window alone)."""
    if not strong and not any(word in before.lower() for word in _PHISHING_WORDS):
        return False
    for found in _SITE_BEFORE.finditer(before):
        site = found.group("site")
        if _is_lookalike(site) or (not _LEGIT_SITES.search(site) and (strong or _PHISHING_DOMAIN.search(site))):
            return True
    return False


# Thirteenth pass: a well-known site's address put in front of an unrelated domain, so that the link starts like the
# real one ("pin.it.calligraphy-refs.club", "1drv.ms.photo-share.win", "docs-google.com.share-files.ru"): the
# brand's domain, then at least one more label of three characters or more and a top-level domain (so
# "google.com.au" or "amazon.co.uk" stay out).
_BRANDS = (
    r"(?:google|gmail|dropbox|paypal|microsoft|office|office365|outlook|live|apple|icloud|amazon|1drv|onedrive|"
    r"sharepoint|pin|pinterest|wetransfer|docusign|adobe|upwork|fiverr|linkedin|facebook|instagram|netflix|"
    r"github|notion|figma|canva|zoom|slack|stripe|wise|payoneer)\.(?:com|ms|it|net|org|co|us|io|me)"
    r"\.[a-z0-9][a-z0-9\-]{2,}(?:\.[a-z0-9\-]+)*\.[a-z]{2,}\b(?![.\-]?\w)"
)
_BRAND_AS_SUBDOMAIN = re.compile(
    rf"(?<![\w.\-@])(?:https?://)?(?:[a-z0-9\-]+\.){{0,3}}?(?:[a-z0-9]+[.\-])?{_BRANDS}",
    _F,
)
_BRAND_THEN_DOMAIN = re.compile(rf"(?<![a-z0-9]){_BRANDS}", _F)  # where _BRAND_AS_SUBDOMAIN can match at all
# Thirteenth pass: a file-sharing link to a program or a macro document ("dropbox.com/s/x/setup.exe"): risky
# without a download verb in the sentence.
_MACRO_EXTENSIONS = r"(?:docm|xlsm|pptm|dotm|xlam)"


def _accept_executable_link(text: str, m: re.Match[str]) -> bool:
    return bool(re.search(rf"\.(?:{_RISKY_EXTENSIONS}|{_MACRO_EXTENSIONS})(?:$|[?#&])", m.group(), _F))


# Thirteenth pass: turning off the reader's protection so that a file runs ("disable your antivirus before you open
# it"), a malware instruction with or without a link.
_DISABLE_PROTECTION = re.compile(
    r"\b(?:turn(?:ing)?\s+off|disabl(?:e|ing)|deactivat(?:e|ing)|switch(?:ing)?\s+off|pause|uninstall|"
    r"temporarily\s+(?:turn\s+off|disable))\s+(?:your\s+|the\s+|ur\s+)?(?:\w+\s+)?(?:anti-?virus|"
    r"defender|windows\s+security|smart\s?screen|virus\s+(?:protection|scanner)|real-?time\s+protection|"
    r"security\s+software)\b",
    _F,
)


# A link to a bare IP address ("http://185.22.10.4/login"): no legitimate job needs one.
_IP_LINK = re.compile(r"\bhttps?://\d{1,3}(?:\.\d{1,3}){3}\b", _F)


def _accept_download_context(text: str, m: re.Match[str]) -> bool:
    return _sentence_has(_DOWNLOAD_VERB, text, m.start(), m.end())


# Moving off the platform ---------------------------------------------------------------------------------------

# Thirteenth pass: three ways of moving off the platform that name no verb of moving: an invitation to a team
# workspace by email ("what email should I invite?" to Slack or Teams), a channel asked after and preferred to this
# one ("any chance you're on Teams? I'd rather coordinate there than here"), and a message asked for on a messenger
# ("drop me a line on Viber").
_WORKSPACE_INVITE = re.compile(
    r"\b(?:what|which)(?:['\u2019]s|\s+is)?\s+(?:the\s+|your\s+)?(?:best\s+)?e-?mail(?:\s+address)?\s+"
    r"(?:should|can|do|shall|could|would)\s+(?:i|we)\s+(?:use\s+to\s+|send\s+the\s+)?(?:invite|add)\b"
    r"|\b(?:what|which)\s+e-?mail(?:\s+address)?\s+(?:to|for)\s+(?:the\s+)?(?:invite|invitation)\b"
    r"|\b(?:rather|prefer\s+to|easier\s+to)\s+(?:coordinate|talk|chat|discuss|work|communicate|do\s+this)\b"
    r"[^.!?\n]{0,30}?\bthere\s+than\s+(?:here|on\s+(?:this|the)\s+(?:site|app|platform))\b"
    rf"|\b(?:drop|shoot|send|leave|give)\s+me\s+a\s+(?:line|message|msg|note|text|shout|buzz|call)\s+"
    rf"(?:on|via|over|in|through)\s+(?:{_MESSENGERS}|{_SOCIAL_APPS})\b{_NOT_A_CHANNEL}",
    _F,
)
_APP_NAMED = re.compile(rf"\b(?:{_MESSENGERS}|{_SOCIAL_APPS}|e-?mail)\b", _F)


def _accept_workspace_invite(text: str, m: re.Match[str]) -> bool:
    if re.search(r"there\s+than", m.group(), _F) and not _APP_NAMED.search(text, max(0, m.start() - 120), m.start()):
        return False  # "I'd rather work there than here": a place, unless a channel was just named
    # A detail given with it ("drop me a line on Skype, live:.cid.84ac") is contact details, not only the move.
    if re.match(r"\s*[,:\-]?\s*(?:at\s+|it['\u2019]s\s+)?\S*[\d@:_+]\S*", text[m.end() :]):
        return False
    window = text[m.start() : min(len(text), m.end() + 60)]
    return not any(hit.start >= m.end() - m.start() for hit in find_contact_details(window))


_MOVE_TO_MESSENGER = re.compile(
    r"\b(?:move|moving|continue|continuing|take|taking|switch|switching|talk|talking|chat|chatting|discuss|"
    r"communicate|speak|connect|go|jump|hop|carry\s+on|get\s+in\s+touch|reach\s+out|keep\s+in\s+touch)\b"
    r"(?:\s+(?:this|it|things|further|more|freely|easily|quickly|faster|directly|privately|there|"
    r"(?:the|this|our|that)\s+(?:conversation|chat|discussion|talk))){0,3}\s+(?:on|to|via|over|through|in|into)\s+"
    rf"(?:{_MESSENGERS}|e-?mail|gmail|sms|text|phone)\b{_NOT_A_CHANNEL}",
    _F,
)
_ASK_CONTACT = re.compile(
    r"(?:\b(?:send|give|share|drop|leave|tell|text|dm|pm)\s+(?:me|us)\s+(?:your|ur)|\bwhat['\u2019]?s\s+(?:your|ur)|"
    r"\bwhat\s+is\s+(?:your|ur)|\bcan\s+(?:i|we)\s+(?:get|have)\s+(?:your|ur))\s+"
    r"(?:personal\s+|private\s+|direct\s+|real\s+)?(?:e-?mail(?:\s+address)?|gmail|(?:phone\s+|mobile\s+|cell\s+)?"
    # "what's your number one priority", "what's your number of revisions": a count or a rank, not a phone.
    rf"number(?!\s+(?:one|two|three|1|of)\b)|phone|cell|mobile|{_MESSENGERS}|contacts?(?:\s+(?:details|info|information|number))?|socials|"
    r"handle)\b"
    rf"|\b(?:do\s+you\s+have|are\s+you\s+on|do\s+you\s+use)\s+{_STRONG_MESSENGERS}\b",
    _F,
)
_CONTACT_ME_OFF = re.compile(
    r"\b(?:e-?mail|text|call|message|dm|pm|whatsapp|telegram|skype|ping|contact|write)\s+(?:me|us)\s+"
    r"(?:directly|instead|privately|personally|outside|off[-\s]platform|off\s+the\s+(?:platform|site))\b",
    _F,
)
_DISPARAGE_CHAT = re.compile(
    r"\bdon['\u2019]?t\s+(?:really\s+)?(?:use|check|like)\s+(?:this|the)\s+(?:platform|site|app)(?:['\u2019]s)?\s+"
    r"(?:chat|messenger|messag\w*|inbox)"
    r"|\b(?:this|the)\s+(?:platform['\u2019]?s?\s+|site['\u2019]?s?\s+)?(?:chat|messenger|inbox)\s+(?:is|are)\s+"
    r"(?:too\s+)?(?:slow|bad|buggy|annoying|monitored|watched|terrible|clunky)\b",
    _F,
)
# "can we chat outside of here?", "I'd like to talk with you outside this app", "reply off the site".
_TALK_ELSEWHERE = re.compile(
    r"\b(?:talk|chat|communicat|continu|reply|replie|respond|writ|speak|spoke|discuss|messag|contact)\w*\b"
    r"[^.!?\n]{0,30}?\b"
    + _hinted(r"(?:outside|off)")
    + r"\s+(?:of\s+)?(?:this|the|here)\b(?:\s+(?:site|platform|app|chat|marketplace|messenger|room|website))?",
    _F,
)

# Another channel set against this one ("let's keep talking on Microsoft Teams, not here", "email works better for
# me than this chat", "we can talk in my Basecamp project rather than on the site"): a channel, then within the
# clause "instead of", "rather than", "than" or "not" and this site or its chat.
_OTHER_CHANNELS = (
    rf"{_MESSENGERS}|e-?mail|gmail|phone|sms|texts?|slack|teams|zoom|google\s+(?:meet|chat)|hangouts|linkedin|"
    r"facebook|twitter|mattermost|matrix|basecamp|notion|trello"
)
# Not the channel but a feature built on it ("a WhatsApp button instead of the contact form").
_NOT_A_FEATURE = (
    r"(?!\s+(?:buttons?|links?|widgets?|notifications?|alerts?|integrations?|support|fields?|number\s+fields?|"
    r"forms?|icons?|banners?|templates?|campaigns?|newsletters?|reminders?|codes?)\b)"
)
_CHANNEL_INSTEAD = re.compile(
    rf"\b(?:{_OTHER_CHANNELS})\b{_NOT_A_CHANNEL}{_NOT_A_FEATURE}[^.!?\n]{{0,40}}?"
    r"(?:\b(?:instead\s+of|rather\s+than|not)\s+(?:(?:on|in|through|via|using|over)\s+)?"
    r"(?:here\b|(?:this|the)\s+(?:site|platform|marketplace|app|chat|room|thread|inbox)\b|"
    r"(?:this|the)\s+(?:site|platform|marketplace|app)['\u2019]?s\s+(?:chat|messag\w*|inbox)\b|"
    r"messaging\s+here\b|writing\s+here\b)"
    r"|\b(?:better|easier|faster|quicker|more\s+\w+)\s+(?:for\s+(?:me|us)\s+)?than\s+(?:(?:on|in|through)\s+)?"
    r"(?:here\b|this\s+(?:site|platform|marketplace|app|chat|room|thread|inbox)\b))"
    r"(?!\s+(?:widgets?|buttons?|features?|fields?|forms?|pages?|notices|notifications?)\b)",
    _F,
)


def _accept_channel_instead(text: str, m: re.Match[str]) -> bool:
    """Only a request to move: a handle, an address or a number in between makes it contact details."""
    return not re.search(r"@|\d{4}", m.group())


# "join my Discord server and we'll talk there", "hop on our Slack, we can continue in there".
_JOIN_CHANNEL = re.compile(
    r"\b(?:join|hop\s+(?:on|into)|come\s+(?:to|into|on))\s+(?:my|our)\s+(?:\w+\s+){0,2}?"
    rf"(?:{_OTHER_CHANNELS}|channel|group|room|community)\b[^.!?\n]{{0,40}}?\b(?:talk|chat|continue|discuss|speak|"
    r"go\s+over|sort|carry\s+on)\w*\b[^.!?\n]{0,30}?\b(?:there|in\s+there|properly|freely)\b",
    _F,
)

_RISKY_RULES: tuple[_Rule, ...] = (
    _Rule(Category.OFF_PLATFORM_PAYMENT, "pay_via_service", _PAY_VIA, negatable=True, topical=True),
    _Rule(Category.OFF_PLATFORM_PAYMENT, "pay_via_service", _SERVICE_AS_VERB, negatable=True, topical=True),
    _Rule(
        Category.OFF_PLATFORM_PAYMENT,
        "payment_service",
        _SERVICE_MENTION,
        accept=_accept_service_mention,
        negatable=True,
        topical=True,
    ),
    _Rule(Category.OFF_PLATFORM_PAYMENT, "pay_directly", _PAY_DIRECTLY, negatable=True, topical=True),
    _Rule(
        Category.OFF_PLATFORM_PAYMENT,
        "outside_platform",
        _OUTSIDE_PLATFORM,
        negatable=True,
        categorize=_payment_or_contact,
    ),
    _Rule(Category.OFF_PLATFORM_PAYMENT, "avoid_fees", _AVOID_FEES, negatable=True),
    _Rule(Category.OFF_PLATFORM_PAYMENT, "bypass_platform", _BYPASS, negatable=True, categorize=_payment_or_contact),
    _Rule(Category.OFF_PLATFORM_PAYMENT, "choose_payment_method", _CHOOSE_METHOD, negatable=True, topical=True),
    _Rule(Category.OFF_PLATFORM_PAYMENT, "gift_cards", _GIFT_CARDS, negatable=True, topical=True),
    _Rule(Category.OFF_PLATFORM_PAYMENT, "pay_in_kind", _PAY_IN_KIND, negatable=True, topical=True),
    _Rule(Category.OFF_PLATFORM_PAYMENT, "payment_details_request", _PAYMENT_DETAILS_ASK, negatable=True),
    _Rule(Category.OFF_PLATFORM_PAYMENT, "overpayment", _OVERPAYMENT, negatable=True),
    _Rule(Category.WORK_BEFORE_CONTRACT, "start_before_contract", _BEFORE_CONTRACT, negatable=True),
    _Rule(Category.WORK_BEFORE_CONTRACT, "start_without_contract", _WITHOUT_CONTRACT, negatable=True),
    _Rule(Category.WORK_BEFORE_CONTRACT, "contract_later", _CONTRACT_LATER, negatable=True),
    _Rule(Category.WORK_BEFORE_CONTRACT, "contract_later", _CONTRACT_NEXT_WEEK, negatable=True),
    _Rule(
        Category.WORK_BEFORE_CONTRACT,
        "contract_later",
        _CONTRACT_FOLLOWS,
        accept=_accept_contract_follows,
        negatable=True,
    ),
    _Rule(Category.WORK_BEFORE_CONTRACT, "skip_contract", _SKIP_CONTRACT),
    _Rule(Category.WORK_BEFORE_CONTRACT, "hire_after_work", _HIRE_AFTER_WORK, negatable=True),
    _Rule(
        Category.WORK_BEFORE_CONTRACT,
        "hire_after_work",
        _OFFER_AFTER_WORK,
        accept=_accept_offer_after_work,
        negatable=True,
    ),
    _Rule(Category.UNPAID_WORK, "unpaid_test", _UNPAID_WORK, negatable=True),
    _Rule(Category.UNPAID_WORK, "unpaid_test", _TEST_NOT_PAID),
    _Rule(Category.UNPAID_WORK, "work_for_free", _FOR_FREE, accept=_accept_for_free, negatable=True),
    _Rule(Category.UNPAID_WORK, "paid_only_if_chosen", _PAID_ONLY_IF, negatable=True),
    _Rule(Category.SUSPICIOUS_LINK, "shortened_link", _SHORTENED_LINK),
    _Rule(Category.SUSPICIOUS_LINK, "lookalike_link", _BRAND_AS_SUBDOMAIN),
    _Rule(Category.SUSPICIOUS_LINK, "executable_file", _FILE_HOST_LINK, accept=_accept_executable_link),
    _Rule(Category.SUSPICIOUS_LINK, "disable_protection", _DISABLE_PROTECTION, negatable=True),
    _Rule(Category.SUSPICIOUS_LINK, "file_download_link", _FILE_HOST_LINK, accept=_accept_download_context),
    _Rule(Category.SUSPICIOUS_LINK, "executable_file", _RISKY_FILE, accept=_accept_download_context),
    _Rule(Category.SUSPICIOUS_LINK, "install_to_access", _REMOTE_OR_INSTALL, negatable=True),
    _Rule(Category.SUSPICIOUS_LINK, "enable_macros", _ENABLE_MACROS, accept=_accept_enable_macros, negatable=True),
    _Rule(
        Category.SUSPICIOUS_LINK,
        "credentials_elsewhere",
        _CREDENTIALS_ELSEWHERE,
        accept=_accept_credentials_elsewhere,
        negatable=True,
        topical=True,
    ),
    _Rule(
        Category.SUSPICIOUS_LINK,
        "credentials_elsewhere",
        _REQUEST_AFTER_LINK,
        accept=_accept_request_after_link,
        negatable=True,
        topical=True,
    ),
    _Rule(Category.SUSPICIOUS_LINK, "ip_address_link", _IP_LINK),
    _Rule(Category.OFF_PLATFORM_CONTACT, "move_to_messenger", _MOVE_TO_MESSENGER, negatable=True),
    _Rule(
        Category.OFF_PLATFORM_CONTACT,
        "move_to_messenger",
        _WORKSPACE_INVITE,
        accept=_accept_workspace_invite,
        negatable=True,
    ),
    _Rule(Category.OFF_PLATFORM_CONTACT, "asks_for_contact", _ASK_CONTACT, negatable=True),
    _Rule(Category.OFF_PLATFORM_CONTACT, "contact_me_directly", _CONTACT_ME_OFF, negatable=True),
    _Rule(Category.OFF_PLATFORM_CONTACT, "messenger_invite", _MESSENGER_INVITE, negatable=True),
    _Rule(Category.OFF_PLATFORM_CONTACT, "avoids_platform_chat", _DISPARAGE_CHAT),
    _Rule(Category.OFF_PLATFORM_CONTACT, "talk_elsewhere", _TALK_ELSEWHERE, negatable=True, topical=True),
    _Rule(
        Category.OFF_PLATFORM_CONTACT,
        "channel_instead",
        _CHANNEL_INSTEAD,
        accept=_accept_channel_instead,
        negatable=True,
        topical=True,
        categorize=_payment_or_contact,
    ),
    _Rule(Category.OFF_PLATFORM_CONTACT, "join_channel", _JOIN_CHANNEL, negatable=True, topical=True),
)


# --------------------------------------------------------------------------------------------------------------
# Finders for the patterns whose first word cannot be read off: they start before the word that gives them away
# --------------------------------------------------------------------------------------------------------------

_AT_WORD = re.compile(r"\bat\b|@")  # the "at" of an obfuscated email address, or an "@"
_TLD_WORD = re.compile(rf"\b{_TLDS}\b", _F)
_EXTENSION_WORD = re.compile(rf"\b{_RISKY_EXTENSIONS}\b", _F)
_ANY_DIGIT = re.compile(r"\d")
# What follows the "at" of _AT (either form), and the domain: an "at" may be an address's.
_AFTER_AT = re.compile(rf"(?:at|@)(?:\s*[\])}}>]\s*|\s+){_EMAIL_DOMAIN}", _F)
# The "@" of _EMAIL_PLAIN or _EMAIL_SPACED: a domain's first label and its dot follow.
_DOMAIN_AFTER_AT = re.compile(r"@\s*[a-z0-9][a-z0-9\-]*\s*\.", _F)
# Reversed runs, read backwards from a position (see _Scan.run_before).
_LOCAL_PART = re.compile(r"[\w.%+\-]*")
_SPACED_LOCAL_PART = re.compile(r"\s*[\w.+\-]*")
_FILE_NAME = re.compile(r"[\w.\-]*")
# What stands before the "at" of _EMAIL_OBFUSCATED, reversed: the space or bracket of _AT, then the local part's
# at most four words joined by the three forms of _DOT (".", " dot ", "[dot]"). Each word of the local part is a
# whole run of [\w+\-] (a _DOT begins and ends with none of those characters), so the run read backwards is the
# word, and the address starts at one of these words.
_LOCAL_PART_CHAIN = re.compile(
    r"(?:\s*[\[({<]\s*|\s+)[\w+\-]+(?:(?:\.|\s+tod\s+|\s*[\])}>]\s*(?:tod|\.)\s*[\[({<]\s*)[\w+\-]+){0,3}"
)
_LOCAL_PART_START = re.compile(r"(?<![\w.+\-'\u2019])[a-z0-9]", _F)  # as _EMAIL_OBFUSCATED starts


def _plain_emails(pattern: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """An address starts where the run of address characters before its "@" starts, or after a "%" in it."""
    scan = _scan(text)
    starts: set[int] = set()
    for at in scan.of(_AT_WORD):
        if not _DOMAIN_AFTER_AT.match(text, at):
            continue
        local = scan.run_before(_LOCAL_PART, at)
        starts.update((local, scan.run_before(_SPACED_LOCAL_PART, at)))
        percent = text.find("%", local, at)
        while percent != -1:
            starts.add(percent + 1)
            percent = text.find("%", percent + 1, at)
    return _match_at(pattern, text, sorted(starts))


def _obfuscated_emails(pattern: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """An address starts at one of the few words chained by "dot"s to an "at" that is followed by a domain."""
    scan = _scan(text)
    starts: set[int] = set()
    for at in scan.of(_AT_WORD):
        before = text[at - 1 : at]
        if before and (before.isspace() or before in "[({<") and _AFTER_AT.match(text, at):
            chain = scan.run_before(_LOCAL_PART_CHAIN, at)
            starts.update(m.start() for m in _LOCAL_PART_START.finditer(text, chain, at))
    return _match_at(pattern, text, sorted(starts))


def _risky_files(pattern: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """A file name starts where the run of file-name characters before its extension starts."""
    scan = _scan(text)
    starts: set[int] = set()
    previous = start = 0
    for at in scan.of(_EXTENSION_WORD):
        # The run back to the previous extension is the same run: read it once ("a.exe.exe.exe...").
        start = start if (found := scan.run_before(_FILE_NAME, at, previous)) == previous else found
        previous = at
        if text[at - 1 : at] == ".":
            starts.add(start)
    return _match_at(pattern, text, sorted(starts))


def _phones(pattern: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    # Scanned whole (cheap: its lookbehind fails fast), but only when there is a digit.
    return pattern.finditer(text) if _ANY_DIGIT.search(text) else iter(())


def _letter_emails(pattern: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    # Scanned whole, but only when there is an "@" (an address spelled a letter at a time has one).
    return pattern.finditer(text) if "@" in text else iter(())


# What every brand's domain followed by another has: ".com." or the like. A pattern that starts with a literal is
# found at the speed of a string search; _BRAND_THEN_DOMAIN (a lookbehind first) is tried at every position.
_DOMAIN_THEN_DOMAIN = re.compile(r"\.(?:com|ms|it|net|org|co|us|io|me)\.[a-z0-9]", _F)


def _brand_links(pattern: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    # Scanned whole, but only when a brand's domain is followed by another domain somewhere in the text.
    if _DOMAIN_THEN_DOMAIN.search(text) and _BRAND_THEN_DOMAIN.search(text):
        return pattern.finditer(text)
    return iter(())


_Finder = Callable[[re.Pattern[str], str], Iterator[re.Match[str]]]
_FINDERS: dict[int, _Finder] = {
    id(_EMAIL_PLAIN): _plain_emails,
    id(_EMAIL_SPACED): _plain_emails,
    id(_EMAIL_OBFUSCATED): _obfuscated_emails,
    id(_RISKY_FILE): _risky_files,
    id(_PHONE_CANDIDATE): _phones,
    id(_PHONE_SPACED_DIGITS): _phones,
    id(_EMAIL_LETTERS): _letter_emails,
    id(_BRAND_AS_SUBDOMAIN): _brand_links,
    id(_HANDLE_BEFORE_APP): _handles_before_apps,
}
_ANCHORS = _Anchors(
    [rule.pattern for rule in _CONTACT_RULES + _RISKY_RULES if id(rule.pattern) not in _FINDERS]
    + [_NEGATION, _TOPIC, _PAYMENT_CONTEXT, _EVALUATION, _DOWNLOAD_VERB, _DOCUMENT_WORD, _PAY_WORD, _START_NEARBY]
    + [_AT_WORD, _TLD_WORD, _EXTENSION_WORD]
)


def find_risky_talk(text: str) -> list[Hit]:
    """Off-platform payment, work before a contract, unpaid tests, suspicious downloads, moving off-platform."""
    if not text:
        return []
    return _run(_RISKY_RULES, text)


# --------------------------------------------------------------------------------------------------------------
# Public helpers
# --------------------------------------------------------------------------------------------------------------


def screen(text: str) -> ScreeningResult:
    """Run both detectors."""
    return ScreeningResult(tuple(find_contact_details(text)), tuple(find_risky_talk(text)))


def snippet(text: str, hit: Hit, context: int = 40, marks: tuple[str, str] = ("«", "»")) -> str:
    """The hit with up to ``context`` characters either side, whitespace collapsed, for moderators.

    >>> snippet("Hello, pay me via PayPal please", Hit(Category.OFF_PLATFORM_PAYMENT, "k", "pay me via PayPal", 7, 24))
    'Hello, «pay me via PayPal» please'
    """
    left = max(0, hit.start - context)
    right = min(len(text), hit.end + context)
    before = text[left : hit.start]
    after = text[hit.end : right]
    if left > 0:
        before = "…" + before.split(" ", 1)[-1] if " " in before else "…" + before
    if right < len(text):
        after = after.rsplit(" ", 1)[0] + "…" if " " in after else after + "…"
    out = f"{before}{marks[0]}{text[hit.start : hit.end]}{marks[1]}{after}"
    return re.sub(r"\s+", " ", out).strip()
