"""Review criteria are versioned: officials add a version, a case keeps the version it was taken on."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from registry.audit.models import AuditEvent
from registry.errors import PermissionDenied, ValidationFailed
from registry.extensions import db
from registry.reference import criteria_admin
from registry.reviews import service as reviews
from registry.reviews.criteria import COURSE_CRITERIA, criteria_for, criteria_of
from registry.reviews.models import ReviewState
from registry.reviews.workflow import apply_transition
from tests.conftest import Browser
from tests.factories import case_in_state

NEW_LINES = "\n".join(
    [
        *(f"{code}: {text}" for code, text in COURSE_CRITERIA.items()),
        "inclusion: Er is aandacht voor inclusie",
    ]
)


def test_a_taken_case_keeps_its_criteria_when_officials_add_a_version(app, people):
    taken = case_in_state(people, ReviewState.SUBMITTED)
    apply_transition(people.official, taken.id, "take")
    waiting = case_in_state(people, ReviewState.SUBMITTED)

    assert criteria_admin.add_version(people.official, "course", NEW_LINES) == 2

    assert "inclusion" in criteria_for("course")
    db.session.expire_all()
    assert set(criteria_of(db.session.get(type(taken), taken.id))) == set(COURSE_CRITERIA)  # version 1
    apply_transition(people.second_official, waiting.id, "take")
    db.session.expire_all()
    assert "inclusion" in criteria_of(db.session.get(type(waiting), waiting.id))
    with pytest.raises(ValidationFailed):
        reviews.update_checklist(people.official, taken.id, {"inclusion": True})
    event = db.session.scalar(sa.select(AuditEvent).where(AuditEvent.action == "criteria.versioned"))
    assert event.actor_id == people.official.id and event.after["version"] == 2
    assert criteria_admin.add_version(people.official, "course", NEW_LINES) is None  # nothing changed


def test_bad_lines_and_strangers_are_refused(app, people):
    with pytest.raises(ValidationFailed, match="Regel 1"):
        criteria_admin.add_version(people.official, "course", "Geen code hier")
    with pytest.raises(ValidationFailed, match="staat er al"):
        criteria_admin.add_version(people.official, "course", "a1: eerste criterium\na1: nogmaals hetzelfde")
    with pytest.raises(PermissionDenied):
        criteria_admin.add_version(people.member, "course", NEW_LINES)


def test_the_criteria_screen(app, people):
    browser = Browser(app.test_client())
    browser.login(people.admin.email)
    bad = browser.post("/beheer/criteria", "/beheer/criteria/course", {"lines": "zonder dubbele punt"})
    assert bad.status_code == 422 and "Regel 1" in bad.get_data(as_text=True)
    good = browser.post("/beheer/criteria", "/beheer/criteria/course", {"lines": NEW_LINES})
    assert good.status_code == 302
    assert "versie 2" in browser.client.get("/beheer/criteria").get_data(as_text=True)
