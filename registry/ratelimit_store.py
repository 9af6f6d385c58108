"""Rate-limit counters in the registry's own database, shared by every gunicorn worker and host.

Flask-Limiter keeps its counters in a `limits` storage. In memory they multiply by the number of
workers; Redis shares them but is one more service to run. This storage ("registry-db://") keeps
fixed-window counters in a small table instead; Redis stays the choice where it is configured.
"""

from __future__ import annotations

import time
from typing import Any

import sqlalchemy as sa
from limits.storage import Storage
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Mapped, mapped_column

from registry.extensions import db


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
