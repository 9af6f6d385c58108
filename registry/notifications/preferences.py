"""Who wants which e-mail: signed links that work without logging in, and the preferences behind them."""

from __future__ import annotations

import sqlalchemy as sa
from flask import current_app
from flask_babel import gettext as _
from itsdangerous import BadSignature, URLSafeSerializer

from registry.audit.service import record
from registry.errors import NotFound, ValidationFailed
from registry.extensions import db
from registry.notifications.models import MailCategory, MailPreference
from registry.transactions import unit_of_work

LANGUAGES = ("nl", "en")
_SALT = "mail-preferences"


def _serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt=_SALT)


def preferences_token(address: str) -> str:
    """A link key for one address; it does not expire, because old e-mails keep their links."""
    return _serializer().dumps({"a": address.lower()})


def unsubscribe_token(address: str, category: MailCategory) -> str:
    """A link key that switches one category off for one address (one click, RFC 8058)."""
    return _serializer().dumps({"a": address.lower(), "c": category.value})


def read_token(token: str) -> tuple[str, MailCategory | None]:
    """The address (and category) a link was made for.

    :raise NotFound: the link was altered or made with another key.
    """
    try:
        data = _serializer().loads(token)
        return data["a"], MailCategory(data["c"]) if "c" in data else None
    except (BadSignature, KeyError, ValueError, TypeError) as error:
        raise NotFound(_("Deze link klopt niet (meer). Gebruik de link uit de nieuwste e-mail.")) from error


def absolute_url(path: str) -> str:
    """An address on the public site; mail is made outside requests, so never from the request host."""
    return current_app.config["PUBLIC_BASE_URL"].rstrip("/") + path


def preferences_url(address: str) -> str:
    return absolute_url(f"/e-mail/voorkeuren/{preferences_token(address)}")


def unsubscribe_url(address: str, category: MailCategory) -> str:
    return absolute_url(f"/e-mail/afmelden/{unsubscribe_token(address, category)}")


def preference_for(address: str) -> MailPreference:
    """The stored choice, or the default (everything, in Dutch) when the address never chose."""
    found = db.session.scalar(sa.select(MailPreference).where(MailPreference.address == address.lower()))
    return found or MailPreference(address=address.lower(), language="nl", reminders=True, digests=True)


def unsubscribe(token: str) -> tuple[str, MailCategory]:
    """Switch the link's category off for its address (idempotent); audited.

    :raise NotFound: the link is not a valid unsubscribe link.
    """
    address, category = read_token(token)
    if category is None:
        raise NotFound(_("Deze link klopt niet (meer). Gebruik de link uit de nieuwste e-mail."))
    preference = preference_for(address)
    with unit_of_work():
        setattr(preference, _FIELDS[category], False)
        db.session.add(preference)
        record("mail_preference.unsubscribed", "mail_preference", address, after={"category": category.value})
    return address, category


def update_preferences(token: str, *, reminders: bool, digests: bool, language: str) -> MailPreference:
    """Save what the address wants to receive; audited.

    :raise NotFound: the link is not valid.
    :raise ValidationFailed: an unknown language.
    """
    address, _issued = read_token(token)
    if language not in LANGUAGES:
        raise ValidationFailed(_("Kies Nederlands of Engels."), fields={"language": [_("onbekende taal")]})
    preference = preference_for(address)
    before = {
        "reminders": preference.reminders,
        "digests": preference.digests,
        "language": preference.language,
    }
    with unit_of_work():
        preference.reminders, preference.digests, preference.language = reminders, digests, language
        db.session.add(preference)
        record(
            "mail_preference.updated",
            "mail_preference",
            address,
            before=before,
            after={"reminders": reminders, "digests": digests, "language": language},
        )
    return preference


_FIELDS = {MailCategory.REMINDER: "reminders", MailCategory.DIGEST: "digests"}
