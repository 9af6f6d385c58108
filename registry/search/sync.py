"""Keeping the index in step with the database: queue in the transaction, apply after commit.

Every ORM change that alters what a course's document holds (the course, its runs and links, its
or its provider's quality marks, the provider itself, a topic's name) puts the course on the
``search_queue`` table in the same transaction. After the commit the queue is applied under the
writer lock. Whatever a crash leaves pending is applied by the next search, ``search sync`` or
``search check --repair``.
"""

from __future__ import annotations

import contextlib
import logging
from dataclasses import dataclass, field
from datetime import timedelta

import sqlalchemy as sa
from flask import current_app, has_app_context
from sqlalchemy import event
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.orm import Session

from registry.catalogue.models import (
    AgeGroup,
    Course,
    CourseRun,
    LegalRequirement,
    Provider,
    TargetRole,
    Topic,
    course_age_groups,
    course_target_roles,
    course_topics,
)
from registry.clock import utcnow
from registry.extensions import db
from registry.reviews.models import QualityMark
from registry.schemes.models import ApplicationWindow, SubsidyScheme, course_schemes
from registry.search.documents import build_documents, iter_all_documents
from registry.search.index import IndexBusy, IndexStore, store_for
from registry.search.models import SearchQueueEntry

log = logging.getLogger(__name__)

# Applied entries older than this are purged; a rebuild replays everything younger.
KEEP_APPLIED = timedelta(hours=1)
APPLY_BATCH = 2000

_COURSES = "search.course_ids"
_PROVIDERS = "search.provider_ids"
_TOPICS = "search.topic_ids"
_TERMS = "search.term_ids"
# A document holds the names and codes of these reference entries: (course link column, entry column).
_TERM_LINKS = {
    TargetRole: (course_target_roles.c.course_id, course_target_roles.c.target_role_id),
    AgeGroup: (course_age_groups.c.course_id, course_age_groups.c.age_group_id),
    SubsidyScheme: (course_schemes.c.course_id, course_schemes.c.scheme_id),
    LegalRequirement: (Course.__table__.c.id, Course.__table__.c.legal_requirement_id),
}
_QUEUED = "search.queued"


def current_store() -> IndexStore:
    """The index store configured for the current app."""
    return store_for(current_app.config["SEARCH_INDEX_DIR"])


# -- collecting changes ------------------------------------------------------------------------


def _collect(session: Session, _flush_context) -> None:
    courses: set[int] = session.info.setdefault(_COURSES, set())
    providers: set[int] = session.info.setdefault(_PROVIDERS, set())
    topics: set[int] = session.info.setdefault(_TOPICS, set())
    for obj in (*session.new, *session.dirty, *session.deleted):
        if isinstance(obj, Course):
            courses.add(obj.id)
        elif isinstance(obj, CourseRun):
            courses.add(obj.course_id)
        elif isinstance(obj, QualityMark):
            if obj.course_id is not None:
                courses.add(obj.course_id)
            if obj.provider_id is not None:
                providers.add(obj.provider_id)
        elif isinstance(obj, Provider):
            providers.add(obj.id)
        elif isinstance(obj, Topic):
            topics.add(obj.id)
        elif type(obj) in _TERM_LINKS:
            session.info.setdefault(_TERMS, set()).add((type(obj), obj.id))
        elif isinstance(obj, ApplicationWindow):
            session.info.setdefault(_TERMS, set()).add((SubsidyScheme, obj.scheme_id))
    courses.discard(None)  # type: ignore[arg-type]


def _enqueue(session: Session) -> None:
    if session.dirty or session.new or session.deleted:
        session.flush()
    courses: set[int] = session.info.pop(_COURSES, set())
    providers: set[int] = session.info.pop(_PROVIDERS, set())
    topics: set[int] = session.info.pop(_TOPICS, set())
    if providers:
        courses.update(session.scalars(sa.select(Course.id).where(Course.provider_id.in_(providers))))
    if topics:
        courses.update(
            session.scalars(sa.select(course_topics.c.course_id).where(course_topics.c.topic_id.in_(topics)))
        )
    for model, term_id in session.info.pop(_TERMS, set()):
        course_id, link = _TERM_LINKS[model]
        courses.update(session.scalars(sa.select(course_id).where(link == term_id)))
    if courses:
        now = utcnow()
        session.execute(
            sa.insert(SearchQueueEntry), [{"course_id": cid, "enqueued_at": now} for cid in sorted(courses)]
        )
        session.info[_QUEUED] = True


def _apply_after_commit(session: Session) -> None:
    if not session.info.pop(_QUEUED, False) or not has_app_context():
        return
    try:
        apply_pending(current_store(), db.engine)
    except Exception:
        # The entries stay queued; the next search or `search sync` applies them.
        log.exception("search index update failed; it will be retried")


def _forget(session: Session, *_args) -> None:
    for key in (_COURSES, _PROVIDERS, _TOPICS, _TERMS, _QUEUED):
        session.info.pop(key, None)


