"""The search's entry points, for the search pages, the API and saved searches: parse, search, present.

The work is done in :mod:`~registry.search.parsing` (parameters and query units),
:mod:`~registry.search.execution` (matching, counting and ordering against the index) and
:mod:`~registry.search.presentation` (hits and facets ready to show).
"""

from registry.search.execution import SearchOutcome, search, suggest
from registry.search.parsing import build_query, parse_search_args
from registry.search.presentation import Facet, FacetValue, Hit, facet_labels, facets_for, load_hits

__all__ = [
    "Facet",
    "FacetValue",
    "Hit",
    "SearchOutcome",
    "build_query",
    "facet_labels",
    "facets_for",
    "load_hits",
    "parse_search_args",
    "search",
    "suggest",
]
