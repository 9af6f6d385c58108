"""Limits on failed sign-ins (and password re-checks) that nobody can turn against an account's owner.

Failures are rows in the database, so the limits hold across every worker and host. They count per
account *and* address: guesses from elsewhere never lock the owner out. An address has a ceiling across
accounts. Above a generous ceiling for one account as a whole (guessing spread over many addresses)
each address gets one try per window instead of five: that slows the attack, while the owner, who has
not failed from their own address, still gets in.
"""

from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa
from flask_babel import gettext as _

from registry.accounts.models import LoginAttempt
from registry.clock import utcnow
from registry.errors import DomainError
from registry.extensions import db

FAILURE_WINDOW = timedelta(minutes=15)
MAX_FAILURES_PER_PAIR = 5  # one account from one address
MAX_FAILURES_PER_ADDRESS = 20  # one address, all accounts
ACCOUNT_CEILING = 100  # one account, all addresses


class TooManyAttempts(DomainError):
    status = 429
    title = "Te veel pogingen"
    title_en = "Too many attempts"


def refuse_when_throttled(email: str, address: str) -> None:
    """:raise TooManyAttempts: over a limit; the caller checks no password."""
    since = utcnow() - FAILURE_WINDOW
    failures = sa.select(sa.func.count()).select_from(LoginAttempt).where(LoginAttempt.attempted_at >= since)
    for_account = db.session.scalar(failures.where(LoginAttempt.email == email)) or 0
    allowed_per_address = MAX_FAILURES_PER_PAIR if for_account < ACCOUNT_CEILING else 1
    for_pair = db.session.scalar(failures.where(LoginAttempt.email == email, LoginAttempt.address == address))
    for_address = db.session.scalar(failures.where(LoginAttempt.address == address))
    if (for_pair or 0) >= allowed_per_address or (for_address or 0) >= MAX_FAILURES_PER_ADDRESS:
        raise TooManyAttempts(_("Te veel mislukte pogingen. Probeer het over een kwartier opnieuw."))


def count_failure(email: str, address: str) -> None:
    """Note a wrong password (in the caller's unit of work)."""
    db.session.add(LoginAttempt(email=email, address=address))


def forget_failures(email: str, address: str) -> None:
    """After a sign-in: only this address's failures go; others' guesses at the account keep counting."""
    db.session.execute(
        sa.delete(LoginAttempt).where(LoginAttempt.email == email, LoginAttempt.address == address)
    )
