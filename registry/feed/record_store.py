"""The course listing's encoded records in a file shared by every worker of the host, across restarts.

A worker's own record cache (registry.feed.record_cache) starts empty, and making a page of records
costs ~25 ms at 100,000 courses (the statements of the dump and the encoding): a harvester's first walk
would then run at 40 pages a second at best. Records made by any worker are kept here too, and the
nightly ``feed-records`` job makes every record of the new day, so a walk finds them made.

Records are kept as the listing sends them, with the start of each course's link (which depends on
the address a request came in on) left as a marker that :func:`with_links` fills in. Entries are
stamped as the record cache stamps them and one day's are kept: a changed course's record is made again.
The file is a cache: losing it loses nothing, and any failure to read or write it is only logged.
"""

from __future__ import annotations

import fcntl
import logging
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path

from registry.host_file import HostFile

log = logging.getLogger(__name__)

Stamp = tuple[int, datetime]  # (change_seq, changed_at)

# A course's link in a kept record starts with this; JSON writes it as "\u0000", which no text in the
# registry holds (input with NUL characters is refused), so only the links carry it.
LINK_MARKER = "\x00"
_ENCODED_MARKER = b'"\\u0000'

_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS record (id INTEGER PRIMARY KEY, day TEXT NOT NULL, seq INTEGER NOT NULL,"
    " changed TEXT NOT NULL, data BLOB NOT NULL)"
)
# The days whose every record was made (by the nightly job, or by a worker ahead of a walk).
_MADE_SCHEMA = "CREATE TABLE IF NOT EXISTS made_day (day TEXT PRIMARY KEY)"
# SQLite allows 999 parameters in a statement on older builds.
_CHUNK = 900


def with_links(data: bytes, link_prefix: str) -> bytes:
    """Records as kept, with each course link starting at ``link_prefix`` (JSON-encoded, no quotes)."""
    return data.replace(_ENCODED_MARKER, b'"' + link_prefix.encode())


class RecordStore:
    """Encoded records by course id, with the day and stamp each was made for."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._file = HostFile(path, _SCHEMA, _MADE_SCHEMA)

    def _db(self) -> sqlite3.Connection:
        return self._file.connection()

    def found(self, day: date, stamps: dict[int, Stamp]) -> dict[int, bytes]:
        """The kept records of ``stamps``' courses made on ``day`` with the stamp given."""
        hits: dict[int, bytes] = {}
        try:
            ids = list(stamps)
            for start in range(0, len(ids), _CHUNK):
                chunk = ids[start : start + _CHUNK]
                marks = ",".join("?" * len(chunk))
                rows = self._db().execute(
                    f"SELECT id, seq, changed, data FROM record WHERE day = ? AND id IN ({marks})",
                    [day.isoformat(), *chunk],
                )
                for course_id, seq, changed, data in rows:
                    seq_now, changed_now = stamps[course_id]
                    if seq == seq_now and changed == changed_now.isoformat():
                        hits[course_id] = data
        except sqlite3.Error:
            log.warning("feed record store %s could not be read", self.path, exc_info=True)
        return hits

    def keep(self, day: date, made: Iterable[tuple[int, Stamp, bytes]]) -> bool:
        """Keep records made for ``day`` (a course's older record is replaced); whether they were."""
        rows = [
            (course_id, day.isoformat(), seq, changed.isoformat(), data)
            for course_id, (seq, changed), data in made
        ]
        if not rows:
            return True
        try:
            with self._file.transaction() as connection:
                connection.executemany("INSERT OR REPLACE INTO record VALUES (?, ?, ?, ?, ?)", rows)
        except sqlite3.Error:  # busy past the timeout, disk full: the records are made again next time
            log.warning("feed record store %s could not be written", self.path, exc_info=True)
            return False
        return True

    def is_made(self, day: date) -> bool:
        """Whether every record of ``day`` was made (those of courses changed since are made again)."""
        try:
            query = "SELECT 1 FROM made_day WHERE day = ?"
            return self._db().execute(query, [day.isoformat()]).fetchone() is not None
        except sqlite3.Error:
            log.warning("feed record store %s could not be read", self.path, exc_info=True)
            return False

    def mark_made(self, day: date) -> None:
        try:
            self._db().execute("INSERT OR IGNORE INTO made_day VALUES (?)", [day.isoformat()])
        except sqlite3.Error:
            log.warning("feed record store %s could not be written", self.path, exc_info=True)

    @contextmanager
    def making(self, wait: bool) -> Iterator[bool]:
        """Whether this process may make a whole day's records now: one process of the host at a time,
        waiting for the other (``wait``) or not. The lock goes with the process, should it die."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with open(self.path.with_name(self.path.name + ".making"), "a") as lock:  # closing unlocks
            try:
                fcntl.flock(lock, fcntl.LOCK_EX if wait else fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                ours = False
            else:
                ours = True
            yield ours

    def clear(self) -> None:
        """Forget every record and every day made (the database they came from was emptied)."""
        try:
            with self._file.transaction() as connection:
                connection.execute("DELETE FROM made_day")
                connection.execute("DELETE FROM record")
        except sqlite3.Error:
            log.warning("feed record store %s could not be emptied", self.path, exc_info=True)

    def forget_before(self, day: date) -> int:
        """Remove records made for days before ``day``; how many."""
        try:
            with self._file.transaction() as connection:
                connection.execute("DELETE FROM made_day WHERE day < ?", [day.isoformat()])
                return connection.execute("DELETE FROM record WHERE day < ?", [day.isoformat()]).rowcount
        except sqlite3.Error:
            log.warning("feed record store %s could not be pruned", self.path, exc_info=True)
            return 0
