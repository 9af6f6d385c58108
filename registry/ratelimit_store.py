"""Rate-limit counters shared by every gunicorn worker: in a file on the host, or in the database.

Flask-Limiter keeps its counters in a `limits` storage. In memory they multiply by the number of
workers; Redis shares them across hosts but is one more service to run. Two storages of our own:

- ``registry-local:///path/file.sqlite`` (the default): fixed-window counters in a small SQLite file
  beside the app, written without waiting for the disk. Every worker process on the host counts in the
  same file, so the limits hold across workers, and no public GET writes to the registry's database.
  Counters are lost with the file (a restart at most hands a client a fresh window).
- ``registry-db://``: the same counters in a table of the registry's database, shared by every host.
  It costs a database write per counted request; use it (or Redis) when several hosts serve one
  registry and no Redis is at hand.
"""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from limits.storage import Storage
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Mapped, mapped_column

from registry.extensions import db
from registry.host_file import HostFile


class RateLimitCounter(db.Model):
    """One fixed-window counter: how many hits ``key`` had, until the window ends."""

    key: Mapped[str] = mapped_column(sa.String(255), primary_key=True)
    count: Mapped[int] = mapped_column(default=0)
    expires_at: Mapped[float] = mapped_column(sa.Float, index=True)


class DatabaseStorage(Storage):
    """A `limits` storage on the registry's database (SQLite or PostgreSQL)."""

    STORAGE_SCHEME = ["registry-db"]

    def __init__(self, uri: str | None = None, wrap_exceptions: bool = False, **options: Any) -> None:
        super().__init__(uri, wrap_exceptions=wrap_exceptions, **options)

    @property
    def base_exceptions(self) -> type[Exception]:
        return sa.exc.SQLAlchemyError

    def incr(self, key: str, expiry: int, amount: int = 1) -> int:
        """Count a hit atomically: a new window starts when the old one has ended."""
        now = time.time()
        table = RateLimitCounter.__table__
        insert = (postgresql if db.engine.dialect.name == "postgresql" else sqlite).insert(table)
        statement = (
            insert.values(key=key, count=amount, expires_at=now + expiry)
            .on_conflict_do_update(
                index_elements=[table.c.key],
                set_={
                    "count": sa.case((table.c.expires_at <= now, amount), else_=table.c.count + amount),
                    "expires_at": sa.case(
                        (table.c.expires_at <= now, now + expiry), else_=table.c.expires_at
                    ),
                },
            )
            .returning(table.c.count)
        )
        with db.engine.begin() as connection:
            return connection.execute(statement).scalar_one()

    def get(self, key: str) -> int:
        with db.engine.connect() as connection:
            count = connection.scalar(
                sa.select(RateLimitCounter.count).where(
                    RateLimitCounter.key == key, RateLimitCounter.expires_at > time.time()
                )
            )
        return count or 0

    def get_expiry(self, key: str) -> float:
        with db.engine.connect() as connection:
            expires_at = connection.scalar(
                sa.select(RateLimitCounter.expires_at).where(RateLimitCounter.key == key)
            )
        return expires_at if expires_at and expires_at > time.time() else time.time()

    def check(self) -> bool:
        with db.engine.connect() as connection:
            connection.execute(sa.select(1))
        return True

    def reset(self) -> int | None:
        with db.engine.begin() as connection:
            return connection.execute(sa.delete(RateLimitCounter)).rowcount

    def clear(self, key: str) -> None:
        with db.engine.begin() as connection:
            connection.execute(sa.delete(RateLimitCounter).where(RateLimitCounter.key == key))

    def purge_expired(self) -> int:
        """Remove ended windows (run from time to time; old rows only take space)."""
        with db.engine.begin() as connection:
            return connection.execute(
                sa.delete(RateLimitCounter).where(RateLimitCounter.expires_at <= time.time())
            ).rowcount


class LocalFileStorage(Storage):
    """A `limits` storage in an SQLite file shared by the worker processes of one host."""

    STORAGE_SCHEME = ["registry-local"]
    _SCHEMA = "CREATE TABLE IF NOT EXISTS counter (key TEXT PRIMARY KEY, count INTEGER, expires_at REAL)"

    def __init__(self, uri: str | None = None, wrap_exceptions: bool = False, **options: Any) -> None:
        super().__init__(uri, wrap_exceptions=wrap_exceptions, **options)
        self.path = Path((uri or "").removeprefix("registry-local://"))
        # Counters need no fsync (they are not records); a busy file is waited for longer than a cache's.
        self._file = HostFile(self.path, self._SCHEMA, timeout=10)

    @property
    def base_exceptions(self) -> type[Exception]:
        return sqlite3.Error

    def _db(self) -> sqlite3.Connection:
        return self._file.connection()

    def incr(self, key: str, expiry: int, amount: int = 1) -> int:
        """Count a hit atomically across processes; a new window starts when the old one has ended."""
        now = time.time()
        row = (
            self._db()
            .execute(
                "INSERT INTO counter (key, count, expires_at) VALUES (?, ?, ?) "
                "ON CONFLICT (key) DO UPDATE SET "
                "count = CASE WHEN expires_at <= ? THEN excluded.count ELSE count + excluded.count END, "
                "expires_at = CASE WHEN expires_at <= ? THEN excluded.expires_at ELSE expires_at END "
                "RETURNING count",
                (key, amount, now + expiry, now, now),
            )
            .fetchone()
        )
        return int(row[0])

    def get(self, key: str) -> int:
        row = (
            self._db()
            .execute("SELECT count FROM counter WHERE key = ? AND expires_at > ?", (key, time.time()))
            .fetchone()
        )
        return int(row[0]) if row else 0

    def get_expiry(self, key: str) -> float:
        row = self._db().execute("SELECT expires_at FROM counter WHERE key = ?", (key,)).fetchone()
        now = time.time()
        return row[0] if row and row[0] > now else now

    def check(self) -> bool:
        self._db().execute("SELECT 1")
        return True

    def reset(self) -> int | None:
        return self._db().execute("DELETE FROM counter").rowcount

    def clear(self, key: str) -> None:
        self._db().execute("DELETE FROM counter WHERE key = ?", (key,))

    def purge_expired(self) -> int:
        """Remove ended windows (old rows only take space)."""
        return self._db().execute("DELETE FROM counter WHERE expires_at <= ?", (time.time(),)).rowcount
