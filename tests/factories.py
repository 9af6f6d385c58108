"""Small factories for test set-up: each makes a valid object with sensible defaults."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from itertools import count
from typing import Any

from registry.accounts.models import Role, User
from registry.accounts.service import set_password
from registry.catalogue.enums import CourseStatus, DeliveryMode, ProviderStatus, Province
from registry.catalogue.models import Course, CourseRun, Provider, Topic
from registry.compliance.models import Location, StaffMember
from registry.extensions import db
from registry.organisations.models import CareType
from registry.reviews.criteria import COURSE_CRITERIA
from registry.reviews.models import MarkStatus, QualityMark, Recommendation, Review, ReviewState, SubjectType
from registry.schemes.models import Applicant, ApplicationWindow, SubsidyScheme

_sequence = count(1)


def make_provider(**fields: Any) -> Provider:
    n = next(_sequence)
    values = {
        "slug": f"aanbieder-{n}",
        "name": f"Opleider {n}",
        "kvk_number": f"{10_000_000 + n}",
        "email": f"info{n}@opleider.example",
        "city": "Utrecht",
        "province": Province.UTRECHT,
        "status": ProviderStatus.ACTIVE,
    }
    values.update(fields)
    provider = Provider(**values)
    db.session.add(provider)
    db.session.flush()
    return provider


def make_course(provider: Provider | None = None, **fields: Any) -> Course:
    n = next(_sequence)
    values = {
        "provider": provider or make_provider(),
        "title": f"Training {n}",
        "slug": f"training-{n}",
        "summary": "Een praktische training voor pedagogisch medewerkers.",
        "description_html": "<p>Beschrijving.</p>",
        "delivery_mode": DeliveryMode.CLASSROOM,
        "study_load_hours": 8,
        "price": Decimal("195.00"),
        "status": CourseStatus.PUBLISHED,
    }
    values.update(fields)
    course = Course(**values)
    db.session.add(course)
    db.session.flush()
    return course


def make_run(course: Course, starts_on: date, **fields: Any) -> CourseRun:
    values = {
        "starts_on": starts_on,
        "ends_on": starts_on + timedelta(days=1),
        "city": "Utrecht",
        "province": Province.UTRECHT,
    }
    values.update(fields)
    run = CourseRun(course=course, **values)
    db.session.add(run)
    db.session.flush()
    return run


def make_mark(
    *,
    course: Course | None = None,
    provider: Provider | None = None,
    awarded_on: date,
    valid_until: date,
    status: MarkStatus = MarkStatus.VALID,
) -> QualityMark:
    mark = QualityMark(
        subject_type=SubjectType.COURSE if course else SubjectType.PROVIDER,
        course=course,
        provider=provider,
        awarded_on=awarded_on,
        valid_until=valid_until,
        status=status,
    )
    db.session.add(mark)
    db.session.flush()
    return mark


def make_scheme(windows: list[tuple[date, date | None]] = (), **fields: Any) -> SubsidyScheme:
    n = next(_sequence)
    values = {
        "code": f"REGELING-{n}",
        "name": f"Regeling {n}",
        "funder": "Rijksoverheid",
        "applicant": Applicant.EMPLOYER,
        "summary": "Een regeling.",
        "covers": "Cursusgeld.",
        "source_url": "https://www.example.org/regeling",
        "last_checked_on": date(2026, 11, 1),
    }
    values.update(fields)
    scheme = SubsidyScheme(**values, windows=[ApplicationWindow(opens_on=o, closes_on=c) for o, c in windows])
    db.session.add(scheme)
    db.session.flush()
    return scheme


def make_topic(slug: str = "kinder-ehbo", name: str = "Kinder-EHBO") -> Topic:
    topic = Topic(slug=slug, name=name)
    db.session.add(topic)
    db.session.flush()
    return topic


def make_user(
    role: Role,
    *,
    providers: list[Provider] = (),
    email: str | None = None,
    password: str = "correct horse battery staple",
) -> User:
    n = next(_sequence)
    user = User(
        email=email or f"{role.value}{n}@example.org",
        name=f"{role.value.title()} {n}",
        role=role,
        providers=list(providers),
    )
    set_password(user, password)
    db.session.add(user)
    db.session.flush()
    return user


@dataclass
class People:
    provider: Provider
    other_provider: Provider
    member: User
    other_member: User
    official: User
    second_official: User
    conflicted_official: User
    admin: User
    organisation: User


def case_in_state(people: People, state: ReviewState) -> Review:
    """A course case put directly into ``state`` with everything that state implies."""
    course = make_course(people.provider, status=CourseStatus.DRAFT, title="Kinder-EHBO basis")
    review = Review(subject_type=SubjectType.COURSE, course=course, state=state, proposal={})
    if state not in {ReviewState.DRAFT, ReviewState.SUBMITTED}:
        review.assignee_id = people.official.id
    if state is ReviewState.IN_REVIEW:
        review.checklist = {code: True for code in COURSE_CRITERIA}
    if state is ReviewState.AWAITING_CONFIRMATION:
        review.recommendation = Recommendation.APPROVE
        review.recommended_by_id = people.official.id
    if state in {ReviewState.APPROVED, ReviewState.SUSPENDED, ReviewState.REVOKED, ReviewState.EXPIRED}:
        course.status = CourseStatus.PUBLISHED
        mark_status = {
            ReviewState.APPROVED: MarkStatus.VALID,
            ReviewState.SUSPENDED: MarkStatus.SUSPENDED,
            ReviewState.REVOKED: MarkStatus.REVOKED,
            ReviewState.EXPIRED: MarkStatus.EXPIRED,
        }[state]
        review.marks.append(
            QualityMark(
                subject_type=SubjectType.COURSE,
                course=course,
                status=mark_status,
                awarded_on=date(2024, 1, 1),
                valid_until=date(2027, 1, 1),
            )
        )
    db.session.add(review)
    db.session.commit()
    return review


def make_staffed_location(organisation_id: int) -> StaffMember:
    """A day-care location with one pedagogical employee, so the compliance pages have someone to judge."""
    location = Location(
        organisation_id=organisation_id, name="De Rups", lrk_number="123456789", care_type=CareType.DAYCARE
    )
    member = StaffMember(
        organisation_id=organisation_id,
        employee_number="1",
        name="Anouk",
        role="pedagogisch-medewerker",
        fte=Decimal("0.8"),
        locations=[location],
    )
    db.session.add(member)
    return member
