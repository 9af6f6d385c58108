"""What a query asks for: its words, compounds, thesaurus concepts and levels, as units to match.

A unit matches where any of its alternatives does; an alternative is a row of clauses that must all
match, and a clause matches where any of its postings (field, term) does. So "infectiepreventie"
is one unit: the word itself in any field, or "infectie" and "preventie" both (as in "preventie
van infecties"). Words that only say what kind of thing is wanted ("welke cursus voor …") are
optional: they add to the score where they occur but never empty a result.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from functools import lru_cache

from registry.search.analysis import stem, words
from registry.search.compounds import expand_dangling, split
from registry.search.thesaurus import find_synonyms, synonym_groups, thesaurus_version

Posting = tuple[str, str, float]  # (field, term, boost); a field "@facet" is a facet value

# Where a word matches matters: a title or topic match ranks above one in the description.
FIELD_BOOSTS = {"title": 5.0, "topics": 4.0, "summary": 2.0, "provider": 1.5, "body": 1.0}
# A concept of the thesaurus in the title, in the topics, or anywhere: a title that names the
# concept ranks above a course that only has it among its topics.
SYNONYM_BOOSTS = {"syn_title": 4.5, "syn_topic": 3.5, "syn": 1.0}
# A word that is the head of a compound in the title ("mishandeling" in "kindermishandeling")
# weighs more than one that is its first part, and both less than the word itself.
PART_BOOSTS = {"part_head": 3.0, "part_mod": 1.2, "part_text": 0.6}
# A query's parts found apart ("preventie van infecties" for "infectiepreventie"): head and first part.
SPLIT_HEAD, SPLIT_MODIFIER = 0.6, 0.3
# Two query words next to each other in a title: a phrase match.
PHRASE_BOOST = 3.0
LEVEL_BOOST = 2.0
# Words that say what kind of thing is wanted, not what it is about, and the sector's own name
# (every course is about childcare, not every one says so).
REQUEST_WORDS = frozenset(
    [
        "welke",
        "welk",
        "wat",
        "waar",
        "hoe",
        "zoek",
        "zoeken",
        "gezocht",
        "ik",
        "wij",
        "graag",
        "wil",
        "willen",
        "nodig",
        "iets",
        "goede",
        "goed",
        "cursus",
        "cursussen",
        "training",
        "trainingen",
        "opleiding",
        "opleidingen",
        "scholing",
        "scholingen",
        "module",
        "modules",
        "leergang",
        "bijscholing",
        "volgen",
        "gevolgd",
        "kinderopvang",
        "kinderopvangorganisatie",
    ]
)
REQUEST_WEIGHT = 0.2
MBO_LEVELS = ("mbo-2", "mbo-3", "mbo-4")


@dataclass(frozen=True)
class Unit:
    """One thing the searcher asked for."""

    text: str
    alternatives: tuple[tuple[tuple[Posting, ...], ...], ...]
    scoring: tuple[Posting, ...] = ()
    required: bool = True

    def postings(self) -> dict[tuple[str, str], float]:
        """Every posting that scores where the unit matches, with its highest boost."""
        best: dict[tuple[str, str], float] = {}
        for alternative in self.alternatives:
            for clause in alternative:
                for name, term, boost in clause:
                    best[(name, term)] = max(best.get((name, term), 0.0), boost)
        for name, term, boost in self.scoring:
            best[(name, term)] = max(best.get((name, term), 0.0), boost)
        return best


def _optional(unit: Unit) -> Unit:
    # A word like "cursus" says little about the subject: it may tip the balance, no more.
    def scaled(postings: tuple[Posting, ...]) -> tuple[Posting, ...]:
        return tuple((name, term, boost * REQUEST_WEIGHT) for name, term, boost in postings)

    alternatives = tuple(tuple(scaled(clause) for clause in alt) for alt in unit.alternatives)
    return Unit(unit.text, alternatives, scaled(unit.scoring), required=False)


def _word_clause(term: str, scale: float = 1.0) -> tuple[Posting, ...]:
    return tuple((name, term, boost * scale) for name, boost in {**FIELD_BOOSTS, **PART_BOOSTS}.items())


def word_alternatives(word: str) -> list[tuple[tuple[Posting, ...], ...]]:
    """A folded word as typed, or, if it is a compound, its parts found apart."""
    alternatives = [(_word_clause(stem(word)),)]
    found = split(word)
    if found is not None:
        head = _word_clause(stem(found.head), SPLIT_HEAD)
        modifiers = tuple(
            posting
            for modifier in found.modifiers
            for posting in _word_clause(stem(modifier), SPLIT_MODIFIER)
        )
        alternatives.append((head, modifiers))
    return alternatives


def _level(folded: list[str], position: int) -> tuple[int, tuple[str, ...]] | None:
    """A level written at ``position`` ("mbo 3", "niveau 4", "hbo", a bare 3): (words used, levels)."""
    word = folded[position]
    following = folded[position + 1 : position + 3]
    if word == "mbo":
        rest = following[1:] if following[:1] == ["niveau"] else following
        if rest[:1] and rest[0] in ("2", "3", "4"):
            return (len(following) - len(rest) + 2, (f"mbo-{rest[0]}",))
        return (1, MBO_LEVELS)
    if word == "niveau" and following[:1] and following[0] in ("2", "3", "4"):
        return (2, (f"mbo-{following[0]}",))
    if word in ("hbo", "ad", "bachelor"):
        return (1, ("hbo",))
    if word in ("2", "3", "4") and not (following[:1] and following[0].startswith("jar")):
        return (1, (f"mbo-{word}",))
    return None


def query_units(text: str) -> tuple[Unit, ...]:
    """The query as units; every required unit must match (unless few courses match them all)."""
    return _query_units(text, thesaurus_version())


@lru_cache(maxsize=4096)
def _query_units(text: str, _thesaurus_version: int) -> tuple[Unit, ...]:
    folded = words(expand_dangling(text))
    tokens = [stem(word) for word in folded]
    spans = {start: (end, key) for start, end, key in find_synonyms(tokens)}
    units: list[Unit] = []
    position = 0
    while position < len(tokens):
        level = _level(folded, position)
        if position in spans:
            end, key = spans[position]
            alternatives = [(tuple((name, key, boost) for name, boost in SYNONYM_BOOSTS.items()),)]
            if end - position == 1:
                alternatives += word_alternatives(folded[position])
            # The words as typed add to the score, so the form the searcher used ranks first.
            typed = tuple(p for token in tokens[position:end] for p in _word_clause(token, 0.5))
            units.append(Unit(" ".join(folded[position:end]), tuple(alternatives), typed))
        elif level is not None:
            end = position + level[0]
            levels = tuple(("@niveau", value, LEVEL_BOOST) for value in level[1])
            # Or the words themselves, all of them ("mbo" and "4" in "Mbo-4-opleiding").
            texts = tuple(_word_clause(token, 0.5) for token in tokens[position:end] if token != "niveau")
            units.append(Unit(" ".join(folded[position:end]), ((levels,), texts)))
        else:
            end = position + 1
            units.append(Unit(folded[position], tuple(word_alternatives(folded[position]))))
        position = end
    if any(unit.text not in REQUEST_WORDS for unit in units):
        units = [_optional(u) if u.text in REQUEST_WORDS else u for u in units]
    # Neighbouring words found side by side in a title: a phrase.
    pairs = [f"{first}_{second}" for first, second in itertools.pairwise(tokens)]
    if pairs and units:
        last = units[-1]
        phrase = tuple(("title_pairs", pair, PHRASE_BOOST) for pair in pairs)
        units[-1] = Unit(last.text, last.alternatives, last.scoring + phrase, last.required)
    return tuple(units)


def highlight_terms(text: str) -> set[str]:
    """The stems to mark in a snippet: the query's and its parts, and every term of its concepts."""
    used: set[str] = set()
    terms: set[str] = set()
    for unit in query_units(text):
        for name, term in unit.postings():
            if name in FIELD_BOOSTS:
                terms.add(term)
            elif name in SYNONYM_BOOSTS:
                used.add(term)
    for key, sequences in synonym_groups():
        if key in used:
            terms.update(token for sequence in sequences for token in sequence)
    return terms
