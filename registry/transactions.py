"""One unit of work per service action: all of it is committed, or none of it."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from flask_babel import gettext as _
from sqlalchemy import Engine, event
from sqlalchemy.orm.exc import StaleDataError

from registry.errors import Conflict
from registry.extensions import db


@contextmanager
def unit_of_work(
    conflict_message: str | None = None,
) -> Iterator[None]:
    """Commit what the block staged; on any error roll it all back.

    A row changed by someone else since we read it (optimistic lock) surfaces as a Conflict, whether
    it is noticed at an autoflush inside the block or at the final commit.
    """
    try:
        yield
        db.session.commit()
    except StaleDataError as error:
        db.session.rollback()
        raise Conflict(
            conflict_message or _("Iemand anders heeft dit intussen gewijzigd. Laad de pagina opnieuw.")
        ) from error
    except BaseException:
        db.session.rollback()
        raise


def use_write_ahead_log(engine: Engine) -> None:
    """Put a file SQLite database in write-ahead-log mode: readers and the one writer no longer wait
    for each other (with SQLite's default rollback journal a commit waits until no reader is left and
    holds every reader off while it writes, so a save under read load queued behind the reads)."""
    if engine.dialect.name != "sqlite" or engine.url.database in (None, "", ":memory:"):
        return
    if not event.contains(engine, "connect", _write_ahead_log):
        event.listen(engine, "connect", _write_ahead_log)


def _write_ahead_log(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")  # kept in the file; asking again costs nothing
    cursor.close()
