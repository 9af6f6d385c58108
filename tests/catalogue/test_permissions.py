"""The catalogue's permission layer: checks come before input, and pages ask instead of deciding."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from registry.audit.models import AuditEvent
from registry.catalogue import drafts, profiles
from registry.catalogue.enums import CourseStatus
from registry.catalogue.permissions import can_shortlist, can_view_own_course
from registry.errors import NotFound, PermissionDenied
from registry.extensions import db
from registry.reviews.models import ReviewState
from tests.conftest import count
from tests.factories import People, case_in_state, make_course

BROKEN = {"title": "", "price": "gratis", "runs": "geen lijst", "province": "Atlantis"}


def own_draft(p: People) -> int:
    course = make_course(p.provider, status=CourseStatus.DRAFT)
    db.session.commit()
    return course.id


# Every write on a provider's offer, given broken input: a stranger must hear "not yours", not "fix field x".
WRITES: dict[str, Callable[[People, object], object]] = {
    "create_course": lambda p, u: drafts.create_course(u, p.provider.id, BROKEN),
    "update_course": lambda p, u: drafts.update_course(u, own_draft(p), BROKEN),
    "add_run": lambda p, u: drafts.add_run(u, own_draft(p), BROKEN),
    "update_profile": lambda p, u: profiles.update_profile(u, p.provider.id, BROKEN),
}


@pytest.mark.parametrize("write", sorted(WRITES))
@pytest.mark.parametrize("who", ["other_member", "official", "organisation", "admin", "anonymous"])
def test_permission_is_checked_before_the_input(people, write, who):
    user = None if who == "anonymous" else getattr(people, who)
    before = count(AuditEvent)
    with pytest.raises((PermissionDenied, NotFound)):
        WRITES[write](people, user)
    assert count(AuditEvent) == before


@pytest.mark.parametrize("write", sorted(WRITES))
def test_a_member_with_broken_input_is_told_which_fields(people, write):
    from registry.errors import ValidationFailed

    with pytest.raises(ValidationFailed) as error:
        WRITES[write](people, people.member)
    assert error.value.fields


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("member", True),
        ("other_member", False),
        ("official", False),
        ("admin", False),
        ("organisation", False),
    ],
)
def test_who_sees_a_draft_that_was_never_submitted(people, who, expected):
    course = make_course(people.provider, status=CourseStatus.DRAFT)
    db.session.commit()
    assert can_view_own_course(getattr(people, who), course) is expected


def test_officials_see_a_course_once_it_is_submitted(people):
    review = case_in_state(people, ReviewState.SUBMITTED)
    assert can_view_own_course(people.official, review.course)
    assert not can_view_own_course(people.other_member, review.course)


@pytest.mark.parametrize(
    ("who", "expected"),
    [("organisation", True), ("member", False), ("official", False), ("admin", False), ("anonymous", False)],
)
def test_only_organisations_keep_a_shortlist(people, who, expected):
    assert can_shortlist(None if who == "anonymous" else getattr(people, who)) is expected
