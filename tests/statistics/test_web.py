"""The statistics page, its CSV files and JSON through the test client, on today's date."""

from __future__ import annotations

import csv
import io
import re

import pytest

from registry.clock import today
from tests.statistics.conftest import build_sector


@pytest.fixture
def sector_today(app):
    return build_sector(today())


def test_page_shows_every_figure_with_its_date_counting_summary_and_table(client, sector_today):
    response = client.get("/statistieken")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    for key in ("dekking", "uitvoeringen", "themas", "functies", "accreditatie", "online", "prijs",
                "studiebelasting", "beoordelingen", "vraag", "verloop"):  # fmt: skip
        section = html.split(f'id="{key}"', 1)[1].split("</section>", 1)[0]
        assert "Stand " in section, key
        assert "<table" in section or key == "vraag", key
    assert 'role="img"' in html and "<title id=" in html
    # The heat-map: per province the number of accredited courses, gaps marked in words as well.
    assert re.search(r"Zeeland</th>\s*<td class=\"heat heat-\d\">1</td>", html)
    assert "(geen aanbod)" in html
    assert (
        "Geen geaccrediteerde opleiding voor ‘Kinder-EHBO’ met een startdatum in de komende 3 maanden" in html
    )
    # No inline styles or scripts: the strict CSP stays.
    assert "style=" not in html and "<script" not in html and "<style" not in html
    assert "default-src 'self'" in response.headers["Content-Security-Policy"]


def test_filters_are_links_that_narrow_the_map(client, sector_today):
    html = client.get("/statistieken?provincie=zeeland&eis=kinder-ehbo").get_data(as_text=True)
    assert (
        "In Zeeland is geen geaccrediteerde opleiding voor ‘Kinder-EHBO’ met een startdatum in de komende 3 "
        "maanden." in html
    )
    assert 'href="/statistieken?periode=12&amp;provincie=zeeland&amp;eis=kinder-ehbo"' in html
    html = client.get("/statistieken?periode=12&provincie=gelderland&eis=babyscholing").get_data(as_text=True)
    assert "Geaccrediteerd aanbod per wettelijke eis en provincie (komende 12 maanden)" in html
    assert re.search(r"Gelderland</th>\s*<td class=\"heat heat-\d\">1</td>", html)


@pytest.mark.parametrize("query", ["periode=7", "provincie=mars", "provincie=zeeland&periode=abc"])
def test_bad_filters_give_a_dutch_error_and_problem_json(client, sector_today, query):
    page = client.get(f"/statistieken?{query}")
    assert page.status_code == 422 and "Ongeldige invoer" in page.get_data(as_text=True)
    api = client.get(f"/api/v1/statistics?{query}")
    assert api.status_code == 422 and api.mimetype == "application/problem+json"
    assert set(api.get_json()["errors"]) <= {"periode", "provincie", "eis"}


def test_an_unknown_requirement_is_not_found(client, sector_today):
    page = client.get("/statistieken?eis=onbekend")
    assert page.status_code == 404 and "Deze wettelijke eis bestaat niet." in page.get_data(as_text=True)
    api = client.get("/api/v1/statistics?eis=onbekend")
    assert api.status_code == 404 and api.mimetype == "application/problem+json"


def test_csv_per_figure(client, sector_today):
    response = client.get("/statistieken/dekking.csv?periode=12")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True))))
    assert rows[0] == ["Provincie", "Babyscholing", "Kinder-EHBO"]
    assert dict((row[0], row[1:]) for row in rows[1:])["Utrecht"] == ["2", "0"]
    assert dict((row[0], row[1:]) for row in rows[1:])["Online"] == ["1", "1"]
    prices = list(csv.reader(io.StringIO(client.get("/statistieken/prijs.csv").get_data(as_text=True))))
    assert prices[1][:2] == ["Babyscholing", "3"] and prices[1][4] == "€ 50,00"
    assert client.get("/statistieken/niets.csv").status_code == 404


def test_json_api_matches_the_page(client, sector_today):
    body = client.get("/api/v1/statistics?provincie=utrecht").get_json()
    assert body["as_of"] == today().isoformat()
    assert body["filters"] == {"period": "3", "province": "utrecht", "requirement": None}
    figures = {figure["key"]: figure for figure in body["figures"]}
    assert figures["dekking"]["rows"] == [["Utrecht", 2, 0], ["Online", 0, 1]]
    assert figures["beoordelingen"]["summary"][1].startswith(
        "Van de 4 besluiten in het afgelopen jaar is 75%"
    )
    assert "mediaan 15 dagen; 90% binnen 27 dagen" in figures["beoordelingen"]["summary"][1]
    assert all(figure["counting"] and figure["title"] for figure in body["figures"])
    spec = client.get("/api/v1/openapi.json").get_json()
    assert "/api/v1/statistics" in spec["paths"]


def test_english_page(client, sector_today):
    client.get("/taal/en?terug=/statistieken")
    html = client.get("/statistieken").get_data(as_text=True)
    assert "The training offer in figures" in html


def test_links_from_footer_and_home_page(client, app):
    html = client.get("/").get_data(as_text=True)
    assert html.count('href="/statistieken"') == 2


def test_officials_dashboard_shows_the_gaps(client, browser_client, people, sector_today):
    browser_client.login(people.official.email)
    html = client.get("/beoordelingen/overzicht").get_data(as_text=True)
    assert "Witte vlekken in het geaccrediteerde aanbod" in html
    assert "<td>Kinder-EHBO</td><td>Zeeland</td><td>1</td>" in html
    browser_client.logout()
    browser_client.login(people.member.email)
    assert "Witte vlekken" not in client.get("/beoordelingen/overzicht").get_data(as_text=True)


def test_the_page_shows_the_last_counted_figures_until_the_clock_counts_a_change(client, sector_today):
    from datetime import timedelta

    from registry.catalogue.enums import Province
    from registry.clock import utcnow
    from registry.extensions import db
    from registry.jobs.runner import run_due
    from registry.jobs.schedule import job_named
    from tests.factories import make_run

    def zeeland_ehbo(html: str) -> str:
        return re.search(r'data-testid="computed-at">([^<]+)<', html).group(1)

    first = client.get("/statistieken?periode=3&provincie=zeeland&eis=kinder-ehbo").get_data(as_text=True)
    assert "Geteld op" in first and "binnen enkele minuten" in first
    assert "In Zeeland is geen geaccrediteerde opleiding" in first
    make_run(sector_today.courses["C5"], today() + timedelta(days=5), city="Goes", province=Province.ZEELAND)
    db.session.commit()
    unchanged = client.get("/statistieken?periode=3&provincie=zeeland&eis=kinder-ehbo").get_data(as_text=True)
    assert "In Zeeland is geen geaccrediteerde opleiding" in unchanged  # no request counts
    assert zeeland_ehbo(unchanged) == zeeland_ehbo(first)

    run_due([job_named("statistics-refresh")], utcnow(), "clock")
    counted = client.get("/statistieken?periode=3&provincie=zeeland&eis=kinder-ehbo").get_data(as_text=True)
    assert "In Zeeland is geen geaccrediteerde opleiding" not in counted
    api = client.get("/api/v1/statistics").get_json()
    assert api["computed_at"] and api["as_of"] == today().isoformat()
