"""Dutch text analysis: tokens, accent folding, stemming, and the sector's synonym groups."""

from __future__ import annotations

import string
from functools import cache
from pathlib import Path

from whoosh.analysis import (
    Analyzer,
    CharsetFilter,
    LowercaseFilter,
    RegexTokenizer,
    StemFilter,
    StopFilter,
)
from whoosh.lang import stopwords_for_language
from whoosh.support.charset import accent_map

SYNONYMS_FILE = Path(__file__).with_name("synonyms.txt")
# Single letters ("s" from "baby's") carry no meaning; single digits do ("0-jarigen").
_STOP = frozenset(stopwords_for_language("nl")) | frozenset(string.ascii_lowercase)


def _base() -> Analyzer:
    return RegexTokenizer() | LowercaseFilter() | CharsetFilter(accent_map)


@cache
def dutch_analyzer() -> Analyzer:
    """Words as searched: lowercased, accents folded, Dutch stop words dropped, Snowball-stemmed."""
    return _base() | StopFilter(stoplist=_STOP, minsize=1) | StemFilter(lang="nl")


@cache
def spelling_analyzer() -> Analyzer:
    """Words as written (folded, not stemmed): what "Bedoelde u …?" and completion suggest from."""
    return _base() | StopFilter(stoplist=_STOP, minsize=1)


def stems(text: str) -> list[str]:
    """The stemmed tokens of ``text``, in order."""
    return [token.text for token in dutch_analyzer()(text)]


def words(text: str) -> list[str]:
    """The folded, unstemmed tokens of ``text``, in order."""
    return [token.text for token in spelling_analyzer()(text)]


@cache
def synonym_groups() -> tuple[tuple[str, tuple[tuple[str, ...], ...]], ...]:
    """Each group as (key, alternatives as stem sequences), read from ``synonyms.txt``."""
    groups = []
    for line in SYNONYMS_FILE.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        alternatives = [alt.strip() for alt in line.split("|")]
        sequences = tuple(seq for seq in (tuple(stems(alt)) for alt in alternatives) if seq)
        key = "syn-" + "-".join(sequences[0])
        groups.append((key, sequences))
    return tuple(groups)


def find_synonyms(tokens: list[str]) -> list[tuple[int, int, str]]:
    """Where a synonym alternative occurs in ``tokens`` (stems): (start, end, group key), longest first."""
    found: list[tuple[int, int, str]] = []
    taken: set[int] = set()
    candidates = [(len(seq), key, seq) for key, sequences in synonym_groups() for seq in sequences]
    candidates.sort(reverse=True)  # longer alternatives win over their own parts
    for length, key, seq in candidates:
        for start in range(len(tokens) - length + 1):
            span = range(start, start + length)
            if tuple(tokens[start : start + length]) == seq and not taken.intersection(span):
                found.append((start, start + length, key))
                taken.update(span)
    found.sort()
    return found


def synonym_keys(text: str) -> set[str]:
    """The synonym groups that ``text`` mentions in any of their forms."""
    return {key for _start, _end, key in find_synonyms(stems(text))}
