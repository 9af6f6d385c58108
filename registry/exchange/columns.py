"""The import file's columns (Dutch names) and how one row becomes course content and a run.

One row per course run: the course's columns repeat on every row of its runs, and a course without
runs has one row with the run columns empty. The provider's own code ties the rows of a course
together and to the course in the registry. Values are checked here for their form (dates, numbers,
choices); the course and run rules themselves are the catalogue's (registry.catalogue.schemas).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from flask_babel import gettext as _

from registry import dutch_input
from registry.catalogue.enums import DeliveryMode, Level, Province


@dataclass(frozen=True)
class Column:
    key: str  # our field name
    header: str  # the Dutch column name in the file
    example: str
    part: str  # "course" or "run"


COLUMNS = (
    Column("course_code", "Code", "EHBO-2027", "course"),
    Column("title", "Titel", "Kinder-EHBO voor pedagogisch medewerkers", "course"),
    Column("summary", "Samenvatting", "Eerste hulp bij ongelukken met baby's en peuters.", "course"),
    Column("description_html", "Beschrijving", "Een dag oefenen met reanimeren en verbinden.", "course"),
    Column("level", "Niveau", "mbo-3", "course"),
    Column("delivery_mode", "Vorm", "Klassikaal", "course"),
    Column("study_load_hours", "Studiebelasting (uren)", "8", "course"),
    Column("price", "Prijs (euro)", "149,50", "course"),
    Column("language", "Taal", "nl", "course"),
    Column("certificate_type", "Certificaat", "Certificaat Kinder-EHBO", "course"),
    Column("target_roles", "Doelgroepen", "pedagogisch-medewerker", "course"),
    Column("topics", "Thema's", "kinder-ehbo", "course"),
    Column("starts_on", "Startdatum", "31-01-2027", "run"),
    Column("ends_on", "Einddatum", "31-01-2027", "run"),
    Column("is_online", "Online", "nee", "run"),
    Column("city", "Plaats", "Utrecht", "run"),
    Column("province", "Provincie", "Utrecht", "run"),
    Column("seats", "Plaatsen", "12", "run"),
    Column("enrolment_deadline", "Inschrijven tot", "24-01-2027", "run"),
)
HEADERS = tuple(column.header for column in COLUMNS)
COURSE_KEYS = tuple(
    column.key for column in COLUMNS if column.part == "course" and column.key != "course_code"
)
RUN_KEYS = tuple(column.key for column in COLUMNS if column.part == "run")
REQUIRED_HEADERS = ("Code", "Titel")
# A row another reader (the EDU-DEX feed) could not map: the reason, naming the element, in this key.
REFUSAL = "_refusal"

_DELIVERY = {str(mode.label).lower(): mode for mode in DeliveryMode} | {
    mode.value: mode for mode in DeliveryMode
}
_LEVELS = {level.value: level for level in Level} | {level.value.replace("-", " "): level for level in Level}
_LEVELS |= {"": Level.NONE, "geen": Level.NONE, "geen niveau": Level.NONE}
_PROVINCES = {province.value: province for province in Province} | {
    province.label.lower(): province for province in Province
}
_YES = {"ja", "j", "yes", "waar", "true", "1", "x"}
_NO = {"nee", "n", "no", "onwaar", "false", "0", ""}


class RowError(ValueError):
    """A row the import refuses, with a reason naming the column (in the interface's language)."""


class Formula(str):
    """A cell a spreadsheet computes rather than shows: its formula, as the file holds it.

    Only a reader knows what is a formula in its format, so the reader marks it and the row is refused
    (the registry takes values, not the formulas that once computed them): an XLSX cell of formula type,
    or CSV text that a spreadsheet opening the file would run (``looks_like_formula``). XML (EDU-DEX) and
    JSON hold text, never formulas, so nothing from them is marked. Text that merely starts with a sign
    is stored as typed: every file the registry writes neutralises such a start (registry.spreadsheet), so
    it never runs there either.
    """


# What, directly after a leading "+", "-" or "@", makes CSV text a formula a spreadsheet would compute.
_FORMULA_BODY = re.compile(
    r"""
      [A-Za-z_][\w.]*[(|!]            # a function call SUM(, a DDE call cmd|, a sheet Blad1!A1
    | '[^']*'!                         # a quoted sheet 'Blad 1'!A1
    | \$?[A-Za-z]{1,3}\$?\d+\b         # a cell reference A1, $B$2
    | [\d.,]+%?\s*[-+*/^&=<>]\s*[\w$(.]  # arithmetic on a number: 2+3, 20%*B1
    | \(\s*(?:[\d.,$]|[A-Za-z_][\w.]*\(|[A-Za-z]{1,3}\d)  # a bracket around any of these: (1+2)
    """,
    re.VERBOSE,
)


def looks_like_formula(text: str) -> bool:
    """CSV text a spreadsheet would run as a formula: it starts with "=", or with "+", "-" or "@" followed
    directly by something a formula computes (a function, a reference, arithmetic).

    Ordinary text that starts with a sign is not refused: a bullet ("- eerste punt", the sign followed
    by a space), a number ("-20", "+31 6 1234 5678") or a number in prose ("-20% korting"); a spreadsheet
    could compute no value from it.
    """
    text = text.strip()  # a leading space or tab hides a formula from the eye, not from every program
    if text.startswith("="):
        return True
    body = text.lstrip("+-@")
    if body == text or not body or body[0].isspace():
        return False
    return _FORMULA_BODY.match(body) is not None


def parse_date(value: Any, header: str) -> date | None:
    """31-01-2027 or 2027-01-31 (or a spreadsheet date); empty is None."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    if not text:
        return None
    try:
        return dutch_input.parse_date(text)
    except ValueError:
        raise RowError(
            _(
                "%(column)s: ‘%(value)s’ is geen datum; schrijf 31-01-2027 of 2027-01-31.",
                column=header,
                value=text[:40],
            )
        ) from None


def parse_amount(value: Any, header: str) -> str:
    """149,50 or 149.50 or € 1.250,00 as a decimal string."""
    if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
        return f"{Decimal(str(value)):.2f}"
    try:
        return f"{dutch_input.parse_decimal(str(value)):.2f}"
    except ValueError:
        shown = str(value).strip()[:40]
        raise RowError(
            _(
                "%(column)s: ‘%(value)s’ is geen bedrag; schrijf bijvoorbeeld 149,50.",
                column=header,
                value=shown,
            )
        ) from None


def parse_whole(value: Any, header: str) -> int | None:
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    text = str(value).strip()
    if not text:
        return None
    if not re.fullmatch(r"\d{1,6}", text):
        raise RowError(_("%(column)s: ‘%(value)s’ is geen geheel getal.", column=header, value=text[:40]))
    return int(text)


def _choice(table: dict[str, Any], value: Any, header: str) -> Any:
    text = str(value).strip().lower()
    if text not in table:
        raise RowError(_("%(column)s: ‘%(value)s’ is geen bekende waarde.", column=header, value=text[:40]))
    return table[text]


def _slugs(value: Any) -> list[str]:
    return sorted({part.strip() for part in re.split(r"[,;|]", str(value)) if part.strip()})


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


@dataclass
class ParsedRow:
    """One accepted row: the course content (as the catalogue's input schema takes it) and a run or none."""

    line: int
    code: str
    content: dict[str, Any]
    run: dict[str, Any] | None


def parse_row(line: int, cells: dict[str, Any]) -> ParsedRow:
    """Turn one row (header → cell) into course content and a run. :raise RowError: the reason."""
    if cells.get(REFUSAL):
        raise RowError(cells[REFUSAL])
    for header, value in cells.items():
        if isinstance(value, Formula):
            raise RowError(
                _("%(column)s: een formule wordt niet overgenomen; vul de waarde zelf in.", column=header)
            )
    by_key = {column.key: cells.get(column.header) for column in COLUMNS}
    code = _text(by_key["course_code"])
    if not code:
        raise RowError(
            _(
                "%(column)s: vul de eigen code van de opleiding in; daarmee herkent het register haar.",
                column="Code",
            )
        )
    content: dict[str, Any] = {"course_code": code}
    for key in ("title", "summary", "description_html", "certificate_type"):
        content[key] = _text(by_key[key])
    content["level"] = _choice(_LEVELS, _text(by_key["level"]), "Niveau").value
    content["delivery_mode"] = _choice(_DELIVERY, _text(by_key["delivery_mode"]), "Vorm").value
    content["study_load_hours"] = parse_whole(by_key["study_load_hours"] or "", "Studiebelasting (uren)")
    content["price"] = parse_amount(by_key["price"] or "", "Prijs (euro)")
    content["language"] = _text(by_key["language"]).lower() or "nl"
    content["target_roles"] = _slugs(_text(by_key["target_roles"]))
    content["topics"] = _slugs(_text(by_key["topics"]))
    if content["study_load_hours"] is None:
        raise RowError(_("%(column)s: dit veld is verplicht.", column="Studiebelasting (uren)"))
    run_cells = {key: by_key[key] for key in RUN_KEYS}
    if all(_text(value) == "" for value in run_cells.values()):
        return ParsedRow(line, code, content, None)
    online = _text(run_cells["is_online"]).lower()
    if online not in _YES | _NO:
        raise RowError(_("%(column)s: ‘%(value)s’; schrijf ja of nee.", column="Online", value=online[:20]))
    province_text = _text(run_cells["province"])
    run = {
        "starts_on": parse_date(run_cells["starts_on"], "Startdatum"),
        "ends_on": parse_date(run_cells["ends_on"], "Einddatum"),
        "is_online": online in _YES,
        "city": _text(run_cells["city"]),
        "province": _choice(_PROVINCES, province_text, "Provincie").value if province_text else None,
        "seats": parse_whole(run_cells["seats"] or "", "Plaatsen"),
        "enrolment_deadline": parse_date(run_cells["enrolment_deadline"] or "", "Inschrijven tot"),
    }
    if run["starts_on"] is None:
        raise RowError(
            _(
                "%(column)s: vul een startdatum in, of laat alle kolommen van de uitvoering leeg.",
                column="Startdatum",
            )
        )
    if run["ends_on"] is None:
        run["ends_on"] = run["starts_on"]
    for key in ("starts_on", "ends_on", "enrolment_deadline"):
        run[key] = run[key].isoformat() if run[key] else None
    return ParsedRow(line, code, content, run)
