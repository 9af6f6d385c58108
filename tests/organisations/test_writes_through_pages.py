"""Every organisation and planner write through the pages: it works for the organisation's own people,
never answers 500, and changes nothing for someone else."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from registry.clock import today
from tests.conftest import Browser
from tests.organisations.world import Org, ehbo_rule_id, snapshot

# name -> (the form page, the action built from organisation A, the form data, what changes, the message)
WRITES: dict[str, tuple[str, Callable[[Org], str], dict, str, str]] = {
    "details": (
        "/organisatie/",
        lambda o: "/organisatie/gegevens",
        {"name": "Kinderopvang A", "kvk_number": "12345678", "city": "Zwolle", "lrk_numbers": "123456789"},
        "details",
        "De gegevens van uw organisatie zijn opgeslagen.",
    ),
    "staff": (
        "/organisatie/",
        lambda o: "/organisatie/personeel",
        {"role_slug": ["pedagogisch-medewerker"], "headcount": ["7"], "works_with_babies": ["0"]},
        "staff",
        "Het personeelsoverzicht is opgeslagen.",
    ),
    "add_certificate": (
        "/organisatie/",
        lambda o: "/organisatie/certificaten",
        {"holder": "B.", "requirement_code": "kinder-ehbo", "valid_until": str(today().replace(year=2030))},
        "certificates",
        "Het certificaat is toegevoegd.",
    ),
    "remove_certificate": (
        "/organisatie/",
        lambda o: f"/organisatie/certificaten/{o.certificate.id}/verwijderen",
        {},
        "certificates",
        "Het certificaat is verwijderd.",
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


@pytest.mark.parametrize("write", ["remove_certificate", "unfollow_search"])
def test_a_member_of_b_cannot_remove_as_rows(app, world, write):
    _people, a, b = world
    form_page, action, data, _changes, _message = WRITES[write]
    browser = signed_in(app, b.member)
    before = snapshot(a)
    response = browser.post(form_page, action(a), data)
    assert response.status_code == 404
    assert snapshot(a) == before


def test_recording_a_certificate_without_date_or_with_a_bad_one_explains_in_dutch(app, world):
    _people, a, _b = world
    browser = signed_in(app, a.member)
    before = snapshot(a)  # after signing in, which is audited too
    for data, message in [
        ({"holder": "B.", "requirement_code": "kinder-ehbo"}, "vul in tot wanneer"),
        ({"holder": "B.", "requirement_code": "kinder-ehbo", "valid_until": "2027-13-40"}, "JJJJ-MM-DD"),
        ({"holder": "", "requirement_code": "babyscholing"}, "holder"),
    ]:
        response = browser.post("/organisatie/", "/organisatie/certificaten", data, follow_redirects=True)
        assert response.status_code == 200
        assert message in response.get_data(as_text=True)
    assert snapshot(a) == before


def test_an_admin_changes_a_planner_rule_through_its_form_and_others_cannot(app, world):
    people, a, _b = world
    data = {
        "holders_per_location": "2",
        "renewal_months": "",
        "source_url": "https://wetten.overheid.nl/BWBR0040419",
        "source_checked_on": "2026-11-20",
        "babies_only": "on",
    }
    refused = signed_in(app, a.member)
    token = refused.csrf_from("/organisatie/")
    before = snapshot(a)
    response = refused.client.post(
        f"/beheer/planner-regels/{ehbo_rule_id()}", data={**data, "csrf_token": token}
    )
    assert response.status_code == 403
    assert snapshot(a) == before

    admin = signed_in(app, people.admin)
    action = f"/beheer/planner-regels/{ehbo_rule_id()}"
    response = admin.post("/beheer/planner-regels/", action, data, follow_redirects=True)
    assert "De regel is opgeslagen." in response.get_data(as_text=True)
    assert snapshot(a)["rule"] == 2
    bad = admin.post(
        "/beheer/planner-regels/", action, {**data, "holders_per_location": "veel"}, follow_redirects=True
    )
    assert "Niet opgeslagen" in bad.get_data(as_text=True)
    assert snapshot(a)["rule"] == 2
