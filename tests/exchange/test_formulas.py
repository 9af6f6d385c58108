"""Formulas are refused where a file can hold them, and only there: an XLSX formula cell, CSV text a
spreadsheet would compute. Text that merely starts with a sign, and anything in an EDU-DEX (XML) feed,
is taken as typed."""

from __future__ import annotations

import io

import pytest

from registry.exchange import service
from registry.exchange.columns import HEADERS, looks_like_formula
from tests.exchange.conftest import as_csv, course_rows
from tests.exchange.test_edudex import feed, program

DESCRIPTION = HEADERS.index("Beschrijving")
SUMMARY = HEADERS.index("Samenvatting")


def _preview(people, data: bytes):
    return service.preview_import(people.member, people.provider.id, io.BytesIO(data))


@pytest.mark.parametrize(
    "text",
    [
        '=HYPERLINK("http://x")',
        "=1+2",
        "= een gelijkteken",  # "=" always starts a formula in a spreadsheet
        "+SUM(A1:A3)",
        "@SUM(1,2)",
        "-2+3",
        "+31-6-12345678",  # a spreadsheet subtracts
        "+A1",
        "-$B$2",
        "-Blad1!A1",
        "-'Blad 1'!A1",
        "-cmd|' /C calc'!A0",
        "-(1+2)",
        "  =1+2",  # a leading space does not hide it
        "\t-2+3",
    ],
)
def test_csv_text_a_spreadsheet_would_compute_is_a_formula(text: str) -> None:
    assert looks_like_formula(text)


@pytest.mark.parametrize(
    "text",
    [
        "- eerste punt",
        "-- tussenkop",
        "-20% korting",
        "-20",
        "+31 6 1234 5678",
        "-EHBO voor starters",
        "-(zie bijlage)",
        "@kindwijs",
        "-",
        "Gewone tekst - met een streepje",
        "",
    ],
)
def test_csv_text_that_only_starts_with_a_sign_is_text(text: str) -> None:
    assert not looks_like_formula(text)


def test_a_csv_row_with_a_formula_is_refused_and_a_bullet_is_taken(people, vocabulary) -> None:
    rows = course_rows(3, 1)
    rows[0][DESCRIPTION] = "- eerste punt\n- tweede punt"
    rows[1][SUMMARY] = "-20% korting voor leden"
    rows[2][DESCRIPTION] = '=HYPERLINK("http://x","klik")'
    preview = _preview(people, as_csv(rows))
    assert [plan.code for plan in preview.created] == ["K-00000", "K-00001"]
    assert [(row.line, row.reason) for row in preview.refused] == [
        (4, "Beschrijving: een formule wordt niet overgenomen; vul de waarde zelf in.")
    ]


def _xlsx_with(description: object, *, as_text: bool) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(list(HEADERS))
    sheet.append(course_rows(1, 1)[0])
    cell = sheet.cell(row=2, column=DESCRIPTION + 1, value=description)
    if as_text:
        cell.data_type = "s"  # a text cell, as a spreadsheet keeps '=... typed with an apostrophe
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_an_xlsx_formula_cell_is_refused(people, vocabulary) -> None:
    preview = _preview(people, _xlsx_with('=CONCAT("Een ","dag")', as_text=False))
    assert preview.created == []
    assert [row.reason for row in preview.refused] == [
        "Beschrijving: een formule wordt niet overgenomen; vul de waarde zelf in."
    ]


@pytest.mark.parametrize("text", ["=geen formule, maar tekst", "- eerste punt", "-2+3 blijft tekst"])
def test_an_xlsx_text_cell_is_text_whatever_it_starts_with(people, vocabulary, text: str) -> None:
    preview = _preview(people, _xlsx_with(text, as_text=True))
    assert preview.refused == [] and [plan.code for plan in preview.created] == ["K-00000"]


def _edudex_description(text: str) -> bytes:
    xml = program().replace(
        "Een dag oefenen met reanimeren.", text.replace("&", "&amp;").replace("<", "&lt;")
    )
    return feed(xml)


@pytest.mark.parametrize(
    "text", ["- eerste punt\n- tweede punt", "=SUM(1,2) is hier tekst", "+31-6-12345678", "@kindwijs"]
)
def test_edudex_values_are_text_never_formulas(people, vocabulary, text: str) -> None:
    from registry.catalogue.models import Course
    from registry.extensions import db

    preview = _preview(people, _edudex_description(text))
    assert preview.refused == [] and [plan.code for plan in preview.created] == ["EHBO-01"]
    service.confirm_import(people.member, people.provider.id, preview.token, preview.digest)
    stored = db.session.scalars(db.select(Course)).one()
    assert stored.description_html.startswith(text.split("\n")[0][:5])
