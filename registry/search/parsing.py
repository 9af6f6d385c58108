"""Reading a search: its parameters checked, its words turned into the units a query must match."""

from __future__ import annotations

from typing import Any

from flask_babel import gettext as _
from marshmallow import ValidationError
from whoosh.query import And, Or, Query, Term

from registry.errors import ValidationFailed
from registry.search.interpret import highlight_terms, query_units
from registry.search.schemas import SearchArgsSchema, SuggestArgsSchema

# What the words of a query mean (compounds, thesaurus, levels) is worked out in interpret.py.
__all__ = ["build_query", "highlight_terms", "parse_search_args", "parse_suggest_args", "query_units"]


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


def build_query(text: str) -> Query | None:
    """The text part of the query as a Whoosh query object (the benchmark compares with Whoosh's scoring)."""
    ands = []
    for unit in query_units(text):
        if not unit.required:
            continue
        alternatives = [
            And([Or([Term(n, t, boost=b) for n, t, b in clause if not n.startswith("@")]) for clause in alt])
            for alt in unit.alternatives
        ]
        ands.append(Or(alternatives))
    if not ands:
        return None
    return ands[0] if len(ands) == 1 else And(ands)
