"""Request details that need care: the client's address, where a "next" link may point, and characters no
field may hold."""

from __future__ import annotations

import math
from urllib.parse import urlsplit

from flask import request
from flask_babel import gettext as _

from registry.errors import ValidationFailed


def client_address() -> str:
    """The client's address (behind proxies set REGISTRY_PROXY_HOPS, so X-Forwarded-For is trusted)."""
    return (request.remote_addr or "unknown")[:64]


def safe_next_url(target: str | None) -> str | None:
    """Only same-site paths are followed after sign-in, so a link cannot bounce users elsewhere."""
    if not target:
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return None
    return target


# The widest whole number any column holds (PostgreSQL bigint, SQLite INTEGER).
LARGEST_STORABLE_INTEGER = 2**63 - 1


def refuse_nul_characters() -> None:
    """Before every request: input no column can store is refused (422) before any hook or query reads it.

    A NUL character (PostgreSQL cannot store one in text) in the address, a query parameter, a form field
    or a JSON string; in a JSON body also a lone surrogate (not valid UTF-8), a whole number wider than
    64 bits, a non-finite number, and nesting too deep to parse. Answered here, once, rather than as an
    error deep in a query. Runs after the size check (registry/http/limits.py), so the body it reads is
    bounded.
    :raise ValidationFailed: naming what was refused.
    """
    values = [request.path, *request.args.keys(), *request.args.values()]
    if request.mimetype in _FORM_TYPES:
        values += [*request.form.keys(), *request.form.values()]
    if any("\x00" in value for value in values):
        raise ValidationFailed(_("Het verzoek bevat een ongeldig teken."), fields={"_request": [_("NUL")]})
    if request.is_json and request.content_length != 0:
        _refuse_unstorable_json()


_FORM_TYPES = {"application/x-www-form-urlencoded", "multipart/form-data"}


def _refuse_unstorable_json() -> None:
    try:
        body = request.get_json(silent=True)
    except RecursionError as error:
        raise ValidationFailed(
            _("De JSON is te diep genest."), fields={"_body": [_("te diep genest")]}
        ) from error
    pending = [body]
    while pending:  # a loop, not recursion: the depth is the client's choice
        value = pending.pop()
        if isinstance(value, dict):
            pending.extend(value.keys())
            pending.extend(value.values())
        elif isinstance(value, list):
            pending.extend(value)
        elif isinstance(value, str):
            _refuse_unstorable_text(value)
        elif isinstance(value, bool) or value is None:
            continue
        elif isinstance(value, int) and abs(value) > LARGEST_STORABLE_INTEGER:
            raise ValidationFailed(
                _("Een getal in het verzoek is te groot."), fields={"_body": [_("getal te groot")]}
            )
        elif isinstance(value, float) and not math.isfinite(value):
            raise ValidationFailed(
                _("Een getal in het verzoek is ongeldig."), fields={"_body": [_("geen eindig getal")]}
            )


def _refuse_unstorable_text(value: str) -> None:
    if "\x00" in value:
        raise ValidationFailed(_("Het verzoek bevat een ongeldig teken."), fields={"_request": [_("NUL")]})
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as error:  # a lone surrogate such as \ud800
        raise ValidationFailed(
            _("Het verzoek bevat een ongeldig teken."), fields={"_request": [_("ongeldige Unicode")]}
        ) from error
