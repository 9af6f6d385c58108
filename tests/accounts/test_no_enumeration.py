"""Nobody learns from the registry's answers whether an address has an account."""

from __future__ import annotations

import re
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


def without_form_tokens(page: str) -> str:
    """A page without its CSRF tokens, which are signed with the time and so differ from second to second."""
    return re.sub(r'name="csrf_token" value="[^"]+"', "", page)


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


SIGNUP = {
    "name": "Kinderopvang De Vlinder",
    "kvk_number": "87654321",
    "care_type": "dagopvang",
    "your_name": "Iris",
}


def sign_up(app, email: str):
    """Sign up as a stranger would; the answer, and the page it leads to."""
    browser = Browser(app.test_client())
    response = browser.post("/organisatie/aanmelden", "/organisatie/aanmelden", {**SIGNUP, "email": email})
    return response, without_form_tokens(
        browser.client.get(response.headers["Location"]).get_data(as_text=True)
    )


@pytest.mark.parametrize("role", list(Role))
def test_signing_up_with_a_taken_address_answers_as_for_a_new_one(app, role):
    from registry.organisations.models import Organisation

    owner = make_user(role, email=f"bezet-{role.value}@example.org")
    db.session.commit()
    taken, taken_page = sign_up(app, owner.email)
    fresh, fresh_page = sign_up(app, f"nieuw-{role.value}@example.org")
    assert taken.status_code == fresh.status_code == 302
    assert taken.headers["Location"] == fresh.headers["Location"]
    assert taken_page == fresh_page and "Kijk in uw e-mail" in taken_page

    # Nothing was made for the taken address; its owner hears of it, the new address gets its link.
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Organisation)) == 1
    to_owner = db.session.scalars(
        sa.select(OutboxMessage).where(OutboxMessage.recipient == owner.email)
    ).one()
    assert "Er bestaat al een account voor dit adres" in to_owner.body and "#" not in to_owner.body
    to_new = db.session.scalars(
        sa.select(OutboxMessage).where(OutboxMessage.recipient == f"nieuw-{role.value}@example.org")
    ).one()
    assert "/wachtwoord/nieuw#" in to_new.body


def test_inviting_a_colleague_does_not_reveal_an_address_in_use(app, people):
    from registry.accounts.models import User

    browser = Browser(app.test_client())
    browser.login(people.organisation.email)
    taken = people.official.email  # an official's account, elsewhere in the registry

    def invite(email: str) -> str:
        form = {"email": email, "name": "Collega"}
        page = browser.post("/planner", "/organisatie/collega", form, follow_redirects=True)
        return without_form_tokens(page.get_data(as_text=True).replace(email, "ADRES"))

    assert invite(taken) == invite("nieuwe.collega@example.org")
    assert db.session.get(User, people.official.id).organisation_id is None  # never attached
    notice = db.session.scalars(sa.select(OutboxMessage).where(OutboxMessage.recipient == taken)).one()
    assert "U heeft al een account" in notice.body
