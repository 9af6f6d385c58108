"""The frame around every page: the wordmark, a menu marking the page shown, the footer's statements."""

from __future__ import annotations

import re

import pytest

from registry.compliance.service import LEAVER_RETENTION_DAYS
from registry.extensions import db
from tests.factories import People

STATEMENTS = {
    "/privacyverklaring": [
        "Privacyverklaring",
        "AVG",
        "Autoriteit Persoonsgegevens",
        f"{LEAVER_RETENTION_DAYS} dagen",
    ],
    "/toegankelijkheidsverklaring": ["Toegankelijkheidsverklaring", "WCAG 2.2", "voldoet gedeeltelijk"],
    "/contact": ["Contact", "mailto:register@scholingsregister-kinderopvang.nl"],
    "/colofon": ["Colofon", "NL Design System"],
}


def current_links(page: str) -> list[tuple[str, str]]:
    return re.findall(r'href="([^"]+)" aria-current="(page|true)"', page)


@pytest.mark.parametrize("path", list(STATEMENTS))
def test_every_statement_page_says_what_it_promises_and_is_linked_from_the_footer(client, path):
    page = client.get(path).get_data(as_text=True)
    for words in STATEMENTS[path]:
        assert words in page, (path, words)
    footer = page[page.index("<footer") :]
    for other in STATEMENTS:
        assert f'href="{other}"' in footer


def test_the_header_carries_the_wordmark_and_a_menu_that_opens_without_javascript(client):
    page = client.get("/regelingen").get_data(as_text=True)
    header = page[page.index("<header") : page.index("</header>")]
    assert (
        '<svg class="wordmark"' in header
        and "<title" in header
        and "Scholingsregister Kinderopvang" in header
    )
    assert '<details class="site-menu">' in header and "<summary" in header
    assert "<script" not in page
    assert current_links(page) == [("/regelingen", "page")]


def test_a_page_inside_a_section_marks_its_section(client, app):
    page = client.get("/opleidingen/999999").get_data(as_text=True)  # a 404 still belongs to /opleidingen
    assert current_links(page) == [("/opleidingen", "true")]


def test_each_role_sees_its_own_workspaces_in_the_menu_with_the_current_one_marked(
    browser_client, people: People
):
    browser_client.login(people.organisation.email)
    page = browser_client.client.get("/organisatie/").get_data(as_text=True)
    menu = page[page.index('<details class="site-menu">') : page.index("</details>")]
    for label in ("Mijn organisatie", "Bewaarlijst", "Uitloggen"):
        assert label in menu
    assert "Naleving" not in menu  # only the organisation's administrators check compliance
    assert current_links(page) == [("/organisatie/", "page")]
    browser_client.logout()

    people.organisation.organisation_admin = True
    db.session.commit()
    browser_client.login(people.organisation.email)
    page = browser_client.client.get("/organisatie/naleving").get_data(as_text=True)
    menu = page[page.index('<details class="site-menu">') : page.index("</details>")]
    for label in ("Mijn organisatie", "Naleving", "Bewaarlijst", "Uitloggen"):
        assert label in menu
    assert "Beoordelingen" not in menu and "Gebruikers" not in menu
    # The planner is marked, not "Mijn organisatie" (/organisatie/) although the address lies under it.
    assert current_links(page) == [("/organisatie/naleving", "page")]
    browser_client.logout()
    browser_client.login(people.official.email)
    page = browser_client.client.get("/beoordelingen/").get_data(as_text=True)
    assert current_links(page) == [("/beoordelingen/", "page")]
    assert "Bewaarlijst" not in page[: page.index("</header>")]


def test_table_cells_learn_their_column_heading_so_rows_can_become_cards():
    from registry.web.tables import cell_labels

    table = (
        '<table><thead><tr><th scope="col">Zaak</th><th>Wacht &amp; <b>sinds</b></th></tr></thead>'
        '<tbody><tr><td><a href="/z/1">#1</a></td><td class="x">3 dagen</td></tr></tbody></table>'
        "<table><thead><tr><th>Kenmerk</th></tr></thead>"
        "<tbody><tr><th scope=row>Prijs</th></tr></tbody></table>"
    )
    labelled = str(cell_labels(table))
    assert '<td data-label="Zaak"><a href="/z/1">#1</a></td>' in labelled
    assert '<td data-label="Wacht &amp; sinds" class="x">3 dagen</td>' in labelled
    assert '<th data-label="Kenmerk" scope=row>Prijs</th>' in labelled  # headings start again per table


def test_an_outside_address_reads_as_its_site(client, app):
    from registry.web.links import site_name

    assert (
        site_name("https://www.rijksoverheid.nl/onderwerpen/kinderopvang/vraag-en-antwoord")
        == "rijksoverheid.nl"
    )
    assert site_name("https://wetten.overheid.nl/BWBR0017017/2026-01-01") == "wetten.overheid.nl"
    assert site_name("") == ""


def test_the_design_system_files_are_served_with_validators_and_nothing_else_is(client):
    first = client.get("/vendor/nl-design-system/components.css")
    assert first.status_code == 200 and first.mimetype == "text/css" and first.headers["ETag"]
    again = client.get(
        "/vendor/nl-design-system/components.css", headers={"If-None-Match": first.headers["ETag"]}
    )
    assert again.status_code == 304
    assert client.get("/vendor/../package.json").status_code == 404
    assert client.get("/vendor/nl-design-system/onbekend.css").status_code == 404
