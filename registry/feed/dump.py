"""The full dump's reader: every published course (or a chosen few) as plain records, in batches.

The dump reads plain rows with a few Core statements per batch: building ORM objects (identity map,
relationship collections, change tracking) for a hundred thousand courses cost most of the dump's time.
The records below carry the attributes the feed's course schemas read, under the same names.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import sqlalchemy as sa

from registry.catalogue.enums import DeliveryMode, Level, Province
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
from registry.extensions import db
from registry.feed.queries import latest, start_of_day
from registry.reviews.models import MarkStatus, QualityMark
from registry.schemes.models import SubsidyScheme, course_schemes

DUMP_BATCH = 1000


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
    change_seq: int
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
    last_modified = latest([newest, start_of_day(day)]) or start_of_day(day)
    return int(count), last_modified
