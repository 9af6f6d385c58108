"""Providers, their courses and runs, and the reference vocabularies courses are tagged with."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING

import sqlalchemy as sa
from sqlalchemy.ext.hybrid import hybrid_method
from sqlalchemy.orm import Mapped, mapped_column, relationship, validates
from sqlalchemy.orm.attributes import PASSIVE_NO_INITIALIZE, get_history

from registry.catalogue.enums import (
    CourseStatus,
    DeliveryMode,
    Level,
    ProviderStatus,
    Province,
    RecognitionKind,
)
from registry.clock import utcnow
from registry.db_types import Timestamped, UTCDateTime, enum_type
from registry.extensions import db
from registry.validation import require_valid_kvk, sanitise_html

if TYPE_CHECKING:
    from registry.reviews.models import QualityMark
    from registry.schemes.models import SubsidyScheme

# sqlite_autoincrement: public ids are never reused, on SQLite as on PostgreSQL.
NEVER_REUSE_IDS = {"sqlite_autoincrement": True}


def _link_table(name: str, left: str, right: str) -> sa.Table:
    return sa.Table(
        name,
        db.metadata,
        sa.Column(f"{left}_id", sa.ForeignKey(f"{left}.id", ondelete="CASCADE"), primary_key=True),
        sa.Column(f"{right}_id", sa.ForeignKey(f"{right}.id", ondelete="CASCADE"), primary_key=True),
    )


course_topics = _link_table("course_topic", "course", "topic")
course_target_roles = _link_table("course_target_role", "course", "target_role")
course_age_groups = _link_table("course_age_group", "course", "age_group")


class Topic(db.Model):
    """A theme in the sector's topic taxonomy (two levels: area and topic)."""

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(sa.String(80), unique=True)
    name: Mapped[str] = mapped_column(sa.String(120))
    description: Mapped[str] = mapped_column(sa.Text, default="")
    parent_id: Mapped[int | None] = mapped_column(sa.ForeignKey("topic.id"))
    # Where the term comes from and when someone last checked it; empty for the registry's own terms.
    source_url: Mapped[str] = mapped_column(sa.String(500), default="", server_default="")
    source_checked_on: Mapped[date | None]
    # Retired terms stay on the courses that use them but are no longer offered.
    retired_on: Mapped[date | None]

    parent: Mapped[Topic | None] = relationship(remote_side=[id], back_populates="children")
    children: Mapped[list[Topic]] = relationship(back_populates="parent", order_by="Topic.name")


class TargetRole(db.Model):
    """A job role courses are meant for (pedagogisch medewerker, gastouder, ...)."""

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(sa.String(80), unique=True)
    name: Mapped[str] = mapped_column(sa.String(120))
    # Where the term comes from and when someone last checked it; empty for the registry's own terms.
    source_url: Mapped[str] = mapped_column(sa.String(500), default="", server_default="")
    source_checked_on: Mapped[date | None]
    # Retired terms stay on the courses that use them but are no longer offered.
    retired_on: Mapped[date | None]


class AgeGroup(db.Model):
    """An age band of the children a course prepares staff to work with."""

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(sa.String(20), unique=True)
    name: Mapped[str] = mapped_column(sa.String(80))
    position: Mapped[int] = mapped_column(default=0)
    # Where the term comes from and when someone last checked it; empty for the registry's own terms.
    source_url: Mapped[str] = mapped_column(sa.String(500), default="", server_default="")
    source_checked_on: Mapped[date | None]
    # Retired terms stay on the courses that use them but are no longer offered.
    retired_on: Mapped[date | None]


class LegalRequirement(db.Model):
    """A training obligation from law or collective agreement, with where it comes from."""

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(sa.String(40), unique=True)
    name: Mapped[str] = mapped_column(sa.String(160))
    description: Mapped[str] = mapped_column(sa.Text, default="")
    source_url: Mapped[str] = mapped_column(sa.String(500))
    # Empty until someone has compared the text with its source.
    source_checked_on: Mapped[date | None]
    retired_on: Mapped[date | None]


