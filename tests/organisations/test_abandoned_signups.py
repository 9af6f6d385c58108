"""The daily job removes sign-ups nobody finished (link lapsed, nothing in them) and keeps every other."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import sqlalchemy as sa
from werkzeug.datastructures import MultiDict

from registry.accounts import service as accounts
from registry.accounts.models import PasswordResetToken, User
from registry.audit.models import AuditEvent
from registry.clock import utcnow
from registry.compliance.models import StaffMember
from registry.extensions import db
from registry.jobs.schedule import job_named
from registry.notifications.models import OutboxMessage
from registry.organisations import service as organisations
from registry.organisations.models import Organisation
from tests.accounts.test_sessions_and_login import link_secret
from tests.organisations.test_organisation_pages import SIGNUP


def sign_up(name: str, email: str) -> User:
    """A sign-up as the form makes it: an organisation, its account without password, a link mailed."""
    form = MultiDict({**SIGNUP, "name": name, "email": email})  # as the sign-up form posts it
    user = organisations.register_organisation(form)
    assert user is not None and user.password_hash is None
    return user


def links_expire(user: User, expired_at: datetime) -> None:
    db.session.execute(
        sa.update(PasswordResetToken)
        .where(PasswordResetToken.user_id == user.id)
        .values(expires_at=expired_at)
    )
    db.session.commit()


def names() -> list[str]:
    db.session.expire_all()
    return sorted(db.session.scalars(sa.select(Organisation.name)))


def test_the_job_removes_an_abandoned_sign_up_and_keeps_the_others(app):
    now = datetime(2027, 3, 1, 4, 0, tzinfo=UTC)  # 05:00 in Amsterdam: the 03:45 slot has begun
    long_ago, lately = now - timedelta(days=31), now - timedelta(days=29)

    abandoned = sign_up("Verlaten Opvang", "weg@verlaten.example")
    links_expire(abandoned, long_ago)
    recent = sign_up("Recente Opvang", "nog@recent.example")  # lapsed 29 days ago: not yet
    links_expire(recent, lately)
    confirmed = sign_up("Bevestigde Opvang", "klaar@bevestigd.example")
    mail = db.session.scalars(
        sa.select(OutboxMessage).where(OutboxMessage.recipient == confirmed.email)
    ).one()
    accounts.reset_password(link_secret(mail), "een lang wachtwoord")
    links_expire(confirmed, long_ago)
    with_colleague = sign_up("Opvang Met Collega", "een@collega.example")
    db.session.add(
        User(
            email="twee@collega.example",
            role=with_colleague.role,
            organisation_id=with_colleague.organisation_id,
        )
    )
    links_expire(with_colleague, long_ago)
    with_staff = sign_up("Opvang Met Personeel", "hr@personeel.example")
    db.session.add(
        StaffMember(
            organisation_id=with_staff.organisation_id,
            employee_number="1",
            name="A.",
            role="groepshulp",
            fte=Decimal(1),
        )
    )
    links_expire(with_staff, long_ago)
    signed_in_once = sign_up("Opvang Ooit Ingelogd", "ooit@ingelogd.example")
    signed_in_once.last_login_at = utcnow()
    links_expire(signed_in_once, long_ago)
    abandoned_id, organisation_id = abandoned.id, abandoned.organisation_id

    assert job_named("abandoned-signups").run(now) == {"removed": 1}

    assert names() == [
        "Bevestigde Opvang",
        "Opvang Met Collega",
        "Opvang Met Personeel",
        "Opvang Ooit Ingelogd",
        "Recente Opvang",
    ]
    assert db.session.get(User, abandoned_id) is None
    assert (
        db.session.scalar(sa.select(PasswordResetToken.id).where(PasswordResetToken.user_id == abandoned_id))
        is None
    )
    removed = db.session.scalars(
        sa.select(AuditEvent).where(AuditEvent.action == "organisation.signup_removed")
    ).one()
    assert removed.subject_id == str(organisation_id) and removed.actor_id is None
    assert removed.before["name"] == "Verlaten Opvang" and removed.before["account_id"] == abandoned_id
    assert removed.before["link_expired_at"] == long_ago.isoformat()
    assert db.session.scalars(
        sa.select(AuditEvent.subject_id).where(AuditEvent.action == "user.removed")
    ).all() == [str(abandoned_id)]
    # The sign-up's own event stays in the trail, without a pointer to the account that is gone.
    registered = db.session.scalars(
        sa.select(AuditEvent).where(
            AuditEvent.action == "organisation.registered", AuditEvent.subject_id == str(organisation_id)
        )
    ).one()
    assert registered.actor_id is None

    # Run again the next day: nothing more to remove; the recent one is kept until its 30 days are over.
    assert job_named("abandoned-signups").run(now + timedelta(days=1)) == {"removed": 0}
    assert job_named("abandoned-signups").run(now + timedelta(days=2)) == {"removed": 1}
    assert "Recente Opvang" not in names()


def test_the_number_of_days_comes_from_the_configuration(app):
    now = datetime(2027, 3, 1, 4, 0, tzinfo=UTC)
    abandoned = sign_up("Verlaten Opvang", "weg@verlaten.example")
    links_expire(abandoned, now - timedelta(days=31))
    app.config["ABANDONED_SIGNUP_DAYS"] = 60
    try:
        assert job_named("abandoned-signups").run(now) == {"removed": 0}
        assert job_named("abandoned-signups").run(now + timedelta(days=30)) == {"removed": 1}
    finally:
        app.config["ABANDONED_SIGNUP_DAYS"] = 30
    assert names() == []
