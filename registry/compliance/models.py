"""An organisation as it is: its LRK locations and its staff per person, with their proofs and plans.

Personal data is kept to what the rules need: a name or initials, role, fte, locations, whether the
person works with babies, diplomas, certificates and planned courses.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

import sqlalchemy as sa
from flask_babel import gettext as _
from sqlalchemy.orm import Mapped, mapped_column, relationship, validates

from registry.catalogue.enums import Province
from registry.db_types import Timestamped, enum_type
from registry.errors import ValidationFailed
from registry.extensions import db
from registry.organisations.models import CareType
from registry.validation import is_valid_lrk

if TYPE_CHECKING:
    from registry.catalogue.models import Course

staff_location = sa.Table(
    "staff_location",
    db.metadata,
    sa.Column("staff_id", sa.ForeignKey("staff_member.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("location_id", sa.ForeignKey("location.id", ondelete="CASCADE"), primary_key=True),
)


class Location(Timestamped, db.Model):
    """One kindercentrum or gastouderbureau, as registered in the LRK."""

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(
        sa.ForeignKey("organisation.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(sa.String(200))
    lrk_number: Mapped[str] = mapped_column(sa.String(9))
    care_type: Mapped[CareType] = mapped_column(enum_type(CareType))
    offers_vve: Mapped[bool] = mapped_column(default=False)
    city: Mapped[str] = mapped_column(sa.String(100), default="")
    province: Mapped[Province | None] = mapped_column(enum_type(Province))
    # Coaching hours the organisation has planned for this centre in the current calendar year.
    coaching_hours_planned: Mapped[int] = mapped_column(default=0)

    __table_args__ = (sa.UniqueConstraint("organisation_id", "lrk_number", name="uq_location_lrk"),)

    @validates("lrk_number")
    def _check_lrk(self, _key: str, value: str) -> str:
        if not is_valid_lrk(value):
            raise ValidationFailed(_("Een LRK-nummer bestaat uit 9 cijfers."), fields={"lrk_number": value})
        return value


class StaffMember(Timestamped, db.Model):
    """One person working for the organisation; the employee number makes imports idempotent."""

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(
        sa.ForeignKey("organisation.id", ondelete="CASCADE"), index=True
    )
    employee_number: Mapped[str] = mapped_column(sa.String(40))
    name: Mapped[str] = mapped_column(sa.String(120))
    role: Mapped[str] = mapped_column(sa.String(60))
    fte: Mapped[Decimal] = mapped_column(sa.Numeric(4, 2), default=Decimal("0"))
    works_with_babies: Mapped[bool] = mapped_column(default=False)
    left_on: Mapped[date | None]

    locations: Mapped[list[Location]] = relationship(secondary=staff_location, order_by="Location.name")
    diplomas: Mapped[list[Diploma]] = relationship(cascade="all, delete-orphan", order_by="Diploma.id")
    certificates: Mapped[list[StaffCertificate]] = relationship(
        cascade="all, delete-orphan", order_by="StaffCertificate.valid_until"
    )
    planned_courses: Mapped[list[PlannedCourse]] = relationship(
        cascade="all, delete-orphan", order_by="PlannedCourse.starts_on"
    )

    __table_args__ = (
        sa.UniqueConstraint("organisation_id", "employee_number", name="uq_staff_employee_number"),
    )


class Diploma(db.Model):
    """A diploma by kind and level (havo, mbo-4, hbo-bachelor, ...): proof for 3F and qualification."""

    id: Mapped[int] = mapped_column(primary_key=True)
    staff_id: Mapped[int] = mapped_column(sa.ForeignKey("staff_member.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(sa.String(40))
    name: Mapped[str] = mapped_column(sa.String(200), default="")


class StaffCertificate(db.Model):
    """A certificate (kinder-EHBO, 3F, babyscholing, VVE) with when it was obtained and until when."""

    id: Mapped[int] = mapped_column(primary_key=True)
    staff_id: Mapped[int] = mapped_column(sa.ForeignKey("staff_member.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(sa.String(40))
    name: Mapped[str] = mapped_column(sa.String(200), default="")
    obtained_on: Mapped[date | None]
    valid_until: Mapped[date | None]
    approved: Mapped[bool] = mapped_column(default=False)  # on the cao partners' list, where that matters
    hours: Mapped[int] = mapped_column(default=0)


class PlannedCourse(db.Model):
    """A course planned or booked for a person, towards one requirement."""

    id: Mapped[int] = mapped_column(primary_key=True)
    staff_id: Mapped[int] = mapped_column(sa.ForeignKey("staff_member.id", ondelete="CASCADE"), index=True)
    requirement_code: Mapped[str] = mapped_column(sa.String(40))
    course_id: Mapped[int | None] = mapped_column(sa.ForeignKey("course.id", ondelete="SET NULL"))
    title: Mapped[str] = mapped_column(sa.String(200))
    starts_on: Mapped[date | None]
    hours: Mapped[int] = mapped_column(default=0)
    cost: Mapped[Decimal] = mapped_column(sa.Numeric(10, 2), default=Decimal("0"))
    booked: Mapped[bool] = mapped_column(default=False)

    course: Mapped[Course | None] = relationship()


class ComplianceRule(Timestamped, db.Model):
    """One legal duty as reference data (``reference/data/compliance_rule.toml``), kept current by officials.

    The engine reads it as a plain ``rules.Rule``; lists of care types and roles hold their codes.
    """

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(sa.String(60), unique=True)
    kind: Mapped[str] = mapped_column(sa.String(40))
    title: Mapped[str] = mapped_column(sa.String(200))
    requirement_code: Mapped[str] = mapped_column(sa.String(40))
    care_types: Mapped[list[str]] = mapped_column(sa.JSON, default=list)
    roles: Mapped[list[str]] = mapped_column(sa.JSON, default=list)
    babies_only: Mapped[bool] = mapped_column(default=False)
    vve_only: Mapped[bool] = mapped_column(default=False)
    certificate_kinds: Mapped[list[str]] = mapped_column(sa.JSON, default=list)
    qualifying_diplomas: Mapped[list[str]] = mapped_column(sa.JSON, default=list)
    requires_approved: Mapped[bool] = mapped_column(default=False)
    min_hours: Mapped[int] = mapped_column(default=0)
    holders_per_location: Mapped[int] = mapped_column(default=0)
    default_validity_months: Mapped[int | None]
    hours_per_centre: Mapped[int] = mapped_column(default=0)
    hours_per_fte: Mapped[int] = mapped_column(default=0)
    hours_per_fte_unit: Mapped[int] = mapped_column(default=36)
    valid_from: Mapped[date]
    valid_until: Mapped[date | None]
    plan_ahead_days: Mapped[int] = mapped_column(default=90)
    explanation: Mapped[str] = mapped_column(sa.Text, default="")
    citation: Mapped[str] = mapped_column(sa.String(300), default="")
    source_url: Mapped[str] = mapped_column(sa.String(500), default="")
    also_urls: Mapped[list[str]] = mapped_column(sa.JSON, default=list)
    source_checked_on: Mapped[date | None]
    verified: Mapped[str] = mapped_column(sa.Text, default="")
    retired_on: Mapped[date | None]
