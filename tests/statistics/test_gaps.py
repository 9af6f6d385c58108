"""Coverage gaps: recorded as they open and close, shown to officials, announced weekly by e-mail."""

from __future__ import annotations

from datetime import timedelta

import pytest
import sqlalchemy as sa

from registry.accounts.models import Role
from registry.audit.models import AuditEvent
from registry.catalogue.enums import ProviderStatus, Province
from registry.errors import PermissionDenied
from registry.extensions import db
from registry.notifications.models import OutboxMessage
from registry.statistics import service
from registry.statistics.models import CoverageGap
from tests.factories import make_run, make_user
from tests.statistics.conftest import D


def open_gaps() -> set[tuple[str, Province]]:
    rows = db.session.scalars(sa.select(CoverageGap).where(CoverageGap.closed_on.is_(None)))
    return {(row.requirement_code, row.province) for row in rows}


@pytest.fixture
def officials(app):
    return [
        make_user(Role.REVIEWER, email="vlekken@branche.example"),
        make_user(Role.ADMIN, email="regie@branche.example"),
    ]


def test_the_daily_snapshot_opens_and_closes_gaps(sector):
    service.take_snapshot(D)
    assert len(open_gaps()) == 21
    assert ("babyscholing", Province.GELDERLAND) in open_gaps()
    # A new accredited run in Gelderland within 3 months closes that gap the next day.
    make_run(sector.courses["C2"], D + timedelta(days=20), province=Province.GELDERLAND, city="Arnhem")
    db.session.commit()
    service.take_snapshot(D + timedelta(days=1))
    assert ("babyscholing", Province.GELDERLAND) not in open_gaps()
    closed = db.session.scalar(sa.select(CoverageGap).where(CoverageGap.closed_on.is_not(None)))
    assert (closed.province, closed.closed_on) == (Province.GELDERLAND, D + timedelta(days=1))


def test_weekly_alert_mails_officials_what_opened_and_closed_once(sector, officials):
    make_user(Role.PROVIDER, email="aanbieder@p1.example")
    assert service.send_gap_alerts(D) == 2  # the first alert lists every open gap, to both officials
    messages = db.session.scalars(sa.select(OutboxMessage)).all()
    assert {m.recipient for m in messages} == {"vlekken@branche.example", "regie@branche.example"}
    assert "Babyscholing in Gelderland" in messages[0].body
    assert service.send_gap_alerts(D) == 0  # nothing new: nothing sent

    # Suspending the only provider with kinder-EHBO in Noord-Holland opens a gap there ...
    sector.courses["C6"].provider.status = ProviderStatus.SUSPENDED
    # ... and a run in Gelderland closes one.
    make_run(sector.courses["C2"], D + timedelta(days=20), province=Province.GELDERLAND, city="Arnhem")
    db.session.commit()
    assert service.send_gap_alerts(D + timedelta(days=7)) == 2
    latest = db.session.scalars(sa.select(OutboxMessage).order_by(OutboxMessage.id.desc())).first()
    assert "Nieuw zonder aanbod:\n- Kinder-EHBO in Noord-Holland" in latest.body
    assert "Weer aanbod:\n- Babyscholing in Gelderland" in latest.body
    assert (
        db.session.scalar(sa.select(sa.func.count()).where(AuditEvent.action == "statistics.gap_alert")) == 2
    )


def test_a_gap_that_opened_and_closed_between_alerts_is_no_news(sector, officials):
    service.send_gap_alerts(D)
    make_run(sector.courses["C2"], D + timedelta(days=20), province=Province.LIMBURG, city="Venlo")
    db.session.commit()
    service.take_snapshot(D + timedelta(days=1))  # Limburg closes ...
    assert service.send_gap_alerts(D + timedelta(days=7)) == 2  # ... and that closing is news
    assert (
        "Babyscholing in Limburg"
        in db.session.scalars(sa.select(OutboxMessage.body).order_by(OutboxMessage.id.desc())).first()
    )


def test_the_gap_panel_is_for_officials_only(sector, officials, people):
    panel = service.gap_panel(officials[0], D)
    assert len(panel.gaps) == 21
    for user in (None, people.member, people.organisation):
        with pytest.raises(PermissionDenied):
            service.gap_panel(user, D)


def test_the_cli_commands(sector, officials, runner):
    result = runner.invoke(args=["statistics", "snapshot", "--today", D.isoformat()])
    assert result.exit_code == 0 and "11-2026" in result.output
    result = runner.invoke(args=["statistics", "gap-alerts", "--today", D.isoformat()])
    assert result.exit_code == 0 and "2 e-mails" in result.output
