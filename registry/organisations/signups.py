"""Sign-ups nobody finished: the link to choose a password lapsed long ago, and the organisation and its
one account hold nothing else. A daily job removes them, so a typo in an address or a sign-up given up
halfway does not keep a name, an address and an organisation in the register for ever."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlalchemy as sa

from registry.accounts.models import PasswordResetToken, User
from registry.audit.models import AuditEvent
from registry.audit.service import record
from registry.extensions import db
from registry.organisations.models import Organisation
from registry.transactions import unit_of_work

# What a sign-up leaves by itself: its account, the account's set-password links, and the account as
# the actor of the sign-up's own audit event. Any other row that points at the organisation or the
# account (staff, locations, a shortlist, a token, a review) is data someone made: then it stays.
_OWN_ROWS = {"user", "password_reset_token", "audit_event"}
_SIGNUP_EVENT = "organisation.registered"


@dataclass(frozen=True)
class AbandonedSignup:
    organisation: Organisation
    account: User
    link_expired_at: datetime


def remove_abandoned_signups(now: datetime, after_days: int) -> int:
    """Remove each organisation whose sign-up link expired more than ``after_days`` before ``now`` and
    that has nothing but its never-used account; a daily job. Returns how many were removed."""
    found = abandoned_signups(now - timedelta(days=after_days))
    with unit_of_work():
        for signup in found:
            _remove(signup)
    return len(found)


def abandoned_signups(expired_before: datetime) -> list[AbandonedSignup]:
    """Sign-ups whose every link expired before ``expired_before``, never used, never signed in with,
    with one account and no other data."""
    one_account = (
        sa.select(User.organisation_id)
        .where(User.organisation_id.is_not(None))
        .group_by(User.organisation_id)
        .having(sa.func.count(User.id) == 1)
    )
    links = (
        sa.select(
            PasswordResetToken.user_id,
            sa.func.max(PasswordResetToken.expires_at).label("expired_at"),
            sa.func.count(PasswordResetToken.used_at).label("used"),
        )
        .group_by(PasswordResetToken.user_id)
        .subquery()
    )
    rows = db.session.execute(
        sa.select(Organisation, User, links.c.expired_at)
        .join(User, User.organisation_id == Organisation.id)
        .join(links, links.c.user_id == User.id)
        .where(
            Organisation.id.in_(one_account),
            User.password_hash.is_(None),
            User.last_login_at.is_(None),
            links.c.used == 0,
            links.c.expired_at < expired_before,
        )
        .order_by(Organisation.id)
    ).all()
    return [
        AbandonedSignup(organisation, account, expired_at)
        for organisation, account, expired_at in rows
        if not _has_other_data(organisation.id, account.id)
    ]


def _has_other_data(organisation_id: int, account_id: int) -> bool:
    """Whether any table holds a row about the organisation or the account beyond the sign-up's own.

    Read from the schema's foreign keys, so a table added later counts without being listed here.
    """
    for table in db.metadata.sorted_tables:
        for key in table.foreign_keys:
            target = key.column.table.name
            if table.name in _OWN_ROWS or target not in ("organisation", "user"):
                continue
            wanted = organisation_id if target == "organisation" else account_id
            if db.session.scalar(sa.select(key.parent).where(key.parent == wanted).limit(1)) is not None:
                return True
    # The account did something recorded besides signing up: it is not an abandoned sign-up.
    acted = sa.select(AuditEvent.id).where(
        AuditEvent.actor_id == account_id, AuditEvent.action != _SIGNUP_EVENT
    )
    return db.session.scalar(acted.limit(1)) is not None


def _remove(signup: AbandonedSignup) -> None:
    organisation, account = signup.organisation, signup.account
    record(
        "organisation.signup_removed",
        "organisation",
        organisation.id,
        before={
            "name": organisation.name,
            "kvk_number": organisation.kvk_number,
            "account_id": account.id,
            "link_expired_at": signup.link_expired_at.isoformat(),
        },
    )
    record("user.removed", "user", account.id, before={"organisation_id": organisation.id})
    # The sign-up's own event named this account as its actor; the account goes, so the event keeps
    # no pointer to it (the removal event above keeps its id). Nothing else of the trail changes.
    db.session.execute(
        sa.update(AuditEvent)
        .where(AuditEvent.actor_id == account.id, AuditEvent.action == _SIGNUP_EVENT)
        .values(actor_id=None)
    )
    db.session.execute(sa.delete(PasswordResetToken).where(PasswordResetToken.user_id == account.id))
    db.session.delete(account)
    db.session.flush()
    db.session.delete(organisation)
