"""Nightly backups of the embedded SQLite database, made with SQLite's online backup API while the
portal serves (a file copy could catch a half-written page), kept 7 daily + 4 weekly, and restored.

PostgreSQL is backed up with its own tools (``pg_dump``/``pg_restore``, see the README); the nightly job
then has nothing to do and says so.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
from datetime import datetime
from pathlib import Path

import sqlalchemy as sa
from flask import current_app
from flask_babel import gettext as _
from flask_migrate import upgrade

from registry.audit.service import record
from registry.clock import utcnow
from registry.errors import ValidationFailed
from registry.extensions import db
from registry.search import sync

DAILY_KEPT = 7
WEEKLY_KEPT = 4
PREFIX = "registry-"
SUFFIX = ".sqlite3"


class BackupUnsupported(Exception):
    """The database is not the embedded SQLite file; use the database server's own tools."""


def live_database_file() -> Path:
    """The SQLite file the registry uses.

    :raise BackupUnsupported: the registry runs on another database (PostgreSQL).
    """
    url = db.engine.url
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        raise BackupUnsupported("Maak een reservekopie van PostgreSQL met pg_dump (zie de README).")
    return Path(url.database)


def backup_dir() -> Path:
    directory = Path(current_app.config["REGISTRY_BACKUP_DIR"])
    directory.mkdir(parents=True, exist_ok=True)
    return directory


def make_backup(now: datetime | None = None, label: str = "") -> Path:
    """Copy the live database consistently into the backup folder and prune old copies.

    The copy is one step of the backup API under a read lock: writers wait that long (well under a
    second for a registry of this size) and the copy is one moment of the database, never a mix.
    """
    now = now or utcnow()
    source = live_database_file()
    target = backup_dir() / f"{PREFIX}{now:%Y%m%dT%H%M%SZ}{'-' + label if label else ''}{SUFFIX}"
    partial = target.with_suffix(".partial")
    _copy(sqlite3.connect(f"file:{source}?mode=ro", uri=True), partial)
    os.replace(partial, target)  # a backup is either complete under its name or absent
    if not label:
        rotate(backup_dir(), keep=target)
    return target


def _copy(source: sqlite3.Connection, target_path: Path) -> None:
    target = sqlite3.connect(target_path)
    try:
        with target:
            source.backup(target)
    finally:
        target.close()
        source.close()


def _taken_at(path: Path) -> datetime | None:
    stamp = path.name.removeprefix(PREFIX)[:16]
    try:
        return datetime.strptime(stamp, "%Y%m%dT%H%M%SZ")
    except ValueError:
        return None


def rotate(directory: Path, keep: Path | None = None) -> list[Path]:
    """Keep the newest backup of each of the last 7 days and of 4 weeks before them (and ``keep``,
    the one just made); returns what was removed. Backups with a label (made before a
    restore) are left to the operator."""
    dated = sorted(
        ((taken, path) for path in directory.glob(f"{PREFIX}*{SUFFIX}") if (taken := _taken_at(path))),
        reverse=True,
    )
    labelled = {path for _, path in dated if "-" in path.name.removeprefix(PREFIX).removesuffix(SUFFIX)}
    dated = [(taken, path) for taken, path in dated if path not in labelled]
    kept = labelled | ({keep} if keep else set())
    # As borg's prune does: the newest backup of each period, newest periods first; a weekly pick that
    # a daily pick already kept does not count, so there are 7 days plus 4 older weeks.
    for period, wanted in ((lambda t: t.date(), DAILY_KEPT), (lambda t: t.isocalendar()[:2], WEEKLY_KEPT)):
        seen, added = set(), 0
        for taken, path in dated:
            if added == wanted:
                break
            if period(taken) in seen:
                continue
            seen.add(period(taken))
            if path not in kept:
                kept.add(path)
                added += 1
    removed = []
    for _taken, path in dated:
        if path not in kept:
            try:
                path.unlink()
            except FileNotFoundError:
                continue  # another host's rotation, sharing the folder, was first
            removed.append(path)
    return removed


def check_backup_file(path: Path) -> None:
    """:raise ValidationFailed: the file is missing, not a SQLite database, damaged, or not ours."""
    if not path.is_file():
        raise ValidationFailed(_("Het bestand %(path)s bestaat niet.", path=path))
    try:
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            verdict = connection.execute("PRAGMA integrity_check").fetchone()[0]
            ours = connection.execute(
                "SELECT count(*) FROM sqlite_master WHERE name IN ('alembic_version', 'course')"
            ).fetchone()[0]
        finally:
            connection.close()
    except sqlite3.DatabaseError as error:
        raise ValidationFailed(
            _("%(path)s is geen SQLite-database: %(error)s.", path=path, error=error)
        ) from error
    if verdict != "ok":
        raise ValidationFailed(_("%(path)s is beschadigd: %(verdict)s.", path=path, verdict=verdict))
    if ours != 2:
        raise ValidationFailed(_("%(path)s is geen reservekopie van het register.", path=path))


def restore(path: Path, now: datetime | None = None) -> tuple[Path, int]:
    """Replace the live database with a backup (keeping a copy of the current one first) and rebuild
    the search index from it. Returns the copy made before the restore and the courses indexed.

    :raise ValidationFailed: the file is not a sound backup of the registry.
    """
    check_backup_file(path)
    before = make_backup(now, label="voor-herstel")
    db.session.remove()
    db.engine.dispose()  # no pooled connection may hold the old pages
    _copy(sqlite3.connect(f"file:{path}?mode=ro", uri=True), live_database_file())
    upgrade()  # a backup from before the last release gets that release's migrations
    indexed = rebuild_search_index()
    record("backup.restored", "database", path.name, after={"previous": before.name})
    db.session.commit()
    return before, indexed


def rebuild_search_index() -> int:
    """Build the search index from the database as it is now (after a restore on any database)."""
    return sync.rebuild(sync.current_store(), db.engine)


def table_checksums(engine: sa.Engine) -> dict[str, tuple[int, str]]:
    """Per table: the number of rows and a SHA-256 over every row in primary-key order."""
    result: dict[str, tuple[int, str]] = {}
    metadata = sa.MetaData()
    metadata.reflect(engine)
    with engine.connect() as connection:
        for name, table in sorted(metadata.tables.items()):
            order = list(table.primary_key.columns) or list(table.columns)
            digest = hashlib.sha256()
            rows = 0
            for row in connection.execute(sa.select(table).order_by(*order)):
                digest.update(repr(tuple(row)).encode())
                rows += 1
            result[name] = (rows, digest.hexdigest())
    return result
