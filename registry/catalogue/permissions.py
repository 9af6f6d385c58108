"""Who may do what with a provider's offer: named predicates, and the require_* checks services start with.

Services call a `require_*` before they load any input; views hand templates the `can_*` answers.
"""

from __future__ import annotations

import sqlalchemy as sa

from registry.accounts.models import Role, User
from registry.accounts.permissions import is_admin, is_official, is_provider_member, is_signed_in
from registry.catalogue.enums import CourseStatus
from registry.catalogue.models import Course, Provider
from registry.errors import NotFound, PermissionDenied
from registry.extensions import db
from registry.reviews.models import Review, ReviewState


def is_provider_account(user: User | None) -> bool:
    """A signed-in account of a training provider."""
    return is_signed_in(user) and user.role is Role.PROVIDER


def can_manage_offer(user: User | None, provider_id: int | None) -> bool:
    """Members of a provider keep its courses, runs and profile and send them for review."""
    return is_provider_member(user, provider_id)


def can_view_own_course(user: User | None, course: Course) -> bool:
    """The provider always; officials and admins once the course is public or has been submitted."""
    if can_manage_offer(user, course.provider_id):
        return True
    if not (is_official(user) or is_admin(user)):
        return False
    return course.status is not CourseStatus.DRAFT or db.session.scalar(
        sa.select(sa.exists().where(Review.course_id == course.id, Review.state != ReviewState.DRAFT))
    )


def can_shortlist(user: User | None) -> bool:
    """Organisation accounts keep a shortlist of courses (the button on a course page)."""
    return is_signed_in(user) and user.role is Role.ORGANISATION


def require_provider_account(user: User | None) -> None:
    """:raise PermissionDenied: the user is not a provider account."""
    if not is_provider_account(user):
        raise PermissionDenied("Deze pagina is voor medewerkers van aanbieders.")


def require_offer_manager(user: User | None, provider_id: int | None, refusal: str) -> None:
    """:raise PermissionDenied: with ``refusal``, when the user does not work for this provider."""
    if not can_manage_offer(user, provider_id):
        raise PermissionDenied(refusal)


def require_course_viewer(user: User | None, course_id: int) -> Course:
    """The course, if the user may see it as its provider (or as an official).

    :raise NotFound: no such course, or not the user's (a stranger learns nothing from the difference).
    """
    course = db.session.get(Course, course_id)
    if course is None or not can_view_own_course(user, course):
        raise NotFound("Deze opleiding bestaat niet of hoort niet bij uw organisatie.")
    return course


def require_course_manager(user: User | None, course_id: int, refusal: str) -> Course:
    """The course, if the user works for its provider.

    :raise NotFound: as `require_course_viewer`. :raise PermissionDenied: an official, with ``refusal``.
    """
    course = require_course_viewer(user, course_id)
    require_offer_manager(user, course.provider_id, refusal)
    return course


def require_course_creator(user: User | None, provider_id: int) -> None:
    """:raise PermissionDenied: the user may not add courses to this provider's offer."""
    require_offer_manager(user, provider_id, "U kunt alleen opleidingen aanmaken voor uw eigen organisatie.")


def require_profile_manager(user: User | None, provider_id: int) -> Provider:
    """The provider, if the user works for it.

    :raise NotFound: no such provider. :raise PermissionDenied: not a member.
    """
    provider = db.session.get(Provider, provider_id)
    if provider is None:
        raise NotFound("Deze aanbieder staat niet in het register.")
    require_offer_manager(
        user, provider_id, "Alleen medewerkers van deze aanbieder kunnen het profiel wijzigen."
    )
    return provider
