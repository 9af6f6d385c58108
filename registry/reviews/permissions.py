"""Permission predicates for review cases (the workflow table names one per transition), and the
require_* checks every service entry point starts with."""

from __future__ import annotations

from dataclasses import dataclass

from registry.accounts.models import Role, User
from registry.accounts.permissions import (
    is_admin,
    is_independent_official,
    is_official,
    is_provider_member,
    is_signed_in,
)
from registry.errors import NotFound, PermissionDenied
from registry.extensions import db
from registry.reviews.models import PRE_DECISION, Review, ReviewState


def can_view_review(user: User | None, review: Review) -> bool:
    """Providers see the cases about themselves; officials and admins every case once it is submitted."""
    if is_provider_member(user, review.subject_provider_id):
        return True
    return (is_official(user) or is_admin(user)) and review.state is not ReviewState.DRAFT


def can_act_for_subject(user: User | None, review: Review) -> bool:
    """Submit, resubmit, withdraw: a member of the provider the case is about."""
    return is_provider_member(user, review.subject_provider_id)


def can_take(user: User | None, review: Review) -> bool:
    """Any official who is independent of the provider may take a submitted case."""
    return is_independent_official(user, review.subject_provider_id)


def is_assigned_official(user: User | None, review: Review) -> bool:
    """The official who took the case works it: checklist, changes, recommendation."""
    return can_take(user, review) and review.assignee_id == user.id


def can_confirm(user: User | None, review: Review) -> bool:
    """Four eyes: a second independent official, never the one who recommended."""
    return can_take(user, review) and review.recommended_by_id != user.id


def can_manage_mark(user: User | None, review: Review) -> bool:
    """Suspend, reinstate or revoke an awarded mark."""
    return is_independent_official(user, review.subject_provider_id)


def can_comment(user: User | None, review: Review) -> bool:
    """Both sides of a case may write in its thread."""
    return can_act_for_subject(user, review) or can_take(user, review)


def can_comment_now(user: User | None, review: Review) -> bool:
    """Writing in the thread is open until the case is decided."""
    return can_comment(user, review) and review.state in PRE_DECISION


def can_edit_checklist(user: User | None, review: Review) -> bool:
    """The assigned official ticks the criteria while the case is being worked."""
    return review.state is ReviewState.IN_REVIEW and is_assigned_official(user, review)


def can_see_author_name(user: User | None, author: User) -> bool:
    """Providers see that an official wrote, not which one (officials judge without personal pressure)."""
    viewer_is_provider = user is not None and getattr(user, "role", None) is Role.PROVIDER
    return not (viewer_is_provider and author.role is Role.REVIEWER)


def can_see_queue(user: User | None) -> bool:
    """Officials and admins work the queue and see the dashboard."""
    return is_official(user) or is_admin(user)


def can_follow_own_cases(user: User | None) -> bool:
    """Provider accounts follow the cases about their own offer."""
    return is_signed_in(user) and bool(user.providers)


def require_case_viewer(user: User | None, review_id: int, *, system: bool = False) -> Review:
    """The case, if ``user`` may see it; ``system`` lets the scheduled jobs (no user) through.

    :raise NotFound: no such case, or hidden from the user (a stranger learns nothing from the difference).
    """
    review = db.session.get(Review, review_id)
    if review is None or not ((system and user is None) or can_view_review(user, review)):
        raise NotFound("Deze beoordeling bestaat niet of u heeft er geen toegang toe.")
    return review


def require_queue_reader(user: User | None) -> None:
    """:raise PermissionDenied: anonymous users and organisations have no queue."""
    if not (can_see_queue(user) or can_follow_own_cases(user)):
        raise PermissionDenied("Alleen beoordelaars en aanbieders hebben beoordelingen.")


def require_official_view(user: User | None) -> None:
    """:raise PermissionDenied: the page is for officials and admins."""
    if not can_see_queue(user):
        raise PermissionDenied("Alleen voor beoordelaars en beheerders.")


def require_commenter(user: User | None, review_id: int) -> Review:
    """The case, if ``user`` may write in its thread. :raise NotFound / PermissionDenied."""
    review = require_case_viewer(user, review_id)
    if not can_comment(user, review):
        raise PermissionDenied("U kunt in deze zaak niet reageren.")
    return review


@dataclass(frozen=True)
class CaseAbilities:
    """What the case page may offer the viewer, answered here so the template only asks."""

    can_edit_checklist: bool
    can_comment: bool
    author_names_shown: frozenset[int]  # ids of the comments whose author may be named


def case_abilities(user: User | None, review: Review) -> CaseAbilities:
    """The viewer's ``can_*`` flags for a case they may see (after require_case_viewer)."""
    return CaseAbilities(
        can_edit_checklist=can_edit_checklist(user, review),
        can_comment=can_comment_now(user, review),
        author_names_shown=frozenset(
            c.id for c in review.comments if c.author is not None and can_see_author_name(user, c.author)
        ),
    )
