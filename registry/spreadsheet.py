"""Every CSV and XLSX file the registry writes goes through here, so no cell runs as a formula.

A spreadsheet runs a cell that starts with ``=``, ``+``, ``-`` or ``@`` as a formula, and a leading tab or
carriage return hides such a start (OWASP "CSV injection"). Text someone typed (a course title, a provider
name, an e-mail address) that starts with one of them is written with a leading apostrophe, which
spreadsheets show as plain text. Numbers stay numbers: only text is changed.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Mapping
from typing import IO, Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(cell: Any) -> Any:
    """The cell as a spreadsheet shows it, never runs it: text starting with a formula sign gets a ``'``."""
    if isinstance(cell, str) and cell.startswith(FORMULA_STARTS):
        return "'" + cell
    return cell


def safe_row(cells: Iterable[Any]) -> list[Any]:
    """A row of cells, each neutralised (for CSV writers and for openpyxl's ``sheet.append``)."""
    return [neutralise(cell) for cell in cells]


class _Writer:
    def __init__(self, stream: IO[str], **options: Any) -> None:
        self._writer = csv.writer(stream, **options)

    def writerow(self, row: Iterable[Any]) -> None:
        self._writer.writerow(safe_row(row))

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        for row in rows:
            self.writerow(row)


class _DictWriter:
    def __init__(self, stream: IO[str], fieldnames: list[str], **options: Any) -> None:
        self._writer = csv.DictWriter(stream, fieldnames=fieldnames, **options)

    def writeheader(self) -> None:
        self._writer.writeheader()

    def writerow(self, row: Mapping[str, Any]) -> None:
        self._writer.writerow({key: neutralise(value) for key, value in row.items()})


def csv_writer(stream: IO[str], **options: Any) -> _Writer:
    """``csv.writer`` whose rows are neutralised."""
    return _Writer(stream, **options)


def csv_dict_writer(stream: IO[str], fieldnames: list[str], **options: Any) -> _DictWriter:
    """``csv.DictWriter`` whose rows are neutralised."""
    return _DictWriter(stream, fieldnames, **options)
