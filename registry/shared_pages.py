"""Rendered public pages in a file every worker of the host shares, so a page is rendered once per host.

Each worker keeps the pages it rendered in memory (registry.page_cache); a worker that has not rendered
a page yet, or has just started, finds it here first. Pages are stored under the page cache's key, so
they can never be stale, with the state of the database they were rendered at: once that state has
moved on, the old pages are removed. At most ``MAX_PAGES`` are kept, the oldest removed first. Pages
that must do something for every visitor (count a search) stay in the memory of their worker.
The file is a cache: any failure to read or write it is logged and the page is rendered as before.
"""

from __future__ import annotations

import json
import logging
import sqlite3
from pathlib import Path

from registry.host_file import HostFile

log = logging.getLogger(__name__)

MAX_PAGES = 5000
_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS page (key TEXT PRIMARY KEY, state TEXT NOT NULL, status INTEGER NOT NULL,"
    " headers TEXT NOT NULL, body BLOB NOT NULL)"
)


class SharedPages:
    """Pages by cache key: (status, headers, body)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._file = HostFile(path, _SCHEMA)
        self._state = ""  # the state this process last stored pages at

    def get(self, key: str) -> tuple[int, list[tuple[str, str]], bytes] | None:
        try:
            row = (
                self._file.connection()
                .execute("SELECT status, headers, body FROM page WHERE key = ?", [key])
                .fetchone()
            )
        except sqlite3.Error:
            log.warning("shared pages %s could not be read", self.path, exc_info=True)
            return None
        if row is None:
            return None
        status, headers, body = row
        return status, [tuple(header) for header in json.loads(headers)], body

    def put(self, key: str, state: str, status: int, headers: list[tuple[str, str]], body: bytes) -> None:
        try:
            with self._file.transaction() as connection:
                if state != self._state:  # pages of an earlier state are never asked for again
                    connection.execute("DELETE FROM page WHERE state != ?", [state])
                    self._state = state
                connection.execute(
                    "INSERT OR REPLACE INTO page VALUES (?, ?, ?, ?, ?)",
                    [key, state, status, json.dumps(headers), body],
                )
                connection.execute(
                    "DELETE FROM page WHERE rowid <= (SELECT max(rowid) FROM page) - ?", [MAX_PAGES]
                )
        except sqlite3.Error:  # busy past the timeout, disk full: the page stays in this worker's memory
            log.warning("shared pages %s could not be written", self.path, exc_info=True)

    def clear(self) -> None:
        try:
            with self._file.transaction() as connection:
                connection.execute("DELETE FROM page")
        except sqlite3.Error:
            log.warning("shared pages %s could not be emptied", self.path, exc_info=True)
