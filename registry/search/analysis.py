"""Dutch text analysis: tokens, accent folding and stemming (the thesaurus is in thesaurus.py)."""

from __future__ import annotations

import re
import string
from collections import Counter
from functools import cache, lru_cache
from typing import Any

from whoosh.analysis import Token, Tokenizer
from whoosh.fields import TEXT
from whoosh.lang import stemmer_for_language, stopwords_for_language
from whoosh.support.charset import accent_map
from whoosh.system import pack_uint

# Single letters ("s" from "baby's") carry no meaning; single digits do ("0-jarigen").
STOP_WORDS = frozenset(stopwords_for_language("nl")) | frozenset(string.ascii_lowercase)
_WORD = re.compile(r"\w+(?:\.?\w+)*")
_dutch_stem = stemmer_for_language("nl")


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """The Snowball (Dutch) stem of a folded word."""
    stemmed = _dutch_stem(word)
    # Snowball keeps the plural -s after a vowel: "infecties", "situaties" and "competenties"
    # should meet their singular ("infectie").
    if stemmed.endswith("ies") and len(stemmed) > 5:
        return stemmed[:-1]
    return stemmed


def fold(word: str) -> str:
    """Lowercase with accents removed: "Hygiëne" -> "hygiene"."""
    return word.lower().translate(accent_map)


class DutchTokenizer(Tokenizer):
    """Words, folded and (optionally) stemmed, in one pass.

    One generator instead of Whoosh's chain of five filters: indexing spends most of its time
    here, and this roughly halves it. Character offsets refer to the original text, so
    highlighting marks the words as written.
    """

    def __init__(self, stemming: bool = True) -> None:
        self.stemming = stemming

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and other.stemming == self.stemming

    def __hash__(self) -> int:
        return hash((type(self), self.stemming))

    def __call__(
        self,
        value: str,
        positions: bool = False,
        chars: bool = False,
        keeporiginal: bool = False,
        removestops: bool = True,
        start_pos: int = 0,
        start_char: int = 0,
        tokenize: bool = True,
        mode: str = "",
        **kwargs: Any,
    ):
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        # Fold the whole text at once (one C call instead of one per word); when folding changes
        # the length (æ -> ae), fold word by word so offsets still point into the original.
        folded = fold(value)
        whole = len(folded) == len(value)
        position = start_pos
        for match in _WORD.finditer(folded if whole else value):
            word = match.group(0) if whole else fold(match.group(0))
            stopped = word in STOP_WORDS
            if stopped and removestops:
                continue
            token.text = stem(word) if self.stemming else word
            token.stopped = stopped
            token.boost = 1.0
            if keeporiginal:
                token.original = value[match.start() : match.end()]
            if positions:
                token.pos = position
            position += 1
            if chars:
                token.startchar = start_char + match.start()
                token.endchar = start_char + match.end()
            yield token

    def terms(self, value: str) -> list[str]:
        """The texts of the tokens ``__call__`` yields for indexing, in order, without Token objects.

        Indexing analyses every field of every course; building a list in one comprehension
        costs about a third of driving the generator.
        """
        folded = fold(value)
        if len(folded) == len(value):
            found = _WORD.findall(folded)
        else:
            found = [fold(word) for word in _WORD.findall(value)]
        if self.stemming:
            return [stem(word) for word in found if word not in STOP_WORDS]
        return [word for word in found if word not in STOP_WORDS]


class DutchText(TEXT):
    """A TEXT field whose indexing skips Whoosh's token pipeline; the terms are the same."""

    def index(self, value: Any, **kwargs: Any):
        """(term bytes, frequency, weight, encoded frequency) for each distinct term of ``value``."""
        analyzer = self.analyzer
        if not (isinstance(value, str) and isinstance(analyzer, DutchTokenizer)) or kwargs:
            yield from super().index(value, **kwargs)
            return
        # What formats.Frequency.word_values() makes of the tokens: every token weighs 1.0.
        boost = self.format.field_boost
        for term, frequency in Counter(analyzer.terms(value)).items():
            yield term.encode("utf-8"), frequency, frequency * boost, pack_uint(frequency)


@cache
def dutch_analyzer() -> DutchTokenizer:
    """Words as searched: lowercased, accents folded, Dutch stop words dropped, Snowball-stemmed."""
    return DutchTokenizer(stemming=True)


@cache
def spelling_analyzer() -> DutchTokenizer:
    """Words as written (folded, not stemmed): what "Bedoelde u …?" and completion suggest from."""
    return DutchTokenizer(stemming=False)


def stems(text: str) -> list[str]:
    """The stemmed tokens of ``text``, in order."""
    return dutch_analyzer().terms(text)


def words(text: str) -> list[str]:
    """The folded, unstemmed tokens of ``text``, in order."""
    return spelling_analyzer().terms(text)
