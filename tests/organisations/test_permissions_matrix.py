"""Every role against every organisation and planner write, and organisation A against B's data.

A refused write raises before anything is stored: the data and the audit trail stay exactly as they were.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest

from registry.accounts.models import User
from registry.errors import NotFound, PermissionDenied
from registry.organisations import saved_searches
from registry.organisations import service as organisations
from registry.planner import certificates
from registry.planner import service as planner
from tests.organisations.world import Org, ehbo_rule_id, snapshot

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
