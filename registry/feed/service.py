"""Queries of the public feed: pages of records in id order, change feeds with tombstones, the dump.

Every function takes the day (for states that follow the calendar) and, for change feeds, the instant of
the request, so tests can move time.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

import sqlalchemy as sa
from flask_babel import gettext as _
from sqlalchemy.orm import aliased, selectinload

from registry.catalogue.enums import CourseStatus, DeliveryMode, Level, ProviderStatus, Province
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
from registry.catalogue.service import course_words_filter
from registry.clock import AMSTERDAM
from registry.errors import NotFound
from registry.extensions import db
from registry.feed.models import FeedTombstone, RecordKind
from registry.feed.pagination import Cursor
from registry.reviews.models import MarkStatus, QualityMark, SubjectType
from registry.schemes.models import SubsidyScheme, course_schemes

# Transactions commit a moment after they stamp their change; a sync point this far back re-sends such
# late commits on the next sync instead of missing them (records are idempotent upserts for harvesters).
SYNC_OVERLAP = timedelta(seconds=60)
DUMP_BATCH = 1000

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


def _public_id(record_id: int) -> int:
    """The id to look up; one beyond any id the database can hold looks up id 0, which never exists."""
    return record_id if record_id <= MAX_ID else 0


def start_of_day(day: date) -> datetime:
    """The instant a Dutch calendar day begins; states that follow the calendar change then."""
    return datetime.combine(day, time.min, tzinfo=AMSTERDAM)


def _day_of(instant: datetime) -> date:
    return instant.astimezone(AMSTERDAM).date()


def _latest(values: Sequence[datetime | None]) -> datetime | None:
    present = [value for value in values if value is not None]
    return max(present, default=None)


# -- quality marks as seen on a day ------------------------------------------------------------------


def _mark_state_is(mark: Any, state: str, day: date) -> sa.ColumnElement[bool]:
    """``mark`` (a QualityMark or alias) has ``state`` on ``day`` (expired: valid but past its date)."""
    if state == MarkStatus.EXPIRED:
        return sa.and_(mark.status == MarkStatus.VALID, mark.valid_until < day)
    if state == MarkStatus.VALID:
        return sa.and_(mark.status == MarkStatus.VALID, mark.valid_until >= day)
    return mark.status == state


def _mark_boundaries_passed(since: datetime, day: date) -> list[sa.ColumnElement[bool]]:
    """Marks whose state changed with the calendar after ``since``: they took effect or expired since.

    Two conditions, one per indexed date column, so each can be answered from its index.
    """
    since_day = _day_of(since)
    return [
        sa.and_(
            QualityMark.status == MarkStatus.VALID,
            QualityMark.valid_until >= since_day,
            QualityMark.valid_until < day,
        ),
        sa.and_(QualityMark.awarded_on > since_day, QualityMark.awarded_on <= day),
    ]


def _course_accreditation_is(state: str, day: date) -> sa.ColumnElement[bool]:
    """The course's latest awarded mark (as the course page shows it) has ``state`` on ``day``."""
    latest_id = (
        sa.select(QualityMark.id)
        .where(QualityMark.course_id == Course.id, QualityMark.awarded_on <= day)
        .order_by(QualityMark.awarded_on.desc(), QualityMark.id.desc())
        .limit(1)
        .correlate(Course)
        .scalar_subquery()
    )
    if state == NO_MARK:
        return latest_id.is_(None)
    latest = aliased(QualityMark)
    return sa.exists().where(latest.id == latest_id, _mark_state_is(latest, state, day))


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


def course_page(filters: CourseFilters, cursor: Cursor, limit: int, day: date) -> FeedPage:
    """Published courses in id order, so new courses land at the end and paging never skips one."""
    rows = db.session.scalars(
        sa.select(Course)
        .where(Course.id > cursor.after_id, *_course_conditions(filters, day))
        .order_by(Course.id)
        .limit(limit + 1)
        .options(*COURSE_LOADS)
    ).all()
    records = list(rows[:limit])
    next_cursor = Cursor(after_id=records[-1].id) if len(rows) > limit else None
    return FeedPage(
        records,
        next_cursor=next_cursor,
        last_modified=_listing_last_modified(Course.changed_at, RecordKind.COURSE, day),
    )


