"""Reading a search: its parameters checked, its words turned into the units a query must match."""

from __future__ import annotations

from typing import Any

from flask_babel import gettext as _
from marshmallow import ValidationError
from whoosh.query import And, Or, Query, Term

from registry.errors import ValidationFailed
from registry.search.analysis import find_synonyms, stems, synonym_groups
from registry.search.schemas import SearchArgsSchema, SuggestArgsSchema

# Where a word matches matters: a title or topic match ranks above one in the description.
FIELD_BOOSTS = {"title": 5.0, "topics": 4.0, "summary": 2.0, "provider": 1.5, "body": 1.0}
SYNONYM_BOOSTS = {"syn_title": 4.5, "syn": 1.0}


def parse_search_args(args: Any) -> dict[str, Any]:
    """Validate search parameters from a query string or a mapping.

    :raise ValidationFailed: a parameter is out of range (fields named in the error).
    """
    try:
        return SearchArgsSchema().load(args)
    except ValidationError as error:
        raise ValidationFailed(_("De zoekopdracht klopt niet."), fields=error.normalized_messages()) from None


def parse_suggest_args(args: Any) -> str:
    """The text typed so far, from a query string or a mapping.

    :raise ValidationFailed: a parameter is out of range (fields named in the error).
    """
    try:
        return SuggestArgsSchema().load(args)["q"]
    except ValidationError as error:
        raise ValidationFailed(_("De zoekopdracht klopt niet."), fields=error.normalized_messages()) from None


def query_units(text: str) -> list[list[tuple[str, str, float, bool]]]:
    """The query as units that must all match: each a list of (field, term, boost, matches).

    A word matches in any text field. A synonym group matches in any of its forms; the words as
    typed add to the score without being required, so the form the searcher used ranks first.
    """
    tokens = stems(text)
    spans = {start: (end, key) for start, end, key in find_synonyms(tokens)}
    units: list[list[tuple[str, str, float, bool]]] = []
    position = 0
    while position < len(tokens):
        if position in spans:
            end, key = spans[position]
            unit = [(name, key, boost, True) for name, boost in SYNONYM_BOOSTS.items()]
            for token in dict.fromkeys(tokens[position:end]):
                unit += [(name, token, boost / 2, False) for name, boost in FIELD_BOOSTS.items()]
            units.append(unit)
            position = end
            continue
        token = tokens[position]
        units.append([(name, token, boost, True) for name, boost in FIELD_BOOSTS.items()])
        position += 1
    return units


def build_query(text: str) -> Query | None:
    """The same query as a Whoosh query object (the benchmark compares with Whoosh's own scoring)."""
    units = query_units(text)
    if not units:
        return None
    ors = [
        Or([Term(name, term, boost=boost) for name, term, boost, matches in unit if matches])
        for unit in units
    ]
    return ors[0] if len(ors) == 1 else And(ors)


def highlight_terms(text: str) -> set[str]:
    """The stems to mark in a snippet: the query's, and every form of the synonyms it used."""
    tokens = stems(text)
    terms = set(tokens)
    used = {key for _start, _end, key in find_synonyms(tokens)}
    for key, sequences in synonym_groups():
        if key in used:
            terms.update(stem for sequence in sequences for stem in sequence)
    return terms
