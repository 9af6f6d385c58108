"""Accounts: passwords, sign-in with limits, sessions that really end, API tokens, resets and invitations.

Accounts depend on no feature: a provider or organisation inviting a colleague calls ``invite_account``
from its own package, after its own permission check.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from flask import current_app
from flask_babel import gettext as _

from registry.accounts.mails import invitation_notice, link_mail, signup_notice
from registry.accounts.models import ApiToken, PasswordResetRequest, PasswordResetToken, Role, User
from registry.accounts.passwords import check_password_rules, hash_password, needs_rehash, password_matches
from registry.accounts.permissions import checked_by_caller, public, require_admin, require_signed_in
from registry.accounts.signin_limits import (  # noqa: F401  (the limits, as callers know them)
    MAX_FAILURES_PER_ADDRESS,
    MAX_FAILURES_PER_PAIR,
    TooManyAttempts,
    count_failure,
    forget_failures,
    refuse_when_throttled,
)
from registry.audit.service import record
from registry.clock import utcnow
from registry.errors import DomainError, InvalidTransition, NotFound, ValidationFailed
from registry.extensions import db
from registry.notifications.service import queue_email
from registry.transactions import unit_of_work

if TYPE_CHECKING:
    from registry.catalogue.models import Provider
    from registry.organisations.models import Organisation

RESET_LINK_LIFETIME = timedelta(hours=2)
INVITATION_LIFETIME = timedelta(days=7)
TOKEN_PREFIX = "srk_"
RESET_PAGE = "/wachtwoord/nieuw"


class LoginFailed(DomainError):
    status = 401
    title = "Inloggen mislukt"
    title_en = "Sign-in failed"


def digest(secret: str) -> str:
    """Tokens are long and random, so a fast hash is enough; passwords use argon2."""
    return hashlib.sha256(secret.encode()).hexdigest()


@checked_by_caller
def set_password(user: User, password: str) -> None:
    """Hash and store a new password; every session, API token and unused link of the user ends."""
    check_password_rules(password, email=user.email or "", name=user.name or "")
    user.password_hash = hash_password(password)
    _end_credentials(user, links=True)


def _end_credentials(user: User, *, links: bool) -> int:
    """End every session and API token of ``user`` (and unused set-password links); the tokens ended."""
    user.session_version = (user.session_version or 0) + 1
    if user.id is None:
        return 0  # a new account has nothing to end yet
    now = utcnow()
    if links:
        _expire_unused_links(user, now)
    ended = db.session.execute(
        sa.update(ApiToken)
        .where(ApiToken.user_id == user.id, ApiToken.revoked_at.is_(None))
        .values(revoked_at=now)
    )
    return ended.rowcount or 0


def _expire_unused_links(user: User, now: datetime) -> None:
    """One link at a time: a newer link or a new password makes every older link useless."""
    db.session.execute(
        sa.update(PasswordResetToken)
        .where(
            PasswordResetToken.user_id == user.id,
            PasswordResetToken.used_at.is_(None),
            PasswordResetToken.expires_at > now,
        )
        .values(expires_at=now)
    )


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
                _("Er bestaat al een account met dit e-mailadres."), fields={"email": [_("bestaat al")]}
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
            _queue_set_password_link(user, INVITATION_LIFETIME, purpose="invitation")
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
) -> User | None:
    """Invite a new colleague to a provider or organisation; not committed. None when the address
    already has an account: its owner is told, the inviter hears the same as for a new address.

    A building block, not an entry point: the feature that calls it checks membership and commits.
    """
    email = _normalise_email(email)
    existing = db.session.scalar(sa.select(User.id).where(User.email == email))
    if existing:
        # Never attach someone else's account without their consent (the register's admins can link
        # it), and never tell the inviter that the address has an account somewhere.
        inviter = (provider.name if provider else None) or (organisation.name if organisation else "")
        queue_email(email, *invitation_notice(inviter))
        record("user.invited_existing", "user", existing, actor_id=actor.id)
        return None
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
    _queue_set_password_link(user, INVITATION_LIFETIME, purpose="invitation")
    return user


def set_active(actor: User | None, user_id: int, active: bool) -> User:
    """An admin blocks or unblocks an account; blocking ends its sessions, API tokens and unused
    set-password links for good, so unblocking brings none of them back."""
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
        ended = _end_credentials(user, links=not active)
        after = {"api_tokens_ended": ended}
        record(
            "user.activated" if active else "user.blocked", "user", user.id, actor_id=actor.id, after=after
        )
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
        raise ValidationFailed(_("Vul een geldig e-mailadres in."), fields={"email": [_("ongeldig")]})
    return email


# -- signing in ----------------------------------------------------------------------------------


def authenticate(email: str, password: str, address: str) -> User:
    """Check a password, with limits per account and per address that hold across all workers.

    :raise TooManyAttempts: too many failures recently; nothing is checked.
    :raise LoginFailed: wrong e-mail or password (the same message for both).
    """
    email = (email or "").strip().lower()
    refuse_when_throttled(email, address)
    user = db.session.scalar(sa.select(User).where(User.email == email))
    password_ok = _password_matches(user, password)  # always pay for one argon2 check
    if user is None or not user.is_active or not password_ok:
        with unit_of_work():
            count_failure(email, address)
        raise LoginFailed(_("Het e-mailadres of wachtwoord klopt niet."))
    with unit_of_work():
        if needs_rehash(user.password_hash):
            user.password_hash = hash_password(password)
        user.last_login_at = utcnow()
        forget_failures(email, address)
        record("user.login", "user", user.id, actor_id=user.id, after={"address": address})
    return user


def _password_matches(user: User | None, password: str) -> bool:
    """Unknown accounts cost one argon2 hash too, so timing does not reveal them."""
    return password_matches(user.password_hash if user else None, password)


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
    """Logout everywhere: every session cookie and API token of this user stops working."""
    require_signed_in(user)
    with unit_of_work():
        tokens = _end_credentials(user, links=False)
        record("user.logout", "user", user.id, actor_id=user.id, after={"api_tokens_ended": tokens})


def change_password(user: User, current: str, new: str, address: str) -> None:
    """Change one's own password; other sessions and every API token end.

    :raise TooManyAttempts: too many wrong current passwords from this address; nothing is checked.
    :raise ValidationFailed: the current password is wrong, or the new one too weak.
    """
    require_signed_in(user)
    _confirm_password(user, current, address)
    with unit_of_work():
        set_password(user, new)
        record("user.password_changed", "user", user.id, actor_id=user.id)


def _confirm_password(user: User, password: str, address: str) -> None:
    """Ask a signed-in user for the password again; wrong guesses count as failed sign-ins."""
    refuse_when_throttled(user.email, address)
    if not _password_matches(user, password):
        with unit_of_work():
            count_failure(user.email, address)
        raise ValidationFailed(
            _("Uw huidige wachtwoord klopt niet."), fields={"current_password": [_("onjuist")]}
        )


# -- password reset and invitations -------------------------------------------------------------


def request_password_reset(email: str) -> None:
    """Note the request and nothing else, known address or not: the answer takes the same time and
    says the same thing either way. The ``password-resets`` job sends the link (``send_reset_links``)."""
    with unit_of_work():
        db.session.add(PasswordResetRequest(email=(email or "").strip().lower()[:254]))


def send_reset_links(limit: int = 500) -> dict[str, int]:
    """The background half of a reset request: a link to each active account asked for, once per run."""
    requests = list(
        db.session.scalars(sa.select(PasswordResetRequest).order_by(PasswordResetRequest.id).limit(limit))
    )
    sent = 0
    with unit_of_work():
        for email in dict.fromkeys(request.email for request in requests):  # asked twice: one link
            user = db.session.scalar(sa.select(User).where(User.email == email))
            if user is not None and user.is_active:
                _queue_set_password_link(user, RESET_LINK_LIFETIME, purpose="reset")
                record("user.reset_requested", "user", user.id)
                sent += 1
        for request in requests:
            db.session.delete(request)
    return {"requests": len(requests), "sent": sent}


@checked_by_caller
def send_signup_link(user: User) -> None:
    """The link with which someone who signed up proves the address and chooses a password."""
    _queue_set_password_link(user, INVITATION_LIFETIME, purpose="signup")


@checked_by_caller
def tell_owner_of_signup(email: str) -> None:
    """Someone signed up with an address that has an account: tell its owner, and tell nobody else."""
    queue_email(email, *signup_notice(current_app.config["PUBLIC_BASE_URL"].rstrip("/")))


def _queue_set_password_link(user: User, lifetime: timedelta, *, purpose: str) -> None:
    secret = secrets.token_urlsafe(32)
    now = utcnow()
    _expire_unused_links(user, now)
    db.session.add(PasswordResetToken(user_id=user.id, digest=digest(secret), expires_at=now + lifetime))
    base = current_app.config["PUBLIC_BASE_URL"].rstrip("/")
    # The secret travels in the fragment: browsers never send it, so no access log, proxy or Referer
    # holds it; the page moves it into the form that is posted.
    link = f"{base}{RESET_PAGE}#{secret}"
    subject, body = link_mail(purpose, link, lifetime)
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
            fields={"token": [_("ongeldig")]},
        )
    with unit_of_work():
        set_password(token.user, new_password)
        token.used_at = utcnow()
        record("user.password_reset", "user", token.user_id, actor_id=token.user_id)
    return token.user


@public
def retire_link_in_address(secret: str) -> None:
    """A link in the old form (the secret in the path, so in access logs): it stops working at once."""
    token = db.session.scalar(
        sa.select(PasswordResetToken).where(PasswordResetToken.digest == digest(secret))
    )
    if token is not None and token.used_at is None:
        with unit_of_work():
            token.expires_at = utcnow()
            record("user.reset_link_retired", "user", token.user_id)


# -- API tokens ----------------------------------------------------------------------------------


def issue_api_token(user: User, name: str, password: str, address: str) -> tuple[ApiToken, str]:
    """A signed-in user makes a token, after giving the password again (a stolen session cannot).

    :raise TooManyAttempts: too many wrong passwords from this address; nothing is checked.
    :raise ValidationFailed: the password is wrong.
    """
    require_signed_in(user)
    _confirm_password(user, password, address)
    return create_api_token(user, name)


def create_api_token(user: User, name: str) -> tuple[ApiToken, str]:
    """A new personal token; the secret is returned once and only its digest is stored.

    For the operator's command line; a session asks for the password first (``issue_api_token``).
    """
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
