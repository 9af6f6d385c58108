"""Rate limits per client address on the API, announced in RateLimit-* headers.

The counters live in Redis when ``REDIS_URL`` is set, so every gunicorn worker (and host) shares them;
``memory://`` counts per process and is only allowed in development and tests (see registry.config).
"""

from __future__ import annotations

import math
import time

from flask import Flask, Response, current_app, request

from registry.extensions import limiter


def api_limit() -> str:
    """The limit for the feed's listings and records (configurable, e.g. "300 per minute")."""
    return current_app.config["REGISTRY_API_RATE_LIMIT"]


def dump_limit() -> str:
    """The (lower) limit for the full dumps, which are costly to serve."""
    return current_app.config["REGISTRY_DUMP_RATE_LIMIT"]


def form_limit() -> str:
    """The limit per address on forms that send e-mail or create accounts (sign-in, reset, sign-up)."""
    return current_app.config["REGISTRY_FORM_RATE_LIMIT"]


def add_rate_limit_headers(response: Response) -> Response:
    """RateLimit-Limit/-Remaining/-Reset (seconds) and RateLimit-Policy; Retry-After on a 429."""
    if not request.path.startswith(("/api/", "/ooapi/")):
        return response
    current = limiter.current_limit
    if current is None:
        return response
    try:
        reset_at, remaining = current.reset_at, current.remaining  # both ask the counters' storage
    except limiter.storage.base_exceptions:
        # The storage (the database, or Redis) went away mid-request: the answer goes out without headers
        # rather than turning into a 500.
        return response
    reset_in = max(0, math.ceil(reset_at - time.time()))
    window = current.limit.get_expiry()
    response.headers["RateLimit-Limit"] = str(current.limit.amount)
    response.headers["RateLimit-Remaining"] = str(max(0, remaining))
    response.headers["RateLimit-Reset"] = str(reset_in)
    response.headers["RateLimit-Policy"] = f"{current.limit.amount};w={window}"
    if response.status_code == 429:
        response.headers["Retry-After"] = str(max(1, reset_in))
    return response


def is_preflight() -> bool:
    """A CORS preflight asks permission for the real request; only the real request counts."""
    return request.method == "OPTIONS"


def register_rate_limits(app: Flask) -> None:
    """Bind the limiter to the app; its storage comes from ``RATELIMIT_STORAGE_URI``."""
    limiter.init_app(app)
    limiter.request_filter(is_preflight)
    app.after_request(add_rate_limit_headers)
