"""Review cases about a course or provider, and the quality marks that approved reviews award."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from enum import StrEnum
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.ext.hybrid import hybrid_method
from sqlalchemy.orm import Mapped, mapped_column, relationship

from registry.clock import utcnow
from registry.db_types import Timestamped, UTCDateTime, enum_type
from registry.extensions import db

if TYPE_CHECKING:
    from registry.accounts.models import User
    from registry.catalogue.models import Course, Provider


class SubjectType(StrEnum):
    COURSE = "course"  # accreditation of one course
    PROVIDER = "provider"  # keurmerk of a provider


class ReviewState(StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    IN_REVIEW = "in_review"
    CHANGES_REQUESTED = "changes_requested"
    AWAITING_CONFIRMATION = "awaiting_confirmation"
    APPROVED = "approved"
    REJECTED = "rejected"
    SUSPENDED = "suspended"
    REVOKED = "revoked"
    EXPIRED = "expired"
    WITHDRAWN = "withdrawn"

    @property
    def label(self) -> str:
        return _STATE_LABELS[self]


_STATE_LABELS = {
    ReviewState.DRAFT: _l("Concept"),
    ReviewState.SUBMITTED: _l("Ingediend"),
    ReviewState.IN_REVIEW: _l("In behandeling"),
    ReviewState.CHANGES_REQUESTED: _l("Wijzigingen gevraagd"),
    ReviewState.AWAITING_CONFIRMATION: _l("Wacht op tweede beoordelaar"),
    ReviewState.APPROVED: _l("Goedgekeurd"),
    ReviewState.REJECTED: _l("Afgewezen"),
    ReviewState.SUSPENDED: _l("Geschorst"),
    ReviewState.REVOKED: _l("Ingetrokken"),
    ReviewState.EXPIRED: _l("Verlopen"),
    ReviewState.WITHDRAWN: _l("Teruggetrokken"),
}


# The state groups other packages ask about, defined once here.
OPEN_FOR_EDITS = frozenset({ReviewState.DRAFT, ReviewState.CHANGES_REQUESTED})
"""The provider may still change the content."""
UNDER_REVIEW = frozenset({ReviewState.SUBMITTED, ReviewState.IN_REVIEW, ReviewState.AWAITING_CONFIRMATION})
"""Officials are judging the content; it may not change meanwhile."""
PRE_DECISION = OPEN_FOR_EDITS | UNDER_REVIEW
"""Not decided yet: the case can still be withdrawn and discussed."""


class Recommendation(StrEnum):
    APPROVE = "approve"
    REJECT = "reject"


class MarkStatus(StrEnum):
    VALID = "valid"
    SUSPENDED = "suspended"
    REVOKED = "revoked"
    EXPIRED = "expired"

    @property
    def label(self) -> str:
        return str(MARK_STATUS_LABELS[self])


MARK_STATUS_LABELS = {
    MarkStatus.VALID: _l("geldig"),
    MarkStatus.SUSPENDED: _l("geschorst"),
    MarkStatus.REVOKED: _l("ingetrokken"),
    MarkStatus.EXPIRED: _l("verlopen"),
}


def _one_subject_check() -> sa.CheckConstraint:
    return sa.CheckConstraint(
        "(subject_type = 'course' AND course_id IS NOT NULL AND provider_id IS NULL)"
        " OR (subject_type = 'provider' AND provider_id IS NOT NULL AND course_id IS NULL)",
        name="one_subject",
    )


class Review(Timestamped, db.Model):
    """One review case (beoordeling) moving through the workflow's states."""

    __table_args__ = (_one_subject_check(), {"sqlite_autoincrement": True})

    id: Mapped[int] = mapped_column(primary_key=True)
    subject_type: Mapped[SubjectType] = mapped_column(enum_type(SubjectType))
    course_id: Mapped[int | None] = mapped_column(sa.ForeignKey("course.id"), index=True)
    provider_id: Mapped[int | None] = mapped_column(sa.ForeignKey("provider.id"), index=True)
    state: Mapped[ReviewState] = mapped_column(enum_type(ReviewState), default=ReviewState.DRAFT, index=True)
    # The content under review, so a published version stays public while its successor is reviewed.
    proposal: Mapped[dict[str, Any]] = mapped_column(sa.JSON, default=dict)
    # A renewal starts from the approved case it renews.
    renewal_of_id: Mapped[int | None] = mapped_column(sa.ForeignKey("review.id"))
    submitted_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user.id"))
    submitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    assignee_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user.id"))
    recommendation: Mapped[Recommendation | None] = mapped_column(enum_type(Recommendation))
    recommended_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user.id"))
    rationale: Mapped[str] = mapped_column(sa.Text, default="")
    confirmed_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user.id"))
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Criterion code -> met (True/False); unanswered criteria are absent.
    checklist: Mapped[dict[str, bool]] = mapped_column(sa.JSON, default=dict)
    # The criteria version the case is judged on, fixed when an official takes it (empty: version 1).
    criteria_version: Mapped[int | None]
    # Drafts a provider imported and submitted in one step share a batch, so officials see them together.
    import_batch: Mapped[str | None] = mapped_column(sa.String(40), index=True)
    # Optimistic locking: of two officials acting at once, exactly one wins.
    version: Mapped[int] = mapped_column(default=1)
    __mapper_args__ = {"version_id_col": version}

    course: Mapped[Course | None] = relationship()
    provider: Mapped[Provider | None] = relationship()
    assignee: Mapped[User | None] = relationship(foreign_keys=[assignee_id], viewonly=True)
    comments: Mapped[list[ReviewComment]] = relationship(
        back_populates="review", order_by="ReviewComment.id", cascade="all, delete-orphan"
    )
    marks: Mapped[list[QualityMark]] = relationship(back_populates="review")

    @property
    def subject_provider_id(self) -> int | None:
        """The provider the case is about: the provider itself, or the course's provider."""
        return self.course.provider_id if self.course is not None else self.provider_id

    @classmethod
    def about_providers(cls, provider_ids: list[int]) -> sa.ColumnElement[bool]:
        """SQL twin of ``subject_provider_id in provider_ids``."""
        course = cls.course.property.mapper.class_  # through the relationship: reviews never import catalogue
        return sa.or_(cls.provider_id.in_(provider_ids), cls.course.has(course.provider_id.in_(provider_ids)))

    @property
    def subject_name(self) -> str:
        return self.course.title if self.course is not None else (self.provider.name if self.provider else "")


