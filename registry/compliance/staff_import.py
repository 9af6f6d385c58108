"""Reading a staff list exported from an HR system (CSV or XLSX) into checked rows, with a report per
row in the interface's language (the column names are the file's own). Nothing is stored here; the
service previews or applies the rows."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from flask_babel import gettext as _

from registry.dutch_input import parse_date, parse_decimal

ROLES = {
    "pedagogisch-medewerker",
    "pedagogisch-beleidsmedewerker",
    "zij-instromer",
    "student-bbl",
    "groepshulp",
    "gastouder",
    "bemiddelingsmedewerker",
    "locatiemanager",
    "overig",
}
DIPLOMA_KINDS = {
    "havo", "vhbo", "vwo", "mbo-2", "mbo-3", "mbo-4", "associate-degree", "hbo-bachelor",
    "wo-bachelor", "wo-master", "overig",
}  # fmt: skip
# 36 hours a week is one fte in the coaching rekenregel (the coaching-uren rule).
HOURS_PER_FTE = Decimal(36)
MAX_ROWS = 5000
HEADERS = (
    "personeelsnummer", "naam", "functie", "fte", "uren", "locaties", "werkt_met_babys", "diplomas",
    "ehbo_behaald", "ehbo_geldig_tot", "uit_dienst",
)  # fmt: skip
_YES = {"ja", "j", "yes", "y", "1", "waar", "x"}
_NO = {"", "nee", "n", "no", "0", "onwaar"}


class ImportFileError(ValueError):
    """The file as a whole cannot be read (wrong type, no header row, too many rows)."""


@dataclass
class StaffRow:
    line: int
    employee_number: str = ""
    name: str = ""
    role: str = ""
    fte: Decimal = Decimal(0)
    lrk_numbers: list[str] = field(default_factory=list)
    works_with_babies: bool = False
    diplomas: list[str] = field(default_factory=list)
    ehbo_obtained_on: date | None = None
    ehbo_valid_until: date | None = None
    left_on: date | None = None
    errors: list[str] = field(default_factory=list)

    def refuse(self, problem: str) -> None:
        """Note a problem with this row (a translated text); a row with any is skipped."""
        self.errors.append(problem)


def read_table(filename: str, content: bytes) -> list[dict[str, str]]:
    """The rows of a CSV (comma or semicolon) or XLSX file as dicts keyed by lower-case header."""
    if filename.lower().endswith(".xlsx"):
        rows = _xlsx_rows(content)
    elif filename.lower().endswith(".csv"):
        rows = _csv_rows(content)
    else:
        raise ImportFileError(_("Upload een .csv- of .xlsx-bestand."))
    if not rows:
        raise ImportFileError(_("Het bestand is leeg."))
    header = [_normalise_header(h) for h in rows[0]]
    if "personeelsnummer" not in header:
        raise ImportFileError(
            _("De eerste regel moet de kolomnamen bevatten, met ten minste 'personeelsnummer'.")
        )
    if len(rows) - 1 > MAX_ROWS:
        raise ImportFileError(_("Hooguit %(most)s medewerkers per bestand.", most=MAX_ROWS))
    return [
        dict(zip(header, (str(v or "").strip() for v in row), strict=False)) for row in rows[1:] if any(row)
    ]


def _csv_rows(content: bytes) -> list[list[str]]:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = content.decode("cp1252", errors="replace")  # Excel's Dutch CSV export
    delimiter = ";" if text.split("\n", 1)[0].count(";") > text.split("\n", 1)[0].count(",") else ","
    return list(csv.reader(io.StringIO(text), delimiter=delimiter))


def _xlsx_rows(content: bytes) -> list[list[str]]:
    from openpyxl import load_workbook

    try:
        sheet = load_workbook(io.BytesIO(content), read_only=True, data_only=True).worksheets[0]
    except Exception as error:  # openpyxl raises many kinds for a damaged file
        raise ImportFileError(_("Dit XLSX-bestand kan niet worden gelezen.")) from error
    return [[_cell(v) for v in row] for row in sheet.iter_rows(values_only=True)]


def _cell(value: object) -> str:
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return "" if value is None else str(value)


def _normalise_header(header: object) -> str:
    text = str(header or "").strip().lower().replace("'", "").replace("’", "")
    return re.sub(r"[\s-]+", "_", text)


def check_rows(raw_rows: list[dict[str, str]], known_lrk: set[str]) -> list[StaffRow]:
    """Each row parsed and checked; problems are listed per row, nothing is raised."""
    seen: dict[str, int] = {}
    rows = []
    for index, raw in enumerate(raw_rows, start=2):  # line 1 holds the headers
        row = StaffRow(line=index)
        row.employee_number = raw.get("personeelsnummer", "")
        row.name = raw.get("naam", "")[:120]
        if not row.employee_number:
            row.refuse(_("personeelsnummer ontbreekt"))
        elif row.employee_number in seen:
            row.refuse(
                _(
                    "personeelsnummer %(number)s staat ook op regel %(line)s",
                    number=row.employee_number,
                    line=seen[row.employee_number],
                )
            )
        else:
            seen[row.employee_number] = index
        if not row.name:
            row.refuse(_("naam of initialen ontbreken"))
        row.role = _slug(raw.get("functie", ""))
        if row.role not in ROLES:
            row.refuse(_("onbekende functie '%(value)s'", value=raw.get("functie", "")))
        _read_fte(raw, row)
        row.lrk_numbers = [n for n in re.split(r"[;,|\s]+", raw.get("locaties", "")) if n]
        unknown = [n for n in row.lrk_numbers if n not in known_lrk]
        if unknown:
            row.refuse(
                _(
                    "onbekende locatie(s) %(numbers)s: voeg ze eerst toe met hun LRK-nummer",
                    numbers=", ".join(unknown),
                )
            )
        row.works_with_babies = _yes_no(raw.get("werkt_met_babys", ""), "werkt_met_babys", row)
        row.diplomas = [_slug(d) for d in re.split(r"[|,;]+", raw.get("diplomas", "")) if d.strip()]
        wrong = [d for d in row.diplomas if d not in DIPLOMA_KINDS]
        if wrong:
            row.refuse(_("onbekend diploma '%(value)s'", value=", ".join(wrong)))
        row.ehbo_obtained_on = _date(raw.get("ehbo_behaald", ""), "ehbo_behaald", row)
        row.ehbo_valid_until = _date(raw.get("ehbo_geldig_tot", ""), "ehbo_geldig_tot", row)
        row.left_on = _date(raw.get("uit_dienst", ""), "uit_dienst", row)
        rows.append(row)
    return rows


def _read_fte(raw: dict[str, str], row: StaffRow) -> None:
    fte, hours = raw.get("fte", "").strip(), raw.get("uren", "").strip()
    try:
        if fte:
            row.fte = parse_decimal(fte)
        elif hours:
            row.fte = (parse_decimal(hours) / HOURS_PER_FTE).quantize(Decimal("0.01"))
        else:
            row.refuse(_("fte of contracturen ontbreken"))
            return
    except ValueError:
        row.refuse(_("fte of uren '%(value)s' is geen getal", value=fte or hours))
        return
    if not Decimal(0) <= row.fte <= Decimal("1.5"):
        row.refuse(_("fte %(fte)s ligt niet tussen 0 en 1,5", fte=row.fte))


def _slug(text: str) -> str:
    return re.sub(r"[\s_]+", "-", text.strip().lower())


def _yes_no(value: str, column: str, row: StaffRow) -> bool:
    value = value.strip().lower()
    if value in _YES:
        return True
    if value not in _NO:
        row.refuse(_("%(column)s: vul 'ja' of 'nee' in, niet '%(value)s'", column=column, value=value))
    return False


def _date(value: str, column: str, row: StaffRow) -> date | None:
    value = value.strip()
    if not value:
        return None
    try:
        return parse_date(value)
    except ValueError:
        pass
    row.refuse(_("%(column)s: '%(value)s' is geen geldige datum (DD-MM-JJJJ)", column=column, value=value))
    return None
