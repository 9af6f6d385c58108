"""Every role against every organisation write, and organisation A against B's data.

A refused write raises before anything is stored: the data and the audit trail stay exactly as they were.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from registry.accounts.models import User
from registry.errors import NotFound, PermissionDenied
from registry.organisations import colleagues, saved_searches
from registry.organisations import service as organisations
from tests.organisations.world import Org, snapshot

# action -> what it does to organisation ``o``, acting as ``u``
WRITES: dict[str, Callable[[Org, User | None], object]] = {
    "update_details": lambda o, u: organisations.update_organisation(
        u, o.organisation.id, {"city": "Zwolle"}
    ),
    "invite_colleague": lambda o, u: organisations.invite_colleague(
        u, o.organisation.id, {"email": "nieuw@kinderopvang.example"}
    ),
    "add_to_shortlist": lambda o, u: organisations.add_to_shortlist(u, o.organisation.id, o.public_course_id),
    "remove_from_shortlist": lambda o, u: organisations.remove_from_shortlist(
        u, o.organisation.id, o.shortlisted_course_id
    ),
    "save_search": lambda o, u: saved_searches.save_search(u, o.organisation.id, "Baby", "q=baby"),
    "delete_saved_search": lambda o, u: saved_searches.delete_saved_search(
        u, o.organisation.id, o.saved_search.id
    ),
}
READS: dict[str, Callable[[Org, User | None], object]] = {
    "overview": lambda o, u: organisations.organisation_for_member(u, o.organisation.id),
    "shortlist": lambda o, u: organisations.shortlist(u, o.organisation.id),
    "saved_searches": lambda o, u: saved_searches.saved_searches(u, o.organisation.id),
    "colleagues": lambda o, u: colleagues.colleagues(u, o.organisation.id),
    "sole_administrator": lambda o, u: colleagues.sole_administrator(u, o.organisation.id),
}
# Only the organisation's administrators change a colleague's role.
ROLE_CHANGES: dict[str, Callable[[Org, User | None], object]] = {
    "make_administrator": lambda o, u: colleagues.set_colleague_admin(
        u, o.organisation.id, o.member.id, True
    ),
    "make_member": lambda o, u: colleagues.set_colleague_admin(u, o.organisation.id, o.co_admin.id, False),
}
ROLES = ["anonymous", "member_a", "admin_a", "member_b", "admin_b", "provider_member", "official", "admin"]
MEMBERS_OF_A = ("member_a", "admin_a")


def acting(role: str, world) -> User | None:
    people, a, b = world
    return {
        "anonymous": None,
        "member_a": a.member,
        "member_b": b.member,
        "admin_a": a.admin,
        "admin_b": b.admin,
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
    if role in MEMBERS_OF_A:
        WRITES[action](a, acting(role, world))
        assert snapshot(a) != before
        return
    with pytest.raises((PermissionDenied, NotFound)):
        WRITES[action](a, acting(role, world))
    assert snapshot(a) == before


@pytest.mark.parametrize("action", ["delete_saved_search"])
def test_a_member_of_a_cannot_write_bs_rows_by_naming_its_own_organisation(world, action):
    """B's saved search addressed through A's organisation id is refused too."""
    _people, a, b = world
    before = snapshot(b)
    through_a = Org(a.organisation, a.member, b.saved_search, 0, 0, b.admin, b.co_admin)
    with pytest.raises(NotFound):
        WRITES[action](through_a, a.member)
    assert snapshot(b) == before


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("read", sorted(READS))
def test_only_the_organisations_own_people_read_its_details_and_lists(world, read, role):
    _people, a, _b = world
    if role in MEMBERS_OF_A:
        READS[read](a, acting(role, world))
    else:
        with pytest.raises((PermissionDenied, NotFound)):
            READS[read](a, acting(role, world))


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", sorted(ROLE_CHANGES))
def test_only_the_organisations_administrators_change_a_colleagues_role(world, action, role):
    """An ordinary member of A sees the roles but is refused, as is an administrator of B."""
    _people, a, _b = world
    before = snapshot(a)
    if role == "admin_a":
        _colleague, changed = ROLE_CHANGES[action](a, acting(role, world))
        assert changed and snapshot(a) != before
        return
    with pytest.raises((PermissionDenied, NotFound)):
        ROLE_CHANGES[action](a, acting(role, world))
    assert snapshot(a) == before


@pytest.mark.parametrize("action", sorted(ROLE_CHANGES))
def test_an_administrator_of_a_cannot_change_bs_people_by_naming_its_own_organisation(world, action):
    """B's member and administrator addressed through A's organisation id are not found; B is unchanged."""
    _people, a, b = world
    before = snapshot(b)
    through_a = Org(a.organisation, b.member, a.saved_search, 0, 0, b.admin, b.co_admin)
    with pytest.raises(NotFound):
        ROLE_CHANGES[action](through_a, a.admin)
    assert snapshot(b) == before
