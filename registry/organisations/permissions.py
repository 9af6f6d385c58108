"""Who may act for a childcare organisation."""

from __future__ import annotations

from registry.accounts.models import User
from registry.accounts.permissions import is_organisation_user
from registry.errors import NotFound, PermissionDenied
from registry.extensions import db
from registry.organisations.models import Organisation


def is_organisation_member(user: User | None, organisation_id: int | None) -> bool:
    """Someone who works for the organisation ``organisation_id``."""
    return (
        is_organisation_user(user) and organisation_id is not None and user.organisation_id == organisation_id
    )


def can_keep_shortlist(user: User | None) -> bool:
    """Whether pages offer to save courses and follow searches (only organisations have a shortlist)."""
    return is_organisation_user(user) and user.organisation_id is not None


def require_organisation_member(user: User | None, organisation_id: int) -> Organisation:
    """The organisation, if the user works for it.

    :raise NotFound: no such organisation. :raise PermissionDenied: not a member.
    """
    organisation = db.session.get(Organisation, organisation_id)
    if organisation is None:
        raise NotFound("Deze organisatie bestaat niet.")
    if not is_organisation_member(user, organisation_id):
        raise PermissionDenied("Alleen medewerkers van deze organisatie kunnen dit zien of wijzigen.")
    return organisation
