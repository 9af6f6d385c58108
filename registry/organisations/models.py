"""Childcare organisations (kinderopvangorganisaties) that use the registry to plan training."""

from __future__ import annotations

from enum import StrEnum

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, validates

from registry.db_types import Timestamped, enum_type
from registry.errors import ValidationFailed
from registry.extensions import db
from registry.validation import is_valid_kvk, is_valid_lrk


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

    @validates("kvk_number")
    def _check_kvk(self, _key: str, value: str) -> str:
        if not is_valid_kvk(value):
            raise ValidationFailed(
                "Een KvK-nummer bestaat uit 8 cijfers.", fields={"kvk_number": ["8 cijfers"]}
            )
        return value

    @validates("lrk_numbers")
    def _check_lrk(self, _key: str, values: list[str]) -> list[str]:
        wrong = [value for value in values if not is_valid_lrk(value)]
        if wrong:
            raise ValidationFailed("Een LRK-nummer bestaat uit 9 cijfers.", fields={"lrk_numbers": wrong})
        return values
