"""Request details that need care: the client's address, where a "next" link may point, and characters no
field may hold."""

from __future__ import annotations

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


def refuse_nul_characters() -> None:
    """Before every request: a NUL character in the address or a query parameter is refused (422).

    No field the registry keeps may hold one, and PostgreSQL cannot store one in text at all, so it is
    answered here, once, rather than as an error deep in a query.
    :raise ValidationFailed: a NUL in the path or a query parameter's name or value.
    """
    values = [request.path, *request.args.keys(), *request.args.values()]
    if any("\x00" in value for value in values):
        raise ValidationFailed(_("Het verzoek bevat een ongeldig teken."), fields={"_request": ["NUL"]})
