"""Who may do what: small named predicates shared by services, views and templates."""

from __future__ import annotations

from registry.accounts.models import Role, User


def is_signed_in(user: User | None) -> bool:
    return user is not None and getattr(user, "is_authenticated", False) and user.is_active


def is_official(user: User | None) -> bool:
    """A sector official (reviewer)."""
    return is_signed_in(user) and user.role is Role.REVIEWER


def is_admin(user: User | None) -> bool:
    return is_signed_in(user) and user.role is Role.ADMIN


def is_provider_member(user: User | None, provider_id: int | None) -> bool:
    """A provider user acting for ``provider_id``."""
    return is_signed_in(user) and user.role is Role.PROVIDER and user.belongs_to_provider(provider_id)


def is_independent_official(user: User | None, provider_id: int | None) -> bool:
    """An official who does not belong to the provider the case is about."""
    return is_official(user) and not user.belongs_to_provider(provider_id)
