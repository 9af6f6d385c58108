"""Monthly snapshots of the figures, and the coverage gaps officials are alerted to."""

from __future__ import annotations

from datetime import date
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from registry.catalogue.enums import Province
from registry.db_types import Timestamped, enum_type
from registry.extensions import db


class StatisticsSnapshot(Timestamped, db.Model):
    """The figures of one month, as the daily job last computed them in that month.

    Only aggregates are stored: counts, medians and search terms that passed the threshold.
    """

    id: Mapped[int] = mapped_column(primary_key=True)
    month: Mapped[date] = mapped_column(unique=True)  # the first day of the month
    taken_on: Mapped[date]
    # The catalogue generation the figures were computed from: a page may reuse them while it holds.
    generation: Mapped[str] = mapped_column(sa.String(64))
    figures: Mapped[dict[str, Any]] = mapped_column(sa.JSON)


class CoverageGap(Timestamped, db.Model):
    """A legal requirement with no accredited run ahead in a province, from the day it opened.

    A gap that closes keeps its row (``closed_on``) until the weekly alert has told officials.
    """

    id: Mapped[int] = mapped_column(primary_key=True)
    requirement_code: Mapped[str] = mapped_column(sa.String(40))
    province: Mapped[Province] = mapped_column(enum_type(Province))
    opened_on: Mapped[date]
    closed_on: Mapped[date | None]
    opening_announced: Mapped[bool] = mapped_column(default=False)
    closing_announced: Mapped[bool] = mapped_column(default=False)

    __table_args__ = (sa.Index("ix_coverage_gap_open", "requirement_code", "province", "closed_on"),)
