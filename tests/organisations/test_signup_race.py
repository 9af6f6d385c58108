"""Six people sign up with one e-mail address at the same moment: one account, and every one of them gets
the same "check your mail" answer (never an error page, never a hint that the address exists)."""

from __future__ import annotations

import threading

import sqlalchemy as sa

from registry.accounts.models import User
from registry.extensions import db
from registry.organisations.models import Organisation
from tests.conftest import Browser
from tests.organisations.test_organisation_pages import SIGNUP

PEOPLE = 6


def test_simultaneous_sign_ups_with_one_address_make_one_account(app):
    browsers = [Browser(app.test_client()) for _ in range(PEOPLE)]
    tokens = [browser.csrf_from("/organisatie/aanmelden") for browser in browsers]
    start = threading.Barrier(PEOPLE)
    answers: list[tuple[int, str]] = []

    def sign_up(index: int) -> None:
        form = {
            **SIGNUP,
            "name": f"Kinderopvang De Rups {index}",  # different organisations, one address
            "csrf_token": tokens[index],
        }
        start.wait()
        response = browsers[index].client.post("/organisatie/aanmelden", data=form)
        answers.append((response.status_code, response.get_data(as_text=True)))

    threads = [threading.Thread(target=sign_up, args=(i,)) for i in range(PEOPLE)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    statuses = sorted(status for status, _body in answers)
    assert statuses == [302] * PEOPLE, statuses  # each to "kijk in uw e-mail"
    db.session.expire_all()
    assert db.session.scalar(sa.select(sa.func.count()).select_from(User)) == 1
    # Nothing half-saved: the refused sign-ups left no organisation without an account behind.
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Organisation)) == 1
