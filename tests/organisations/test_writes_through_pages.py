"""Every organisation write through the pages: it works for the organisation's own people,
never answers 500, and changes nothing for someone else."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.conftest import Browser
from tests.organisations.world import Org, snapshot

# name -> (the form page, the action built from organisation A, the form data, what changes, the message)
WRITES: dict[str, tuple[str, Callable[[Org], str], dict, str, str]] = {
    "details": (
        "/organisatie/",
        lambda o: "/organisatie/gegevens",
        {"name": "Kinderopvang A", "kvk_number": "12345678", "city": "Zwolle", "lrk_numbers": "123456789"},
        "details",
        "De gegevens van uw organisatie zijn opgeslagen.",
    ),
    "invite": (
        "/organisatie/",
        lambda o: "/organisatie/collega",
        {"email": "collega@kinderopvang-a.example", "name": "Sam"},
        "accounts",
        "is uitgenodigd",
    ),
    "save_course": (
        "/bewaarlijst",
        lambda o: f"/bewaarlijst/{o.public_course_id}",
        {},
        "shortlist",
        "Bewaard op uw bewaarlijst.",
    ),
    "unsave_course": (
        "/bewaarlijst",
        lambda o: f"/bewaarlijst/{o.shortlisted_course_id}/verwijderen",
        {},
        "shortlist",
        "Verwijderd van uw bewaarlijst.",
    ),
    "follow_search": (
        "/zoekopdrachten",
        lambda o: "/zoekopdrachten",
        {"name": "Baby", "query": "q=baby"},
        "searches",
        "U volgt deze zoekopdracht.",
    ),
    "unfollow_search": (
        "/zoekopdrachten",
        lambda o: f"/zoekopdrachten/{o.saved_search.id}/verwijderen",
        {},
        "searches",
        "U volgt deze zoekopdracht niet meer.",
    ),
}


def signed_in(app, user) -> Browser:
    browser = Browser(app.test_client())
    browser.login(user.email)
    return browser


@pytest.mark.parametrize("write", sorted(WRITES))
def test_the_organisations_own_people_write_through_the_pages(app, world, write):
    _people, a, _b = world
    form_page, action, data, changes, message = WRITES[write]
    before = snapshot(a)
    response = signed_in(app, a.member).post(form_page, action(a), data, follow_redirects=True)
    assert response.status_code == 200
    assert message in response.get_data(as_text=True)
    after = snapshot(a)
    assert after[changes] != before[changes]
    assert after["audit"] > before["audit"]  # every change is audited


@pytest.mark.parametrize("write", sorted(WRITES))
def test_someone_elses_page_writes_change_nothing(app, world, write):
    """A provider's member has no organisation: refused, with a page, not a 500."""
    people, a, _b = world
    _form_page, action, data, _changes, _message = WRITES[write]
    browser = signed_in(app, people.member)
    token = browser.csrf_from("/account")
    before = snapshot(a)
    response = browser.client.post(action(a), data={**data, "csrf_token": token})
    assert response.status_code == 403
    assert snapshot(a) == before


@pytest.mark.parametrize("write", ["unfollow_search"])
def test_a_member_of_b_cannot_remove_as_rows(app, world, write):
    _people, a, b = world
    form_page, action, data, _changes, _message = WRITES[write]
    browser = signed_in(app, b.member)
    before = snapshot(a)
    response = browser.post(form_page, action(a), data)
    assert response.status_code == 404
    assert snapshot(a) == before
