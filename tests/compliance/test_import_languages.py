"""The staff import speaks the interface's language: a wrong file and each row's problems in Dutch, or in
English after the language switch (the column names are the file's own and stay as they are)."""

from __future__ import annotations

import io
from html import unescape

import pytest

from registry.compliance import service

PAGE = "/organisatie/personeel/importeren"
CSV = (
    b"personeelsnummer;naam;functie;fte;locaties;werkt_met_babys;ehbo_behaald\n"
    b"1;A. de Vries;pedagogisch-medewerker;0,5;111111111;ja;\n"
    b"2;B. Jansen;kok;1,8;111111111;misschien;31-02-2025\n"
    b"1;C. Smit;pedagogisch-medewerker;0,5;111111111;nee;\n"
    b";;pedagogisch-medewerker;;111111111;nee;\n"
)
DUTCH = [
    "onbekende functie 'kok'",
    "fte 1.8 ligt niet tussen 0 en 1,5",
    "werkt_met_babys: vul 'ja' of 'nee' in, niet 'misschien'",
    "ehbo_behaald: '31-02-2025' is geen geldige datum (DD-MM-JJJJ)",
    "personeelsnummer 1 staat ook op regel 2",
    "personeelsnummer ontbreekt",
    "naam of initialen ontbreken",
    "fte of contracturen ontbreken",
    "<td>nieuw</td>",
    "<td>overgeslagen</td>",
]
ENGLISH = [
    "unknown role 'kok'",
    "fte 1.8 is not between 0 and 1.5",
    "werkt_met_babys: fill in 'ja' (yes) or 'nee' (no), not 'misschien'",
    "ehbo_behaald: '31-02-2025' is not a valid date (DD-MM-YYYY)",
    "personeelsnummer 1 is also on line 2",
    "personeelsnummer (employee number) is missing",
    "name or initials are missing",
    "fte or contract hours are missing",
    "<td>new</td>",
    "<td>skipped</td>",
]


def _upload(orgs, browser_client, language: str, data: bytes, name: str) -> tuple[int, str]:
    service.add_location(
        orgs.a_member, orgs.a.id, {"name": "De Boomhut", "lrk_number": "111111111", "care_type": "dagopvang"}
    )
    browser_client.login("hr@zonnetje.example")
    browser_client.client.set_cookie("taal", language)
    response = browser_client.post(
        PAGE, PAGE, {"file": (io.BytesIO(data), name)}, content_type="multipart/form-data"
    )
    return response.status_code, unescape(response.get_data(as_text=True))


@pytest.mark.parametrize(("language", "expected"), [("nl", DUTCH), ("en", ENGLISH)])
def test_each_rows_problems_are_reported_in_the_chosen_language(orgs, browser_client, language, expected):
    status, html = _upload(orgs, browser_client, language, CSV, "personeel.csv")
    assert status == 200
    assert [text for text in expected if text not in html] == []


@pytest.mark.parametrize(
    ("language", "data", "name", "message"),
    [
        ("nl", b"naam;functie\nA;b\n", "p.csv", "De eerste regel moet de kolomnamen bevatten"),
        ("en", b"naam;functie\nA;b\n", "p.csv", "The first line must hold the column names, with at least"),
        ("nl", b"PK\x03\x04kapot", "p.xlsx", "Dit XLSX-bestand kan niet worden gelezen."),
        ("en", b"PK\x03\x04kapot", "p.xlsx", "This XLSX file cannot be read."),
    ],
)
def test_a_wrong_file_is_refused_in_the_chosen_language(orgs, browser_client, language, data, name, message):
    status, html = _upload(orgs, browser_client, language, data, name)
    assert status == 422
    assert message in html
