"""A small catalogue for the feed tests: published, draft and withdrawn courses, marks, schemes, topics."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest

from registry.catalogue.enums import CourseStatus, DeliveryMode, Level, ProviderStatus, Province
from registry.catalogue.models import AgeGroup, Course, LegalRequirement, Provider, TargetRole
from registry.clock import today
from registry.extensions import db
from registry.reviews.models import MarkStatus
from registry.schemes.models import SubsidyScheme
from tests.factories import make_course, make_mark, make_provider, make_run, make_scheme, make_topic


@pytest.fixture(autouse=True)
def _no_dumps_from_other_tests(app) -> None:
    """Tests empty the tables with Core deletes, which no tombstone records; old dumps would lie."""
    for path in Path(app.config["REGISTRY_DUMP_DIR"]).glob("*"):
        path.unlink()


@pytest.fixture
def request_context(app) -> Iterator[None]:
    """Records carry absolute links to the public pages, which need a request to build."""
    with app.test_request_context():
        yield


@dataclass
class Catalogue:
    day: date
    provider: Provider
    other_provider: Provider
    ehbo: Course
    online: Course
    plain: Course
    draft: Course
    withdrawn: Course
    suspended_providers_course: Course
    open_scheme: SubsidyScheme
    ended_scheme: SubsidyScheme


@pytest.fixture
def catalogue(app) -> Catalogue:
    """Three public courses (ids in creation order) and three that the feed must not show."""
    day = today()
    ehbo_topic = make_topic("kinder-ehbo", "Kinder-EHBO")
    baby_topic = make_topic("babyscholing", "Werken met 0-jarigen")
    role = TargetRole(slug="pedagogisch-medewerker", name="Pedagogisch medewerker")
    db.session.add(role)
    open_scheme = make_scheme(code="OO-KO", name="O&O-fonds", windows=[(day - timedelta(days=30), None)])
    ended_scheme = make_scheme(
        code="STAP",
        name="STAP-budget",
        windows=[(date(2023, 11, 1), date(2023, 11, 30))],
        active_until=date(2023, 12, 31),
    )
    provider = make_provider(name="Academie Kindwijs", city="Zwolle", province=Province.OVERIJSSEL)
    other = make_provider(name="Leerhuis Noord", city="Groningen", province=Province.GRONINGEN)
    suspended = make_provider(name="Geschorst Opleiden", status=ProviderStatus.SUSPENDED)
    ehbo = make_course(
        provider,
        title="Kinder-EHBO voor de kinderopvang",
        summary="Eerste hulp bij kinderen.",
        course_code="EHBO-1",
        delivery_mode=DeliveryMode.BLENDED,
        study_load_hours=12,
        price=Decimal("149.50"),
        topics=[ehbo_topic],
        target_roles=[role],
        schemes=[open_scheme, ended_scheme],
    )
    make_run(ehbo, day + timedelta(days=20), city="Deventer", province=Province.OVERIJSSEL)
    make_run(ehbo, day + timedelta(days=60), is_online=True, city="", province=None)
    make_mark(course=ehbo, awarded_on=day - timedelta(days=100), valid_until=day + timedelta(days=900))
    make_mark(provider=provider, awarded_on=day - timedelta(days=100), valid_until=day + timedelta(days=500))
    online = make_course(
        other,
        title="Babyscholing online",
        delivery_mode=DeliveryMode.ONLINE,
        topics=[baby_topic],
        price=Decimal("0"),
    )
    make_run(online, day + timedelta(days=5), is_online=True, city="", province=None)
    make_mark(course=online, awarded_on=day - timedelta(days=1200), valid_until=day - timedelta(days=10))
    plain = make_course(other, title="Taalniveau 3F oefenen")
    make_run(plain, day + timedelta(days=90), city="Groningen", province=Province.GRONINGEN)
    draft = make_course(provider, title="Concept", status=CourseStatus.DRAFT)
    withdrawn = make_course(provider, title="Ingetrokken", status=CourseStatus.WITHDRAWN)
    hidden = make_course(suspended, title="Van een geschorste aanbieder")
    db.session.commit()
    return Catalogue(
        day, provider, other, ehbo, online, plain, draft, withdrawn, hidden, open_scheme, ended_scheme
    )


@pytest.fixture
def rich_catalogue(catalogue) -> Catalogue:
    """The feed catalogue plus courses that fill every field of a record and every state of a mark."""
    day = catalogue.day
    area = make_topic("veiligheid", "Veiligheid")
    child = make_topic("brandveiligheid", "Brandveiligheid")
    child.parent = area
    requirement = LegalRequirement(
        code="bhv", name="BHV op locatie", source_url="https://wetten.overheid.nl/", source_checked_on=day
    )
    roles = [
        TargetRole(slug="gastouder", name="Gastouder"),
        TargetRole(slug="leidinggevende", name="Leidinggevende"),
    ]
    ages = [
        AgeGroup(slug="4-12", name="4 tot 12 jaar", position=2),
        AgeGroup(slug="0-1", name="Baby's", position=1),
    ]
    db.session.add_all([requirement, *roles, *ages])
    provider = db.session.get(Provider, catalogue.provider.id)
    other = db.session.get(Provider, catalogue.other_provider.id)
    make_mark(provider=other, awarded_on=day - timedelta(days=800), valid_until=day - timedelta(days=1))
    full = make_course(
        provider,
        title="BHV in de kinderopvang",
        summary='Bedrijfshulpverlening, met "aanhalingstekens" en é-accenten.',
        description_html="<p>Regel één</p>\n<p>Regel twee</p>",
        course_code="BHV-9",
        level=Level.MBO_4,
        language="en",
        certificate_type="Certificaat",
        programme_name="Veilig werken",
        cross_over_sectors=["onderwijs", "jeugdzorg"],
        published_at=day - timedelta(days=3),
        legal_requirement=requirement,
        price=Decimal("1234.56"),
        topics=[child, area],
        target_roles=roles,
        age_groups=ages,
        schemes=[catalogue.ended_scheme, catalogue.open_scheme],
    )
    make_run(full, day + timedelta(days=7), seats=12, enrolment_deadline=day + timedelta(days=1))
    make_run(full, day + timedelta(days=7), is_online=True, city="", province=None)  # same start: a tie
    make_run(full, day - timedelta(days=40))
    make_mark(course=full, awarded_on=day - timedelta(days=400), valid_until=day + timedelta(days=10))
    make_mark(course=full, awarded_on=day - timedelta(days=5), valid_until=day + timedelta(days=300),
              status=MarkStatus.SUSPENDED)  # fmt: skip
    make_mark(course=full, awarded_on=day + timedelta(days=5), valid_until=day + timedelta(days=900))
    for status in (MarkStatus.REVOKED, MarkStatus.EXPIRED, MarkStatus.VALID):
        course = make_course(other, title=f"Keurmerk {status.value}", delivery_mode=DeliveryMode.ONLINE)
        make_mark(course=course, awarded_on=day - timedelta(days=30), valid_until=day + timedelta(days=30),
                  status=status)  # fmt: skip
    db.session.commit()
    return catalogue
