"""The statistics page in Chromium: readable at 375 and 1280 px, axe clean, printable, no JavaScript."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser

from registry.clock import today
from tests.browser.test_accessibility import AXE
from tests.statistics.conftest import build_sector

pytestmark = pytest.mark.browser


@pytest.fixture
def sector(app):
    return build_sector(today())


@pytest.mark.parametrize("width", [375, 1280])
def test_statistics_page_fits_and_is_accessible(browser: Browser, live_server, sector, artifacts_dir, width):
    context = browser.new_context(
        viewport={"width": width, "height": 900}, locale="nl-NL", java_script_enabled=False
    )
    page = context.new_page()
    page.goto(live_server + "/statistieken?provincie=zeeland")
    # Nothing wider than the screen: wide tables scroll inside their own region.
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert page.get_by_role("img", name="Uitvoeringen per maand — Zeeland").is_visible()
    assert page.get_by_role("table", name="Tabel: Prijs per studie-uur per thema").is_visible()
    page.screenshot(path=str(artifacts_dir / f"statistics-{width}.png"), full_page=True)
    # Printing leaves out the filters and downloads and keeps every figure.
    page.emulate_media(media="print")
    assert not page.get_by_role("navigation", name="Filters").is_visible()
    assert page.locator("section.figure").count() == 11
    context.close()

    axe_context = browser.new_context(viewport={"width": width, "height": 900}, bypass_csp=True)
    axe_page = axe_context.new_page()
    axe_page.goto(live_server + "/statistieken?provincie=zeeland")
    axe_page.add_script_tag(path=str(AXE))
    result = axe_page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    axe_context.close()
    assert [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3]) for v in result["violations"]] == []


def test_gap_panel_on_the_officials_dashboard_is_accessible(browser: Browser, live_server, sector, people):
    from tests.browser.test_accessibility import violations

    assert violations(browser, live_server, "/beoordelingen/overzicht", people.official.email) == []
