"""Guessing at an account from elsewhere slows the guesser and never locks the owner out."""

from __future__ import annotations

import pytest

from registry.accounts import service
from registry.accounts.models import Role
from registry.accounts.signin_limits import ACCOUNT_CEILING
from registry.extensions import db
from tests.conftest import Browser
from tests.factories import make_user

PASSWORD = "correct horse battery staple"
ATTACKER = {"REMOTE_ADDR": "203.0.113.9"}
OWNER = {"REMOTE_ADDR": "198.51.100.7"}


@pytest.fixture
def official(app):
    user = make_user(Role.REVIEWER, email="beoordelaar@branche.example")
    db.session.commit()
    return user


def sign_in(browser: Browser, email: str, password: str, address: dict):
    return browser.post(
        "/inloggen", "/inloggen", {"email": email, "password": password}, environ_base=address
    )


def test_failures_from_one_address_do_not_lock_the_owner_out(app, official):
    attacker = Browser(app.test_client())
    for _ in range(service.MAX_FAILURES_PER_PAIR):
        assert sign_in(attacker, official.email, "een gok", ATTACKER).status_code == 401
    waits = sign_in(attacker, official.email, PASSWORD, ATTACKER)  # the guesser waits
    assert waits.status_code == 429 and waits.headers["Retry-After"] == "900"
    owner = Browser(app.test_client())
    assert sign_in(owner, official.email, PASSWORD, OWNER).status_code == 302


def test_guessing_from_many_addresses_slows_to_one_try_each_and_the_owner_still_gets_in(app, official):
    for n in range(ACCOUNT_CEILING):
        with pytest.raises(service.LoginFailed):
            service.authenticate(official.email, f"gok {n}", f"10.{n // 250}.{n % 250}.1")
    # Above the ceiling an address that failed once gets no second try this quarter of an hour...
    once_failed = Browser(app.test_client())
    assert sign_in(once_failed, official.email, PASSWORD, {"REMOTE_ADDR": "10.0.0.1"}).status_code == 429
    # ...a fresh address gets one...
    fresh = Browser(app.test_client())
    assert sign_in(fresh, official.email, "nog een gok", {"REMOTE_ADDR": "192.0.2.50"}).status_code == 401
    assert sign_in(fresh, official.email, "nog een gok", {"REMOTE_ADDR": "192.0.2.50"}).status_code == 429
    # ...and the owner, who has not failed, signs in.
    owner = Browser(app.test_client())
    assert sign_in(owner, official.email, PASSWORD, OWNER).status_code == 302
