"""Every page a person reads, for every role, speaks in words: no codes, slugs or English plurals.

A crawler signs in as each role, follows the links it is shown (one page of each kind), and reads
the visible text of every page and CSV. It fails on a code from the enums or the reference data
(``classroom``, ``none``, ``0-4``, ``kinder-ehbo``, ``OO-KINDEROPVANG``, ``review.checklist``), on
"medewerker(s)"-style plurals, on a number written with a decimal point, and on any date that is not
written the one Dutch way ("18 januari 2027").
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from datetime import timedelta
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
import sqlalchemy as sa
from flask import Flask

from registry.accounts.models import Role, User
from registry.audit.models import AuditEvent
from registry.catalogue import enums as catalogue_enums
from registry.catalogue.models import AgeGroup, LegalRequirement, TargetRole, Topic
from registry.clock import today
from registry.demo.generator import load_demo_sector
from registry.demo.people import DEMO_ACCOUNTS, load_demo_people
from registry.extensions import db
from registry.notifications.models import OutboxMessage
from registry.reviews.models import MarkStatus, Recommendation, Review, ReviewState, SubjectType
from registry.reviews.service import expire_marks
from registry.schemes.models import AmountBasis, Applicant, SubsidyScheme
from registry.search import sync
from tests.conftest import Browser, empty_all_tables, empty_search_index
from tests.factories import make_mark

PASSWORD = "correct horse battery staple"
ROLES = {"anonymous": None, **{role.value: email for email, role, _name in DEMO_ACCOUNTS}}
MAX_PAGES = 70
# Where the crawl starts: the public pages and each workspace (pages a role may not see are refused).
START_PAGES = (
    "/",
    "/zoeken",
    "/zoeken?bij=Utrecht&start=kwartaal",
    "/opleidingen",
    "/aanbieders",
    "/regelingen",
    "/statistieken",
    "/mijn",
    "/account",
    "/aanbieder/",
    "/beoordelingen/",
    "/organisatie/naleving",
    "/organisatie/personeel",
    "/organisatie/locaties",
    "/organisatie/opleidingsplan",
    "/organisatie/opleidingsplan.csv",
    "/beheer/achtergrond",
    "/zoeken/vraag",
)
# Machine formats: the bulk-import formats, whose columns take codes (their pages explain them), and
# the audit export, which is evidence and keeps each event's codes and instant exactly as stored.
MACHINE_FORMATS = re.compile(
    r"^/(aanbieder/(\d+/import|import/sjabloon\.csv)|organisatie/personeel/importeren|beheer/audit\.csv)"
)
# Links a crawler must not follow: they sign out, stream feeds, or only vary a listing's order.
SKIP = re.compile(
    r"^/(uitloggen|taal/|static/|api/|ooapi/|zoekopdrachten/.+\.atom)|\.(json|ndjson|xml|atom|xlsx)$"
)
ENGLISH_CODES_OF = (
    catalogue_enums.DeliveryMode,
    catalogue_enums.Level,
    catalogue_enums.CourseStatus,
    catalogue_enums.ProviderStatus,
    catalogue_enums.RecognitionKind,
    ReviewState,
    Recommendation,
    SubjectType,
    MarkStatus,
    Applicant,
    AmountBasis,
    Role,
)
# Enum values that are also the Dutch word people read.
WORDS = {"online", "blended", "hbo", "open"}


class VisibleText(HTMLParser):
    """The text a person sees: text nodes outside script and style, and the labels of buttons."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "template", "textarea"):
            self._hidden += 1
        values = dict(attrs)
        if tag == "input" and values.get("type") in ("submit", "button"):
            self.parts.append(values.get("value") or "")

    def handle_endtag(self, tag):
        if tag in ("script", "style", "template", "textarea"):
            self._hidden -= 1

    def handle_data(self, data):
        if not self._hidden:
            self.parts.append(data)

    @classmethod
    def of(cls, html: str) -> str:
        parser = cls()
        parser.feed(html)
        return " ".join(" ".join(parser.parts).split())


class Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        href = dict(attrs).get("href")
        if tag == "a" and href:
            self.found.append(href)


