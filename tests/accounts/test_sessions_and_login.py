"""Signing in and out for real: limits, fresh sessions, timeouts, resets and tokens."""

from __future__ import annotations

from datetime import timedelta

import pytest
import sqlalchemy as sa

from registry.accounts import service
from registry.accounts.models import PasswordResetToken, Role
from registry.clock import utcnow
from registry.extensions import db
from registry.notifications.models import OutboxMessage
from tests.conftest import Browser
from tests.factories import make_user

PASSWORD = "correct horse battery staple"


@pytest.fixture
def official(app):
    user = make_user(Role.REVIEWER, email="beoordelaar@branche.example")
    db.session.commit()
    return user


def test_login_and_logout_end_the_session_everywhere(app, official):
    first, second = Browser(app.test_client()), Browser(app.test_client())
    assert first.login(official.email).status_code == 302
    assert second.login(official.email).status_code == 302
    assert first.client.get("/beoordelingen/").status_code == 200
    first.logout()
    # Logging out on one device ends the other session too.
    assert second.client.get("/beoordelingen/").status_code == 302


def test_wrong_password_gives_one_dutch_message_and_the_address_is_limited(browser_client, official):
    for _ in range(service.MAX_FAILURES_PER_PAIR):
        response = browser_client.login(official.email, "fout wachtwoord")
        assert response.status_code == 401
        assert "Het e-mailadres of wachtwoord klopt niet." in response.get_data(as_text=True)
    blocked = browser_client.login(official.email)  # even the right password waits now, from here
    assert blocked.status_code == 429
    assert "Te veel mislukte pogingen" in blocked.get_data(as_text=True)


def test_the_address_limit_holds_across_accounts(app, official):
    for n in range(service.MAX_FAILURES_PER_ADDRESS):
        with pytest.raises(service.LoginFailed):
            service.authenticate(f"iemand{n}@example.org", "x", "10.0.0.7")
    with pytest.raises(service.TooManyAttempts):
        service.authenticate(official.email, PASSWORD, "10.0.0.7")
    assert service.authenticate(official.email, PASSWORD, "10.0.0.8").id == official.id


def test_a_password_change_ends_other_sessions(app, official):
    mine, other = Browser(app.test_client()), Browser(app.test_client())
    mine.login(official.email)
    other.login(official.email)
    response = mine.post(
        "/account",
        "/account/wachtwoord",
        {"current_password": PASSWORD, "password": "een heel nieuw wachtwoord"},
    )
    assert response.status_code == 302
    assert mine.client.get("/account").status_code == 200
    assert other.client.get("/account").status_code == 302


def test_an_admin_blocking_an_account_ends_its_sessions(app, official):
    admin = make_user(Role.ADMIN)
    db.session.commit()
    victim = Browser(app.test_client())
    victim.login(official.email)
    boss = Browser(app.test_client())
    boss.login(admin.email)
    assert boss.post("/beheer/gebruikers", f"/beheer/gebruikers/{official.id}/blokkeren").status_code == 302
    assert victim.client.get("/account").status_code == 302
    assert victim.login(official.email).status_code == 401


def test_idle_and_absolute_timeouts(app, official):
    browser = Browser(app.test_client())
    browser.login(official.email)
    with browser.client.session_transaction() as session:
        session["last_seen_at"] = (utcnow() - timedelta(minutes=31)).isoformat()
    assert browser.client.get("/account").status_code == 302

    browser.login(official.email)
    with browser.client.session_transaction() as session:
        session["signed_in_at"] = (utcnow() - timedelta(hours=13)).isoformat()
    assert browser.client.get("/account").status_code == 302


def test_login_starts_a_fresh_session(app, official):
    browser = Browser(app.test_client())
    with browser.client.session_transaction() as session:
        session["planted"] = "by someone else"
    browser.login(official.email)
    with browser.client.session_transaction() as session:
        assert "planted" not in session


def test_next_only_follows_local_paths(browser_client, official):
    response = browser_client.post(
        "/inloggen",
        "/inloggen",
        {"email": official.email, "password": PASSWORD, "next": "https://evil.example/"},
    )
    assert response.headers["Location"] == "/mijn"  # the role's start page, not the foreign site


def link_secret(mail: OutboxMessage) -> str:
    """The secret of the set-password link in an e-mail: after the '#', which browsers never send."""
    link = mail.body.split("http://127.0.0.1:5000/wachtwoord/nieuw#", 1)[1]
    return link.split()[0]


