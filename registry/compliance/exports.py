"""The opleidingsplan and personal-data exports as files."""

from __future__ import annotations

import io
import json

from flask import Response

from registry.compliance.planning import PlanLine
from registry.spreadsheet import csv_writer, safe_row
from registry.text import long_date

STATUS_LABELS = {"ok": "Op orde", "at_risk": "Risico", "action": "Actie nodig"}
COLUMNS = (
    "Locatie",
    "LRK",
    "Medewerkers",
    "Eis",
    "Bron",
    "Status",
    "Scholing",
    "Start",
    "Uren",
    "Kosten vanaf",
)


def _row(line: PlanLine) -> list[str]:
    return [
        line.location,
        line.lrk_number,
        line.person,
        line.rule.title,
        line.rule.source.citation,
        STATUS_LABELS.get(line.status, line.status),
        line.course,
        long_date(line.starts_on),
        "" if line.hours is None else str(line.hours),
        "" if line.cost is None else f"{line.cost:.2f}",
    ]


def plan_csv(lines: list[PlanLine]) -> bytes:
    """Semicolon-separated with a BOM, so Dutch Excel opens it as columns."""
    buffer = io.StringIO()
    writer = csv_writer(buffer, delimiter=";")
    writer.writerow(COLUMNS)
    writer.writerows(_row(line) for line in lines)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def plan_xlsx(lines: list[PlanLine], year: int) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = f"Opleidingsplan {year}"
    sheet.append(COLUMNS)
    for line in lines:
        sheet.append(safe_row(_row(line)))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def to_json(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)


def download(content: bytes, mimetype: str, filename: str) -> Response:
    response = Response(content, mimetype=mimetype)
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
