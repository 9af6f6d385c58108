"""The durable queue of index work: written in the same transaction as the change it follows."""

from __future__ import annotations

from datetime import datetime

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