class Provider(Timestamped, db.Model):
    """A training provider (aanbieder) with its public profile."""

    __table_args__ = NEVER_REUSE_IDS

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(sa.String(120), unique=True)
    # Stable public uuid (uuid5 of the id, see registry.ooapi.identifiers), filled after insert.
    uuid: Mapped[str | None] = mapped_column(sa.String(36), unique=True)
    name: Mapped[str] = mapped_column(sa.String(200))
    kvk_number: Mapped[str] = mapped_column(sa.String(8), unique=True)
    email: Mapped[str] = mapped_column(sa.String(254))
    phone: Mapped[str] = mapped_column(sa.String(30), default="")
    website: Mapped[str] = mapped_column(sa.String(300), default="")
    street: Mapped[str] = mapped_column(sa.String(200), default="")
    postcode: Mapped[str] = mapped_column(sa.String(7), default="")
    city: Mapped[str] = mapped_column(sa.String(100))
    province: Mapped[Province] = mapped_column(enum_type(Province))
    description: Mapped[str] = mapped_column(sa.Text, default="")
    status: Mapped[ProviderStatus] = mapped_column(
        enum_type(ProviderStatus), default=ProviderStatus.ACTIVE, index=True
    )

    recognitions: Mapped[list[Recognition]] = relationship(
        back_populates="provider", cascade="all, delete-orphan", order_by="Recognition.kind"
    )
    courses: Mapped[list[Course]] = relationship(back_populates="provider")
    quality_marks: Mapped[list[QualityMark]] = relationship(
        back_populates="provider", order_by="QualityMark.awarded_on.desc()"
    )

    @validates("kvk_number")
    def _check_kvk(self, _key: str, value: str) -> str:
        return require_valid_kvk(value)

    @property
    def is_active(self) -> bool:
        return self.public()

    # The visibility rule in Python and in SQL, side by side (tests/test_visibility_rules.py).

    @hybrid_method
    def public(self) -> bool:
        """The provider is in the public register: not suspended."""
        return self.status is ProviderStatus.ACTIVE

    @public.inplace.expression
    @classmethod
    def _public_sql(cls) -> sa.ColumnElement[bool]:
        return cls.status == ProviderStatus.ACTIVE


class Recognition(db.Model):
    """An outside recognition of a provider (CRKBO, NRTO, Cedeo, ISO, OCW) and until when it holds."""

    id: Mapped[int] = mapped_column(primary_key=True)
    provider_id: Mapped[int] = mapped_column(sa.ForeignKey("provider.id", ondelete="CASCADE"), index=True)
    kind: Mapped[RecognitionKind] = mapped_column(enum_type(RecognitionKind))
    number: Mapped[str] = mapped_column(sa.String(60), default="")
    valid_until: Mapped[date | None]

    provider: Mapped[Provider] = relationship(back_populates="recognitions")

    def is_valid_on(self, day: date) -> bool:
        return self.valid_until is None or day <= self.valid_until


