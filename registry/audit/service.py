"""Writing audit events; callers add them in the same transaction as the change they record."""

from __future__ import annotations

from typing import Any

from registry.audit.models import AuditEvent
from registry.extensions import db


def record(
    action: str,
    subject_type: str,
    subject_id: object,
    *,
    actor_id: int | None = None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> AuditEvent:
    """Add an audit event to the current transaction (committed or rolled back with the change)."""
    event = AuditEvent(
        action=action,
        subject_type=subject_type,
        subject_id=str(subject_id),
        actor_id=actor_id,
        before=before,
        after=after,
    )
    db.session.add(event)
    return event


def update_with_audit(
    obj: Any, values: dict[str, Any], action: str, subject_type: str, *, actor_id: int | None
) -> None:
    """Set ``values`` on ``obj`` and record the fields as they were and as they are now."""
    before = {field: str(getattr(obj, field)) for field in values}
    for field, value in values.items():
        setattr(obj, field, value)
    record(
        action,
        subject_type,
        obj.id,
        actor_id=actor_id,
        before=before,
        after={field: str(value) for field, value in values.items()},
    )
