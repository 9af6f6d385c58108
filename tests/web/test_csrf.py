"""Every form in the portal refuses a post without a valid CSRF token, and nothing changes."""

from __future__ import annotations

import re

import pytest
import sqlalchemy as sa

from registry.accounts.models import Role
from registry.audit.models import AuditEvent
from registry.extensions import db
from tests.conftest import Browser
from tests.factories import make_user

# RFC 8058 one-click unsubscribe: the mail client posts without a form; the signed link is the key
# (tests/notifications/test_mail_preferences.py).
CSRF_EXEMPT = {"/e-mail/afmelden/<token>"}


def form_rules(app) -> list[str]:
    """Every URL rule of the HTML side that accepts POST (the API is token-only and CSRF-exempt)."""
    return sorted(
        rule.rule
        for rule in app.url_map.iter_rules()
        if "POST" in rule.methods and not rule.rule.startswith("/api/") and rule.rule not in CSRF_EXEMPT
    )


def concrete(rule: str) -> str:
    return re.sub(r"<(?:[^:>]+:)?([^>]+)>", lambda m: "blokkeren" if m.group(1) == "change" else "1", rule)


def test_there_are_forms_to_protect(app):
    assert len(form_rules(app)) >= 15


@pytest.mark.parametrize("with_token", [False, True], ids=["no-token", "forged-token"])
def test_every_form_refuses_a_post_without_a_valid_token(app, with_token):
    admin = make_user(Role.ADMIN)
    db.session.commit()
    browser = Browser(app.test_client())
    browser.login(admin.email)
    events_before = db.session.scalar(sa.select(sa.func.count()).select_from(AuditEvent))
    for rule in form_rules(app):
        data = {"csrf_token": "forged"} if with_token else {}
        response = browser.client.post(
            concrete(rule), data={**data, "email": "x@example.org", "comment": "x"}
        )
        assert response.status_code == 400, rule
        assert "Dit formulier is verlopen" in response.get_data(as_text=True), rule
    assert db.session.scalar(sa.select(sa.func.count()).select_from(AuditEvent)) == events_before


def test_login_itself_needs_the_token(client):
    response = client.post("/inloggen", data={"email": "a@example.org", "password": "x"})
    assert response.status_code == 400
