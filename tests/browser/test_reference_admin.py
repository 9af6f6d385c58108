"""The reference data's admin screens in Chromium, on a phone and a desktop: axe clean, and they work."""

from __future__ import annotations

from datetime import timedelta

import pytest
from playwright.sync_api import Browser, expect

from registry.clock import today
from registry.extensions import db
from registry.reference.loader import load_reference
from tests.browser.test_accessibility import AXE, PASSWORD
from tests.factories import People, make_course

pytestmark = pytest.mark.browser
PAGES = (
    "/beheer/regelingen",
    "/beheer/regelingen/SLIM",
    "/beheer/eisen",
    "/beheer/taxonomie",
    "/beheer/audit",
    "/beheer/nalevingsregels",
    "/beheer/nalevingsregels/babyscholing",
    "/beheer/thesaurus",
)


@pytest.fixture
def reference(app, people: People):
    load_reference(today())
    make_course(people.provider, title="Leercultuur bouwen")
    db.session.commit()


def _signed_in(browser: Browser, base: str, email: str, width: int):
    context = browser.new_context(bypass_csp=True, locale="nl-NL", viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(base + "/inloggen")
    page.get_by_label("E-mailadres").fill(email)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    return context, page


@pytest.mark.parametrize("width", [375, 1280])
def test_admin_screens_have_no_serious_violations(browser: Browser, live_server, reference, people, width):
    context, page = _signed_in(browser, live_server, people.official.email, width)
    for path in (*PAGES, "/beheer/audit/1", "/referentiegegevens"):
        page.goto(live_server + path)
        page.add_script_tag(path=str(AXE))
        result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
        serious = [
            f"{v['id']}: {[n['target'] for n in v['nodes']][:3]}"
            for v in result["violations"]
            if v["impact"] in ("serious", "critical")
        ]
        assert serious == [], (width, path)
    context.close()


def test_an_official_adds_a_window_in_the_browser(browser: Browser, live_server, reference, people):
    context, page = _signed_in(browser, live_server, people.official.email, 375)
    page.goto(live_server + "/beheer/regelingen/SLIM")
    page.get_by_label("Periode 3 opent").fill((today() - timedelta(days=1)).isoformat())
    page.get_by_label("Periode 3 sluit").fill((today() + timedelta(days=10)).isoformat())
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("status")).to_contain_text("De regeling is opgeslagen.")
    page.goto(live_server + "/regelingen")
    expect(page.locator("#slim")).to_contain_text("open tot en met")
    context.close()


def test_an_official_ticks_a_role_of_a_compliance_rule_on_a_phone(
    browser: Browser, live_server, reference, people
):
    context, page = _signed_in(browser, live_server, people.official.email, 375)
    page.goto(live_server + "/beheer/nalevingsregels")
    page.get_by_role("link", name="Scholing werken met 0-jarigen").click()
    page.get_by_label("Groepshulp").check()
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("status")).to_contain_text("De nalevingsregel is opgeslagen.")
    expect(page.get_by_label("Groepshulp")).to_be_checked()
    page.get_by_label("dagopvang").uncheck()
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("alert")).to_contain_text("Niet alle velden zijn goed ingevuld.")
    expect(page.locator("#fout-care_types")).to_contain_text("Kies ten minste één soort opvang.")
    context.close()
