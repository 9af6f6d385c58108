"""Read an import file row by row, in flat memory: CSV (UTF-8 or Windows-1252, ; or ,), XLSX or an
EDU-DEX program feed (XML).

Every way a file can be wrong ends in an ``UnreadableFile`` with a reason in the interface's language
(Dutch, or English for who chose it), never in a crash:
empty, binary, too many rows, a cell too large, a zip that inflates beyond reason (a "zip bomb").
"""

from __future__ import annotations

import codecs
import csv
import io
import zipfile
from collections.abc import Iterator
from typing import IO, Any

from flask_babel import gettext as _

from registry.errors import ValidationFailed
from registry.exchange.columns import HEADERS, REQUIRED_HEADERS, Formula, looks_like_formula

MAX_ROWS = 50_000
MAX_CELL_CHARS = 20_000  # the longest field (a description) is 20,000 characters
MAX_XLSX_INFLATED = 200 * 1024 * 1024  # what a 50,000-row sheet needs, with room to spare
MAX_XLSX_RATIO = 200  # real sheets compress 5-20 times; a bomb a thousand times
_SNIFF_BYTES = 64 * 1024


class UnreadableFile(ValidationFailed):
    """The file as a whole cannot be read; the message says why."""


def read_rows(stream: IO[bytes]) -> Iterator[tuple[int, dict[str, Any]]]:
    """(line number, {header: cell}) for every non-empty data row; line numbers as a spreadsheet shows them.

    :raise UnreadableFile: the file cannot be read (raised lazily, while iterating).
    """
    head = stream.read(8)
    stream.seek(0)
    if not head:
        raise UnreadableFile(_("Het bestand is leeg."))
    if head.startswith(b"PK\x03\x04"):
        yield from _xlsx_rows(stream)
    elif head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<"):
        yield from _edudex_rows(stream)
    else:
        yield from _csv_rows(stream)


def _edudex_rows(stream: IO[bytes]) -> Iterator[tuple[int, dict[str, Any]]]:
    from registry.exchange import edudex

    try:
        yield from edudex.rows(stream, MAX_ROWS, MAX_CELL_CHARS)
    except edudex.FeedError as error:
        raise UnreadableFile(str(error)) from error


def _check_headers(headers: list[str]) -> list[str]:
    cleaned = [str(h or "").strip().lstrip("\ufeff") for h in headers]
    missing = [h for h in REQUIRED_HEADERS if h not in cleaned]
    if missing:
        raise UnreadableFile(
            _(
                "De eerste regel moet de kolomnamen van het sjabloon bevatten; ontbreekt: %(columns)s.",
                columns=", ".join(missing),
            )
        )
    unknown = [h for h in cleaned if h and h not in HEADERS]
    if unknown:
        raise UnreadableFile(
            _("Onbekende kolommen: %(columns)s.", columns=", ".join(u[:40] for u in unknown[:5]))
        )
    return cleaned


def _too_many_rows() -> UnreadableFile:
    return UnreadableFile(_("Het bestand heeft meer dan %(most)s regels; splits het op.", most=MAX_ROWS))


def _row_dict(headers: list[str], values: list[Any] | tuple[Any, ...], line: int) -> dict[str, Any] | None:
    if len(values) > len(headers) and any(v not in (None, "") for v in values[len(headers) :]):
        raise UnreadableFile(_("Regel %(line)s heeft meer kolommen dan de kopregel.", line=line))
    row = {}
    for header, value in zip(headers, values, strict=False):
        if isinstance(value, str) and len(value) > MAX_CELL_CHARS:
            raise UnreadableFile(
                _(
                    "Regel %(line)s, kolom %(column)s: een cel mag hoogstens %(most)s tekens hebben.",
                    line=line,
                    column=header,
                    most=MAX_CELL_CHARS,
                )
            )
        if header:
            row[header] = value
    if all(value in (None, "") or (isinstance(value, str) and not value.strip()) for value in row.values()):
        return None
    return row


def _encoding(stream: IO[bytes]) -> str:
    sample = stream.read(_SNIFF_BYTES)
    stream.seek(0)
    if b"\x00" in sample:
        raise UnreadableFile(_("Dit is geen CSV- of Excel-bestand (het bevat binaire gegevens)."))
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        decoder.decode(sample[:-4] if len(sample) == _SNIFF_BYTES else sample, final=False)
        return "utf-8-sig"
    except UnicodeDecodeError:
        return "cp1252"  # what Excel on Windows writes as "CSV"


