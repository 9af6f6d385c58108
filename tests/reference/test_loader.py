"""`reference load` on a fresh database: real data with sources, idempotent, and officials' edits kept."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import sqlalchemy as sa

from registry.audit.models import AuditEvent
from registry.audit.official_edits import OfficialEdit
from registry.catalogue.models import AgeGroup, LegalRequirement, TargetRole, Topic
from registry.clock import utcnow
from registry.compliance.models import ComplianceRule
from registry.extensions import db
from registry.reference.loader import load_reference
from registry.reference.vocabularies import ALL
from registry.schemes.models import SubsidyScheme
from tests.conftest import count

DAY = date(2026, 11, 29)


def _scheme(code: str) -> SubsidyScheme:
    return db.session.scalar(sa.select(SubsidyScheme).where(SubsidyScheme.code == code))


def test_a_fresh_database_gets_every_vocabulary_with_its_source(app):
    report = load_reference(DAY)

    assert count(Topic) == 45 and count(TargetRole) == 11 and count(AgeGroup) == 3
    assert count(LegalRequirement) == 5 and count(SubsidyScheme) == 5 and count(ComplianceRule) == 6
    assert len(report.added) == sum(len(vocabulary.entries()) for vocabulary in ALL)
    assert count(AuditEvent) == len(report.added)
    assert not report.conflicts


def test_a_second_load_changes_nothing(app, runner):
    load_reference(DAY)
    events = count(AuditEvent)
    stamps = dict(db.session.execute(sa.select(SubsidyScheme.code, SubsidyScheme.updated_at)).all())

    result = runner.invoke(args=["reference", "load"])

    assert result.exit_code == 0, result.output
    assert "0 toegevoegd, 0 bijgewerkt, 0 buiten gebruik gesteld" in result.output
    assert count(AuditEvent) == events
    db.session.expire_all()
    assert dict(db.session.execute(sa.select(SubsidyScheme.code, SubsidyScheme.updated_at)).all()) == stamps


def test_a_changed_entry_is_updated_and_audited(app):
    load_reference(DAY)
    slim = _scheme("SLIM")
    slim.active_until = date(2026, 1, 1)
    slim.windows = []
    db.session.commit()

    report = load_reference(DAY)

    assert report.updated == ["subsidy_scheme SLIM"]
    db.session.expire_all()
    assert _scheme("SLIM").active_until == date(2029, 12, 31)
    assert len(_scheme("SLIM").windows) == 2
    event = db.session.scalar(sa.select(AuditEvent).where(AuditEvent.action == "reference.updated"))
    assert event.before["active_until"] == "2026-01-01" and event.after["active_until"] == "2029-12-31"
    assert event.actor_id is None


def test_an_officials_change_is_kept_and_reported_as_a_conflict(app):
    load_reference(DAY)
    slim = _scheme("SLIM")
    slim.cofinancing_percent = 35
    db.session.add(OfficialEdit(vocabulary="subsidy_scheme", key="SLIM", field="cofinancing_percent"))
    db.session.commit()

    report = load_reference(DAY)

    assert not report.changed
    assert [(c.key, c.field, c.current, c.in_file) for c in report.conflicts] == [
        ("SLIM", "cofinancing_percent", 35, 40)
    ]
    db.session.expire_all()
    assert _scheme("SLIM").cofinancing_percent == 35


def test_an_entry_that_left_the_file_is_retired_not_deleted(app):
    load_reference(DAY)
    db.session.add(Topic(slug="oud-thema", name="Oud thema"))
    db.session.add(Topic(slug="eigen-thema", name="Eigen thema van beheer"))
    db.session.add(OfficialEdit(vocabulary="topic", key="eigen-thema", field="*"))
    db.session.commit()

    report = load_reference(DAY)

    assert report.retired == ["topic oud-thema"]
    topics = dict(db.session.execute(sa.select(Topic.slug, Topic.retired_on)).all())
    assert topics["oud-thema"] == DAY and topics["eigen-thema"] is None
    assert not load_reference(DAY).changed


def test_a_changed_topic_name_moves_its_courses_in_the_feed(app, people):
    from tests.factories import make_course

    load_reference(DAY)
    topic = db.session.scalar(sa.select(Topic).where(Topic.slug == "kinder-ehbo"))
    course = make_course(topics=[topic])
    db.session.commit()
    before = course.changed_at
    topic.name = "Oude naam"
    db.session.commit()
    db.session.expire_all()
    assert course.changed_at > before - timedelta(seconds=1)
    moment: datetime = utcnow()

    load_reference(DAY)

    db.session.expire_all()
    assert course.changed_at >= moment
