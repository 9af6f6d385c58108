"""/beheer/achtergrond: administrators see the schedule, runs, queue and failures, and can retry."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
import sqlalchemy as sa

from registry.audit.models import AuditEvent
from registry.errors import InvalidTransition, PermissionDenied
from registry.extensions import db
from registry.jobs import runner, service
from registry.jobs.schedule import job_named
from registry.notifications.models import MessageStatus, OutboxMessage
from registry.notifications.service import queue_email

PAGE = "/beheer/achtergrond"


def _parked() -> OutboxMessage:
    queue_email("weg@example.org", "Onbestelbaar", "Tekst")
    db.session.commit()
    message = db.session.scalars(sa.select(OutboxMessage)).one()
    message.status, message.last_error, message.attempts = MessageStatus.PARKED, "550 No such user", 1
    db.session.commit()
    return message


@pytest.mark.parametrize("role", ["member", "official", "organisation", None])
def test_only_admins_see_the_background_work(app, people, role):
    user = getattr(people, role) if role else None
    with pytest.raises(PermissionDenied):
        service.background_overview(user, datetime.now(UTC))
    message = _parked()
    with pytest.raises(PermissionDenied):
        service.retry_message(user, message.id)
    db.session.refresh(message)
    assert message.status is MessageStatus.PARKED


def test_admin_page_shows_runs_queue_and_failures_and_retries(app, people, browser_client):
    member_email, admin_email, admin_id = people.member.email, people.admin.email, people.admin.id
    runner.run_due([job_named("job-runs-prune")], datetime(2026, 12, 1, 12, tzinfo=UTC), "host-a")
    message = _parked()
    queue_email("wacht@example.org", "In de rij", "Tekst")
    db.session.commit()

    assert browser_client.client.get(PAGE).status_code in (302, 401)
    browser_client.login(member_email)
    assert browser_client.client.get(PAGE).status_code == 403
    browser_client.logout()
    browser_client.login(admin_email)
    page = browser_client.client.get(PAGE).get_data(as_text=True)
    assert "Oude taakverslagen opruimen" in page and "host-a" in page
    assert "550 No such user" in page and "wacht@example.org" in page

    response = browser_client.post(PAGE, f"{PAGE}/berichten/{message.id}/opnieuw", follow_redirects=True)
    assert "staat weer in de wachtrij" in response.get_data(as_text=True)
    db.session.refresh(message)
    assert message.status is MessageStatus.PENDING and message.attempts == 0
    event = db.session.scalars(
        sa.select(AuditEvent).where(AuditEvent.action == "outbox_message.requeued")
    ).one()
    assert event.actor_id == admin_id
    with pytest.raises(InvalidTransition):
        service.retry_message(db.session.get(type(people.admin), admin_id), message.id)  # not parked now
    again = browser_client.post(PAGE, f"{PAGE}/berichten/{message.id}/opnieuw")
    assert again.status_code == 409
