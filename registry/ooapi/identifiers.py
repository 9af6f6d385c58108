"""Stable uuids for the records OOAPI serves: uuid5 of a fixed namespace and "<kind>:<id>".

OOAPI wants a uuid for every record; ours have integer ids. A name-based uuid (RFC 9562, version 5)
is the same every time it is computed, so anyone can derive it from the feed's id as well:
``uuid5(NAMESPACE, "course:42")``, ``"offering:7"`` (a course run), ``"organization:3"`` (a provider).
It is stored beside the id (filled in the flush that inserts the record) so a uuid in a URL is found
by an index.
"""

from __future__ import annotations

import uuid

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.orm import Mapper, Session, object_session
from sqlalchemy.orm.attributes import set_committed_value

from registry.catalogue.models import Course, CourseRun, Provider

# Never change this value: every uuid a harvester has stored is derived from it.
NAMESPACE = uuid.UUID("6f1c2a52-9d0e-5c3b-8a41-4b7e0c9d2f15")

KINDS: dict[type, str] = {Course: "course", CourseRun: "offering", Provider: "organization"}


def record_uuid(kind: str, record_id: int) -> str:
    """The uuid of record ``record_id`` of ``kind`` (course, offering or organization)."""
    return str(uuid.uuid5(NAMESPACE, f"{kind}:{record_id}"))


def parse_uuid(value: str) -> str | None:
    """``value`` in canonical form, or None when it is no uuid (so it names nothing)."""
    try:
        return str(uuid.UUID(value))
    except ValueError:
        return None


_PENDING = "ooapi.pending_uuids"


def _fill_uuid(_mapper: Mapper, _connection: sa.Connection, target: object) -> None:
    model = type(target)
    value = record_uuid(KINDS[model], target.id)  # type: ignore[attr-defined]
    set_committed_value(target, "uuid", value)
    session = object_session(target)
    if session is not None:
        session.info.setdefault(_PENDING, {}).setdefault(model, []).append({"_id": target.id, "_uuid": value})  # type: ignore[attr-defined]


def _write_uuids(session: Session, _flush_context: object) -> None:
    """One statement per table for all the rows the flush inserted, not one per row: a bulk import
    inserts thousands of courses and runs in a flush."""
    pending = session.info.pop(_PENDING, None)
    for model, rows in (pending or {}).items():
        table = model.__table__  # type: ignore[attr-defined]
        statement = (
            sa.update(table).where(table.c.id == sa.bindparam("_id")).values(uuid=sa.bindparam("_uuid"))
        )
        session.connection().execute(statement, rows)


def _forget(session: Session, *_args: object) -> None:
    session.info.pop(_PENDING, None)


def register_uuid_filling() -> None:
    """Give every new course, run and provider its uuid in the same flush that inserts it."""
    for model in KINDS:
        if not event.contains(model, "after_insert", _fill_uuid):
            event.listen(model, "after_insert", _fill_uuid)
    if not event.contains(Session, "after_flush", _write_uuids):
        event.listen(Session, "after_flush", _write_uuids)
        event.listen(Session, "after_rollback", _forget)
