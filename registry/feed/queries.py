"""Pages of the public feed's records in id order, and single public records.

Every function takes the day (for states that follow the calendar), so tests can move time.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any

import sqlalchemy as sa
from flask_babel import gettext as _
from sqlalchemy.orm import aliased, selectinload

from registry.catalogue.enums import DeliveryMode, Province
from registry.catalogue.models import Course, CourseRun, Provider, TargetRole, Topic
from registry.catalogue.service import course_words_filter
from registry.clock import AMSTERDAM
from registry.errors import NotFound
from registry.extensions import db
from registry.feed.models import FeedTombstone, RecordKind
from registry.feed.pagination import Cursor, keyset_page
from registry.reviews.models import MarkStatus, QualityMark, SubjectType
from registry.schemes.models import SubsidyScheme

NO_MARK = "none"
# Ids are 32-bit on PostgreSQL; a larger one names nothing (and must not reach the database driver).
MAX_ID = 2**31 - 1


@dataclass(frozen=True)
class CourseFilters:
    """The course listing's filters; empty ones do not narrow anything."""

    topic: str | None = None
    role: str | None = None
    province: Province | None = None
    delivery_mode: DeliveryMode | None = None
    scheme: str | None = None
    accreditation: str | None = None
    provider: int | None = None
    starts_after: date | None = None
    starts_before: date | None = None
    q: str = ""


@dataclass(frozen=True)
class MarkFilters:
    """The quality-mark register's filters."""

    subject_type: SubjectType | None = None
    state: MarkStatus | None = None


@dataclass(frozen=True)
class Tombstone:
    """A record that left the feed: its id, why (withdrawn, suspended, revoked, expired, deleted), when."""

    id: int
    state: str
    when: datetime


@dataclass
class FeedPage:
    """One page: live records, tombstones (change feeds only), where to go on, and its freshness."""

    records: list[Any]
    tombstones: list[Tombstone] = field(default_factory=list)
    next_cursor: Cursor | None = None
    synced_until: datetime | None = None
    last_modified: datetime | None = None


def public_id(record_id: int) -> int:
    """The id to look up; one beyond any id the database can hold looks up id 0, which never exists."""
    return record_id if record_id <= MAX_ID else 0


def start_of_day(day: date) -> datetime:
    """The instant a Dutch calendar day begins; states that follow the calendar change then."""
    return datetime.combine(day, time.min, tzinfo=AMSTERDAM)


def day_of(instant: datetime) -> date:
    return instant.astimezone(AMSTERDAM).date()


def latest(values: Sequence[datetime | None]) -> datetime | None:
    present = [value for value in values if value is not None]
    return max(present, default=None)


def _course_accreditation_is(state: str, day: date) -> sa.ColumnElement[bool]:
    """The course's latest awarded mark (as the course page shows it) has ``state`` on ``day``."""
    latest_id = QualityMark.latest_awarded_id(QualityMark.course_id == Course.id, day)
    if state == NO_MARK:
        return latest_id.is_(None)
    latest = aliased(QualityMark)
    return sa.exists().where(latest.id == latest_id, latest.has_status_on(state, day))


# -- courses ------------------------------------------------------------------------------------------

COURSE_LOADS = (
    selectinload(Course.provider).selectinload(Provider.quality_marks),
    selectinload(Course.topics),
    selectinload(Course.target_roles),
    selectinload(Course.age_groups),
    selectinload(Course.schemes),
    selectinload(Course.legal_requirement),
    selectinload(Course.runs),
    selectinload(Course.quality_marks),
)


def _course_conditions(filters: CourseFilters, day: date) -> list[sa.ColumnElement[bool]]:
    conditions: list[sa.ColumnElement[bool]] = [Course.published(), *course_words_filter(filters.q)]
    if filters.topic:
        conditions.append(Course.topics.any(Topic.slug == filters.topic))
    if filters.role:
        conditions.append(Course.target_roles.any(TargetRole.slug == filters.role))
    if filters.scheme:
        conditions.append(Course.schemes.any(SubsidyScheme.code == filters.scheme))
    if filters.delivery_mode:
        conditions.append(Course.delivery_mode == filters.delivery_mode)
    if filters.provider is not None:
        conditions.append(Course.provider_id == filters.provider)
    if filters.accreditation:
        conditions.append(_course_accreditation_is(filters.accreditation, day))
    run_conditions = []
    if filters.province:
        run_conditions.append(CourseRun.province == filters.province)
    if filters.starts_after:
        run_conditions.append(CourseRun.starts_on >= filters.starts_after)
    if filters.starts_before:
        run_conditions.append(CourseRun.starts_on <= filters.starts_before)
    if run_conditions:
        # One run has to meet all run filters: "a run in Utrecht in March", not two different runs.
        conditions.append(Course.runs.any(sa.and_(*run_conditions)))
    return conditions


