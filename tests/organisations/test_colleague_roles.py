"""An organisation's administrators make colleagues administrator or ordinary member: audited, mailed, and
never leaving the organisation without an administrator."""

from __future__ import annotations

import threading

import pytest
import sqlalchemy as sa

from registry.accounts.models import User
from registry.audit.models import AuditEvent
from registry.compliance.permissions import can_manage_staff
from registry.errors import InvalidTransition
from registry.extensions import db
from registry.notifications.models import OutboxMessage
from registry.organisations import colleagues
from tests.conftest import Browser
from tests.organisations.world import snapshot


def mails_to(user: User) -> list[OutboxMessage]:
    return list(db.session.scalars(sa.select(OutboxMessage).where(OutboxMessage.recipient == user.email)))


def role_events() -> list[AuditEvent]:
    return list(
        db.session.scalars(
            sa.select(AuditEvent)
            .where(AuditEvent.action == "organisation.colleague_role_changed")
            .order_by(AuditEvent.id)
        )
    )


def test_an_administrator_makes_a_member_administrator_audited_and_mailed(world):
    _people, a, _b = world
    colleague, changed = colleagues.set_colleague_admin(a.admin, a.organisation.id, a.member.id, True)
    assert changed and colleague.organisation_admin
    assert can_manage_staff(colleague, a.organisation.id)  # the staff records open for them now
    (event,) = role_events()
    assert (event.actor_id, event.subject_type, event.subject_id) == (a.admin.id, "user", str(a.member.id))
    assert event.before == {"organisation_id": a.organisation.id, "organisation_admin": False}
    assert event.after == {"organisation_id": a.organisation.id, "organisation_admin": True}
    (mail,) = mails_to(a.member)
    assert mail.subject == "U bent beheerder van Kinderopvang A"
    assert "heeft u beheerder gemaakt" in mail.body and (a.admin.name in mail.body)


def test_an_administrator_makes_another_administrator_member_again(world):
    _people, a, _b = world
    colleague, changed = colleagues.set_colleague_admin(a.admin, a.organisation.id, a.co_admin.id, False)
    assert changed and not colleague.organisation_admin
    assert not can_manage_staff(colleague, a.organisation.id)
    (event,) = role_events()
    assert (event.before["organisation_admin"], event.after["organisation_admin"]) == (True, False)
    (mail,) = mails_to(a.co_admin)
    assert mail.subject == "U bent geen beheerder meer van Kinderopvang A"
    assert "u bent nu gewoon lid" in mail.body


def test_the_same_change_twice_changes_and_mails_once(world):
    """Two administrators who both click "beheerder maken": the second hears it was done already."""
    _people, a, _b = world
    colleagues.set_colleague_admin(a.admin, a.organisation.id, a.member.id, True)
    _colleague, changed = colleagues.set_colleague_admin(a.co_admin, a.organisation.id, a.member.id, True)
    assert not changed
    assert len(role_events()) == 1 and len(mails_to(a.member)) == 1


def test_the_last_administrator_cannot_step_down(world):
    _people, a, _b = world
    colleagues.set_colleague_admin(a.admin, a.organisation.id, a.co_admin.id, False)
    assert colleagues.sole_administrator(a.member, a.organisation.id) == a.admin.id
    before = snapshot(a)
    with pytest.raises(InvalidTransition) as refused:
        colleagues.set_colleague_admin(a.admin, a.organisation.id, a.admin.id, False)
    assert "de laatste beheerder van uw organisatie" in refused.value.message
    assert snapshot(a) == before and len(role_events()) == 1 and mails_to(a.admin) == []


def test_an_administrator_who_never_chose_a_password_does_not_count(world):
    """An invited administrator cannot act yet (and the invitation may lapse): the last one who can stays."""
    _people, a, _b = world
    a.co_admin.password_hash = None
    db.session.commit()
    assert colleagues.sole_administrator(a.admin, a.organisation.id) == a.admin.id
    with pytest.raises(InvalidTransition):
        colleagues.set_colleague_admin(a.admin, a.organisation.id, a.admin.id, False)
    # Demoting the one who cannot act leaves the one who can: allowed.
    _colleague, changed = colleagues.set_colleague_admin(a.admin, a.organisation.id, a.co_admin.id, False)
    assert changed


