"""The audit trail is append-only."""

import pytest

from registry.audit.models import AuditEvent, AuditTrailIsAppendOnly
from registry.audit.service import record
from registry.extensions import db
from tests.conftest import count


def test_recorded_events_cannot_be_changed_or_deleted(app):
    event = record("course.published", "course", 7, before={"status": "draft"}, after={"status": "published"})
    db.session.commit()
    assert count(AuditEvent) == 1
    assert event.occurred_at.tzinfo is not None

    event.action = "something.else"
    with pytest.raises(AuditTrailIsAppendOnly):
        db.session.commit()
    db.session.rollback()

    db.session.delete(db.session.get(AuditEvent, event.id))
    with pytest.raises(AuditTrailIsAppendOnly):
        db.session.commit()
    db.session.rollback()
    assert db.session.get(AuditEvent, event.id).action == "course.published"
