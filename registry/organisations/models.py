"""Childcare organisations (kinderopvangorganisaties) that use the registry to plan training."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import TYPE_CHECKING

import sqlalchemy as sa
from flask_babel import gettext as _
from sqlalchemy.orm import Mapped, mapped_column, relationship, validates

from registry.catalogue.enums import Province
from registry.clock import utcnow
from registry.db_types import Timestamped, UTCDateTime, enum_type
from registry.errors import ValidationFailed
from registry.extensions import db
from registry.validation import is_valid_lrk, require_valid_kvk

if TYPE_CHECKING:
    from registry.accounts.models import User
    from registry.catalogue.models import Course


class CareType(StrEnum):
    DAYCARE = "dagopvang"
    OUT_OF_SCHOOL = "bso"
    PRESCHOOL = "peuteropvang"
    CHILDMINDER_AGENCY = "gastouderbureau"


class Organisation(Timestamped, db.Model):
    """A childcare organisation with its registry numbers and size."""

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(sa.String(120), unique=True)
    name: Mapped[str] = mapped_column(sa.String(200))
    kvk_number: Mapped[str] = mapped_column(sa.String(8))
    lrk_numbers: Mapped[list[str]] = mapped_column(sa.JSON, default=list)
    care_type: Mapped[CareType] = mapped_column(enum_type(CareType))
    staff_count: Mapped[int] = mapped_column(default=1)
    city: Mapped[str] = mapped_column(sa.String(100), default="")
    province: Mapped[Province | None] = mapped_column(enum_type(Province))
    offers_vve: Mapped[bool] = mapped_column(default=False)

    @property
    def location_count(self) -> int:
        """Each location has its own LRK registration."""
        return max(1, len(self.lrk_numbers or []))

    @validates("kvk_number")
    def _check_kvk(self, _key: str, value: str) -> str:
        return require_valid_kvk(value)

    @validates("lrk_numbers")
    def _check_lrk(self, _key: str, values: list[str]) -> list[str]:
        wrong = [value for value in values if not is_valid_lrk(value)]
        if wrong:
            raise ValidationFailed(_("Een LRK-nummer bestaat uit 9 cijfers."), fields={"lrk_numbers": wrong})
        return values


class ShortlistItem(db.Model):
    """A course on an organisation's shortlist (bewaarlijst)."""

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(
        sa.ForeignKey("organisation.id", ondelete="CASCADE"), index=True
    )
    course_id: Mapped[int] = mapped_column(sa.ForeignKey("course.id", ondelete="CASCADE"))
    added_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user.id", ondelete="SET NULL"))
    added_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    course: Mapped[Course] = relationship()

    __table_args__ = (sa.UniqueConstraint("organisation_id", "course_id", name="uq_shortlist_course"),)


class SavedSearch(db.Model):
    """A search an organisation follows: by e-mail digest, and by an Atom feed at a secret address."""

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(
        sa.ForeignKey("organisation.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user.id", ondelete="SET NULL"))
    name: Mapped[str] = mapped_column(sa.String(120))
    query: Mapped[str] = mapped_column(sa.String(2000))
    # The feed address is a capability: unguessable, and it only shows public courses.
    feed_token: Mapped[str] = mapped_column(sa.String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_digest_on: Mapped[date]

    user: Mapped[User | None] = relationship()
