"""Every compliance write through its page as the organisation's HR person fills it in: it is saved, or
refused with a Dutch reason and nothing saved (a number of 10^20 included). The last test checks that every
write of the organisation, compliance and planner areas is driven through its page by some test."""

from __future__ import annotations

from collections.abc import Callable

import pytest
import sqlalchemy as sa

from registry.compliance import service
from registry.compliance.models import Location, PlannedCourse, StaffCertificate, StaffMember
from registry.extensions import db
from tests.compliance.test_pages import CSV, _setup

HUGE = "99999999999999999999"


def person(member_id: int) -> str:
    return f"/organisatie/personeel/{member_id}"


# name -> (form page, action, good form, a refused variant or None, the model that grows, the message)
WRITES: dict[str, tuple[Callable[[int], str], Callable[[int], str], dict, dict | None, type, str]] = {
    "location": (
        lambda m: "/organisatie/locaties",
        lambda m: "/organisatie/locaties",
        {"name": "De Vlinder", "lrk_number": "222222222", "care_type": "dagopvang"},
        {"coaching_hours_planned": HUGE},
        Location,
        "De locatie is toegevoegd.",
    ),
    "certificate": (
        person,
        person,
        {"kind": "kinder-ehbo", "name": "Kinder-EHBO", "obtained_on": "2026-01-10", "hours": "8"},
        {"hours": HUGE},
        StaffCertificate,
        "Het certificaat is toegevoegd.",
    ),
    "plan_course": (
        person,
        lambda m: f"{person(m)}/scholing",
        {
            "requirement_code": "babyscholing",
            "title": "Baby's in beeld",
            "starts_on": "2026-03-02",
            "hours": "24",
        },
        {"hours": HUGE},
        PlannedCourse,
        "De scholing is ingepland.",
    ),
    "delete_person": (
        person,
        lambda m: f"{person(m)}/verwijderen",
        {},
        None,
        StaffMember,
        "De gegevens van deze medewerker zijn verwijderd.",
    ),
}


@pytest.fixture
def member_id(orgs, browser_client) -> int:
    _setup(orgs, browser_client)
    service.apply_import(orgs.a_member, orgs.a.id, "p.csv", CSV)
    return db.session.scalar(sa.select(StaffMember.id).order_by(StaffMember.id))


def rows(model: type) -> int:
    db.session.expire_all()
    return db.session.scalar(sa.select(sa.func.count()).select_from(model))


@pytest.mark.parametrize("write", sorted(WRITES))
def test_each_compliance_write_saves_through_its_page(browser_client, member_id, write):
    page, action, data, _bad, model, message = WRITES[write]
    before = rows(model)
    response = browser_client.post(page(member_id), action(member_id), data, follow_redirects=True)
    assert response.status_code == 200
    assert message in response.get_data(as_text=True)
    assert rows(model) != before


@pytest.mark.parametrize("write", sorted(name for name, spec in WRITES.items() if spec[3]))
def test_each_compliance_write_refuses_a_number_of_10_to_the_20_in_dutch(browser_client, member_id, write):
    page, action, data, bad, model, _message = WRITES[write]
    before = rows(model)
    response = browser_client.post(page(member_id), action(member_id), {**data, **bad}, follow_redirects=True)
    assert response.status_code in (200, 422)
    assert "0 tot 10000" in response.get_data(as_text=True)  # the range the field takes, in Dutch
    assert rows(model) == before


# Writes driven elsewhere (pages, or the API for the API's own writes), by the test named beside each.
DRIVEN_ELSEWHERE = {
    "organisations.signup": "organisations/test_organisation_pages.py::test_signup_creates_organisation_…",
    "compliance.import_staff": "compliance/test_pages.py::test_import_shows_a_preview_with_a_dutch_report_…",
    "planner.update": "organisations/test_writes_through_pages.py::test_an_admin_changes_a_planner_rule_…",
    "organisations.colleague_role": "organisations/test_colleague_roles.py::test_an_administrator_changes_…",
    "organisation_api.create_location": "compliance/test_api.py::test_staff_locations_and_certificates_…",
    "organisation_api.create_certificate": "compliance/test_api.py::test_staff_locations_and_certificates_…",
}


def test_every_organisation_compliance_and_planner_write_is_driven_by_a_test(app):
    from tests.organisations.test_writes_through_pages import WRITES as ORGANISATION_WRITES
    from tests.organisations.world import Org

    class AnyIds:  # the tables' actions need ids; any number resolves the route
        def __getattr__(self, _name):
            return self

        id = 1
        shortlisted_course_id = public_course_id = 1

    adapter = app.url_map.bind("localhost")
    driven = set(DRIVEN_ELSEWHERE)
    for _page, action, *_rest in ORGANISATION_WRITES.values():
        driven.add(adapter.match(action(AnyIds()), method="POST")[0])  # type: ignore[arg-type]
    for _page, action, *_rest in WRITES.values():
        driven.add(adapter.match(action(1), method="POST")[0])
    writes = {
        rule.endpoint
        for rule in app.url_map.iter_rules()
        if rule.endpoint.split(".")[0] in {"organisations", "planner", "compliance", "organisation_api"}
        and rule.methods & {"POST", "PUT", "PATCH", "DELETE"}
    }
    assert Org  # the world the organisation table is written against
    assert writes - driven == set()
