"""A small sector whose figures are computed by hand, every date relative to the day it is built for.

Built for a day D, with the 3-month horizon ending at D + 3 months (at least D + 89 days):

| course | provider | requirement | topic | price / hours | accreditation on D | runs (days after D, place) |
|---|---|---|---|---|---|---|
| C1 | P1 | babyscholing | Babyscholing | 400 / 8 = 50 | valid | +13 Utrecht, +49 Zeeland, +186 online |
| C2 | P1 | babyscholing | Babyscholing | 300 / 10 = 30 | valid | +23 Utrecht, +39 Utrecht, +155 Gelderland |
| C3 | P2 | babyscholing | Babyscholing | 200 / 4 = 50 | expired on D-1 | +18 Zeeland |
| C4 | P3 suspended | babyscholing | Babyscholing | 1000 / 10 | valid | +15 Zeeland |
| C5 | P2 | kinder-ehbo | Kinder-EHBO | 150 / 6 = 25 | valid | +8 online |
| C6 | P2 | kinder-ehbo | Kinder-EHBO | 100 / 4 = 25 | valid until D | +4 Noord-Holland |
| C7 withdrawn | P2 | kinder-ehbo | Kinder-EHBO | 100 / 4 | valid | +10 Utrecht |
| C8 | P1 | none | Kinder-EHBO | 90 / 0 | never | +103 Utrecht |
| C9 | P2 | kinder-ehbo | Kinder-EHBO | 240 / 8 = 30 | suspended | +6 Utrecht |

C1 and C2 also had a run 26 days before D. Kinder-EHBO and Hygiëne (no courses) are topics in the area
"Veiligheid en gezondheid", which no course carries itself. C1 and C5 are for the role "pedagogisch
medewerker".
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal

import pytest

from registry.catalogue.enums import CourseStatus, ProviderStatus, Province
from registry.catalogue.models import Course, LegalRequirement, TargetRole, Topic
from registry.extensions import db
from registry.organisations.models import CareType, Organisation, SavedSearch
from registry.reviews.models import MarkStatus, Recommendation, Review, ReviewState, SubjectType
from registry.statistics import service
from tests.factories import make_course, make_mark, make_provider, make_run

D = date(2026, 11, 27)


@dataclass
class Sector:
    day: date
    courses: dict[str, Course]


@pytest.fixture(autouse=True)
def _fresh_cache():
    # The per-process cache is keyed by the catalogue's generation, and tests rebuild the same catalogue.
    service.clear_cache()
    yield
    service.clear_cache()


def build_sector(day: date) -> Sector:
    baby = LegalRequirement(
        code="babyscholing",
        name="Babyscholing",
        source_url="https://wetten.overheid.nl/BWBR0017017",
        source_checked_on=day,
    )
    ehbo = LegalRequirement(
        code="kinder-ehbo",
        name="Kinder-EHBO",
        source_url="https://wetten.overheid.nl/BWBR0017017",
        source_checked_on=day,
    )
    area = Topic(slug="veiligheid", name="Veiligheid en gezondheid")  # an area no course carries itself
    topic_baby, topic_ehbo = (
        Topic(slug="babyscholing", name="Babyscholing"),
        Topic(slug="ehbo", name="Kinder-EHBO", parent=area),
    )
    hygiene = Topic(slug="hygiene", name="Hygiëne", parent=area)  # a topic without any course: a gap
    role = TargetRole(slug="pm", name="Pedagogisch medewerker")
    db.session.add_all([baby, ehbo, area, topic_baby, topic_ehbo, hygiene, role])
    p1, p2 = make_provider(slug="p1"), make_provider(slug="p2")
    p3 = make_provider(slug="p3", status=ProviderStatus.SUSPENDED)

    def course(name, provider, requirement, topic, price, hours, mark="valid", runs=(), **fields):
        c = make_course(
            provider,
            title=name,
            legal_requirement=requirement,
            topics=[topic],
            price=Decimal(price),
            study_load_hours=hours,
            **fields,
        )
        if mark == "valid":
            make_mark(course=c, awarded_on=day - timedelta(days=100), valid_until=day + timedelta(days=400))
        elif mark == "until-today":
            make_mark(course=c, awarded_on=day - timedelta(days=100), valid_until=day)
        elif mark == "expired":
            make_mark(course=c, awarded_on=day - timedelta(days=400), valid_until=day - timedelta(days=1))
        elif mark == "suspended":
            make_mark(
                course=c,
                awarded_on=day - timedelta(days=100),
                valid_until=day + timedelta(days=400),
                status=MarkStatus.SUSPENDED,
            )
        for offset, place in runs:
            starts = day + timedelta(days=offset)
            if place == "online":
                make_run(c, starts, is_online=True, province=None, city="")
            else:
                make_run(c, starts, province=place, city=place.label)
        return c

    u, z, g, nh = Province.UTRECHT, Province.ZEELAND, Province.GELDERLAND, Province.NOORD_HOLLAND
    courses = {
        "C1": course(
            "C1", p1, baby, topic_baby, "400", 8, runs=[(-26, u), (13, u), (49, z), (186, "online")]
        ),
        "C2": course("C2", p1, baby, topic_baby, "300", 10, runs=[(-26, u), (23, u), (39, u), (155, g)]),
        "C3": course("C3", p2, baby, topic_baby, "200", 4, mark="expired", runs=[(18, z)]),
        "C4": course("C4", p3, baby, topic_baby, "1000", 10, runs=[(15, z)]),
        "C5": course("C5", p2, ehbo, topic_ehbo, "150", 6, runs=[(8, "online")]),
        "C6": course("C6", p2, ehbo, topic_ehbo, "100", 4, mark="until-today", runs=[(4, nh)]),
        "C7": course("C7", p2, ehbo, topic_ehbo, "100", 4, runs=[(10, u)], status=CourseStatus.WITHDRAWN),
        "C8": course("C8", p1, None, topic_ehbo, "90", 0, mark=None, runs=[(103, u)]),
        "C9": course("C9", p2, ehbo, topic_ehbo, "240", 8, mark="suspended", runs=[(6, u)]),
    }
    courses["C1"].target_roles = [role]
    courses["C5"].target_roles = [role]
    _reviews(day, courses["C8"])
    db.session.commit()
    return Sector(day, courses)


def _at(day: date, offset: int) -> datetime:
    return datetime.combine(day + timedelta(days=offset), time(12), UTC)


def _reviews(day: date, course: Course) -> None:
    """Decided in the last 365 days: 10, 20, 30 and 2 days (three approved); one older; one open."""
    for submitted, decided, recommendation in (
        (-57, -47, Recommendation.APPROVE),
        (-87, -67, Recommendation.REJECT),
        (-179, -149, Recommendation.APPROVE),
        (-26, -24, Recommendation.APPROVE),
        (-700, -669, Recommendation.APPROVE),
        (-7, None, None),
    ):
        db.session.add(
            Review(
                subject_type=SubjectType.COURSE,
                course=course,
                state=ReviewState.SUBMITTED if decided is None else ReviewState.APPROVED,
                submitted_at=_at(day, submitted),
                decided_at=None if decided is None else _at(day, decided),
                recommendation=recommendation,
            )
        )


def follow(day: date, query: str, organisations: int, *, days_ago: int = 10, prefix: str = "org") -> None:
    """``organisations`` different organisations each save ``query``."""
    for n in range(organisations):
        organisation = Organisation(
            slug=f"{prefix}-{query}-{n}-{days_ago}"[:120],
            name=f"Kinderopvang {prefix} {n}",
            kvk_number="12345678",
            care_type=CareType.DAYCARE,
        )
        db.session.add(organisation)
        db.session.flush()
        db.session.add(
            SavedSearch(
                organisation_id=organisation.id,
                name="Mijn zoekopdracht",
                query=query,
                feed_token=f"token-{organisation.id}-{query}-{days_ago}"[:64],
                created_at=_at(day, -days_ago),
                last_digest_on=day,
            )
        )
    db.session.commit()


@pytest.fixture
def sector(app) -> Sector:
    return build_sector(D)
