"""Who may do what: small named predicates about the acting account, shared by every feature.

Features build their own predicates from these (``organisations/permissions.py``,
``compliance/permissions.py``, ``reviews/permissions.py``); each service entry point starts with a
``require_*`` call built from them, and templates get the same predicates' answers as ``can_*`` values.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from flask_babel import gettext as _

from registry.accounts.models import Role, User
from registry.errors import PermissionDenied

F = TypeVar("F", bound=Callable[..., Any])


def is_signed_in(user: User | None) -> bool:
    return user is not None and getattr(user, "is_authenticated", False) and user.is_active


def is_official(user: User | None) -> bool:
    """A sector official (reviewer)."""
    return is_signed_in(user) and user.role is Role.REVIEWER


def is_admin(user: User | None) -> bool:
    return is_signed_in(user) and user.role is Role.ADMIN


def is_provider_user(user: User | None) -> bool:
    """Someone who works for a training provider (for which one: ``is_provider_member``)."""
    return is_signed_in(user) and user.role is Role.PROVIDER


def is_organisation_user(user: User | None) -> bool:
    """Someone who works for a childcare organisation."""
    return is_signed_in(user) and user.role is Role.ORGANISATION


def is_provider_member(user: User | None, provider_id: int | None) -> bool:
    """A provider user acting for ``provider_id``."""
    return is_provider_user(user) and user.belongs_to_provider(provider_id)


def is_independent_official(user: User | None, provider_id: int | None) -> bool:
    """An official who does not belong to the provider the case is about."""
    return is_official(user) and not user.belongs_to_provider(provider_id)


def require_admin(user: User | None, message: str | None = None) -> User:
    """:raise PermissionDenied: not an admin (with ``message``, or a general one)."""
    if not is_admin(user):
        raise PermissionDenied(message or _("Alleen beheerders kunnen dit doen."))
    return user


def require_signed_in(user: User | None, message: str | None = None) -> User:
    """:raise PermissionDenied: nobody (active) is signed in."""
    if not is_signed_in(user):
        raise PermissionDenied(message or _("Log eerst in."))
    return user


# Every service entry point that acts for a user starts with a ``require_*`` call
# (tests/test_permission_guard.py checks this). The two markers below name the deliberate
# exceptions, so a forgotten check cannot hide.


def public(function: F) -> F:
    """Mark a service entry point that anyone may call (signing up, a public feed)."""
    function.is_public = True  # type: ignore[attr-defined]
    return function


def checked_by_caller(function: F) -> F:
    """Mark a building block that other services call after their own permission check."""
    function.checked_by_caller = True  # type: ignore[attr-defined]
    return function
