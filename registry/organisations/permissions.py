"""Who may act for a childcare organisation."""

from __future__ import annotations

from flask_babel import gettext as _

from registry.accounts.models import Role, User
from registry.errors import NotFound, PermissionDenied
from registry.extensions import db
from registry.organisations.models import Organisation
from registry.permissions import is_signed_in


def is_organisation_member(user: User | None, organisation_id: int | None) -> bool:
    return (
        is_signed_in(user)
        and user.role is Role.ORGANISATION
        and organisation_id is not None
        and user.organisation_id == organisation_id
    )


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
