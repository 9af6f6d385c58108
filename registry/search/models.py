"""The log of index work (written in the same transaction as the change it follows), and the
anonymous tally of searches that found little."""

from __future__ import annotations

from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from registry.clock import utcnow
from registry.db_types import UTCDateTime
from registry.extensions import db


class SearchLogEntry(db.Model):
    """A course whose search document changed, at a position in the log every index follows.

    Positions (``id``) are handed out while the committing transaction holds the log's commit
    lock (:mod:`registry.search.log`), so they grow in commit order: a reader that has seen
    position *n* has seen every change committed before it.
    """

    __tablename__ = "search_log"
    __table_args__ = {"sqlite_autoincrement": True}

    id: Mapped[int] = mapped_column(primary_key=True)
    # No foreign key: the entry must outlive the course it removes from the index.
    course_id: Mapped[int] = mapped_column()
    logged_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class SearchDemand(db.Model):
    """How often on one day a query found nothing, only partial matches, or few courses.

    Aggregated on purpose: no user, no IP address, no time of day, no query as typed, so officials
    see which words the catalogue or the thesaurus lacks without anyone's search being traceable.
    """

    __tablename__ = "search_demand"
    __table_args__ = (
        sa.UniqueConstraint("day", "term", "outcome", name="uq_search_demand_day_term_outcome"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    day: Mapped[date] = mapped_column(sa.Date, index=True)
    # The query's words, folded, without stop words, numbers that could identify anyone, or addresses.
    term: Mapped[str] = mapped_column(sa.String(200))
    # "geen" (nothing found), "gedeeltelijk" (only courses with some of the words, or after a
    # spelling correction) or "weinig" (a few courses).
    outcome: Mapped[str] = mapped_column(sa.String(16))
    count: Mapped[int] = mapped_column(default=0)
