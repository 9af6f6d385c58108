"""The four people of the register walk their errands in Chromium, on a phone (375 px) and a desktop
(1280 px): a reader who becomes a signed-in organisation, a provider submitting a course, an official
reviewing it and an admin. Each step checks what the person sees, and leaves a screenshot in
test-artifacts/journeys/. One live server serves every journey; one browser drives them all."""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import pytest
import sqlalchemy as sa
from flask import Flask
from playwright.sync_api import Browser, Page, expect
from werkzeug.serving import make_server

from registry.catalogue.enums import CourseStatus, Province
from registry.catalogue.models import LegalRequirement
from registry.clock import today
from registry.compliance.models import Diploma, Location, StaffMember
from registry.extensions import db
from registry.organisations.models import CareType
from registry.reference.loader import load_reference
from registry.reviews.models import ReviewState
from tests.browser.conftest import menu_link
from tests.factories import People, case_in_state, make_course, make_mark, make_run

pytestmark = pytest.mark.browser
PASSWORD = "correct horse battery staple"
WIDTHS = [375, 1280]


@pytest.fixture(scope="module")
def server(_migrated_app: Flask) -> Iterator[str]:
    """One server for all journeys; each test's data is emptied by the ``app`` fixture afterwards."""
    http = make_server("127.0.0.1", 0, _migrated_app, threaded=True)
    thread = threading.Thread(target=http.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{http.server_port}"
    http.shutdown()
    thread.join()


@pytest.fixture
def sector(app, people: People) -> dict[str, int]:
    load_reference(today())
    course = make_course(people.provider, title="Kinder-EHBO voor de kinderopvang")
    make_run(course, today() + timedelta(days=20), city="Utrecht", province=Province.UTRECHT)
    make_mark(
        course=course, awarded_on=today() - timedelta(days=3), valid_until=today() + timedelta(days=900)
    )
    course.legal_requirement = db.session.scalars(
        sa.select(LegalRequirement).where(LegalRequirement.code == "kinder-ehbo")
    ).one()
    draft = make_course(people.provider, title="Praten met ouders", status=CourseStatus.DRAFT)
    # The organisation's administrator has entered a location and its staff: nobody holds kinder-EHBO yet.
    people.organisation.organisation_admin = True
    organisation = people.organisation.organisation
    organisation.province = Province.UTRECHT
    location = Location(
        organisation_id=organisation.id,
        name="De Rups Centrum",
        lrk_number="123456789",
        care_type=CareType.DAYCARE,
        city="Utrecht",
        province=Province.UTRECHT,
    )
    for number, name, diploma in (("1", "Anouk", "mbo-4"), ("2", "Bram", "hbo-bachelor")):
        db.session.add(
            StaffMember(
                organisation_id=organisation.id,
                employee_number=number,
                name=name,
                role="pedagogisch-medewerker",
                fte=Decimal("0.8"),
                locations=[location],
                diplomas=[Diploma(kind=diploma)],
            )
        )
    db.session.commit()
    case = case_in_state(people, ReviewState.SUBMITTED)
    return {"course": course.id, "draft": draft.id, "case": case.id}


class Journey:
    """A person's browser tab at one width, that photographs each step it checks."""

    def __init__(self, browser: Browser, base: str, width: int, who: str, artifacts: Path) -> None:
        self.context = browser.new_context(locale="nl-NL", viewport={"width": width, "height": 900})
        self.page: Page = self.context.new_page()
        self.base, self.width, self.who = base, width, who
        self.folder = artifacts / "journeys"
        self.folder.mkdir(exist_ok=True)
        self.step = 0

    @property
    def phone(self) -> bool:
        return self.width < 600

    def seen(self, name: str) -> None:
        """The page fits the screen; keep a picture of it."""
        self.step += 1
        self.page.wait_for_load_state("load")  # measured with its style sheets applied
        width = self.page.evaluate("document.documentElement.scrollWidth")
        assert width <= self.width, f"{self.who} step {self.step} ({name}) is {width}px wide"
        path = self.folder / f"{self.who}-{self.width}-{self.step:02d}-{name}.png"
        self.page.screenshot(path=path, full_page=True)

    def sign_in(self, email: str) -> None:
        self.page.goto(self.base + "/")
        menu_link(self.page, "Inloggen").click()
        expect(self.page.get_by_role("heading", level=1)).to_have_text("Inloggen")
        self.page.get_by_label("E-mailadres").fill(email)
        self.page.get_by_label("Wachtwoord").fill(PASSWORD)
        self.page.locator("main").get_by_role("button", name="Inloggen").click()

    def heading(self) -> str:
        return self.page.get_by_role("heading", level=1).inner_text()

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def journey(browser: Browser, server: str, artifacts_dir: Path):
    opened: list[Journey] = []

    def start(width: int, who: str) -> Journey:
        opened.append(Journey(browser, server, width, who, artifacts_dir))
        return opened[-1]

    yield start
    for tab in opened:
        tab.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_a_reader_finds_a_course_and_as_an_organisation_plans_training(journey, sector, people, width):
    tab = journey(width, "lezer")
    page = tab.page
    page.goto(tab.base + "/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Vind een goede opleiding voor de kinderopvang")
    expect(page.get_by_role("img", name="Scholingsregister Kinderopvang")).to_be_visible()
    menu_button = page.locator("summary.site-menu__toggle")
    if tab.phone:  # the menu is folded behind its button, so the header stays short
        expect(menu_button).to_be_visible()
        expect(page.locator("header").get_by_role("link", name="Aanbieders")).to_be_hidden()
        assert page.locator("header").bounding_box()["height"] < 200
    else:
        expect(menu_button).to_be_hidden()
        expect(page.locator("header").get_by_role("link", name="Aanbieders")).to_be_visible()
    tab.seen("home")

    page.locator("main").get_by_label("Zoek een opleiding").fill("EHBO")
    page.locator("main").get_by_role("button", name="Zoeken").click()
    result = page.get_by_role("link", name="Kinder-EHBO voor de kinderopvang")
    expect(result).to_be_visible()
    expect(page.get_by_role("link", name="Praten met ouders")).to_have_count(0)  # a draft is not public
    # Facet choices are drawn boxes, not "☐" characters; the sort button is a styled button.
    assert "☐" not in page.locator("main").inner_text()
    page.wait_for_load_state()  # measured with the stylesheets applied, not while one still loads
    box = page.locator(".facet__box").first.bounding_box()
    assert box is not None and 16 <= box["width"] <= 24
    sort_button = page.get_by_role("button", name=re.compile("^Sorteer"))
    if sort_button.count():
        assert sort_button.evaluate("b => getComputedStyle(b).borderTopWidth") == "2px"
    tab.seen("zoekresultaten")

    result.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Kinder-EHBO voor de kinderopvang")
    expect(page.locator("main")).to_contain_text("Academie Kindwijs")
    expect(page.locator(".badge--valid").first).to_contain_text("Geaccrediteerd t/m")
    expect(page.locator("main")).to_contain_text("Utrecht")
    tab.seen("opleiding")

    menu_link(page, "Subsidies en fondsen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Subsidies en fondsen")
    expect(menu_link(page, "Subsidies en fondsen")).to_have_attribute("aria-current", "page")
    tab.seen("regelingen")

    page.locator("footer").get_by_role("link", name="Toegankelijkheidsverklaring").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Toegankelijkheidsverklaring")
    expect(page.locator("main")).to_contain_text("WCAG 2.2")
    tab.seen("toegankelijkheid")

    tab.sign_in(people.organisation.email)  # an administrator of the organisation starts at the planner
    expect(page.get_by_role("heading", level=1)).to_have_text("Naleving per locatie en medewerker")
    expect(menu_link(page, "Naleving")).to_have_attribute("aria-current", "page")
    summary = page.locator(".plan-summary")
    ehbo = summary.get_by_test_id("duty-kinder-ehbo-kindercentrum")
    expect(ehbo).to_contain_text("Kinder-EHBO op elk kindercentrum")
    expect(ehbo).to_contain_text("Actie nodig · 1 van 1 locatie niet op orde")
    expect(summary.get_by_test_id("duty-taaleis-3f")).to_contain_text("Op orde · 2 medewerkers op orde")
    details = page.locator("details.plan-details", has_text="Kinder-EHBO op elk kindercentrum")
    verdict = details.get_by_test_id("verdict-kinder-ehbo-kindercentrum")
    expect(verdict).to_be_hidden()  # the details are folded ...
    tab.seen("naleving")
    ehbo.get_by_role("link").click()  # the summary leads to the duty at its location
    expect(details.locator("summary")).to_be_in_viewport()
    details.locator("summary").click()
    expect(verdict).to_be_visible()  # ... until asked for, with the accredited course that fits
    expect(verdict).to_contain_text("0 van de minimaal 1 geldige certificaathouders")
    expect(details.get_by_role("link", name="Kinder-EHBO voor de kinderopvang")).to_be_visible()
    tab.seen("naleving-details")


@pytest.mark.parametrize("width", WIDTHS)
def test_a_provider_adds_a_run_and_submits_a_course(journey, sector, people, width):
    tab = journey(width, "aanbieder")
    page = tab.page
    tab.sign_in(people.member.email)
    expect(page.get_by_role("heading", level=1)).to_have_text("Mijn aanbod")
    expect(menu_link(page, "Mijn aanbod")).to_have_attribute("aria-current", "page")
    row = page.locator("tr", has_text="Praten met ouders")
    step = row.locator("td").nth(1)  # the "Stap" column: one word for where the course stands
    expect(step).to_have_text("Concept")
    if tab.phone:  # the table became cards: each value under its heading
        expect(step).to_have_attribute("data-label", "Stap")
        page.wait_for_load_state()  # measured with the stylesheets applied
        assert row.bounding_box()["width"] <= tab.width
    tab.seen("mijn-aanbod")

    row.get_by_role("link", name="Praten met ouders").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Praten met ouders")
    steps = page.get_by_role("navigation", name="Stappen naar publicatie").get_by_role("listitem")
    expect(steps).to_have_count(4)
    expect(steps.nth(0)).to_have_attribute("aria-current", "step")
    expect(page.get_by_test_id("course-status")).to_have_text("Concept")
    # Without a run ahead nobody could take the course: the page says so before the button is pressed.
    expect(page.locator(".submit-blockers")).to_contain_text("Voeg eerst een uitvoering toe")
    tab.seen("concept")

    start = (today() + timedelta(days=60)).isoformat()
    page.get_by_label("Startdatum").fill(start)
    page.get_by_label("Einddatum").fill(start)
    page.get_by_label("Plaats", exact=True).fill("Zwolle")
    page.get_by_label("Provincie").select_option("overijssel")
    page.get_by_role("button", name="Toevoegen").click()
    expect(page.locator("main")).to_contain_text("De uitvoering is toegevoegd.")
    expect(page.locator("main table")).to_contain_text("Zwolle")
    expect(page.locator(".submit-blockers")).to_have_count(0)
    tab.seen("uitvoering")

    page.get_by_role("button", name="Indienen ter beoordeling").click()
    expect(page.get_by_test_id("review-state")).to_have_text("Ingediend")
    expect(page.get_by_test_id("course-status")).to_have_text("Ingediend")
    expect(steps.nth(0)).to_contain_text("afgerond")
    expect(page.get_by_role("button", name="Indienen ter beoordeling")).to_have_count(0)
    tab.seen("ingediend")


@pytest.mark.parametrize("width", WIDTHS)
def test_an_official_takes_a_case_and_asks_for_changes(journey, sector, people, width):
    tab = journey(width, "beoordelaar")
    page = tab.page
    tab.sign_in(people.official.email)
    expect(page.get_by_role("heading", level=1)).to_have_text("Beoordelingen")
    expect(menu_link(page, "Beoordelingen")).to_have_attribute("aria-current", "page")
    row = page.locator("main tr", has_text="Kinder-EHBO basis")
    expect(row).to_contain_text("Ingediend")
    tab.seen("wachtrij")

    row.get_by_role("link").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Kinder-EHBO basis")
    expect(page.get_by_test_id("case-state")).to_have_text("Ingediend")
    tab.seen("zaak")

    page.get_by_role("button", name="In behandeling nemen").click()
    expect(page.get_by_test_id("case-state")).to_have_text("In behandeling")
    expect(page.locator("input[name=met]").first).to_be_enabled()
    tab.seen("in-behandeling")

    page.get_by_label(re.compile("^Toelichting")).fill("Beschrijf de praktijkopdracht en wie die beoordeelt.")
    page.get_by_role("button", name="Wijzigingen vragen").click()
    expect(page.get_by_test_id("case-state")).to_have_text("Wijzigingen gevraagd")
    expect(page.locator("main")).to_contain_text("Beschrijf de praktijkopdracht")
    tab.seen("wijzigingen-gevraagd")


@pytest.mark.parametrize("width", WIDTHS)
def test_an_admin_invites_an_official_and_reads_the_compliance_rules(journey, sector, people, width):
    tab = journey(width, "beheerder")
    page = tab.page
    tab.sign_in(people.admin.email)
    menu_link(page, "Gebruikers").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Gebruikers")
    expect(menu_link(page, "Gebruikers")).to_have_attribute("aria-current", "page")
    accounts = page.get_by_role("table")
    expect(accounts).to_contain_text(people.official.email)
    tab.seen("gebruikers")

    form = page.locator("form", has=page.get_by_role("button", name="Uitnodigen"))
    form.get_by_label("E-mailadres").fill("nieuwe.beoordelaar@branche.example")
    form.get_by_label("Naam").fill("Nieuwe Beoordelaar")
    form.get_by_label("Rol").select_option("reviewer")
    form.get_by_role("button", name="Uitnodigen").click()
    expect(page.get_by_role("table")).to_contain_text("nieuwe.beoordelaar@branche.example")
    tab.seen("uitgenodigd")

    menu_link(page, "Referentiegegevens").click()
    expect(menu_link(page, "Referentiegegevens")).to_have_attribute("aria-current", "page")
    page.get_by_role("navigation", name="Beheer van de referentiegegevens").get_by_role(
        "link", name="Nalevingsregels"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Nalevingsregels beheren")
    rule = page.locator("main tr", has_text="Kinder-EHBO op elk kindercentrum")
    expect(rule.locator("td").nth(2)).to_have_text("dagopvang, bso, peuteropvang")
    if tab.phone:  # the table became cards: each value under its heading
        expect(rule.locator("td").nth(2)).to_have_attribute("data-label", "Soorten opvang")
    tab.seen("nalevingsregels")
