"""Keep the feed's change instants honest: a change to anything a feed record shows bumps that record.

A course's feed record includes its runs, marks, links and provider, so a change to any of them moves
``Course.changed_at``; a provider's record includes its recognitions and keurmerk, so those move
``Provider.updated_at``. The bumps are Core UPDATEs after the flush, so they do not count as edits for the
optimistic lock (``Course.version``). Deleted records leave a ``FeedTombstone``.

Core inserts (as the demo generator does) get the column defaults; Core updates and deletes bypass these
events and must bump ``changed_at`` themselves.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.orm import Session, UOWTransaction

from registry.catalogue.models import (
    AgeGroup,
    Course,
    CourseRun,
    LegalRequirement,
    Provider,
    Recognition,
    TargetRole,
    Topic,
    course_age_groups,
    course_target_roles,
    course_topics,
)
from registry.clock import utcnow
from registry.feed.models import FeedTombstone, RecordKind
from registry.reviews.models import QualityMark
from registry.schemes.models import ApplicationWindow, SubsidyScheme, course_schemes

_PENDING = "feed_pending_changes"
_DELETED_KINDS = {
    Course: RecordKind.COURSE,
    Provider: RecordKind.PROVIDER,
    SubsidyScheme: RecordKind.SCHEME,
    QualityMark: RecordKind.QUALITY_MARK,
}


def _collect(session: Session, _flush_context: UOWTransaction, _instances: Any) -> None:
    """Remember which objects change in this flush; their ids are only all known after it."""
    # Start afresh every flush: what a failed flush collected is either flushed again (and collected
    # again) or rolled back, and must not leave a tombstone for a delete that never happened.
    pending: dict[str, list[Any]] = {"objects": [], "deleted": []}
    session.info[_PENDING] = pending
    for obj in (*session.new, *session.dirty):
        pending["objects"].append(obj)
    for obj in session.deleted:
        pending["objects"].append(obj)
        kind = _DELETED_KINDS.get(type(obj))
        if kind is not None:
            pending["deleted"].append((kind, obj.id))


# A course's feed record names its terms and schemes, so changing one moves the courses that use it.
_LINKS = {
    Topic: (course_topics.c.course_id, course_topics.c.topic_id),
    TargetRole: (course_target_roles.c.course_id, course_target_roles.c.target_role_id),
    AgeGroup: (course_age_groups.c.course_id, course_age_groups.c.age_group_id),
    SubsidyScheme: (course_schemes.c.course_id, course_schemes.c.scheme_id),
    LegalRequirement: (Course.__table__.c.id, Course.__table__.c.legal_requirement_id),
}


def _courses_using(connection: Any, objects: list[Any], schemes: set[int]) -> set[int]:
    """The courses whose record shows one of these reference entries (or one of these schemes)."""
    courses: set[int] = set()
    wanted: dict[type, set[int]] = {SubsidyScheme: set(schemes)}
    for obj in objects:
        if type(obj) in _LINKS and obj.id is not None:
            wanted.setdefault(type(obj), set()).add(obj.id)
    for model, ids in wanted.items():
        if ids:
            course_id, link = _LINKS[model]
            courses.update(connection.scalars(sa.select(course_id).where(link.in_(ids))))
    return courses


def _touched(objects: list[Any]) -> tuple[set[int], set[int], set[int]]:
    """Which courses, providers (whose courses change too) and schemes these objects touch."""
    courses: set[int] = set()
    providers: set[int] = set()
    schemes: set[int] = set()
    for obj in objects:
        if isinstance(obj, Course) and obj.id is not None:
            courses.add(obj.id)
        elif isinstance(obj, CourseRun | QualityMark) and obj.course_id is not None:
            courses.add(obj.course_id)
        elif isinstance(obj, QualityMark) and obj.provider_id is not None:
            providers.add(obj.provider_id)
        elif isinstance(obj, Provider) and obj.id is not None:
            providers.add(obj.id)
        elif isinstance(obj, Recognition) and obj.provider_id is not None:
            providers.add(obj.provider_id)
        elif isinstance(obj, ApplicationWindow) and obj.scheme_id is not None:
            schemes.add(obj.scheme_id)
    return courses, providers, schemes


def _apply(session: Session, _flush_context: UOWTransaction) -> None:
    """Bump the change instants of every record the flush touched and write tombstones for deletes."""
    pending = session.info.pop(_PENDING, None)
    if not pending:
        return
    courses, providers, schemes = _touched(pending["objects"])
    now = utcnow()
    connection = session.connection()
    schemes |= {obj.id for obj in pending["objects"] if isinstance(obj, SubsidyScheme) and obj.id is not None}
    courses |= _courses_using(connection, pending["objects"], schemes)
    if courses or providers:
        connection.execute(
            sa.update(Course.__table__)
            .where(sa.or_(Course.__table__.c.id.in_(courses), Course.__table__.c.provider_id.in_(providers)))
            .values(changed_at=now)
        )
    if providers:
        connection.execute(
            sa.update(Provider.__table__).where(Provider.__table__.c.id.in_(providers)).values(updated_at=now)
        )
    if schemes:
        table = SubsidyScheme.__table__
        connection.execute(sa.update(table).where(table.c.id.in_(schemes)).values(updated_at=now))
    for kind, record_id in pending["deleted"]:
        connection.execute(
            sa.insert(FeedTombstone.__table__).values(kind=kind, record_id=record_id, removed_at=now)
        )


def register_change_tracking() -> None:
    """Listen to every session's flushes (once per process)."""
    if not event.contains(Session, "before_flush", _collect):
        event.listen(Session, "before_flush", _collect)
        event.listen(Session, "after_flush", _apply)
