"""Who hears about a step in a review, and what the e-mail says (each step names its subjects)."""

from __future__ import annotations

import sqlalchemy as sa

from registry.accounts.models import Role, User, provider_members
from registry.extensions import db
from registry.notifications.service import queue_email
from registry.reviews.models import Review


def provider_contacts(provider_id: int | None) -> list[str]:
    """E-mail addresses of the active provider accounts of a provider."""
    return list(
        db.session.scalars(
            sa.select(User.email)
            .join(provider_members, provider_members.c.user_id == User.id)
            .where(
                provider_members.c.provider_id == provider_id,
                User.role == Role.PROVIDER,
                User.is_active.is_(True),
            )
        )
    )


def _officials() -> list[str]:
    return list(
        db.session.scalars(sa.select(User.email).where(User.role == Role.REVIEWER, User.is_active.is_(True)))
    )


def queue_for_transition(
    review: Review, comment: str, provider_subject: str | None, officials_subject: str | None
) -> None:
    """Queue the e-mails a step causes (subjects from its Transition), in the same transaction as the step."""
    about = f"‘{review.subject_name}’ (zaak {review.id})"
    body = f"{about}: nieuwe status ‘{review.state.label}’."
    if comment:
        body += f"\n\nToelichting:\n{comment}"
    if provider_subject:
        for address in provider_contacts(review.subject_provider_id):
            queue_email(address, provider_subject, body)
    if officials_subject:
        for address in _officials():
            queue_email(address, officials_subject, body)