class CriteriaVersion(db.Model):
    """A new version of the checklist for one subject type; older cases keep the version they were judged on.

    Version 1 is the registry's built-in checklist (``reviews/criteria.py``); officials add later ones.
    """

    __table_args__ = (sa.UniqueConstraint("subject_type", "version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    subject_type: Mapped[SubjectType] = mapped_column(enum_type(SubjectType))
    version: Mapped[int]
    # [{"code": ..., "text": ...}, ...] in the order the checklist shows them.
    items: Mapped[list[dict[str, str]]] = mapped_column(sa.JSON)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user.id", ondelete="SET NULL"))


class ReviewComment(db.Model):
    """A message in a case's thread; ``action`` names the transition it came with, if any."""

    id: Mapped[int] = mapped_column(primary_key=True)
    review_id: Mapped[int] = mapped_column(sa.ForeignKey("review.id", ondelete="CASCADE"), index=True)
    author_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user.id"))
    action: Mapped[str] = mapped_column(sa.String(40), default="comment")
    body: Mapped[str] = mapped_column(sa.Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    review: Mapped[Review] = relationship(back_populates="comments")
    author: Mapped[User | None] = relationship()


class QualityMark(Timestamped, db.Model):
    """An accreditation (course) or keurmerk (provider), valid from award until ``valid_until``."""

    __table_args__ = (_one_subject_check(), {"sqlite_autoincrement": True})

    id: Mapped[int] = mapped_column(primary_key=True)
    subject_type: Mapped[SubjectType] = mapped_column(enum_type(SubjectType))
    course_id: Mapped[int | None] = mapped_column(sa.ForeignKey("course.id"), index=True)
    provider_id: Mapped[int | None] = mapped_column(sa.ForeignKey("provider.id"), index=True)
    review_id: Mapped[int | None] = mapped_column(sa.ForeignKey("review.id"))
    # Indexed for the feed: a mark taking effect or expiring is a change harvesters must hear of.
    awarded_on: Mapped[date] = mapped_column(index=True)
    valid_until: Mapped[date] = mapped_column(index=True)
    status: Mapped[MarkStatus] = mapped_column(enum_type(MarkStatus), default=MarkStatus.VALID)
    status_reason: Mapped[str] = mapped_column(sa.Text, default="")

    course: Mapped[Course | None] = relationship(back_populates="quality_marks")
    provider: Mapped[Provider | None] = relationship(back_populates="quality_marks")
    review: Mapped[Review | None] = relationship(back_populates="marks")

    # Each rule below is written twice, side by side: in Python for a loaded mark, and in SQL (the
    # expression) for a query. tests/test_visibility_rules.py proves the two agree.

    @hybrid_method
    def valid_on(self, day: date) -> bool:
        """The mark counts on ``day``: valid, awarded by then and not past its date."""
        return self.status is MarkStatus.VALID and self.awarded_on <= day <= self.valid_until

    @valid_on.inplace.expression
    @classmethod
    def _valid_on_sql(cls, day: date) -> sa.ColumnElement[bool]:
        return sa.and_(cls.status == MarkStatus.VALID, cls.awarded_on <= day, cls.valid_until >= day)

    def status_on(self, day: date) -> MarkStatus:
        """The status on ``day``: a valid mark whose date has passed is expired, stored or not."""
        if self.status is MarkStatus.VALID and self.valid_until < day:
            return MarkStatus.EXPIRED
        return self.status

    @hybrid_method
    def has_status_on(self, status: str, day: date) -> bool:
        """The mark's status on ``day`` (see :meth:`status_on`) is ``status``."""
        return self.status_on(day) is MarkStatus(status)

    @has_status_on.inplace.expression
    @classmethod
    def _has_status_on_sql(cls, status: str, day: date) -> sa.ColumnElement[bool]:
        status = MarkStatus(status)
        if status is MarkStatus.EXPIRED:
            return sa.or_(
                cls.status == MarkStatus.EXPIRED,
                sa.and_(cls.status == MarkStatus.VALID, cls.valid_until < day),
            )
        if status is MarkStatus.VALID:
            return sa.and_(cls.status == MarkStatus.VALID, cls.valid_until >= day)
        return cls.status == status

    @hybrid_method
    def in_register_on(self, day: date) -> bool:
        """The public register shows the mark on ``day``: awarded by then, in force (valid or suspended)."""
        return self.awarded_on <= day and self.status_on(day) in (MarkStatus.VALID, MarkStatus.SUSPENDED)

    @in_register_on.inplace.expression
    @classmethod
    def _in_register_on_sql(cls, day: date) -> sa.ColumnElement[bool]:
        return sa.and_(
            cls.awarded_on <= day,
            sa.or_(cls.has_status_on(MarkStatus.VALID, day), cls.status == MarkStatus.SUSPENDED),
        )

    @staticmethod
    def latest_awarded(marks: Iterable[Any], day: date) -> Any:
        """The mark a badge shows on ``day``: the last awarded by then (the newest id on a tie), or None."""
        awarded = [mark for mark in marks if mark.awarded_on <= day]
        return max(awarded, key=lambda mark: (mark.awarded_on, mark.id), default=None)

    @classmethod
    def latest_awarded_id(cls, belongs: sa.ColumnElement[bool], day: date) -> sa.ScalarSelect[int]:
        """:meth:`latest_awarded` in SQL: the id of that mark among those ``belongs`` picks, or NULL.

        ``belongs`` ties the marks to the enclosing query's row, e.g. ``QualityMark.course_id == Course.id``.
        """
        return (
            sa.select(cls.id)
            .where(belongs, cls.awarded_on <= day)
            .order_by(cls.awarded_on.desc(), cls.id.desc())
            .limit(1)
            .correlate_except(cls)
            .scalar_subquery()
        )