def _listing_last_modified(stamp: sa.ColumnElement[datetime], kind: RecordKind, day: date) -> datetime:
    """Last-Modified of a page of a listing: the newest change to any record of its kind.

    A page changes when one of its records changes but also when one leaves it (withdrawn, deleted) or
    when the calendar moves a state, so the page's own records cannot tell; the whole kind can, cheaply
    (both instants are indexed).
    """
    changed = db.session.scalar(sa.select(sa.func.max(stamp)))
    removed = db.session.scalar(
        sa.select(sa.func.max(FeedTombstone.removed_at)).where(FeedTombstone.kind == kind)
    )
    return _latest([changed, removed, start_of_day(day)]) or start_of_day(day)


def public_course(course_id: int) -> Course:
    """A published course with everything its feed record shows.

    :raise NotFound: the course does not exist or is not public.
    """
    course = db.session.scalars(
        sa.select(Course).where(Course.id == _public_id(course_id), Course.published()).options(*COURSE_LOADS)
    ).one_or_none()
    if course is None:
        raise NotFound(_("Deze opleiding bestaat niet of is niet (meer) gepubliceerd."))
    return course


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


def _page_of_changed_ids(
    changed: sa.Select | sa.CompoundSelect, cursor: Cursor, limit: int
) -> tuple[list[int], bool]:
    """The next ``limit`` ids after the cursor from a query of changed ids, and whether more follow."""
    ids_query = changed.subquery()
    ids = list(
        db.session.scalars(
            sa.select(ids_query.c.id)
            .where(ids_query.c.id > cursor.after_id)
            .order_by(ids_query.c.id)
            .limit(limit + 1)
        )
    )
    return ids[:limit], len(ids) > limit


def changed_course_ids(since: datetime, day: date) -> set[int]:
    """Every course id whose feed record changed after ``since`` (live or gone), in one set."""
    return set(db.session.scalars(_changed_course_ids(since, day)))


def course_changes(since: datetime, cursor: Cursor, limit: int, day: date, now: datetime) -> FeedPage:
    """Every course whose feed record changed after ``since``: live ones, and tombstones for the rest."""
    synced_until = cursor.synced_until or now - SYNC_OVERLAP
    changed = _changed_course_ids(since, day)
    page_ids, more = _page_of_changed_ids(changed, cursor, limit)
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
        last_modified=_latest([now if page_ids else since]),
    )


def _removed(kind: RecordKind, ids: list[int]) -> dict[int, Tombstone]:
    if not ids:
        return {}
    rows = db.session.scalars(
        sa.select(FeedTombstone).where(FeedTombstone.kind == kind, FeedTombstone.record_id.in_(ids))
    )
    return {row.record_id: Tombstone(row.record_id, "deleted", row.removed_at) for row in rows}


# The dump reads plain rows with a few Core statements per batch: building ORM objects (identity map,
# relationship collections, change tracking) for a hundred thousand courses cost most of the dump's time.
# The records below carry the attributes the feed's course schemas read, under the same names.


@dataclass(slots=True)
class DumpMark:
    """A quality mark as the dump's accreditation summary needs it."""

    id: int
    awarded_on: date
    valid_until: date
    status: MarkStatus

    status_on = QualityMark.status_on


@dataclass(slots=True)
class DumpProvider:
    """A course's provider: its name and its marks."""

    id: int
    name: str
    quality_marks: list[DumpMark] = field(default_factory=list)


@dataclass(slots=True)
class DumpCourse:
    """A published course with everything its feed record shows, read as plain values."""

    id: int
    provider_id: int
    title: str
    summary: str
    description_html: str
    course_code: str
    level: Level
    delivery_mode: DeliveryMode
    study_load_hours: int
    price: Decimal
    language: str
    certificate_type: str
    programme_name: str
    cross_over_sectors: list[str]
    published_at: date | None
    changed_at: datetime
    legal_requirement_id: int | None
    provider: DumpProvider | None = None
    legal_requirement: Any = None
    topics: list[Any] = field(default_factory=list)
    target_roles: list[Any] = field(default_factory=list)
    age_groups: list[Any] = field(default_factory=list)
    schemes: list[Any] = field(default_factory=list)
    runs: list[Any] = field(default_factory=list)
    quality_marks: list[DumpMark] = field(default_factory=list)

    next_run = Course.next_run


