"""The durable queue of index work (written in the same transaction as the change it follows), and
the anonymous tally of searches that found little."""

from __future__ import annotations

from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from registry.clock import utcnow
from registry.db_types import UTCDateTime
from registry.extensions import db


class SearchQueueEntry(db.Model):
    """A course whose search document must be rebuilt (or removed) from the database."""

    __tablename__ = "search_queue"
    __table_args__ = {"sqlite_autoincrement": True}

    id: Mapped[int] = mapped_column(primary_key=True)
    # No foreign key: the entry must outlive the course it removes from the index.
    course_id: Mapped[int] = mapped_column(index=True)
    enqueued_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # Applied entries are kept a while, so a rebuild can replay what happened while it ran.
    applied_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)


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
