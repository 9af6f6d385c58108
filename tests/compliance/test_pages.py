"""The compliance pages through the test client: import with preview, planner with ?datum=, exports,
the GGD overview, privacy, and isolation between organisations."""

from __future__ import annotations

import io

import sqlalchemy as sa
from openpyxl import load_workbook

from registry.compliance import service
from registry.compliance.models import StaffMember
from registry.extensions import db

CSV = (
    b"personeelsnummer;naam;functie;fte;locaties;werkt_met_babys;diplomas\n"
    b"1;A. de Vries;pedagogisch-medewerker;0,5;111111111;ja;mbo-4\n"
    b"2;B. Jansen;kok;0,5;111111111;nee;\n"
)


def _setup(orgs, browser_client):
    service.add_location(
        orgs.a_member, orgs.a.id, {"name": "De Boomhut", "lrk_number": "111111111", "care_type": "dagopvang"}
    )
    browser_client.login("hr@zonnetje.example")


def test_import_shows_a_preview_with_a_dutch_report_then_stores_on_confirmation(orgs, browser_client):
    _setup(orgs, browser_client)
    page = "/organisatie/personeel/importeren"
    preview = browser_client.post(
        page, page, {"file": (io.BytesIO(CSV), "personeel.csv")}, content_type="multipart/form-data"
    )
    html = preview.get_data(as_text=True)
    assert preview.status_code == 200
    assert "onbekende functie &#39;kok&#39;" in html and "Voorbeeld: nog niets opgeslagen" in html
    assert db.session.scalar(sa.select(sa.func.count(StaffMember.id))) == 0
    payload = html.split('name="payload" value="')[1].split('"')[0]
    done = browser_client.post(
        page, page, {"payload": payload, "filename": "personeel.csv", "confirm": "1"}, follow_redirects=True
    )
    assert "1 medewerker opgeslagen, 1 regel overgeslagen." in done.get_data(as_text=True)
    assert [m.name for m in db.session.scalars(sa.select(StaffMember))] == ["A. de Vries"]


def test_import_of_a_wrong_file_is_a_dutch_error_not_a_500(orgs, browser_client):
    _setup(orgs, browser_client)
    page = "/organisatie/personeel/importeren"
    response = browser_client.post(
        page, page, {"file": (io.BytesIO(b"x"), "foto.png")}, content_type="multipart/form-data"
    )
    assert response.status_code == 422
    assert "Upload een .csv- of .xlsx-bestand." in response.get_data(as_text=True)


def test_planner_page_shows_verdicts_with_source_and_moves_with_datum(orgs, browser_client):
    _setup(orgs, browser_client)
    service.apply_import(orgs.a_member, orgs.a.id, "p.csv", CSV)
    before = browser_client.client.get("/organisatie/naleving?datum=2024-12-31").get_data(as_text=True)
    after = browser_client.client.get("/organisatie/naleving?datum=2025-01-02").get_data(as_text=True)
    assert 'data-testid="verdict-babyscholing"' not in before
    assert 'data-testid="verdict-babyscholing"' in after
    assert "cao Kinderopvang, bijlage V" in after
    assert "55 nodig" in after  # 50 + 10 x 0.5


def test_training_plan_as_page_csv_and_xlsx(orgs, browser_client):
    _setup(orgs, browser_client)
    service.apply_import(orgs.a_member, orgs.a.id, "p.csv", CSV)
    page = browser_client.client.get("/organisatie/opleidingsplan?jaar=2026")
    csv_file = browser_client.client.get("/organisatie/opleidingsplan.csv?jaar=2026")
    xlsx = browser_client.client.get("/organisatie/opleidingsplan.xlsx?jaar=2026")
    assert "Opleidingsplan 2026" in page.get_data(as_text=True)
    text = csv_file.get_data().decode("utf-8-sig")
    assert text.splitlines()[0].startswith("Locatie;LRK;Medewerkers;Eis")
    assert "Scholing werken met 0-jarigen" in text and "A. de Vries" in text
    sheet = load_workbook(io.BytesIO(xlsx.get_data())).active
    assert sheet.cell(1, 1).value == "Locatie" and sheet.max_row == len(text.splitlines())


