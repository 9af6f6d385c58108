"""Accounts: passwords, sign-in with limits, sessions that really end, API tokens, resets and invitations.

Accounts depend on no feature: a provider or organisation inviting a colleague calls ``invite_account``
from its own package, after its own permission check.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from argon2 import PasswordHasher, profiles
from argon2.exceptions import InvalidHashError, VerificationError
from flask import current_app
from flask_babel import gettext as _

from registry.accounts.models import ApiToken, LoginAttempt, PasswordResetToken, Role, User
from registry.accounts.permissions import checked_by_caller, require_admin, require_signed_in
from registry.audit.service import record
from registry.clock import utcnow
from registry.errors import DomainError, InvalidTransition, NotFound, ValidationFailed
from registry.extensions import db
from registry.notifications.service import queue_email
from registry.transactions import unit_of_work

if TYPE_CHECKING:
    from registry.catalogue.models import Provider
    from registry.organisations.models import Organisation

MIN_PASSWORD_LENGTH = 10
FAILURE_WINDOW = timedelta(minutes=15)
MAX_FAILURES_PER_ACCOUNT = 5
MAX_FAILURES_PER_ADDRESS = 20
RESET_LINK_LIFETIME = timedelta(hours=2)
INVITATION_LIFETIME = timedelta(days=7)
TOKEN_PREFIX = "srk_"


def _hasher() -> PasswordHasher:
    """argon2id with the configured profile (tests use argon2's own CHEAPEST profile for speed)."""
    profile = getattr(profiles, current_app.config.get("PASSWORD_HASH_PROFILE", "RFC_9106_LOW_MEMORY"))
    return PasswordHasher.from_parameters(profile)


class TooManyAttempts(DomainError):
    status = 429
    title = "Te veel pogingen"
    title_en = "Too many attempts"


class LoginFailed(DomainError):
    status = 401
    title = "Inloggen mislukt"
    title_en = "Sign-in failed"


def digest(secret: str) -> str:
    """Tokens are long and random, so a fast hash is enough; passwords use argon2."""
    return hashlib.sha256(secret.encode()).hexdigest()


def _check_password_rules(password: str) -> None:
    if len(password or "") < MIN_PASSWORD_LENGTH:
        raise ValidationFailed(
            _("Kies een wachtwoord van minstens %(n)s tekens.", n=MIN_PASSWORD_LENGTH),
            fields={"password": [_("minstens %(n)s tekens", n=MIN_PASSWORD_LENGTH)]},
        )


@checked_by_caller
def set_password(user: User, password: str) -> None:
    """Hash and store a new password, ending every existing session of the user."""
    _check_password_rules(password)
    user.password_hash = _hasher().hash(password)
    user.session_version = (user.session_version or 0) + 1


# -- users -----------------------------------------------------------------------------------------


def create_user(
    actor: User | None,
    email: str,
    role: Role,
    *,
    password: str | None = None,
    name: str = "",
    provider_slug: str | None = None,
    organisation_slug: str | None = None,
) -> User:
    """An admin creates an account (e.g. a reviewer); without a password an invitation link is mailed.

    :raise PermissionDenied: the actor is not an admin.
    :raise ValidationFailed: bad e-mail, duplicate, weak password or unknown provider/organisation.
    """
    require_admin(actor, _("Alleen beheerders maken accounts aan."))
    return _create_user(actor, email, role, password, name, provider_slug, organisation_slug)


def create_user_by_operator(
    email: str,
    role: Role,
    *,
    password: str,
    name: str = "",
    provider_slug: str | None = None,
    organisation_slug: str | None = None,
) -> User:
    """The operator at the server's command line creates an account (the first admin, say)."""
    return _create_user(None, email, role, password, name, provider_slug, organisation_slug)


def _create_user(
    actor: User | None,
    email: str,
    role: Role,
    password: str | None,
    name: str,
    provider_slug: str | None,
    organisation_slug: str | None,
) -> User:
    email = _normalise_email(email)
    with unit_of_work():
        if db.session.scalar(sa.select(User.id).where(User.email == email)):
            raise ValidationFailed(
                _("Er bestaat al een account met dit e-mailadres."), fields={"email": ["bestaat al"]}
            )
        user = User(email=email, name=name, role=role)
        if password is not None:
            set_password(user, password)
        if provider_slug:
            provider = _linked_by_slug(User.providers, provider_slug, "provider", _("Onbekende aanbieder."))
            user.providers.append(provider)
        if organisation_slug:
            user.organisation = _linked_by_slug(
                User.organisation, organisation_slug, "organisation", _("Onbekende organisatie.")
            )
        db.session.add(user)
        db.session.flush()
        record(
            "user.created",
            "user",
            user.id,
            actor_id=actor.id if actor else None,
            after={"email": email, "role": role.value},
        )
        if password is None:
            _queue_set_password_link(user, INVITATION_LIFETIME, invitation=True)
    return user


def _linked_by_slug(relationship: Any, slug: str, field: str, unknown: str) -> Any:
    """The provider or organisation a new account links to, found through the user's relationship.

    Asking the relationship for its class keeps accounts free of imports from the features it links to.
    """
    linked = relationship.property.mapper.class_
    found = db.session.scalar(sa.select(linked).where(linked.slug == slug))
    if found is None:
        raise ValidationFailed(unknown, fields={field: [slug]})
    return found


@checked_by_caller
def invite_account(
    actor: User,
    email: str,
    role: Role,
    name: str = "",
    *,
    provider: Provider | None = None,
    organisation: Organisation | None = None,
) -> User:
    """Invite a new colleague to a provider or organisation; not committed.

    A building block, not an entry point: the feature that calls it checks membership and commits.
    """
    email = _normalise_email(email)
    if db.session.scalar(sa.select(User.id).where(User.email == email)):
        # Never attach someone else's account without their consent; the register's admins can link it.
        raise ValidationFailed(
            _(
                "Voor dit e-mailadres bestaat al een account. "
                "Vraag de beheerder van het register om het te koppelen."
            ),
            fields={"email": ["bestaat al"]},
        )
    user = User(
        email=email, name=name, role=role, providers=[provider] if provider else [], organisation=organisation
    )
    db.session.add(user)
    db.session.flush()
    record(
        "user.invited",
        "user",
        user.id,
        actor_id=actor.id,
        after={
            "provider_id": provider.id if provider else None,
            "organisation_id": organisation.id if organisation else None,
        },
    )
    _queue_set_password_link(user, INVITATION_LIFETIME, invitation=True)
    return user


def set_active(actor: User | None, user_id: int, active: bool) -> User:
    """An admin blocks or unblocks an account; blocking ends its sessions and tokens at once."""
    require_admin(actor, _("Alleen beheerders kunnen accounts blokkeren."))
    user = db.session.get(User, user_id)
    if user is None:
        raise NotFound(_("Onbekend account."))
    if not active and _is_last_active_admin(user):
        raise InvalidTransition(
            _("Dit is de laatste actieve beheerder; nodig eerst een andere beheerder uit en blokkeer dan.")
        )
    with unit_of_work():
        user.is_active = active
        user.session_version += 1
        record("user.activated" if active else "user.blocked", "user", user.id, actor_id=actor.id)
    return user


def _is_last_active_admin(user: User) -> bool:
    """Blocking this account would leave the registry without anyone who can manage accounts."""
    if user.role is not Role.ADMIN or not user.is_active:
        return False
    others = sa.select(sa.func.count(User.id)).where(
        User.role == Role.ADMIN, User.is_active.is_(True), User.id != user.id
    )
    return not db.session.scalar(others)


def _normalise_email(email: str) -> str:
    email = (email or "").strip().lower()
    if "@" not in email or len(email) > 254 or " " in email:
        raise ValidationFailed(_("Vul een geldig e-mailadres in."), fields={"email": ["ongeldig"]})
    return email


# -- signing in ----------------------------------------------------------------------------------


def authenticate(email: str, password: str, address: str) -> User:
    """Check a password, with limits per account and per address that hold across all workers.

    :raise TooManyAttempts: too many failures recently; nothing is checked.
    :raise LoginFailed: wrong e-mail or password (the same message for both).
    """
    email = (email or "").strip().lower()
    since = utcnow() - FAILURE_WINDOW
    failures = sa.select(sa.func.count()).select_from(LoginAttempt).where(LoginAttempt.attempted_at >= since)
    if (
        db.session.scalar(failures.where(LoginAttempt.email == email)) >= MAX_FAILURES_PER_ACCOUNT
        or db.session.scalar(failures.where(LoginAttempt.address == address)) >= MAX_FAILURES_PER_ADDRESS
    ):
        raise TooManyAttempts("Te veel mislukte pogingen. Probeer het over een kwartier opnieuw.")
    user = db.session.scalar(sa.select(User).where(User.email == email))
    password_ok = _password_matches(user, password)  # always pay for one argon2 check
    if user is None or not user.is_active or not password_ok:
        with unit_of_work():
            db.session.add(LoginAttempt(email=email, address=address))
        raise LoginFailed(_("Het e-mailadres of wachtwoord klopt niet."))
    with unit_of_work():
        if _hasher().check_needs_rehash(user.password_hash):
            user.password_hash = _hasher().hash(password)
        user.last_login_at = utcnow()
        db.session.execute(sa.delete(LoginAttempt).where(LoginAttempt.email == email))
        record("user.login", "user", user.id, actor_id=user.id, after={"address": address})
    return user


def _password_matches(user: User | None, password: str) -> bool:
    """Check a password. Unknown accounts cost one argon2 hash too, so timing does not reveal them."""
    if user is None or not user.password_hash:
        _hasher().hash(password or "")
        return False
    try:
        return _hasher().verify(user.password_hash, password or "")
    except (VerificationError, InvalidHashError):
        return False


def user_for_session(session_id: str) -> User | None:
    """Flask-Login's loader: "id:session_version"; an old version means the session was ended."""
    user_id, _colon, version = session_id.partition(":")
    if not user_id.isdigit() or not version.isdigit():
        return None
    user = db.session.get(User, int(user_id))
    if user is None or not user.is_active or user.session_version != int(version):
        return None
    return user


def end_all_sessions(user: User) -> None:
    """Logout everywhere: every session cookie of this user stops working."""
    require_signed_in(user)
    with unit_of_work():
        user.session_version += 1
        record("user.logout", "user", user.id, actor_id=user.id)


def change_password(user: User, current: str, new: str) -> None:
    """Change one's own password; other sessions end."""
    require_signed_in(user)
    if not _password_matches(user, current):
        raise ValidationFailed(
            _("Uw huidige wachtwoord klopt niet."), fields={"current_password": ["onjuist"]}
        )
    with unit_of_work():
        set_password(user, new)
        record("user.password_changed", "user", user.id, actor_id=user.id)


# -- password reset and invitations -------------------------------------------------------------


def request_password_reset(email: str) -> None:
    """Queue a reset link if the account exists; the caller says the same thing either way."""
    user = db.session.scalar(sa.select(User).where(User.email == (email or "").strip().lower()))
    if user is not None and user.is_active:
        with unit_of_work():
            _queue_set_password_link(user, RESET_LINK_LIFETIME, invitation=False)
            record("user.reset_requested", "user", user.id)


def _queue_set_password_link(user: User, lifetime: timedelta, *, invitation: bool) -> None:
    secret = secrets.token_urlsafe(32)
    db.session.add(PasswordResetToken(user_id=user.id, digest=digest(secret), expires_at=utcnow() + lifetime))
    base = current_app.config.get("PUBLIC_BASE_URL", "http://127.0.0.1:5000").rstrip("/")
    link = f"{base}/wachtwoord/nieuw/{secret}"
    if invitation:
        subject = "Uitnodiging voor het Scholingsregister Kinderopvang"
        body = (
            f"U bent uitgenodigd voor het Scholingsregister Kinderopvang. Kies uw wachtwoord via:\n{link}\n"
            f"De link werkt één keer en verloopt over {lifetime.days} dagen."
        )
    else:
        subject = "Nieuw wachtwoord instellen"
        body = (
            f"Via deze link kiest u een nieuw wachtwoord:\n{link}\n"
            "De link werkt één keer en verloopt over twee uur. "
            "Niet aangevraagd? Dan kunt u dit bericht negeren."
        )
    queue_email(user.email, subject, body)


def reset_password(secret: str, new_password: str) -> User:
    """Use a one-time link to set a password.

    :raise ValidationFailed: the link is unknown, used or expired, or the password is too weak.
    """
    token = db.session.scalar(
        sa.select(PasswordResetToken).where(PasswordResetToken.digest == digest(secret))
    )
    if token is None or token.used_at is not None or token.expires_at < utcnow():
        raise ValidationFailed(
            _("Deze link is ongeldig, al gebruikt of verlopen. Vraag een nieuwe aan."),
            fields={"token": ["ongeldig"]},
        )
    with unit_of_work():
        set_password(token.user, new_password)
        token.used_at = utcnow()
        record("user.password_reset", "user", token.user_id, actor_id=token.user_id)
    return token.user


# -- API tokens ----------------------------------------------------------------------------------


def create_api_token(user: User, name: str) -> tuple[ApiToken, str]:
    """A new personal token; the secret is returned once and only its digest is stored."""
    require_signed_in(user)
    name = (name or "").strip()[:100] or "API-token"
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(user_id=user.id, name=name, prefix=secret[:10], digest=digest(secret))
    with unit_of_work():
        db.session.add(token)
        db.session.flush()
        record(
            "api_token.created", "user", user.id, actor_id=user.id, after={"token_id": token.id, "name": name}
        )
    return token, secret


def revoke_api_token(user: User, token_id: int) -> None:
    """Revoke one of one's own tokens.

    :raise NotFound: not a token of this user.
    """
    require_signed_in(user)
    token = db.session.get(ApiToken, token_id)
    if token is None or token.user_id != user.id:
        raise NotFound(_("Onbekend token."))
    if token.revoked_at is None:
        with unit_of_work():
            token.revoked_at = utcnow()
            record("api_token.revoked", "user", user.id, actor_id=user.id, after={"token_id": token.id})


def own_api_tokens(user: User) -> list[ApiToken]:
    """One's own API tokens, oldest first."""
    require_signed_in(user)
    return list(
        db.session.scalars(sa.select(ApiToken).where(ApiToken.user_id == user.id).order_by(ApiToken.id))
    )


def user_for_api_token(secret: str) -> User | None:
    """The active user behind a bearer token, or None."""
    if not secret.startswith(TOKEN_PREFIX):
        return None
    token = db.session.scalar(sa.select(ApiToken).where(ApiToken.digest == digest(secret)))
    if token is None or token.revoked_at is not None or not token.user.is_active:
        return None
    now = utcnow()
    if token.last_used_at is None or now - token.last_used_at > timedelta(minutes=5):
        with unit_of_work():
            token.last_used_at = now  # coarse, so busy clients do not write on every request
    return token.user


def all_users(actor: User | None) -> list[User]:
    """Every account, for admins.

    :raise PermissionDenied: not an admin.
    """
    require_admin(actor, _("Alleen beheerders zien alle accounts."))
    return list(db.session.scalars(sa.select(User).order_by(User.role, User.email)))
