"""The sector thesaurus: concepts (terms that mean the same) and which concept is broader than which.

Kept as data in ``thesaurus.txt`` so officials can extend it; :func:`parse_thesaurus` reads that
format from any text, so a screen that edits the thesaurus can check a draft before saving it, and
:func:`use_thesaurus` makes another text the live one (the index must then be rebuilt, because a
course's document carries the concepts it mentions).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from flask_babel import gettext as _

from registry.search.analysis import stems

THESAURUS_FILE = Path(__file__).with_name("thesaurus.txt")


class ThesaurusError(ValueError):
    """A line of a thesaurus text that cannot be read; says which line and why."""


@dataclass(frozen=True)
class Concept:
    """Terms that mean the same; ``key`` is what documents and queries share in the index."""

    key: str
    terms: tuple[str, ...]
    sequences: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Thesaurus:
    concepts: tuple[Concept, ...]
    # concept key -> the keys of every concept broader than it, transitively
    broader: dict[str, frozenset[str]] = field(default_factory=dict)

    def narrower(self, key: str) -> set[str]:
        """The keys of the concepts below ``key``."""
        return {other for other, above in self.broader.items() if key in above}


def _concept_key(sequence: tuple[str, ...]) -> str:
    return "syn-" + "-".join(sequence)


def parse_thesaurus(text: str) -> Thesaurus:
    """Read the thesaurus format (see ``thesaurus.txt``).

    :raise ThesaurusError: a line has an empty term or a relation that is not "a > b".
    """
    concepts: list[Concept] = []
    by_sequence: dict[tuple[str, ...], str] = {}
    relations: list[tuple[int, str, str]] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if ">" in line:
            parts = [part.strip() for part in line.split(">")]
            if len(parts) != 2 or not all(parts):
                raise ThesaurusError(_("regel %(n)s: een relatie heeft de vorm 'breder > smaller'", n=number))
            relations.append((number, parts[0], parts[1]))
            continue
        terms = tuple(term.strip() for term in line.split("|"))
        sequences = tuple(tuple(stems(term)) for term in terms)
        if not all(sequences):
            raise ThesaurusError(
                _("regel %(n)s: een term is leeg of bestaat alleen uit stopwoorden", n=number)
            )
        key = _concept_key(sequences[0])
        concepts.append(Concept(key, terms, sequences))
        for sequence in sequences:
            by_sequence.setdefault(sequence, key)

    def concept_of(term: str, number: int) -> str:
        sequence = tuple(stems(term))
        if not sequence:
            raise ThesaurusError(
                _("regel %(n)s: '%(term)s' bestaat alleen uit stopwoorden", n=number, term=term)
            )
        if sequence not in by_sequence:
            key = _concept_key(sequence)
            concepts.append(Concept(key, (term,), (sequence,)))
            by_sequence[sequence] = key
        return by_sequence[sequence]

    parents: dict[str, set[str]] = {}
    for number, wide, narrow in relations:
        parents.setdefault(concept_of(narrow, number), set()).add(concept_of(wide, number))
    broader: dict[str, frozenset[str]] = {}
    for key in parents:
        seen: set[str] = set()
        todo = list(parents[key])
        while todo:
            above = todo.pop()
            if above not in seen and above != key:
                seen.add(above)
                todo += parents.get(above, ())
        broader[key] = frozenset(seen)
    return Thesaurus(tuple(concepts), broader)


_source: list[str] = []
_version = [0]


def thesaurus_version() -> int:
    """Changes whenever another thesaurus is made live, so caches of what it meant can tell."""
    return _version[0]


def use_thesaurus(text: str | None) -> None:
    """Make ``text`` the live thesaurus (None: the shipped file again); checks it first.

    :raise ThesaurusError: the text cannot be read.
    """
    if text is not None:
        parse_thesaurus(text)
    _source[:] = [] if text is None else [text]
    _version[0] += 1
    thesaurus.cache_clear()
    _by_first_stem.cache_clear()


@cache
def thesaurus() -> Thesaurus:
    """The live thesaurus."""
    return parse_thesaurus(_source[0] if _source else THESAURUS_FILE.read_text(encoding="utf-8"))


def synonym_groups() -> tuple[tuple[str, tuple[tuple[str, ...], ...]], ...]:
    """Each concept as (key, its terms as stem sequences)."""
    return tuple((concept.key, concept.sequences) for concept in thesaurus().concepts)


@cache
def _by_first_stem() -> dict[str, list[tuple[tuple[str, ...], str]]]:
    by_first: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for concept in thesaurus().concepts:
        for sequence in concept.sequences:
            by_first.setdefault(sequence[0], []).append((sequence, concept.key))
    for candidates in by_first.values():
        candidates.sort(key=lambda pair: -len(pair[0]))  # the longest term wins
    return by_first


def find_synonyms(tokens: list[str]) -> list[tuple[int, int, str]]:
    """Where a concept's term occurs in ``tokens`` (stems): (start, end, concept key), in order."""
    by_first = _by_first_stem()
    found: list[tuple[int, int, str]] = []
    position = 0
    while position < len(tokens):
        for sequence, key in by_first.get(tokens[position], ()):
            end = position + len(sequence)
            if tuple(tokens[position:end]) == sequence:
                found.append((position, end, key))
                position = end
                break
        else:
            position += 1
    return found


def synonym_keys(text: str) -> set[str]:
    """The concepts ``text`` mentions in any of their terms, and every concept broader than those."""
    mentioned = {key for _start, _end, key in find_synonyms(stems(text))}
    broader = thesaurus().broader
    return mentioned.union(*(broader.get(key, ()) for key in mentioned))
