"""Every page type as each role sees it on a phone (375 px): nothing wider than the screen, and HTML in
which the Nu Html Checker (vnu, from npm) finds no error. One walk of the site serves both checks; vnu
runs once over the pages the walk saved."""

from __future__ import annotations

import json
import shutil
import subprocess
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from registry.accounts.models import Role
from registry.catalogue.enums import CourseStatus, Province
from registry.clock import today
from registry.compliance.models import Location, StaffCertificate, StaffMember
from registry.extensions import db
from registry.organisations.models import CareType, ShortlistItem
from registry.reference.loader import load_reference
from registry.reviews.models import ReviewState
from tests.factories import People, case_in_state, make_course, make_mark, make_run, make_user

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parents[2]
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
PASSWORD = "correct horse battery staple"
PHONE = 375


@pytest.fixture
def site(app, people: People) -> dict[str, list[str]]:
    """A small sector and, per role, the address of every page type that role has."""
    load_reference(today())
    course = make_course(people.provider, title="Signaleren van ontwikkelingsachterstand en -voorsprong")
    make_run(course, today() + timedelta(days=20), city="Utrecht", province=Province.UTRECHT)
    make_mark(
        course=course, awarded_on=today() - timedelta(days=3), valid_until=today() + timedelta(days=900)
    )
    other = make_course(people.provider, title="Babyscholing: werken met 0-jarigen")
    make_run(other, today() + timedelta(days=40), city="Zwolle", province=Province.OVERIJSSEL)
    draft = make_course(people.provider, title="Concept in bewerking", status=CourseStatus.DRAFT)
    organisation = people.organisation.organisation
    organisation.province = Province.UTRECHT
    people.organisation.organisation_admin = True  # sees the staff and compliance pages
    colleague_admin = make_user(
        Role.ORGANISATION, email="coordinator.met.een.lang.adres@kinderopvang-derups.example"
    )
    colleague_admin.organisation, colleague_admin.organisation_admin = organisation, True
    make_user(Role.ORGANISATION, email="groep@derups.example").organisation = organisation
    db.session.flush()
    for shortlisted in (course, other):
        db.session.add(ShortlistItem(organisation_id=organisation.id, course=shortlisted))
    location = Location(
        organisation_id=organisation.id,
        name="Kindercentrum De Rups aan de Oudegracht",
        lrk_number="123456789",
        care_type=CareType.DAYCARE,
        province=Province.UTRECHT,
    )
    member = StaffMember(
        organisation_id=organisation.id,
        employee_number="1",
        name="Anouk",
        role="pedagogisch-medewerker",
        fte=Decimal("0.8"),
        works_with_babies=True,
        locations=[location],
        certificates=[StaffCertificate(kind="kinder-ehbo", valid_until=today() + timedelta(days=40))],
    )
    db.session.add(member)
    db.session.commit()
    case = case_in_state(people, ReviewState.IN_REVIEW)
    return {
        "": [
            "/",
            "/opleidingen",
            f"/opleidingen/{course.id}",
            "/aanbieders",
            f"/aanbieders/{people.provider.slug}",
            "/regelingen",
            "/zoeken?q=ehbo",
            "/zoeken?q=zzzqqq",
            "/statistieken",
            "/referentiegegevens",
            "/api/docs",
            "/inloggen",
            "/wachtwoord/vergeten",
            "/organisatie/aanmelden",
            "/privacyverklaring",
            "/toegankelijkheidsverklaring",
            "/contact",
            "/colofon",
            "/bestaat-niet",
        ],
        people.organisation.email: [
            "/organisatie/",
            "/organisatie/collegas",
            "/organisatie/collegas/geen-beheerder-meer",
            "/organisatie/naleving",
            "/organisatie/locaties",
            "/organisatie/personeel",
            f"/organisatie/personeel/{member.id}",
            "/organisatie/personeel/importeren",
            "/organisatie/opleidingsplan",
            f"/organisatie/ggd-overzicht/{location.id}",
            "/bewaarlijst",
            "/bewaarlijst/vergelijken",
            "/zoekopdrachten",
            "/account",
        ],
        people.member.email: [
            "/aanbieder/",
            f"/aanbieder/opleidingen/{draft.id}",
            f"/aanbieder/{people.provider.id}/opleidingen/nieuw",
            f"/aanbieder/{people.provider.id}/import",
        ],
        people.official.email: [
            "/beoordelingen/",
            f"/beoordelingen/{case.id}",
            "/beoordelingen/overzicht",
            "/zoeken/vraag",
        ],
        people.admin.email: [
            "/beheer/gebruikers",
            "/beheer/nalevingsregels",
            "/beheer/nalevingsregels/taaleis-3f",
            "/beheer/achtergrond",
            "/beheer/regelingen",
            "/beheer/taxonomie",
            "/beheer/eisen",
            "/beheer/criteria",
            "/beheer/audit",
        ],
    }


def walk(browser: Browser, base: str, site: dict[str, list[str]], saved: Path) -> dict[str, int]:
    """Visit every page at phone width; return each page's width and save the HTML as served."""
    widths = {}
    for email, paths in site.items():
        context = browser.new_context(locale="nl-NL", viewport={"width": PHONE, "height": 800})
        page = context.new_page()
        if email:
            page.goto(base + "/inloggen")
            page.get_by_label("E-mailadres").fill(email)
            page.get_by_label("Wachtwoord").fill(PASSWORD)
            page.locator("main").get_by_role("button", name="Inloggen").click()
            assert "/inloggen" not in page.url, email
        for path in paths:
            response = page.goto(base + path)
            assert (response is not None and response.status < 400) or path == "/bestaat-niet", path
            assert page.url.endswith(path) or path == "/bewaarlijst/vergelijken", (path, page.url)
            widths[path] = page.evaluate("document.documentElement.scrollWidth")
            name = f"{email.split('@')[0] or 'publiek'}{path}".strip("/").replace("/", "_").replace("?", "_")
            (saved / f"{name or 'home'}.html").write_text(response.text(), encoding="utf-8")
        context.close()
    return widths


def html_errors(directory: Path) -> list[str]:
    """The Nu Html Checker's errors over every file in ``directory``, in one run of the checker."""
    if shutil.which("java") is None:
        pytest.fail("Java is needed for the Nu Html Checker (scripts/test installs default-jre-headless)")
    result = subprocess.run(
        ["java", "-jar", str(VNU), "--errors-only", "--format", "json", "--exit-zero-always", str(directory)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    messages = json.loads(result.stderr or result.stdout)["messages"]
    return [f"{Path(m.get('url', '')).name}:{m.get('lastLine')}: {m['message']}" for m in messages]


def test_every_page_type_fits_a_phone_and_is_valid_html(browser: Browser, live_server, site, tmp_path):
    widths = walk(browser, live_server, site, tmp_path)
    assert len(widths) == sum(len(paths) for paths in site.values())
    assert {path: width for path, width in widths.items() if width > PHONE} == {}
    # A broken page among the saved ones proves the checker runs and reports (one run of vnu for all).
    (tmp_path / "kapot.html").write_text(
        '<!doctype html><html lang="nl"><title>x</title><ul><div>geen lijstitem</div></ul><p id="a" id="b">',
        encoding="utf-8",
    )
    errors = html_errors(tmp_path)
    assert len([error for error in errors if error.startswith("kapot.html:")]) >= 2
    assert [error for error in errors if not error.startswith("kapot.html:")] == []