@dataclass(slots=True)
class _DumpRun:
    id: int
    starts_on: date
    ends_on: date
    is_online: bool
    city: str
    province: Province | None
    seats: int | None
    enrolment_deadline: date | None


@dataclass(slots=True)
class _DumpTopic:
    id: int
    slug: str
    name: str
    parent_id: int | None


@dataclass(slots=True)
class _DumpRole:
    id: int
    slug: str
    name: str


@dataclass(slots=True)
class _DumpAgeGroup:
    id: int
    slug: str
    name: str


@dataclass(slots=True)
class _DumpScheme:
    id: int
    code: str
    name: str


@dataclass(slots=True)
class _DumpRequirement:
    id: int
    code: str
    name: str
    source_url: str
    source_checked_on: date | None


_DUMP_COURSE_COLUMNS = [
    getattr(Course, name) for name in DumpCourse.__dataclass_fields__ if hasattr(Course.__table__.c, name)
]


def _fields(model: Any, record: Any) -> list[Any]:
    """The columns of ``model`` named like the fields of ``record``, in the same order."""
    return [getattr(model, name) for name in record.__dataclass_fields__]


# Each vocabulary a course links to: the attribute, the link column, the record, the model and the order
# of the relationship (with the id to settle ties, so a dump is the same every time).
_VOCABULARIES = (
    ("topics", course_topics.c.topic_id, _DumpTopic, Topic, (Topic.name, Topic.id)),
    (
        "target_roles",
        course_target_roles.c.target_role_id,
        _DumpRole,
        TargetRole,
        (TargetRole.name, TargetRole.id),
    ),
    (
        "age_groups",
        course_age_groups.c.age_group_id,
        _DumpAgeGroup,
        AgeGroup,
        (AgeGroup.position, AgeGroup.id),
    ),
    (
        "schemes",
        course_schemes.c.scheme_id,
        _DumpScheme,
        SubsidyScheme,
        (SubsidyScheme.name, SubsidyScheme.id),
    ),
)


# The batch's course ids as one parameter: the statements stay the same from batch to batch, so they are
# compiled once, and a thousand ids are not turned into a thousand bound expressions each time.
_BATCH_IDS = sa.bindparam("ids", expanding=True)


def _linked(link: sa.Column, model: Any, record: Any, order: Any, ids: list[int]) -> dict[int, list[Any]]:
    """The vocabulary rows linked to each of the courses ``ids`` through ``link``, in ``order``."""
    course_id = link.table.c.course_id
    rows = db.session.execute(
        sa.select(course_id, *_fields(model, record))
        .join(model, model.id == link)
        .where(course_id.in_(_BATCH_IDS))
        .order_by(course_id, *order),
        {"ids": ids},
    )
    found: dict[int, list[Any]] = {}
    for owner, *values in rows:
        found.setdefault(owner, []).append(values)
    return found


class _DumpReader:
    """Reads batches of dump records; remembers the few providers and vocabulary terms between batches."""

    def __init__(self) -> None:
        self.providers: dict[int, DumpProvider] = {}
        self.terms: dict[tuple[str, int], Any] = {}

    def _term(self, kind: str, make: Any, values: list[Any]) -> Any:
        # Each term becomes one object, shared by every course that has it.
        key = (kind, values[0])
        term = self.terms.get(key)
        if term is None:
            term = self.terms[key] = make(*values)
        return term

    def _load_providers(self, ids: set[int]) -> None:
        missing = sorted(ids - self.providers.keys())
        if not missing:
            return
        for provider_id, name in db.session.execute(
            sa.select(Provider.id, Provider.name).where(Provider.id.in_(missing))
        ):
            self.providers[provider_id] = DumpProvider(provider_id, name)
        for provider_id, *values in db.session.execute(
            sa.select(QualityMark.provider_id, *_fields(QualityMark, DumpMark)).where(
                QualityMark.provider_id.in_(missing)
            )
        ):
            self.providers[provider_id].quality_marks.append(DumpMark(*values))

    def batch(self, query: sa.Select) -> list[DumpCourse]:
        """The records of the courses ``query`` selects (with the dump's columns), in its order."""
        courses = [DumpCourse(*row) for row in db.session.execute(query)]
        if not courses:
            return courses
        by_id = {course.id: course for course in courses}
        ids = list(by_id)
        self._load_providers({course.provider_id for course in courses})
        for course_id, *values in db.session.execute(
            sa.select(CourseRun.course_id, *_fields(CourseRun, _DumpRun))
            .where(CourseRun.course_id.in_(_BATCH_IDS))
            .order_by(CourseRun.course_id, CourseRun.starts_on, CourseRun.id),
            {"ids": ids},
        ):
            by_id[course_id].runs.append(_DumpRun(*values))
        for course_id, *values in db.session.execute(
            sa.select(QualityMark.course_id, *_fields(QualityMark, DumpMark)).where(
                QualityMark.course_id.in_(_BATCH_IDS)
            ),
            {"ids": ids},
        ):
            by_id[course_id].quality_marks.append(DumpMark(*values))
        for attribute, link, record, model, order in _VOCABULARIES:
            for course_id, terms in _linked(link, model, record, order, ids).items():
                setattr(
                    by_id[course_id], attribute, [self._term(attribute, record, values) for values in terms]
                )
        requirement_ids = {c.legal_requirement_id for c in courses} - {None}
        missing = sorted(i for i in requirement_ids if ("legal", i) not in self.terms)
        if missing:
            for values in db.session.execute(
                sa.select(*_fields(LegalRequirement, _DumpRequirement)).where(
                    LegalRequirement.id.in_(missing)
                )
            ):
                self.terms["legal", values[0]] = _DumpRequirement(*values)
        for course in courses:
            course.provider = self.providers[course.provider_id]
            if course.legal_requirement_id is not None:
                course.legal_requirement = self.terms["legal", course.legal_requirement_id]
        return courses


