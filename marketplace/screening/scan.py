"""The rule machinery: rules, the one scan of a text that anchors every pattern, sentences and negation."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import sre_constants as _sre
    import sre_parse as _sre_parse
else:  # the same modules; the old names warn when imported since Python 3.11
    from re import _constants as _sre
    from re import _parser as _sre_parse
from .hits import Category, Hit

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
        # Imported here: the index is built in .detect from every rule module, and those import this one.
        from .detect import _ANCHORS, _FINDERS

        self._anchors = _ANCHORS
        self._finders = _FINDERS
        self.text = text
        self.folded = _fold(text)
        self._backwards: str | None = None
        self._sentences: tuple[list[int], list[int]] | None = None
        self._sentence_has: dict[tuple[int, int, int], bool] = {}
        self._sentences_with: dict[int, set[int]] = {}  # by pattern: the sentences it occurs in
        self._window_has: dict[tuple[int, str], bool] = {}
        by_key: dict[str, list[int]] = {}
        for m in self._anchors.scan.finditer(self.folded):
            by_key.setdefault(m.group(), []).append(m.start())
        starts: dict[int, list[int]] = {}
        for key, positions in by_key.items():
            for number, back in self._anchors.routes(key):
                starts.setdefault(number, []).extend(positions if not back else map(self.word_before, positions))
        for positions in starts.values():
            positions.sort()
        self.starts = starts

    def of(self, pattern: re.Pattern[str]) -> list[int]:
        return self.starts.get(self._anchors.number[id(pattern)], [])

    def finditer(self, pattern: re.Pattern[str]) -> Iterator[re.Match[str]]:
        """``pattern.finditer(text)``, trying the pattern only where it can start."""
        number = self._anchors.number.get(id(pattern))
        if number is not None:
            return _match_at(pattern, self.text, self.starts.get(number, ()))
        finder = self._finders.get(id(pattern))
        return finder(pattern, self.text) if finder else pattern.finditer(self.text)

    def _within(self, pattern: re.Pattern[str], left: int, right: int) -> list[int]:
        """The candidate starts of (anchored) ``pattern`` in text[left:right]."""
        starts = self.starts.get(self._anchors.number[id(pattern)], [])
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
        firsts = self._anchors.firsts[self._anchors.number[id(pattern)]]
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
        for start in self.starts.get(self._anchors.number[id(pattern)], ()):
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
