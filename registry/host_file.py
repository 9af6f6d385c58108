"""A small SQLite file shared by the worker processes of one host: for caches and counters, never for
records.

Each thread of each process gets its own connection (sqlite3 connections do not survive a fork), the
file runs in write-ahead-log mode so readers and the one writer overlap, and nothing waits for the disk:
a crash may lose the last writes, which a cache can afford.
"""

from __future__ import annotations

import os
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

from flask import current_app

T = TypeVar("T")

SETUP_ATTEMPTS = 100  # 0.05 s apart


class HostFile:
    """Connections to the SQLite file at ``path``, made with ``schema`` (statements run on opening);
    a statement waits up to ``timeout`` seconds for another process's write."""

    def __init__(self, path: Path, *schema: str, timeout: float = 2) -> None:
        self.path = path
        self.schema = schema
        self.timeout = timeout
        self._local = threading.local()

    def connection(self) -> sqlite3.Connection:
        """This thread's connection (made again in a forked process)."""
        connection = getattr(self._local, "connection", None)
        if connection is None or self._local.pid != os.getpid():
            self.path.parent.mkdir(parents=True, exist_ok=True)
            connection = sqlite3.connect(self.path, timeout=self.timeout, isolation_level=None)
            # Workers starting together race to set the file up: switching the journal does not wait
            # for a lock as other statements do, so try again for a moment.
            for attempt in range(SETUP_ATTEMPTS):
                try:
                    connection.execute("PRAGMA journal_mode=WAL")
                    for statement in self.schema:
                        connection.execute(statement)
                    break
                except sqlite3.OperationalError:
                    if attempt == SETUP_ATTEMPTS - 1:
                        raise
                    time.sleep(0.05)
            connection.execute("PRAGMA synchronous=OFF")
            self._local.connection, self._local.pid = connection, os.getpid()
        return connection

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """This thread's connection in a write transaction, committed at the end (rolled back on an
        error). The write lock is taken at the start: a read turned write could not wait for it."""
        connection = self.connection()
        with connection:
            connection.execute("BEGIN IMMEDIATE")
            yield connection


def for_app(setting: str, make: Callable[[Path], T]) -> T | None:
    """The app's one ``make(path)`` for the file the setting ``setting`` names; None when it is empty."""
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    path = app.config.get(setting)
    if not path:
        return None
    found = app.extensions.get(setting)
    if found is None:
        found = app.extensions.setdefault(setting, make(Path(path)))
    return found
