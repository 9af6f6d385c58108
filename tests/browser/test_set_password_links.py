"""In Chromium: a set-password link works, and its secret never reaches the server's access log."""

from __future__ import annotations

import logging

import pytest
import sqlalchemy as sa
from playwright.sync_api import Page, expect

from registry.accounts import service
from registry.accounts.models import Role
from registry.extensions import db
from registry.notifications.models import OutboxMessage
from tests.factories import make_user

pytestmark = pytest.mark.browser
NEW_PASSWORD = "een heel nieuw wachtwoord"


def test_the_secret_stays_out_of_the_access_log(app, live_server: str, page: Page, caplog):
    official = make_user(Role.REVIEWER, email="beoordelaar@branche.example")
    db.session.commit()
    service.request_password_reset(official.email)
    service.send_reset_links()  # the background job
    mail = db.session.scalars(sa.select(OutboxMessage)).one()
    link = mail.body.split("http://127.0.0.1:5000", 1)[1].split()[0]
    secret = link.split("#", 1)[1]
    seen: list[str] = []
    page.on("request", lambda request: seen.append(request.url))

    caplog.set_level(logging.INFO, logger="werkzeug")
    page.goto(live_server + link)
    expect(page.get_by_label("Code uit de e-mail")).to_be_hidden()  # the page took it from the link
    assert "#" not in page.url  # and dropped it from the address bar
    page.get_by_label("Nieuw wachtwoord").fill(NEW_PASSWORD)
    page.get_by_label("Herhaal het wachtwoord").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Wachtwoord opslaan").click()
    expect(page.get_by_text("Uw wachtwoord is ingesteld.")).to_be_visible()

    page.get_by_label("E-mailadres").fill(official.email)
    page.get_by_label("Wachtwoord").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_role("heading", level=1)).not_to_have_text("Inloggen")

    access_log = [record.getMessage() for record in caplog.records if record.name == "werkzeug"]
    assert any("POST /wachtwoord/nieuw " in line for line in access_log)  # the log did record the visit
    assert not any(secret in line for line in access_log)
    assert not any(secret in url for url in seen)  # nor any address the browser asked for
