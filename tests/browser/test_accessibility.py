"""axe-core in Chromium on every page type, signed out and per role: no serious or critical violations."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from registry.accounts.models import Role
from registry.catalogue.enums import CourseStatus
from registry.clock import today
from registry.extensions import db
from registry.reference.loader import load_reference
from registry.reviews.models import ReviewState
from tests.factories import (
    People,
    case_in_state,
    make_course,
    make_mark,
    make_run,
    make_staffed_location,
    make_user,
)

pytestmark = pytest.mark.browser
AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
PASSWORD = "correct horse battery staple"


@pytest.fixture
def site(app, people: People):
    load_reference(today())
    course = make_course(people.provider, title="Kinder-EHBO voor de kinderopvang")
    make_run(course, today() + timedelta(days=20), city="Utrecht")
    make_mark(
        course=course, awarded_on=today() - timedelta(days=3), valid_until=today() + timedelta(days=900)
    )
    other = make_course(people.provider, title="Babyscholing")
    draft = make_course(people.provider, title="Concept in bewerking", status=CourseStatus.DRAFT)
    db.session.commit()
    case = case_in_state(people, ReviewState.IN_REVIEW)
    return {"course": course.id, "other": other.id, "draft": draft.id, "case": case.id}


def violations(
    browser: Browser, base: str, path: str, email: str | None = None, phone: bool = False
) -> list[str]:
    """axe's serious and critical findings on ``path``; on a phone with the main menu opened."""
    viewport = {"width": 375, "height": 800} if phone else {"width": 1280, "height": 720}
    context = browser.new_context(bypass_csp=True, locale="nl-NL", viewport=viewport)  # axe is a script
    page = context.new_page()
    if email:
        page.goto(base + "/inloggen")
        page.get_by_label("E-mailadres").fill(email)
        page.get_by_label("Wachtwoord").fill(PASSWORD)
        page.locator("main").get_by_role("button", name="Inloggen").click()
    page.goto(base + path)
    if phone:
        page.locator("summary.site-menu__toggle").click()
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    context.close()
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def test_public_pages(browser: Browser, live_server, site):
    for path in (
        "/",
        "/opleidingen",
        "/opleidingen?q=zzz",
        f"/opleidingen/{site['course']}",
        "/aanbieders",
        "/aanbieders/kindwijs",
        "/regelingen",
        "/inloggen",
        "/wachtwoord/vergeten",
        "/organisatie/aanmelden",
        "/bestaat-niet",
        "/zoeken?q=ehbo",
        "/zoeken?q=zzzqqq",
        "/api/docs",
        "/privacyverklaring",
        "/toegankelijkheidsverklaring",
        "/contact",
        "/colofon",
    ):
        assert violations(browser, live_server, path) == [], path


def test_provider_and_official_pages(browser: Browser, live_server, site, people: People):
    for path in (
        "/aanbieder/",
        f"/aanbieder/opleidingen/{site['draft']}",
        f"/aanbieder/{people.provider.id}/opleidingen/nieuw",
        "/account",
    ):
        assert violations(browser, live_server, path, people.member.email) == [], path
    for path in ("/beoordelingen/", f"/beoordelingen/{site['case']}", "/beoordelingen/overzicht"):
        assert violations(browser, live_server, path, people.official.email) == [], path
    for path in (
        "/beheer/gebruikers",
        "/beheer/nalevingsregels",
        "/beheer/nalevingsregels/babyscholing",
        "/beheer/thesaurus",
        "/beheer/achtergrond",
    ):
        assert violations(browser, live_server, path, people.admin.email) == [], path


def test_pages_on_a_phone_with_the_menu_open(browser: Browser, live_server, site, people: People):
    assert violations(browser, live_server, f"/opleidingen/{site['course']}", phone=True) == []
    people.organisation.organisation_admin = True  # the compliance planner, with a location to judge
    make_staffed_location(people.organisation.organisation_id)
    db.session.commit()
    for path in ("/organisatie/naleving", "/organisatie/collegas"):
        assert violations(browser, live_server, path, people.organisation.email, phone=True) == [], path
    assert violations(browser, live_server, "/beoordelingen/", people.official.email, phone=True) == []


def test_mail_link_pages(browser: Browser, live_server, app):
    from registry.notifications.models import MailCategory
    from registry.notifications.preferences import preferences_token, unsubscribe_token

    address = "aanbieder@example.org"
    for path in (
        f"/e-mail/voorkeuren/{preferences_token(address)}",
        f"/e-mail/afmelden/{unsubscribe_token(address, MailCategory.DIGEST)}",
    ):
        assert violations(browser, live_server, path) == [], path


def test_organisation_pages(browser: Browser, live_server, site, people: People):
    people.organisation.organisation_admin = True  # the colleagues page with its buttons
    colleague = make_user(Role.ORGANISATION, email="groep@kinderopvang.example")
    colleague.organisation_id, colleague.organisation_admin = people.organisation.organisation_id, True
    make_user(Role.ORGANISATION, email="lid@kinderopvang.example").organisation_id = colleague.organisation_id
    db.session.commit()
    for path in (
        "/organisatie/",
        "/organisatie/collegas",
        "/organisatie/collegas/geen-beheerder-meer",
        "/bewaarlijst",
        "/zoekopdrachten",
        f"/opleidingen/{site['course']}",
        "/zoeken?q=ehbo",
    ):
        assert violations(browser, live_server, path, people.organisation.email) == [], path


def test_the_check_itself_catches_violations(browser: Browser):
    context = browser.new_context(bypass_csp=True)
    page = context.new_page()
    page.set_content('<html lang="nl"><body><main><img src="x.png"><input type="text"></main></body></html>')
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    context.close()
    found = {v["id"] for v in result["violations"] if v["impact"] in ("serious", "critical")}
    assert {"image-alt", "label"} <= found
