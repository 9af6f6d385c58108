"""Opaque cursors for keyset pagination: the last id served, and the sync point of a change feed."""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from flask_babel import gettext as _

from registry.errors import ValidationFailed
from registry.extensions import db

DEFAULT_LIMIT = 50
# What encode_cursor writes: URL-safe base64 without padding.
CURSOR_PATTERN = r"^[A-Za-z0-9_-]*$"
MAX_LIMIT = 200


@dataclass(frozen=True)
class Cursor:
    """Where the next page starts: after ``after_id`` (in the course listing: after the change position
    ``after_seq`` and then ``after_id``); ``synced_until`` fixes a change feed's end."""

    after_id: int = 0
    synced_until: datetime | None = None
    after_seq: int | None = None


def encode_cursor(cursor: Cursor) -> str:
    """The cursor as a URL-safe token."""
    payload: dict[str, object] = {"a": cursor.after_id}
    if cursor.after_seq is not None:
        payload["s"] = cursor.after_seq
    if cursor.synced_until is not None:
        payload["u"] = cursor.synced_until.isoformat()
    raw = json.dumps(payload, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(token: str | None) -> Cursor:
    """Read a token made by :func:`encode_cursor`.

    :raise ValidationFailed: the token was not made by this API.
    """
    if not token:
        return Cursor()
    try:
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
        payload = json.loads(raw)
        after_id = payload["a"]
        synced_until = datetime.fromisoformat(payload["u"]) if "u" in payload else None
        after_seq = payload.get("s")
        if not isinstance(after_id, int) or after_id < 0:
            raise ValueError(after_id)
        if after_seq is not None and (not isinstance(after_seq, int) or after_seq < 0):
            raise ValueError(after_seq)
        if synced_until is not None and synced_until.tzinfo is None:
            raise ValueError(synced_until)
    except (ValueError, TypeError, KeyError, binascii.Error, UnicodeDecodeError) as error:
        message = _("Deze cursor is ongeldig; gebruik de 'next'-link uit het vorige antwoord.")
        raise ValidationFailed(message, fields={"cursor": [message]}) from error
    return Cursor(after_id=after_id, synced_until=synced_until, after_seq=after_seq)


def keyset_page(query: sa.Select, key: Any, cursor: Cursor, limit: int) -> tuple[list[Any], bool]:
    """The next ``limit`` rows of ``query`` after the cursor, in ``key`` order, and whether more follow.

    Keyset paging: the page starts after the last id served, so a record added or removed between two
    requests never shifts a page (an offset would skip or repeat one).
    """
    rows = db.session.scalars(query.where(key > cursor.after_id).order_by(key).limit(limit + 1)).all()
    return list(rows[:limit]), len(rows) > limit


def keyset_ids(ids: sa.Select | sa.CompoundSelect, cursor: Cursor, limit: int) -> tuple[list[int], bool]:
    """:func:`keyset_page` over a query of ids (a column named ``id``), such as a union of changed ids."""
    ids_query = ids.subquery()
    return keyset_page(sa.select(ids_query.c.id), ids_query.c.id, cursor, limit)