def page_kind(path: str) -> str:
    """Pages of one kind differ only in their ids, slugs and query strings."""
    kind = re.sub(r"\d+", "N", urlsplit(path).path)
    return re.sub(r"^/(aanbieders|regelingen|beheer/regelingen)/[^/]+", r"/\1/S", kind)


@pytest.fixture(scope="module")
def sector(_migrated_app: Flask) -> Iterator[Flask]:
    """A small demo sector with its accounts, and a case an official has worked on."""
    with _migrated_app.app_context():
        empty_all_tables()
        empty_search_index(_migrated_app)
        load_demo_sector(courses=40, seed=11, today=today())
        load_demo_people(PASSWORD)
        sync.rebuild(sync.current_store(), db.engine)
        db.session.remove()
    official = Browser(_migrated_app.test_client())
    official.login("beoordelaar1@demo.example", PASSWORD)
    queue = official.client.get("/beoordelingen/").get_data(as_text=True)
    case = re.search(r'href="/beoordelingen/(\d+)"', queue).group(1)
    page = f"/beoordelingen/{case}"
    version = re.search(r'name="version" value="(\d+)"', official.client.get(page).get_data(as_text=True))
    official.post(page, f"{page}/stap", {"action": "take", "version": version.group(1)})
    body = official.client.get(page).get_data(as_text=True)
    version = re.search(r'name="version" value="(\d+)"', body).group(1)
    ticks = re.findall(r'name="met" value="([^"]+)"', body)[:2]
    official.post(page, f"{page}/checklist", {"met": ticks, "version": version})
    with _migrated_app.app_context():
        # The demo provider's account also works for the provider of the case, to see its side of it.
        review = db.session.get(Review, int(case))
        member = db.session.scalars(sa.select(User).where(User.role == Role.PROVIDER)).one()
        member.providers.append(review.course.provider)
        # The organisation's account keeps its staff records too, so the compliance pages have data.
        keeper = db.session.scalars(sa.select(User).where(User.role == Role.ORGANISATION)).one()
        keeper.organisation_admin = True
        db.session.commit()
        db.session.remove()
    organisation = Browser(_migrated_app.test_client())
    organisation.login("organisatie@demo.example", PASSWORD)
    locations = "/organisatie/locaties"
    organisation.post(
        locations, locations, {"name": "De Boomhut", "lrk_number": "111111111", "care_type": "dagopvang"}
    )
    staff = (
        "personeelsnummer;naam;functie;fte;locaties;werkt_met_babys;diplomas;ehbo_geldig_tot\n"
        "1;A. de Vries;pedagogisch-medewerker;0,5;111111111;ja;mbo-4;01-01-2030\n"
        "2;B. Jansen;pedagogisch-medewerker;0,8;111111111;nee;havo;\n"
    )
    upload = "/organisatie/personeel/importeren"
    organisation.post(upload, upload, {"file": (io.BytesIO(staff.encode()), "personeel.csv"), "confirm": "1"})
    organisation.post(
        "/zoeken",
        "/zoekopdrachten",
        {
            "name": "Dichtbij",
            "query": "provincie=utrecht&start=kwartaal&leeftijd=0-4&vorm=classroom&bij=Utrecht",
        },
    )
    listing = organisation.client.get("/zoeken").get_data(as_text=True)
    for course in re.findall(r'href="/opleidingen/(\d+)"', listing)[:2]:
        organisation.post(f"/opleidingen/{course}", f"/bewaarlijst/{course}")
    yield _migrated_app
    with _migrated_app.app_context():
        db.session.remove()
        empty_all_tables()
        empty_search_index(_migrated_app)


def known_codes() -> tuple[set[str], list[str]]:
    """The codes a person must never read, and the words that contain a code legitimately."""
    codes = {
        member.value for enum_class in ENGLISH_CODES_OF for member in enum_class if member.value not in WORDS
    }
    labels: list[str] = []
    for model, code_column in (
        (Topic, Topic.slug),
        (TargetRole, TargetRole.slug),
        (AgeGroup, AgeGroup.slug),
        (LegalRequirement, LegalRequirement.code),
        (SubsidyScheme, SubsidyScheme.code),
    ):
        for code, name in db.session.execute(sa.select(code_column, model.name)):
            labels.append(name)
            # A one-word code is a word ("babyscholing"); a scheme called by its code (STAP, SLIM) is
            # called that by people too.
            if re.search(r"[^A-Za-z]", code) and not re.search(
                rf"(?<![\w-]){re.escape(code)}(?![\w-])", name
            ):
                codes.add(code)
    codes |= set(db.session.scalars(sa.select(AuditEvent.action).distinct()))
    return codes, sorted(labels, key=len, reverse=True)


