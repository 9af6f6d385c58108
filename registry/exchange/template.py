"""The import template a provider downloads: the Dutch column names and one example row."""

from __future__ import annotations

import io

from registry.exchange.columns import COLUMNS, HEADERS
from registry.spreadsheet import csv_writer, safe_row


def template_csv() -> bytes:
    """The template as CSV the way Dutch Excel opens it directly: UTF-8 with a BOM, semicolons."""
    buffer = io.StringIO()
    writer = csv_writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(HEADERS)
    writer.writerow(column.example for column in COLUMNS)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def template_xlsx() -> bytes:
    """The template as an Excel workbook with the example row."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Opleidingen")
    sheet.append(list(HEADERS))
    sheet.append(safe_row(column.example for column in COLUMNS))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
