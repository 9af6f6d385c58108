"""A visitor looks for a course near Utrecht, nearest first, on a phone and a desktop."""

from datetime import timedelta

import pytest
from playwright.sync_api import Page, expect

from registry.catalogue.enums import Province
from registry.clock import today
from registry.extensions import db
from tests.factories import make_course, make_provider, make_run

pytestmark = pytest.mark.browser


@pytest.fixture
def runs_around_utrecht(app):
    day = today()
    provider = make_provider(slug="kindwijs", name="Academie Kindwijs")
    zeist = make_course(provider, title="Meldcode in de praktijk")
    make_run(zeist, day + timedelta(days=40), city="Zeist", province=Province.UTRECHT, seats=12)
    amersfoort = make_course(provider, title="Kinder-EHBO voor de kinderopvang")
    make_run(amersfoort, day + timedelta(days=20), city="Amersfoort", province=Province.UTRECHT, seats=1)
    far = make_course(provider, title="Babyscholing in Limburg")
    make_run(far, day + timedelta(days=10), city="Maastricht", province=Province.LIMBURG)
    make_run(far, day - timedelta(days=10), city="Utrecht", province=Province.UTRECHT)  # already started
    db.session.commit()


@pytest.mark.parametrize(("width", "height"), [(375, 812), (1280, 900)])
def test_search_near_a_place_nearest_first(
    page: Page, live_server, runs_around_utrecht, artifacts_dir, width, height
):
    page.set_viewport_size({"width": width, "height": height})
    page.goto(live_server + "/zoeken")
    page.get_by_label("In de buurt van (plaats of postcode)").fill("Utrecht")
    page.get_by_label("Afstand").select_option("25")
    page.get_by_role("button", name="Zoek in de buurt").click()

    expect(page.get_by_role("status")).to_contain_text(
        "2 opleidingen gevonden met een uitvoering binnen 25 km van Utrecht"
    )
    cards = page.locator(".course-card")
    expect(cards).to_have_count(2)
    expect(cards.nth(0)).to_contain_text("Meldcode in de praktijk")
    expect(cards.nth(0).locator(".course-card__run")).to_contain_text("Zeist")
    expect(cards.nth(0).locator(".course-card__run")).to_contain_text("km")
    expect(cards.nth(0).locator(".course-card__run")).to_contain_text("12 plaatsen")
    expect(cards.nth(1).locator(".course-card__run")).to_contain_text("Amersfoort")
    expect(cards.nth(1).locator(".course-card__run")).to_contain_text("1 plaats")
    expect(page.locator(".hit-list")).not_to_contain_text("Babyscholing in Limburg")
    expect(page.get_by_label("Sorteren op")).to_have_value("afstand")
    page.screenshot(path=artifacts_dir / f"search-near-{width}.png", full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= width

    page.get_by_label("Afstand").select_option("10")
    page.get_by_role("button", name="Zoek in de buurt").click()
    expect(cards).to_have_count(1)
    expect(cards.nth(0)).to_contain_text("Meldcode in de praktijk")

    page.get_by_label("In de buurt van (plaats of postcode)").fill("Atlantis")
    page.get_by_role("button", name="Zoek in de buurt").click()
    expect(page.locator("#bij-fout")).to_contain_text("Deze plaats of postcode kennen we niet")
    expect(page.get_by_label("In de buurt van (plaats of postcode)")).to_have_value("Atlantis")
    page.screenshot(path=artifacts_dir / f"search-near-unknown-{width}.png", full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= width
