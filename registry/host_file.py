"""A small SQLite file shared by the worker processes of one host: for caches, never for records.

Each thread of each process gets its own connection (sqlite3 connections do not survive a fork), the
file runs in write-ahead-log mode so readers and the one writer overlap, and nothing waits for the disk:
a crash may lose the last writes, which a cache can afford.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from flask import current_app

T = TypeVar("T")


class HostFile:
    """Connections to the SQLite file at ``path``, made with ``schema`` (statements run on opening)."""

    def __init__(self, path: Path, *schema: str) -> None:
        self.path = path
        self.schema = schema
        self._local = threading.local()

    def connection(self) -> sqlite3.Connection:
        connection = getattr(self._local, "connection", None)
        if connection is None or self._local.pid != os.getpid():
            self.path.parent.mkdir(parents=True, exist_ok=True)
            connection = sqlite3.connect(self.path, timeout=2, isolation_level=None)
            for _attempt in range(50):  # workers starting together race to set the file up
                try:
                    connection.execute("PRAGMA journal_mode=WAL")
                    for statement in self.schema:
                        connection.execute(statement)
                    break
                except sqlite3.OperationalError:
                    threading.Event().wait(0.02)
            connection.execute("PRAGMA synchronous=OFF")
            self._local.connection, self._local.pid = connection, os.getpid()
        return connection


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
