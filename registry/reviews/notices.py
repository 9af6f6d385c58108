"""Who hears about a step in a review, and what the e-mail says."""

from __future__ import annotations

import sqlalchemy as sa

from registry.accounts.models import Role, User, provider_members
from registry.extensions import db
from registry.notifications.service import queue_email
from registry.reviews.models import Review

_PROVIDER_SUBJECTS = {
    "take": "Uw aanvraag is in behandeling genomen",
    "request_changes": "De beoordelaar vraagt om wijzigingen",
    "confirm": "Besluit over uw aanvraag",
    "suspend": "Uw keurmerk of accreditatie is geschorst",
    "reinstate": "De schorsing van uw keurmerk of accreditatie is opgeheven",
    "revoke": "Uw keurmerk of accreditatie is ingetrokken",
    "expire": "Uw keurmerk of accreditatie is verlopen",
}
_OFFICIAL_SUBJECTS = {
    "submit": "Nieuwe aanvraag in de wachtrij",
    "resubmit": "Aangepaste aanvraag in de wachtrij",
    "recommend_approve": "Voorstel tot goedkeuring wacht op bevestiging",
    "recommend_reject": "Voorstel tot afwijzing wacht op bevestiging",
    "withdraw": "Aanvraag teruggetrokken",
}


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


def queue_for_transition(action: str, review: Review, comment: str) -> None:
    """Queue the e-mails a step causes, in the same transaction as the step."""
    about = f"‘{review.subject_name}’ (zaak {review.id})"
    body = f"{about}: nieuwe status ‘{review.state.label}’."
    if comment:
        body += f"\n\nToelichting:\n{comment}"
    if action in _PROVIDER_SUBJECTS:
        for address in provider_contacts(review.subject_provider_id):
            queue_email(address, _PROVIDER_SUBJECTS[action], body)
    if action in _OFFICIAL_SUBJECTS:
        for address in _officials():
            queue_email(address, _OFFICIAL_SUBJECTS[action], body)