def dump_courses(
    day: date, batch_size: int = DUMP_BATCH, only: Collection[int] | None = None
) -> Iterator[DumpCourse]:
    """Every published course (or those of ``only``) in id order, in batches so memory stays flat."""
    reader = _DumpReader()
    wanted = sorted(only) if only is not None else None
    after = 0
    while True:
        query = sa.select(*_DUMP_COURSE_COLUMNS).where(Course.published())
        if wanted is None:
            query = query.where(Course.id > after)
        else:
            chunk = [course_id for course_id in wanted if course_id > after][:batch_size]
            if not chunk:
                return
            # Only the ids: with "id > after" as well, SQLite walks every course from there on.
            query = query.where(Course.id.in_(chunk))
            after = chunk[-1]
        batch = reader.batch(query.order_by(Course.id).limit(batch_size))
        if not batch and wanted is None:
            return
        yield from batch
        if wanted is None:
            after = batch[-1].id


def dump_version(day: date) -> tuple[int, datetime]:
    """How many courses a dump holds and when the newest changed: a cheap validator for the dump."""
    count, newest = db.session.execute(
        sa.select(sa.func.count(Course.id), sa.func.max(Course.changed_at)).where(Course.published())
    ).one()
    last_modified = _latest([newest, start_of_day(day)]) or start_of_day(day)
    return int(count), last_modified


# -- providers ----------------------------------------------------------------------------------------

PROVIDER_LOADS = (selectinload(Provider.recognitions), selectinload(Provider.quality_marks))


def provider_page(cursor: Cursor, limit: int, day: date) -> FeedPage:
    """Active providers in id order."""
    rows = db.session.scalars(
        sa.select(Provider)
        .where(Provider.id > cursor.after_id, Provider.status == ProviderStatus.ACTIVE)
        .order_by(Provider.id)
        .limit(limit + 1)
        .options(*PROVIDER_LOADS)
    ).all()
    records = list(rows[:limit])
    next_cursor = Cursor(after_id=records[-1].id) if len(rows) > limit else None
    return FeedPage(
        records,
        next_cursor=next_cursor,
        last_modified=_listing_last_modified(Provider.updated_at, RecordKind.PROVIDER, day),
    )


def public_provider(provider_id: int) -> Provider:
    """An active provider with its recognitions and keurmerk.

    :raise NotFound: no active provider has this id.
    """
    provider = db.session.scalars(
        sa.select(Provider)
        .where(Provider.id == _public_id(provider_id), Provider.status == ProviderStatus.ACTIVE)
        .options(*PROVIDER_LOADS)
    ).one_or_none()
    if provider is None:
        raise NotFound(_("Deze aanbieder staat niet (meer) in het register."))
    return provider


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
    page_ids, more = _page_of_changed_ids(changed, cursor, limit)
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
        if provider is not None and provider.is_active:
            records.append(provider)
        elif provider is not None:
            tombstones.append(Tombstone(provider.id, "suspended", provider.updated_at))
        elif provider_id in removed:
            tombstones.append(removed[provider_id])
    next_cursor = Cursor(page_ids[-1], synced_until) if more else None
    return FeedPage(records, tombstones, next_cursor, synced_until, _latest([now if page_ids else since]))


