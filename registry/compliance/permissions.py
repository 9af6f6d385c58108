"""Who may see and change an organisation's locations and staff records.

Staff records are personal data: only people working for the organisation itself see them. Every
entry point in the compliance service starts with one of these checks.
"""

from __future__ import annotations

from flask_babel import gettext as _

from registry.accounts.models import User
from registry.errors import PermissionDenied
from registry.organisations.models import Organisation
from registry.organisations.permissions import is_organisation_admin, require_organisation_member


def can_manage_staff(user: User | None, organisation_id: int | None) -> bool:
    """The organisation's administrators, not every member, see and keep its staff records."""
    return is_organisation_admin(user, organisation_id)


def require_staff_access(user: User | None, organisation_id: int) -> Organisation:
    """The organisation, if ``user`` may see and change its staff records.

    :raise NotFound: no such organisation. :raise PermissionDenied: not one of its people.
    """
    organisation = require_organisation_member(user, organisation_id)
    if not can_manage_staff(user, organisation_id):
        raise PermissionDenied(_("Alleen beheerders van uw organisatie zien en wijzigen personeelsgegevens."))
    return organisation