def install_session_hooks() -> None:
    """Listen to every ORM session (idempotent)."""
    if event.contains(Session, "after_flush", _collect):
        return
    event.listen(Session, "after_flush", _collect)
    event.listen(Session, "before_commit", _enqueue)
    event.listen(Session, "after_commit", _apply_after_commit)
    event.listen(Session, "after_rollback", _forget)


# -- applying ----------------------------------------------------------------------------------


def _write_courses(connection: Connection, course_ids: set[int], write) -> None:
    documents = build_documents(connection, sorted(course_ids))
    present = {document.course_id for document in documents}
    write(documents, sorted(course_ids - present))


def apply_pending(store: IndexStore, engine: Engine, lock_timeout: float = 10.0) -> int:
    """Apply every pending queue entry to the live index; returns how many entries were applied.

    :raise IndexBusy: another process kept the writer lock for ``lock_timeout`` seconds.
    """
    applied = 0
    with store.writer_lock(timeout=lock_timeout):
        while True:
            # Read the database under the lock, so a later writer always writes later state.
            with engine.begin() as connection:
                rows = connection.execute(
                    sa.select(SearchQueueEntry.id, SearchQueueEntry.course_id)
                    .where(SearchQueueEntry.applied_at.is_(None))
                    .order_by(SearchQueueEntry.id)
                    .limit(APPLY_BATCH)
                ).all()
                if not rows:
                    break
                _write_courses(connection, {row.course_id for row in rows}, store.write)
                connection.execute(
                    sa.update(SearchQueueEntry)
                    .where(SearchQueueEntry.id.in_([row.id for row in rows]))
                    .values(applied_at=utcnow())
                )
                applied += len(rows)
        with engine.begin() as connection:
            connection.execute(
                sa.delete(SearchQueueEntry).where(SearchQueueEntry.applied_at < utcnow() - KEEP_APPLIED)
            )
    return applied


def catch_up(store: IndexStore, engine: Engine) -> None:
    """Apply entries a crashed process left pending, unless someone else is writing right now."""
    if has_pending(engine):
        with contextlib.suppress(IndexBusy):  # that writer applies them
            apply_pending(store, engine, lock_timeout=0)


def has_pending(engine: Engine) -> bool:
    """Whether index work is waiting in the queue."""
    with engine.connect() as connection:
        return bool(connection.scalar(sa.select(sa.exists().where(SearchQueueEntry.applied_at.is_(None)))))


def rebuild(store: IndexStore, engine: Engine, progress=lambda _n: None) -> int:
    """Rebuild the whole index beside the live one and swap it in; returns the document count."""
    started = utcnow()
    count = 0

    def batches():
        nonlocal count
        with engine.connect() as connection:
            for batch in iter_all_documents(connection):
                count += len(batch)
                progress(len(batch))
                yield batch

    def replay(write) -> None:
        # Changes committed while the rebuild read the database: replay them into the new index.
        with engine.begin() as connection:
            rows = connection.execute(
                sa.select(SearchQueueEntry.id, SearchQueueEntry.course_id).where(
                    sa.or_(
                        SearchQueueEntry.applied_at.is_(None),
                        SearchQueueEntry.enqueued_at >= started - timedelta(minutes=10),
                    )
                )
            ).all()
            if rows:
                _write_courses(connection, {row.course_id for row in rows}, write)
                connection.execute(
                    sa.update(SearchQueueEntry)
                    .where(SearchQueueEntry.applied_at.is_(None))
                    .values(applied_at=utcnow())
                )

    store.rebuild(batches(), replay)
    return count


@dataclass
class DriftReport:
    """Differences between the index and the database, by course id."""

    missing: list[int] = field(default_factory=list)
    stale: list[int] = field(default_factory=list)
    extra: list[int] = field(default_factory=list)
    pending: bool = False

    @property
    def drifted(self) -> bool:
        return bool(self.missing or self.stale or self.extra)


def check(store: IndexStore, engine: Engine) -> DriftReport:
    """Compare every published course's document with what the index holds."""
    indexed: dict[int, str] = {}
    with store.open_index().searcher() as searcher:
        for stored in searcher.reader().all_stored_fields():
            indexed[int(stored["id"])] = stored["fingerprint"]
    expected: dict[int, str] = {}
    with engine.connect() as connection:
        for batch in iter_all_documents(connection):
            expected.update((doc.course_id, doc.fingerprint()) for doc in batch)
    return DriftReport(
        missing=sorted(set(expected) - set(indexed)),
        stale=sorted(cid for cid in set(expected) & set(indexed) if expected[cid] != indexed[cid]),
        extra=sorted(set(indexed) - set(expected)),
        pending=has_pending(engine),
    )


def repair(store: IndexStore, engine: Engine, report: DriftReport) -> int:
    """Queue and apply every course the report names; returns how many entries were applied."""
    course_ids = sorted({*report.missing, *report.stale, *report.extra})
    if course_ids:
        with engine.begin() as connection:
            now = utcnow()
            connection.execute(
                sa.insert(SearchQueueEntry), [{"course_id": cid, "enqueued_at": now} for cid in course_ids]
            )
    return apply_pending(store, engine, lock_timeout=60)
