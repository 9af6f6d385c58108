"""Import files built in the test: rows of courses and runs, as CSV (UTF-8 or Windows-1252) or XLSX."""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta

import pytest

from registry.catalogue.models import TargetRole
from registry.clock import today
from registry.exchange.columns import HEADERS
from registry.extensions import db
from tests.factories import make_topic


@pytest.fixture
def vocabulary(app) -> None:
    """The target role and topic the example rows name."""
    db.session.add(TargetRole(slug="pedagogisch-medewerker", name="Pedagogisch medewerker"))
    make_topic("kinder-ehbo", "Kinder-EHBO")
    db.session.commit()


def course_rows(courses: int, runs_per_course: int, *, start: date | None = None) -> list[list[str]]:
    """``courses`` courses with ``runs_per_course`` runs each, one row per run, in the template's columns."""
    first = start or today() + timedelta(days=30)
    rows = []
    for n in range(courses):
        for r in range(runs_per_course):
            day = first + timedelta(days=7 * r + n % 5)
            rows.append(
                [
                    f"K-{n:05}",
                    f"Café-training {n} voor pedagogisch medewerkers",
                    "Een praktische training over veiligheid en gezondheid.",
                    "Oefenen met situaties uit de groep & overleg.",
                    "mbo-3",
                    "Klassikaal",
                    "8",
                    "149,50",
                    "nl",
                    "Certificaat",
                    "pedagogisch-medewerker",
                    "kinder-ehbo",
                    day.strftime("%d-%m-%Y"),
                    day.strftime("%d-%m-%Y"),
                    "nee",
                    "Utrecht",
                    "Utrecht",
                    "12",
                    "",
                ]
            )
    return rows


def as_csv(rows: list[list[str]], *, delimiter: str = ",", encoding: str = "utf-8") -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(HEADERS)
    writer.writerows(rows)
    return buffer.getvalue().encode(encoding)


def as_xlsx(rows: list[list[str]]) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Opleidingen")
    sheet.append(list(HEADERS))
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
