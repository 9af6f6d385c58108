"""Nobody learns from the registry's answers whether an address has an account."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest
import sqlalchemy as sa

from registry.accounts import service
from registry.accounts.models import Role
from registry.extensions import db
from registry.notifications.models import OutboxMessage
from tests.conftest import Browser
from tests.factories import make_user


@pytest.fixture
def official(app):
    user = make_user(Role.REVIEWER, email="beoordelaar@branche.example")
    db.session.commit()
    return user


@contextmanager
def statements() -> Iterator[list[str]]:
    """The SQL a request runs, without its parameters: what it costs, apart from the values."""
    seen: list[str] = []

    def note(_conn, _cursor, statement, _parameters, _context, _executemany):
        seen.append(statement)

    sa.event.listen(db.engine, "before_cursor_execute", note)
    try:
        yield seen
    finally:
        sa.event.remove(db.engine, "before_cursor_execute", note)


def outbox_count() -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(OutboxMessage))


def test_a_reset_request_does_the_same_work_for_known_and_unknown_addresses(app, official):
    browser = Browser(app.test_client())

    def ask(email: str):
        return browser.post("/wachtwoord/vergeten", "/wachtwoord/vergeten", {"email": email})

    ask("opwarmen@example.org")  # the rate limiter's counter exists from here on
    address = official.email
    with statements() as for_known:
        known = ask(address)
    with statements() as for_unknown:
        unknown = ask("niemand@example.org")
    assert known.status_code == unknown.status_code == 302
    assert known.headers["Location"] == unknown.headers["Location"]
    assert for_known == for_unknown and any("password_reset_request" in s for s in for_known)
    assert outbox_count() == 0  # the link is made and mailed in the background, not while asked

    assert service.send_reset_links() == {"requests": 3, "sent": 1}
    mails = db.session.scalars(sa.select(OutboxMessage)).all()
    assert [mail.recipient for mail in mails] == [official.email]
    assert service.send_reset_links() == {"requests": 0, "sent": 0}  # each request is handled once
