"""Every role against every organisation and planner write, and organisation A against B's data.

A refused write raises before anything is stored: the data and the audit trail stay exactly as they were.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

import pytest
import sqlalchemy as sa

from registry.accounts.models import Role, User
from registry.audit.models import AuditEvent
from registry.catalogue.enums import CourseStatus
from registry.catalogue.models import LegalRequirement
from registry.demo.reference import load_reference_data
from registry.errors import NotFound, PermissionDenied
from registry.extensions import db
from registry.organisations import saved_searches
from registry.organisations import service as organisations
from registry.organisations.models import (
    CareType,
    CertificateRecord,
    Organisation,
    SavedSearch,
    ShortlistItem,
    StaffGroup,
)
from registry.planner import certificates
from registry.planner import service as planner
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


def _organisation(slug: str, name: str) -> Org:
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


@pytest.fixture
def world(app, people):
    """Organisations A and B, and the people of a review for the other roles."""
    load_reference_data()
    db.session.commit()
    return people, _organisation("org-a", "Kinderopvang A"), _organisation("org-b", "Kinderopvang B")


def ehbo_rule_id() -> int:
    return db.session.scalar(
        sa.select(PlannerRule.id).join(PlannerRule.requirement).where(LegalRequirement.code == "kinder-ehbo")
    )


# action -> what it does to organisation ``o`` (or the planner's rules), acting as ``u``
WRITES: dict[str, Callable[[Org, User | None], object]] = {
    "update_details": lambda o, u: organisations.update_organisation(
        u, o.organisation.id, {"city": "Zwolle"}
    ),
    "invite_colleague": lambda o, u: organisations.invite_colleague(
        u, o.organisation.id, {"email": "nieuw@kinderopvang.example"}
    ),
    "set_staff": lambda o, u: organisations.set_staff(
        u, o.organisation.id, {"staff": [{"role_slug": "pedagogisch-medewerker", "headcount": 9}]}
    ),
    "add_to_shortlist": lambda o, u: organisations.add_to_shortlist(u, o.organisation.id, o.public_course_id),
    "remove_from_shortlist": lambda o, u: organisations.remove_from_shortlist(
        u, o.organisation.id, o.shortlisted_course_id
    ),
    "save_search": lambda o, u: saved_searches.save_search(u, o.organisation.id, "Baby", "q=baby"),
    "delete_saved_search": lambda o, u: saved_searches.delete_saved_search(
        u, o.organisation.id, o.saved_search.id
    ),
    "add_certificate": lambda o, u: certificates.add_certificate(
        u, o.organisation.id, {"requirement_code": "babyscholing", "holder": "Z."}
    ),
    "remove_certificate": lambda o, u: certificates.remove_certificate(
        u, o.organisation.id, o.certificate.id
    ),
}
READS: dict[str, Callable[[Org, User | None], object]] = {
    "plan": lambda o, u: planner.plan(u, o.organisation.id, date(2026, 11, 27)),
    "shortlist": lambda o, u: organisations.shortlist(u, o.organisation.id),
    "saved_searches": lambda o, u: saved_searches.saved_searches(u, o.organisation.id),
}
RULE_WRITE = {
    "holders_per_location": 2,
    "source_url": "https://wetten.overheid.nl/BWBR0040419",
    "source_checked_on": "2026-11-20",
}
ROLES = ["anonymous", "member_a", "member_b", "provider_member", "official", "admin"]


def acting(role: str, world) -> User | None:
    people, a, b = world
    return {
        "anonymous": None,
        "member_a": a.member,
        "member_b": b.member,
        "provider_member": people.member,
        "official": people.official,
        "admin": people.admin,
    }[role]


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


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", sorted(WRITES))
def test_only_the_organisations_own_people_write_its_data(world, action, role):
    """``member_b`` is the member of another organisation: every write on A's data is refused."""
    _people, a, _b = world
    before = snapshot(a)
    if role == "member_a":
        WRITES[action](a, acting(role, world))
        assert snapshot(a) != before
        return
    with pytest.raises((PermissionDenied, NotFound)):
        WRITES[action](a, acting(role, world))
    assert snapshot(a) == before


@pytest.mark.parametrize("action", ["remove_certificate", "delete_saved_search"])
def test_a_member_of_a_cannot_write_bs_rows_by_naming_its_own_organisation(world, action):
    """B's certificate or saved search addressed through A's organisation id is refused too."""
    _people, a, b = world
    before = snapshot(b)
    through_a = Org(a.organisation, a.member, b.certificate, b.saved_search, 0, 0)
    with pytest.raises(NotFound):
        WRITES[action](through_a, a.member)
    assert snapshot(b) == before


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("read", sorted(READS))
def test_only_the_organisations_own_people_read_its_plan_and_lists(world, read, role):
    _people, a, _b = world
    if role == "member_a":
        READS[read](a, acting(role, world))
    else:
        with pytest.raises((PermissionDenied, NotFound)):
            READS[read](a, acting(role, world))


@pytest.mark.parametrize("role", ROLES)
def test_only_admins_change_the_planners_rules(world, role):
    _people, a, _b = world
    before = snapshot(a)
    if role == "admin":
        planner.update_rule(acting(role, world), ehbo_rule_id(), RULE_WRITE)
        assert snapshot(a)["rule"] == 2
        return
    with pytest.raises(PermissionDenied):
        planner.update_rule(acting(role, world), ehbo_rule_id(), RULE_WRITE)
    with pytest.raises(PermissionDenied):
        planner.all_rules(acting(role, world))
    assert snapshot(a) == before
