"""In Chromium at phone and desktop width, as the HR lead of an organisation: add a location, import
staff with a preview, read the planner and make the opleidingsplan; axe finds nothing serious."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from registry.clock import today
from registry.extensions import db
from registry.reference.loader import load_reference
from tests.factories import People

pytestmark = pytest.mark.browser
AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
PASSWORD = "correct horse battery staple"
CSV = (
    "personeelsnummer;naam;functie;fte;locaties;werkt_met_babys;diplomas;ehbo_geldig_tot\n"
    "1;A. de Vries;pedagogisch-medewerker;0,5;111111111;ja;mbo-4;01-01-2030\n"
    "2;B. Jansen;pedagogisch-medewerker;0,8;111111111;nee;havo;\n"
    "3;C. Smit;kok;1,0;111111111;nee;;\n"
)


def serious_violations(page: Page) -> list[str]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


@pytest.mark.parametrize("width", [375, 1280])
def test_import_staff_read_planner_make_training_plan(
    browser: Browser, live_server, app, people: People, artifacts_dir, tmp_path, width
):
    load_reference(today())
    people.organisation.organisation_admin = True
    db.session.commit()  # the live server writes too; SQLite allows one writer at a time
    context = browser.new_context(
        bypass_csp=True, locale="nl-NL", viewport={"width": width, "height": 900}, accept_downloads=True
    )
    page = context.new_page()
    page.goto(live_server + "/inloggen")
    page.get_by_label("E-mailadres").fill(people.organisation.email)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()

    page.goto(live_server + "/organisatie/locaties")
    page.get_by_label("Naam van de locatie").fill("De Boomhut")
    page.get_by_label("LRK-nummer").fill("111111111")
    page.get_by_label("Soort opvang").select_option("dagopvang")
    page.get_by_role("button", name="Locatie toevoegen").click()
    expect(page.get_by_role("table")).to_contain_text("111111111")
    assert serious_violations(page) == []

    staff_file = tmp_path / "personeel.csv"
    staff_file.write_text(CSV, encoding="utf-8")
    page.goto(live_server + "/organisatie/personeel/importeren")
    assert serious_violations(page) == []
    page.get_by_label("Bestand (CSV of XLSX, hooguit 2 MB)").set_input_files(str(staff_file))
    page.get_by_role("button", name="Voorbeeld bekijken").click()
    expect(page.get_by_test_id("import-summary")).to_contain_text("2 regels kunnen worden opgeslagen, 1")
    expect(page.get_by_role("table")).to_contain_text("onbekende functie 'kok'")
    page.screenshot(path=artifacts_dir / f"compliance-import-preview-{width}.png", full_page=True)
    assert serious_violations(page) == []
    page.get_by_role("button", name="Importeren bevestigen").click()
    expect(page.get_by_role("status")).to_contain_text("2 medewerkers opgeslagen, 1 regel overgeslagen.")

    page.goto(live_server + "/organisatie/naleving?datum=2026-06-01")
    expect(page.get_by_test_id("coaching-total")).to_contain_text("63 nodig")  # 50 + 10 x 1.3
    expect(page.get_by_test_id("verdict-babyscholing")).to_contain_text("Actie nodig")
    expect(page.get_by_test_id("verdict-babyscholing")).to_contain_text("cao Kinderopvang, bijlage V")
    page.screenshot(path=artifacts_dir / f"compliance-planner-{width}.png", full_page=True)
    assert serious_violations(page) == []

    page.goto(live_server + "/organisatie/opleidingsplan?jaar=2026")
    expect(page.get_by_role("table")).to_contain_text("Scholing werken met 0-jarigen")
    assert serious_violations(page) == []
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download als XLSX").click()
    assert download_info.value.suggested_filename == "opleidingsplan-2026.xlsx"
    page.screenshot(path=artifacts_dir / f"compliance-plan-{width}.png", full_page=True)
    context.close()
