"""Who may see and steer the background work: administrators only."""

from __future__ import annotations

from registry.accounts.models import User
from registry.accounts.permissions import is_admin, require_admin


def can_manage_background_work(user: User | None) -> bool:
    return is_admin(user)


def require_background_admin(user: User | None) -> User:
    """:raise PermissionDenied: the user is not an administrator."""
    return require_admin(user, "Alleen beheerders zien de achtergrondtaken en de uitgaande e-mail.")
