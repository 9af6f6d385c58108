"""Weak passwords are refused where people choose them, with a Dutch explanation of why."""

from __future__ import annotations

import pytest

from registry.accounts import service
from registry.accounts.models import Role
from registry.extensions import db
from tests.accounts.test_credentials_end_with_the_password import newest_mail_to
from tests.accounts.test_sessions_and_login import link_secret
from tests.conftest import Browser
from tests.factories import make_user

PASSWORD = "correct horse battery staple"

WEAK = {
    "1234567890": "veelgebruikte wachtwoorden",
    "wachtwoord12": "voor de hand liggend woord",
    "aaaaaaaaaa": "herhalingen, reeksen of toetsenbordpatronen",
    "Kinderopvang2024!": "de naam van het register",
    "Scholingsregister1": "de naam van het register",
    "annadevries2026": "uw e-mailadres, uw naam",  # her own name
    "anna.devries@opvang.example": "uw e-mailadres, uw naam",  # her address
    "Anna.DeVries!": "uw e-mailadres, uw naam",
}


@pytest.fixture
def anna(app):
    user = make_user(Role.ORGANISATION, email="anna.devries@opvang.example")
    user.name = "Anna de Vries"
    db.session.commit()
    return user


@pytest.mark.parametrize(("weak", "reason"), WEAK.items())
def test_the_change_form_refuses_weak_passwords_and_says_why(app, anna, weak, reason):
    browser = Browser(app.test_client())
    browser.login(anna.email)
    refused = browser.post(
        "/account", "/account/wachtwoord", {"current_password": PASSWORD, "password": weak}
    )
    page = refused.get_data(as_text=True)
    assert refused.status_code == 422
    assert "Dit wachtwoord is te makkelijk te raden" in page and reason in page
    assert browser.client.get("/account").status_code == 200  # still signed in, nothing changed
    db.session.expire_all()
    assert service.authenticate(anna.email, PASSWORD, "10.1.1.1").id == anna.id


def test_the_reset_form_refuses_a_weak_password_and_keeps_the_link(app, anna):
    service.request_password_reset(anna.email)
    service.send_reset_links()  # the background job
    secret = link_secret(newest_mail_to(anna.email))
    browser = Browser(app.test_client())
    weak = {"secret": secret, "password": "1234567890", "password_again": "1234567890"}
    refused = browser.post("/wachtwoord/nieuw", "/wachtwoord/nieuw", weak)
    assert refused.status_code == 422 and "veelgebruikte wachtwoorden" in refused.get_data(as_text=True)
    strong = {
        "secret": secret,
        "password": "pinda kameel regenton",
        "password_again": "pinda kameel regenton",
    }
    assert browser.post("/wachtwoord/nieuw", "/wachtwoord/nieuw", strong).status_code == 302
