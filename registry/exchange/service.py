"""Bulk import of a provider's courses from a file: a preview that writes nothing, then all or nothing.

The file is read twice, streaming, so memory stays flat however long it is: the first pass checks
every row and keeps per course only a fingerprint of its content and its runs (small tuples); the
preview compares those with the registry. On confirmation the file is checked and compared again
(the registry may have changed since the preview) and a second pass stages each course's content
from its first row, all in one unit of work.
"""

from __future__ import annotations

import hashlib
import json
import re
import secrets
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from flask import current_app
from flask_babel import gettext as _

from registry.accounts.models import User
from registry.audit.service import record
from registry.catalogue import drafts
from registry.catalogue.permissions import require_course_creator
from registry.clock import today
from registry.errors import Conflict, DomainError, NotFound, ValidationFailed
from registry.exchange import upsert
from registry.exchange.columns import COLUMNS, RowError, parse_row
from registry.exchange.reading import UnreadableFile, read_rows
from registry.extensions import db
from registry.transactions import unit_of_work

MAX_UPLOAD_BYTES = 30 * 1024 * 1024
_TOKEN = re.compile(r"^[A-Za-z0-9_-]{20,40}$")
_HEADER_OF = {column.key: column.header for column in COLUMNS}
_COURSE_HEADERS = tuple(column.header for column in COLUMNS if column.part == "course")
_KEEP_UPLOADS_SECONDS = 24 * 3600


@dataclass
class RefusedRow:
    line: int
    code: str
    reason: str


@dataclass
class _CourseInFile:
    first_line: int
    digest: str
    cells_key: int = 0  # the course columns of its first row, so later rows skip the checks if equal
    runs: list[upsert.RunTuple] = field(default_factory=list)
    refused: bool = False


@dataclass
class ImportPreview:
    """What an import would do (or, after confirmation, did)."""

    token: str
    rows: int
    created: list[upsert.Plan] = field(default_factory=list)
    changed: list[upsert.Plan] = field(default_factory=list)
    unchanged: list[upsert.Plan] = field(default_factory=list)
    refused: list[RefusedRow] = field(default_factory=list)
    submitted: int = 0
    # New courses left as drafts because they cannot be submitted yet (no run ahead, an ended scheme).
    not_submitted: int = 0

    @property
    def digest(self) -> str:
        """A summary of the plan, so a confirmation is known to confirm what was shown."""
        parts = [f"{p.code}:{p.action}:{p.runs_added}:{p.runs_changed}:{p.runs_removed}" for p in self.plans]
        return hashlib.sha256("\n".join(sorted(parts)).encode()).hexdigest()[:32]

    @property
    def plans(self) -> list[upsert.Plan]:
        return self.created + self.changed + self.unchanged


def reason(error: DomainError) -> str:
    """A refused row's reason, naming the column as the file does."""
    if not error.fields:
        return error.message
    parts = []
    for key, messages in error.fields.items():
        texts = messages if isinstance(messages, list) else [json.dumps(messages, ensure_ascii=False)]
        parts.append(f"{_HEADER_OF.get(key, key)}: {' '.join(str(m) for m in texts)}")
    return "; ".join(parts)


def _scan(stream: IO[bytes]) -> tuple[dict[str, _CourseInFile], list[RefusedRow], int]:
    """First pass: check every row; per course its content fingerprint and runs."""
    links = upsert.KnownLinks()
    courses: dict[str, _CourseInFile] = {}
    refused: list[RefusedRow] = []
    rows = 0
    for line, cells in read_rows(stream):
        rows += 1
        code = str(cells.get("Code") or "").strip()
        cells_key = hash(tuple(str(cells.get(header)) for header in _COURSE_HEADERS))
        known = courses.get(code)
        try:
            parsed = parse_row(line, cells)
            if known is not None and known.cells_key == cells_key:
                digest = known.digest  # the same course columns as its first row: checked there
            else:
                values = upsert.load_content(parsed.content)
                links.check(values)
                digest = upsert.content_digest(values)
            run = upsert.load_run(parsed.run) if parsed.run else None
        except RowError as error:
            refused.append(RefusedRow(line, code, str(error)))
            _mark_refused(courses, code, line)
            continue
        except ValidationFailed as error:
            refused.append(RefusedRow(line, code, reason(error)))
            _mark_refused(courses, code, line)
            continue
        known = courses.setdefault(code, _CourseInFile(line, digest, cells_key))
        if known.refused:  # the course is left out anyway; only this row's own faults are worth naming
            continue
        if known.digest != digest:
            refused.append(
                RefusedRow(
                    line,
                    code,
                    _(
                        "De opleidingsgegevens verschillen van regel %(line)s met dezelfde code.",
                        line=known.first_line,
                    ),
                )
            )
            known.refused = True
            continue
        if run is not None:
            if any(upsert.run_key(run) == upsert.run_key(other) for other in known.runs):
                refused.append(
                    RefusedRow(line, code, _("Deze uitvoering (startdatum en plaats) staat er al eerder in."))
                )
                known.refused = True
                continue
            known.runs.append(run)
    if rows == 0:
        raise UnreadableFile(_("Het bestand heeft geen regels met opleidingen onder de kopregel."))
    return courses, refused, rows


def _mark_refused(courses: dict[str, _CourseInFile], code: str, line: int) -> None:
    if code:
        courses.setdefault(code, _CourseInFile(line, "")).refused = True


