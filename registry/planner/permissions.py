"""Who may see an organisation's plan and record its certificates, and who keeps the planner's rules."""

from __future__ import annotations

from registry.accounts.models import User
from registry.accounts.permissions import is_admin, require_admin
from registry.organisations.models import Organisation
from registry.organisations.permissions import can_keep_shortlist, require_organisation_member


def can_plan(user: User | None) -> bool:
    """Whether the user has an organisation whose plan and certificates they keep."""
    return can_keep_shortlist(user)


def can_manage_rules(user: User | None) -> bool:
    return is_admin(user)


def require_planner_of(user: User | None, organisation_id: int) -> Organisation:
    """The organisation, if the user works for it: only its own people see its plan and certificates.

    :raise NotFound: no such organisation. :raise PermissionDenied: not a member.
    """
    return require_organisation_member(user, organisation_id)


def require_rule_keeper(user: User | None) -> User:
    """:raise PermissionDenied: not an admin."""
    return require_admin(user, "Alleen beheerders beheren de regels van de planner.")
