"""Two organisations with some of everything, and what a write on one could change."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa

from registry.accounts.models import Role, User
from registry.audit.models import AuditEvent
from registry.catalogue.enums import CourseStatus
from registry.extensions import db
from registry.organisations.models import CareType, Organisation, SavedSearch, ShortlistItem
from tests.factories import make_course, make_user


@dataclass
class Org:
    """One organisation with some of everything, an ordinary member and two administrators."""

    organisation: Organisation
    member: User
    saved_search: SavedSearch
    shortlisted_course_id: int
    public_course_id: int
    admin: User | None = None
    co_admin: User | None = None


def make_organisation(slug: str, name: str) -> Org:
    course, other = make_course(status=CourseStatus.PUBLISHED), make_course(status=CourseStatus.PUBLISHED)
    organisation = Organisation(
        slug=slug,
        name=name,
        kvk_number="12345678",
        lrk_numbers=["123456789"],
        care_type=CareType.DAYCARE,
    )
    db.session.add(organisation)
    member = make_user(Role.ORGANISATION)
    member.organisation = organisation
    admin, co_admin = make_user(Role.ORGANISATION), make_user(Role.ORGANISATION)
    for administrator in (admin, co_admin):
        administrator.organisation, administrator.organisation_admin = organisation, True
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
    return Org(organisation, member, search, course.id, other.id, admin, co_admin)


def snapshot(o: Org) -> dict[str, object]:
    """Everything a write on ``o`` could change, and the length of the audit trail."""
    db.session.expire_all()
    organisation = db.session.get(Organisation, o.organisation.id)
    return {
        "details": (organisation.city, organisation.name, organisation.lrk_numbers),
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
        "administrators": sorted(
            db.session.scalars(
                sa.select(User.id).where(
                    User.organisation_id == organisation.id, User.organisation_admin.is_(True)
                )
            )
        ),
        "audit": db.session.scalar(sa.select(sa.func.count()).select_from(AuditEvent)),
    }