@dataclass
class CourseIdsPage:
    """A page of the course listing as ids in walk order, each with its change stamp
    ``(change_seq, changed_at)``; where to go on, and the listing's Last-Modified."""

    ids: list[int]
    stamps: dict[int, tuple[int, datetime]]
    next_cursor: Cursor | None
    last_modified: datetime


def course_page(filters: CourseFilters, cursor: Cursor, limit: int, day: date) -> FeedPage:
    """Published courses in the order of their latest change, then id, so a walk never skips one.

    ``Course.change_seq`` is the search log position of the course's latest change, and positions
    grow in commit order (registry.search.log). A course published, changed or brought back while a
    walk is under way gets a position past every one the walk has served, so the walk reaches it
    (again, with its new content, if it had already been served); an id order would skip an older
    draft published behind the cursor.
    """
    page = course_page_ids(filters, cursor, limit, day)
    loaded = db.session.scalars(sa.select(Course).where(Course.id.in_(page.ids)).options(*COURSE_LOADS))
    by_id = {course.id: course for course in loaded}
    return FeedPage(
        [by_id[course_id] for course_id in page.ids if course_id in by_id],
        next_cursor=page.next_cursor,
        last_modified=page.last_modified,
    )


def course_page_ids(filters: CourseFilters, cursor: Cursor, limit: int, day: date) -> CourseIdsPage:
    """The ids of a page of :func:`course_page` with their change stamps, the cursor after it and the
    listing's Last-Modified.

    The feed listing reads the records of these ids with Core, as the dump does (or finds them made
    before, registry.feed.record_cache): the ORM's objects cost more to build than the page takes to send.
    """
    # Through Core: the ORM's handling of a statement cost more than running it.
    rows = db.session.connection().execute(_in_walk_order(filters, limit, day), _walk_from(cursor)).all()
    # Each row carries the listing's newest change and removal; a page past the end is one row of them.
    last_modified = _last_modified_of(rows[0].changed, rows[0].removed, day)
    page = [row for row in rows if row.id is not None]
    page, more = page[:limit], len(page) > limit
    return CourseIdsPage(
        [row.id for row in page],
        {row.id: (row.change_seq, row.changed_at) for row in page},
        Cursor(after_id=page[-1].id, after_seq=page[-1].change_seq) if more else None,
        last_modified,
    )


# The cursor's place in a walk: bound at each page, so one statement per filter set serves every page.
_AFTER_SEQ = sa.bindparam("walk_after_seq", type_=sa.Integer)
_AFTER_ID = sa.bindparam("walk_after_id", type_=sa.Integer)


@functools.lru_cache(maxsize=256)
def _in_walk_order(filters: CourseFilters, limit: int, day: date) -> sa.Select:
    """Ids, positions and change instants of the published courses after the cursor in walk order,
    each with the newest change and removal of any course (the listing's Last-Modified, asked in the
    same round trip).

    Two ranges of the walk's index (status, position, id), each found by one seek: the rest of the
    cursor's position, then the later positions. One condition "a later position, or the same one and a
    later id" cannot be a seek: the databases read the index from the start of the position, or sort
    every published course, for each page. Building the statement costs as much as running it, so it is
    kept per filter set (the cursor is bound on execution, see :func:`_walk_from`).
    """
    conditions = _course_conditions(filters, day)

    def part(*where: sa.ColumnElement[bool]) -> sa.Subquery:
        query = sa.select(Course.id, Course.change_seq, Course.changed_at).where(*conditions, *where)
        return query.order_by(Course.change_seq, Course.id).limit(limit + 1).subquery()

    same = part(Course.change_seq == _AFTER_SEQ, Course.id > _AFTER_ID)
    later = part(Course.change_seq > _AFTER_SEQ)
    both = sa.union_all(sa.select(same), sa.select(later)).subquery()
    page = sa.select(both).order_by(both.c.change_seq, both.c.id).limit(limit + 1).subquery()
    newest = _newest_change(Course.changed_at, RecordKind.COURSE).subquery()
    return (
        sa.select(newest.c.changed, newest.c.removed, page)
        .select_from(newest.outerjoin(page, sa.true()))
        .order_by(page.c.change_seq, page.c.id)
    )


def _walk_from(cursor: Cursor) -> dict[str, int]:
    return {"walk_after_seq": cursor.after_seq or 0, "walk_after_id": cursor.after_id}


def _listing_page(
    query: sa.Select,
    key: Any,
    cursor: Cursor,
    limit: int,
    stamp: sa.ColumnElement[datetime],
    kind: RecordKind,
    day: date,
) -> FeedPage:
    records, more = keyset_page(query, key, cursor, limit)
    return FeedPage(
        records,
        next_cursor=Cursor(after_id=records[-1].id) if more else None,
        last_modified=listing_last_modified(stamp, kind, day),
    )


