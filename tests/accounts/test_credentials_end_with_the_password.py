"""Credentials end with the password: API tokens, older set-password links, and guessing on forms."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from registry.accounts import service
from registry.accounts.models import ApiToken, Role
from registry.extensions import db
from registry.notifications.models import OutboxMessage
from tests.accounts.test_sessions_and_login import link_secret
from tests.conftest import Browser
from tests.factories import make_user

PASSWORD = "correct horse battery staple"
NEW_PASSWORD = "een heel nieuw wachtwoord"


@pytest.fixture
def official(app):
    user = make_user(Role.REVIEWER, email="beoordelaar@branche.example")
    db.session.commit()
    return user


def signed_in(app, email: str) -> Browser:
    browser = Browser(app.test_client())
    assert browser.login(email).status_code == 302
    return browser


def make_token(browser: Browser, password: str = PASSWORD):
    return browser.post("/account", "/account/tokens", {"name": "koppeling", "token_password": password})


def token_from(response) -> str:
    return response.get_data(as_text=True).split('data-testid="new-token">', 1)[1].split("<", 1)[0]


def api_status(client, secret: str) -> int:
    return client.get("/api/v1/reviews", headers={"Authorization": f"Bearer {secret}"}).status_code


def newest_mail_to(email: str) -> OutboxMessage:
    query = sa.select(OutboxMessage).where(OutboxMessage.recipient == email).order_by(OutboxMessage.id.desc())
    return db.session.scalars(query).first()


def test_logging_out_everywhere_ends_the_api_tokens(app, official):
    browser = signed_in(app, official.email)
    secret = token_from(make_token(browser))
    assert api_status(browser.client, secret) == 200
    browser.logout()
    assert api_status(app.test_client(), secret) == 401


def test_changing_the_password_ends_the_api_tokens(app, official):
    browser = signed_in(app, official.email)
    secret = token_from(make_token(browser))
    changed = browser.post(
        "/account", "/account/wachtwoord", {"current_password": PASSWORD, "password": NEW_PASSWORD}
    )
    assert changed.status_code == 302
    assert api_status(app.test_client(), secret) == 401
    assert all(token.revoked_at is not None for token in db.session.scalars(sa.select(ApiToken)))


def test_a_password_reset_ends_the_api_tokens_and_sessions(app, official):
    browser = signed_in(app, official.email)
    secret = token_from(make_token(browser))
    service.request_password_reset(official.email)
    service.send_reset_links()  # the background job
    stranger = Browser(app.test_client())
    reset = stranger.post(
        "/wachtwoord/nieuw",
        "/wachtwoord/nieuw",
        {
            "secret": link_secret(newest_mail_to(official.email)),
            "password": NEW_PASSWORD,
            "password_again": NEW_PASSWORD,
        },
    )
    assert reset.status_code == 302
    assert api_status(app.test_client(), secret) == 401
    assert browser.client.get("/account").status_code == 302  # the old session ended too


def test_making_a_token_asks_for_the_password_and_wrong_guesses_are_limited(app, official):
    browser = signed_in(app, official.email)
    refused = make_token(browser, "geraden wachtwoord")
    assert refused.status_code == 422
    assert "Uw huidige wachtwoord klopt niet." in refused.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(ApiToken)) == 0
    for _ in range(service.MAX_FAILURES_PER_PAIR - 1):
        assert make_token(browser, "nog een gok").status_code == 422
    limited = make_token(browser)  # even the right password waits now
    assert limited.status_code == 429 and "Te veel mislukte pogingen" in limited.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(ApiToken)) == 0


def test_guessing_the_current_password_on_the_change_form_is_limited(app, official):
    browser = signed_in(app, official.email)
    for _ in range(service.MAX_FAILURES_PER_PAIR):
        guess = browser.post(
            "/account", "/account/wachtwoord", {"current_password": "een gok", "password": NEW_PASSWORD}
        )
        assert guess.status_code == 422
    limited = browser.post(
        "/account", "/account/wachtwoord", {"current_password": PASSWORD, "password": NEW_PASSWORD}
    )
    assert limited.status_code == 429 and "Te veel mislukte pogingen" in limited.get_data(as_text=True)
    db.session.expire_all()
    assert service.authenticate(official.email, PASSWORD, "10.9.9.9").id == official.id  # unchanged


def test_only_the_newest_link_works(app, official):
    service.request_password_reset(official.email)
    service.send_reset_links()  # the background job
    older = link_secret(newest_mail_to(official.email))
    service.request_password_reset(official.email)
    service.send_reset_links()  # the background job
    newer = link_secret(newest_mail_to(official.email))
    browser = Browser(app.test_client())
    form = {"password": NEW_PASSWORD, "password_again": NEW_PASSWORD}
    refused = browser.post("/wachtwoord/nieuw", "/wachtwoord/nieuw", {**form, "secret": older})
    assert refused.status_code == 422 and "al gebruikt of verlopen" in refused.get_data(as_text=True)
    assert (
        browser.post("/wachtwoord/nieuw", "/wachtwoord/nieuw", {**form, "secret": newer}).status_code == 302
    )


def test_a_password_change_retires_an_outstanding_link(app, official):
    service.request_password_reset(official.email)
    service.send_reset_links()  # the background job
    outstanding = link_secret(newest_mail_to(official.email))
    browser = signed_in(app, official.email)
    browser.post("/account", "/account/wachtwoord", {"current_password": PASSWORD, "password": NEW_PASSWORD})
    form = {"secret": outstanding, "password": "wie de link vond", "password_again": "wie de link vond"}
    assert Browser(app.test_client()).post("/wachtwoord/nieuw", "/wachtwoord/nieuw", form).status_code == 422
    db.session.expire_all()
    assert service.authenticate(official.email, NEW_PASSWORD, "10.9.9.9").id == official.id


def test_a_link_with_the_secret_in_its_path_is_retired_on_sight(app, official):
    service.request_password_reset(official.email)
    service.send_reset_links()  # the background job
    secret = link_secret(newest_mail_to(official.email))
    browser = Browser(app.test_client())
    old_style = browser.client.get(f"/wachtwoord/nieuw/{secret}")
    assert old_style.status_code == 410 and "Vraag een nieuwe aan" in old_style.get_data(as_text=True)
    form = {"secret": secret, "password": NEW_PASSWORD, "password_again": NEW_PASSWORD}
    assert browser.post("/wachtwoord/nieuw", "/wachtwoord/nieuw", form).status_code == 422


def test_unblocking_an_account_brings_back_none_of_its_old_credentials(app, official):
    browser = signed_in(app, official.email)
    secret = token_from(make_token(browser))
    service.request_password_reset(official.email)
    service.send_reset_links()  # the background job
    outstanding = link_secret(newest_mail_to(official.email))
    admin = make_user(Role.ADMIN)
    db.session.commit()
    boss = signed_in(app, admin.email)
    assert boss.post("/beheer/gebruikers", f"/beheer/gebruikers/{official.id}/blokkeren").status_code == 302
    assert boss.post("/beheer/gebruikers", f"/beheer/gebruikers/{official.id}/deblokkeren").status_code == 302
    assert api_status(app.test_client(), secret) == 401
    assert browser.client.get("/account").status_code == 302
    form = {"secret": outstanding, "password": NEW_PASSWORD, "password_again": NEW_PASSWORD}
    assert Browser(app.test_client()).post("/wachtwoord/nieuw", "/wachtwoord/nieuw", form).status_code == 422
