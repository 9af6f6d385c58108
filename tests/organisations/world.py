"""Two organisations with some of everything, and what a write on one could change."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa

from registry.accounts.models import Role, User
from registry.audit.models import AuditEvent
from registry.catalogue.enums import CourseStatus
from registry.catalogue.models import LegalRequirement
from registry.extensions import db
from registry.organisations.models import (
    CareType,
    CertificateRecord,
    Organisation,
    SavedSearch,
    ShortlistItem,
    StaffGroup,
)
from registry.planner.models import PlannerRule
from tests.factories import make_course, make_user


@dataclass
class Org:
    """One organisation with some of everything, and the person who works for it."""

    organisation: Organisation
    member: User
    certificate: CertificateRecord
    saved_search: SavedSearch
    shortlisted_course_id: int
    public_course_id: int


def make_organisation(slug: str, name: str) -> Org:
    course, other = make_course(status=CourseStatus.PUBLISHED), make_course(status=CourseStatus.PUBLISHED)
    organisation = Organisation(
        slug=slug,
        name=name,
        kvk_number="12345678",
        lrk_numbers=["123456789"],
        care_type=CareType.DAYCARE,
        staff=[StaffGroup(role_slug="pedagogisch-medewerker", headcount=4, works_with_babies=True)],
        certificates=[CertificateRecord(requirement_code="babyscholing", holder="A.", valid_until=None)],
    )
    db.session.add(organisation)
    member = make_user(Role.ORGANISATION)
    member.organisation = organisation
    db.session.flush()
    search = SavedSearch(
        organisation_id=organisation.id,
        user_id=member.id,
        name="EHBO",
        query="q=EHBO",
        feed_token=f"token-{slug}",
        last_digest_on=date(2026, 1, 1),
    )
    db.session.add_all(
        [search, ShortlistItem(organisation_id=organisation.id, course_id=course.id, added_by_id=member.id)]
    )
    db.session.commit()
    return Org(organisation, member, organisation.certificates[0], search, course.id, other.id)


def ehbo_rule_id() -> int:
    return db.session.scalar(
        sa.select(PlannerRule.id).join(PlannerRule.requirement).where(LegalRequirement.code == "kinder-ehbo")
    )


def snapshot(o: Org) -> dict[str, object]:
    """Everything a write on ``o`` could change, and the length of the audit trail."""
    db.session.expire_all()
    organisation = db.session.get(Organisation, o.organisation.id)
    return {
        "details": (organisation.city, organisation.name, organisation.lrk_numbers),
        "staff": sorted((g.role_slug, g.works_with_babies, g.headcount) for g in organisation.staff),
        "certificates": sorted((c.id, c.holder) for c in organisation.certificates),
        "shortlist": sorted(
            db.session.scalars(
                sa.select(ShortlistItem.course_id).where(ShortlistItem.organisation_id == organisation.id)
            )
        ),
        "searches": sorted(
            db.session.scalars(
                sa.select(SavedSearch.id).where(SavedSearch.organisation_id == organisation.id)
            )
        ),
        "accounts": db.session.scalar(sa.select(sa.func.count()).select_from(User)),
        "audit": db.session.scalar(sa.select(sa.func.count()).select_from(AuditEvent)),
        "rule": db.session.scalar(
            sa.select(PlannerRule.holders_per_location).where(PlannerRule.id == ehbo_rule_id())
        ),
    }