def problems_in(text: str, codes: set[str], labels: list[str]) -> list[str]:
    """What in ``text`` is a code or a form a person should not read."""
    for label in labels:  # a name that contains a code ("0-4 jaar") is the word, not the code
        text = text.replace(label, " ")
    found = [
        f"code {code!r}" for code in codes if re.search(rf"(?<![\w.-]){re.escape(code)}(?![\w-]|\.\w)", text)
    ]
    patterns = {
        "a plural in brackets": r"\w\((s|en)\)",
        "singular/plural": r"\b(\w+)/\1(en|s)\b",
        "a decimal point": r"\b\d+\.\d+ (dag|dagen|uur|week|weken|km)\b",
        "a short or ISO date": r"\b(\d{2}-\d{2}-\d{4}|\d{4}-\d{2}-\d{2})\b",
    }
    found += [
        f"{what}: {match.group(0)!r}"
        for what, pattern in patterns.items()
        if (match := re.search(pattern, text))
    ]
    return found


def crawl(app: Flask, email: str | None) -> dict[str, str]:
    """One page of each kind this role can reach from its start pages: path -> visible text."""
    browser = Browser(app.test_client())
    if email:
        browser.login(email, PASSWORD)
    queue = [*START_PAGES]
    seen_kinds: set[str] = set()
    pages: dict[str, str] = {}
    while queue and len(pages) < MAX_PAGES:
        path = queue.pop(0)
        if page_kind(path) in seen_kinds or SKIP.search(urlsplit(path).path):
            continue
        seen_kinds.add(page_kind(path))
        response = browser.client.get(path)
        if response.status_code != 200 or response.mimetype not in ("text/html", "text/csv"):
            continue
        body = response.get_data(as_text=True)
        if response.mimetype == "text/csv":
            pages[path] = " ".join(" ".join(row) for row in csv.reader(io.StringIO(body)))
            continue
        pages[path] = VisibleText.of(body)
        links = Links()
        links.feed(body)
        for href in links.found:
            parts = urlsplit(href)
            if not parts.netloc and parts.path.startswith("/"):
                queue.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return pages


@pytest.mark.parametrize("role", list(ROLES))
def test_every_page_speaks_in_words(sector, role):
    with sector.app_context():
        codes, labels = known_codes()
        pages = crawl(sector, ROLES[role])
        assert len(pages) > 8, sorted(pages)  # the crawl reached the role's pages
        problems = {
            path: found
            for path, text in pages.items()
            if not MACHINE_FORMATS.match(path) and (found := problems_in(text, codes, labels))
        }
        assert not problems, "\n".join(f"{path}: {', '.join(found)}" for path, found in problems.items())


def test_every_email_speaks_in_words(sector):
    """The e-mails the registry sends (notices of a case, renewal reminders) pass the same reading."""
    with sector.app_context():
        codes, labels = known_codes()
        member = db.session.scalars(sa.select(User).where(User.role == Role.PROVIDER)).one()
        make_mark(
            provider=member.providers[0],
            awarded_on=today() - timedelta(days=700),
            valid_until=today() + timedelta(days=1),
        )
        db.session.commit()
        expire_marks(today())  # queues the renewal reminders of marks that end within the reminder terms
        messages = db.session.scalars(sa.select(OutboxMessage)).all()
        assert any("Verleng op tijd" in message.subject for message in messages)
        problems = {
            f"{message.recipient}: {message.subject}": found
            for message in messages
            if (found := problems_in(f"{message.subject} {VisibleText.of(message.body)}", codes, labels))
        }
        assert not problems, "\n".join(f"{mail}: {', '.join(found)}" for mail, found in problems.items())