def _newest_change(stamp: sa.ColumnElement[datetime], kind: RecordKind) -> sa.Select:
    """One row: the newest ``stamp`` of the kind's records (``changed``) and of its tombstones (``removed``).

    A page of a listing changes when one of its records changes but also when one leaves it (withdrawn,
    deleted) or when the calendar moves a state, so the page's own records cannot tell; the whole kind
    can, cheaply (both instants are indexed).
    """
    removed = sa.select(sa.func.max(FeedTombstone.removed_at)).where(FeedTombstone.kind == kind)
    return sa.select(sa.func.max(stamp).label("changed"), removed.scalar_subquery().label("removed"))


def _last_modified_of(changed: datetime | None, removed: datetime | None, day: date) -> datetime:
    return latest([changed, removed, start_of_day(day)]) or start_of_day(day)


def listing_last_modified(stamp: sa.ColumnElement[datetime], kind: RecordKind, day: date) -> datetime:
    """Last-Modified of a page of a listing: the newest change to any record of its kind, or midnight."""
    changed, removed = db.session.connection().execute(_newest_change(stamp, kind)).one()
    return _last_modified_of(changed, removed, day)


def public_course(course_id: int) -> Course:
    """A published course with everything its feed record shows.

    :raise NotFound: the course does not exist or is not public.
    """
    course = db.session.scalars(
        sa.select(Course).where(Course.id == public_id(course_id), Course.published()).options(*COURSE_LOADS)
    ).one_or_none()
    if course is None:
        raise NotFound(_("Deze opleiding bestaat niet of is niet (meer) gepubliceerd."))
    return course


# -- providers ----------------------------------------------------------------------------------------

PROVIDER_LOADS = (selectinload(Provider.recognitions), selectinload(Provider.quality_marks))


def provider_page(cursor: Cursor, limit: int, day: date) -> FeedPage:
    """Active providers in id order."""
    query = sa.select(Provider).where(Provider.public()).options(*PROVIDER_LOADS)
    return _listing_page(query, Provider.id, cursor, limit, Provider.updated_at, RecordKind.PROVIDER, day)


def public_provider(provider_id: int) -> Provider:
    """An active provider with its recognitions and keurmerk.

    :raise NotFound: no active provider has this id.
    """
    provider = db.session.scalars(
        sa.select(Provider)
        .where(Provider.id == public_id(provider_id), Provider.public())
        .options(*PROVIDER_LOADS)
    ).one_or_none()
    if provider is None:
        raise NotFound(_("Deze aanbieder staat niet (meer) in het register."))
    return provider


# -- subsidy schemes ----------------------------------------------------------------------------------


def all_schemes() -> list[SubsidyScheme]:
    # There are a handful of schemes; reading them all keeps their calendar logic in one (Python) place.
    return list(
        db.session.scalars(
            sa.select(SubsidyScheme).options(selectinload(SubsidyScheme.windows)).order_by(SubsidyScheme.id)
        )
    )


def scheme_page(cursor: Cursor, limit: int, day: date) -> FeedPage:
    """Every scheme in id order (ended ones too: their state says so)."""
    query = sa.select(SubsidyScheme).options(selectinload(SubsidyScheme.windows))
    return _listing_page(
        query, SubsidyScheme.id, cursor, limit, SubsidyScheme.updated_at, RecordKind.SCHEME, day
    )


def public_scheme(scheme_id: int) -> SubsidyScheme:
    """One scheme with its windows.

    :raise NotFound: no scheme has this id.
    """
    scheme = db.session.scalars(
        sa.select(SubsidyScheme)
        .where(SubsidyScheme.id == public_id(scheme_id))
        .options(selectinload(SubsidyScheme.windows))
    ).one_or_none()
    if scheme is None:
        raise NotFound(_("Deze regeling staat niet in het register."))
    return scheme


# -- quality marks ------------------------------------------------------------------------------------

MARK_LOADS = (selectinload(QualityMark.course), selectinload(QualityMark.provider))


def mark_page(filters: MarkFilters, cursor: Cursor, limit: int, day: date) -> FeedPage:
    """The public register of quality marks in id order."""
    conditions = [QualityMark.in_register_on(day)]
    if filters.subject_type:
        conditions.append(QualityMark.subject_type == filters.subject_type)
    if filters.state:
        conditions.append(QualityMark.has_status_on(filters.state, day))
    query = sa.select(QualityMark).where(*conditions).options(*MARK_LOADS)
    return _listing_page(
        query, QualityMark.id, cursor, limit, QualityMark.updated_at, RecordKind.QUALITY_MARK, day
    )


# -- topics -------------------------------------------------------------------------------------------


def all_topics() -> list[Topic]:
    """The whole topic taxonomy in id order (areas and their topics)."""
    return list(db.session.scalars(sa.select(Topic).order_by(Topic.id)))