def test_ggd_overview_and_privacy_statement(orgs, browser_client):
    _setup(orgs, browser_client)
    service.apply_import(orgs.a_member, orgs.a.id, "p.csv", CSV)
    location_id = service.locations(orgs.a_member, orgs.a.id)[0].id
    overview = browser_client.client.get(f"/organisatie/ggd-overzicht/{location_id}?datum=2025-06-01")
    assert "Inzet pedagogisch beleidsmedewerker/coach" in overview.get_data(as_text=True)
    privacy = browser_client.client.get("/privacy/personeelsgegevens").get_data(as_text=True)
    assert "365 dagen na hun laatste werkdag" in privacy


def test_b_cannot_open_or_erase_a_persons_record_through_pages(orgs, browser_client):
    service.add_location(
        orgs.a_member, orgs.a.id, {"name": "De Boomhut", "lrk_number": "111111111", "care_type": "dagopvang"}
    )
    service.apply_import(orgs.a_member, orgs.a.id, "p.csv", CSV)
    member_id = db.session.scalar(sa.select(StaffMember.id))
    location_id = service.locations(orgs.a_member, orgs.a.id)[0].id
    browser_client.login("hr@maan.example")
    client = browser_client.client
    assert client.get(f"/organisatie/personeel/{member_id}").status_code == 404
    assert client.get(f"/organisatie/personeel/{member_id}/export.json").status_code == 404
    assert client.get(f"/organisatie/ggd-overzicht/{location_id}").status_code == 404
    assert "A. de Vries" not in client.get("/organisatie/personeel").get_data(as_text=True)
    erase = browser_client.post("/organisatie/personeel", f"/organisatie/personeel/{member_id}/verwijderen")
    assert erase.status_code == 404
    assert db.session.get(StaffMember, member_id) is not None


def test_signed_out_visitors_are_sent_to_log_in(client):
    for path in ("/organisatie/naleving", "/organisatie/personeel", "/organisatie/opleidingsplan"):
        assert client.get(path).status_code in (302, 401)


def test_location_form_accepts_empty_optional_fields_and_shows_errors_in_dutch(orgs, browser_client):
    browser_client.login("hr@zonnetje.example")
    page = "/organisatie/locaties"
    fine = browser_client.post(
        page, page, {"name": "X", "lrk_number": "333333333", "care_type": "bso", "province": "", "city": "",
                     "coaching_hours_planned": ""}, follow_redirects=True)  # fmt: skip
    assert "De locatie is toegevoegd." in fine.get_data(as_text=True)
    wrong = browser_client.post(page, page, {"name": "Y", "lrk_number": "12", "care_type": "bso"})
    assert wrong.status_code == 422 and "Een LRK-nummer bestaat uit 9 cijfers." in wrong.get_data(
        as_text=True
    )


def test_a_planned_course_shows_on_the_planner_and_in_the_training_plan(orgs, browser_client):
    _setup(orgs, browser_client)
    service.apply_import(orgs.a_member, orgs.a.id, "p.csv", CSV)
    member_id = db.session.scalar(sa.select(StaffMember.id))
    person = f"/organisatie/personeel/{member_id}"
    course = {"requirement_code": "babyscholing", "title": "Baby's in beeld"}
    browser_client.post(person, f"{person}/scholing", course | {"starts_on": "2026-03-02", "hours": "24"})
    planner = browser_client.client.get("/organisatie/naleving?datum=2026-01-15").get_data(as_text=True)
    assert "Gepland: Baby&#39;s in beeld" in planner
    plan_csv = (
        browser_client.client.get("/organisatie/opleidingsplan.csv?jaar=2026").get_data().decode("utf-8-sig")
    )
    assert "Baby's in beeld;2 maart 2026;24" in plan_csv


def test_a_refused_certificate_keeps_what_was_typed_under_an_error_summary(orgs, browser_client):
    _setup(orgs, browser_client)
    service.apply_import(orgs.a_member, orgs.a.id, "p.csv", CSV)
    member_id = db.session.scalar(sa.select(StaffMember.id))
    person = f"/organisatie/personeel/{member_id}"
    typed = {"kind": "kinder-ehbo", "obtained_on": "2026-02-01", "valid_until": "2026-01-01", "hours": "veel"}
    refused = browser_client.post(person, person, typed)
    body = refused.get_data(as_text=True)
    assert refused.status_code == 422 and 'id="foutmelding"' in body
    assert 'href="#veld-hours"' in body
    assert 'value="2026-02-01"' in body and 'value="veel"' in body
