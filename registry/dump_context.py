"""Dumping marshmallow schemas for one day: states that follow the calendar (a mark's, a scheme's) read it.

The day travels in the marshmallow :class:`~marshmallow.experimental.context.Context` (``{"day": date}``)
with a memo (``"shared"``) for nested objects many records point at. The feed and the course page's
JSON-LD both dump this way.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from marshmallow import Schema
from marshmallow.experimental.context import Context


def context_day() -> date:
    """The day that calendar states are computed for (set by :func:`dump_with_day`)."""
    return Context[dict[str, Any]].get()["day"]


def shared_memo() -> dict[Any, Any] | None:
    """The memo of nested objects dumped once per dump, or None outside :func:`dump_with_day`."""
    return Context[dict[str, Any]].get().get("shared")


def dump_with_day(schema: Schema, obj: Any, day: date) -> Any:
    """Dump ``obj`` with states computed for ``day``."""
    with Context({"day": day, "shared": {}}):
        return schema.dump(obj)


def dump_records(schema: Schema, records: Iterable[Any], day: date) -> Iterable[Any]:
    """Dump records one at a time (for streaming) with states for ``day``."""
    with Context({"day": day, "shared": {}}):
        for record in records:
            yield schema.dump(record)