class Course(Timestamped, db.Model):
    """A training offered by a provider; its fields are the published (or draft) content."""

    # Imports find a course by its provider's own code (registry.exchange).
    __table_args__ = (
        sa.Index("ix_course_provider_id_course_code", "provider_id", "course_code"),
        # The feed's listing walks published courses in this order (registry.feed.queries.course_page):
        # a page is one seek, never a sort of every published course.
        sa.Index("ix_course_status_change_seq_id", "status", "change_seq", "id"),
        # The public lists at 100,000 courses: the catalogue and a provider's courses in title order
        # are read from an index instead of sorting every published course; the home page's counts
        # read the second one only.
        sa.Index("ix_course_status_title_id", "status", "title", "id"),
        sa.Index("ix_course_provider_id_status_title_id", "provider_id", "status", "title", "id"),
        NEVER_REUSE_IDS,
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    provider_id: Mapped[int] = mapped_column(sa.ForeignKey("provider.id"), index=True)
    uuid: Mapped[str | None] = mapped_column(sa.String(36), unique=True)  # see Provider.uuid
    title: Mapped[str] = mapped_column(sa.String(200))
    slug: Mapped[str] = mapped_column(sa.String(200))
    summary: Mapped[str] = mapped_column(sa.String(500))
    description_html: Mapped[str] = mapped_column(sa.Text, default="")
    level: Mapped[Level] = mapped_column(enum_type(Level), default=Level.NONE)
    delivery_mode: Mapped[DeliveryMode] = mapped_column(enum_type(DeliveryMode))
    study_load_hours: Mapped[int]
    price: Mapped[Decimal] = mapped_column(sa.Numeric(10, 2))
    language: Mapped[str] = mapped_column(sa.String(5), default="nl")
    certificate_type: Mapped[str] = mapped_column(sa.String(120), default="")
    legal_requirement_id: Mapped[int | None] = mapped_column(sa.ForeignKey("legal_requirement.id"))
    programme_name: Mapped[str] = mapped_column(sa.String(200), default="")
    cross_over_sectors: Mapped[list[str]] = mapped_column(sa.JSON, default=list)
    course_code: Mapped[str] = mapped_column(sa.String(40), default="")
    status: Mapped[CourseStatus] = mapped_column(
        enum_type(CourseStatus), default=CourseStatus.DRAFT, index=True
    )
    published_at: Mapped[date | None]
    # When anything the public feed shows of this course last changed: its own row, but also its runs,
    # marks, links and provider (bumped by registry.feed.tracking, outside the optimistic-lock version).
    changed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    # The search log position of the latest commit that changed this course (0: none since it was
    # bulk-loaded); positions grow in commit order, so a walk in this order never skips a change.
    change_seq: Mapped[int] = mapped_column(default=0, server_default="0")
    # Optimistic locking: a concurrent edit raises StaleDataError instead of silently winning.
    version: Mapped[int] = mapped_column(default=1)
    __mapper_args__ = {"version_id_col": version}

    provider: Mapped[Provider] = relationship(back_populates="courses")
    # Every ordering ends with the id: the feed, the dump and the pages list a course's parts the same way
    # every time, ties included.
    runs: Mapped[list[CourseRun]] = relationship(
        back_populates="course", cascade="all, delete-orphan", order_by="[CourseRun.starts_on, CourseRun.id]"
    )
    topics: Mapped[list[Topic]] = relationship(secondary=course_topics, order_by=[Topic.name, Topic.id])
    target_roles: Mapped[list[TargetRole]] = relationship(
        secondary=course_target_roles, order_by=[TargetRole.name, TargetRole.id]
    )
    age_groups: Mapped[list[AgeGroup]] = relationship(
        secondary=course_age_groups, order_by=[AgeGroup.position, AgeGroup.id]
    )
    legal_requirement: Mapped[LegalRequirement | None] = relationship()
    schemes: Mapped[list[SubsidyScheme]] = relationship(
        secondary="course_scheme", back_populates="courses", order_by="[SubsidyScheme.name, SubsidyScheme.id]"
    )
    quality_marks: Mapped[list[QualityMark]] = relationship(
        back_populates="course", order_by="QualityMark.awarded_on.desc()"
    )

    @validates("description_html")
    def _sanitise_description(self, _key: str, value: str) -> str:
        return sanitise_html(value)

    # The public-visibility rule in Python and in SQL, side by side (tests/test_visibility_rules.py).

    @hybrid_method
    def published(self) -> bool:
        """The public-visibility rule: published, by a provider that is public."""
        return self.status is CourseStatus.PUBLISHED and self.provider.public()

    @published.inplace.expression
    @classmethod
    def _published_sql(cls) -> sa.ColumnElement[bool]:
        # IN, not EXISTS per course: the public providers are found once, not once for every course row.
        public_providers = sa.select(Provider.id).where(Provider.public())
        return sa.and_(cls.status == CourseStatus.PUBLISHED, cls.provider_id.in_(public_providers))

    def shown_on_public_pages(self) -> bool:
        """Whether a change to this course can show on a public page: it is, or was until this change,
        published. A draft being written moves no public page (registry.page_cache asks)."""
        if self.status is CourseStatus.PUBLISHED:
            return True
        # get_history, not inspect().attrs: this runs for every course a flush writes (bulk imports).
        history = get_history(self, "status", passive=PASSIVE_NO_INITIALIZE)
        return CourseStatus.PUBLISHED in (history.deleted or ())

    def next_run(self, day: date) -> CourseRun | None:
        """The first run that starts on or after ``day``."""
        return next((run for run in self.runs if run.starts_on >= day), None)


class CourseRun(db.Model):
    """One scheduled run (uitvoering) of a course: when, where, how many seats."""

    id: Mapped[int] = mapped_column(primary_key=True)
    course_id: Mapped[int] = mapped_column(sa.ForeignKey("course.id", ondelete="CASCADE"), index=True)
    uuid: Mapped[str | None] = mapped_column(sa.String(36), unique=True)  # see Provider.uuid
    starts_on: Mapped[date] = mapped_column(index=True)
    ends_on: Mapped[date]
    is_online: Mapped[bool] = mapped_column(default=False)
    city: Mapped[str] = mapped_column(sa.String(100), default="")
    province: Mapped[Province | None] = mapped_column(enum_type(Province))
    seats: Mapped[int | None]
    enrolment_deadline: Mapped[date | None]

    def shown_on_public_pages(self) -> bool:
        """A run shows where its course shows; unknown when the course is not at hand, so yes."""
        course = sa.inspect(self).dict.get("course")  # as loaded, without loading it
        return not isinstance(course, Course) or course.shown_on_public_pages()

    course: Mapped[Course] = relationship(back_populates="runs")

    __table_args__ = (
        sa.CheckConstraint("ends_on >= starts_on", name="ends_after_start"),
        sa.CheckConstraint("is_online OR province IS NOT NULL", name="place_or_online"),
    )
