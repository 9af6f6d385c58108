"""Demo data: deterministic for a seed, realistic, and honest about schemes."""

from datetime import date

import sqlalchemy as sa

from registry.catalogue.enums import CourseStatus
from registry.catalogue.models import Course, CourseRun, Provider
from registry.demo.generator import FICTIONAL_NOTICE, load_demo_sector
from registry.extensions import db
from registry.reviews.models import QualityMark
from registry.schemes.models import SchemeState, SubsidyScheme
from tests.conftest import count, empty_all_tables

DAY = date(2026, 11, 27)


def fingerprint() -> list:
    """Everything that describes the sector, without database ids (those are never reused)."""
    providers = db.session.execute(
        sa.select(Provider.name, Provider.kvk_number, Provider.city, Provider.status).order_by(
            Provider.kvk_number
        )
    ).all()
    courses = db.session.execute(
        sa.select(
            Provider.kvk_number,
            Course.title,
            Course.price,
            Course.study_load_hours,
            Course.delivery_mode,
            Course.status,
            Course.level,
        )
        .join(Course.provider)
        .order_by(Provider.kvk_number, Course.title, Course.price, Course.study_load_hours)
    ).all()
    runs = db.session.execute(
        sa.select(CourseRun.starts_on, CourseRun.city, CourseRun.seats).order_by(
            CourseRun.starts_on, CourseRun.city, CourseRun.seats
        )
    ).all()
    marks = db.session.execute(
        sa.select(QualityMark.awarded_on, QualityMark.valid_until, QualityMark.status).order_by(
            QualityMark.awarded_on, QualityMark.valid_until, QualityMark.status
        )
    ).all()
    return [providers, courses, runs, marks]


def test_the_same_seed_gives_the_same_sector_and_another_seed_another(app):
    load_demo_sector(courses=120, seed=7, today=DAY, batch_size=50)
    first = fingerprint()
    empty_all_tables()
    load_demo_sector(courses=120, seed=7, today=DAY, batch_size=33)  # batch size must not matter
    assert fingerprint() == first
    empty_all_tables()
    load_demo_sector(courses=120, seed=8, today=DAY)
    assert fingerprint() != first


def test_demo_sector_is_realistic(app):
    summary = load_demo_sector(courses=300, seed=2026, today=DAY)
    assert summary.providers == 40 and count(Provider) == 40
    assert count(Course) == 300
    assert all(FICTIONAL_NOTICE in d for d in db.session.scalars(sa.select(Provider.description)))
    published = db.session.scalar(sa.select(sa.func.count()).where(Course.status == CourseStatus.PUBLISHED))
    assert 250 < published < 300  # most published, some drafts and withdrawn
    statuses = {m.status_on(DAY) for m in db.session.scalars(sa.select(QualityMark))}
    assert {"valid", "expired", "suspended"} <= {s.value for s in statuses}
    titles = " ".join(db.session.scalars(sa.select(Course.title)))
    for topic in ("EHBO", "3F", "VVE", "coach"):
        assert topic.lower() in titles.lower(), topic
    assert count(CourseRun) > 300
    provinces = set(db.session.scalars(sa.select(CourseRun.province).where(CourseRun.province.is_not(None))))
    assert len(provinces) == 12


def test_schemes_have_honest_states_and_sources(app):
    load_demo_sector(courses=10, seed=1, today=DAY)
    schemes = {s.code: s for s in db.session.scalars(sa.select(SubsidyScheme))}
    assert schemes["STAP"].status_on(DAY).state is SchemeState.ENDED
    assert "dubbel" in schemes["STAP"].excludes.lower()
    assert "cursusgeld" in schemes["SLIM"].excludes.lower()
    assert schemes["OO-KINDEROPVANG"].status_on(DAY).state is SchemeState.OPEN
    # Sources and check dates are the reference data's (tests/reference/test_facts.py pins them).
    assert schemes["SLIM"].last_checked_on is not None


def test_demo_data_adds_to_reference_data_already_loaded(app):
    from registry.audit.models import AuditEvent
    from registry.reference.loader import load_reference

    load_reference(DAY)
    reference_events = count(AuditEvent)
    load_demo_sector(courses=10, seed=1, today=DAY)
    assert count(SubsidyScheme) == 5
    actions = set(
        db.session.scalars(sa.select(AuditEvent.action).order_by(AuditEvent.id).offset(reference_events))
    )
    assert not any(action.startswith("reference.") for action in actions)


def test_cli_loads_once_and_explains_why_not_twice(runner):
    result = runner.invoke(args=["demo-data", "--courses", "40", "--seed", "3", "--today", "2026-11-27"])
    assert result.exit_code == 0, result.output
    assert "40 opleidingen" in result.output
    again = runner.invoke(args=["demo-data", "--courses", "40"])
    assert again.exit_code != 0 and "bevat al aanbieders" in again.output
    skipped = runner.invoke(args=["demo-data", "--if-empty"])
    assert skipped.exit_code == 0 and "overgeslagen" in skipped.output
    assert count(Course) == 40
    bad_date = runner.invoke(args=["demo-data", "--today", "27-11-2026"])
    assert bad_date.exit_code == 2 and "YYYY-MM-DD" in bad_date.output


def test_demo_people_can_sign_in_and_find_work(runner, app, monkeypatch):
    from registry.accounts.service import authenticate
    from registry.reviews.models import Review, ReviewState

    monkeypatch.setenv("REGISTRY_DEMO_PASSWORD", "demo-wachtwoord-voor-test")
    result = runner.invoke(args=["demo-data", "--courses", "200", "--seed", "5", "--today", "2026-11-27"])
    assert result.exit_code == 0, result.output
    assert "demo-wachtwoord-voor-test" in result.output
    official = authenticate("beoordelaar1@demo.example", "demo-wachtwoord-voor-test", "127.0.0.1")
    assert official.role.value == "reviewer"
    provider = authenticate("aanbieder@demo.example", "demo-wachtwoord-voor-test", "127.0.0.1")
    assert len(provider.providers) == 1
    organisation = authenticate("organisatie@demo.example", "demo-wachtwoord-voor-test", "127.0.0.1")
    from registry.compliance.models import StaffMember

    assert organisation.organisation_admin
    staff = db.session.scalars(
        sa.select(StaffMember).where(StaffMember.organisation_id == organisation.organisation_id)
    ).all()
    assert len(staff) == 4 and all(member.certificates and member.locations for member in staff)
    submitted = db.session.scalars(sa.select(Review).where(Review.state == ReviewState.SUBMITTED)).all()
    assert submitted and all(r.proposal["title"] for r in submitted)
