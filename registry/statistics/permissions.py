"""Who sees what of the statistics: the figures are public, the gap panel is for officials."""

from __future__ import annotations

from registry.accounts.models import User
from registry.accounts.permissions import is_admin, is_official


def can_see_coverage_gaps(user: User | None) -> bool:
    """Officials and admins see the open gaps with the day each opened."""
    return is_official(user) or is_admin(user)
