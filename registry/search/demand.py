"""What people search for and do not find: counted per normalised term and day, nothing personal.

The statistics pages (and officials extending the thesaurus) read :func:`search_demand`; the search
calls :func:`count_search` after every query. Counting is best effort: a search never fails
because its tally could not be written.

Counts are added up in the process and written together, at most every ``FLUSH_EVERY`` seconds, by
the search that finds them due (and when the process stops): a transaction per search had every search
that found little wait on the same few rows under load. A reader in this process writes what is pending
first, so its own counts are always in what it reads; another process's follow within seconds.
"""

from __future__ import annotations

import atexit
import logging
import re
import threading
import time
from collections import Counter
from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa
from flask import Flask, current_app, has_app_context
from flask_babel import gettext as _
from sqlalchemy.dialects import postgresql, sqlite

from registry.accounts.permissions import is_official
from registry.errors import PermissionDenied
from registry.extensions import db
from registry.search.analysis import words
from registry.search.models import SearchDemand

log = logging.getLogger(__name__)

# At most this many results counts as "few".
FEW = 3
MAX_WORDS = 8
# Words that might identify someone are left out: long numbers (phone, BSN, postcode digits) and
# anything with an at sign or a dot inside (addresses, domains).
_IDENTIFYING = re.compile(r"\d{4,}|@|\w\.\w")


def normalised_term(query: str) -> str:
    """The query's words as the index sees them, without what might identify a person."""
    kept = [word for word in query.split() if not _IDENTIFYING.search(word)]
    return " ".join(words(" ".join(kept))[:MAX_WORDS])[:200]


def outcome_of(total: int, fallback: bool) -> str | None:
    """How a search went, in the words of the tally, or None when it found enough."""
    if total == 0:
        return "geen"
    if fallback:
        return "gedeeltelijk"
    if total <= FEW:
        return "weinig"
    return None


FLUSH_EVERY = 2.0  # seconds


class _Tally:
    """This process's counts not yet written, by (day, term, outcome)."""

    def __init__(self) -> None:
        self.counts: Counter[tuple[date, str, str]] = Counter()
        self.lock = threading.Lock()
        self.flushed_at = time.monotonic()
        self.app: Flask | None = None  # to write what is pending when the process stops


_tally = _Tally()


def count_search(query: str, total: int, fallback: bool, day: date) -> None:
    """Add one to today's tally of ``query`` if it found nothing, only partial matches, or few."""
    outcome = outcome_of(total, fallback)
    term = normalised_term(query) if outcome else ""
    if not term:
        return
    with _tally.lock:
        _tally.counts[(day, term, outcome)] += 1
        _tally.app = current_app._get_current_object()  # type: ignore[attr-defined]
        due = time.monotonic() - _tally.flushed_at >= FLUSH_EVERY
    if due:
        flush_counts()


def flush_counts() -> int:
    """Write this process's pending counts in one transaction; how many searches they held."""
    with _tally.lock:
        pending, _tally.counts = _tally.counts, Counter()
        _tally.flushed_at = time.monotonic()
    if not pending:
        return 0
    table = SearchDemand.__table__
    insert = (postgresql if db.engine.dialect.name == "postgresql" else sqlite).insert(table)
    statement = insert.on_conflict_do_update(
        index_elements=[table.c.day, table.c.term, table.c.outcome],
        set_={"count": table.c.count + insert.excluded.count},
    )
    rows = [
        {"day": day, "term": term, "outcome": outcome, "count": n}
        for (day, term, outcome), n in pending.items()
    ]
    try:
        with db.engine.begin() as connection:
            connection.execute(statement, rows)
    except sa.exc.OperationalError:
        log.warning("could not write %s search counts; kept for the next try", len(rows), exc_info=True)
        with _tally.lock:
            _tally.counts.update(pending)
        return 0
    return sum(pending.values())


def discard_pending() -> None:
    """Forget the counts not yet written (the database they were for was emptied)."""
    with _tally.lock:
        _tally.counts.clear()


@atexit.register
def _flush_at_exit() -> None:
    app = _tally.app
    if _tally.counts and app is not None and not has_app_context():
        with app.app_context():
            flush_counts()


@dataclass(frozen=True)
class DemandRow:
    term: str
    outcome: str
    searches: int
    days: int


def search_demand(user, since: date, until: date, limit: int = 100) -> list[DemandRow]:
    """The terms searched most often between ``since`` and ``until`` that found little, for officials.

    :raise PermissionDenied: the user is not a sector official.
    """
    if not is_official(user):
        raise PermissionDenied(_("Alleen functionarissen van het register zien de zoekvraag."))
    flush_counts()
    searches = sa.func.sum(SearchDemand.count)
    rows = db.session.execute(
        sa.select(SearchDemand.term, SearchDemand.outcome, searches, sa.func.count(SearchDemand.day))
        .where(SearchDemand.day >= since, SearchDemand.day <= until)
        .group_by(SearchDemand.term, SearchDemand.outcome)
        .order_by(searches.desc(), SearchDemand.term)
        .limit(limit)
    ).all()
    return [DemandRow(term, outcome, int(total), int(days)) for term, outcome, total, days in rows]
