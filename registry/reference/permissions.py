"""Who keeps the reference data current: sector officials (reviewers) and admins."""

from __future__ import annotations

from flask_babel import gettext as _

from registry.accounts.models import User
from registry.accounts.permissions import is_admin, is_official
from registry.errors import PermissionDenied


def can_maintain_reference(user: User | None) -> bool:
    """Officials and admins edit schemes, requirements and the taxonomy, and read the audit trail."""
    return is_official(user) or is_admin(user)


def require_reference_maintainer(user: User | None) -> User:
    """:raise PermissionDenied: not an official or admin."""
    if not can_maintain_reference(user):
        raise PermissionDenied(_("Alleen beoordelaars en beheerders beheren de referentiegegevens."))
    return user  # type: ignore[return-value]
