"""Demand signals, aggregated: what people follow and what they search for in vain.

Nothing personal leaves this module: no person, organisation, address or single search, only a query
and how many different searches used it, and only once at least ``THRESHOLD`` did.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, datetime, time, timedelta
from typing import Any
from urllib.parse import parse_qsl

import sqlalchemy as sa

from registry.clock import AMSTERDAM
from registry.extensions import db
from registry.organisations.models import SavedSearch
from registry.search.demand import flush_counts
from registry.search.models import SearchDemand

THRESHOLD = 5  # a term is shown only once this many different searches used it
KEPT_DAYS = 365  # demand older than this is neither counted nor kept in snapshots
TOP = 15
NOTHING_FOUND = "geen"  # the search log's outcome for a search that found no course


# What people sometimes type into a search box that identifies someone: never shown, however common.
_PERSONAL = re.compile(
    r"@"  # e-mail address
    r"|\b\d{1,3}(?:\.\d{1,3}){3}\b"  # IPv4 address
    r"|\b[0-9a-f]{1,4}(?::[0-9a-f]{0,4}){2,}"  # IPv6 address
    r"|\d{6,}",  # phone, BSN or customer number
    re.IGNORECASE,
)


def frequent_terms(uses: Iterable[tuple[str, int]], threshold: int = THRESHOLD) -> list[dict[str, Any]]:
    """Aggregate ``(term, different searches)`` pairs: the terms used by at least ``threshold`` different
    searches, most used first. Terms are compared without case and surrounding spaces; a term that looks
    like an e-mail address, an IP address or a long number (phone, BSN) is never shown."""
    totals: dict[str, int] = {}
    for term, searches in uses:
        key = " ".join(str(term).lower().split())
        if key and not _PERSONAL.search(key):
            totals[key] = totals.get(key, 0) + int(searches)
    shown = [(term, n) for term, n in totals.items() if n >= threshold]
    shown.sort(key=lambda item: (-item[1], item[0]))
    return [{"term": term, "searches": n} for term, n in shown[:TOP]]


def zero_result_searches(day: date) -> list[tuple[str, int]] | None:
    """Searches that found nothing in the last 12 months, as ``(term, searches)``, from the search log's
    daily aggregates (which hold no person, address or query as typed)."""
    flush_counts()
    rows = db.session.execute(
        sa.select(SearchDemand.term, sa.func.sum(SearchDemand.count))
        .where(
            SearchDemand.outcome == NOTHING_FOUND,
            SearchDemand.day > day - timedelta(days=KEPT_DAYS),
            SearchDemand.day <= day,
        )
        .group_by(SearchDemand.term)
    )
    return [(term, int(searches)) for term, searches in rows]


def followed_searches(day: date) -> list[tuple[str, int]]:
    """Saved searches made in the last 12 months, as ``(canonical query, organisations following it)``.

    One organisation that saves the same search twice counts once, so no one can push a term alone.
    """
    since = datetime.combine(day - timedelta(days=KEPT_DAYS), time.min, AMSTERDAM)
    rows = db.session.execute(
        sa.select(SavedSearch.query, sa.func.count(sa.distinct(SavedSearch.organisation_id)))
        .where(SavedSearch.created_at >= since)
        .group_by(SavedSearch.query)
    )
    return [(describe_query(query), int(n)) for query, n in rows]


def describe_query(query: str) -> str:
    """A saved search's canonical query as readable words: ``baby · provincie: zeeland``."""
    parts = []
    for key, value in parse_qsl(query):
        parts.append(value if key == "q" else f"{key}: {value}")
    return " · ".join(parts) or "(alles)"


def demand_figures(day: date) -> dict[str, Any]:
    searches = zero_result_searches(day)
    return {
        "threshold": THRESHOLD,
        "zero_results": None if searches is None else frequent_terms(searches),
        "followed": frequent_terms(followed_searches(day)),
    }
