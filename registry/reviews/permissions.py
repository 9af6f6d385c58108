"""Permission predicates for review cases; the workflow table names one per transition."""

from __future__ import annotations

from registry.accounts.models import Role, User
from registry.permissions import is_admin, is_independent_official, is_official, is_provider_member
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