def _csv_rows(stream: IO[bytes]) -> Iterator[tuple[int, dict[str, Any]]]:
    encoding = _encoding(stream)
    text = io.TextIOWrapper(stream, encoding=encoding, errors="strict", newline="")
    try:
        first = text.readline(MAX_CELL_CHARS)
        delimiter = ";" if first.count(";") > first.count(",") else ","
        headers = _check_headers(next(csv.reader([first], delimiter=delimiter)))
        # csv's own limit (131,072 characters) stops a monstrous cell before it is held in memory.
        reader = csv.reader(text, delimiter=delimiter)
        count = 0
        # The row as a spreadsheet numbers it (the header is row 1), not the physical line: a cell may
        # hold line breaks.
        for line, values in enumerate(reader, start=2):
            # CSV cells are text: one a spreadsheet would run as a formula is marked, and refused per row.
            marked = [Formula(value) if looks_like_formula(value) else value for value in values]
            row = _row_dict(headers, marked, line)
            if row is None:
                continue
            count += 1
            if count > MAX_ROWS:
                raise _too_many_rows()
            yield line, row
    except UnicodeDecodeError as error:
        raise UnreadableFile(
            _("De tekens in het bestand zijn niet te lezen; sla het op als CSV UTF-8.")
        ) from error
    except csv.Error as error:
        raise UnreadableFile(
            _(
                "Het CSV-bestand is niet te lezen: een cel is te groot of een aanhalingsteken sluit niet "
                "(%(error)s).",
                error=error,
            )
        ) from error
    finally:
        text.detach()


def _check_zip(stream: IO[bytes]) -> None:
    try:
        archive = zipfile.ZipFile(stream)
    except (zipfile.BadZipFile, OSError) as error:
        raise UnreadableFile(_("Dit Excel-bestand is beschadigd of geen .xlsx-bestand.")) from error
    inflated = 0
    for info in archive.infolist():
        inflated += info.file_size
        ratio = info.file_size / max(info.compress_size, 1)
        if inflated > MAX_XLSX_INFLATED or (info.file_size > 1024 * 1024 and ratio > MAX_XLSX_RATIO):
            raise UnreadableFile(
                _("Dit Excel-bestand pakt uit tot een onredelijke omvang; het wordt niet gelezen.")
            )
    stream.seek(0)


def _xlsx_rows(stream: IO[bytes]) -> Iterator[tuple[int, dict[str, Any]]]:
    from openpyxl import load_workbook

    _check_zip(stream)
    try:
        # read_only streams the sheet's XML; data_only=False keeps a formula cell's formula (and its type),
        # so it is refused rather than taken for whatever value a spreadsheet last computed.
        workbook = load_workbook(stream, read_only=True, data_only=False)
    except Exception as error:  # openpyxl raises many kinds for a broken workbook
        raise UnreadableFile(_("Dit Excel-bestand kan niet worden gelezen.")) from error
    try:
        sheet = workbook.worksheets[0]
        rows = (_xlsx_values(cells) for cells in sheet.iter_rows())
        try:
            headers = _check_headers(list(next(rows)))
        except StopIteration:
            raise UnreadableFile(_("Het eerste werkblad is leeg.")) from None
        count = 0
        for line, values in enumerate(rows, start=2):
            row = _row_dict(headers, values, line)
            if row is None:
                continue
            count += 1
            if count > MAX_ROWS:
                raise _too_many_rows()
            yield line, row
    except UnreadableFile:
        raise
    except Exception as error:
        raise UnreadableFile(_("Dit Excel-bestand kan niet worden gelezen.")) from error
    finally:
        workbook.close()


def _xlsx_values(cells: tuple[Any, ...]) -> list[Any]:
    """The cells' values, a formula cell's marked (a text cell that starts with "=" is text)."""
    return [_formula(cell.value) if cell.data_type == "f" else cell.value for cell in cells]


def _formula(value: Any) -> Formula:
    # openpyxl gives a plain formula as its text, an array formula as an object holding it.
    return Formula(value if isinstance(value, str) else getattr(value, "text", None) or "=")
