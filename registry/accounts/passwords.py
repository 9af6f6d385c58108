"""Passwords: which ones are refused (and why, in plain Dutch), and how they are hashed and checked."""

from __future__ import annotations

from argon2 import PasswordHasher, profiles
from argon2.exceptions import InvalidHashError, VerificationError
from flask import current_app
from flask_babel import gettext as _
from zxcvbn import zxcvbn

from registry.errors import ValidationFailed

MIN_PASSWORD_LENGTH = 10
# zxcvbn's scale runs 0-4; 3 is "safely unguessable" against an online attack and a slow hash.
MIN_STRENGTH = 3
# zxcvbn knows English words and passwords; these are the obvious Dutch and registry guesses.
CONTEXT_WORDS = (
    "kinderopvang",
    "scholingsregister",
    "scholing",
    "register",
    "opvang",
    "kinderen",
    "wachtwoord",
    "welkom",
    "geheim",
)
ESTIMATED_CHARACTERS = 72  # zxcvbn's own limit; a long password is judged by its first part


def check_password_rules(password: str, *, email: str = "", name: str = "") -> None:
    """Refuse short, common, contextual and trivially weak passwords.

    :raise ValidationFailed: with a Dutch explanation of what makes the password easy to guess.
    """
    password = password or ""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise ValidationFailed(
            _("Kies een wachtwoord van minstens %(n)s tekens.", n=MIN_PASSWORD_LENGTH),
            fields={"password": [_("minstens %(n)s tekens", n=MIN_PASSWORD_LENGTH)]},
        )
    local_part, _at, domain = email.lower().partition("@")
    names = name.lower().split()
    context = [*CONTEXT_WORDS, email.lower(), local_part, *domain.split("."), *names, "".join(names)]
    estimate = zxcvbn(password[:ESTIMATED_CHARACTERS], user_inputs=[word for word in context if word])
    if estimate["score"] < MIN_STRENGTH:
        reason = _weakness(estimate["sequence"])
        raise ValidationFailed(
            _(
                "Dit wachtwoord is te makkelijk te raden: %(reason)s Kies bijvoorbeeld vier of meer "
                "losse woorden die niet bij elkaar horen.",
                reason=reason,
            ),
            fields={"password": [reason]},
        )


def _weakness(matches: list[dict]) -> str:
    """What zxcvbn recognised, said the way a person would understand it."""
    patterns = {match["pattern"] for match in matches}
    dictionaries = {match.get("dictionary_name") for match in matches}
    if "user_inputs" in dictionaries:
        return _(
            "het bevat uw e-mailadres, uw naam, de naam van het register of een voor de hand liggend woord."
        )
    if "passwords" in dictionaries:
        return _("het staat in lijsten van veelgebruikte wachtwoorden.")
    if patterns & {"repeat", "sequence", "spatial"}:
        return _("het bestaat uit herhalingen, reeksen of toetsenbordpatronen (zoals aaaa, 1234 of qwerty).")
    if "date" in patterns:
        return _("het draait om een datum of jaartal.")
    return _("het bestaat uit te weinig onvoorspelbare delen.")


def _hasher() -> PasswordHasher:
    """argon2id with the configured profile (tests use argon2's own CHEAPEST profile for speed)."""
    profile = getattr(profiles, current_app.config.get("PASSWORD_HASH_PROFILE", "RFC_9106_LOW_MEMORY"))
    return PasswordHasher.from_parameters(profile)


def hash_password(password: str) -> str:
    """The argon2id hash that is stored."""
    return _hasher().hash(password)


def needs_rehash(password_hash: str) -> bool:
    """Whether a stored hash was made with weaker settings than today's."""
    return _hasher().check_needs_rehash(password_hash)


def password_matches(password_hash: str | None, password: str) -> bool:
    """Check a password. Without a stored hash it costs one argon2 hash too, so timing reveals nothing."""
    if not password_hash:
        _hasher().hash(password or "")
        return False
    try:
        return _hasher().verify(password_hash, password or "")
    except (VerificationError, InvalidHashError):
        return False
