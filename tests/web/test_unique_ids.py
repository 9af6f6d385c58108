"""Every page a person can reach has unique element ids, and every label points at an element that exists.

A duplicate id sends a label, an error message or a skip link to the wrong element (a second "Naam" label
that focuses the first form's field). The pages are found the way a person finds them: by following the
links from each role's start pages.
"""

from __future__ import annotations

import re
from collections import Counter
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest

from registry.catalogue.enums import CourseStatus
from registry.clock import today
from registry.extensions import db
from registry.reviews.models import ReviewState
from tests.conftest import Browser
from tests.factories import People, case_in_state, make_course, make_mark, make_staffed_location

START = {
    "anonymous": ["/", "/opleidingen", "/aanbieders", "/regelingen", "/inloggen", "/organisatie/aanmelden"],
    "organisation": ["/organisatie/", "/organisatie/naleving", "/bewaarlijst", "/zoekopdrachten", "/account"],
    "member": ["/aanbieder/", "/beoordelingen/", "/account"],
    "official": ["/beoordelingen/", "/beoordelingen/overzicht", "/beheer/audit", "/account"],
    "admin": ["/beheer/gebruikers", "/beheer/nalevingsregels", "/beheer/taxonomie", "/beheer/achtergrond"],
}
# Links that change state, leave the HTML pages or only differ by their query.
NOT_FOLLOWED = re.compile(
    r"^/(static|vendor|api|ooapi|taal|uitloggen)|\.(csv|xlsx|json|xml|atom|ics)$|/export"
)
PAGES_PER_ROLE = 40


class Ids(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: list[str] = []
        self.label_targets: list[str] = []
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.append(values["id"])
        if tag == "label" and values.get("for"):
            self.label_targets.append(values["for"])
        if tag == "a" and values.get("href"):
            self.links.append(values["href"])


def shape(path: str) -> str:
    """Pages of one kind (every course page) are checked once."""
    return re.sub(r"\d+", "N", path)


@pytest.fixture
def world(people: People) -> People:
    course = make_course(people.provider, title="Kinder-EHBO voor de kinderopvang")
    make_mark(course=course, awarded_on=today(), valid_until=today().replace(year=today().year + 2))
    make_course(people.provider, status=CourseStatus.DRAFT)
    case_in_state(people, ReviewState.IN_REVIEW)
    people.member.providers.append(people.other_provider)  # a dashboard with two providers' forms
    people.organisation.organisation_admin = True  # reaches the locations and staff pages
    make_staffed_location(people.organisation.organisation_id)
    db.session.commit()
    return people


@pytest.mark.parametrize("role", sorted(START))
def test_every_page_has_unique_ids_and_labels_that_point_somewhere(app, world, role):
    browser = Browser(app.test_client())
    if role != "anonymous":
        browser.login(getattr(world, role).email)
    queue, seen, problems, checked = list(START[role]), set(), [], 0
    while queue and checked < PAGES_PER_ROLE:
        path = queue.pop(0)
        if shape(path) in seen:
            continue
        seen.add(shape(path))
        response = browser.client.get(path)
        if response.status_code != 200 or response.mimetype != "text/html":
            continue
        checked += 1
        page = Ids()
        page.feed(response.get_data(as_text=True))
        duplicates = sorted(name for name, n in Counter(page.ids).items() if n > 1)
        dangling = sorted(set(page.label_targets) - set(page.ids))
        if duplicates or dangling:
            problems.append(f"{path}: duplicate ids {duplicates}, labels for missing ids {dangling}")
        for href in page.links:
            parts = urlsplit(href)
            if not parts.netloc and parts.path.startswith("/") and not NOT_FOLLOWED.search(parts.path):
                queue.append(parts.path)
    assert checked >= len(START[role]) - 1  # the start pages themselves rendered
    assert problems == []
