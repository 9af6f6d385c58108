"""Which fields of a reference entry officials changed, so ``reference load`` leaves them alone.

It sits beside the audit trail because every feature that lets officials edit reference data (schemes,
compliance rules, the taxonomy) notes its edits here, and the loader reads them.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from registry.clock import utcnow
from registry.db_types import UTCDateTime
from registry.extensions import db

# The field name that marks an entry an official added in the admin screens (not from the data files).
CREATED = "*"


class OfficialEdit(db.Model):
    """One field of one reference entry, last set by an official rather than by the data files."""

    id: Mapped[int] = mapped_column(primary_key=True)
    vocabulary: Mapped[str] = mapped_column(sa.String(32))
    key: Mapped[str] = mapped_column(sa.String(80))
    field: Mapped[str] = mapped_column(sa.String(64))
    edited_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user.id", ondelete="SET NULL"))
    edited_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    __table_args__ = (sa.UniqueConstraint("vocabulary", "key", "field"),)


def note_official_edit(vocabulary: str, key: str, fields: Iterable[str], actor_id: int | None) -> None:
    """Mark ``fields`` of the entry as set by an official (in the caller's transaction)."""
    for name in fields:
        edit = db.session.scalar(
            sa.select(OfficialEdit).where(
                OfficialEdit.vocabulary == vocabulary, OfficialEdit.key == key, OfficialEdit.field == name
            )
        )
        if edit is None:
            db.session.add(OfficialEdit(vocabulary=vocabulary, key=key, field=name, edited_by_id=actor_id))
        else:
            edit.edited_by_id, edit.edited_at = actor_id, utcnow()
