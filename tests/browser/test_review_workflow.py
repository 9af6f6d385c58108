"""In Chromium: a provider submits a course, two officials approve it, the public sees its mark."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, Page, expect

from registry.accounts.models import Role
from registry.catalogue.models import Topic
from registry.extensions import db
from tests.factories import make_provider, make_user

pytestmark = pytest.mark.browser
PASSWORD = "correct horse battery staple"


@pytest.fixture
def cast(app):
    provider = make_provider(slug="kindwijs", name="Academie Kindwijs")
    db.session.add(Topic(slug="kinder-ehbo", name="Kinder-EHBO"))
    people = {
        "provider": make_user(Role.PROVIDER, providers=[provider], email="aanbieder@kindwijs.example"),
        "first": make_user(Role.REVIEWER, email="eerste@branche.example"),
        "second": make_user(Role.REVIEWER, email="tweede@branche.example"),
    }
    db.session.commit()
    return people


def sign_in(browser: Browser, base: str, email: str) -> Page:
    page = browser.new_context(locale="nl-NL").new_page()
    page.goto(base + "/inloggen")
    page.get_by_label("E-mailadres").fill(email)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    return page


def test_provider_submits_and_two_officials_approve(browser: Browser, live_server, cast, artifacts_dir):
    provider = sign_in(browser, live_server, "aanbieder@kindwijs.example")
    expect(provider.get_by_role("heading", level=1)).to_have_text("Mijn aanbod")
    provider.get_by_role("link", name="Nieuwe opleiding").click()
    provider.get_by_label("Titel").fill("Kinder-EHBO voor de dagopvang")
    provider.get_by_label("Samenvatting (één of twee zinnen)").fill(
        "Eerste hulp bij kinderen, met certificaat."
    )
    provider.get_by_label("Vorm").select_option("classroom")
    provider.get_by_label("Studiebelasting in uren").fill("8")
    provider.get_by_label("Prijs in euro (inclusief btw)").fill("129.00")
    provider.get_by_label("Kinder-EHBO").check()
    provider.get_by_role("button", name="Concept opslaan").click()
    expect(provider.get_by_test_id("course-status")).to_have_text("Concept")
    course_url = provider.url

    provider.get_by_label("Startdatum").fill("2027-03-01")
    provider.get_by_label("Einddatum").fill("2027-03-01")
    provider.get_by_label("Plaats", exact=True).fill("Zwolle")
    provider.get_by_label("Provincie").select_option("overijssel")
    provider.get_by_role("button", name="Toevoegen").click()
    expect(provider.get_by_role("status")).to_contain_text("De uitvoering is toegevoegd.")
    provider.get_by_role("button", name="Indienen ter beoordeling").click()
    expect(provider.get_by_test_id("review-state")).to_have_text("Ingediend")
    provider.screenshot(path=artifacts_dir / "provider-submitted.png", full_page=True)

    first = sign_in(browser, live_server, "eerste@branche.example")
    first.get_by_role("link", name="Kinder-EHBO voor de dagopvang").click()
    first.get_by_role("button", name="In behandeling nemen").click()
    expect(first.get_by_test_id("case-state")).to_have_text("In behandeling")
    # Ticks and rationale go with the proposal in one press; no separate save is needed.
    for checkbox in first.locator("input[name=met]").all():
        checkbox.check()
    first.get_by_label(re.compile("^Toelichting")).fill(
        "Voldoet aan alle criteria; trainers zijn gecertificeerd."
    )
    first.get_by_role("button", name="Goedkeuring voorstellen").click()
    expect(first.get_by_test_id("case-state")).to_have_text("Wacht op tweede beoordelaar")
    # Four eyes: the recommending official is not offered the confirmation.
    expect(first.get_by_role("button", name="Besluit bevestigen")).to_have_count(0)
    case_url = first.url

    second = sign_in(browser, live_server, "tweede@branche.example")
    second.goto(case_url)
    second.get_by_role("button", name="Besluit bevestigen").click()
    expect(second.get_by_test_id("case-state")).to_have_text("Goedgekeurd")
    second.screenshot(path=artifacts_dir / "case-approved.png", full_page=True)

    public = browser.new_context(locale="nl-NL").new_page()
    public.goto(course_url.replace("/aanbieder/opleidingen/", "/opleidingen/"))
    expect(public.get_by_role("heading", level=1)).to_have_text("Kinder-EHBO voor de dagopvang")
    expect(public.locator(".status-panel .badge--valid")).to_contain_text("Geaccrediteerd t/m")
    expect(public.get_by_role("table")).to_contain_text("Zwolle")
