"""In Chromium, as a small childcare organisation: find, shortlist, compare, export, follow a search."""

from __future__ import annotations

import csv
import io
import re
from datetime import timedelta

import pytest
import sqlalchemy as sa
from playwright.sync_api import Browser, Page, expect

from registry.catalogue.enums import Province
from registry.catalogue.models import LegalRequirement
from registry.clock import today
from registry.extensions import db
from registry.reference.loader import load_reference
from registry.reviews.criteria import COURSE_CRITERIA
from registry.reviews.models import ReviewState
from registry.reviews.workflow import apply_transition
from tests.browser.conftest import menu_link
from tests.factories import People, case_in_state, make_course, make_mark, make_run

pytestmark = pytest.mark.browser
PASSWORD = "correct horse battery staple"


@pytest.fixture
def offer(app, people: People):
    load_reference(today())
    ehbo = db.session.scalars(sa.select(LegalRequirement).where(LegalRequirement.code == "kinder-ehbo")).one()
    for title, price, city in (
        ("Kinder-EHBO basis", 149, "Utrecht"),
        ("Kinder-EHBO herhaling", 79, "Amersfoort"),
        ("Kinder-EHBO online", 99, ""),
    ):
        course = make_course(people.provider, title=title, price=price, legal_requirement=ehbo)
        make_run(
            course,
            today() + timedelta(days=20),
            city=city,
            is_online=not city,
            province=None if not city else Province.UTRECHT,
        )
        make_mark(
            course=course, awarded_on=today() - timedelta(days=3), valid_until=today() + timedelta(days=900)
        )
    organisation = people.organisation.organisation
    organisation.province = Province.UTRECHT
    organisation.lrk_numbers = ["123456789"]
    db.session.commit()


def sign_in(browser: Browser, base: str, email: str, width: int = 1280) -> Page:
    page = browser.new_context(
        locale="nl-NL", viewport={"width": width, "height": 900}, accept_downloads=True
    ).new_page()
    page.goto(base + "/inloggen")
    page.get_by_label("E-mailadres").fill(email)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    return page


@pytest.mark.parametrize("width", [375, 1280])
def test_find_shortlist_compare_export(browser: Browser, live_server, offer, people, artifacts_dir, width):
    page = sign_in(browser, live_server, people.organisation.email, width)
    page.get_by_label("Zoek een opleiding").first.fill("EHBO")
    page.get_by_label("Zoek een opleiding").first.press("Enter")
    expect(page.get_by_role("status")).to_contain_text("3 opleidingen gevonden")
    page.locator("#filters").get_by_role("link", name=re.compile(r"^Utrecht \(2\)")).click()
    expect(page.get_by_role("status")).to_contain_text("2 opleidingen gevonden")
    filtered = page.url
    page.screenshot(path=artifacts_dir / f"search-filtered-{width}.png", full_page=True)
    for title in ("Kinder-EHBO basis", "Kinder-EHBO herhaling"):
        page.goto(filtered)
        page.get_by_role("link", name=title, exact=True).click()
        page.get_by_role("button", name="Bewaren op mijn bewaarlijst").click()
        expect(page.get_by_role("status")).to_contain_text("Bewaard op uw bewaarlijst.")
    page.screenshot(path=artifacts_dir / f"course-saved-{width}.png", full_page=True)

    menu_link(page, "Bewaarlijst").click()
    page.get_by_label("Kinder-EHBO basis").check()
    page.get_by_label("Kinder-EHBO herhaling").check()
    page.get_by_role("button", name="Vergelijken").click()
    table = page.get_by_role("table")
    expect(table).to_contain_text("€\xa0149,00")
    expect(table).to_contain_text("€\xa079,00")
    expect(table).to_contain_text("Geaccrediteerd t/m")
    page.screenshot(path=artifacts_dir / f"compare-{width}.png", full_page=True)

    menu_link(page, "Bewaarlijst").click()
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download als CSV (Excel)").click()
    exported = download_info.value.path().read_text(encoding="utf-8-sig")
    rows = list(csv.reader(io.StringIO(exported), delimiter=";"))
    assert {row[0] for row in rows[1:]} == {"Kinder-EHBO basis", "Kinder-EHBO herhaling"}


def test_following_a_search_and_a_new_approved_course_in_its_feed(
    browser: Browser, live_server, offer, people
):
    page = sign_in(browser, live_server, people.organisation.email)
    page.goto(live_server + "/zoeken?q=EHBO")
    page.get_by_text("Deze zoekopdracht volgen").click()
    page.get_by_label("Naam").fill("EHBO-cursussen")
    page.get_by_role("button", name="Volgen").click()
    expect(page.get_by_role("status")).to_contain_text("U volgt deze zoekopdracht.")
    feed_url = page.get_by_label("Feedadres (Atom)").input_value()
    assert "Nieuwe EHBO-training" not in page.request.get(feed_url).text()

    review = case_in_state(people, ReviewState.SUBMITTED)
    review.course.title = "Nieuwe EHBO-training voor gastouders"
    db.session.commit()
    apply_transition(people.official, review.id, "take")
    review.checklist = dict.fromkeys(COURSE_CRITERIA, True)
    db.session.commit()
    apply_transition(people.official, review.id, "recommend_approve", comment="Voldoet.")
    apply_transition(people.second_official, review.id, "confirm")

    anonymous = browser.new_context()  # a feed reader: no session, only the secret address
    feed = anonymous.request.get(feed_url)
    assert feed.ok and feed.headers["content-type"].startswith("application/atom+xml")
    assert "<title>Nieuwe EHBO-training voor gastouders</title>" in feed.text()
    anonymous.close()
