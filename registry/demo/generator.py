"""A deterministic, realistic demo sector: providers, courses, runs, marks and organisations.

Courses are written in batches straight to the database, so 100,000 of them fit in flat memory.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from itertools import islice
from typing import Any

import sqlalchemy as sa

from registry.audit.service import record
from registry.catalogue.enums import CourseStatus, ProviderStatus, Province, RecognitionKind
from registry.catalogue.models import (
    AgeGroup,
    Course,
    CourseRun,
    LegalRequirement,
    Provider,
    Recognition,
    TargetRole,
    Topic,
    course_age_groups,
    course_target_roles,
    course_topics,
)
from registry.demo import content
from registry.demo.reference import load_reference_data
from registry.errors import ValidationFailed
from registry.extensions import db
from registry.organisations.models import CareType, Organisation
from registry.reviews.models import MarkStatus, QualityMark, SubjectType
from registry.schemes.models import SubsidyScheme, course_schemes
from registry.text import slugify
from registry.transactions import unit_of_work
from registry.validation import sanitise_html

FICTIONAL_NOTICE = "Deze aanbieder is fictief en staat alleen in de demonstratiegegevens van het register."
MARK_VALIDITY = timedelta(days=3 * 365)
POSTCODE_LETTERS = "ABCDEGHJKLNPRSTVWXZ"  # Dutch postcodes avoid F, I, O, Q, U and Y


@dataclass(frozen=True)
class DemoSummary:
    providers: int
    courses: int
    runs: int
    marks: int


def provider_count_for(courses: int) -> int:
    """About 40 providers for a few hundred courses; more for large catalogues (~25 courses each)."""
    return max(40, round(courses / 25))


class _Lookups:
    """Ids of the reference rows, by slug or code."""

    def __init__(self) -> None:
        self.topics = dict(db.session.execute(sa.select(Topic.slug, Topic.id)).all())
        self.roles = dict(db.session.execute(sa.select(TargetRole.slug, TargetRole.id)).all())
        self.ages = dict(db.session.execute(sa.select(AgeGroup.slug, AgeGroup.id)).all())
        self.requirements = dict(
            db.session.execute(sa.select(LegalRequirement.code, LegalRequirement.id)).all()
        )
        self.schemes = dict(db.session.execute(sa.select(SubsidyScheme.code, SubsidyScheme.id)).all())


class DemoSector:
    """Builds the demo sector from one seed and one "today", so the same inputs give the same data."""

    def __init__(self, seed: int, today: date) -> None:
        self.rng = random.Random(seed)
        self.today = today

    # -- providers -------------------------------------------------------------------------------

    def providers(self, count: int) -> list[Provider]:
        rng, parts = self.rng, content.PROVIDER_NAME_PARTS
        used_names: set[str] = set()
        used_kvk: set[str] = set()
        providers = []
        for index in range(count):
            province = rng.choice(list(Province))
            city, postcode_prefix = rng.choice(content.CITIES[province.value])
            name = (
                f"{rng.choice(parts['prefixes'])} {rng.choice(parts['stems'])}{rng.choice(parts['suffixes'])}"
            )
            if name in used_names:
                name = f"{name} {city}"
            if name in used_names:
                name = f"{name} {index + 1}"
            used_names.add(name)
            kvk = self._unique(used_kvk, lambda: f"{rng.randrange(10_000_000, 99_999_999)}")
            slug = slugify(name)
            providers.append(
                Provider(
                    slug=slug,
                    name=name,
                    kvk_number=kvk,
                    email=f"info@{slug[:40].strip('-')}.example",
                    phone=f"0{rng.randrange(10, 80)}-{rng.randrange(1_000_000, 9_999_999)}",
                    website=f"https://www.{slug[:40].strip('-')}.example",
                    street=f"{rng.choice(content.STREETS)} {rng.randrange(1, 180)}",
                    postcode=f"{postcode_prefix} {''.join(rng.choices(POSTCODE_LETTERS, k=2))}",
                    city=city,
                    province=province,
                    description=f"{rng.choice(content.PROVIDER_BLURBS)} {FICTIONAL_NOTICE}",
                    status=ProviderStatus.SUSPENDED if index % 37 == 36 else ProviderStatus.ACTIVE,
                    recognitions=self._recognitions(),
                )
            )
        return providers

    def _recognitions(self) -> list[Recognition]:
        rng = self.rng
        kinds = rng.sample(list(RecognitionKind), k=rng.randint(1, 3))
        return [
            Recognition(
                kind=kind,
                number=f"{kind.value.upper()}-{rng.randrange(10_000, 99_999)}",
                valid_until=self.today + timedelta(days=rng.randint(-120, 3 * 365)),
            )
            for kind in sorted(kinds)
        ]

    def provider_marks(self, providers: list[Provider]) -> list[QualityMark]:
        """A keurmerk for about two in three providers; some of them lapsed."""
        marks = []
        for provider in providers:
            roll = self.rng.random()
            if roll < 0.55:
                marks.append(self._mark(SubjectType.PROVIDER, provider_id=provider.id))
            elif roll < 0.65:
                marks.append(self._mark(SubjectType.PROVIDER, provider_id=provider.id, expired=True))
        return marks

    def _mark(
        self, subject: SubjectType, *, expired: bool = False, status=MarkStatus.VALID, **ids
    ) -> QualityMark:
        if expired:
            awarded = self.today - MARK_VALIDITY - timedelta(days=self.rng.randint(1, 400))
        else:
            awarded = self.today - timedelta(days=self.rng.randint(10, 3 * 365 - 30))
        reason = {
            MarkStatus.SUSPENDED: "Klachten over de uitvoering worden onderzocht.",
            MarkStatus.REVOKED: "Niet meer voldaan aan de criteria voor accreditatie.",
        }.get(status, "")
        return QualityMark(
            subject_type=subject,
            awarded_on=awarded,
            valid_until=awarded + MARK_VALIDITY,
            status=status,
            status_reason=reason,
            **ids,
        )

    # -- courses ---------------------------------------------------------------------------------

    def course_row(self, provider: tuple[int, Province], lookups: _Lookups) -> tuple[dict, dict]:
        """One course as a column mapping, and the links, runs and mark that belong to it."""
        rng = self.rng
        provider_id, province = provider
        template = rng.choice(content.COURSE_TEMPLATES)
        title = rng.choice(template["titles"])
        hours = rng.randint(*template["hours"])
        price = Decimal(5 * round(rng.randint(*template["price"]) / 5)).quantize(Decimal("0.01"))
        mode = rng.choice(template["modes"])
        status_roll = rng.random()
        status = (
            CourseStatus.PUBLISHED
            if status_roll < 0.92
            else CourseStatus.DRAFT
            if status_roll < 0.97
            else CourseStatus.WITHDRAWN
        )
        paragraphs = "".join(f"<p>{p}</p>" for p in template["paragraphs"])
        row = {
            "provider_id": provider_id,
            "title": title,
            "slug": slugify(title),
            "summary": template["summary"],
            "description_html": sanitise_html(paragraphs),
            "level": rng.choice(template["levels"]),
            "delivery_mode": mode,
            "study_load_hours": hours,
            "price": price,
            "language": "nl",
            "certificate_type": template["certificate"],
            "legal_requirement_id": lookups.requirements.get(template["legal_requirement"] or ""),
            "programme_name": template["programme"],
            "cross_over_sectors": list(template["sectors"]),
            "course_code": f"{slugify(title)[:6].upper()}-{rng.randrange(100, 999)}",
            "status": status,
            "published_at": self.today - timedelta(days=rng.randint(1, 900))
            if status != CourseStatus.DRAFT
            else None,
        }
        links = {
            "topics": [lookups.topics[s] for s in template["topics"]],
            "roles": [lookups.roles[s] for s in template["roles"]],
            "ages": [lookups.ages[s] for s in template["age_groups"]],
            "schemes": [lookups.schemes[c] for c in template["schemes"]],
            "runs": self._runs(mode, hours, province),
            "mark": self._course_mark() if status is CourseStatus.PUBLISHED else None,
        }
        return row, links

    def _runs(self, mode: str, hours: int, home: Province) -> list[dict[str, Any]]:
        rng = self.rng
        runs = []
        for _ in range(rng.choice([0, 1, 2, 2, 3, 3, 4])):
            starts = self.today + timedelta(days=rng.randint(-60, 365))
            online = mode == "online" or (mode == "blended" and rng.random() < 0.3)
            province = home if rng.random() < 0.6 else rng.choice(list(Province))
            city = "" if online else rng.choice(content.CITIES[province.value])[0]
            runs.append(
                {
                    "starts_on": starts,
                    "ends_on": starts + timedelta(days=max(0, hours // 3) + rng.randint(0, 14) * (hours > 8)),
                    "is_online": online,
                    "city": city,
                    "province": None if online else province,
                    "seats": rng.choice([None, 8, 10, 12, 12, 15, 16, 20]),
                    "enrolment_deadline": starts - timedelta(days=rng.choice([3, 7, 7, 14])),
                }
            )
        return runs

    def _course_mark(self) -> dict[str, Any] | None:
        roll = self.rng.random()
        if roll < 0.70:
            mark = self._mark(SubjectType.COURSE)
        elif roll < 0.80:
            mark = self._mark(SubjectType.COURSE, expired=True)
        elif roll < 0.84:
            mark = self._mark(SubjectType.COURSE, status=MarkStatus.SUSPENDED)
        elif roll < 0.86:
            mark = self._mark(SubjectType.COURSE, status=MarkStatus.REVOKED)
        else:
            return None
        return {
            "subject_type": mark.subject_type,
            "awarded_on": mark.awarded_on,
            "valid_until": mark.valid_until,
            "status": mark.status,
            "status_reason": mark.status_reason,
        }

    def organisations(self) -> list[Organisation]:
        rng = self.rng
        names = [
            "Kinderopvang De Rups",
            "Kindcentrum Het Kompas",
            "Gastouderbureau Thuis & Zo",
            "Peuterspeelzaal Ukkie",
            "BSO De Buitenboel",
        ]
        care = [
            CareType.DAYCARE,
            CareType.DAYCARE,
            CareType.CHILDMINDER_AGENCY,
            CareType.PRESCHOOL,
            CareType.OUT_OF_SCHOOL,
        ]
        return [
            Organisation(
                slug=slugify(name),
                name=name,
                kvk_number=f"{rng.randrange(10_000_000, 99_999_999)}",
                lrk_numbers=[f"{rng.randrange(100_000_000, 999_999_999)}" for _ in range(rng.randint(1, 3))],
                care_type=kind,
                staff_count=rng.randint(4, 60),
            )
            for name, kind in zip(names, care, strict=True)
        ]

    @staticmethod
    def _unique(used: set[str], make: Callable[[], str]) -> str:
        value = make()
        while value in used:
            value = make()
        used.add(value)
        return value


def registry_has_data() -> bool:
    """Whether any provider exists (demo data only ever goes into an empty registry)."""
    return db.session.scalar(sa.select(sa.exists().where(Provider.id.is_not(None)))) or False


def load_demo_sector(
    *,
    courses: int,
    seed: int,
    today: date,
    batch_size: int = 1000,
    progress: Callable[[int], None] = lambda _n: None,
) -> DemoSummary:
    """Fill an empty registry with a demo sector; ``progress`` is told how many courses each batch added.

    :raise ValidationFailed: the registry already holds providers or courses.
    """
    if registry_has_data():
        raise ValidationFailed(
            "Het register bevat al aanbieders; demogegevens worden alleen in een leeg register geladen."
        )
    sector = DemoSector(seed, today)
    load_reference_data()
    lookups = _Lookups()

    providers = sector.providers(provider_count_for(courses))
    with unit_of_work():
        db.session.add_all(providers)
        db.session.add_all(sector.organisations())
        db.session.flush()
        db.session.add_all(sector.provider_marks(providers))
    # Courses cluster unevenly over providers, as in the sector: a few large, many small.
    owners = [(p.id, p.province) for p in providers]
    weights = [1 + (i % 7) ** 2 for i in range(len(owners))]

    # One course at a time from one random stream, so the batch size cannot change the outcome.
    stream = (
        sector.course_row(sector.rng.choices(owners, weights=weights)[0], lookups) for _ in range(courses)
    )
    totals = {"runs": 0, "marks": 0}
    while batch := list(islice(stream, batch_size)):
        rows, links = zip(*batch, strict=True)
        with unit_of_work():  # a batch at a time keeps memory flat for 100k courses
            _insert_batch(list(rows), list(links), totals)
        progress(len(batch))

    with unit_of_work():
        record("demo_data.loaded", "registry", "demo", after={"courses": courses, "seed": seed, **totals})
    marks = totals["marks"] + db.session.scalar(
        sa.select(sa.func.count()).select_from(QualityMark).where(QualityMark.provider_id.is_not(None))
    )
    return DemoSummary(providers=len(providers), courses=courses, runs=totals["runs"], marks=marks)


def _insert_batch(rows: list[dict], links: list[dict], totals: dict[str, int]) -> None:
    """Insert one batch of courses with Core statements; no ORM objects are kept around."""
    ids = db.session.scalars(sa.insert(Course).returning(Course.id, sort_by_parameter_order=True), rows).all()
    topic_rows, role_rows, age_rows, scheme_rows, run_rows, mark_rows = [], [], [], [], [], []
    for course_id, link in zip(ids, links, strict=True):
        topic_rows += [{"course_id": course_id, "topic_id": t} for t in link["topics"]]
        role_rows += [{"course_id": course_id, "target_role_id": r} for r in link["roles"]]
        age_rows += [{"course_id": course_id, "age_group_id": a} for a in link["ages"]]
        scheme_rows += [{"course_id": course_id, "scheme_id": s} for s in link["schemes"]]
        run_rows += [{"course_id": course_id, **run} for run in link["runs"]]
        if link["mark"]:
            mark_rows.append({"course_id": course_id, **link["mark"]})
    for table, values in (
        (course_topics, topic_rows),
        (course_target_roles, role_rows),
        (course_age_groups, age_rows),
        (course_schemes, scheme_rows),
        (CourseRun.__table__, run_rows),
        (QualityMark.__table__, mark_rows),
    ):
        if values:
            db.session.execute(sa.insert(table), values)
    totals["runs"] += len(run_rows)
    totals["marks"] += len(mark_rows)
