"""Dutch compounds: "kindermishandeling" is kind + mishandeling, "sport- en spelbegeleiding" two words.

The splitter cuts a word into the fewest parts from ``compound_words.txt`` (OpenTaal's productive
words plus the registry's vocabulary, see scripts/build_compound_words.py), allowing a linking
element between parts (beleid-s-medewerker, kind-er-opvang) and an inflection on the last part.
The last part is the head, what the word is about (a "kindermishandeling" is a mishandeling); the
index keeps heads and first parts apart so a head match can weigh more.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from registry.search.analysis import fold, stems

WORDS_FILE = Path(__file__).with_name("compound_words.txt")
MIN_PART = 4
MAX_PARTS = 4
LINKS = ("", "s", "e", "en", "er")
# Inflections of a head: "begeleiders", "mishandelingen", "baby's" (folded without the apostrophe).
INFLECTIONS = ("", "s", "en", "e", "n", "es")
# "sport- en spelbegeleiding", "taal-, reken- of digitale vaardigheden": a part that shares the head
# of the word after the conjunction.
_DANGLING = re.compile(r"\b(\w+)-(?=\s*(?:,|en\b|of\b))((?:\s*,\s*\w+-)*)\s*(?:,\s*)?(en|of|en/of)\s+(\w+)")


@cache
def compound_words() -> frozenset[str]:
    """The words a compound may be cut into (folded)."""
    return frozenset(
        line.strip()
        for line in WORDS_FILE.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    )


@dataclass(frozen=True)
class Split:
    """A compound cut into parts: the first parts (their dictionary forms) and the head as written."""

    modifiers: tuple[str, ...]
    head: str


def _is_head(text: str, words: frozenset[str]) -> bool:
    return any(
        text.endswith(ending)
        and len(text) - len(ending) >= MIN_PART
        and text[: len(text) - len(ending)] in words
        for ending in INFLECTIONS
    )


def _modifier_forms(segment: str, words: frozenset[str]) -> list[str]:
    # The written form when it is a word ("kinder", "buiten": not "buit"), else without its linking
    # element ("beleids" -> beleid).
    if segment in words:
        return [segment]
    forms = []
    for link in LINKS:
        if segment.endswith(link):
            lemma = segment[: len(segment) - len(link)]
            if len(lemma) >= MIN_PART and lemma in words and lemma not in forms:
                forms.append(lemma)
    return forms


@lru_cache(maxsize=200_000)
def split(word: str) -> Split | None:
    """The best cut of a folded ``word`` into two or more parts, or None if it is not a compound.

    Fewest parts first (so "taalachterstand" stays taal + achterstand), then the longest head
    ("buiten|spelen", not "buitens|pelen").
    """
    if len(word) < 2 * MIN_PART or not word.isalpha():
        return None
    words = compound_words()
    best: dict[int, tuple[tuple[str, ...], ...] | None] = {}

    def tail(start: int) -> tuple[tuple[str, ...], ...] | None:
        # The fewest-parts parse of word[start:], as a tuple of parts (each a tuple of forms).
        if start in best:
            return best[start]
        found: tuple[tuple[str, ...], ...] | None = None
        if start > 0 and _is_head(word[start:], words):
            found = ((word[start:],),)
        else:
            for cut in range(start + MIN_PART, len(word) - MIN_PART + 1):
                forms = _modifier_forms(word[start:cut], words)
                if not forms:
                    continue
                rest = tail(cut)
                if (
                    rest is not None
                    and len(rest) < MAX_PARTS
                    and (found is None or len(rest) + 1 < len(found))
                ):
                    found = (tuple(forms), *rest)
        best[start] = found
        return found

    parts = tail(0)
    if parts is None or len(parts) < 2:
        return None
    return Split(tuple(form for forms in parts[:-1] for form in forms), parts[-1][0])


def expand_dangling(text: str) -> str:
    """Write out shared heads: "sport- en spelbegeleiding" -> "sportbegeleiding en spelbegeleiding"."""

    def expand(match: re.Match[str]) -> str:
        last = match.group(4)
        found = split(fold(last))
        if found is None:
            return match.group(0)
        head = last[len(last) - len(found.head) :]
        firsts = [match.group(1), *re.findall(r"(\w+)-", match.group(2) or "")]
        return f"{', '.join(first + head for first in firsts)} {match.group(3)} {last}"

    return _DANGLING.sub(expand, text) if "-" in text else text


def compound_terms(text: str) -> tuple[list[str], list[str]]:
    """The stems of the heads and of the first parts of the compounds in ``text``.

    Words written out from a shared head ("sportbegeleiding" in "sport- en spelbegeleiding") count
    as heads whole, since that is what the text says.
    """
    heads: list[str] = []
    modifiers: list[str] = []
    expanded = expand_dangling(text)
    if expanded != text:
        written = set(_words(text))
        heads += [stem for word in _words(expanded) if word not in written for stem in stems(word)]
    for word in dict.fromkeys(_words(expanded)):
        found = split(word)
        if found is not None:
            heads += stems(found.head)
            modifiers += [stem for modifier in found.modifiers for stem in stems(modifier)]
    return heads, modifiers


def _words(text: str) -> list[str]:
    return re.findall(r"[^\W\d_]+", fold(text))