def test_password_reset_link_works_once_and_expires(browser_client, official):
    browser_client.post("/wachtwoord/vergeten", "/wachtwoord/vergeten", {"email": official.email})
    service.send_reset_links()  # the background job
    mail = db.session.scalars(sa.select(OutboxMessage).where(OutboxMessage.recipient == official.email)).one()
    new = {
        "secret": link_secret(mail),
        "password": "nieuw en lang genoeg",
        "password_again": "nieuw en lang genoeg",
    }
    assert browser_client.post("/wachtwoord/nieuw", "/wachtwoord/nieuw", new).status_code == 302
    reused = browser_client.post("/wachtwoord/nieuw", "/wachtwoord/nieuw", new)
    assert reused.status_code == 422 and "al gebruikt of verlopen" in reused.get_data(as_text=True)
    assert browser_client.login(official.email, "nieuw en lang genoeg").status_code == 302

    # A second link, left too long: refused.
    service.request_password_reset(official.email)
    service.send_reset_links()  # the background job
    second = db.session.scalars(sa.select(OutboxMessage).order_by(OutboxMessage.id.desc())).first()
    token = db.session.scalars(sa.select(PasswordResetToken).order_by(PasswordResetToken.id.desc())).first()
    token.expires_at = utcnow() - timedelta(seconds=1)
    db.session.commit()
    expired = browser_client.post(
        "/wachtwoord/nieuw", "/wachtwoord/nieuw", {**new, "secret": link_secret(second)}
    )
    assert expired.status_code == 422
    assert browser_client.login(official.email, "nieuw en lang genoeg").status_code == 302


def test_unknown_address_gets_the_same_answer_and_no_mail(browser_client, official):
    response = browser_client.post(
        "/wachtwoord/vergeten",
        "/wachtwoord/vergeten",
        {"email": "niemand@example.org"},
        follow_redirects=True,
    )
    assert "Als dit e-mailadres bij ons bekend is" in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(OutboxMessage)) == 0


def test_tokens_are_shown_once_and_stored_hashed(browser_client, official):
    browser_client.login(official.email)
    page = browser_client.post(
        "/account", "/account/tokens", {"name": "koppeling", "token_password": PASSWORD}
    ).get_data(as_text=True)
    secret = page.split('data-testid="new-token">', 1)[1].split("<", 1)[0]
    assert secret.startswith("srk_")
    stored = service.own_api_tokens(official)[0]
    assert stored.digest == service.digest(secret) and secret not in stored.digest
    assert secret not in browser_client.client.get("/account").get_data(as_text=True)
    assert (
        browser_client.client.get(
            "/api/v1/reviews", headers={"Authorization": f"Bearer {secret}"}
        ).status_code
        == 200
    )


def test_forms_that_send_mail_are_rate_limited_per_address(app, browser_client):
    app.config["REGISTRY_FORM_RATE_LIMIT"] = "2 per minute"
    try:
        for _ in range(2):
            assert (
                browser_client.post(
                    "/wachtwoord/vergeten", "/wachtwoord/vergeten", {"email": "iemand@example.org"}
                ).status_code
                == 302
            )
        blocked = browser_client.post(
            "/wachtwoord/vergeten", "/wachtwoord/vergeten", {"email": "x@example.org"}
        )
        assert blocked.status_code == 429
        assert "Even geduld" in blocked.get_data(as_text=True)
        assert "<title>Te veel verzoeken ·" in blocked.get_data(as_text=True)
    finally:
        app.config["REGISTRY_FORM_RATE_LIMIT"] = "100000 per minute"


def test_logging_out_empties_the_session_and_a_replayed_cookie_opens_nothing(app, official):
    browser = Browser(app.test_client())
    browser.login(official.email)
    stolen = browser.client.get_cookie("session").value
    browser.logout()
    with browser.client.session_transaction() as session:
        assert dict(session) == {"_flashes": [("message", "U bent uitgelogd.")]}  # nothing else is left
    thief = app.test_client()
    thief.set_cookie("session", stolen)
    assert thief.get("/account").status_code == 302


def test_signing_in_rotates_the_session_and_its_form_token(app, official):
    browser = Browser(app.test_client())
    before_token = browser.csrf_from("/inloggen")
    before_cookie = browser.client.get_cookie("session").value
    browser.login(official.email)
    assert browser.client.get_cookie("session").value != before_cookie
    # A form token handed out before signing in (perhaps to someone else) no longer works.
    stale = browser.client.post("/uitloggen", data={"csrf_token": before_token})
    assert stale.status_code == 400
    assert browser.client.get("/account").status_code == 200