def test_two_administrators_demoting_each_other_at_once_leave_one(app, world):
    """Each thread has its own session, as two workers would; the organisation's row lock orders them."""
    _people, a, _b = world
    organisation_id, ids = a.organisation.id, (a.admin.id, a.co_admin.id)
    start = threading.Barrier(2)
    outcomes: list[str] = []

    def demote(actor_id: int, colleague_id: int) -> None:
        with app.app_context():
            actor = db.session.get(User, actor_id)
            start.wait()
            try:
                colleagues.set_colleague_admin(actor, organisation_id, colleague_id, False)
                outcomes.append("changed")
            except InvalidTransition:
                outcomes.append("refused")
            finally:
                db.session.remove()

    threads = [
        threading.Thread(target=demote, args=(ids[0], ids[1])),
        threading.Thread(target=demote, args=(ids[1], ids[0])),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    db.session.expire_all()
    left = db.session.scalars(
        sa.select(User.id).where(User.id.in_(ids), User.organisation_admin.is_(True))
    ).all()
    assert sorted(outcomes) == ["changed", "refused"] and len(left) == 1


# -- through the pages -------------------------------------------------------------------------------


def signed_in(app, user: User) -> Browser:
    browser = Browser(app.test_client())
    assert browser.login(user.email).status_code == 302
    return browser


def test_a_member_sees_the_roles_without_buttons_and_is_refused(app, world):
    _people, a, _b = world
    browser = signed_in(app, a.member)
    page = browser.client.get("/organisatie/collegas").get_data(as_text=True)
    assert a.admin.email in page and "Beheerder" in page and "Lid" in page
    assert "Beheerder maken" not in page and "Lid maken" not in page
    assert "Alleen een beheerder van uw organisatie kan de rol van een collega wijzigen." in page
    before = snapshot(a)
    response = browser.post(
        "/organisatie/collegas", f"/organisatie/collegas/{a.member.id}/rol", {"rol": "beheerder"}
    )
    assert response.status_code == 403
    assert snapshot(a) == before


def test_an_administrator_changes_roles_with_the_buttons(app, world):
    _people, a, _b = world
    browser = signed_in(app, a.admin)
    page = browser.client.get("/organisatie/collegas").get_data(as_text=True)
    assert "Beheerder maken" in page and "Lid maken" in page and "Zelf geen beheerder meer zijn" in page
    response = browser.post(
        "/organisatie/collegas",
        f"/organisatie/collegas/{a.member.id}/rol",
        {"rol": "beheerder"},
        follow_redirects=True,
    )
    assert f"{a.member.name} is nu beheerder." in response.get_data(as_text=True)
    response = browser.post(
        "/organisatie/collegas",
        f"/organisatie/collegas/{a.co_admin.id}/rol",
        {"rol": "lid"},
        follow_redirects=True,
    )
    assert f"{a.co_admin.name} is nu lid." in response.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(User, a.member.id).organisation_admin
    assert not db.session.get(User, a.co_admin.id).organisation_admin


def test_an_administrator_of_b_cannot_change_as_people_through_the_pages(app, world):
    _people, a, b = world
    browser = signed_in(app, b.admin)
    before = snapshot(a)
    for colleague, role in ((a.member, "beheerder"), (a.co_admin, "lid")):
        response = browser.post(
            "/organisatie/collegas", f"/organisatie/collegas/{colleague.id}/rol", {"rol": role}
        )
        assert response.status_code == 404
    assert snapshot(a) == before
    assert a.member.email not in browser.client.get("/organisatie/collegas").get_data(as_text=True)


def test_the_form_without_its_csrf_token_is_refused(app, world):
    _people, a, _b = world
    browser = signed_in(app, a.admin)
    before = snapshot(a)
    response = browser.client.post(f"/organisatie/collegas/{a.member.id}/rol", data={"rol": "beheerder"})
    assert response.status_code == 400
    assert snapshot(a) == before


def test_stepping_down_oneself_asks_first(app, world):
    _people, a, _b = world
    browser = signed_in(app, a.admin)
    own_role = f"/organisatie/collegas/{a.admin.id}/rol"
    response = browser.post("/organisatie/collegas", own_role, {"rol": "lid"})
    assert (
        response.status_code == 302
        and response.headers["Location"] == "/organisatie/collegas/geen-beheerder-meer"
    )
    db.session.expire_all()
    assert db.session.get(User, a.admin.id).organisation_admin  # nothing changed without the yes
    question = browser.client.get("/organisatie/collegas/geen-beheerder-meer").get_data(as_text=True)
    assert "Weet u het zeker" in question and "Ja, ik word lid" in question
    response = browser.post(
        "/organisatie/collegas/geen-beheerder-meer",
        own_role,
        {"rol": "lid", "bevestigd": "1"},
        follow_redirects=True,
    )
    page = response.get_data(as_text=True)
    assert "U bent geen beheerder meer; u bent nu lid van uw organisatie." in page
    assert "Beheerder maken" not in page  # a member now: roles shown, no buttons
    assert browser.client.get("/organisatie/personeel").status_code == 403


def test_the_last_administrator_is_told_why_not(app, world):
    _people, a, _b = world
    colleagues.set_colleague_admin(a.admin, a.organisation.id, a.co_admin.id, False)
    browser = signed_in(app, a.admin)
    page = browser.client.get("/organisatie/collegas").get_data(as_text=True)
    assert "De laatste beheerder kan geen lid worden" in page and "Zelf geen beheerder meer zijn" not in page
    question = browser.client.get("/organisatie/collegas/geen-beheerder-meer").get_data(as_text=True)
    assert "U bent de laatste beheerder van uw organisatie." in question and "Ja, ik word lid" not in question
    # A form posted anyway (an old page in another tab) gets the reason, and nothing changes.
    response = browser.post(
        "/organisatie/collegas",
        f"/organisatie/collegas/{a.admin.id}/rol",
        {"rol": "lid", "bevestigd": "1"},
        follow_redirects=True,
    )
    assert "is de laatste beheerder van uw organisatie" in response.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(User, a.admin.id).organisation_admin
