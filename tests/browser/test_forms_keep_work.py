"""On a phone (375 px): a refused form opens at its error summary with focus on it, and a heavy
decision asks for confirmation without losing the rationale."""

from __future__ import annotations

from datetime import timedelta

import pytest
from playwright.sync_api import Browser, Page, expect

from registry.catalogue.enums import CourseStatus
from registry.clock import today
from registry.extensions import db
from registry.reviews.models import ReviewState
from tests.factories import case_in_state, make_course, make_run

pytestmark = pytest.mark.browser
PASSWORD = "correct horse battery staple"
PHONE = {"width": 375, "height": 740}


def sign_in(browser: Browser, base: str, email: str) -> Page:
    page = browser.new_context(locale="nl-NL", viewport=PHONE).new_page()
    page.goto(base + "/inloggen")
    page.get_by_label("E-mailadres").fill(email)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    return page


def in_view(page: Page, selector: str) -> bool:
    box = page.locator(selector).bounding_box()
    return box is not None and -2 <= box["y"] < PHONE["height"]  # scrolled to lands within a pixel


def test_a_run_error_opens_at_the_focused_summary_whose_links_reach_the_fields(
    browser: Browser, live_server, people, artifacts_dir
):
    course = make_course(people.provider, status=CourseStatus.DRAFT)
    db.session.commit()
    page = sign_in(browser, live_server, people.member.email)
    page.goto(f"{live_server}/aanbieder/opleidingen/{course.id}")
    page.get_by_label("Startdatum").fill("2027-03-10")
    page.get_by_label("Einddatum").fill("2027-03-01")
    page.get_by_label("Plaats", exact=True).fill("Zwolle")
    page.get_by_role("button", name="Toevoegen").click()

    summary = page.locator("#foutmelding")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("De einddatum ligt voor de startdatum.")
    assert in_view(page, "#foutmelding")  # the page opened where the person was, not at the top
    expect(page.get_by_label("Plaats", exact=True)).to_have_value("Zwolle")  # what was typed stays
    page.screenshot(path=artifacts_dir / "run-error-summary-375.png")
    summary.get_by_role("link", name="Einddatum: De einddatum ligt voor de startdatum.").click()
    assert in_view(page, "#veld-ends_on") and in_view(page, "label[for=veld-ends_on]")


def test_rejecting_asks_for_confirmation_and_back_keeps_the_rationale(
    browser: Browser, live_server, people, artifacts_dir
):
    case = case_in_state(people, ReviewState.IN_REVIEW)
    make_run(case.course, today() + timedelta(days=30))
    db.session.commit()
    page = sign_in(browser, live_server, people.official.email)
    page.goto(f"{live_server}/beoordelingen/{case.id}")
    page.get_by_label("Toelichting", exact=False).fill("De leerdoelen ontbreken.")
    page.get_by_role("button", name="Afwijzing voorstellen…").click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("Weet u het zeker")
    page.screenshot(path=artifacts_dir / "confirm-reject-375.png")
    page.get_by_role("button", name="Nee, terug naar de zaak").click()
    expect(page.get_by_label("Toelichting", exact=False)).to_have_value("De leerdoelen ontbreken.")
    expect(page.get_by_test_id("case-state")).to_have_text("In behandeling")

    page.get_by_role("button", name="Afwijzing voorstellen…").click()
    page.get_by_role("button", name="Ja, afwijzing voorstellen").click()
    expect(page.get_by_test_id("case-state")).to_have_text("Wacht op tweede beoordelaar")
