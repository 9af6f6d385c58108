"""Every role against every compliance read and write on organisation A: only A's administrators pass.

A refused write raises before anything is stored: staff data and the audit trail stay as they were.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
import sqlalchemy as sa

from registry.accounts.models import Role, User
from registry.audit.models import AuditEvent
from registry.compliance import planning, service
from registry.compliance.models import Location, PlannedCourse, StaffCertificate, StaffMember
from registry.errors import NotFound, PermissionDenied
from registry.extensions import db
from tests.factories import make_user

CSV = b"personeelsnummer;naam;functie;fte;locaties\n9;Z. Nieuw;pedagogisch-medewerker;0,5;111111111\n"

ACTIONS: dict[str, Callable[[int, int, User | None], object]] = {
    "locations": lambda org, staff, u: service.locations(u, org),
    "add_location": lambda org, staff, u: service.add_location(
        u, org, {"name": "N", "lrk_number": "444444444", "care_type": "bso"}
    ),
    "staff": lambda org, staff, u: service.staff(u, org),
    "staff_member": lambda org, staff, u: service.staff_member(u, org, staff),
    "add_certificate": lambda org, staff, u: service.add_certificate(u, org, staff, {"kind": "vve"}),
    "plan_course": lambda org, staff, u: service.plan_course(
        u, org, staff, {"requirement_code": "vve-certificaat", "title": "VVE basis"}
    ),
    "preview_import": lambda org, staff, u: service.preview_import(u, org, "p.csv", CSV),
    "apply_import": lambda org, staff, u: service.apply_import(u, org, "p.csv", CSV),
    "export_person": lambda org, staff, u: service.export_person(u, org, staff),
    "delete_person": lambda org, staff, u: service.delete_person(u, org, staff),
    "planner": lambda org, staff, u: planning.plan(u, org, date(2026, 6, 1), with_options=False),
    "training_plan": lambda org, staff, u: planning.training_plan(u, org, 2026),
}
ROLES = ["anonymous", "admin_a", "member_a", "admin_b", "provider_member", "official", "site_admin"]


@pytest.fixture
def world(orgs, people):
    service.add_location(
        orgs.a_member, orgs.a.id, {"name": "De Boomhut", "lrk_number": "111111111", "care_type": "dagopvang"}
    )
    service.apply_import(
        orgs.a_member,
        orgs.a.id,
        "p.csv",
        b"personeelsnummer;naam;functie;fte;locaties\n1;A.;groepshulp;1;111111111\n",
    )
    member_a = make_user(Role.ORGANISATION, email="groep@zonnetje.example")
    member_a.organisation_id = orgs.a.id
    db.session.commit()
    users = {
        "anonymous": None,
        "admin_a": orgs.a_member,
        "member_a": member_a,
        "admin_b": orgs.b_member,
        "provider_member": people.member,
        "official": people.official,
        "site_admin": people.admin,
    }
    return orgs.a.id, db.session.scalar(sa.select(StaffMember.id)), users


def snapshot() -> tuple[int, ...]:
    return tuple(
        db.session.scalar(sa.select(sa.func.count()).select_from(model))
        for model in (Location, StaffMember, StaffCertificate, PlannedCourse, AuditEvent)
    )


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", sorted(ACTIONS))
def test_only_the_organisations_administrators_reach_its_staff_data(world, action, role):
    organisation_id, staff_id, users = world
    before = snapshot()
    if role == "admin_a":
        ACTIONS[action](organisation_id, staff_id, users[role])
        return
    with pytest.raises((PermissionDenied, NotFound)):
        ACTIONS[action](organisation_id, staff_id, users[role])
    db.session.rollback()
    assert snapshot() == before
