"""Change feeds: every record changed since an instant (by an edit, the calendar or deletion), with
tombstones for those that left the feed.

Every function takes the day and the instant of the request, so tests can move time.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

import sqlalchemy as sa

from registry.catalogue.enums import CourseStatus
from registry.catalogue.models import Course, Provider
from registry.extensions import db
from registry.feed.dump import dump_courses
from registry.feed.models import FeedTombstone, RecordKind
from registry.feed.pagination import Cursor, keyset_ids
from registry.feed.queries import (
    MARK_LOADS,
    PROVIDER_LOADS,
    FeedPage,
    Tombstone,
    all_schemes,
    day_of,
    latest,
    start_of_day,
)
from registry.reviews.models import MarkStatus, QualityMark
from registry.schemes.models import SubsidyScheme

# Transactions commit a moment after they stamp their change; a sync point this far back re-sends such
# late commits on the next sync instead of missing them (records are idempotent upserts for harvesters).
SYNC_OVERLAP = timedelta(seconds=60)


def _mark_boundaries_passed(since: datetime, day: date) -> list[sa.ColumnElement[bool]]:
    """Marks whose state changed with the calendar after ``since``: they took effect or expired since.

    Two conditions, one per indexed date column, so each can be answered from its index.
    """
    since_day = day_of(since)
    return [
        sa.and_(
            QualityMark.status == MarkStatus.VALID,
            QualityMark.valid_until >= since_day,
            QualityMark.valid_until < day,
        ),
        sa.and_(QualityMark.awarded_on > since_day, QualityMark.awarded_on <= day),
    ]


def _course_tombstone(course: Any) -> Tombstone:
    """The tombstone of a course (or a row with its id, status and changed_at) that is not public."""
    if course.status is CourseStatus.PUBLISHED:
        state = "suspended"  # published, but its provider is suspended
    elif course.status is CourseStatus.WITHDRAWN:
        state = "withdrawn"
    else:
        state = "unpublished"
    return Tombstone(course.id, state, course.changed_at)


def _changed_course_ids(since: datetime, day: date) -> sa.CompoundSelect:
    """Ids of courses whose feed record changed after ``since``, by an edit, the calendar or deletion."""
    return sa.union(
        sa.select(Course.id.label("id")).where(Course.changed_at > since),
        *(
            sa.select(QualityMark.course_id).where(QualityMark.course_id.is_not(None), passed)
            for passed in _mark_boundaries_passed(since, day)
        ),
        *(
            sa.select(Course.id)
            .join(QualityMark, QualityMark.provider_id == Course.provider_id)
            .where(passed)
            for passed in _mark_boundaries_passed(since, day)
        ),
        sa.select(FeedTombstone.record_id).where(
            FeedTombstone.kind == RecordKind.COURSE, FeedTombstone.removed_at > since
        ),
    )


def changed_course_ids(since: datetime, day: date) -> set[int]:
    """Every course id whose feed record changed after ``since`` (live or gone), in one set."""
    return set(db.session.scalars(_changed_course_ids(since, day)))


def course_changes(since: datetime, cursor: Cursor, limit: int, day: date, now: datetime) -> FeedPage:
    """Every course whose feed record changed after ``since``: live ones, and tombstones for the rest."""
    synced_until = cursor.synced_until or now - SYNC_OVERLAP
    changed = _changed_course_ids(since, day)
    page_ids, more = keyset_ids(changed, cursor, limit)
    # The public ones are read as the dump reads them (plain rows, a few statements); of the others only
    # what a tombstone says.
    public = {course.id: course for course in dump_courses(day, only=page_ids)}
    present = {
        row.id: row
        for row in db.session.execute(
            sa.select(Course.id, Course.status, Course.changed_at).where(Course.id.in_(page_ids))
        )
    }
    removed = _removed(RecordKind.COURSE, [i for i in page_ids if i not in present])
    records: list[Any] = []
    tombstones = []
    for course_id in page_ids:
        if course_id in public:
            records.append(public[course_id])
        elif course_id in present:
            tombstones.append(_course_tombstone(present[course_id]))
        elif course_id in removed:
            tombstones.append(removed[course_id])
    next_cursor = Cursor(page_ids[-1], synced_until) if more else None
    return FeedPage(
        records,
        tombstones,
        next_cursor=next_cursor,
        synced_until=synced_until,
        last_modified=latest([now if page_ids else since]),
    )


def _removed(kind: RecordKind, ids: list[int]) -> dict[int, Tombstone]:
    if not ids:
        return {}
    rows = db.session.scalars(
        sa.select(FeedTombstone).where(FeedTombstone.kind == kind, FeedTombstone.record_id.in_(ids))
    )
    return {row.record_id: Tombstone(row.record_id, "deleted", row.removed_at) for row in rows}


# The dump reads plain rows with a few Core statements per batch: building ORM objects (identity map,


def provider_changes(since: datetime, cursor: Cursor, limit: int, day: date, now: datetime) -> FeedPage:
    """Providers changed after ``since``: active ones as records, suspended or deleted ones as tombstones."""
    synced_until = cursor.synced_until or now - SYNC_OVERLAP
    changed = sa.union(
        sa.select(Provider.id.label("id")).where(Provider.updated_at > since),
        *(
            sa.select(QualityMark.provider_id).where(QualityMark.provider_id.is_not(None), passed)
            for passed in _mark_boundaries_passed(since, day)
        ),
        sa.select(FeedTombstone.record_id).where(
            FeedTombstone.kind == RecordKind.PROVIDER, FeedTombstone.removed_at > since
        ),
    )
    page_ids, more = keyset_ids(changed, cursor, limit)
    providers = {
        p.id: p
        for p in db.session.scalars(
            sa.select(Provider).where(Provider.id.in_(page_ids)).options(*PROVIDER_LOADS)
        )
    }
    removed = _removed(RecordKind.PROVIDER, [i for i in page_ids if i not in providers])
    records, tombstones = [], []
    for provider_id in page_ids:
        provider = providers.get(provider_id)
        if provider is not None and provider.public():
            records.append(provider)
        elif provider is not None:
            tombstones.append(Tombstone(provider.id, "suspended", provider.updated_at))
        elif provider_id in removed:
            tombstones.append(removed[provider_id])
    next_cursor = Cursor(page_ids[-1], synced_until) if more else None
    return FeedPage(records, tombstones, next_cursor, synced_until, latest([now if page_ids else since]))


def _scheme_boundaries(scheme: SubsidyScheme) -> list[date]:
    """The days on which the scheme's state may change: windows opening and closing, the scheme ending."""
    days = [window.opens_on for window in scheme.windows]
    days += [window.closes_on + timedelta(days=1) for window in scheme.windows if window.closes_on]
    if scheme.active_until:
        days.append(scheme.active_until + timedelta(days=1))
    return days


