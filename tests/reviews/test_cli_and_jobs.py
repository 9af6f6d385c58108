"""Operator commands and the daily job: users, tokens, expiring marks with reminders."""

from __future__ import annotations

from datetime import date, timedelta

import sqlalchemy as sa

from registry.accounts.models import Role, User
from registry.accounts.service import user_for_api_token
from registry.clock import today
from registry.extensions import db
from registry.notifications.models import OutboxMessage
from registry.notifications.service import send_pending
from registry.reviews import service
from registry.reviews.models import MarkStatus, Review, ReviewState
from tests.factories import case_in_state, make_mark


def test_users_create_and_tokens_create(runner, people, monkeypatch):
    monkeypatch.setenv("REGISTRY_PASSWORD", "een sterk wachtwoord")
    result = runner.invoke(
        args=["users", "create", "Nieuw@Kindwijs.example", "--role", "provider", "--provider", "kindwijs"]
    )
    assert result.exit_code == 0, result.output
    user = db.session.scalars(sa.select(User).where(User.email == "nieuw@kindwijs.example")).one()
    assert user.role is Role.PROVIDER and [p.slug for p in user.providers] == ["kindwijs"]
    assert user.password_hash.startswith("$argon2id$")

    duplicate = runner.invoke(args=["users", "create", "nieuw@kindwijs.example", "--role", "provider"])
    assert duplicate.exit_code == 1 and "bestaat al" in duplicate.output
    unknown = runner.invoke(
        args=["users", "create", "x@y.example", "--role", "provider", "--provider", "nee"]
    )
    assert unknown.exit_code == 1 and "Onbekende aanbieder" in unknown.output

    tokens = runner.invoke(args=["tokens", "create", "nieuw@kindwijs.example"])
    assert tokens.exit_code == 0
    secret = tokens.output.strip().splitlines()[-1]
    assert user_for_api_token(secret).email == "nieuw@kindwijs.example"


def test_prompted_password_when_no_environment_variable(runner, people, monkeypatch):
    monkeypatch.delenv("REGISTRY_PASSWORD", raising=False)
    result = runner.invoke(
        args=["users", "create", "beheer2@branche.example", "--role", "admin"],
        input="lang genoeg wachtwoord\nlang genoeg wachtwoord\n",
    )
    assert result.exit_code == 0, result.output


def test_marks_expire_is_idempotent_and_reminds_60_and_14_days_ahead(runner, people):
    day = date(2026, 11, 27)
    lapsed = case_in_state(people, ReviewState.APPROVED)
    lapsed.marks[0].valid_until = day - timedelta(days=1)
    make_mark(
        course=case_in_state(people, ReviewState.DRAFT).course,
        awarded_on=date(2024, 1, 1),
        valid_until=day + timedelta(days=60),
    )
    make_mark(
        course=case_in_state(people, ReviewState.DRAFT).course,
        awarded_on=date(2024, 1, 1),
        valid_until=day + timedelta(days=14),
    )
    db.session.commit()

    first = runner.invoke(args=["marks", "expire", "--today", day.isoformat()])
    assert first.exit_code == 0 and "1 verlopen, 2 herinneringen" in first.output
    assert db.session.get(Review, lapsed.id).state is ReviewState.EXPIRED
    assert db.session.get(Review, lapsed.id).marks[0].status is MarkStatus.EXPIRED
    second = runner.invoke(args=["marks", "expire", "--today", day.isoformat()])
    assert "0 verlopen, 0 herinneringen" in second.output
    subjects = db.session.scalars(sa.select(OutboxMessage.subject)).all()
    assert sum("verloopt over 60 dagen" in s for s in subjects) == 1
    assert sum("verloopt over 14 dagen" in s for s in subjects) == 1


def test_outbox_sends_to_the_log_without_smtp_and_keeps_failures(app, people):
    from registry.notifications.service import queue_email

    queue_email("a@example.org", "Onderwerp", "Tekst")
    db.session.commit()
    assert send_pending() == 1
    assert send_pending() == 0  # nothing twice
    app.config["MAIL_SERVER"] = "127.0.0.1"
    app.config["MAIL_PORT"] = 1  # nothing listens: the message stays queued with its error
    try:
        queue_email("b@example.org", "Onderwerp", "Tekst")
        db.session.commit()
        assert send_pending() == 0
        failed = db.session.scalars(
            sa.select(OutboxMessage).where(OutboxMessage.recipient == "b@example.org")
        ).one()
        assert failed.sent_at is None and failed.attempts == 1 and failed.last_error
    finally:
        app.config.pop("MAIL_SERVER")
        app.config.pop("MAIL_PORT")


def test_dashboard_counts_median_and_expiring(people):
    day = today()
    for state in (ReviewState.SUBMITTED, ReviewState.SUBMITTED, ReviewState.IN_REVIEW):
        case_in_state(people, state)
    decided = case_in_state(people, ReviewState.APPROVED)
    from registry.clock import utcnow

    decided.submitted_at = utcnow() - timedelta(days=10)
    decided.decided_at = utcnow()
    decided.marks[0].awarded_on = day - timedelta(days=100)
    decided.marks[0].valid_until = day + timedelta(days=30)
    db.session.commit()
    board = service.official_dashboard(people.official, day)
    assert board.cases_per_state[ReviewState.SUBMITTED] == 2
    assert board.cases_per_state[ReviewState.IN_REVIEW] == 1
    assert board.median_days_to_decision == 10.0
    assert [m.id for m in board.expiring_marks] == [decided.marks[0].id]