# -- subsidy schemes ----------------------------------------------------------------------------------


def _schemes() -> list[SubsidyScheme]:
    # There are a handful of schemes; reading them all keeps their calendar logic in one (Python) place.
    return list(
        db.session.scalars(
            sa.select(SubsidyScheme).options(selectinload(SubsidyScheme.windows)).order_by(SubsidyScheme.id)
        )
    )


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


def scheme_page(cursor: Cursor, limit: int, day: date) -> FeedPage:
    """Every scheme in id order (ended ones too: their state says so)."""
    records, next_cursor = _page_of(_schemes(), cursor, limit)
    return FeedPage(
        records,
        next_cursor=next_cursor,
        last_modified=_listing_last_modified(SubsidyScheme.updated_at, RecordKind.SCHEME, day),
    )


def public_scheme(scheme_id: int) -> SubsidyScheme:
    """One scheme with its windows.

    :raise NotFound: no scheme has this id.
    """
    scheme = db.session.scalars(
        sa.select(SubsidyScheme)
        .where(SubsidyScheme.id == _public_id(scheme_id))
        .options(selectinload(SubsidyScheme.windows))
    ).one_or_none()
    if scheme is None:
        raise NotFound(_("Deze regeling staat niet in het register."))
    return scheme


def scheme_changes(since: datetime, cursor: Cursor, limit: int, day: date, now: datetime) -> FeedPage:
    """Schemes changed after ``since``, in their data or in their state by the calendar; deleted ones."""
    synced_until = cursor.synced_until or now - SYNC_OVERLAP
    since_day = _day_of(since)
    changed = [
        scheme
        for scheme in _schemes()
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
        _latest([now if page else since]),
    )


# -- quality marks ------------------------------------------------------------------------------------

MARK_LOADS = (selectinload(QualityMark.course), selectinload(QualityMark.provider))


def _mark_is_public(day: date) -> sa.ColumnElement[bool]:
    """The register shows marks in force (valid or suspended) on ``day``; revoked and expired ones leave."""
    return sa.and_(
        QualityMark.awarded_on <= day,
        sa.or_(
            _mark_state_is(QualityMark, MarkStatus.VALID, day), QualityMark.status == MarkStatus.SUSPENDED
        ),
    )


def mark_page(filters: MarkFilters, cursor: Cursor, limit: int, day: date) -> FeedPage:
    """The public register of quality marks in id order."""
    conditions = [QualityMark.id > cursor.after_id, _mark_is_public(day)]
    if filters.subject_type:
        conditions.append(QualityMark.subject_type == filters.subject_type)
    if filters.state:
        conditions.append(_mark_state_is(QualityMark, filters.state, day))
    rows = db.session.scalars(
        sa.select(QualityMark)
        .where(*conditions)
        .order_by(QualityMark.id)
        .limit(limit + 1)
        .options(*MARK_LOADS)
    ).all()
    records = list(rows[:limit])
    next_cursor = Cursor(after_id=records[-1].id) if len(rows) > limit else None
    return FeedPage(
        records,
        next_cursor=next_cursor,
        last_modified=_listing_last_modified(QualityMark.updated_at, RecordKind.QUALITY_MARK, day),
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
    page_ids, more = _page_of_changed_ids(changed, cursor, limit)
    marks = {
        m.id: m
        for m in db.session.scalars(
            sa.select(QualityMark).where(QualityMark.id.in_(page_ids)).options(*MARK_LOADS)
        )
    }
    public_ids = set(
        db.session.scalars(
            sa.select(QualityMark.id).where(QualityMark.id.in_(page_ids), _mark_is_public(day))
        )
    )
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
    return FeedPage(records, tombstones, next_cursor, synced_until, _latest([now if page_ids else since]))


# -- topics -------------------------------------------------------------------------------------------


def all_topics() -> list[Topic]:
    """The whole topic taxonomy in id order (areas and their topics)."""
    return list(db.session.scalars(sa.select(Topic).order_by(Topic.id)))
