"""Pages offer what the permission layer allows: the templates ask for can_* flags, never for roles."""

from __future__ import annotations

import pytest

from registry.catalogue.enums import CourseStatus
from registry.extensions import db
from registry.reviews.models import ReviewComment, ReviewState
from tests.conftest import Browser
from tests.factories import case_in_state, make_course


def page_for(app, user, path: str) -> str:
    browser = Browser(app.test_client())
    if user is not None:
        browser.login(user.email)
    response = browser.client.get(path)
    assert response.status_code == 200
    return response.get_data(as_text=True)


@pytest.mark.parametrize(
    ("who", "can_tick"), [("official", True), ("second_official", False), ("admin", False), ("member", False)]
)
def test_only_the_assigned_official_may_save_the_checklist(app, people, who, can_tick):
    case = case_in_state(people, ReviewState.IN_REVIEW)
    body = page_for(app, getattr(people, who), f"/beoordelingen/{case.id}")
    assert ("Checklist opslaan" in body) is can_tick


@pytest.mark.parametrize(("who", "can_write"), [("member", True), ("official", True), ("admin", False)])
def test_the_reply_form_is_for_both_sides_of_an_open_case(app, people, who, can_write):
    case = case_in_state(people, ReviewState.CHANGES_REQUESTED)
    body = page_for(app, getattr(people, who), f"/beoordelingen/{case.id}")
    assert ('name="comment" rows="3" required' in body) is can_write


def test_a_decided_case_has_no_reply_form(app, people):
    case = case_in_state(people, ReviewState.APPROVED)
    body = page_for(app, people.official, f"/beoordelingen/{case.id}")
    assert 'name="comment" rows="3" required' not in body


def test_providers_see_that_an_official_wrote_not_who(app, people):
    case = case_in_state(people, ReviewState.CHANGES_REQUESTED)
    db.session.add(ReviewComment(review=case, author_id=people.official.id, body="Vul de leerdoelen aan."))
    db.session.commit()
    official_name = people.official.name
    assert official_name not in page_for(app, people.member, f"/beoordelingen/{case.id}")
    assert official_name in page_for(app, people.second_official, f"/beoordelingen/{case.id}")


@pytest.mark.parametrize(("who", "shown"), [("organisation", True), ("member", False), ("anonymous", False)])
def test_the_shortlist_button_is_for_organisations(app, people, who, shown):
    course = make_course(people.provider, status=CourseStatus.PUBLISHED)
    db.session.commit()
    user = None if who == "anonymous" else getattr(people, who)
    body = page_for(app, user, f"/opleidingen/{course.id}")
    assert ("Bewaren op mijn bewaarlijst" in body) is shown


@pytest.mark.parametrize(("who", "shown"), [("official", True), ("admin", True), ("member", False)])
def test_the_dashboard_link_is_for_officials_and_admins(app, people, who, shown):
    body = page_for(app, getattr(people, who), "/beoordelingen/")
    assert ("Overzicht en statistiek" in body) is shown
