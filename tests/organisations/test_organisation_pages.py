"""Organisations through the pages: sign up, shortlist, compare, export, planner, colleagues."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

import sqlalchemy as sa

from registry.accounts.models import User
from registry.catalogue.enums import CourseStatus
from registry.clock import today
from registry.extensions import db
from registry.notifications.models import OutboxMessage
from registry.organisations.models import Organisation, ShortlistItem
from registry.reference.loader import load_reference
from tests.accounts.test_sessions_and_login import link_secret
from tests.conftest import Browser
from tests.factories import make_course, make_mark, make_provider, make_run

SIGNUP = {
    "name": "Kinderopvang De Rups",
    "kvk_number": "12345678",
    "lrk_numbers": "123456789, 987654321",
    "care_type": "dagopvang",
    "staff_count": "14",
    "city": "Utrecht",
    "province": "utrecht",
    "your_name": "Petra",
    "email": "petra@derups.example",
}
PASSWORD = "een lang wachtwoord"


def signed_up(app) -> Browser:
    """Sign up, choose the password through the mailed link, and sign in."""
    load_reference(today())
    db.session.commit()
    browser = Browser(app.test_client())
    response = browser.post("/organisatie/aanmelden", "/organisatie/aanmelden", SIGNUP)
    assert response.status_code == 302, response.get_data(as_text=True)[:400]
    assert response.headers["Location"] == "/organisatie/aanmelden/verstuurd"
    mail = db.session.scalars(
        sa.select(OutboxMessage).where(OutboxMessage.recipient == SIGNUP["email"])
    ).one()
    form = {"secret": link_secret(mail), "password": PASSWORD, "password_again": PASSWORD}
    assert browser.post("/wachtwoord/nieuw", "/wachtwoord/nieuw", form).status_code == 302
    assert browser.login(SIGNUP["email"], PASSWORD).status_code == 302
    return browser


def test_signup_creates_organisation_and_account_and_the_link_signs_in(app):
    browser = signed_up(app)
    organisation = db.session.scalars(sa.select(Organisation)).one()
    assert organisation.lrk_numbers == ["123456789", "987654321"] and organisation.location_count == 2
    assert db.session.scalars(sa.select(User)).one().organisation_id == organisation.id
    assert "Kinderopvang De Rups" in browser.client.get("/organisatie/").get_data(as_text=True)


def test_signup_errors_are_dutch_and_save_nothing(app):
    browser = Browser(app.test_client())
    response = browser.post(
        "/organisatie/aanmelden",
        "/organisatie/aanmelden",
        {**SIGNUP, "kvk_number": "123", "lrk_numbers": "12", "email": "geen-adres"},
    )
    body = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Een KvK-nummer bestaat uit 8 cijfers." in body and "Een LRK-nummer bestaat uit 9 cijfers" in body
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Organisation)) == 0


def test_shortlist_compare_and_export(app):
    browser = signed_up(app)
    provider = make_provider(name="Academie Kindwijs")
    courses = [make_course(provider, title=f"Cursus {n}", price=100 + n) for n in range(3)]
    make_run(courses[0], today() + timedelta(days=10), city="Amersfoort")
    make_mark(
        course=courses[0], awarded_on=today() - timedelta(days=5), valid_until=today() + timedelta(days=500)
    )
    hidden = make_course(provider, title="Concept", status=CourseStatus.DRAFT)
    db.session.commit()

    for course in courses:
        page = f"/opleidingen/{course.id}"
        assert browser.post(page, f"/bewaarlijst/{course.id}", {"terug": page}).status_code == 302
    browser.post(f"/opleidingen/{courses[0].id}", f"/bewaarlijst/{courses[0].id}")  # twice: still once
    assert (
        browser.client.post(
            f"/bewaarlijst/{hidden.id}", data={"csrf_token": browser.csrf_from("/bewaarlijst")}
        ).status_code
        == 404
    )
    assert db.session.scalar(sa.select(sa.func.count()).select_from(ShortlistItem)) == 3

    compared = browser.client.get(f"/bewaarlijst/vergelijken?c={courses[0].id}&c={courses[1].id}")
    body = compared.get_data(as_text=True)
    assert "Cursus 0" in body and "Cursus 1" in body and "Cursus 2" not in body and "Amersfoort" in body
    too_many = browser.client.get(
        "/bewaarlijst/vergelijken?" + "&".join(f"c={c.id}" for c in courses * 2) + f"&c={hidden.id}",
        follow_redirects=True,
    )
    assert "Vergelijking" in too_many.get_data(as_text=True)  # duplicates collapse to three: allowed
    one = browser.client.get(f"/bewaarlijst/vergelijken?c={courses[0].id}", follow_redirects=True)
    assert "Kies twee tot 4 opleidingen" in one.get_data(as_text=True)

    export = browser.client.get("/bewaarlijst.csv")
    assert export.mimetype == "text/csv" and "attachment" in export.headers["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(export.get_data(as_text=True).lstrip("\ufeff")), delimiter=";"))
    assert rows[0][0] == "Opleiding" and {r[0] for r in rows[1:]} == {"Cursus 0", "Cursus 1", "Cursus 2"}
    first = next(r for r in rows if r[0] == "Cursus 0")
    assert first[2] == "100,00" and first[6] == "Amersfoort" and first[7] == "geldig"
    assert "Cursus 2" in browser.client.get("/bewaarlijst/afdrukken").get_data(as_text=True)


def test_the_old_planners_addresses_lead_to_the_compliance_pages_and_nothing_links_to_them(app, people):
    browser = signed_up(app)
    overview = browser.client.get("/organisatie/").get_data(as_text=True)
    assert 'href="/organisatie/naleving"' in overview and "/organisatie/planner" not in overview
    moved = browser.client.get("/organisatie/planner?datum=2025-01-02")
    assert moved.status_code == 301 and moved.headers["Location"].endswith(
        "/organisatie/naleving?datum=2025-01-02"
    )
    planner = browser.client.get("/organisatie/planner?datum=2025-01-02", follow_redirects=True)
    assert planner.status_code == 200 and "2 januari 2025" in planner.get_data(as_text=True)
    assert browser.client.get("/mijn").headers["Location"].endswith("/organisatie/naleving")

    admin = Browser(app.test_client())
    admin.login(people.admin.email)
    rules = admin.client.get("/beheer/planner-regels/")
    assert rules.status_code == 301 and rules.headers["Location"].endswith("/beheer/nalevingsregels")
    page = admin.client.get("/beheer/nalevingsregels").get_data(as_text=True)
    assert "planner-regels" not in page


def test_an_organisation_invites_a_colleague(app):
    browser = signed_up(app)
    response = browser.post(
        "/organisatie/", "/organisatie/collega", {"email": "collega@derups.example"}, follow_redirects=True
    )
    assert "collega@derups.example is uitgenodigd." in response.get_data(as_text=True)
    colleague = db.session.scalars(sa.select(User).where(User.email == "collega@derups.example")).one()
    assert colleague.organisation.name == "Kinderopvang De Rups" and colleague.password_hash is None


def test_an_organisation_updates_its_details(app):
    browser = signed_up(app)
    response = browser.post(
        "/organisatie/",
        "/organisatie/gegevens",
        {"name": "De Rups", "lrk_numbers": "111111111", "province": "gelderland", "offers_vve": "1"},
        follow_redirects=True,
    )
    assert "De gegevens van uw organisatie zijn opgeslagen." in response.get_data(as_text=True)
    db.session.expire_all()
    organisation = db.session.scalars(sa.select(Organisation)).one()
    assert (organisation.name, organisation.lrk_numbers, organisation.offers_vve) == (
        "De Rups",
        ["111111111"],
        True,
    )
    bad = browser.post("/organisatie/", "/organisatie/gegevens", {"lrk_numbers": "12"}, follow_redirects=True)
    assert "LRK-nummer bestaat uit 9 cijfers" in bad.get_data(as_text=True)


def test_export_neutralises_formulas_and_save_only_returns_locally(app):
    browser = signed_up(app)
    course = make_course(make_provider(name='=HYPERLINK("http://evil.example")'), title="+SUM(A1:A9)")
    db.session.commit()
    response = browser.post(
        f"/opleidingen/{course.id}", f"/bewaarlijst/{course.id}", {"terug": "//evil.example/x"}
    )
    assert response.headers["Location"] == "/bewaarlijst"
    rows = list(
        csv.reader(io.StringIO(browser.client.get("/bewaarlijst.csv").get_data(as_text=True)), delimiter=";")
    )
    assert rows[1][0] == "'+SUM(A1:A9)" and rows[1][1].startswith("'=HYPERLINK")


def test_refused_details_and_invitations_come_back_with_what_was_typed(app):
    browser = signed_up(app)
    typed = {"name": "De Rups", "lrk_numbers": "12345", "staff_count": "veel", "city": "Zwolle"}
    refused = browser.post("/organisatie/", "/organisatie/gegevens", typed)
    body = refused.get_data(as_text=True)
    assert refused.status_code == 422 and 'id="foutmelding"' in body and "<details open>" in body
    assert 'href="#veld-staff_count"' in body and 'value="veel"' in body and 'value="Zwolle"' in body

    refused = browser.post("/organisatie/", "/organisatie/collega", {"email": "geen-adres", "name": "Sanne"})
    body = refused.get_data(as_text=True)
    assert refused.status_code == 422 and 'href="#veld-collega-email"' in body
    assert 'value="geen-adres"' in body and 'value="Sanne"' in body