def _plan(
    user: User, provider_id: int, token: str, stream: IO[bytes]
) -> tuple[ImportPreview, dict[str, _CourseInFile]]:
    courses, refused, rows = _scan(stream)
    preview = ImportPreview(token=token, rows=rows, refused=refused)
    codes = [code for code, in_file in courses.items() if not in_file.refused]
    wanted = [(code, courses[code].digest, courses[code].runs) for code in codes]
    for code, plan in upsert.plan_many(user, provider_id, wanted, today()):
        if isinstance(plan, DomainError):
            preview.refused.append(RefusedRow(courses[code].first_line, code, reason(plan)))
            courses[code].refused = True
        else:
            getattr(preview, plan.action).append(plan)
    preview.refused.sort(key=lambda row: row.line)
    return preview, courses


# -- uploads kept between preview and confirmation ------------------------------------------------


def _upload_dir() -> Path:
    path = Path(current_app.instance_path) / "imports"
    path.mkdir(parents=True, exist_ok=True)
    return path


def _store(user: User, provider_id: int, stream: IO[bytes]) -> str:
    folder = _upload_dir()
    for old in folder.glob("*"):
        if old.stat().st_mtime < time.time() - _KEEP_UPLOADS_SECONDS:
            old.unlink(missing_ok=True)
    token = secrets.token_urlsafe(18)
    size = 0
    with (folder / f"{token}.upload").open("wb") as target:
        while chunk := stream.read(1024 * 1024):
            size += len(chunk)
            if size > MAX_UPLOAD_BYTES:
                target.close()
                (folder / f"{token}.upload").unlink()
                raise UnreadableFile(
                    _("Het bestand is groter dan %(most)s MB.", most=MAX_UPLOAD_BYTES // (1024 * 1024))
                )
            target.write(chunk)
    (folder / f"{token}.json").write_text(json.dumps({"provider_id": provider_id, "user_id": user.id}))
    return token


def _stored(user: User, provider_id: int, token: str) -> Path:
    folder = _upload_dir()
    meta_path = folder / f"{token}.json"
    if not _TOKEN.match(token) or not meta_path.exists():
        raise NotFound(_("Deze import bestaat niet (meer); laad het bestand opnieuw."))
    meta = json.loads(meta_path.read_text())
    if meta != {"provider_id": provider_id, "user_id": user.id}:
        raise NotFound(_("Deze import bestaat niet (meer); laad het bestand opnieuw."))
    return folder / f"{token}.upload"


def discard(token: str) -> None:
    """Remove an upload and its note."""
    if _TOKEN.match(token):
        for suffix in (".upload", ".json"):
            (_upload_dir() / f"{token}{suffix}").unlink(missing_ok=True)


# -- entry points ----------------------------------------------------------------------------------


def preview_import(user: User, provider_id: int, stream: IO[bytes]) -> ImportPreview:
    """Keep the file and say what importing it would do; writes nothing to the registry.

    :raise PermissionDenied: the user does not work for this provider.
    :raise UnreadableFile: the file as a whole cannot be read (the reason, in the interface's language).
    """
    require_course_creator(user, provider_id)
    token = _store(user, provider_id, stream)
    try:
        with _stored(user, provider_id, token).open("rb") as stored:
            preview, _courses = _plan(user, provider_id, token, stored)
    except UnreadableFile:
        discard(token)
        raise
    finally:
        db.session.rollback()  # the comparisons read; nothing of theirs may linger
    return preview


def confirm_import(
    user: User, provider_id: int, token: str, expected: str, *, submit_new: bool = False
) -> ImportPreview:
    """Import what the preview showed, all of it or nothing; optionally submit the new drafts.

    :raise NotFound: no such upload of this user and provider.
    :raise Conflict: the registry changed since the preview, so the plan differs from what was shown.
    """
    require_course_creator(user, provider_id)
    path = _stored(user, provider_id, token)
    with path.open("rb") as stored:
        preview, courses = _plan(user, provider_id, token, stored)
    if preview.digest != expected:
        db.session.rollback()
        raise Conflict(
            _("Er is intussen iets gewijzigd; bekijk de voorvertoning opnieuw voordat u bevestigt.")
        )
    plans = {plan.code: plan for plan in preview.created + preview.changed}
    with unit_of_work(
        _("Een opleiding is intussen gewijzigd; er is niets geïmporteerd. Probeer het opnieuw.")
    ):
        with path.open("rb") as stored:
            staging = upsert.stage_all(user, provider_id, _staged(read_rows(stored), plans, courses), today())
        record(
            "courses.imported",
            "provider",
            provider_id,
            actor_id=user.id,
            after={
                "created": len(preview.created),
                "changed": len(preview.changed),
                "unchanged": len(preview.unchanged),
                "refused_rows": len(preview.refused),
            },
        )
    discard(token)
    if submit_new:
        batch = f"import-{secrets.token_hex(8)}"
        for course_id in staging.created_ids:
            try:
                drafts.submit_course(user, course_id, import_batch=batch)
            except ValidationFailed:  # the course page says why; the import itself stands
                preview.not_submitted += 1
            else:
                preview.submitted += 1
    return preview


def _staged(rows: Any, plans: dict[str, upsert.Plan], courses: dict[str, _CourseInFile]) -> Any:
    """(plan, content, runs) of every course the plan changes, its content read from its first row."""
    for line, cells in _first_rows(rows, plans):
        plan = plans[str(cells.get("Code")).strip()]
        yield plan, upsert.load_content(parse_row(line, cells).content), courses[plan.code].runs


def _first_rows(rows: Any, plans: dict[str, upsert.Plan]) -> Any:
    """The first row of every course the plan changes (that row carries the course's content)."""
    seen: set[str] = set()
    for line, cells in rows:
        code = str(cells.get("Code") or "").strip()
        if code in plans and code not in seen:
            seen.add(code)
            yield line, cells
