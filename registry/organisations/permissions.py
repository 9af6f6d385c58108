"""Who may act for a childcare organisation."""

from __future__ import annotations

from flask_babel import gettext as _

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


def is_organisation_admin(user: User | None, organisation_id: int | None) -> bool:
    """One of the organisation's administrators: they keep its staff records and its colleagues' roles."""
    return is_organisation_member(user, organisation_id) and user.organisation_admin


def can_keep_shortlist(user: User | None) -> bool:
    """Whether pages offer to save courses and follow searches (only organisations have a shortlist)."""
    return is_organisation_user(user) and user.organisation_id is not None


def own_organisation_id(user: User | None) -> int:
    """The organisation the signed-in user works for.

    :raise PermissionDenied: not signed in, or not working for a childcare organisation.
    """
    if user is None or not user.is_authenticated or user.organisation_id is None:
        raise PermissionDenied(_("Deze pagina is voor medewerkers van kinderopvangorganisaties."))
    return user.organisation_id


def require_organisation_member(user: User | None, organisation_id: int) -> Organisation:
    """The organisation, if the user works for it.

    :raise NotFound: no such organisation. :raise PermissionDenied: not a member.
    """
    organisation = db.session.get(Organisation, organisation_id)
    if organisation is None:
        raise NotFound(_("Deze organisatie bestaat niet."))
    if not is_organisation_member(user, organisation_id):
        raise PermissionDenied(_("Alleen medewerkers van deze organisatie kunnen dit zien of wijzigen."))
    return organisation


def require_organisation_admin(user: User | None, organisation_id: int) -> Organisation:
    """The organisation, if the user is one of its administrators.

    :raise NotFound: no such organisation. :raise PermissionDenied: not one of its administrators.
    """
    organisation = require_organisation_member(user, organisation_id)
    if not is_organisation_admin(user, organisation_id):
        raise PermissionDenied(
            _("Alleen beheerders van uw organisatie kunnen de rol van collega's wijzigen.")
        )
    return organisation