def _page_of(items: list[Any], cursor: Cursor, limit: int) -> tuple[list[Any], Cursor | None]:
    after = [item for item in items if item.id > cursor.after_id]
    page = after[:limit]
    more = len(after) > limit
    return page, (Cursor(page[-1].id, cursor.synced_until) if more else None)


def scheme_changes(since: datetime, cursor: Cursor, limit: int, day: date, now: datetime) -> FeedPage:
    """Schemes changed after ``since``, in their data or in their state by the calendar; deleted ones."""
    synced_until = cursor.synced_until or now - SYNC_OVERLAP
    since_day = day_of(since)
    changed = [
        scheme
        for scheme in all_schemes()
        if scheme.updated_at > since or any(since_day < d <= day for d in _scheme_boundaries(scheme))
    ]
    removed = db.session.scalars(
        sa.select(FeedTombstone).where(
            FeedTombstone.kind == RecordKind.SCHEME, FeedTombstone.removed_at > since
        )
    )
    tombstones = [Tombstone(row.record_id, "deleted", row.removed_at) for row in removed]
    both = sorted([*changed, *tombstones], key=lambda item: item.id)
    page, next_cursor = _page_of(both, Cursor(cursor.after_id, synced_until), limit)
    return FeedPage(
        [item for item in page if isinstance(item, SubsidyScheme)],
        [item for item in page if isinstance(item, Tombstone)],
        next_cursor,
        synced_until,
        latest([now if page else since]),
    )


def _mark_tombstone(mark: QualityMark, day: date) -> Tombstone:
    state = mark.status_on(day)
    if state is MarkStatus.EXPIRED:
        return Tombstone(mark.id, state.value, start_of_day(mark.valid_until + timedelta(days=1)))
    return Tombstone(mark.id, state.value, mark.updated_at)


def mark_changes(since: datetime, cursor: Cursor, limit: int, day: date, now: datetime) -> FeedPage:
    """Marks changed after ``since`` (also by taking effect or expiring), with tombstones for those gone."""
    synced_until = cursor.synced_until or now - SYNC_OVERLAP
    changed = sa.union(
        sa.select(QualityMark.id.label("id")).where(QualityMark.updated_at > since),
        *(sa.select(QualityMark.id).where(passed) for passed in _mark_boundaries_passed(since, day)),
        sa.select(FeedTombstone.record_id).where(
            FeedTombstone.kind == RecordKind.QUALITY_MARK, FeedTombstone.removed_at > since
        ),
    )
    page_ids, more = keyset_ids(changed, cursor, limit)
    marks = {
        m.id: m
        for m in db.session.scalars(
            sa.select(QualityMark).where(QualityMark.id.in_(page_ids)).options(*MARK_LOADS)
        )
    }
    public_ids = {mark_id for mark_id, mark in marks.items() if mark.in_register_on(day)}
    removed = _removed(RecordKind.QUALITY_MARK, [i for i in page_ids if i not in marks])
    records, tombstones = [], []
    for mark_id in page_ids:
        if mark_id in public_ids:
            records.append(marks[mark_id])
        elif mark_id in marks and marks[mark_id].awarded_on <= day:
            tombstones.append(_mark_tombstone(marks[mark_id], day))
        elif mark_id in removed:
            tombstones.append(removed[mark_id])
    next_cursor = Cursor(page_ids[-1], synced_until) if more else None
    return FeedPage(records, tombstones, next_cursor, synced_until, latest([now if page_ids else since]))
