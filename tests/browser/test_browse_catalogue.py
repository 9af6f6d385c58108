"""A visitor finds a course, reads its accreditation and visits its provider, on a phone and a desktop."""

from datetime import timedelta

import pytest
from playwright.sync_api import Page, expect

from registry.clock import today
from registry.extensions import db
from tests.browser.conftest import menu_link
from tests.factories import make_course, make_mark, make_provider, make_run, make_scheme

pytestmark = pytest.mark.browser


@pytest.fixture
def small_catalogue(app):
    day = today()
    provider = make_provider(slug="kindwijs", name="Academie Kindwijs")
    course = make_course(
        provider, title="Kinder-EHBO voor de kinderopvang", summary="Eerste hulp bij kinderen."
    )
    make_run(course, day + timedelta(days=30), city="Amersfoort")
    make_mark(course=course, awarded_on=day - timedelta(days=10), valid_until=day + timedelta(days=1000))
    make_course(provider, title="Babyscholing: werken met 0-jarigen")
    make_scheme(name="O&O-fonds Kinderopvang", windows=[(day - timedelta(days=5), None)])
    db.session.commit()


@pytest.mark.parametrize(("width", "height"), [(375, 812), (1280, 900)])
def test_search_course_and_provider(page: Page, live_server, small_catalogue, artifacts_dir, width, height):
    page.set_viewport_size({"width": width, "height": height})
    page.goto(live_server + "/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Vind een goede opleiding voor de kinderopvang")
    page.screenshot(path=artifacts_dir / f"home-{width}.png", full_page=True)

    page.get_by_label("Zoek een opleiding").fill("EHBO")
    page.get_by_label("Zoek een opleiding").press("Enter")
    expect(page.get_by_role("status")).to_contain_text("1 opleiding gevonden")
    expect(page.locator(".snippet mark").first).to_have_text("Eerste")
    page.screenshot(path=artifacts_dir / f"search-{width}.png", full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.get_by_role("link", name="Kinder-EHBO voor de kinderopvang").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Kinder-EHBO voor de kinderopvang")
    expect(page.locator(".status-panel .badge--valid")).to_contain_text("Geaccrediteerd t/m")
    expect(page.get_by_role("table")).to_contain_text("Amersfoort")
    page.screenshot(path=artifacts_dir / f"course-{width}.png", full_page=True)
    # Nothing may overflow sideways on a phone.
    assert page.evaluate("document.documentElement.scrollWidth") <= width

    page.get_by_role("link", name="Academie Kindwijs").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Academie Kindwijs")
    expect(page.locator(".course-card")).to_have_count(2)

    menu_link(page, "Subsidies en fondsen").click()
    expect(page.locator(".scheme-state--open")).to_contain_text("open")


def test_keyboard_user_can_skip_to_content_and_search(page: Page, live_server, small_catalogue):
    page.goto(live_server + "/opleidingen")
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Naar de inhoud")).to_be_focused()
    page.keyboard.press("Enter")
    assert page.url.endswith("#inhoud")
