"""The search log: every commit that changes what a course's search document (or feed record) holds
appends the course to ``search_log`` in the same transaction.

Each host's index follows the log from its own position (:mod:`registry.search.sync`), and the feed
walks courses by the position of their latest change (``Course.change_seq``). Both rely on one
promise: **positions grow in commit order**. A sequence alone does not keep it on PostgreSQL: a
transaction that drew 10 may commit after one that drew 11, and a reader that has already moved
past 11 would never see 10. So the log is appended at the very end of the transaction, under a
transaction-scoped advisory lock that is released by the commit itself: whoever draws a position
commits before anyone else can draw the next. The lock is held only for the insert and the commit
(every other write of the transaction is flushed before it is taken, and the row locks the append
needs are taken before it too, so its holder never waits for anyone). SQLite already lets one
writer at a time into the database, which gives the same order.
"""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import Connection
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
from registry.reviews.models import QualityMark
from registry.schemes.models import ApplicationWindow, SubsidyScheme, course_schemes
from registry.search.models import SearchLogEntry

# The log keeps at least this many entries, however small the catalogue (see :func:`prune`).
KEEP_AT_LEAST = 10_000
# Any constant will do, as long as nothing else in the database uses it for an advisory lock.
COMMIT_LOCK_KEY = 0x5EA4C106

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
LOGGED = "search.logged"


def _changed_itself(session: Session, obj: object) -> bool:
    """Whether ``obj`` is new, deleted or has changed columns of its own. A course linked to a
    provider, topic or term dirties that entry through its collection alone, which changes none of
    the other courses' documents (re-logging them all would also move them in the feed's order)."""
    return obj in session.new or obj in session.deleted or session.is_modified(obj, include_collections=False)


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
        elif not _changed_itself(session, obj):
            continue
        elif isinstance(obj, Provider):
            providers.add(obj.id)
        elif isinstance(obj, Topic):
            topics.add(obj.id)
        elif type(obj) in _TERM_LINKS:
            session.info.setdefault(_TERMS, set()).add((type(obj), obj.id))
        elif isinstance(obj, ApplicationWindow):
            session.info.setdefault(_TERMS, set()).add((SubsidyScheme, obj.scheme_id))
    courses.discard(None)  # type: ignore[arg-type]


def _changed_courses(session: Session) -> set[int]:
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
    return courses


def append(connection: Connection, course_ids: set[int] | list[int]) -> int | None:
    """Log ``course_ids`` as changed in the current transaction; returns the position drawn.

    Call it last in the transaction: on PostgreSQL it takes the commit lock, held until the commit.
    """
    if not course_ids:
        return None
    ids = sorted(course_ids)
    table = Course.__table__
    postgres = connection.dialect.name == "postgresql"
    if postgres:
        # Row locks first (in id order), then the commit lock: its holder then never waits.
        connection.execute(
            sa.select(table.c.id).where(table.c.id.in_(ids)).order_by(table.c.id).with_for_update()
        )
        connection.execute(sa.select(sa.func.pg_advisory_xact_lock(COMMIT_LOCK_KEY)))
    now = utcnow()
    connection.execute(sa.insert(SearchLogEntry), [{"course_id": cid, "logged_at": now} for cid in ids])
    position = connection.scalar(sa.select(sa.func.max(SearchLogEntry.id)))
    # A Core UPDATE: the optimistic-lock version stays as it is (as for ``changed_at``).
    connection.execute(sa.update(table).where(table.c.id.in_(ids)).values(change_seq=position))
    return position


def _append_before_commit(session: Session) -> None:
    if session.dirty or session.new or session.deleted:
        session.flush()
    courses = _changed_courses(session)
    courses.discard(None)  # type: ignore[arg-type]
    if courses:
        append(session.connection(), courses)
        session.info[LOGGED] = True


def _forget(session: Session, *_args) -> None:
    for key in (_COURSES, _PROVIDERS, _TOPICS, _TERMS, LOGGED):
        session.info.pop(key, None)


def install_log_hooks() -> None:
    """Listen to every ORM session (idempotent)."""
    if event.contains(Session, "after_flush", _collect):
        return
    event.listen(Session, "after_flush", _collect)
    event.listen(Session, "before_commit", _append_before_commit)
    event.listen(Session, "after_rollback", _forget)


# -- reading -------------------------------------------------------------------------------------


def head(connection: Connection) -> int:
    """The newest position in the log (0 when nothing was ever logged and kept)."""
    return connection.scalar(sa.select(sa.func.coalesce(sa.func.max(SearchLogEntry.id), 0))) or 0


def horizon(connection: Connection) -> int:
    """The position before the oldest entry kept: an index behind it missed pruned entries."""
    oldest = connection.scalar(sa.select(sa.func.min(SearchLogEntry.id)))
    return 0 if oldest is None else oldest - 1


def entries_after(connection: Connection, position: int, limit: int) -> list[tuple[int, int]]:
    """(position, course id) of the next ``limit`` entries after ``position``, oldest first."""
    rows = connection.execute(
        sa.select(SearchLogEntry.id, SearchLogEntry.course_id)
        .where(SearchLogEntry.id > position)
        .order_by(SearchLogEntry.id)
        .limit(limit)
    )
    return [(row.id, row.course_id) for row in rows]


def prune(connection: Connection, keep: int) -> int:
    """Forget all but the newest ``keep`` entries (the newest one always stays); returns how many.

    An index further behind than that rebuilds instead, which then costs less than replaying.
    """
    newest = head(connection)
    cutoff = min(newest - max(keep, 0), newest - 1)
    if cutoff <= 0:
        return 0
    return connection.execute(sa.delete(SearchLogEntry).where(SearchLogEntry.id <= cutoff)).rowcount or 0
