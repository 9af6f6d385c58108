"""The audit trail for officials: filter by subject, actor, action and period; one event; CSV export."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import sqlalchemy as sa
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from marshmallow import EXCLUDE, fields, validate

from registry.accounts.models import User
from registry.audit.models import AuditEvent
from registry.errors import NotFound
from registry.extensions import db
from registry.reference.permissions import require_reference_maintainer
from registry.schema import Schema
from registry.spreadsheet import csv_writer
from registry.validation import load_or_fail

PAGE_SIZE = 100
EXPORT_LIMIT = 50_000


class AuditFilterSchema(Schema):
    """The trail's filters, as a query string gives them (all optional)."""

    class Meta:
        unknown = EXCLUDE

    subject_type = fields.String(validate=validate.Length(max=32))
    subject_id = fields.String(validate=validate.Length(max=64))
    actor = fields.String(validate=validate.Length(max=254))
    action = fields.String(validate=validate.Length(max=64))
    since = fields.Date(error_messages={"invalid": _l("Vul een datum in als JJJJ-MM-DD.")})
    until = fields.Date(error_messages={"invalid": _l("Vul een datum in als JJJJ-MM-DD.")})
    page = fields.Integer(
        load_default=1, validate=validate.Range(min=1, max=10_000, error=_l("1 tot 10000."))
    )


@dataclass(frozen=True)
class TrailPage:
    events: list[tuple[AuditEvent, User | None]]
    page: int
    has_next: bool
    subject_types: list[str]
    actions: list[str]


def _query(filters: dict[str, Any]) -> sa.Select:
    query = sa.select(AuditEvent, User).outerjoin(User, User.id == AuditEvent.actor_id)
    if filters.get("subject_type"):
        query = query.where(AuditEvent.subject_type == filters["subject_type"])
    if filters.get("subject_id"):
        query = query.where(AuditEvent.subject_id == filters["subject_id"])
    if filters.get("action"):
        query = query.where(AuditEvent.action == filters["action"])
    if filters.get("actor"):
        actor = filters["actor"].strip().lower()
        if actor in ("systeem", "system"):
            query = query.where(AuditEvent.actor_id.is_(None))
        else:
            query = query.where(sa.func.lower(User.email).contains(actor, autoescape=True))
    if filters.get("since"):
        query = query.where(AuditEvent.occurred_at >= _start_of(filters["since"]))
    if filters.get("until"):
        query = query.where(AuditEvent.occurred_at < _start_of(filters["until"] + timedelta(days=1)))
    return query.order_by(AuditEvent.id.desc())


def _start_of(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=UTC)


def trail(user: User | None, args: dict[str, Any]) -> TrailPage:
    """One page of events, newest first, with the values the filter lists offer.

    :raise PermissionDenied: not an official or admin.
    :raise ValidationFailed: a filter is invalid.
    """
    require_reference_maintainer(user)
    filters = load_or_fail(AuditFilterSchema(), {k: v for k, v in args.items() if v not in ("", None)})
    page = filters.get("page", 1)
    rows = db.session.execute(_query(filters).limit(PAGE_SIZE + 1).offset((page - 1) * PAGE_SIZE)).all()
    return TrailPage(
        events=[(row[0], row[1]) for row in rows[:PAGE_SIZE]],
        page=page,
        has_next=len(rows) > PAGE_SIZE,
        subject_types=list(
            db.session.scalars(
                sa.select(AuditEvent.subject_type).distinct().order_by(AuditEvent.subject_type)
            )
        ),
        actions=list(db.session.scalars(sa.select(AuditEvent.action).distinct().order_by(AuditEvent.action))),
    )


def event(user: User | None, event_id: int) -> tuple[AuditEvent, User | None]:
    """One event with its before and after.

    :raise PermissionDenied: not an official or admin.
    :raise NotFound: no such event.
    """
    require_reference_maintainer(user)
    found = db.session.get(AuditEvent, event_id)
    if found is None:
        raise NotFound(_("Deze gebeurtenis bestaat niet."))
    return found, db.session.get(User, found.actor_id) if found.actor_id else None


def export_csv(user: User | None, args: dict[str, Any]) -> Iterator[str]:
    """The filtered trail as CSV lines (at most EXPORT_LIMIT events), formulas neutralised.

    :raise PermissionDenied: not an official or admin.
    :raise ValidationFailed: a filter is invalid.
    """
    require_reference_maintainer(user)
    filters = load_or_fail(AuditFilterSchema(), {k: v for k, v in args.items() if v not in ("", None)})
    rows = db.session.execute(_query(filters).limit(EXPORT_LIMIT)).all()

    def lines() -> Iterator[str]:
        buffer = io.StringIO()
        writer = csv_writer(buffer)
        writer.writerow(
            ["id", "occurred_at", "actor", "action", "subject_type", "subject_id", "before", "after"]
        )
        for audit_event, actor in rows:
            writer.writerow(
                str(cell)
                for cell in (
                    audit_event.id,
                    audit_event.occurred_at.isoformat(),
                    actor.email if actor else "systeem",
                    audit_event.action,
                    audit_event.subject_type,
                    audit_event.subject_id,
                    json.dumps(audit_event.before, ensure_ascii=False)
                    if audit_event.before is not None
                    else "",
                    json.dumps(audit_event.after, ensure_ascii=False)
                    if audit_event.after is not None
                    else "",
                )
            )
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()

    return lines()
