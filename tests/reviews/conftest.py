"""The people of a review: a provider and its member, officials (one of them conflicted), and others."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest

from registry.accounts.models import Role, User
from registry.catalogue.enums import CourseStatus
from registry.catalogue.models import Course, Provider
from registry.extensions import db
from registry.reviews.criteria import COURSE_CRITERIA
from registry.reviews.models import (
    MarkStatus,
    QualityMark,
    Recommendation,
    Review,
    ReviewState,
    SubjectType,
)
from tests.factories import make_course, make_provider, make_user


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


@pytest.fixture
def people(app) -> People:
    provider = make_provider(slug="kindwijs", name="Academie Kindwijs")
    other = make_provider(slug="speelplaats", name="Leerhuis De Speelplaats")
    result = People(
        provider=provider,
        other_provider=other,
        member=make_user(Role.PROVIDER, providers=[provider], email="aanbieder@kindwijs.example"),
        other_member=make_user(Role.PROVIDER, providers=[other], email="aanbieder@speelplaats.example"),
        official=make_user(Role.REVIEWER, email="beoordelaar1@branche.example"),
        second_official=make_user(Role.REVIEWER, email="beoordelaar2@branche.example"),
        conflicted_official=make_user(
            Role.REVIEWER, providers=[provider], email="beoordelaar3@branche.example"
        ),
        admin=make_user(Role.ADMIN, email="beheer@branche.example"),
        organisation=make_user(Role.ORGANISATION, email="leiding@kinderopvang.example"),
    )
    db.session.commit()
    return result


def case_in_state(people: People, state: ReviewState) -> Review:
    """A course case put directly into ``state`` with everything that state implies."""
    course: Course = make_course(people.provider, status=CourseStatus.DRAFT, title="Kinder-EHBO basis")
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
