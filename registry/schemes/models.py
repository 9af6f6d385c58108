"""Subsidy schemes and funds, their application windows and which courses they pay for."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import TYPE_CHECKING

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from registry.db_types import Timestamped, enum_type
from registry.extensions import db

if TYPE_CHECKING:
    from registry.catalogue.models import Course

course_schemes = sa.Table(
    "course_scheme",
    db.metadata,
    sa.Column("course_id", sa.ForeignKey("course.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("scheme_id", sa.ForeignKey("subsidy_scheme.id", ondelete="CASCADE"), primary_key=True),
)


class Applicant(StrEnum):
    EMPLOYEE = "employee"
    EMPLOYER = "employer"
    EITHER = "either"


class AmountBasis(StrEnum):
    """What the maximum contribution is counted over."""

    PERSON = "person"  # per person (per year, where the conditions say so)
    APPLICATION = "application"  # per application


class SchemeState(StrEnum):
    OPEN = "open"
    CLOSED = "closed"
    ENDED = "ended"


@dataclass(frozen=True)
class SchemeStatus:
    """A scheme's state on one day, and when it opens or closes next."""

    state: SchemeState
    closes_on: date | None = None
    next_opens_on: date | None = None


class SubsidyScheme(Timestamped, db.Model):
    """A subsidy scheme or fund (regeling / fonds): who applies, what it pays for and what not."""

    __table_args__ = {"sqlite_autoincrement": True}

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(sa.String(40), unique=True)
    name: Mapped[str] = mapped_column(sa.String(200))
    funder: Mapped[str] = mapped_column(sa.String(200))
    applicant: Mapped[Applicant] = mapped_column(enum_type(Applicant))
    summary: Mapped[str] = mapped_column(sa.Text)
    covers: Mapped[str] = mapped_column(sa.Text)
    excludes: Mapped[str] = mapped_column(sa.Text, default="")
    conditions: Mapped[str] = mapped_column(sa.Text, default="")
    max_amount: Mapped[Decimal | None] = mapped_column(sa.Numeric(12, 2))
    max_amount_per: Mapped[AmountBasis | None] = mapped_column(enum_type(AmountBasis))
    # The least an application's eligible costs must be (SLIM: € 5.000); empty when there is no minimum.
    min_costs: Mapped[Decimal | None] = mapped_column(sa.Numeric(12, 2))
    cofinancing_percent: Mapped[int | None]
    active_from: Mapped[date | None]
    active_until: Mapped[date | None]
    source_url: Mapped[str] = mapped_column(sa.String(500))
    # Empty until someone has compared the facts with the source.
    last_checked_on: Mapped[date | None]
    # A scheme dropped from the reference data stays linked to its courses but is no longer offered.
    retired_on: Mapped[date | None]

    windows: Mapped[list[ApplicationWindow]] = relationship(
        back_populates="scheme", cascade="all, delete-orphan", order_by="ApplicationWindow.opens_on"
    )
    courses: Mapped[list[Course]] = relationship(secondary=course_schemes, back_populates="schemes")

    def status_on(self, day: date) -> SchemeStatus:
        """Open, closed or ended on ``day``; never a stale "open" after the scheme stopped."""
        if self.active_until is not None and day > self.active_until:
            return SchemeStatus(SchemeState.ENDED)
        for window in self.windows:
            if window.contains(day):
                return SchemeStatus(SchemeState.OPEN, closes_on=window.closes_on)
        upcoming = [w.opens_on for w in self.windows if w.opens_on > day]
        return SchemeStatus(SchemeState.CLOSED, next_opens_on=min(upcoming, default=None))


class ApplicationWindow(db.Model):
    """A period in which applications are accepted; ``closes_on`` empty means until further notice."""

    id: Mapped[int] = mapped_column(primary_key=True)
    scheme_id: Mapped[int] = mapped_column(sa.ForeignKey("subsidy_scheme.id", ondelete="CASCADE"), index=True)
    opens_on: Mapped[date]
    closes_on: Mapped[date | None]
    # Applied for by more than the budget, the window is settled by lottery rather than first come.
    lottery: Mapped[bool] = mapped_column(default=False, server_default=sa.false())

    scheme: Mapped[SubsidyScheme] = relationship(back_populates="windows")

    __table_args__ = (
        sa.CheckConstraint("closes_on IS NULL OR closes_on >= opens_on", name="closes_after_opening"),
    )

    def contains(self, day: date) -> bool:
        return self.opens_on <= day and (self.closes_on is None or day <= self.closes_on)
