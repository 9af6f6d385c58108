"""What every figure is made of when people read it, and the helpers that word its numbers."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from flask_babel import format_date, format_decimal, format_percent
from flask_babel import gettext as _

from registry.catalogue.enums import Province
from registry.statistics import charts
from registry.statistics.counting import ONLINE
from registry.statistics.service import GAP_HORIZON


@dataclass(frozen=True)
class Filters:
    period: str = GAP_HORIZON  # "3" or "12" months ahead
    province: str | None = None  # a Province value or "online"
    requirement: str | None = None  # a legal requirement's code


@dataclass
class Figure:
    key: str
    title: str
    as_of: date
    counting: str
    summary: list[str]
    columns: list[str]
    rows: list[list[Any]]
    chart: charts.Chart | None = None
    heatmap: list[list[int | None]] | None = None  # coverage: the level (0-4) of each numeric cell


def place_label(place: str) -> str:
    return _("Online") if place == ONLINE else Province(place).label


def month_label(month: str, style: str = "MMM yyyy") -> str:
    year, number = month.split("-")
    return format_date(date(int(year), int(number), 1), style)


def euro(value: float | None) -> str:
    return "–" if value is None else "€ " + format_decimal(value, format="#,##0.00")


def share(part: int, whole: int) -> str:
    return format_percent(part / whole if whole else 0, format="#,##0%")
