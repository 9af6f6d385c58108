"""Reminders: certificates running out at 90 and 30 days, verdicts turning red, each e-mail once."""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa

from registry.compliance import reminders, service
from registry.compliance.models import StaffCertificate, StaffMember
from registry.extensions import db
from registry.notifications.models import OutboxMessage

CSV = (
    b"personeelsnummer;naam;functie;fte;locaties;werkt_met_babys;diplomas;ehbo_geldig_tot\n"
    b"1;A. de Vries;pedagogisch-medewerker;0,5;111111111;nee;mbo-4;30-06-2026\n"
)


def _seed(orgs):
    service.add_location(
        orgs.a_member, orgs.a.id, {"name": "De Boomhut", "lrk_number": "111111111", "care_type": "dagopvang"}
    )
    service.apply_import(orgs.a_member, orgs.a.id, "p.csv", CSV)


def _subjects() -> list[str]:
    return list(db.session.scalars(sa.select(OutboxMessage.subject).order_by(OutboxMessage.id)))


def test_certificate_reminders_at_90_and_30_days_once_each(orgs):
    _seed(orgs)
    assert reminders.send_reminders(date(2026, 3, 31)) == 0  # 91 days before 2026-06-30
    assert reminders.send_reminders(date(2026, 4, 1)) == 1  # 90 days
    assert reminders.send_reminders(date(2026, 4, 2)) == 0  # already sent
    assert reminders.send_reminders(date(2026, 5, 31)) == 1  # 30 days
    assert _subjects() == ["Certificaat kinder-ehbo van A. de Vries verloopt op 2026-06-30"] * 2
    assert set(db.session.scalars(sa.select(OutboxMessage.recipient))) == {"hr@zonnetje.example"}


def test_a_verdict_turning_red_is_announced_the_day_it_turns(orgs):
    _seed(orgs)
    member = db.session.scalar(sa.select(StaffMember))
    db.session.execute(sa.delete(StaffCertificate))
    member.certificates.append(StaffCertificate(kind="kinder-ehbo", valid_until=date(2026, 12, 31)))
    db.session.commit()
    reminders.send_reminders(date(2026, 12, 31))
    assert not [s for s in _subjects() if s.startswith("Actie nodig")]
    reminders.send_reminders(date(2027, 1, 1))
    assert "Actie nodig: Kinder-EHBO op elk kindercentrum, De Boomhut" in _subjects()


def test_reminders_and_staff_retention_are_daily_jobs(orgs):
    from datetime import UTC, datetime

    from registry.jobs.schedule import job_named

    _seed(orgs)
    morning = datetime(2026, 4, 1, 6, 0, tzinfo=UTC)  # 08:00 in Amsterdam: the 06:30 slot has begun
    assert job_named("compliance-reminders").run(morning) == {"queued": 1}
    assert job_named("staff-retention").run(morning) == {"erased": 0}
