"""The registry always keeps someone who can manage accounts: the last active admin cannot be blocked."""

from __future__ import annotations

import pytest

from registry.accounts import service
from registry.accounts.models import Role, User
from registry.audit.models import AuditEvent
from registry.errors import InvalidTransition
from registry.extensions import db
from tests.conftest import Browser, count
from tests.factories import make_user


def test_the_last_admin_cannot_block_themselves_and_nothing_changes(people):
    events = count(AuditEvent)
    with pytest.raises(InvalidTransition, match="laatste actieve beheerder"):
        service.set_active(people.admin, people.admin.id, False)
    db.session.expire_all()
    assert db.session.get(User, people.admin.id).is_active and count(AuditEvent) == events


def test_with_a_second_admin_either_may_be_blocked_but_not_both(people):
    second = make_user(Role.ADMIN)
    db.session.commit()
    service.set_active(people.admin, second.id, False)
    with pytest.raises(InvalidTransition):
        service.set_active(people.admin, people.admin.id, False)
    service.set_active(people.admin, second.id, True)
    service.set_active(second, people.admin.id, False)  # now the other one is the last
    assert not db.session.get(User, people.admin.id).is_active


def test_the_users_page_refuses_in_dutch_and_keeps_the_admin_signed_in(app, people):
    browser = Browser(app.test_client())
    browser.login(people.admin.email)
    response = browser.post(
        "/beheer/gebruikers", f"/beheer/gebruikers/{people.admin.id}/blokkeren", follow_redirects=True
    )
    body = response.get_data(as_text=True)
    assert response.status_code == 200 and "laatste actieve beheerder" in body
    assert "utrecht-alert--error" in body
    assert browser.client.get("/beheer/gebruikers").status_code == 200  # still signed in
