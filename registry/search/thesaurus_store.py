"""Where the live thesaurus comes from: the text officials last saved in ``/beheer/thesaurus``, once a
rebuild of the index has carried it, else the shipped ``thesaurus.txt``.

Queries and documents must use the same thesaurus (a course's document carries the concepts it mentions),
so a saved text waits until a rebuild (the clock's ``thesaurus-reindex`` job or ``flask search reindex``)
has written every document with it; from then on every process follows it, checking at most every
``FOLLOW_SECONDS`` which version is live.
"""

from __future__ import annotations

import threading
import time
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from registry.clock import utcnow
from registry.db_types import UTCDateTime
from registry.extensions import db
from registry.search.thesaurus import THESAURUS_FILE, use_thesaurus

FOLLOW_SECONDS = 30.0


class ThesaurusVersion(db.Model):
    """One text of the thesaurus as an official saved it; ``indexed_at`` is when a rebuild made it live."""

    __tablename__ = "thesaurus_version"

    id: Mapped[int] = mapped_column(primary_key=True)
    text: Mapped[str] = mapped_column(sa.Text)
    saved_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user.id", ondelete="SET NULL"))
    saved_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    indexed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


_lock = threading.Lock()
_applied: dict[str, float | int | None] = {"version": None, "checked": float("-inf")}


def shipped_text() -> str:
    return THESAURUS_FILE.read_text(encoding="utf-8")


def latest_version() -> ThesaurusVersion | None:
    """The text officials saved last (live or waiting for a rebuild)."""
    return db.session.scalar(sa.select(ThesaurusVersion).order_by(ThesaurusVersion.id.desc()).limit(1))


def live_version() -> ThesaurusVersion | None:
    """The saved text the index was last rebuilt with (None: the shipped file)."""
    return db.session.scalar(
        sa.select(ThesaurusVersion)
        .where(ThesaurusVersion.indexed_at.is_not(None))
        .order_by(ThesaurusVersion.id.desc())
        .limit(1)
    )


def _make_live(version: ThesaurusVersion | None) -> None:
    with _lock:
        use_thesaurus(None if version is None else version.text)
        _applied["version"] = None if version is None else version.id
        _applied["checked"] = time.monotonic()


def follow_live_thesaurus(*, force: bool = False) -> None:
    """Use the live thesaurus in this process if another became live since the last check."""
    if not force and time.monotonic() - float(_applied["checked"]) < FOLLOW_SECONDS:
        return
    live_id = db.session.scalar(
        sa.select(sa.func.max(ThesaurusVersion.id)).where(ThesaurusVersion.indexed_at.is_not(None))
    )
    if live_id == _applied["version"]:
        _applied["checked"] = time.monotonic()
        return
    _make_live(db.session.get(ThesaurusVersion, live_id) if live_id is not None else None)


def use_latest_saved() -> ThesaurusVersion | None:
    """Before a full rebuild: use the text officials saved last in this process (None: none saved)."""
    latest = latest_version()
    if latest is not None:
        _make_live(latest)
    return latest


def mark_indexed(version: ThesaurusVersion | None) -> None:
    """After a full rebuild with ``version``: it is live now, for every process."""
    if version is not None and version.indexed_at is None:
        version.indexed_at = utcnow()
        db.session.commit()


def rebuild_with_saved_thesaurus(rebuild) -> int | None:
    """If officials saved a thesaurus no rebuild has carried yet: use it, run ``rebuild()`` (the whole
    index), then mark it live. Returns the document count, or None when there was nothing new."""
    latest = latest_version()
    if latest is None or latest.indexed_at is not None:
        return None
    _make_live(latest)
    count = rebuild()
    mark_indexed(latest)
    return count
