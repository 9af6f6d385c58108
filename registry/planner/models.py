"""The rules of mandatory training, kept as data so an admin can follow changes in law and cao."""

from __future__ import annotations

from datetime import date
from enum import StrEnum

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from registry.catalogue.models import LegalRequirement
from registry.db_types import Timestamped, enum_type
from registry.extensions import db


class Scope(StrEnum):
    EVERY_PERSON = "every_person"  # each person in scope needs it (babyscholing, 3F)
    PER_LOCATION = "per_location"  # enough holders per location (kinder-EHBO)
    HOURS = "hours"  # an amount of coaching hours (pedagogisch coach)


class PlannerRule(Timestamped, db.Model):
    """Who a legal requirement applies to, how often it must be renewed, and where the rule comes from."""

    id: Mapped[int] = mapped_column(primary_key=True)
    legal_requirement_id: Mapped[int] = mapped_column(sa.ForeignKey("legal_requirement.id"), unique=True)
    scope: Mapped[Scope] = mapped_column(enum_type(Scope))
    role_slugs: Mapped[list[str]] = mapped_column(sa.JSON, default=list)
    care_types: Mapped[list[str]] = mapped_column(sa.JSON, default=list)
    babies_only: Mapped[bool] = mapped_column(default=False)
    vve_only: Mapped[bool] = mapped_column(default=False)
    holders_per_location: Mapped[int] = mapped_column(default=1)
    hours_per_fte: Mapped[int] = mapped_column(default=0)
    hours_per_location: Mapped[int] = mapped_column(default=0)
    renewal_months: Mapped[int | None]
    plan_ahead_days: Mapped[int] = mapped_column(default=60)
    explanation: Mapped[str] = mapped_column(sa.Text, default="")
    source_url: Mapped[str] = mapped_column(sa.String(500))
    source_checked_on: Mapped[date | None]

    requirement: Mapped[LegalRequirement] = relationship()
