"""Permission predicates for review cases; the workflow table names one per transition."""

from __future__ import annotations

from registry.accounts.models import User
from registry.accounts.permissions import is_admin, is_independent_official, is_official, is_provider_member
from registry.reviews.models import Review, ReviewState


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


def can_see_queue(user: User | None) -> bool:
    return is_official(user) or is_admin(user)
