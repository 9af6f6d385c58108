"""Request details that need care: the client's address and where a "next" link may point."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import request


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
