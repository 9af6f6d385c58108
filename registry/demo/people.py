"""Demo accounts and a few review cases in flight, so every workspace has something to show."""

from __future__ import annotations

import secrets
from datetime import timedelta
from decimal import Decimal

import sqlalchemy as sa

from registry.accounts.models import Role, User
from registry.accounts.service import set_password
from registry.catalogue.drafts import course_content
from registry.catalogue.enums import CourseStatus, ProviderStatus, Province
from registry.catalogue.models import Course, Provider
from registry.clock import today, utcnow
from registry.compliance.models import Location, StaffCertificate, StaffMember
from registry.extensions import db
from registry.organisations.models import CareType, Organisation
from registry.reviews.models import Review, ReviewState, SubjectType
from registry.transactions import unit_of_work

DEMO_ACCOUNTS = (
    ("aanbieder@demo.example", Role.PROVIDER, "Demo-aanbieder"),
    ("beoordelaar1@demo.example", Role.REVIEWER, "Eerste beoordelaar"),
    ("beoordelaar2@demo.example", Role.REVIEWER, "Tweede beoordelaar"),
    ("beheer@demo.example", Role.ADMIN, "Beheerder"),
    ("organisatie@demo.example", Role.ORGANISATION, "Demo-kinderopvang"),
)


def load_demo_people(password: str | None = None) -> str:
    """Create the demo accounts (one shared password, random unless given) and open cases; returns it."""
    password = password or secrets.token_urlsafe(12)
    with unit_of_work():
        _add_people_and_cases(password)
    return password


def _add_people_and_cases(password: str) -> None:
    provider = db.session.scalars(
        sa.select(Provider).where(Provider.status == ProviderStatus.ACTIVE).order_by(Provider.id)
    ).first()
    organisation = db.session.scalars(sa.select(Organisation).order_by(Organisation.id)).first()
    _staff_the_demo_organisation(organisation)
    for email, role, name in DEMO_ACCOUNTS:
        user = User(email=email, role=role, name=name, providers=[provider] if role is Role.PROVIDER else [])
        if role is Role.ORGANISATION:
            user.organisation = organisation
            user.organisation_admin = True  # sees the staff records and the compliance verdicts
        set_password(user, password)
        db.session.add(user)
    drafts = db.session.scalars(
        sa.select(Course).where(Course.status == CourseStatus.DRAFT).order_by(Course.id).limit(6)
    ).all()
    now = utcnow()
    for age_days, course in enumerate(drafts):
        db.session.add(
            Review(
                subject_type=SubjectType.COURSE,
                course=course,
                state=ReviewState.SUBMITTED,
                proposal=course_content(course),
                submitted_at=now - timedelta(days=3 * age_days + 1),
            )
        )


def _staff_the_demo_organisation(organisation: Organisation) -> None:
    """A location and a few (fictional) staff with certificates, so the compliance planner has something
    to say from the first visit: one EHBO certificate runs out soon, one baby worker lacks babyscholing."""
    day = today()
    organisation.province = organisation.province or Province.UTRECHT
    location = Location(
        organisation_id=organisation.id,
        name=f"{organisation.name} (hoofdlocatie)",
        lrk_number=(organisation.lrk_numbers or ["123456789"])[0],
        care_type=CareType.DAYCARE,
        city=organisation.city,
        province=organisation.province,
    )
    people = [
        ("D-1", "Anouk", True, StaffCertificate(kind="babyscholing", approved=True, hours=24)),
        ("D-2", "Bram", False, StaffCertificate(kind="kinder-ehbo", valid_until=day + timedelta(days=40))),
        ("D-3", "Chantal", True, StaffCertificate(kind="kinder-ehbo", valid_until=day + timedelta(days=500))),
        ("D-4", "Dewi", False, StaffCertificate(kind="taal-3f")),
    ]
    for number, name, babies, certificate in people:
        member = StaffMember(
            organisation_id=organisation.id,
            employee_number=number,
            name=name,
            role="pedagogisch-medewerker",
            fte=Decimal("0.8"),
            works_with_babies=babies,
            locations=[location],
            certificates=[certificate],
        )
        db.session.add(member)
