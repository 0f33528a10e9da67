"""English glosses of words in other languages (seventeenth pass, issue 15).

The classifier learns from English sentences. A message written in Spanish, Russian or Hinglish shares almost no
word with them, and a few hundred sentences a language are too few to learn each language's words. So before the
word features are read, the words of `glossary.json` ("contrato", "después", "оплат…", "baad me") are looked up
and their English glosses ("contract", "later", "payment") are added to the sentence: "empieza ya, el contrato
después" is read with "start now contract later" as well. The character features and the rules read the text as
written.

A word of the lexicon matches a whole token; a phrase two tokens in a row; a stem ("оплат", "ödeme") any token that
begins with it, so that inflected forms need one entry. Pure Python, no Django.
"""

from __future__ import annotations

import json
import re
import unicodedata
from functools import lru_cache
from pathlib import Path

PATH = Path(__file__).with_name("glossary.json")
# Letters and digits, with the combining marks of Indic scripts and Arabic inside a word ("शुरू" is one token).
_TOKEN = re.compile(r"[\w\u0300-\u036f\u0610-\u061a\u064b-\u065f\u0670\u0900-\u0dff]+")


class _Lexicon:
    def __init__(self, data: dict[str, dict[str, str]]) -> None:
        def key(k: str) -> str:
            return unicodedata.normalize("NFC", k).casefold()

        self.words = {key(k): v for k, v in data["words"].items() if " " not in k.strip()}
        self.phrases = {tuple(key(k).split()): v for k, v in data["words"].items() if " " in k.strip()}
        self.stems = {key(k): v for k, v in data["stems"].items()}
        self.stem_lengths = sorted({len(s) for s in self.stems}, reverse=True)  # the longest stem wins

    def gloss(self, token: str) -> str | None:
        found = self.words.get(token)
        if found is None:
            for length in self.stem_lengths:
                if length < len(token) and (found := self.stems.get(token[:length])) is not None:
                    break
        return found


@lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    return _Lexicon(json.loads(PATH.read_text(encoding="utf-8")))


def glosses(text: str) -> list[str]:
    """The English glosses of the words and two-word phrases of `text` found in the lexicon, in order."""
    lexicon = _lexicon()
    tokens = _TOKEN.findall(unicodedata.normalize("NFC", text).casefold())
    found = []
    for i, token in enumerate(tokens):
        if i + 1 < len(tokens) and (phrase := lexicon.phrases.get((token, tokens[i + 1]))) is not None:
            found.append(phrase)
        if (word := lexicon.gloss(token)) is not None:
            found.append(word)
    return found


def glossed(text: str) -> str:
    """The text lowercased, with the glosses of its foreign words after it: the word features' preprocessor."""
    found = glosses(text)
    return text.lower() + (" | " + " ".join(found) if found else "")
