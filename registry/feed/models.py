"""What the feed keeps of records that are gone, so harvesters learn of hard deletes too."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy.orm import Mapped, mapped_column

from registry.clock import utcnow
from registry.db_types import UTCDateTime, enum_type
from registry.extensions import db


class RecordKind(StrEnum):
    COURSE = "course"
    PROVIDER = "provider"
    SCHEME = "scheme"
    QUALITY_MARK = "quality_mark"


class FeedTombstone(db.Model):
    """A record deleted from the database; public ids are never reused, so one row per kind and id."""

    kind: Mapped[RecordKind] = mapped_column(enum_type(RecordKind), primary_key=True)
    record_id: Mapped[int] = mapped_column(primary_key=True)
    removed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
