"""Read an import file row by row, in flat memory: CSV (UTF-8 or Windows-1252, ; or ,), XLSX or an
EDU-DEX program feed (XML).

Every way a file can be wrong ends in an ``UnreadableFile`` with a Dutch reason, never in a crash:
empty, binary, too many rows, a cell too large, a zip that inflates beyond reason (a "zip bomb").
"""

from __future__ import annotations

import codecs
import csv
import io
import zipfile
from collections.abc import Iterator
from typing import IO, Any

from registry.errors import ValidationFailed
from registry.exchange.columns import HEADERS, REQUIRED_HEADERS

MAX_ROWS = 50_000
MAX_CELL_CHARS = 20_000  # the longest field (a description) is 20,000 characters
MAX_XLSX_INFLATED = 200 * 1024 * 1024  # what a 50,000-row sheet needs, with room to spare
MAX_XLSX_RATIO = 200  # real sheets compress 5-20 times; a bomb a thousand times
_SNIFF_BYTES = 64 * 1024


class UnreadableFile(ValidationFailed):
    """The file as a whole cannot be read; the message says why, in Dutch."""


def read_rows(stream: IO[bytes]) -> Iterator[tuple[int, dict[str, Any]]]:
    """(line number, {header: cell}) for every non-empty data row; line numbers as a spreadsheet shows them.

    :raise UnreadableFile: the file cannot be read (raised lazily, while iterating).
    """
    head = stream.read(8)
    stream.seek(0)
    if not head:
        raise UnreadableFile("Het bestand is leeg.")
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
            "De eerste regel moet de kolomnamen van het sjabloon bevatten; ontbreekt: "
            + ", ".join(missing)
            + "."
        )
    unknown = [h for h in cleaned if h and h not in HEADERS]
    if unknown:
        raise UnreadableFile("Onbekende kolommen: " + ", ".join(u[:40] for u in unknown[:5]) + ".")
    return cleaned


def _row_dict(headers: list[str], values: list[Any] | tuple[Any, ...], line: int) -> dict[str, Any] | None:
    if len(values) > len(headers) and any(v not in (None, "") for v in values[len(headers) :]):
        raise UnreadableFile(f"Regel {line} heeft meer kolommen dan de kopregel.")
    row = {}
    for header, value in zip(headers, values, strict=False):
        if isinstance(value, str) and len(value) > MAX_CELL_CHARS:
            raise UnreadableFile(
                f"Regel {line}, kolom {header}: een cel mag hoogstens {MAX_CELL_CHARS} tekens hebben."
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
        raise UnreadableFile("Dit is geen CSV- of Excel-bestand (het bevat binaire gegevens).")
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
        for values in reader:
            line = reader.line_num + 1
            row = _row_dict(headers, values, line)
            if row is None:
                continue
            count += 1
            if count > MAX_ROWS:
                raise UnreadableFile(f"Het bestand heeft meer dan {MAX_ROWS} regels; splits het op.")
            yield line, row
    except UnicodeDecodeError as error:
        raise UnreadableFile(
            "De tekens in het bestand zijn niet te lezen; sla het op als CSV UTF-8."
        ) from error
    except csv.Error as error:
        raise UnreadableFile(
            "Het CSV-bestand is niet te lezen: een cel is te groot of een aanhalingsteken sluit niet "
            f"({error})."
        ) from error
    finally:
        text.detach()


def _check_zip(stream: IO[bytes]) -> None:
    try:
        archive = zipfile.ZipFile(stream)
    except (zipfile.BadZipFile, OSError) as error:
        raise UnreadableFile("Dit Excel-bestand is beschadigd of geen .xlsx-bestand.") from error
    inflated = 0
    for info in archive.infolist():
        inflated += info.file_size
        ratio = info.file_size / max(info.compress_size, 1)
        if inflated > MAX_XLSX_INFLATED or (info.file_size > 1024 * 1024 and ratio > MAX_XLSX_RATIO):
            raise UnreadableFile(
                "Dit Excel-bestand pakt uit tot een onredelijke omvang; het wordt niet gelezen."
            )
    stream.seek(0)


def _xlsx_rows(stream: IO[bytes]) -> Iterator[tuple[int, dict[str, Any]]]:
    from openpyxl import load_workbook

    _check_zip(stream)
    try:
        # read_only streams the sheet's XML; data_only=False keeps formulas as text, so they are refused.
        workbook = load_workbook(stream, read_only=True, data_only=False)
    except Exception as error:  # openpyxl raises many kinds for a broken workbook
        raise UnreadableFile("Dit Excel-bestand kan niet worden gelezen.") from error
    try:
        sheet = workbook.worksheets[0]
        rows = sheet.iter_rows(values_only=True)
        try:
            headers = _check_headers(list(next(rows)))
        except StopIteration:
            raise UnreadableFile("Het eerste werkblad is leeg.") from None
        count = 0
        for line, values in enumerate(rows, start=2):
            row = _row_dict(headers, values, line)
            if row is None:
                continue
            count += 1
            if count > MAX_ROWS:
                raise UnreadableFile(f"Het bestand heeft meer dan {MAX_ROWS} regels; splits het op.")
            yield line, row
    except UnreadableFile:
        raise
    except Exception as error:
        raise UnreadableFile("Dit Excel-bestand kan niet worden gelezen.") from error
    finally:
        workbook.close()
